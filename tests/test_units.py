"""Unit tests of the pieces every page depends on: the status roll-up, escaping, the change diff and the
Content-Security-Policy, the glossary's links."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest

from generator.history.diff import diff
from generator.model.build import build
from generator.model.statuses import IMPLEMENTATION, roll_up
from generator.publish.csp import content_security_policy, with_policy
from generator.render.glossary import linked
from generator.render.page import front_matter
from generator.render.stack import labelled
from generator.render.text import excerpt, prose

from .conftest import ROOT


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        ([], "not-rated"),
        (["not-rated", "not-rated"], "not-rated"),
        (["green", "amber", "complete"], "amber"),  # the least advanced
        (["complete", "red"], "red"),
        (["not-started", "amber"], "not-started"),
        (["complete", "complete"], "complete"),
        (["complete", "not-applicable"], "complete"),  # not applicable does not hold it back
        (["complete", "not-rated"], "not-rated"),  # one unrated action: not known to be complete
        (["green", "not-rated"], "green"),
        (["deferred", "not-rated"], "deferred"),
        (["deferred", "not-applicable"], "not-rated"),  # neither is all there is
        (["not-applicable", "not-applicable"], "not-applicable"),
        (["deferred", "green"], "green"),
    ],
)
def test_a_response_without_its_own_rating_takes_the_least_advanced_of_its_actions(
    actions: list[str], expected: str
) -> None:
    assert roll_up(actions) == expected


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("plain", "<p>plain</p>"),
        ("", ""),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("\"quotes\" & 'apostrophes'", "<p>&#34;quotes&#34; &amp; &#39;apostrophes&#39;</p>"),
        ("**bold** and [x](javascript:alert(1))", "<p>**bold** and [x](javascript:alert(1))</p>"),
        ("one\n\ntwo", "<p>one</p>\n<p>two</p>"),
        ("one\ntwo", "<p>one<br>\ntwo</p>"),
        ("• a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        (
            "see https://example.org/a?b=1&c=2.",
            '<p>see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">https://example.org/a?b=1&amp;c=2</a>.</p>',
        ),
        ('javascript:alert(1) "https://x.example/"onmouseover=1', None),
    ],
)
def test_text_from_the_data_is_escaped_and_only_given_paragraphs_lists_and_links(text: str, html: str | None) -> None:
    made = str(prose(text))
    if html is not None:
        assert made == html
    assert "<script" not in made and 'href="javascript' not in made and 'onmouseover=1"' not in made


def test_titles_in_front_matter_are_escaped_json_strings() -> None:
    assert front_matter('A <b>"title"</b>', "and & more") == (
        '---\ntitle: "A &lt;b&gt;&#34;title&#34;&lt;/b&gt;"\ndescription: "and &amp; more"\n'
        "hide:\n  - navigation\n---\n"
    )
    assert excerpt("• one two three four", 2) == "one two…"


def _dataset(position: str, status: str, extra_action: bool = False, org_name: str = "NHS X") -> Any:
    actions = [{"ref": "1.1", "description": "Do it.", "progress": [{"report": "r", "status": status}]}]
    if extra_action:
        actions.append({"description": "And this."})
    org = {
        "code": "x",
        "name": org_name,
        "short_name": "X",
        "kind": "trust",
        "region": "London",
        "reports": [{"id": "r", "title": "Plan", "date": "2014-02-25"}],
        "responses": [{"recommendation": 5, "report": "r", "position": position, "actions": actions}],
    }
    catalogue = {"sources": {}, "recommendations": [{"number": n} for n in range(1, 291)]}
    return build(catalogue, [org])


def test_the_change_diff_names_each_change_once_in_order() -> None:
    before = _dataset("We will.", "amber")
    after = _dataset("We have.", "complete", extra_action=True)
    changes = [(c.organisation, c.recommendation, c.what, c.kind, c.detail) for c in diff(before, after)]
    assert changes == [
        ("x", 5, "response", "status", "status Amber: some risk to Not rated (reported 25 February 2014)"),
        ("x", 5, "response", "edited", "edited: position"),
        ("x", 5, "Action 1.1", "status", "status Amber: some risk to Complete (reported 25 February 2014)"),
        ("x", 5, "Action 2", "added", "action added (Not rated)"),
    ]
    assert diff(before, before) == []
    added = diff(None, before)
    assert [(c.what, c.kind, c.detail) for c in added] == [("organisation", "added", "added, with 1 responses")]


def test_the_policy_allows_the_sites_own_files_and_its_inline_scripts_by_hash() -> None:
    page = '<html><head><title>x</title></head><body><script>var a = 1;</script><script src="x.js"></script></body>'
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    policy = content_security_policy(page)
    assert f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}';" in policy
    assert "default-src 'self';" in policy and "object-src 'none';" in policy and "base-uri 'self';" in policy
    assert "http" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    assert with_policy(page).startswith(
        f'<html><head>\n    <meta http-equiv="Content-Security-Policy" content="{policy}"><title>'
    )
    # An edited inline script no longer matches the policy made for the old one.
    assert content_security_policy(page.replace("a = 1", "a = 2")) != policy


def test_a_table_of_counts_by_status_is_labelled_by_the_stylesheet_in_the_order_of_the_statuses() -> None:
    """On a phone each cell reads "Heading: value". A table of counts by status has the statuses' columns
    wherever it is, so the stylesheet labels them (a national statement's table of organisations would
    otherwise carry 126 KB of labels): the stylesheet's must be the statuses, in order, then the total."""
    css = (ROOT / "theme" / "assets" / "stylesheets" / "francis.css").read_text(encoding="utf-8")
    found = re.findall(r'\.fr-by-status td:nth-of-type\((\d+)\)::before \{ content: "([^"]*): "; \}', css)
    assert found == [(str(n), label) for n, label in enumerate([*(t.label for t in IMPLEMENTATION), "Total"], 1)]
    head = "<thead><tr><th>Theme</th><th>Complete</th></tr></thead>"
    by_status = labelled(
        f'<table class="fr-table fr-by-status">{head}<tbody><tr><th>A</th><td>1</td></tr></tbody></table>'
    )
    assert '<th data-label="Theme">A</th><td>1</td>' in by_status
    other = labelled(f'<table class="fr-table">{head}<tbody><tr><th>A</th><td>1</td></tr></tbody></table>')
    assert '<th data-label="Theme">A</th><td data-label="Complete">1</td>' in other


def _term(word: str, anchor: str) -> str:
    return f'<a class="fr-term" href="../glossary/#{anchor}">{word}</a>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>The CCG and the CCG.</p>", f"<p>The {_term('CCG', 'ccg')} and the CCG.</p>"),  # the first use only
        ("<p>CCGs</p><p>CCG</p>", f"<p>{_term('CCGs', 'ccg')}</p><p>CCG</p>"),  # either spelling, one entry
        ("<h2>CCG</h2><p>CCG</p>", f"<h2>CCG</h2><p>{_term('CCG', 'ccg')}</p>"),  # not in a heading
        ('<a href="x">CCG</a> CCG', f'<a href="x">CCG</a> {_term("CCG", "ccg")}'),  # nor a link
        ("<H3 id=a>CCG</H3>CCG", f"<H3 id=a>CCG</H3>{_term('CCG', 'ccg')}"),  # whatever the tag's case
        ("<pre><code>CCG</code> CCG</pre>CCG", f"<pre><code>CCG</code> CCG</pre>{_term('CCG', 'ccg')}"),
        ("<!-- CCG --><p>CCG</p>", f"<!-- CCG --><p>{_term('CCG', 'ccg')}</p>"),  # nor a comment
        ('<p title="CCG">CCG</p>', f'<p title="CCG">{_term("CCG", "ccg")}</p>'),  # nor an attribute
        ("<p>decommissioning, CCG-led, ccg</p>", "<p>decommissioning, CCG-led, ccg</p>"),  # whole words, as written
        ("<p>was at, as at</p>", f"<p>was at, {_term('as at', 'as-at')}</p>"),
        ("<a/>CCG", f"<a/>{_term('CCG', 'ccg')}"),  # an empty element skips nothing
        (
            "<p>the CQC, the CCG's commissioners, the CQC</p>",
            f"<p>the {_term('CQC', 'cqc')}, the {_term('CCG', 'ccg')}'s {_term('commissioners', 'commissioning')}, "
            "the CQC</p>",
        ),
    ],
)
def test_the_glossary_links_the_first_use_of_each_word_in_the_text_of_a_page(html: str, expected: str) -> None:
    assert linked(html, "../glossary/") == expected
