"""The SQLite file: schema, migrations, upserts without duplicates, figures replaced, no orphans."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from pipeline import store
from pipeline.errors import StoreError
from pipeline.lock import LockHeld, RunLock
from pipeline.figures import extract_figures
from pipeline.models import Article, Page
from tests.conftest import ROOT

TEXT = "某交易所营收 2.35 亿美元，同比增长 12%。"


def article(text: str = TEXT) -> Article:
    return Article(url="https://x.example/a", title="T", text=text, lang="zh-Hans")


def save(db, a: Article, page_id: int | None = None, site: str = "x.example") -> store.SaveResult:
    """save_article with the figure step run on the article's text, as a crawl does."""
    return store.save_article(db, a, extract_figures(a.text), page_id, site)


def page(body: bytes = b"<html>hi</html>") -> Page:
    return Page("https://x.example/a", "https://x.example/a", 200, "text/html", "2026-01-29T00:00:00+00:00", body)


def test_fresh_database_has_documented_tables_wal_and_foreign_keys(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    assert {"pages", "raw_html", "articles", "figures", "frontier", "runs", "_migrations"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r[0] for r in db.execute("SELECT name FROM _migrations")] == [name for name, _ in store.MIGRATIONS]
    assert store.migrate(db) == []  # idempotent


def test_upsert_replaces_figures_and_reports_status(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    with store.transaction(db):
        pid = store.save_page(db, page(), None)
        first = save(db, article(), pid, "x.example")
    with store.transaction(db):
        same = save(db, article(), pid, "x.example")
    changed_text = TEXT + "净利润约 4800 万美元。"
    with store.transaction(db):
        changed = save(db, article(changed_text), pid, "x.example")
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


def _schema(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
                                             " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = []
        for name in tables:
            cols = conn.execute(f"PRAGMA table_info('{name}')").fetchall()
            out.append((name, sorted((c[1], c[2], c[3], c[5]) for c in cols)))
        return out


def test_v1_file_upgrades_to_the_fresh_schema_and_keeps_its_rows(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    import sqlite_utils

    v1 = sqlite_utils.Database(conn)
    v1.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    store.MIGRATIONS[0][1](v1)
    v1.execute("INSERT INTO _migrations VALUES ('001_initial', 'x')")
    v1.execute("INSERT INTO frontier (url, added_at, updated_at) VALUES ('https://x.example/a', 'x', 'x')")
    conn.close()
    upgraded = store.open_db(old)
    assert upgraded.execute("SELECT host FROM frontier").fetchone()[0] == "x.example"
    upgraded.close()
    fresh = tmp_path / "fresh.db"
    store.open_db(fresh).close()
    assert _schema(old) == _schema(fresh)


def test_v4_file_upgrades_sentences_to_offsets_and_learns_frontier_kinds(tmp_path):
    old = tmp_path / "v4.db"
    conn = sqlite3.connect(old, isolation_level=None)
    import sqlite_utils

    v4 = sqlite_utils.Database(conn)
    v4.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, migration in store.MIGRATIONS[:4]:
        migration(v4)
        v4.execute("INSERT INTO _migrations VALUES (?, 'x')", [name])
    text = "导语。某交易所营收 2.35 亿美元，同比增长 12%。营收 2.35 亿美元。"
    v4.execute("INSERT INTO articles (id, url, site, text, text_hash, first_seen_at, extracted_at, extractor_version)"
               " VALUES (1, 'https://x.example/a', 'x.example', ?, 'h', 'x', 'x', 'v')", [text])
    for f in extract_figures(text):
        v4.execute("INSERT INTO figures (article_id, kind, text, span_start, span_end, sentence, extractor_version)"
                   " VALUES (1, ?, ?, ?, ?, ?, 'v')", [f.kind, f.text, f.start, f.end, f.sentence])
    for url in ("https://x.example/a", "https://x.example/news/"):
        v4.execute("INSERT INTO frontier (url, host, state, added_at, updated_at) VALUES (?, 'x.example', 'done', 'x', 'x')",
                   [url])
    conn.close()
    upgraded = store.open_db(old)
    assert dict(upgraded.execute("SELECT url, kind FROM frontier").fetchall()) == {
        "https://x.example/a": "article", "https://x.example/news/": "listing"}
    rows = upgraded.execute("SELECT text, sentence FROM figures_in_context ORDER BY figure_id").fetchall()
    assert rows == [(f.text, f.sentence) for f in extract_figures(text)]
    assert rows[-1][1] == "营收 2.35 亿美元。"  # the repeated figure keeps its own sentence, not the first


def test_changed_article_keeps_its_old_version(tmp_path):
    db = store.open_db(tmp_path / "n.db")
    with store.transaction(db):
        save(db, article(), None, "x.example")
    with store.transaction(db):
        save(db, article(TEXT + "更正：营收为 2.4 亿美元。"), None, "x.example")
    (old_text,) = db.execute("SELECT text FROM article_versions").fetchone()
    assert old_text == TEXT
    assert db.execute("SELECT text FROM articles").fetchone()[0].endswith("2.4 亿美元。")


def test_bulk_load_matches_row_by_row(tmp_path):
    texts = [TEXT, "Coinbase 第三季度营收 18.7 亿美元，资本支出 2 亿美元。", "Tether minted $1 billion of USDT."]
    items = [(Article(url=f"https://x.example/{i}", title=f"T{i}", text=t), tuple(extract_figures(t)),
              None, "x.example") for i, t in enumerate(texts)]
    db = store.open_db(tmp_path / "bulk.db")
    with store.bulk_load(db):
        with store.transaction(db):
            results = store.save_articles(db, items + items[:1])  # a repeated URL is an update, not a copy
    assert [r.status for r in results].count("new") == 3
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM figures").fetchone()[0] == sum(len(figures) for _, figures, _, _ in items)
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '资本支出'").fetchall()
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} == set(store.FTS_TRIGGERS)
    with store.transaction(db):  # triggers are back: a new row is searchable at once
        save(db, Article(url="https://x.example/new", title="N", text="全新的稳定币法案"), None, "x")
    assert db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '稳定币法案'").fetchone()[0] == 1
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")  # raises if corrupt
    config = dict(db.execute("SELECT k, v FROM articles_fts_config").fetchall())
    assert (config.get("automerge"), config.get("hashsize"), config.get("pgsz")) == (4, 1 << 20, 4050)


def _searchable(db, word: str) -> list[int]:
    return [r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
                                     [f'"{word}"']).fetchall()]


def test_bulk_load_into_a_filled_file_indexes_new_rows_and_changed_old_ones(tmp_path):
    db = store.open_db(tmp_path / "filled.db")
    with store.transaction(db):
        save(db, Article(url="https://x.example/old", title="O", text="旧文章谈稳定币法案"), None, "x")
    with store.bulk_load(db):
        with store.transaction(db):
            store.save_articles(db, [(Article(url="https://x.example/new", title="N", text="新文章也谈稳定币法案"),
                                      (), None, "x")])
    assert _searchable(db, "稳定币法案") == [1, 2]
    with store.bulk_load(db):  # an old row changed inside the block: the whole index is rebuilt
        with store.transaction(db):
            save(db, Article(url="https://x.example/old", title="O", text="旧文章改谈比特币现货"), None, "x")
    assert _searchable(db, "稳定币法案") == [2] and _searchable(db, "比特币现货") == [1]
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_bulk_load_rebuilds_the_index_when_an_old_row_was_deleted_or_saved_again_and_only_then(tmp_path):
    """The end of a load no longer scans every stored row: temp triggers note a change to an
    old row; a story or zone written to one (as merges and ingests do) is no change to its text."""
    db = store.open_db(tmp_path / "watched.db")
    with store.transaction(db):
        for i, text in enumerate(["旧文一谈稳定币法案", "旧文二谈以太坊升级"]):
            save(db, Article(url=f"https://x.example/old{i}", title=f"O{i}", text=text), None, "x")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)

    def rebuilt() -> bool:
        found = any("'rebuild'" in sql for sql in statements)
        statements.clear()
        return found

    with store.bulk_load(db):
        with store.transaction(db):
            store.save_articles(db, [(Article(url="https://x.example/new", title="N", text="新文也谈稳定币法案"),
                                      (), None, "x")])
            db.execute("UPDATE articles SET story_id = 3, time_zone = 'Asia/Tokyo' WHERE id = 1")
    assert not rebuilt() and _searchable(db, "稳定币法案") == [1, 3]
    with store.bulk_load(db):
        with store.transaction(db):
            db.execute("DELETE FROM articles WHERE id = 1")
    assert rebuilt() and _searchable(db, "稳定币法案") == [3]
    with store.bulk_load(db):
        with store.transaction(db):  # what save_article writes over an old row: its text and extraction time
            db.execute("UPDATE articles SET text = '旧文二改谈比特币现货', extracted_at = ? WHERE id = 2",
                       [store.now_iso()])
    assert rebuilt() and _searchable(db, "比特币现货") == [2] and _searchable(db, "以太坊升级") == []
    with store.bulk_load(db):
        with store.transaction(db):  # a row written again under an old id the load had not seen
            db.execute("INSERT INTO articles (id, url, text, first_seen_at, extracted_at, extractor_version)"
                       " VALUES (1, 'https://x.example/back', '回来的稳定币法案', '2026', '2026', 'v')")
    assert rebuilt() and _searchable(db, "稳定币法案") == [1, 3]
    with pytest.raises(KeyboardInterrupt):
        with store.bulk_load(db):
            with store.transaction(db):
                db.execute("DELETE FROM articles WHERE id = 3")
            raise KeyboardInterrupt
    assert rebuilt() and _searchable(db, "稳定币法案") == [1]
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert db.execute("SELECT name FROM sqlite_temp_master").fetchall() == []  # the watch ends with the load


def test_bulk_load_killed_midway_is_repaired_by_the_next_writer(tmp_path):
    path = tmp_path / "killed.db"
    script = f"""
import os
from pipeline import store
from pipeline.models import Article
db = store.open_db({str(path)!r})
with store.bulk_load(db):
    with store.transaction(db):
        store.save_articles(db, [(Article(url="https://x.example/k", title="K", text="中途被杀的导入"), (), None, "x")])
    os._exit(9)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    db = store.open_db(path)
    assert _searchable(db, "被杀的导入") == []  # the load died before indexing
    assert store.ensure_fts_triggers(db) is True
    assert _searchable(db, "被杀的导入") == [1]
    assert store.ensure_fts_triggers(db) is False


def test_bulk_load_refuses_while_a_crawl_holds_the_lock(tmp_path):
    db = store.open_db(tmp_path / "busy.db")
    with RunLock(tmp_path / "busy.db"):
        with pytest.raises(LockHeld):
            with store.bulk_load(db):
                pass


def test_a_batch_mixing_articles_with_and_without_a_zone_stores_each_as_given(tmp_path):
    db = store.open_db(tmp_path / "zones.db")
    for zones in ((None, "Asia/Tokyo"), ("Asia/Tokyo", None)):
        items = [(Article(url=f"https://x.example/{zones}/{i}", title=f"T{i}{zones}", text=f"文本 {i} {zones}",
                          published="2026-01-29T09:00:00", lang="en", time_zone=zone), (), None, "x.example")
                 for i, zone in enumerate(zones)]
        with store.transaction(db):
            store.save_articles(db, items)
        stored = db.execute("SELECT time_zone, published_utc FROM articles WHERE url LIKE ? ORDER BY url",
                            [f"%{zones}%"]).fetchall()
        utc = {None: "2026-01-29T09:00:00Z", "Asia/Tokyo": "2026-01-29T00:00:00Z"}
        assert stored == [(zone, utc[zone]) for zone in zones]


def test_a_new_article_stores_every_value_its_save_gives(tmp_path):
    """_insert_new writes the fixed _VALUE_COLUMNS: a key _article_values gains must be one of them."""
    a = Article(url="https://x.example/z", title="Z", text=TEXT, author="A", published="2026-01-29", lang="zh-Hans",
                categories=("c",), tags=("t",), site_name="X", description="d", time_zone="Asia/Tokyo")
    values = store._article_values(a, None, "x.example", store.now_iso())
    assert set(values) <= set(store._VALUE_COLUMNS)
    db = store.open_db(tmp_path / "cols.db")
    with store.transaction(db):
        save(db, a)
    row = dict(zip([d[0] for d in db.execute("SELECT * FROM articles").description],
                   db.execute("SELECT * FROM articles").fetchone(), strict=True))
    saved_at = values.pop("extracted_at")  # the save reads the clock again: a second may have passed
    assert {k: row[k] for k in values} == values and row["extracted_at"] >= saved_at


def test_none_is_stored_as_null(tmp_path):
    """None parameters go through the adapter store registers for speed: still SQL NULL, not a text."""
    db = store.open_db(tmp_path / "null.db")
    with store.transaction(db):
        save(db, article())
    assert db.execute("SELECT DISTINCT typeof(low), typeof(author), typeof(page_id) FROM figures"
                      " JOIN articles a ON a.id = figures.article_id").fetchall() == [("null", "null", "null")]
    assert db.execute("SELECT COUNT(*) FROM articles WHERE author IS NULL").fetchone()[0] == 1


def test_bulk_load_checkpoints_less_often_inside_and_restores_the_setting(tmp_path):
    db = store.open_db(tmp_path / "wal.db")
    before = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    with store.bulk_load(db):
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == store.BULK_CHECKPOINT_PAGES
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before
    with pytest.raises(KeyboardInterrupt):  # an interrupted load
        with store.bulk_load(db):
            with store.transaction(db):
                store.save_articles(db, [(article(), (), None, "x.example")])
            raise KeyboardInterrupt
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before
    assert _searchable(db, "交易所营收") == [1]  # the committed batch was indexed all the same
