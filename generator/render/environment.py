"""The Jinja2 environment the page templates render in, and the globals and filters every template may
use. Anything else a template uses comes from its context (contexts.py)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model import statuses
from ..model.dates import show, show_partial
from .fragments import definitions, reporting_tag, status_tag
from .page import HTML_MARKER
from .text import excerpt, prose

# name: (value, what it is). Every template may use these, and nothing else beyond its context.
GLOBALS: dict[str, tuple[Any, str]] = {
    "status": (status_tag, "status(code): an implementation status as a tag, in words"),
    "reporting": (reporting_tag, "reporting(code): a reporting status as a tag, in words"),
    "definitions": (definitions, "definitions(kind): a table of a vocabulary's labels and meanings"),
    "government_label": (
        lambda code: statuses.label(statuses.GOVERNMENT_RESPONSE, code),
        "government_label(code): the Government's response in words",
    ),
    "kind_label": (
        lambda code: statuses.label(statuses.ORGANISATION_KINDS, code),
        "kind_label(code): a kind of organisation in words",
    ),
    "confidence_label": (
        lambda code: statuses.label(statuses.CONFIDENCE, code),
        "confidence_label(code): how sure the site is of a Government response, in words",
    ),
    "IMPLEMENTATION": (statuses.IMPLEMENTATION, "the implementation statuses, in the published order"),
    "GOVERNMENT_RESPONSE": (statuses.GOVERNMENT_RESPONSE, "the Government's responses, in the published order"),
    "contact": (None, "who runs the site: contact.how (how to reach them, as HTML), .response, .upload (contact.py)"),
    "html_marker": (
        Markup(HTML_MARKER.strip()),  # noqa: S704 - a constant
        "the line after which a page's body is rendered HTML (page.HTML_MARKER)",
    ),
}
FILTERS: dict[str, tuple[Any, str]] = {
    "prose": (prose, "text from the data as paragraphs and lists, escaped"),
    "excerpt": (excerpt, "excerpt(words): the first words of a text, on one line"),
    "date": (show, "a date as 22 November 2026"),
    "partial_date": (show_partial, "an ISO date, month or year in words: 2014-02 is February 2014"),
}


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update({name: value for name, (value, _doc) in GLOBALS.items()})
    env.filters.update({name: value for name, (value, _doc) in FILTERS.items()})
    return env
