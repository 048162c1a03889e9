"""crawl --warc DIR: the run's responses as WARC, which `ingest` turns into the same articles and figures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from pipeline.config import Config
from pipeline.crawl import crawl
from pipeline.engines.ingest import IngestOptions, ingest
from tests.conftest import run_cli

ARTICLES = "SELECT url, title, author, published, lang, text_hash FROM articles"
FIGURES = ("SELECT a.url, f.kind, f.text, f.span_start, f.value, f.currency, f.metric FROM figures f"
           " JOIN articles a ON a.id = f.article_id")


def rows(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(query), key=repr)


def test_crawl_warc_then_ingest_gives_the_same_articles_and_figures(site_url, tmp_path):
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    crawled = tmp_path / "crawled.db"
    summary = crawl(Config(db_path=crawled, warc_dir=warc_dir), [site_url])
    assert summary.exit_code == 0 and summary.articles_new == 6, summary
    (archive,) = summary.warc_files
    assert archive.parent == warc_dir and archive.name.endswith(".warc.gz") and not list(warc_dir.glob("*.open"))
    with open(archive, "rb") as stream:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]
    responses = [uri for kind, uri in records if kind == "response"]
    requests = [uri for kind, uri in records if kind == "request"]
    with sqlite3.connect(crawled) as conn:
        fetched = {u for (u,) in conn.execute("SELECT COALESCE(final_url, url) FROM pages WHERE status IS NOT NULL")}
    assert sorted(responses) == sorted(requests) and len(set(responses)) == len(responses)
    # every page is archived; the sitemap and feed the crawl read (stored as pages too) are not, by design
    assert set(responses) <= fetched and fetched - set(responses) == {f"{site_url}sitemap.xml", f"{site_url}feed.xml"}

    ingested = tmp_path / "ingested.db"
    report = ingest(ingested, [str(archive)], options=IngestOptions(workers=1))
    assert report.exit_code == 0
    assert rows(ingested, ARTICLES) == rows(crawled, ARTICLES) and len(rows(crawled, ARTICLES)) == 6
    assert rows(ingested, FIGURES) == rows(crawled, FIGURES) and rows(crawled, FIGURES)

    # the capture back into the database that made it: every page is there already
    with sqlite3.connect(crawled) as conn:
        pages_before = conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    again = ingest(crawled, [str(archive)], options=IngestOptions(workers=1))
    assert again.exit_code == 0 and again.tally.pages == 0
    assert again.tally.skipped["already_stored"] == len(responses)
    with sqlite3.connect(crawled) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == pages_before


def test_cli_warc_needs_an_existing_folder(site_url, tmp_path):
    done = run_cli("crawl", site_url, "--db", str(tmp_path / "x.db"), "--warc", str(tmp_path / "missing"))
    assert done.returncode == 78 and "no such folder" in done.stderr, done.stderr
    (tmp_path / "warc").mkdir()
    done = run_cli("crawl", site_url, "--db", str(tmp_path / "x.db"), "--warc", str(tmp_path / "warc"),
                   "--max-pages", "3")
    assert done.returncode == 0, done.stderr
    (archive,) = (tmp_path / "warc").glob("*.warc.gz")
    assert f"WARC: {archive.resolve()}" in done.stdout
