"""The change log's Atom feed: one entry per release, with absolute links."""

from __future__ import annotations

import datetime as dt

from ..history.git import History
from ..history.text import summary


def atom_feed(found: History, site_url: str, site_name: str) -> str:
    """A valid Atom feed of releases, newest first, with absolute links."""
    from xml.sax.saxutils import escape as xml

    base = site_url.rstrip("/") + "/"
    updated = found.releases[0].date if found.releases else dt.date(2013, 2, 6)
    entries = []
    for release in found.releases:
        link = f"{base}changes/#release-{release.tag}"
        words = summary(release.changes) if release.changes else "No changes to the data."
        items = "".join(
            f"<li>{xml(c.organisation_name)}: {xml(c.detail)}"
            + (f" (recommendation {c.recommendation})" if c.recommendation else "")
            + "</li>"
            for c in release.changes
        )
        content = f"<p>{xml(words)}</p><ul>{items}</ul>"
        entries.append(
            "  <entry>\n"
            f"    <title>Release {xml(release.tag)}</title>\n"
            f"    <id>{xml(link)}</id>\n"
            f'    <link rel="alternate" type="text/html" href="{xml(link)}"/>\n'
            f"    <updated>{release.date.isoformat()}T00:00:00Z</updated>\n"
            f"    <summary>{xml(words)}</summary>\n"
            f'    <content type="html">{xml(content)}</content>\n'
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{xml(site_name)}: releases</title>\n"
        f"  <subtitle>What changed in the data in each release.</subtitle>\n"
        f"  <id>{xml(base)}changes/</id>\n"
        f'  <link rel="self" type="application/atom+xml" href="{xml(base)}changes/feed.xml"/>\n'
        f'  <link rel="alternate" type="text/html" href="{xml(base)}changes/"/>\n'
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        f"  <author><name>{xml(site_name)}</name></author>\n" + "".join(entries) + "</feed>\n"
    )
