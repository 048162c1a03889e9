"""Shared fixtures: the fixture site served on 127.0.0.1, a fault server, and the real CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.serve import DEFAULT_SITE, serve_directory

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """Base URL of fixtures/site served on a free 127.0.0.1 port."""
    with serve_directory(DEFAULT_SITE) as url:
        yield url


@pytest.fixture(scope="session")
def site_db(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site crawled once, in-process, for every test that only reads the result
    (a test that changes the file works on a copy). Subprocesses are for exit codes and signals."""
    from pipeline.config import Config
    from pipeline.crawl import crawl

    db = tmp_path_factory.mktemp("site") / "news.db"
    summary = crawl(Config(db_path=db), [site_url])
    assert summary.exit_code == 0 and summary.articles_new == 6, summary
    return db


def run_cli(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` in a subprocess: the real CLI, exit status and all."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


Handler = Callable[[BaseHTTPRequestHandler], None]


class RouteServer:
    """A tiny HTTP server on 127.0.0.1 whose paths run test-supplied handlers (for faults)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        routes: dict[str, Handler] = {}
        self.routes = routes
        self.hits: dict[str, int] = {}
        hits = self.hits

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body in two writes: no 40 ms delayed-ACK stall

            def log_message(self, *a) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                hits[path] = hits.get(path, 0) + 1
                handler = routes.get(path)
                if handler is None:
                    body = b"not found"
                    self.send_response(404)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                try:
                    handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        server_class = ThreadingHTTPServer
        if ":" in host:  # [::1]
            server_class = type("IPv6Server", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
        self.server = server_class((host, 0), _H)
        self.server.daemon_threads = True
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def send(req: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> None:
    req.send_response(status)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    req.end_headers()
    req.wfile.write(body)


@pytest.fixture()
def route_server() -> Iterator[RouteServer]:
    server = RouteServer()
    yield server
    server.close()


def article_html(title: str, paragraphs: list[str], lang: str = "en", extra_head: str = "",
                 charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="og:type" content="article">{extra_head}</head><body>'
            f'<nav><a href="/">Home</a> <a href="/markets/">Markets</a></nav>'
            f'<article><h1>{title}</h1>{body}</article><footer>© Example News</footer></body></html>')


def real_pages(every: int) -> list[tuple[str, str]]:
    """(url, decoded html) of every `every`-th page of ../shared/realpages; skips the test when absent."""
    import gzip

    from pipeline.decode import decode_html

    manifest = SHARED / "realpages" / "manifest.tsv"
    if not manifest.exists():
        pytest.skip("../shared/realpages is not beside the project")
    out = []
    for line in manifest.read_text(encoding="utf-8").splitlines()[1::every]:
        page_id, url, file = line.split("\t")[:3]
        raw = (SHARED / "realpages" / file).read_bytes()
        out.append((url or f"https://unknown.example/{page_id}",
                    decode_html(gzip.decompress(raw) if file.endswith(".gz") else raw, None)[0]))
    return out
