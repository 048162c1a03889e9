"""A full disk or a bug in the middle of a crawl: the run stops with a plain message and the right
exit status, is recorded as failed, and nothing is lost: the next run stores what was missed."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.config import Config
from pipeline.crawl import crawl
from pipeline.errors import DiskFull

SITE_ARTICLES = 6  # the fixture site's articles (tests/conftest.py site_db)


def _disk_fills_after(monkeypatch, articles: int) -> None:
    """SQLite's own 'database or disk is full' once `articles` articles are stored: the page
    count is frozen (PRAGMA max_page_count), as a full disk freezes the file."""
    real_open, real_save = store.open_db, store.save_article
    state = {"saved": 0}

    def save_article(db, *args, **kwargs):
        if state["saved"] == articles:  # the next article's transaction: the earlier ones are committed
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages}")
        result = real_save(db, *args, **kwargs)
        state["saved"] += 1
        return result

    monkeypatch.setattr(store, "open_db", real_open)
    monkeypatch.setattr(store, "save_article", save_article)


def test_a_full_disk_stops_the_run_with_74_and_the_next_run_loses_nothing(site_url, tmp_path, monkeypatch):
    db = tmp_path / "news.db"
    _disk_fills_after(monkeypatch, 1)
    result = CliRunner().invoke(cli, ["crawl", site_url, "--db", str(db), "--no-progress"])
    assert result.exit_code == 74 and "no space left" in result.output and "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        status, code = conn.execute("SELECT status, exit_code FROM runs").fetchone()
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    # the run's end is recorded as failed/74 when its row still fits, else left running (then marked crashed)
    assert (status, code) in {("failed", 74), ("running", None)} and 1 <= stored < SITE_ARTICLES
    monkeypatch.undo()  # space freed
    summary = crawl(Config(db_path=db), [site_url])
    assert summary.exit_code == 0 and summary.articles_new == SITE_ARTICLES - stored
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT text_hash) FROM articles").fetchone() == (SITE_ARTICLES, SITE_ARTICLES)
        assert conn.execute("SELECT status FROM runs ORDER BY id").fetchall() == [
            ("failed" if status == "failed" else "crashed",), ("ok",)]


def test_a_run_that_ends_in_a_bug_is_recorded_as_failed(site_url, tmp_path, monkeypatch):
    from pipeline.crawl import crawler

    def broken(self):
        raise RuntimeError("a bug in the loop")

    monkeypatch.setattr(crawler.Crawl, "_step", broken)
    db = tmp_path / "news.db"
    with pytest.raises(RuntimeError):
        crawl(Config(db_path=db), [site_url])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status, exit_code, errors FROM runs").fetchone() == (
            "failed", 70, '{"RuntimeError": 1}')
    result = CliRunner().invoke(cli, ["crawl", site_url, "--db", str(db), "--no-progress"])
    assert result.exit_code == 70 and "internal error: RuntimeError: a bug in the loop" in result.output


def test_disk_full_is_its_own_error():
    assert issubclass(DiskFull, store.StoreError)
