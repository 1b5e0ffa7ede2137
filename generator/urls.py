"""Every address and anchor on the site, in one place.

Addresses are site-root paths of pages ("" is the home page, "recommendations/123/"), as MkDocs makes
them with directory URLs. `Links` turns them into links relative to the page they appear on, so the site
works from any folder (a GitHub Pages project site) and from a file:// copy; `Links.absolute` makes them
absolute, for the PDFs and the feed.
"""

from __future__ import annotations

HOME = ""
RECOMMENDATIONS = "recommendations/"
ORGANISATIONS = "organisations/"
STATEMENTS = "statements/"
CHANGES = "changes/"
DATA = "data/"
ABOUT = "about/"
SEARCH = "search/"
FEED = "changes/feed.xml"


def recommendation(number: int) -> str:
    return f"recommendations/{number}/"


def organisation(code: str) -> str:
    return f"organisations/{code}/"


PLAN_WORKBOOK = "plan.xlsx"  # beside each organisation's page: its plan in the import format
TEMPLATE = "data/francis-action-plan-template.xlsx"  # the blank workbook, for an organisation not yet here
UPDATE = "update/"  # the guide for communications leads


def plan_workbook(code: str) -> str:
    return f"{organisation(code)}{PLAN_WORKBOOK}"


def statement(year: int) -> str:
    return f"statements/{year}/"


def source_document(file: str) -> str:
    """The page of a transcribed source document (data/sources/<file>)."""
    return f"sources/{file.removesuffix('.txt')}/"


def line_anchor(line: int) -> str:
    return f"L{line}"


def statement_pdf_name(year: int) -> str:
    return f"francis-progress-statement-{year}.pdf"


# Anchors: the id of a part of a page.


def response_anchor(recommendation: int) -> str:
    """A response on its organisation's page."""
    return f"rec-{recommendation}"


def action_anchor(recommendation: int, index: int) -> str:
    """An action on its organisation's page (index counts from 1 within its response)."""
    return f"rec-{recommendation}-action-{index}"


def plan_action_anchor(index: int) -> str:
    """An action of an organisation's plan as a whole, on its page (index counts from 1)."""
    return f"plan-action-{index}"


def organisation_anchor(code: str) -> str:
    """An organisation's response on a recommendation's page."""
    return f"org-{code}"


def report_anchor(report_id: str) -> str:
    """A report in its organisation's list of reports."""
    return f"report-{report_id}"


def release_anchor(tag: str) -> str:
    return f"release-{tag}"


def response(code: str, recommendation_number: int) -> str:
    return f"{organisation(code)}#{response_anchor(recommendation_number)}"


def action(code: str, recommendation_number: int, index: int) -> str:
    return f"{organisation(code)}#{action_anchor(recommendation_number, index)}"


def plan_action(code: str, index: int) -> str:
    return f"{organisation(code)}#{plan_action_anchor(index)}"


def passage(file: str, first_line: int) -> str:
    return f"{source_document(file)}#{line_anchor(first_line)}"


def source(path: str) -> str:
    """The page of a Markdown source file (content/about.md -> about/)."""
    page = path.removesuffix(".md").removesuffix("index")
    return f"{page}/" if page and not page.endswith("/") else page


def relative(here: str, there: str) -> str:
    """A link from the page at `here` to `there` (a page, a page's anchor, or a file), both site-root
    paths: from recommendations/123/ to organisations/x/ is ../../organisations/x/."""
    target, hash_mark, anchor = there.partition("#")
    if target == here and hash_mark:
        return f"#{anchor}"
    base = here.rstrip("/").split("/") if here else []
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    link = "../" * (len(base) - common) + "/".join(parts[common:])
    return (link or "./") + (f"#{anchor}" if hash_mark else "")


class Links:
    """Links from one page (or, with `absolute`, from anywhere, for the PDFs and the feed)."""

    def __init__(self, here: str, absolute: str = "") -> None:
        self.here = here
        self.base = absolute  # the site's address, for absolute links; "" for relative ones

    def to(self, there: str) -> str:
        return self.base + there if self.base else relative(self.here, there)

    def recommendation(self, number: int) -> str:
        return self.to(recommendation(number))

    def organisation(self, code: str) -> str:
        return self.to(organisation(code))

    def response(self, code: str, number: int) -> str:
        return self.to(response(code, number))

    def action(self, code: str, number: int, index: int) -> str:
        return self.to(action(code, number, index))

    def plan_action(self, code: str, index: int) -> str:
        return self.to(plan_action(code, index))

    def passage(self, file: str, first_line: int) -> str:
        return self.to(passage(file, first_line))

    def statement(self, year: int) -> str:
        return self.to(statement(year))

    def release(self, tag: str) -> str:
        return self.to(f"{CHANGES}#{release_anchor(tag)}")
