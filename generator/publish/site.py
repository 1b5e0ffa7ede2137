"""The site itself: MkDocs builds it into a new folder, which replaces the published one only when
everything has worked; and what the build says about the result (its addresses, its size)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..contact import Contact, read_contact
from ..leftovers import work_folder


def published_address(config_file: Path) -> tuple[str, Contact]:
    """The site's address from mkdocs.yml (SITE_URL when publishing) and its contact, before MkDocs
    builds anything."""
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:  # stand-in folders: only site_url and extra are read
        (Path(folder) / "docs").mkdir()
        config = load_config(config_file=str(config_file), docs_dir=f"{folder}/docs", site_dir=f"{folder}/site")
        return config.site_url or "", read_contact(dict(config.extra), config_file.resolve().parent)


class AddressError(ValueError):
    """A build for publishing without the address it will be published at."""


def check_address(site_url: str) -> None:
    """A published site writes its address into every canonical link, the sitemap, robots.txt, the feed and
    the PDFs: a build for publishing without its real address would send all of them to this computer."""
    from urllib.parse import urlsplit

    host = urlsplit(site_url).hostname or ""
    if not site_url or host in ("127.0.0.1", "localhost", "0.0.0.0"):  # noqa: S104 - names, not a socket
        raise AddressError(
            f'the site\'s address is "{site_url}": set SITE_URL to the address it is published at (in GitHub, '
            "the repository variable SITE_URL), such as https://francis.example.nhs.uk/"
        )


def mkdocs_build(
    config_file: Path,
    pages_dir: Path,
    site_dir: Path,
    prepare: Callable[[Any], object],
    accept: Callable[[Path], object] = lambda _built: None,
) -> None:
    """Build strictly into a new folder, then swap it in place of site_dir; `prepare` is given MkDocs's
    configuration before it builds (to hand the plugin what the generator made), and `accept` the built
    folder before the swap (it raises to refuse it). If anything fails, site_dir is left as it was."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    # Beside site_dir, so that it can take its place in one rename.
    staging = work_folder(site_dir.parent, f".{site_dir.name}-building-")
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(pages_dir.resolve()),
            site_dir=str(staging),
            strict=True,
        )
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        prepare(config)
        build(config)
        accept(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


URL_LIST = "urls.txt"


# GitHub Pages publishes sites of up to 1 GB (actions/upload-pages-artifact: "we recommend under 1 GB"; a
# larger one may fail to deploy). A national site comes close, so the build says when it is over.
PAGES_LIMIT = 10**9


class SizeError(ValueError):
    """A site to publish that is larger than GitHub Pages publishes."""


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def size_warning(folder: Path) -> str:
    """A warning if the built site is larger than GitHub Pages publishes, else ""."""
    size, limit = _size(folder), PAGES_LIMIT
    if size <= limit:
        return ""
    return (
        f"warning: {folder} holds {size / 1e6:,.0f} MB, more than the {limit / 1e6:,.0f} MB GitHub Pages publishes; "
        "GitHub may not deploy it"
    )


def check_size(folder: Path) -> None:
    """A site to publish must be one GitHub Pages can deploy: a larger one stops the build."""
    size, limit = _size(folder), PAGES_LIMIT
    if size > limit:
        raise SizeError(
            f"the site would hold {size / 1e6:,.0f} MB, more than the {limit / 1e6:,.0f} MB GitHub Pages publishes, "
            "so it could not be deployed. The README's section on national scale says what takes the space"
        )


def published_urls(site: Path) -> list[str]:
    """Every address people may have linked to: pages and downloads, not hashed theme or index files."""
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("assets/", "pagefind/", "search/words/")):
            continue
        if rel in (URL_LIST, "sitemap.xml.gz", "robots.txt"):
            continue
        found.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return found
