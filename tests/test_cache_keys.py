"""The caches are keyed by the code that makes what they hold (generator/code_digest.py): every module that
code really runs is in the key, and the rest of the build is not (a change to the statements must not make
500 workbooks again)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.code_digest import code_digest, sources

from .conftest import ROOT

# What each cache's maker runs, in a fresh interpreter: the generator modules it then has loaded.
RUNS = {
    "generator.publish.plans": "from generator.publish.plans import _workbook; _workbook(({data!r}, {out!r}, ''))",
    "generator.load.parse": "import pathlib, generator.load.parse as p; p.load_yaml(pathlib.Path({data!r}))",
}


@pytest.mark.parametrize("module", sorted(RUNS))
def test_every_module_the_maker_runs_is_in_its_key(module: str, tmp_path: Path) -> None:
    data = str(ROOT / "data" / "organisations" / "bury-ccg.yaml")
    script = RUNS[module].format(data=data, out=str(tmp_path / "out.xlsx"))
    script += "; import json, sys; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'generator')))"
    ran = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(json.loads(ran.stdout))
    assert module in loaded and len(loaded) > 3
    assert loaded <= set(sources(module)), loaded - set(sources(module))


def test_the_workbooks_key_is_their_code_not_the_whole_build() -> None:
    needed = sources("generator.publish.plans")
    assert {"generator.spreadsheets.write", "generator.model.fields", "generator.publish.opendata"} <= set(needed)
    assert not {"generator.model.statement", "generator.render.pages", "generator.data"} & set(needed)
    assert needed["generator.spreadsheets.write"] == ROOT / "generator" / "spreadsheets" / "write.py"


def test_the_key_is_the_same_each_time_and_differs_by_what_is_made() -> None:
    assert code_digest("generator.load.parse") == code_digest("generator.load.parse")
    assert code_digest("generator.load.parse") != code_digest("generator.publish.plans")
    assert len(code_digest("generator.load.parse")) == 32
