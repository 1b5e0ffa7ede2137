"""The work a build runs beside its main process (the open-data fork, the statement PDFs, Pagefind),
owned in one place, so that every way out of a build, finished or failed, stops what is still running
and cleans up after it."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, TypeVar


class Job(Protocol):
    def cancel(self) -> None:
        """Stop the work if it is still running and remove what it left; harmless once it has finished."""


J = TypeVar("J", bound=Job)


class Background:
    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def start(self, job: J) -> J:
        self.jobs.append(job)
        return job

    def close(self) -> None:
        while self.jobs:
            self.jobs.pop().cancel()

    def __enter__(self) -> Background:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
