"""Work done by a forked child process while this one gets on, for a build that would leave a core idle.

A fork needs nothing sent to it: the child starts with the parent's memory, so it can read the whole
data set at once, and only its result comes back through a pipe. Forking copies only the calling
thread, so it is done only while this process runs one thread; otherwise the work is done in-process
when its result is asked for, and gives the same result.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing import connection, get_context
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from .leftovers import die_with_parent

T = TypeVar("T")


class ForkedError(RuntimeError):
    """The child failed; the message is its exception in one line (its traceback went to stderr)."""


class Forked(Generic[T]):
    """`work(*args)` in a forked child, started now; `result()` waits for what it returned."""

    def __init__(self, work: Callable[..., T], *args: Any) -> None:
        self.waited = 0.0  # seconds `result` waited for the child
        self._inline: Callable[[], T] | None = None
        if threading.active_count() > 1:
            self._inline = lambda: work(*args)
            return
        context = get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, args, send), daemon=True)
        self._process.start()
        send.close()
        # A result can be more than a pipe holds (a list of 1,300 files is): a thread takes it as soon as it
        # is sent, so the child exits then, and gives back the memory it copied, without waiting for
        # `result` (at national scale the open-data process held 1 GB for 40 s that way).
        self._outcome: tuple[bool, Any] | None = None
        self._receiver = threading.Thread(target=self._take, daemon=True)
        self._receiver.start()

    def _take(self) -> None:
        try:
            self._outcome = self._receive.recv()
        except EOFError:  # the child stopped without a word; `result` says how
            self._outcome = None

    @property
    def forked(self) -> bool:
        return self._inline is None

    def gone(self, timeout: float | None = None) -> bool:
        """Whether the child has exited (waiting up to `timeout` seconds for it); at once when the work is
        done in-process."""
        return self._inline is not None or bool(connection.wait([self._process.sentinel], timeout))

    def result(self) -> T:
        if self._inline is not None:
            try:
                return self._inline()
            except Exception as exc:  # as the child would report it
                raise ForkedError(_one_line(exc)) from exc
        started = time.perf_counter()
        self._receiver.join()
        self._process.join()
        self.waited = time.perf_counter() - started
        if self._outcome is None:
            raise ForkedError(f"the process stopped (exit code {self._process.exitcode})")
        ok, value = self._outcome
        if not ok:
            raise ForkedError(value)
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        if self._inline is None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._receiver.join()


def _run(work: Callable[..., Any], args: tuple[Any, ...], send: Connection) -> None:
    die_with_parent()
    try:
        send.send((True, work(*args)))
    except BaseException as exc:  # reported to the parent, which decides what it means
        traceback.print_exc()  # where it went wrong, for whoever fixes it
        send.send((False, _one_line(exc)))


def _one_line(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(exc)).strip()
