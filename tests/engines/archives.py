"""Small WARC files built with warcio from the fixture site, and a comparable view of a database.

The archives hold what a real one holds besides HTML: a request for each response, a
warcinfo, a metadata record, a non-HTML response, a revisit, a redirect, an HTML resource
record, and optionally a truncated last record. Pages are served under the demo's own
address (127.0.0.1:8765), so article URLs are those a crawl of the demo would store.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import store
from pipeline.models import Page
from pipeline.page import process_page

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
BASE = "http://127.0.0.1:8765/"
DATE = "2026-01-30T08:00:00Z"


def fixture_pages() -> list[tuple[str, bytes]]:
    """(URL, body) of every HTML page of fixtures/site, in a stable order (the GBK page among them)."""
    pages = []
    for path in sorted(SITE.rglob("index.html")):
        rel = path.parent.relative_to(SITE).as_posix()
        pages.append((BASE + (rel + "/" if rel != "." else ""), path.read_bytes()))
    return pages


def _http(status: str, content_type: str | None) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_archive(path: Path, pages: list[tuple[str, bytes]], gzip: bool = True, extras: bool = True,
                  truncate_last: bool = False) -> Path:
    """A WARC file of `pages` (request + response each), with the other record types when `extras`."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    for i, (url, body) in enumerate(pages):
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "127.0.0.1:8765")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request,
                                                      warc_headers_dict={"WARC-Date": DATE}))
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=_http("200 OK", "text/html"),
                                                      warc_headers_dict={"WARC-Date": DATE}))
        if extras and i == 1:
            _write_extras(writer, url, body)
    if truncate_last:
        body = pages[0][1]
        writer.write_record(writer.create_warc_record(BASE + "cut-short/", "response", payload=io.BytesIO(body),
                                                      http_headers=_http("200 OK", "text/html; charset=utf-8"),
                                                      warc_headers_dict={"WARC-Date": DATE}))
    data = buffer.getvalue()
    if truncate_last:
        data = data[:-max(200, len(data) // 200)] if gzip else data[:-len(body) // 2]
    path.write_bytes(data)
    return path


def _write_extras(writer: WARCWriter, url: str, body: bytes) -> None:
    writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"outlinks: none\n"),
                                                  warc_content_type="application/warc-fields"))
    writer.write_record(writer.create_warc_record(BASE + "wp-content/logo.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(200)),
                                                  http_headers=_http("200 OK", "image/png")))
    revisit = writer.create_revisit_record(url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                           refers_to_uri=url, refers_to_date=DATE,
                                           http_headers=_http("200 OK", "text/html"))
    writer.write_record(revisit)
    moved = StatusAndHeaders("301 Moved Permanently", [("Location", url)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(BASE + "old-address/", "response", payload=io.BytesIO(b""),
                                                  http_headers=moved))
    writer.write_record(writer.create_warc_record(BASE + "resource-copy/", "resource", payload=io.BytesIO(body),
                                                  warc_content_type="text/html", warc_headers_dict={"WARC-Date": DATE}))


def direct_database(path: Path, pages: list[tuple[str, bytes]], fetched_at: str = "2026-01-30T08:00:00+00:00") -> Path:
    """The same pages through process_page + save_result directly, in order: the reference."""
    db = store.open_db(path)
    for url, body in pages:
        page = Page(url=url, final_url=url, status=200, content_type="text/html", fetched_at=fetched_at, body=body)
        with store.transaction(db):
            store.save_result(db, page, process_page(page), None)
    db.conn.close()
    return path


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """What a researcher sees, without ids and run numbers: comparable across engines and runs."""
    conn = sqlite3.connect(path)
    try:
        return {
            "pages": sorted(conn.execute("SELECT url, final_url, status, content_type, fetched_at, content_hash,"
                                         " encoding, error_kind FROM pages")),
            "raw_html": sorted(conn.execute("SELECT content_hash, size FROM raw_html")),
            "articles": sorted(conn.execute("SELECT a.url, a.site, a.title, a.author, a.published, a.lang, a.text_hash,"
                                            " p.url FROM articles a LEFT JOIN pages p ON p.id = a.page_id")),
            "figures": sorted(conn.execute("SELECT a.url, f.kind, f.text, f.span_start, f.value, f.low, f.high,"
                                           " f.currency, f.metric FROM figures f JOIN articles a ON a.id = f.article_id"),
                              key=repr),
            "search": sorted(conn.execute("SELECT a.url FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                                          " WHERE articles_fts MATCH 'USDT'")),
            "alternates": sorted(conn.execute("SELECT a.url, x.hreflang, x.url FROM article_alternates x"
                                              " JOIN articles a ON a.id = x.article_id")),
            "stories": sorted(tuple(sorted(group.split("\n"))) for (group,) in conn.execute(
                "SELECT group_concat(url, char(10)) FROM articles GROUP BY COALESCE(story_id, -id)"
                " HAVING COUNT(*) > 1")),
        }
    finally:
        conn.close()


def write_arc(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    """An ARC (version 1) file of `pages`: the format before WARC, still found in old collections."""
    version = b"1 0 pipeline-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://%s 0.0.0.0 20260130080000 text/plain %d\n" % (path.name.encode(), len(version)) + version + b"\n"]
    for url, body in pages:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        out.append(b"%s 127.0.0.1 20260130080000 text/html %d\n" % (url.encode(), len(http)) + http + b"\n")
    path.write_bytes(b"".join(out))
    return path


def with_resource_copy(pages: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The pages in the order an archive of write_archive(extras=True) holds its HTML: the
    resource record (a copy of the second page) comes right after the second page."""
    return [*pages[:2], (BASE + "resource-copy/", pages[1][1]), *pages[2:]]
