"""The trusted model, built from data that passed validation, field by field as records.py declares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .fields import spec_of
from .kinds import Kind, Reference
from .lists import Named, Records
from .records import Catalogue, Dataset, Organisation, PlanAction, Recommendation, Report, Response, Source

T = TypeVar("T")
Reports = dict[str, Report]
# How one field's model value is made from the parsed file: (raw value, the file's reports) -> value.
Convert = Callable[[Any, Reports], Any]


def build(catalogue: dict[str, Any], organisations: list[dict[str, Any]]) -> Dataset:
    """Turn validated raw data into the model. Assumes the check found no errors."""
    parsed = make(Catalogue, catalogue, {})
    sources = {source.id: source for source in parsed.sources}
    recs = sorted(parsed.recommendations, key=lambda r: r.number)
    orgs = sorted((organisation(raw) for raw in organisations), key=lambda o: o.short_name.lower())
    for org in orgs:
        for response in org.responses:
            recs[response.recommendation - 1].responses.append(response)
        for action in org.actions:
            for number in action.recommendations:
                recs[number - 1].plan_actions.append(action)
    for rec in recs:
        rec.responses.sort(key=lambda r: r.organisation.short_name.lower())
        rec.plan_actions.sort(key=lambda a: (a.organisation.short_name.lower(), a.index))
    return Dataset(recs, orgs, sources)


def organisation(raw: dict[str, Any]) -> Organisation:
    reports = [make(Report, r, {}) for r in raw["reports"]]
    by_id = {r.id: r for r in reports}
    responses = [make(Response, r, by_id) for r in raw.get("responses") or ()]
    actions = tuple(make(PlanAction, a, by_id) for a in raw.get("actions") or ())
    org = make(
        Organisation,
        raw,
        by_id,
        reports=tuple(sorted(reports, key=lambda r: r.as_at)),
        responses=tuple(sorted(responses, key=lambda r: r.recommendation)),
        actions=actions,
    )
    for response, data in zip(responses, raw.get("responses") or (), strict=True):
        response.organisation = org
        response.line = getattr(data, "line", 0)
        for action, action_data in zip(response.actions, data.get("actions") or (), strict=True):
            action.line = getattr(action_data, "line", 0)
    unnumbered = 0
    for index, (action, data) in enumerate(zip(actions, raw.get("actions") or (), strict=True), start=1):
        action.line = getattr(data, "line", 0)
        unnumbered += not action.ref
        action.organisation, action.index, action.unnumbered = org, index, unnumbered if not action.ref else 0
    return org


def make(record: type[T], raw: dict[str, Any], known: Reports, **given: Any) -> T:
    """A record from its parsed mapping (`known`: the file's reports, by id); `given` fields are made by
    the caller."""
    plan = _PLANS.get(record) or _PLANS.setdefault(record, _plan(record))
    values = {name: convert(raw.get(name), known) for name, convert in plan if name not in given}
    return record(**values, **given)


_PLANS: dict[type, tuple[tuple[str, Convert], ...]] = {}


def _plan(record: type) -> tuple[tuple[str, Convert], ...]:
    """How each declared field of a record is made (worked out once per record type, in _PLANS)."""
    return tuple((spec.name, _converter(spec.kind)) for spec in spec_of(record))


def _converter(kind: Kind) -> Convert:
    if isinstance(kind, Records):
        return _records(kind.record)
    if isinstance(kind, Named):
        return _named(kind.record)
    if isinstance(kind, Reference):
        return _reference
    model = kind.model
    return lambda value, _known: model(value)


def _reference(value: Any, known: Reports) -> Report:
    return known[value]


def _records(record: type) -> Convert:
    return lambda value, reports: tuple(make(record, item, reports) for item in value or ())


def _named(record: type) -> Convert:
    def convert(value: Any, reports: Reports) -> tuple[Any, ...]:
        return tuple(make(record, item, reports, id=key) for key, item in (value or {}).items())

    return convert


__all__ = ["Recommendation", "Source", "build", "make", "organisation"]
