"""The open-data files, written by a forked process while the main one renders the pages."""

from __future__ import annotations

from pathlib import Path

from ..forked import Forked, ForkedError
from ..model.records import Dataset
from ..render.page import Page
from . import opendata
from .write import Written, write_file


class OpenDataError(RuntimeError):
    pass


class OpenDataJob:
    """The open-data files, written into the pages folder by a forked process while this one renders the
    pages. At national scale they are 600 MB and about 40 s of work (CSV, JSON, the workbook and the ZIP,
    compressed), as long as the pages themselves. As the fork reads the data, the memory pages it touches
    are copied: about 1 GB more at the peak, for about 50 s less. Start it before anything starts threads
    (PdfJob's pool), or the files are written in-process when `finish` is called."""

    def __init__(self, data: Dataset, out: Path) -> None:
        self.job = Forked(_write_open_data, data, out)
        self._written = Written()

    def written(self) -> Written:
        """What was written, once `finish` has been called: the files and the bulk downloads' sizes."""
        return self._written

    @property
    def waited(self) -> float:
        """Seconds the pages waited for the files, once they were rendered."""
        return self.job.waited

    def gone(self, timeout: float | None = None) -> bool:
        """Whether the files are written and the process that wrote them has exited, its memory with it
        (waiting up to `timeout` seconds)."""
        return self.job.gone(timeout)

    def finish(self) -> None:
        """Wait for the files."""
        try:
            self._written.add(self.job.result())
        except ForkedError as error:
            raise OpenDataError(f"The open-data files could not be written: {error}") from None

    def cancel(self) -> None:
        self.job.cancel()


def _write_open_data(data: Dataset, out: Path) -> Written:
    written = Written()
    for path, content in opendata.files(data):
        written.note_size(path, content)
        write_file(Page(path, content), out, written)
    return written
