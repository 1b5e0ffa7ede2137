"""What a build leaves behind if it is killed, and how the next one clears it. Folders a build works in,
and files it is half-way through writing, are named for the process writing them, so the next build can
remove those of processes that are gone; and the build's own child processes die with it, so none goes
on writing after it."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
from pathlib import Path

_PR_SET_PDEATHSIG = 1  # prctl(2)


def work_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder `<prefix><pid>` in `parent`, after removing what killed builds left there."""
    parent.mkdir(parents=True, exist_ok=True)
    for left in parent.glob(f"{prefix}*"):
        pid = left.name.removeprefix(prefix)
        if left.is_dir() and not left.is_symlink() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    folder = parent / f"{prefix}{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def partial(path: Path) -> Path:
    """Where to write `path` before it is renamed into place: whole or absent, never half-written."""
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def remove_partials(folder: Path) -> None:
    """Files and folders of `folder` that killed processes were half-way through writing (see `partial`)."""
    if folder.is_dir():
        for left in folder.glob("*.tmp"):
            pid = left.suffixes[-2].lstrip(".") if len(left.suffixes) >= 2 else ""
            if pid.isdigit() and not _running(int(pid)):
                if left.is_dir() and not left.is_symlink():  # a folder being made (a search bundle)
                    shutil.rmtree(left, ignore_errors=True)
                else:
                    left.unlink(missing_ok=True)


def die_with_parent() -> None:
    """In a child process: be killed when the process that started it dies (Linux only), so that a build
    killed while Pagefind or its workers run leaves no process behind."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of ours from before is stale too
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
