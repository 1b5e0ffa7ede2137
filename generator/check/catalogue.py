"""Checks of the catalogue (data/recommendations.yaml) beyond the schema: every number once, and every
text, heading and Government response traced to a source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..load.files import RawData
from ..load.parse import Located
from ..model.kinds import whole_number
from .organisation import records
from .problems import Problem

TOTAL_RECOMMENDATIONS = 290


def check_catalogue(file: str, data: Located, raw: RawData) -> Iterable[Problem]:
    sources: dict[str, Any] = data["sources"] if isinstance(data.get("sources"), dict) else {}
    recs = data.get("recommendations")
    if not isinstance(recs, list):
        return
    org_reports = _org_reports(raw)
    seen: dict[int, int] = {}
    for i, rec in enumerate(recs):
        if not isinstance(rec, Located):
            continue
        number = whole_number(rec.get("number"))
        if number is not None:
            if number in seen:
                yield Problem(
                    file,
                    rec.key_lines["number"],
                    f"recommendations[{i}].number",
                    f"recommendation {number} is listed twice (first on line {seen[number]}); keep one entry",
                )
            else:
                seen[number] = rec.key_lines["number"]
        for what, source_field in (("text", "text_source"), ("title", "title_source")):
            source = rec.get(source_field)
            if (
                isinstance(source, str)
                and source not in sources
                and source not in org_reports
                and source.split("/")[0] not in raw.unreadable  # that file's own problem is reported
            ):
                yield Problem(
                    file,
                    rec.key_lines[source_field],
                    f"recommendations[{i}].{source_field}",
                    f'found "{source}"; expected a source id from this file\'s sources '
                    f"({', '.join(sources)}) or <organisation code>/<report id>",
                )
            if rec.get(what) and not source:
                yield Problem(
                    file,
                    rec.key_lines[what],
                    f"recommendations[{i}].{source_field}",
                    f"the {what} needs a {source_field} saying where it is from",
                )
        gov_source = rec.get("government_response_source")
        if isinstance(gov_source, str) and gov_source not in sources:
            yield Problem(
                file,
                rec.key_lines["government_response_source"],
                f"recommendations[{i}].government_response_source",
                f'found "{gov_source}"; expected a source id from this file\'s sources ({", ".join(sources)})',
            )
        if rec.get("government_response", "unknown") != "unknown" and not gov_source:
            yield Problem(
                file,
                rec.line,
                f"recommendations[{i}].government_response_source",
                "a Government response needs a government_response_source saying where it is from",
            )
        yield from _depends(file, rec, f"recommendations[{i}]")
    missing = sorted(set(range(1, TOTAL_RECOMMENDATIONS + 1)) - set(seen))
    if missing:
        yield Problem(
            file,
            data.key_lines.get("recommendations", 1),
            "recommendations",
            f"every one of the {TOTAL_RECOMMENDATIONS} recommendations needs an entry; missing: " + _ranges(missing),
        )


def _org_reports(raw: RawData) -> set[str]:
    refs = set()
    for _file, data in raw.organisations:
        if isinstance(data, dict):
            for report in records(data.get("reports")):
                refs.add(f"{data.get('code')}/{report.get('id')}")
    return refs


# Fields that say something about another field, and so need it.
NEEDS = {
    "text_url": "text",
    "government_response_as_shown": "government_response",
    "government_response_url": "government_response",
    "government_response_note": "government_response",
    "government_response_confidence": "government_response",
}


def _depends(file: str, rec: Located, here: str) -> Iterator[Problem]:
    for field, needed in NEEDS.items():
        if rec.get(field) is not None and rec.get(needed) in (None, "unknown"):
            yield Problem(file, rec.key_lines[field], f"{here}.{field}", f"a {field} needs the {needed} it is about")
    if rec.get("government_response_confidence") in ("medium", "low") and not rec.get("government_response_note"):
        yield Problem(
            file,
            rec.key_lines["government_response_confidence"],
            f"{here}.government_response_note",
            "a medium or low confidence needs a government_response_note saying why",
        )


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], 0]:
        if n != prev + 1:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = n
        prev = n
    return ", ".join(parts)
