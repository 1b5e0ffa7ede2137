"""A realistic synthetic data set, for benchmarks and scale tests.

It writes the real catalogue plus N made-up organisations that look like the real ones: the same kinds
and regions, about 100 responses each with about 3 actions, sentences recombined from the real seed
data's own wording (so text lengths and vocabulary are realistic), several dated reports a year apart,
and a realistic mix of statuses that moves forward from report to report. The same seed gives the same
files, byte for byte. Every organisation is plainly named as synthetic.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..data import load_dataset

REGIONS = [
    "London",
    "North West",
    "North East and Yorkshire",
    "Midlands",
    "East of England",
    "South East",
    "South West",
]
KINDS = ["trust", "foundation-trust", "icb", "ccg"]
PLACES = [
    "Ashford",
    "Barrow",
    "Calder",
    "Dunmore",
    "Elmbridge",
    "Fairfield",
    "Glenholme",
    "Harrowgate",
    "Ivybridge",
    "Kingsmere",
    "Longridge",
    "Marlow",
    "Northam",
    "Oakham",
    "Penrith",
    "Queensbury",
    "Redmoor",
    "Saltash",
    "Thornbury",
    "Upton",
    "Westmere",
    "Yarrow",
]  # fictional or generic: no real organisation is implied
MONTHS = ["March", "June", "September", "December"]
KIND_NAMES = {
    "trust": "NHS Trust",
    "foundation-trust": "NHS Foundation Trust",
    "icb": "Integrated Care Board",
    "ccg": "Clinical Commissioning Group",
}
LEADS = [
    "Director of Nursing",
    "Medical Director",
    "Chief Executive",
    "Director of Quality",
    "DoR&Q",
    "Head of Patient Experience",
    "Director of Workforce",
    "Governing Body",
    "Contracts team",
]
# How far implementation has got, as a share of actions, at the first report; later reports move on.
FIRST_MIX = {
    "not-started": 20,
    "red": 6,
    "amber": 30,
    "green": 24,
    "complete": 8,
    "not-rated": 8,
    "not-applicable": 2,
    "deferred": 2,
}
NEXT = {
    "not-started": ["amber", "red", "not-started"],
    "red": ["amber", "red"],
    "amber": ["green", "amber", "complete"],
    "green": ["complete", "green"],
    "complete": ["complete"],
    "not-rated": ["amber", "green", "not-rated"],
    "not-applicable": ["not-applicable"],
    "deferred": ["deferred", "amber"],
}


def _sentences(data_dir: Path) -> list[str]:
    """Sentences from the real responses and actions: our vocabulary for made-up text."""
    outcome = load_dataset(data_dir, dt.date.today())
    assert outcome.dataset is not None, "the real data must be valid"
    texts: list[str] = []
    for org in outcome.dataset.organisations:
        for response in org.responses:
            texts.append(response.position)
            for action in response.actions:
                texts += [action.description, action.outcome, action.evidence, action.summary]
                texts += [p.text for p in action.progress]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.;])\s+|\n", t) if len(s.strip()) > 25]
    return sorted({s.lstrip("•- ") for s in sentences if "[…]" not in s})


def _text(rng: random.Random, sentences: list[str], low: int, high: int) -> str:
    return " ".join(rng.choice(sentences) for _ in range(rng.randint(low, high)))


def organisation(index: int, rng: random.Random, sentences: list[str], numbers: list[int]) -> dict[str, Any]:
    place = PLACES[index % len(PLACES)]
    kind = KINDS[index % len(KINDS)]
    code = f"synthetic-{index:04d}"
    first_year = rng.randint(2014, 2020)
    years = sorted(rng.sample(range(first_year, 2027), min(rng.randint(1, 3), 2027 - first_year)))
    reports = [
        {
            "id": f"progress-{year}",
            "title": f"Francis Report action plan: progress report {year}",
            "body": "Board of Directors" if "trust" in kind else "Governing Body",
            # 2026's reports fall by October, so a benchmark as at late 2026 has none from the future
            "date": f"{year}-{rng.randint(1, 10 if year == 2026 else 12):02d}-{rng.randint(1, 28):02d}",
            "notes": "Synthetic data for testing; not a real organisation.",
        }
        for year in years
    ]
    responses = []
    for number in sorted(rng.sample(numbers, rng.randint(80, 120))):
        actions = []
        for a in range(rng.choices([1, 2, 3, 4, 5], weights=[20, 25, 30, 15, 10])[0]):
            status = rng.choices(list(FIRST_MIX), weights=list(FIRST_MIX.values()))[0]
            progress = []
            for report in reports:
                entry = {"report": report["id"], "status": status}
                if rng.random() < 0.6:
                    entry["text"] = _text(rng, sentences, 1, 1)
                progress.append(entry)
                status = rng.choice(NEXT[status])
            actions.append(
                {
                    "ref": f"{number}.{a + 1}",
                    "description": _text(rng, sentences, 1, 2),
                    "lead": rng.choice(LEADS),
                    "timescale": f"{rng.choice(MONTHS)} {first_year + rng.randint(0, 3)}",
                    "outcome": _text(rng, sentences, 1, 1),
                    "evidence": _text(rng, sentences, 1, 1),
                    "tags": [rng.choice(["CCG action", "Provider assurance", "Trust action", "Board assurance"])],
                    "progress": progress,
                }
            )
        responses.append(
            {
                "recommendation": number,
                "report": reports[0]["id"],
                "position": _text(rng, sentences, 1, 2),
                "actions": actions,
            }
        )
    return {
        "code": code,
        "name": f"Synthetic {place} {index} {KIND_NAMES[kind]}",
        "short_name": f"Synthetic {place} {index}",
        "kind": kind,
        "region": REGIONS[index % len(REGIONS)],
        "reports": reports,
        "responses": responses,
    }


def write(orgs: int, seed: int, out: Path, real_data: Path) -> int:
    """Write the real data plus `orgs` synthetic organisations into out/; return the synthetic actions."""
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not security
    sentences = _sentences(real_data)
    if out.exists():
        shutil.rmtree(out)
    (out / "organisations").mkdir(parents=True)
    # The real catalogue cites the real organisations' reports, so they come too.
    shutil.copy(real_data / "recommendations.yaml", out / "recommendations.yaml")
    shutil.copytree(real_data / "sources", out / "sources")  # the documents the real reports cite
    for real in (real_data / "organisations").glob("*.yaml"):
        shutil.copy(real, out / "organisations" / real.name)
    numbers = list(range(1, 291))
    actions = 0
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for index in range(1, orgs + 1):
        org = organisation(index, rng, sentences, numbers)
        actions += sum(len(r["actions"]) for r in org["responses"])
        text = yaml.dump(org, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        (out / "organisations" / f"{org['code']}.yaml").write_text(text, encoding="utf-8")
    return actions
