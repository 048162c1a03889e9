"""WARC and ARC records in, Pages out: what an archive holds, as a crawl would have fetched it.

warcio reads `.warc.gz`, plain `.warc` and ARC (converted to WARC records on the fly).
Only HTML `response` records (and `resource` records holding HTML) become Pages; requests,
metadata, warcinfo, revisits, redirects and non-HTML payloads are skipped and counted by
reason, because an archive is mostly such records and none of them is a failure. A record
cut short (a truncated last record, a download that stopped) is an error: counted, logged,
and the file's other records are kept.

An http(s) source is streamed through httpx and never written to disk: a CC-NEWS file is
1 GB and a worker needs only one record at a time.
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.addresses import AddressPolicy, BlockedAddress, guarded_transport
from pipeline.config import SiteConfig
from pipeline.engines.sites import SiteFilter
from pipeline.errors import ConfigError
from pipeline.models import ErrorKind, Page
from pipeline.urls import host_key
from pipeline.urls import normalize_url

LOGGER = logging.getLogger(__name__)

MAX_BODY_BYTES = 5 * 1024 * 1024  # as Config.max_bytes: a crawl would not have kept a bigger body either
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Record:
    """One archive record, judged: `page` is set for HTML kept, `skipped` or `error` says why not."""

    index: int  # position in the file, counting every record (requests, metadata...): stable record ranges
    offset: int  # byte offset of the record in the (compressed) file
    page: Page | None = None
    site: SiteConfig | None = None
    skipped: str | None = None  # request | metadata | warcinfo | revisit | not_html | redirect | not_http | outside_sites | excluded
    error: str | None = None  # why the record could not be read
    error_kind: str | None = None  # "truncated" (it ended before its Content-Length) | "unreadable" (damaged)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def source_name(source: str) -> str:
    """The file's name without its folder: a work unit keeps its identity across hosts and mounts."""
    return source.rstrip("/").rsplit("/", 1)[-1]


def source_size(source: str, timeout: float = 30.0) -> int | None:
    """Bytes in the file (HEAD Content-Length for a URL; None when the server does not say)."""
    if not is_url(source):
        try:
            return os.path.getsize(source)
        except OSError as exc:
            raise ConfigError(f"{source}: cannot read ({exc.strerror}); give an existing WARC/ARC file or an "
                              "http(s) URL") from exc
    try:
        with _client(source, timeout) as client:
            response = client.head(source)
    except (httpx.HTTPError, BlockedAddress) as exc:
        raise ConfigError(f"{source}: cannot reach ({exc}); check the URL") from exc
    if response.status_code >= 400:
        raise ConfigError(f"{source}: HTTP {response.status_code}; check the URL")
    length = response.headers.get("content-length")
    return int(length) if length and length.isdigit() else None


def _client(url: str, timeout: float) -> httpx.Client:
    """A client under the address policy: the archive's own host (the operator named it) and public
    addresses; a redirect to an internal address is refused (addresses.py)."""
    return httpx.Client(follow_redirects=True, timeout=timeout, trust_env=False,
                        transport=guarded_transport(AddressPolicy.build([host_key(url)])))


class _HttpStream(io.RawIOBase):
    """A streamed HTTP body as a file warcio can read(): chunks in, never the whole file."""

    def __init__(self, url: str, timeout: float) -> None:
        self._client = _client(url, timeout)
        try:
            self._response = self._client.send(self._client.build_request("GET", url), stream=True)
        except BlockedAddress as exc:
            self._client.close()
            raise ConfigError(f"{url}: {exc}") from exc
        if self._response.status_code >= 400:
            self.close()
            raise ConfigError(f"{url}: HTTP {self._response.status_code}; check the URL")
        self._chunks = self._response.iter_raw()  # raw: the gzip members are the file format, not a transfer coding
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._client.close()
        super().close()


def open_source(source: str, timeout: float = 60.0) -> io.BufferedIOBase:
    """A readable binary stream of a local file or an http(s) URL (streamed)."""
    if is_url(source):
        return io.BufferedReader(_HttpStream(source, timeout), buffer_size=256 * 1024)
    try:
        return open(Path(source), "rb")
    except OSError as exc:
        raise ConfigError(f"{source}: cannot open ({exc.strerror}); give an existing WARC/ARC file") from exc


GZIP_MAGIC = b"\x1f\x8b\x08"
SYNC_WINDOW = 1 << 20  # bytes read at a time while looking for the next record's gzip member


def next_member(stream: io.BufferedIOBase, offset: int) -> int | None:
    """Where the first gzip member at or after `offset` that holds a WARC record begins, or None.

    A .warc.gz is one gzip member per record (the WARC standard's annex), so a record range of a
    large file can start reading there instead of decompressing every record before it. A
    candidate is taken only when it inflates to a WARC header: three bytes of compressed data
    that happen to look like the gzip magic do not. Not ruled out: a record whose payload is
    itself a .warc.gz, stored verbatim (incompressible data is), can be taken for records.
    """
    position = offset
    while True:
        stream.seek(position)
        window = stream.read(SYNC_WINDOW + len(GZIP_MAGIC))
        if len(window) < len(GZIP_MAGIC):
            return None
        at = window.find(GZIP_MAGIC)
        while at != -1:
            if _inflates_to_warc(stream, position + at):
                return position + at
            at = window.find(GZIP_MAGIC, at + 1)
        if len(window) <= SYNC_WINDOW:
            return None
        position += SYNC_WINDOW


def _inflated_head(stream: io.BufferedIOBase, offset: int) -> bytes | None:
    """The first bytes the gzip member at `offset` inflates to, or None when it does not inflate."""
    stream.seek(offset)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(stream.read(4096), 16)
    except zlib.error:
        return None


def _inflates_to_warc(stream: io.BufferedIOBase, offset: int) -> bool:
    return (_inflated_head(stream, offset) or b"").startswith(b"WARC/")


def _is_warc_gz(stream: io.BufferedIOBase, source: str) -> bool:
    """Whether a local file is a .warc.gz: its first member inflates to a WARC record, or, when
    that first member is damaged, the file looks gzipped (magic or name) and a later member does.
    A damaged first record then costs that record, not the file."""
    if _inflates_to_warc(stream, 0):
        return True
    stream.seek(0)
    magic = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    if not magic and not source.lower().endswith(".gz"):
        return False  # a plain WARC or ARC: never scanned for gzip members
    if magic and _inflated_head(stream, 0) is not None:
        return False  # a whole first member of something else: an .arc.gz ("filedesc://"), not scanned
    return next_member(stream, 1) is not None


def read_records(source: str, sites: SiteFilter | None = None, first_offset: int = 0,
                 end_offset: int | None = None) -> Iterator[Record]:
    """Every record of `source` whose byte offset is in [first_offset, end_offset), judged.

    A record range of a large local .warc.gz (one Dask task's) starts at the first record at
    or after first_offset (next_member): `index` then counts from the range's first record.
    Elsewhere (a plain WARC, an ARC, a URL) the records before first_offset are read past
    without being parsed further. An unreadable or truncated record is yielded as an error;
    in a local .warc.gz reading goes on at the next record that inflates (a damaged member
    costs its own record, not the rest of a 1 GB file), elsewhere it stops there.
    """
    with open_source(source) as stream:
        resumable = not is_url(source) and _is_warc_gz(stream, source)
        # a range of a .warc.gz starts at its first record; elsewhere the records before are read past
        start: int | None = next_member(stream, first_offset) if resumable and first_offset else 0
        index = last = -1  # the record counted last, and the one yielded last
        while start is not None and (end_offset is None or start < end_offset):
            if not is_url(source):
                stream.seek(start)
            # in a .warc.gz an ARC record is damage warcio read as an ARC line: unconverted, it shows
            records = ArchiveIterator(stream, arc2warc=not resumable)
            damaged_at = None
            try:
                for record in records:
                    index += 1
                    offset = records.offset  # where this record starts (get_record_offset() would read it to its end)
                    if end_offset is not None and offset >= end_offset:
                        if resumable and not _inflates_to_warc(stream, offset) and \
                                _reports(stream, offset, first_offset, end_offset, resumable):
                            # a damaged member that warcio read as an ARC line: the next range's
                            # start (next_member) passes over it, so this range reports it
                            yield Record(last + 1, offset, error=f"record {last + 1} at byte {offset} is "
                                         "unreadable: not a WARC record", error_kind="unreadable")
                        return
                    if offset < first_offset:
                        continue
                    if resumable and record.format != "warc":
                        # a damaged member that warcio read as an ARC line, not an error, and whose
                        # declared length may run on over the next records: a .warc.gz holds WARC only
                        yield Record(index, offset, error=f"record {index} at byte {offset} is unreadable: "
                                     "not a WARC record", error_kind="unreadable")
                        last, damaged_at = index, offset
                        break
                    judged = _judge(record, index, offset, sites)
                    if judged.error is None and record.raw_stream.limit > 0:  # warcio's LimitReader: bytes never read
                        judged = Record(index, offset, error=f"record {index} at byte {offset} is truncated "
                                                             f"({record.raw_stream.limit} bytes missing)",
                                        error_kind="truncated")
                    yield judged
                    last = index
                    if judged.error:
                        damaged_at = offset
                        break
            except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError) as exc:
                # AttributeError: warcio on a response record without WARC-Target-URI (a malformed file)
                damaged_at = records.offset  # the record being read, or the one after the last read
                if _reports(stream, damaged_at, first_offset, end_offset, resumable):
                    index = last = last + 1
                    yield Record(index, damaged_at, error=f"record {index} at byte {damaged_at} is unreadable: "
                                 f"{type(exc).__name__}: {exc}", error_kind="unreadable")
                elif end_offset is not None and damaged_at >= end_offset:
                    return  # the next range's
            if damaged_at is None or not resumable:
                return
            start = next_member(stream, damaged_at + 1)
            if start is not None:
                LOGGER.info("%s: damaged record at byte %d; reading on at byte %d", source, damaged_at, start)


def _reports(stream: io.BufferedIOBase, damaged_at: int, first_offset: int, end_offset: int | None,
             resumable: bool) -> bool:
    """Whether the range [first_offset, end_offset) reports a damaged record at damaged_at, so
    that of all a file's ranges exactly one does: the one it starts in, or the one before when
    the next range will not see it (it skips a member that does not inflate)."""
    if damaged_at < first_offset:  # a plain WARC's range read past it: the range it starts in reports it
        return False
    if end_offset is None or damaged_at < end_offset:
        return True
    if not resumable:  # the next range reads past the same place and reports it
        return False
    following = next_member(stream, end_offset)
    return following is None or following > damaged_at


def _judge(record, index: int, offset: int, sites: SiteFilter | None) -> Record:
    kind = record.rec_type
    if kind not in ("response", "resource"):
        _drain(record)
        return Record(index, offset, skipped=kind)  # request, metadata, warcinfo, revisit, conversion
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not uri.startswith(("http://", "https://")):
        _drain(record)
        return Record(index, offset, skipped="not_http")
    if kind == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        status_code = int(status) if status and status.isdigit() else None
        content_type = record.http_headers.get_header("Content-Type")
        headers = {k: v for k, v in record.http_headers.headers}
    else:  # a resource record: the payload is the document itself
        status_code, content_type, headers = 200, record.rec_headers.get_header("Content-Type"), {}
    if status_code is not None and 300 <= status_code < 400:
        _drain(record)
        return Record(index, offset, skipped="redirect")  # a crawl follows it; the target is its own record
    if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        _drain(record)
        return Record(index, offset, skipped="not_html")
    site = None
    if sites is not None:
        keep, site, reason = sites.match(uri)
        if not keep:
            _drain(record)
            return Record(index, offset, skipped=reason)
    body = record.content_stream().read(MAX_BODY_BYTES + 1)  # a 2 GB record must not be read into memory
    if len(body) > MAX_BODY_BYTES:
        _drain(record)  # the rest is not kept: the page is recorded as too large, as a crawl would
    url = normalize_url(uri) or uri
    page = Page(url=url, final_url=uri, status=status_code, content_type=content_type,
                fetched_at=_iso(record.rec_headers.get_header("WARC-Date")), body=body, headers=headers)
    return Record(index, offset, page=_as_crawled(page), site=site)


def _as_crawled(page: Page) -> Page:
    """The failures a crawl's fetch would have recorded for the same response."""
    if page.status is None or not 200 <= page.status < 300:
        return Page(page.url, page.final_url, page.status, page.content_type, page.fetched_at,
                    headers=page.headers, error=f"HTTP {page.status}", error_kind=ErrorKind.HTTP.value)
    if len(page.body) > MAX_BODY_BYTES:
        return Page(page.url, page.final_url, page.status, page.content_type, page.fetched_at,
                    headers=page.headers, error=f"response larger than {MAX_BODY_BYTES} bytes",
                    error_kind=ErrorKind.TOO_LARGE.value)
    return page


def _drain(record) -> None:
    """Read a skipped record's payload to its end, so a truncated one is still seen as truncated."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass


def _iso(warc_date: str | None) -> str:
    """WARC-Date (ISO 8601, Z) as the pages table writes times: UTC, seconds, +00:00."""
    if warc_date:
        try:
            return datetime.fromisoformat(warc_date).astimezone(timezone.utc).isoformat(timespec="seconds")
        except ValueError:
            LOGGER.info("unreadable WARC-Date %r; using now", warc_date)
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
