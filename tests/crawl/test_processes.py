"""crawl --processes N: pages processed in worker processes store exactly what one process stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.config import Config
from pipeline.crawl import crawl
from pipeline.crawl.processing import ProcessPool
from tests.conftest import run_cli

TABLES = {
    "articles": ("SELECT url, site, title, author, published, date_source, lang, categories, tags, description, text,"
                 " text_hash FROM articles"),
    "figures": ("SELECT a.url, f.kind, f.text, f.span_start, f.value, f.currency, f.metric FROM figures f"
                " JOIN articles a ON a.id = f.article_id"),
    "pages": "SELECT url, final_url, status, encoding, error, error_kind, content_hash FROM pages",
    "frontier": "SELECT url, state, depth, reason FROM frontier",
    "raw_html": "SELECT content_hash FROM raw_html",
}


def contents(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {name: sorted(conn.execute(query), key=repr) for name, query in TABLES.items()}


def test_two_processes_store_what_one_stores(site_url, tmp_path, monkeypatch):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = crawl(Config(db_path=one, processes=1), [site_url])
    sent: list[str] = []
    submit = ProcessPool.submit

    def counted(pool, page, site, options):
        sent.append(page.url)
        return submit(pool, page, site, options)

    monkeypatch.setattr(ProcessPool, "submit", counted)
    second = crawl(Config(db_path=two, processes=2), [site_url])
    assert len(sent) == second.pages_fetched - 2  # every page went to the pool (not the sitemap and feed)
    assert first.exit_code == second.exit_code == 0
    assert first.articles_new == second.articles_new == 6  # the fixture site
    assert (first.pages_fetched, first.figures, first.skipped) == (second.pages_fetched, second.figures,
                                                                  second.skipped)
    expected, got = contents(one), contents(two)
    assert expected["articles"] and expected["figures"]
    for table in TABLES:
        assert got[table] == expected[table], table


def test_cli_processes(site_url, tmp_path):
    done = run_cli("crawl", site_url, "--db", str(tmp_path / "p.db"), "--processes", "2")
    assert done.returncode == 0, done.stderr
    assert "articles: 6 new" in done.stdout
    bad = run_cli("crawl", site_url, "--db", str(tmp_path / "q.db"), "--processes", "0")
    assert bad.returncode == 78 and "processes must be between 1 and 64" in bad.stderr
