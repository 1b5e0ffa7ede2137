"""Validation of the whole data set: each file against the schema, then the checks across files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .checkfields import FieldChecker
from .problems import Problem
from .yamlcache import load_all
from .yamlload import Located, YamlError

TOTAL_RECOMMENDATIONS = 290


@dataclass
class RawData:
    """The parsed files, before they are trusted."""

    root: Path  # the folder that holds data/
    catalogue: Any
    catalogue_file: str
    organisations: list[tuple[str, Any]]  # (file as shown in messages, parsed content)


def data_files(data_dir: Path) -> tuple[Path, list[Path]]:
    return data_dir / "recommendations.yaml", sorted((data_dir / "organisations").glob("*.yaml"))


def load(data_dir: Path, cache: Path | None = None) -> tuple[RawData, list[Problem]]:
    """Parse every file (remembering parsed files in `cache`). Files that are not valid YAML are reported
    and left out."""
    root = data_dir.parent
    problems: list[Problem] = []
    catalogue_path, org_paths = data_files(data_dir)
    contents: list[Any] = []
    for path, parsed in zip([catalogue_path, *org_paths], load_all([catalogue_path, *org_paths], cache), strict=True):
        if isinstance(parsed, YamlError):
            problems.append(Problem(_shown(path, root), parsed.line, "", parsed.message))
            parsed = None
        elif isinstance(parsed, FileNotFoundError):
            problems.append(Problem(_shown(path, root), 0, "", "the file is missing"))
            parsed = None
        contents.append(parsed)
    catalogue, *organisations = contents
    shown = [(_shown(p, root), data) for p, data in zip(org_paths, organisations, strict=True)]
    raw = RawData(root, catalogue, _shown(catalogue_path, root), [o for o in shown if o[1] is not None])
    return raw, problems


def check(raw: RawData) -> list[Problem]:
    """Every error in the data, all at once."""
    problems: list[Problem] = []
    checker = FieldChecker(raw.catalogue_file)
    if raw.catalogue is not None and checker.record(raw.catalogue, schema.CATALOGUE, "", 1):
        problems += checker.problems + list(_check_catalogue(raw.catalogue_file, raw.catalogue, raw))
    else:
        problems += checker.problems
    seen_codes: dict[str, str] = {}
    for file, data in raw.organisations:
        checker = FieldChecker(file)
        if checker.record(data, schema.ORGANISATION, "", 1):
            problems += checker.problems
            problems += _check_organisation(file, data, seen_codes)
        else:
            problems += checker.problems
    return problems


def _check_catalogue(file: str, data: Located, raw: RawData) -> Iterable[Problem]:
    sources: dict[str, Any] = data["sources"] if isinstance(data.get("sources"), dict) else {}
    recs = data.get("recommendations")
    if not isinstance(recs, list):
        return
    org_reports = _org_reports(raw)
    seen: dict[int, int] = {}
    for i, rec in enumerate(recs):
        if not isinstance(rec, Located):
            continue
        number = rec.get("number")
        if isinstance(number, int):
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
            if isinstance(source, str) and source not in sources and source not in org_reports:
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
    missing = sorted(set(range(1, TOTAL_RECOMMENDATIONS + 1)) - set(seen))
    if missing:
        yield Problem(
            file,
            data.key_lines.get("recommendations", 1),
            "recommendations",
            f"every one of the {TOTAL_RECOMMENDATIONS} recommendations needs an entry; missing: " + _ranges(missing),
        )


def _check_organisation(file: str, data: Located, seen_codes: dict[str, str]) -> Iterable[Problem]:
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
    for i, report in enumerate(_records(data.get("reports"))):
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
    for i, response in enumerate(_records(data.get("responses"))):
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
        for entry_no, entry in enumerate(_records(response.get("progress"))):
            yield from _report_ref(file, entry, f"{here}.progress[{entry_no}]", report_ids)
        for a, action in enumerate(_records(response.get("actions"))):
            for entry_no, entry in enumerate(_records(action.get("progress"))):
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


def _records(value: Any) -> list[Located]:
    return [v for v in value if isinstance(v, Located)] if isinstance(value, list) else []


def _org_reports(raw: RawData) -> set[str]:
    refs = set()
    for _file, data in raw.organisations:
        if isinstance(data, dict):
            for report in _records(data.get("reports")):
                refs.add(f"{data.get('code')}/{report.get('id')}")
    return refs


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], 0]:
        if n != prev + 1:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = n
        prev = n
    return ", ".join(parts)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
