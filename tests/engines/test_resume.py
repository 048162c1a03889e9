"""kill -9 in the middle of an ingest (a real subprocess), then run again: the same rows as a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.engines.ingest import IngestOptions, ingest
from tests.conftest import ROOT, run_cli
from tests.engines.archives import snapshot, write_archive
from tests.engines.conftest import sample_pages

psutil = pytest.importorskip("psutil")


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> tuple[Path, dict]:
    """Six copies of the sample under other URLs (?copy=K: the same articles by canonical URL), and a clean run."""
    folder = tmp_path_factory.mktemp("big")
    pages = [(f"{url}?copy={k}", body) for k in range(6) for url, body in sample_pages()]
    archive = write_archive(folder / "big.warc.gz", pages)
    clean = folder / "clean.db"
    ingest(clean, [str(archive)], options=IngestOptions(workers=2, batch_records=6))
    return archive, snapshot(clean)


def _start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _units_done(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM merged_shards WHERE unit IS NOT NULL").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _kill_after_units(process: subprocess.Popen, db: Path, units: int) -> list:
    """kill -9 the client once `units` work units are stored; returns its child processes then."""
    deadline = time.monotonic() + 120
    while _units_done(db) < units:
        assert process.poll() is None, "the ingest ended before it could be killed; make the archive larger"
        assert time.monotonic() < deadline, "no work unit was stored within 120 s"
        time.sleep(0.05)
    children = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return children


def _assert_gone(children: list, within: float = 20.0) -> None:
    """Killing the client must not leave its worker processes running."""
    gone, alive = psutil.wait_procs(children, timeout=within)
    assert not alive, f"worker processes still running after the client was killed: {[p.pid for p in alive]}"


def test_local_engine_killed_midway_then_rerun_equals_a_clean_run(big_archive, tmp_path: Path) -> None:
    archive, clean = big_archive
    db = tmp_path / "killed.db"
    process = _start(str(archive), "--db", str(db), "--workers", "2", "--batch-records", "6", "--no-progress")
    children = _kill_after_units(process, db, 3)
    assert children, "the local engine should have started worker processes"
    _assert_gone(children)
    stored = _units_done(db)
    again = run_cli("ingest", str(archive), "--db", str(db), "--workers", "2", "--batch-records", "6")
    assert again.returncode == 0, again.stderr
    assert "already stored by an earlier run" in again.stdout and stored > 0
    assert snapshot(db) == clean
    runs = sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert runs == [("crashed",), ("ok",)]  # the killed run stays visible: the next one marks it crashed


def test_dask_client_killed_midway_then_rerun_equals_a_clean_run(big_archive, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    archive, clean = big_archive
    db = tmp_path / "killed-dask.db"
    split_mb = f"{archive.stat().st_size / 8 / 1024 / 1024:.3f}"  # about eight tasks
    args = (str(archive), "--db", str(db), "--engine", "dask", "--workers", "2", "--split-mb", split_mb,
            "--no-progress")
    process = _start(*args)
    children = _kill_after_units(process, db, 1)
    assert len(children) >= 2, "a LocalCluster of 2 workers should run in worker processes"
    _assert_gone(children)
    again = run_cli("ingest", *args)
    assert again.returncode == 0, again.stderr
    assert snapshot(db) == clean
    assert not list(Path(f"{db}.shards").glob("*.db"))
