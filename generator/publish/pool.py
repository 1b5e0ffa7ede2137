"""Files made in the background, one process per core, into a cache kept between builds (PDFs, plan
workbooks): each is named by a hash of what makes it, so only what changed is made again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..leftovers import die_with_parent


class Makers:
    """`make(job)` for each job, in worker processes started now; `wait` waits for them all."""

    def __init__(self, make: Callable[[Any], None], jobs: list[Any]) -> None:
        self.made = len(jobs)
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[None]] = []
        if jobs:
            # forkserver: the workers need nothing but their job, so they start from a fresh process rather
            # than a fork of this one, which holds the whole model (at national scale forked workers added
            # 1.3 GB to the build's memory); spawn would re-run the caller's main script
            workers = min(os.cpu_count() or 1, len(jobs))
            context = get_context("forkserver")
            self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent)
            self.futures = [self.pool.submit(make, job) for job in jobs]

    def wait(self) -> None:
        """Wait for every job; the first one that failed raises its error here."""
        for future in self.futures:
            future.result()

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def place(cached: Path, target: Path) -> None:
    """A file from the cache into the site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
