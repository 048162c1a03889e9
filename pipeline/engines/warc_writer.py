"""A crawl's fetches as standard WARC records: request and response, one rotating .warc.gz per run.

So a capture can be replayed (pywb), shared, and processed again anywhere with `ingest`.
A file being written is named `*.warc.gz.open` and renamed when closed (the convention of
web archive crawlers), so nobody ingests half a file; past `max_bytes` the writer closes it
and starts the next one. The response payload is the body as the crawl kept it (httpx has
undone any Content-Encoding), so those headers are dropped and Content-Length is the
stored length: a reader then gets exactly the bytes the crawl processed.
"""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import __version__
from pipeline.models import Page

# Hop-by-hop or transfer headers that no longer describe the stored payload.
_DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


class WarcWriter:
    """Write each fetched Page as a request + response record pair into DIR/PREFIX-NNNNN.warc.gz."""

    def __init__(self, folder: Path | str, prefix: str | None = None, max_bytes: int = 1 << 30,
                 user_agent: str = f"pipeline/{__version__}") -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise FileNotFoundError(f"{self.folder}: no such folder for WARC files; create it first")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        self.prefix = prefix or f"crawl-{stamp}-{os.getpid()}"
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.files: list[Path] = []  # finished files, in order
        self._serial = 0
        self._stream: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._path: Path | None = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def write(self, page: Page) -> bool:
        """Append the page's request and response; False (nothing written) when no response came."""
        if page.status is None:
            return False
        writer = self._open()
        uri = page.final_url or page.url
        date = _warc_date(page.fetched_at)
        request = self._request(writer, uri, date)
        reason = HTTPStatus(page.status).phrase if page.status in HTTPStatus._value2member_map_ else "Unknown"
        headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROPPED_HEADERS]
        if page.content_type and not any(k.lower() == "content-type" for k, _ in headers):
            headers.append(("Content-Type", page.content_type))
        headers.append(("Content-Length", str(len(page.body))))
        http = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
        response = writer.create_warc_record(uri, "response", payload=io.BytesIO(page.body), http_headers=http,
                                             warc_headers_dict={"WARC-Date": date})
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(response)
        writer.write_record(request)
        if self._stream is not None and self._stream.tell() >= self.max_bytes:
            self._finish()
        return True

    def close(self) -> None:
        if self._stream is not None:
            self._finish()

    def _request(self, writer: WARCWriter, uri: str, date: str):
        parts = urlsplit(uri)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        http = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", parts.netloc), ("User-Agent", self.user_agent)],
                                is_http_request=True)
        return writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http,
                                         warc_headers_dict={"WARC-Date": date})

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self._serial += 1
            self._path = self.folder / f"{self.prefix}-{self._serial:05d}.warc.gz.open"
            self._stream = open(self._path, "wb")
            self._writer = WARCWriter(self._stream, gzip=True)
            info = self._writer.create_warcinfo_record(self._path.name.removesuffix(".open"), {
                "software": f"pipeline/{__version__} (warcio)", "format": "WARC File Format 1.1"})
            self._writer.write_record(info)
        return self._writer

    def _finish(self) -> None:
        assert self._stream is not None and self._path is not None
        self._stream.close()
        final = self._path.with_name(self._path.name.removesuffix(".open"))
        os.replace(self._path, final)
        self.files.append(final)
        self._stream = self._writer = self._path = None


def _warc_date(fetched_at: str | None) -> str:
    """A pages.fetched_at time as WARC-Date (UTC, Z)."""
    when = datetime.fromisoformat(fetched_at) if fetched_at else datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
