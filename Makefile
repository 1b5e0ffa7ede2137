# Two commands on a fresh machine: `make build` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-build
DEV_STAMP := $(VENV)/.installed-dev
# The browser for the tests: Debian's chromium by default; GitHub's runners use their Google Chrome
# (CHROMIUM=/usr/bin/google-chrome in the workflows). Each tool below is installed only where it is absent.
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1  # Material prints an end-of-life banner otherwise

.PHONY: build serve validate test check lint typecheck bench clean guide-images

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The project is installed too (editable), so MkDocs finds its plugin (francis, in pyproject.toml).
$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP) $@

build: $(STAMP)  ## validate data/, generate the pages, build site/ strictly (PUBLISH=1: for publishing, SITE_URL set)
	$(BIN)/python -m generator build $(if $(PUBLISH),--publish)

serve: $(STAMP)  ## preview at http://127.0.0.1:8000/, rebuilding when data/ or content/ change
	$(BIN)/mkdocs serve --strict

validate: $(STAMP)  ## check the data only
	$(BIN)/python -m generator validate

# Mirrors stall now and then (on GitHub's runners too): retry, and give up on a silent one.
APT_OPTIONS := -o Acquire::Retries=3 -o Acquire::http::Timeout=60
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Install Chromium (Debian package 'chromium') for the browser tests."; exit 1; }
	$(SUDO) apt-get $(APT_OPTIONS) update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get $(APT_OPTIONS) install -y -qq chromium >/dev/null

# A second Chromium-family browser for tests/test_browsers.py: beside Chrome on GitHub's runners, the
# image's own Chromium; elsewhere, Debian's chromium-headless-shell.
SECOND_BROWSER := $(if $(filter /usr/bin/google-chrome,$(CHROMIUM)),/usr/bin/chromium,/usr/bin/chromium-headless-shell)

/usr/bin/chromium-headless-shell:
	@command -v apt-get >/dev/null || { echo "Install a second Chromium-family browser (Debian package 'chromium-headless-shell') for the browser tests."; exit 1; }
	$(SUDO) apt-get $(APT_OPTIONS) update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get $(APT_OPTIONS) install -y -qq chromium-headless-shell >/dev/null

# actionlint runs ShellCheck on every run: step of the workflows
SHELLCHECK := $(or $(shell command -v shellcheck),/usr/bin/shellcheck)

$(SHELLCHECK):
	@command -v apt-get >/dev/null || { echo "Install ShellCheck (Debian package 'shellcheck') for the workflow tests."; exit 1; }
	$(SUDO) apt-get $(APT_OPTIONS) update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get $(APT_OPTIONS) install -y -qq shellcheck >/dev/null

# The workbook tests open the export in LibreOffice, as a communications lead may
SOFFICE := $(or $(shell command -v soffice),/usr/bin/soffice)

$(SOFFICE):
	@command -v apt-get >/dev/null || { echo "Install LibreOffice Calc (Debian package 'libreoffice-calc-nogui') for the workbook tests."; exit 1; }
	$(SUDO) apt-get $(APT_OPTIONS) update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get $(APT_OPTIONS) install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null

AXE := node_modules/axe-core/axe.min.js

# The Nu Html Checker (npm vnu-jar) runs on Java
JAVA := $(or $(shell command -v java),/usr/bin/java)

$(JAVA):
	@command -v apt-get >/dev/null || { echo "Install Java (Debian package 'default-jre-headless') for the HTML checker."; exit 1; }
	$(SUDO) apt-get $(APT_OPTIONS) update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get $(APT_OPTIONS) install -y -qq --no-install-recommends default-jre-headless >/dev/null

# axe-core, the Nu Html Checker, pa11y and Lighthouse (pinned in package-lock.json). They use Debian's
# Chromium: puppeteer is told not to download one (downloads do not work everywhere we build).
$(AXE): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(DEV_STAMP) $(CHROMIUM) $(SECOND_BROWSER) $(SHELLCHECK) $(SOFFICE) $(JAVA) $(AXE)  ## install what the tests need and run them all
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

typecheck: $(DEV_STAMP)
	$(BIN)/mypy generator

check: lint typecheck test  ## ruff, mypy and every test

clean:
	rm -rf build site .site-* site.old .pytest_cache .mypy_cache .ruff_cache

bench: $(DEV_STAMP) $(CHROMIUM)  ## build the real data and 50 and 500 synthetic organisations; figures in bench/out/results.json
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py

guide-images: $(DEV_STAMP) $(CHROMIUM) $(SOFFICE)  ## redraw the pictures in the guide to updating a plan (content/images/update/)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m generator.tools.guide_images

urls: build  ## record the addresses this build publishes; commit release/published-urls.txt with a release
	cp site/urls.txt release/published-urls.txt
