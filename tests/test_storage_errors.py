"""Storage faults end with a plain message and the right exit status, never a traceback or exit 70."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.errors import DatabaseBusy, DiskFull, StoreError, storage_error


def test_storage_errors_are_named():
    assert isinstance(storage_error(sqlite3.OperationalError("database or disk is full"), "x.db"), DiskFull)
    assert isinstance(storage_error(OSError(28, "No space left on device"), "out.csv"), DiskFull)
    assert isinstance(storage_error(sqlite3.OperationalError("database is locked"), "x.db"), DatabaseBusy)
    assert "read-only" in str(storage_error(sqlite3.OperationalError("attempt to write a readonly database"), "x"))
    assert storage_error(ValueError("a bug"), "x") is None


@pytest.fixture()
def small_db(site_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "news.db"
    shutil.copy(site_db, copy)
    return copy


def test_export_to_a_full_disk_or_a_missing_folder(small_db, tmp_path):
    runner = CliRunner()
    full = runner.invoke(cli, ["export", "--db", str(small_db), "--format", "csv", "--output", "/dev/full"])
    assert full.exit_code == 74 and "no space left" in full.output and "Traceback" not in full.output
    missing = runner.invoke(cli, ["export", "--db", str(small_db), "--output", str(tmp_path / "no" / "x.csv")])
    assert missing.exit_code == 78 and "does not exist" in missing.output


def test_a_held_write_lock_waits_then_exits_75(small_db, monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.3)
    holder = sqlite3.connect(small_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        result = CliRunner().invoke(cli, ["reprocess", "--figures-only", "--db", str(small_db)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 75 and "another process is writing" in result.output
    assert CliRunner().invoke(cli, ["reprocess", "--figures-only", "--db", str(small_db)]).exit_code == 0


def test_a_read_only_database_is_searchable_but_not_writable(small_db):
    db = store.open_db(small_db, readonly=True)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 6
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM figures")
    db.close()
    with sqlite3.connect(small_db) as conn:  # a file from before the last migration cannot be read as current
        conn.execute("DELETE FROM _migrations WHERE name = ?", [store.MIGRATIONS[-1][0]])
    with pytest.raises(StoreError, match="schema is older"):
        store.open_db(small_db, readonly=True)
