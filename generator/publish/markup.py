"""Corrections to the HTML Material for MkDocs writes around our pages, where the Nu Html Checker and
pa11y (WCAG 2 AA) find fault and the markup is outside the blocks a theme may override. Each is an exact
string of Material 9.8.1's output (pinned), so a new version that changes it fails the validator tests
rather than passing unfixed."""

from __future__ import annotations

_DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
_SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
_PALETTE = '<form class="md-header__option" data-md-component="palette">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def corrected(html: str) -> str:
    # `autocomplete` is not allowed on a checkbox, and a control needs a name. (The search toggle belongs
    # to Material's own search, which this site replaces with Pagefind's, but Material's script needs it.)
    html = html.replace(_DRAWER, _DRAWER.replace(' autocomplete="off"', ' aria-label="Menu"'), 1)
    html = html.replace(_SEARCH, _SEARCH.replace(' autocomplete="off"', ' aria-label="Search"'), 1)
    # The colour-scheme switch is a set of radio buttons, not a form to submit.
    start = html.find(_PALETTE)
    if start >= 0:
        end = html.find("</form>", start)
        html = (
            html[:start]
            + '<div class="md-header__option" data-md-component="palette">'
            + html[start + len(_PALETTE) : end]
            + "</div>"
            + html[end + len("</form>") :]
        )
    # The table of contents' title names a toggle that Material leaves out of pages without headings, and
    # on pages without a title for it, the toggle has no name.
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    html = html.replace(_TOC_TOGGLE, _TOC_TOGGLE.replace(">", ' aria-label="Table of contents">'))
    return html
