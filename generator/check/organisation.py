"""Checks of one organisation's file beyond the schema: its code, its report ids and what refers to them,
one response per recommendation, and a reason for every inferred value."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..load.parse import Located
from .problems import Problem


def check_organisation(file: str, data: Located, seen_codes: dict[str, str]) -> Iterable[Problem]:
    code = data.get("code")
    stem = Path(file).stem
    if isinstance(code, str) and code != stem:
        yield Problem(
            file, data.key_lines["code"], "code", f'found "{code}"; expected "{stem}", the file\'s name without .yaml'
        )
    if isinstance(code, str):
        if code in seen_codes:
            yield Problem(file, data.key_lines["code"], "code", f'"{code}" is already used by {seen_codes[code]}')
        seen_codes[code] = file
    report_ids: dict[str, int] = {}
    for i, report in enumerate(records(data.get("reports"))):
        rid = report.get("id")
        if isinstance(rid, str):
            if rid in report_ids:
                yield Problem(
                    file,
                    report.key_lines["id"],
                    f"reports[{i}].id",
                    f'the report id "{rid}" is used twice (first on line {report_ids[rid]}); '
                    "give each report its own id",
                )
            report_ids[rid] = report.key_lines["id"]
        if report.get("date_basis") == "inferred" and not report.get("date_note"):
            yield Problem(file, report.line, f"reports[{i}].date_note", "an inferred date needs a date_note saying why")
    if isinstance(data.get("reports"), list) and not data["reports"]:
        yield Problem(file, data.key_lines["reports"], "reports", "expected at least one report")
    answered: dict[int, int] = {}
    for i, response in enumerate(records(data.get("responses"))):
        here = f"responses[{i}]"
        number = response.get("recommendation")
        if isinstance(number, int) and not isinstance(number, bool):
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
        yield from _report_ref(file, response, here, report_ids)
        if response.get("recommendation_basis") == "inferred" and not response.get("recommendation_note"):
            yield Problem(
                file,
                response.line,
                f"{here}.recommendation_note",
                "an inferred recommendation number needs a recommendation_note saying why",
            )
        for entry_no, entry in enumerate(records(response.get("progress"))):
            yield from _report_ref(file, entry, f"{here}.progress[{entry_no}]", report_ids)
        for a, action in enumerate(records(response.get("actions"))):
            for entry_no, entry in enumerate(records(action.get("progress"))):
                yield from _report_ref(file, entry, f"{here}.actions[{a}].progress[{entry_no}]", report_ids)


def _report_ref(file: str, record: Located, here: str, report_ids: dict[str, int]) -> Iterable[Problem]:
    ref = record.get("report")
    if isinstance(ref, str) and ref not in report_ids:
        known = ", ".join(report_ids) or "none yet"
        yield Problem(
            file,
            record.key_lines["report"],
            f"{here}.report",
            f'found "{ref}"; expected the id of one of this file\'s reports ({known})',
        )


def records(value: Any) -> list[Located]:
    return [v for v in value if isinstance(v, Located)] if isinstance(value, list) else []
