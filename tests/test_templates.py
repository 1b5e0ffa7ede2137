"""Each page template uses only the names its context declares (render/contexts.py) and the documented
globals (render/environment.py): a template cannot quietly depend on something nobody wrote down."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
from jinja2 import meta

from generator.render import contexts
from generator.render.environment import GLOBALS, environment

from .conftest import ROOT

CONTEXTS = {
    "home.md.j2": contexts.HomeContext,
    "recommendation_index.md.j2": contexts.RecommendationIndexContext,
    "recommendation.md.j2": contexts.RecommendationContext,
    "organisation_index.md.j2": contexts.OrganisationIndexContext,
    "organisation.md.j2": contexts.OrganisationContext,
    "changes.md.j2": contexts.ChangesContext,
    "data.md.j2": contexts.DataContext,
    "statement_index.md.j2": contexts.StatementIndexContext,
    "statement.md.j2": contexts.StatementContext,
    "_statement_body.j2": contexts.StatementContext,  # included by the two statement templates
    "statement_print.html.j2": contexts.StatementPrintContext,
    "source.md.j2": contexts.SourceContext,
    "glossary.md.j2": contexts.GlossaryContext,
    "_macros.j2": None,  # imported without context: its macros see only the globals and their arguments
}
ENV = environment()


def undeclared(name: str) -> set[str]:
    source = ENV.loader.get_source(ENV, name)[0]  # type: ignore[union-attr]
    return set(meta.find_undeclared_variables(ENV.parse(source)))


def test_every_template_has_a_context() -> None:
    assert sorted(ENV.list_templates()) == sorted(CONTEXTS)


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_a_template_uses_only_its_context_and_the_globals(name: str) -> None:
    context = CONTEXTS[name]
    allowed = set(GLOBALS) | ({f.name for f in fields(context)} if context else set())
    assert undeclared(name) <= allowed, undeclared(name) - allowed


def test_every_context_field_and_global_is_used_and_documented() -> None:
    used = set().union(*(undeclared(name) for name in CONTEXTS))
    for context in {c for c in CONTEXTS.values() if c}:
        unused = {f.name for f in fields(context)} - used
        assert not unused, (context.__name__, unused)
    assert all(doc for _value, doc in GLOBALS.values())
    # Globals are not "undeclared" to jinja2.meta, so look for them in the sources; content/ uses them too.
    sources = [ENV.loader.get_source(ENV, name)[0] for name in CONTEXTS]  # type: ignore[union-attr]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md")]
    for name in GLOBALS:
        assert any(re.search(rf"\b{name}\b", source) for source in sources), name
