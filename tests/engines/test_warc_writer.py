"""A crawl's pages written as WARC, then ingested: the same articles and figures as processing the pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from pipeline.engines.ingest import IngestOptions, ingest
from pipeline.engines.warc_writer import WarcWriter
from pipeline.models import Page
from tests.engines.archives import direct_database
from tests.engines.conftest import sample_pages

FETCHED = "2026-01-30T08:00:00+00:00"


def _crawled() -> list[Page]:
    """Pages as fetch() returns them: bodies already decoded, transfer headers still there."""
    pages = [Page(url=url, final_url=url, status=200, content_type="text/html; charset=utf-8" if "whale" not in url
                  else "text/html", fetched_at=FETCHED, body=body,
                  headers={"content-type": "text/html", "content-encoding": "gzip", "content-length": "12",
                           "etag": '"v1"'})
             for url, body in sample_pages()]
    pages.append(Page(url="http://127.0.0.1:8765/gone/", final_url="http://127.0.0.1:8765/gone/", status=404,
                      content_type="text/html", fetched_at=FETCHED, body=b"<html>not here</html>"))
    pages.append(Page(url="http://127.0.0.1:8765/down/", final_url="http://127.0.0.1:8765/down/", status=None,
                      content_type=None, fetched_at=FETCHED, error="connection refused", error_kind="connection"))
    return pages


def _rows(path: Path, query: str) -> list[tuple]:
    return sorted(sqlite3.connect(path).execute(query), key=repr)


ARTICLES = "SELECT url, title, author, published, lang, text_hash FROM articles"
FIGURES = ("SELECT a.url, f.kind, f.text, f.span_start, f.value, f.currency, f.metric FROM figures f"
           " JOIN articles a ON a.id = f.article_id")


def test_ingest_of_what_the_writer_wrote_gives_the_same_articles_and_figures(tmp_path: Path) -> None:
    pages = _crawled()
    with WarcWriter(tmp_path, prefix="run-1") as writer:
        written = [writer.write(page) for page in pages]
    assert written == [True] * (len(pages) - 1) + [False]  # no response, nothing to archive
    (archive,) = writer.files
    assert archive.name == "run-1-00001.warc.gz" and not list(tmp_path.glob("*.open"))
    with open(archive, "rb") as stream:
        types = [r.rec_type for r in ArchiveIterator(stream)]
    assert types == ["warcinfo"] + ["response", "request"] * (len(pages) - 1)
    db = tmp_path / "ingested.db"
    summary = ingest(db, [str(archive)], options=IngestOptions(workers=1))
    assert summary.tally.errors == {"http": 1}  # the 404, as a crawl records it
    reference = direct_database(tmp_path / "direct.db", sample_pages(), fetched_at=FETCHED)
    assert _rows(db, ARTICLES) == _rows(reference, ARTICLES) and len(_rows(db, ARTICLES)) == 6
    assert _rows(db, FIGURES) == _rows(reference, FIGURES)
    assert _rows(db, "SELECT etag FROM pages WHERE status = 200") == [('"v1"',)] * len(sample_pages())


def test_the_writer_rotates_past_max_bytes(tmp_path: Path) -> None:
    pages = _crawled()[:6]
    with WarcWriter(tmp_path, prefix="run-2", max_bytes=4000) as writer:
        for page in pages:
            writer.write(page)
    assert len(writer.files) >= 3 and all(f.name.endswith(".warc.gz") for f in writer.files)
    urls = []
    for path in writer.files:
        with open(path, "rb") as stream:
            urls += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)
                     if r.rec_type == "response"]
    assert urls == [p.final_url for p in pages]
