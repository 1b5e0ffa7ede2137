"""Checks of one organisation's file beyond the schema: its code, its report ids and everything that refers
to them, one response per recommendation, and the provenance of every response and action (see
provenance.py) and of its history (see history.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.parse import Located
from ..model.kinds import whole_number
from ..model.records import Action, PlanAction, Report, Response
from .history import check_history
from .problems import Problem, show
from .provenance import Provenance


@dataclass
class Reports:
    """The file's reports by id, with the line each is given on."""

    lines: dict[str, int] = field(default_factory=dict)
    records: dict[str, Located] = field(default_factory=dict)


def check_organisation(file: str, data: Located, seen_codes: dict[str, str], sources: Path) -> Iterable[Problem]:
    """`sources`: the folder of transcribed source documents (data/sources/)."""
    code = data.get("code")
    stem = Path(file).stem
    if isinstance(code, str) and code != stem:
        yield Problem(
            file,
            data.key_lines["code"],
            "code",
            f'found {show(code)}; expected "{stem}", the file\'s name without .yaml',
        )
    if isinstance(code, str):
        if code in seen_codes:
            yield Problem(file, data.key_lines["code"], "code", f'"{code}" is already used by {seen_codes[code]}')
        seen_codes[code] = file
    reports = Reports()
    provenance = Provenance(file, sources)
    for i, report in enumerate(records(data.get("reports"))):
        yield from _report(file, report, f"reports[{i}]", reports)
        yield from provenance.report(report, f"reports[{i}]")
    if not reports.records and (records(data.get("responses")) or records(data.get("actions"))):
        yield Problem(
            file,
            data.key_lines.get("reports", data.line),
            "reports",
            "expected at least one report: the responses and actions need the report they come from",
        )
    answered: dict[int, int] = {}
    for i, response in enumerate(records(data.get("responses"))):
        here = f"responses[{i}]"
        yield from _once(file, response, here, answered)
        yield from _report_ref(file, response, here, reports)
        cited = reports.records.get(str(response.get("report")))
        yield from provenance.item(response, Response, here, cited)
        for entry_no, entry in enumerate(records(response.get("progress"))):
            yield from _progress(file, entry, f"{here}.progress[{entry_no}]", reports, provenance)
        for a, action in enumerate(records(response.get("actions"))):
            yield from _action(file, action, f"{here}.actions[{a}]", reports, provenance, cited, Action)
    for a, action in enumerate(records(data.get("actions"))):
        here = f"actions[{a}]"
        yield from _report_ref(file, action, here, reports)
        yield from _action(
            file, action, here, reports, provenance, reports.records.get(str(action.get("report"))), PlanAction
        )
    yield from check_history(file, data, list(reports.records.values()))


def _report(file: str, report: Located, here: str, reports: Reports) -> Iterator[Problem]:
    rid = report.get("id")
    if isinstance(rid, str):
        if rid in reports.lines:
            yield Problem(
                file,
                report.key_lines["id"],
                f"{here}.id",
                f'the report id "{rid}" is used twice (first on line {reports.lines[rid]}); '
                "give each report its own id",
            )
        else:
            reports.lines[rid], reports.records[rid] = report.key_lines["id"], report
    if report.get("date_basis") == "inferred" and not report.get("date_note"):
        yield Problem(file, report.line, f"{here}.date_note", "an inferred date needs a date_note saying why")


def _once(file: str, response: Located, here: str, answered: dict[int, int]) -> Iterator[Problem]:
    number = whole_number(response.get("recommendation"))
    if number is not None:
        if number in answered:
            yield Problem(
                file,
                response.key_lines["recommendation"],
                f"{here}.recommendation",
                f"recommendation {number} already has a response in this file (line {answered[number]}); "
                "put everything about it in one response",
            )
        else:
            answered[number] = response.key_lines["recommendation"]


def _action(
    file: str,
    action: Located,
    here: str,
    reports: Reports,
    provenance: Provenance,
    report: Located | None,
    record: type,
) -> Iterator[Problem]:
    yield from provenance.item(action, record, here, report)
    for entry_no, entry in enumerate(records(action.get("progress"))):
        yield from _progress(file, entry, f"{here}.progress[{entry_no}]", reports, provenance)


def _progress(file: str, entry: Located, here: str, reports: Reports, provenance: Provenance) -> Iterator[Problem]:
    yield from _report_ref(file, entry, here, reports)
    yield from provenance.rating(entry, here, reports.records.get(str(entry.get("report"))))


def _report_ref(file: str, record: Located, here: str, reports: Reports) -> Iterator[Problem]:
    ref = record.get("report")
    if isinstance(ref, str) and ref not in reports.lines:
        known = ", ".join(reports.lines) or "none yet"
        yield Problem(
            file,
            record.key_lines["report"],
            f"{here}.report",
            f'found "{ref}"; expected the id of one of this file\'s reports ({known})',
        )


def records(value: Any) -> list[Located]:
    return [v for v in value if isinstance(v, Located)] if isinstance(value, list) else []


__all__ = ["Report", "check_organisation", "records"]
