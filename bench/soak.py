"""Soak: crawl a generated local site with faults mixed in, run after run, for a long time.

A site of N pages (default 10,000) is served from its own process on 127.0.0.1: articles and
listing pages as in bench/crawl.py, plus dead links (404/410), flaky pages (500 every other
request), tarpits that drip a byte a second, redirects to an internal host (127.0.0.2, which
the address policy must refuse), pages over the size cap, non-HTML links, a page with a
charset label that is not a text encoding, and malformed hrefs. Crawl runs of --run-seconds
follow each other until --minutes have passed; between runs everything is made due again.

Printed after each run and at the end: resident memory (current and peak), open file
descriptors, threads, pages fetched, articles stored, and at the end whether every good
article is stored exactly once and PRAGMA integrity_check. Nothing is asserted: a bench.

    .venv/bin/python bench/soak.py [--pages 10000] [--minutes 20] [--run-seconds 120]
"""

from __future__ import annotations

import argparse
from contextlib import closing
import multiprocessing
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl import build_site  # noqa: E402  (bench/crawl.py: the same generated articles)

from pipeline.config import Config  # noqa: E402
from pipeline.crawl import crawl  # noqa: E402

FAULTS = ("gone", "flaky", "tarpit", "internal", "huge", "pdf", "badcharset")


def fault_site(n_articles: int, seed: int = 5) -> tuple[dict[str, bytes], dict[str, str]]:
    """The pages, and the fault each fault path plays; listing pages link both."""
    pages = build_site(n_articles)
    rng = random.Random(seed)
    faults: dict[str, str] = {}
    listing_paths = [p for p in pages if p == "/" or p.startswith("/page/")]
    for k, listing in enumerate(listing_paths):
        extra = []
        for j in range(3):  # three fault links per listing page: ~15% of all links
            kind = rng.choice(FAULTS)
            path = f"/fault/{kind}/{k}-{j}/"
            faults[path] = kind
            extra.append(f'<li><a href="{path}">{kind}</a></li>')
        extra.append('<li><a href="http://[::1:bad/x">bad</a></li><li><a href="http://xn--zz.example/">idna</a></li>')
        pages[listing] = pages[listing].replace(b"</ul>", "".join(extra).encode() + b"</ul>", 1)
    return pages, faults


def serve_faults(n_articles: int, internal_url: str, ready) -> None:
    pages, faults = fault_site(n_articles)
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:
            pass

        def reply(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            kind = faults.get(self.path)
            hits[self.path] = hits.get(self.path, 0) + 1
            if kind is None:
                body = pages.get(self.path)
                self.reply(404) if body is None else self.reply(
                    200, body, "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8")
            elif kind == "gone":
                self.reply(random.choice([404, 410]), b"gone")
            elif kind == "flaky":
                self.reply(500, b"oops") if hits[self.path] % 2 else self.reply(200, pages["/2026/01/0/"])
            elif kind == "tarpit":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(600):
                        self.wfile.write(b"<")
                        self.wfile.flush()
                        time.sleep(1.0)
                except OSError:
                    pass
            elif kind == "internal":
                self.reply(302, Location=f"{internal_url}/latest/meta-data/iam")
            elif kind == "huge":
                self.reply(200, b"<p>" + b"x" * (6 * 1024 * 1024) + b"</p>")
            elif kind == "pdf":
                self.reply(200, b"%PDF-1.4 not html", "application/pdf")
            elif kind == "badcharset":
                self.reply(200, b'<html><head><meta charset="base64"></head><body><p>' + b"ok " * 300 + b"</p></body></html>",
                           "text/html")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put(f"http://127.0.0.1:{server.server_address[1]}/")
    threading.Event().wait()


def serve_internal(ready) -> None:
    """127.0.0.2: the 'metadata service' no crawl may reach. It counts what it is asked."""
    count = multiprocessing.Value("i", 0)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            count.value += 1
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"secret")

    server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put(f"http://127.0.0.2:{server.server_address[1]}")
    threading.Event().wait()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000, help="article pages (listing and fault pages come on top)")
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--run-seconds", type=float, default=120.0)
    args = parser.parse_args()
    queue: multiprocessing.Queue = multiprocessing.Queue()
    internal = multiprocessing.Process(target=serve_internal, args=(queue,), daemon=True)
    internal.start()
    internal_url = queue.get(timeout=30)
    site = multiprocessing.Process(target=serve_faults, args=(args.pages, internal_url, queue), daemon=True)
    site.start()
    url = queue.get(timeout=120)
    db = Path(tempfile.mkdtemp()) / "soak.db"
    config = Config(db_path=db, max_pages=1_000_000, workers=4, delay=0.0, total_timeout=5.0, read_timeout=3.0,
                    revisit_hours=0.0, article_revisit_hours=0.001, max_runtime=args.run_seconds, max_error_ratio=1.0)
    started = time.monotonic()
    peak = 0.0
    sampling = True

    def sample() -> None:
        nonlocal peak
        while sampling:
            peak = max(peak, rss_mb())
            time.sleep(0.5)

    threading.Thread(target=sample, daemon=True).start()
    runs = 0
    try:
        while time.monotonic() - started < args.minutes * 60:
            runs += 1
            t0 = time.monotonic()
            summary = crawl(config, [url])
            print(f"run {runs}: {summary.pages_fetched:,} pages in {time.monotonic() - t0:.0f}s, "
                  f"articles new {summary.articles_new:,} updated {summary.articles_updated:,}, failed "
                  f"{summary.pages_failed:,} {dict(summary.errors)}; status {summary.status}; RSS {rss_mb():.0f} MB "
                  f"(peak {peak:.0f}), fds {len(os.listdir('/proc/self/fd'))}, threads {threading.active_count()}",
                  flush=True)
            with closing(sqlite3.connect(db)) as conn, conn:  # everything due again for the next run
                conn.execute("UPDATE frontier SET updated_at = '2000-01-01T00:00:00+00:00' WHERE state = 'done'")
        with closing(sqlite3.connect(db)) as conn:
            articles, distinct = conn.execute("SELECT COUNT(*), COUNT(DISTINCT url) FROM articles").fetchone()
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            internal_pages = conn.execute("SELECT COUNT(*) FROM pages WHERE final_url LIKE 'http://127.0.0.2%'"
                                          " AND content_hash IS NOT NULL").fetchone()[0]
        print(f"\n{runs} runs in {(time.monotonic() - started) / 60:.1f} min; articles {articles:,} "
              f"(distinct URLs {distinct:,}; good article pages on the site {args.pages:,} + the flaky ones' copy); "
              f"internal pages stored {internal_pages}; integrity_check {integrity}; peak RSS {peak:.0f} MB; "
              f"fds {len(os.listdir('/proc/self/fd'))}; threads {threading.active_count()}")
    finally:
        sampling = False
        site.terminate()
        internal.terminate()


if __name__ == "__main__":
    main()
