"""One writer per database: a second lock fails at once, and the kernel frees it when the holder dies."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from pipeline.lock import LockHeld, RunLock
from tests.conftest import ROOT


def test_second_holder_is_refused_and_the_lock_is_free_after(tmp_path):
    db = tmp_path / "news.db"
    with RunLock(db):
        with pytest.raises(LockHeld, match="another crawl is running"):
            with RunLock(db):
                pass
    with RunLock(db):  # released on exit
        pass


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    db = tmp_path / "news.db"
    holder = subprocess.Popen([sys.executable, "-c", f"from pipeline.lock import RunLock\nimport time\n"
                               f"with RunLock({str(db)!r}):\n    print('held', flush=True)\n    time.sleep(60)"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld):
        with RunLock(db):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    started = time.monotonic()
    with RunLock(db):
        assert time.monotonic() - started < 1
