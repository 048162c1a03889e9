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


def test_a_redirected_page_from_a_crawls_warc_is_not_stored_twice(route_server, tmp_path):
    # The crawl stores the URL it asked for (/old) with final_url /new/; its WARC names /new/.
    from tests.conftest import article_html, send

    html = article_html("Exchange revenue rises", [
        "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
        "recovered across spot and derivatives markets and retail users returned to the platform.",
        "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
        "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
        "Analysts said the results showed the platform had regained the customers it lost during the downturn, "
        "though fees per trade kept falling as competition from rival venues increased through the quarter."],
        extra_head='<meta property="article:published_time" content="2026-01-27T14:05:00Z">').encode()
    route_server.routes["/"] = lambda req: send(req, 200, b'<html><body><a href="/old">story</a></body></html>')
    route_server.routes["/old"] = lambda req: send(req, 301, b"", headers={"Location": "/new/"})
    route_server.routes["/new/"] = lambda req: send(req, 200, html)
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, warc_dir=warc_dir, max_depth=1), [route_server.url + "/"])
    assert summary.articles_new == 1, summary
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pages WHERE url LIKE '%/old' AND final_url LIKE '%/new/'"
                            ).fetchone()[0] == 1
        before = conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    again = ingest(db, [str(p) for p in summary.warc_files], options=IngestOptions(workers=1))
    assert again.exit_code == 0 and again.tally.pages == 0 and again.tally.skipped["already_stored"] >= 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == before
