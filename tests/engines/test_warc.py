"""Reading archives: which records become pages, which are skipped and why, truncation, ARC, streaming."""

from __future__ import annotations

import threading
from collections import Counter
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.config import SiteConfig
from pipeline.engines.sites import SiteFilter
from pipeline.engines.warc import read_records
from tests.engines.archives import BASE, fixture_pages, write_arc, write_archive


def _kinds(source: str, **kwargs) -> Counter:
    return Counter("page" if r.page else r.skipped or "error" for r in read_records(source, **kwargs))


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_pages_and_the_rest_is_counted(tmp_path: Path, gzip: bool) -> None:
    pages = fixture_pages()[:6]
    archive = write_archive(tmp_path / ("a.warc.gz" if gzip else "a.warc"), pages, gzip=gzip)
    kinds = _kinds(str(archive))
    # 6 responses + the HTML resource record; one of each other record type
    assert kinds == Counter({"page": 7, "request": 6, "warcinfo": 1, "metadata": 1, "not_html": 1, "revisit": 1,
                             "redirect": 1})
    read = [r.page for r in read_records(str(archive)) if r.page]
    assert [p.final_url for p in read[:2]] == [pages[0][0], pages[1][0]]
    assert read[0].body == pages[0][1] and read[0].status == 200
    assert read[0].fetched_at == "2026-01-30T08:00:00+00:00"


def test_the_gbk_page_keeps_its_bytes(tmp_path: Path) -> None:
    pages = [p for p in fixture_pages() if "whale-withdraws" in p[0]]
    assert pages and b'charset="gbk"' in pages[0][1]
    archive = write_archive(tmp_path / "gbk.warc.gz", pages, extras=False)
    (record,) = [r for r in read_records(str(archive)) if r.page]
    assert record.page.body == pages[0][1]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_truncated_last_record_is_an_error_and_the_others_are_kept(tmp_path: Path, gzip: bool) -> None:
    pages = fixture_pages()[:4]
    archive = write_archive(tmp_path / "cut.warc", pages, gzip=gzip, truncate_last=True)
    records = list(read_records(str(archive)))
    assert sum(1 for r in records if r.page) == 5  # 4 responses + the resource record
    assert records[-1].error and "truncated" in records[-1].error
    assert sum(1 for r in records if r.error) == 1


def test_arc_files_are_read_as_responses(tmp_path: Path) -> None:
    pages = fixture_pages()[:3]
    arc = write_arc(tmp_path / "old.arc", pages)
    read = [r.page for r in read_records(str(arc)) if r.page]
    assert [(p.url, p.body) for p in read] == pages


def test_an_arc_gz_is_read_without_a_scan_for_warc_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip as gz

    import pipeline.engines.warc as warc

    pages = fixture_pages()[:4]
    plain = write_arc(tmp_path / "a.arc", pages).read_bytes()
    members, start = [], 0
    for end in [i + 1 for i, byte in enumerate(plain) if byte == 10 and plain[i + 1:i + 8] == b"http://"] + [len(plain)]:
        members.append(gz.compress(plain[start:end]))
        start = end
    archive = tmp_path / "a.arc.gz"
    archive.write_bytes(b"".join(members))
    scans: list[int] = []
    real = warc.next_member
    monkeypatch.setattr(warc, "next_member", lambda stream, offset: scans.append(offset) or real(stream, offset))
    assert len([r for r in read_records(str(archive)) if r.page]) == len(pages)
    assert scans == []  # a 1 GB ARC.gz is not read through once more per range


@pytest.mark.parametrize("gzip", [True, False])
def test_byte_ranges_split_a_file_without_losing_or_doubling_records(tmp_path: Path, gzip: bool) -> None:
    archive = write_archive(tmp_path / ("a.warc.gz" if gzip else "a.warc"), fixture_pages()[:10], gzip=gzip)
    everything = [r.offset for r in read_records(str(archive))]
    size = archive.stat().st_size
    for step in (size // 3 + 1, 997):  # a few large ranges, then ranges smaller than most records
        cuts = [*range(0, size, step), None]
        parts = [r.offset for lo, hi in zip(cuts, cuts[1:], strict=False)
                 for r in read_records(str(archive), first_offset=lo, end_offset=hi)]
        assert parts == everything and len(everything) > 20


def test_a_range_of_a_warc_gz_starts_at_its_first_record_without_reading_those_before(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.warc.gz", fixture_pages()[:10])
    offsets = [r.offset for r in read_records(str(archive))]
    middle = offsets[len(offsets) // 2]
    data = bytearray(archive.read_bytes())
    data[offsets[2]:middle - 1] = bytes(middle - 1 - offsets[2])  # the records before the range, destroyed
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    tail = list(read_records(str(broken), first_offset=middle - 40))  # a range starting inside a record
    assert [r.offset for r in tail] == offsets[len(offsets) // 2:] and not any(r.error for r in tail)
    assert any(r.error for r in read_records(str(broken)))  # read from the start, the damage shows


@pytest.mark.parametrize("damage", ["inflate", "header"])
def test_a_damaged_record_in_the_middle_costs_that_record_and_reading_goes_on(tmp_path: Path, damage: str) -> None:
    pages = fixture_pages()[:8]
    archive = write_archive(tmp_path / "a.warc.gz", pages, extras=False)
    clean = [r for r in read_records(str(archive))]
    victim = next(r for r in clean if r.page and r.page.url == pages[3][0])
    after = clean[clean.index(victim) + 1].offset
    data = bytearray(archive.read_bytes())
    if damage == "inflate":  # compressed bytes in the middle of the member overwritten
        middle = (victim.offset + after) // 2
        data[middle:middle + 64] = bytes(64)
    else:  # the member's gzip header itself destroyed
        data[victim.offset:victim.offset + 3] = b"XYZ"
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    read = list(read_records(str(broken)))
    urls = [r.page.url for r in read if r.page]
    assert urls == [url for url, _ in pages if url != pages[3][0]]  # every other page, in order
    assert [r.error_kind for r in read if r.error] == ["unreadable"]


@pytest.mark.parametrize("damage", ["inflate", "header"])
def test_a_damaged_first_record_costs_that_record_not_the_file(tmp_path: Path, damage: str) -> None:
    pages = fixture_pages()[:5]
    archive = write_archive(tmp_path / "a.warc.gz", pages, extras=False)
    clean = list(read_records(str(archive)))
    first, second = clean[0], clean[1]
    data = bytearray(archive.read_bytes())
    if damage == "inflate":
        data[second.offset // 2:second.offset // 2 + 64] = bytes(64)
    else:
        data[0:3] = b"XYZ"
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    read = list(read_records(str(broken)))
    assert [r.page.url for r in read if r.page] == [r.page.url for r in clean[1:] if r.page]
    assert [r.error_kind for r in read if r.error] == ["unreadable"]
    assert first.skipped == "warcinfo" and len([r for r in read if r.page]) == len(pages)


@pytest.mark.parametrize("inflates", [True, False])
@pytest.mark.parametrize("trial", range(8))
def test_a_damaged_record_at_a_range_boundary_is_counted_once(tmp_path: Path, inflates: bool, trial: int) -> None:
    """Dask ranges of one file report a damaged record exactly once, whichever range it falls in.
    Each trial writes new record ids, so the damaged member's bytes differ: some are read by
    warcio as an ARC line rather than failing (the case a range's end must report)."""
    import gzip as gz

    archive = write_archive(tmp_path / "a.warc.gz", fixture_pages()[:6], extras=False)
    offsets = [r.offset for r in read_records(str(archive))]
    k = len(offsets) // 2
    data = archive.read_bytes()
    # a member that inflates to a WARC header but has no WARC-Target-URI, or one that does not inflate
    bad = gz.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 7\r\n\r\nHTTP/1.1 200 OK\r\n\r\n") \
        if inflates else b"XYZ" + data[offsets[k] + 3:offsets[k + 1]]
    broken = tmp_path / "b.warc.gz"
    broken.write_bytes(data[:offsets[k]] + bad + data[offsets[k + 1]:])
    whole = list(read_records(str(broken)))
    assert sum(1 for r in whole if r.error) == 1
    for cut in (offsets[k] - 50, offsets[k] - 1, offsets[k], offsets[k] + 1):
        parts = list(read_records(str(broken), end_offset=cut)) + list(read_records(str(broken), first_offset=cut))
        assert [r.page.url for r in parts if r.page] == [r.page.url for r in whole if r.page]
        assert sum(1 for r in parts if r.error) == 1, cut


def test_a_sites_file_keeps_its_sites_and_drops_excluded_urls(tmp_path: Path) -> None:
    pages = fixture_pages()
    other = [("https://elsewhere.example/news/1", pages[0][1])]
    archive = write_archive(tmp_path / "a.warc.gz", other + pages, extras=False)
    sites = SiteFilter((SiteConfig(name="demo", seeds=(BASE,), exclude_patterns=("/menu/",)),))
    kinds = _kinds(str(archive), sites=sites)
    menus = sum(1 for url, _ in pages if "/menu/" in url)
    assert menus > 0
    assert kinds["outside_sites"] == 1 and kinds["excluded"] == menus
    assert kinds["page"] == len(pages) - menus


def test_an_http_url_is_streamed(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "a.warc.gz", fixture_pages()[:5])
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a.warc.gz"
        assert _kinds(url) == _kinds(str(archive))
    finally:
        server.shutdown()
        server.server_close()


def test_records_arrive_before_the_file_has_been_sent(tmp_path: Path) -> None:
    """Streamed, not downloaded: the server holds back the second half until the reader has a page."""
    pages = fixture_pages()
    data = write_archive(tmp_path / "a.warc.gz", pages, extras=False).read_bytes()
    assert len(data) > 150_000  # half of it is well past the readers' buffers
    reader_has_a_page, all_sent = threading.Event(), threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def log_message(self, *a) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            reader_has_a_page.wait(timeout=20)  # a reader that waits for the whole file waits here
            self.wfile.write(data[len(data) // 2:])
            all_sent.set()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a.warc.gz"
        count = 0
        for record in read_records(url):
            if record.page is not None:
                if count == 0:
                    assert not all_sent.is_set(), "the first page came only after the whole file"
                    reader_has_a_page.set()
                count += 1
        assert count == len(pages)
    finally:
        reader_has_a_page.set()
        server.shutdown()
        server.server_close()


def test_an_oversized_response_is_recorded_too_large_and_its_neighbours_are_read(tmp_path: Path) -> None:
    from pipeline.engines.warc import MAX_BODY_BYTES

    small = fixture_pages()[:2]
    huge = (BASE + "huge/", b"<html><body>" + b"<p>x</p>" * (MAX_BODY_BYTES // 8 + 10) + b"</body></html>")
    archive = write_archive(tmp_path / "big.warc.gz", [small[0], huge, small[1]], extras=False)
    records = [r for r in read_records(str(archive)) if r.page is not None]
    assert [r.page.url for r in records] == [small[0][0], huge[0], small[1][0]]
    big = records[1].page
    assert big.error_kind == "too_large" and big.body == b""
    assert records[2].page.body == small[1][1]  # the record after it is read whole


def test_a_damaged_first_member_read_as_an_arc_line_costs_that_record_only(tmp_path: Path) -> None:
    """Damaged bytes that warcio takes for an ARC header ("url ip date type length") are no error
    to it, and the length they declare runs on over the records after them: in a .warc.gz that
    record is unreadable, and reading goes on at the next member, not after the junk's end.
    (Random damage made this case in about one run in thirty of the test above.)"""
    pages = fixture_pages()[:5]
    archive = write_archive(tmp_path / "a.warc.gz", pages, extras=False)
    clean = list(read_records(str(archive)))
    data = archive.read_bytes()
    second = clean[1].offset
    line = b"x 1.2.3.4 20200101000000 text/plain %d\n" % (3 * second)  # past the second and third members
    assert len(line) < second
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(line + data[len(line):])
    read = list(read_records(str(broken)))
    assert [r.page.url for r in read if r.page] == [r.page.url for r in clean[1:] if r.page]
    assert [(r.offset, r.error_kind) for r in read if r.error] == [(0, "unreadable")]
