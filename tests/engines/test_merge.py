"""merge: shards joined as if their pages had been stored in one file; the same shard twice changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from pipeline import store
from pipeline.engines.ingest import merge
from pipeline.engines.shards import merge_shard, site_in_shard
from pipeline.models import Page
from pipeline.page import process_page
from tests.conftest import run_cli
from tests.engines.archives import fixture_pages, snapshot
from tests.engines.conftest import sample_pages


def _store(db: store.sqlite_utils.Database, pages: list[tuple[str, bytes]], fetched_at: str) -> None:
    run_id = store.start_run(db, [f"shard of {fetched_at}"])
    for url, body in pages:
        page = Page(url=url, final_url=url, status=200, content_type="text/html", fetched_at=fetched_at, body=body)
        with store.transaction(db):
            store.save_result(db, page, process_page(page), run_id)
    store.finish_run(db, run_id, "ok", 0, {"pages_fetched": len(pages)}, {})


def _shards(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two shards of two days' crawls, overlapping (one page again, one article changed), and
    a reference: the same pages stored in one file in the same order."""
    pages = sample_pages()
    meta = next(p for p in pages if "meta-ai-capex" in p[0])
    changed = (meta[0], meta[1].replace("1350 亿".encode(), "1400 亿".encode()))  # the text, not the URL
    first, second = pages[:8], [pages[2], changed, *pages[8:]]
    days = ("2026-01-30T08:00:00+00:00", "2026-01-31T08:00:00+00:00")
    paths = []
    for name, batches in (("a.db", [(first, days[0])]), ("b.db", [(second, days[1])]),
                          ("reference.db", [(first, days[0]), (second, days[1])])):
        db = store.open_db(tmp_path / name)
        for part, day in batches:
            _store(db, part, day)
        db.conn.close()
        paths.append(tmp_path / name)
    assert any("meta-ai-capex" in url for url, _ in first)
    return paths[0], paths[1], paths[2]


def _versions(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    return sorted(conn.execute("SELECT a.url, v.text_hash FROM article_versions v JOIN articles a ON a.id = v.article_id"))


def _runs(path: Path) -> list[tuple]:
    return sorted(sqlite3.connect(path).execute("SELECT started_at, seeds, status, pages_fetched FROM runs"))


def test_two_shards_merge_into_what_one_file_would_hold_and_twice_changes_nothing(tmp_path: Path) -> None:
    a, b, reference = _shards(tmp_path)
    target = tmp_path / "news.db"
    reports = merge(target, [a, b])
    assert [r.already_merged for r in reports] == [False, False]
    assert reports[1].articles_updated == 1  # the changed article: the newer capture's text wins
    assert snapshot(target) == snapshot(reference)
    assert _versions(target) == _versions(reference) and len(_versions(target)) == 1
    assert _runs(target) == _runs(a) + _runs(b)  # runs keep their history
    before = snapshot(target), _versions(target), _runs(target)
    again = merge(target, [a, b])
    assert [r.already_merged for r in again] == [True, True]
    assert (snapshot(target), _versions(target), _runs(target)) == before


def test_rows_are_matched_even_when_the_shard_is_not_recognised(tmp_path: Path) -> None:
    """A crawl database that grew since the last nightly merge has a new fingerprint: rows still match."""
    a, b, _ = _shards(tmp_path)
    target = tmp_path / "news.db"
    merge(target, [a, b])
    before = snapshot(target), _versions(target), _runs(target)
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM merged_shards")
    reports = merge(target, [b, a])  # and in the other order
    assert sum(r.pages + r.articles_new + r.figures + r.runs for r in reports) == 0
    assert (snapshot(target), _versions(target), _runs(target)) == before


def test_an_older_capture_with_other_text_is_kept_as_a_version(tmp_path: Path) -> None:
    a, b, _ = _shards(tmp_path)
    target = tmp_path / "news.db"
    merge(target, [b, a])  # the newer shard first
    conn = sqlite3.connect(target)
    text = conn.execute("SELECT text FROM articles WHERE url LIKE '%meta-ai-capex%'").fetchone()[0]
    assert "1400" in text and "1350" not in text
    assert len(_versions(target)) == 1
    values = {row[0] for row in conn.execute("SELECT f.value FROM figures f JOIN articles a ON a.id = f.article_id"
                                             " WHERE a.url LIKE '%meta-ai-capex%' AND f.kind = 'money'")}
    assert 140_000_000_000 in values and 135_000_000_000 not in values  # figures follow their article's text


def test_cli_merge_twice(tmp_path: Path) -> None:
    a, b, reference = _shards(tmp_path)
    copy = tmp_path / "copy-of-a.db"
    shutil.copy(a, copy)
    target = tmp_path / "cli.db"
    first = run_cli("merge", str(a), str(b), "--into", str(target))
    assert first.returncode == 0, first.stderr
    assert "new articles" in first.stdout
    second = run_cli("merge", str(copy), str(b), "--into", str(target))
    assert second.returncode == 0 and second.stdout.count("already merged") == 2
    assert snapshot(target) == snapshot(reference)
    assert run_cli("merge", str(tmp_path / "missing.db"), "--into", str(target)).returncode == 78


def test_merge_into_a_file_that_has_rows_of_its_own(tmp_path: Path) -> None:
    a, b, reference = _shards(tmp_path)
    target = tmp_path / "grown.db"
    shutil.copy(a, target)  # the target already holds shard a's rows, under its own ids
    db = store.open_db(target)
    with store.bulk_load(db):
        report = merge_shard(db, b)
    assert report.articles_updated == 1
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")  # raises when out of step
    found = {q: [row[0] for row in db.execute("SELECT a.url FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                                              " WHERE articles_fts MATCH ?", [f'"{q}"'])] for q in ("1400 亿", "1350 亿")}
    assert any("meta-ai-capex" in url for url in found["1400 亿"]) and found["1350 亿"] == []
    db.conn.close()
    assert snapshot(target) == snapshot(reference)


def test_site_in_shard_is_stable_and_splits_every_site_once() -> None:
    names = [f"site-{i}.example" for i in range(200)]
    for n in (1, 2, 3, 7):
        owners = [[k for k in range(1, n + 1) if site_in_shard(name, k, n)] for name in names]
        assert all(len(o) == 1 for o in owners)
        if n > 1:
            sizes = [sum(1 for o in owners if o == [k]) for k in range(1, n + 1)]
            assert min(sizes) > 200 / n / 2  # roughly even
    assert site_in_shard("8v", 1, 2) == site_in_shard("8v", 1, 2)
    assert [site_in_shard("8v", k, 4) for k in range(1, 5)].count(True) == 1


def test_a_newer_capture_of_the_same_text_brings_its_editions_and_story(tmp_path: Path) -> None:
    """A crawl replaces a page's editions on every fetch, its text changed or not: so does merge."""
    import re

    pages = dict(fixture_pages())
    tw = next(u for u in pages if "meta-bets-big-on-ai" in u)
    zh = next(u for u in pages if "meta-ai-capex-1350" in u)
    def strip(body: bytes) -> bytes:
        return re.sub(rb'<link rel="alternate" hreflang="[^"]*" href="[^"]*">', b"", body)
    days = ("2026-01-30T08:00:00+00:00", "2026-01-31T08:00:00+00:00")
    plans = {"a.db": [([(tw, strip(pages[tw]))], days[0])], "b.db": [([(tw, pages[tw]), (zh, strip(pages[zh]))], days[1])]}
    plans["reference.db"] = plans["a.db"] + plans["b.db"]
    for name, plan in plans.items():
        db = store.open_db(tmp_path / name)
        for part, day in plan:
            _store(db, part, day)
        db.conn.close()
    target = tmp_path / "news.db"
    merge(target, [tmp_path / "a.db", tmp_path / "b.db"])
    merged, reference = snapshot(target), snapshot(tmp_path / "reference.db")
    assert merged["stories"] == reference["stories"] and len(merged["stories"]) == 1
    assert merged["alternates"] == reference["alternates"] and merged["alternates"]
