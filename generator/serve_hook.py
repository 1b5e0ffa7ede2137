"""MkDocs hook for `mkdocs serve`: regenerate the pages from data/ before each rebuild.

`make build` generates the pages itself (python -m generator build), so the hook only acts when serving.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

# MkDocs restores sys.path after loading a hook, so the package is imported now, not inside the hooks.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
try:
    from mkdocs.exceptions import Abort

    from generator.__main__ import report
    from generator.pipeline import load_dataset
    from generator.site import all_pages, sync
finally:
    sys.path.remove(str(ROOT))

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: Any) -> None:
    if not _serving:
        return
    today = dt.date.today()
    outcome = load_dataset(ROOT / "data", today)
    report(outcome)
    if outcome.dataset is None:
        raise Abort("the data has errors (listed above); fix them and save again")
    sync(all_pages(outcome.dataset, today, ROOT / "content"), Path(config["docs_dir"]))
