"""The SQLite file: schema, migrations, upserts without duplicates, figures replaced, no orphans."""

from __future__ import annotations

import sqlite3

import pytest

from pipeline import store
from pipeline.errors import StoreError
from pipeline.figures import extract_figures
from pipeline.models import Article, Page

TEXT = "某交易所营收 2.35 亿美元，同比增长 12%。"


def article(text: str = TEXT) -> Article:
    return Article(url="https://x.example/a", title="T", text=text, lang="zh-Hans",
                   figures=tuple(extract_figures(text)))


def page(body: bytes = b"<html>hi</html>") -> Page:
    return Page("https://x.example/a", "https://x.example/a", 200, "text/html", "2026-01-29T00:00:00+00:00", body)


def test_fresh_database_has_documented_tables_wal_and_foreign_keys(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    assert {"pages", "raw_html", "articles", "figures", "frontier", "runs", "_migrations"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r[0] for r in db.execute("SELECT name FROM _migrations")] == ["001_initial"]
    assert store.migrate(db) == []  # idempotent


def test_upsert_replaces_figures_and_reports_status(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    with store.transaction(db):
        pid = store.save_page(db, page(), None)
        first = store.save_article(db, article(), pid, "x.example", "v1")
    with store.transaction(db):
        same = store.save_article(db, article(), pid, "x.example", "v1")
    changed_text = TEXT + "净利润约 4800 万美元。"
    with store.transaction(db):
        changed = store.save_article(db, article(changed_text), pid, "x.example", "v1")
    assert (first.status, same.status, changed.status) == ("new", "unchanged", "updated")
    assert first.article_id == same.article_id == changed.article_id
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM figures").fetchone()[0] == 3
    with store.transaction(db):
        db.execute("DELETE FROM articles")
    assert db.execute("SELECT COUNT(*) FROM figures").fetchone()[0] == 0  # ON DELETE CASCADE


def test_raw_html_stored_once_per_content(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    with store.transaction(db):
        store.save_page(db, page(b"<html>same</html>"), None)
        store.save_page(db, page(b"<html>same</html>"), None)
    assert db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 2
    (digest,) = db.execute("SELECT content_hash FROM raw_html").fetchone()
    assert store.load_raw_html(db, digest) == b"<html>same</html>"


def test_failed_transaction_leaves_nothing(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            store.save_page(db, page(), None)
            raise RuntimeError("killed mid-page")
    assert db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 0


def test_not_a_database_gives_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open as a pipeline database"):
        store.open_db(bad)
    with pytest.raises(StoreError, match="does not exist"):
        store.open_db(tmp_path / "missing" / "n.db")


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "n.db"
    store.open_db(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _migrations VALUES ('999_future', 'x')")
    with pytest.raises(StoreError, match="newer pipeline"):
        store.open_db(path)
