"""One crawl per database at a time: an exclusive flock on DB.lock, released by the kernel on any exit.

A second run finds the lock held and stops at once (the CLI exits 75, EX_TEMPFAIL, as
`flock -E 75` would), so a slow run is never doubled by the next cron tick. A run killed
with kill -9 leaves no stale lock: the kernel drops it with the process.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.errors import PipelineError


class LockHeld(PipelineError):
    """Another process holds the database's lock."""


class RunLock:
    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self._fd)
            self._fd = None
            raise LockHeld(f"another crawl is running on {self.path.with_suffix('')} "
                           f"(it holds {self.path}); this run exits without doing anything") from exc
        os.ftruncate(self._fd, 0)
        os.write(self._fd, f"{os.getpid()}\n".encode())
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
