"""Crawl throughput and memory on a generated site served on 127.0.0.1.

Serves N article pages (the fixture articles' paragraphs in a WordPress-like page, with
listing pages linking them, 20 per page) from memory, crawls them with the real
pipeline.crawl.crawl (4 workers, no delay), then crawls again (every page revisited, answered
with 304 by ETag) and prints pages/s, articles/s and the peak resident memory of each run.
The site is served from a separate process on this machine: no network latency, so the
figures are the crawler's own cost; a real site is slower, and polite delays slower still.

    .venv/bin/python bench/crawl.py [--articles 1000] [--latency 0.05]

With --faults, a small site of FAULT_ARTICLES good articles whose home page also links tarpits
(/drip/: headers, then one byte every 2 s), URLs answering 503 with Retry-After: 1 every time,
and dead links (404), crawled once with the default timeouts: prints how long the run took,
its exit status and what became of each kind of URL. Run it with the old and new crawler to
compare what one tarpit costs.

    .venv/bin/python bench/crawl.py --faults [--tarpits 1] [--max-runtime S]

With --real, the site is the real pages of ../shared (realpages and wcxb-dev, as bench/ingest.py
reads them), all linked from the home page (max_depth 1, so their own links are not followed),
crawled once per --processes value into a fresh database; the baseline is trafilatura.extract
alone on one core over the same page bodies, timed before and after each crawl, and each crawl is
reported as a multiple of the mean of the two (issue 13's target: >= 1.0x on 2 cores). The
machine may be shared: read the figures with its load in mind.

    .venv/bin/python bench/crawl.py --real [--pages 400] [--processes 1,2]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import resource
import sys
import sqlite3
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.config import Config
from pipeline.crawl import crawl

ROOT = Path(__file__).resolve().parents[1]
PER_LISTING = 20
FAULT_ARTICLES = 20


def paragraphs() -> list[str]:
    out = []
    for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        out += [b for b in p.read_text(encoding="utf-8").split("\n\n") if len(b) > 40 and not b.startswith(("- ", "#"))]
    return out


def build_site(n: int) -> dict[str, bytes]:
    rng = random.Random(3)
    paras = paragraphs()
    pages: dict[str, bytes] = {}
    chrome = "".join(f"<li><a href=\"/\">分类 {i}</a></li>" for i in range(12))
    for i in range(n):
        body = "".join(f"<p>{p}</p>" for p in rng.sample(paras, 6))
        pages[f"/2026/01/{i}/"] = (
            f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>文章 {i} | 站点</title>'
            f'<meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="2026-01-{1 + i % 28:02d}T08:00:00+08:00"></head>'
            f'<body><nav><ul>{chrome}</ul></nav><article><h1>文章 {i}</h1>{body}</article>'
            f'<footer>© 站点 免责声明：本文不构成投资建议。</footer></body></html>').encode()
    listings = (n + PER_LISTING - 1) // PER_LISTING
    for k in range(listings):
        links = "".join(f'<li><a href="/2026/01/{i}/">文章 {i}</a></li>'
                        for i in range(k * PER_LISTING, min(n, (k + 1) * PER_LISTING)))
        nxt = f'<a href="/page/{k + 2}/">下一页</a>' if k + 1 < listings else ""
        pages["/" if k == 0 else f"/page/{k + 1}/"] = (
            f'<html><head><meta charset="utf-8"><title>站点</title></head><body><ul>{links}</ul>{nxt}</body></html>'
        ).encode()
    pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return pages


def build_fault_site(tarpits: int) -> dict[str, bytes]:
    """FAULT_ARTICLES articles, and a home page linking them, `tarpits` tarpits, 2 busy URLs, 4 dead links."""
    pages = build_site(FAULT_ARTICLES)
    faults = [f"/drip/{i}/" for i in range(tarpits)] + ["/busy/0/", "/busy/1/"] + [f"/dead/{i}/" for i in range(4)]
    links = "".join(f'<li><a href="{u}">{u}</a></li>' for u in faults)
    pages["/"] = pages["/"].replace(b"</ul>", links.encode() + b"</ul>", 1)
    return pages


def build_real_site(n: int) -> dict[str, bytes]:
    """The first n real pages of ../shared at /r/I/, all linked from the home page."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import real_pages  # bench/corpus.py: the same pages bench/ingest.py measures on

    bodies = [body for _, body in real_pages()][:n]
    pages = {f"/r/{i}/": body for i, body in enumerate(bodies)}
    links = "".join(f'<li><a href="/r/{i}/">page {i}</a></li>' for i in range(len(bodies)))
    pages["/"] = f'<html><head><meta charset="utf-8"><title>real</title></head><body><ul>{links}</ul></body></html>'.encode()
    pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return pages


def serve_in_subprocess(n: int, latency: float = 0.0, tarpits: int | None = None,
                        real: bool = False) -> tuple[multiprocessing.Process, str]:
    """The site in its own process, so that serving it does not share the crawler's GIL."""
    ready: multiprocessing.Queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_serve_forever, args=(n, ready, latency, tarpits, real), daemon=True)
    proc.start()
    return proc, ready.get(timeout=60)


def _serve_forever(n: int, ready, latency: float, tarpits: int | None, real: bool = False) -> None:
    site = build_real_site(n) if real else build_site(n) if tarpits is None else build_fault_site(tarpits)
    server, url = serve(site, latency)
    ready.put(url)
    threading.Event().wait()


def serve(pages: dict[str, bytes], latency: float = 0.0) -> tuple[ThreadingHTTPServer, str]:
    etags = {path: '"' + hashlib.sha1(body).hexdigest()[:16] + '"' for path, body in pages.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body in two writes: no 40 ms delayed-ACK stall

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)  # a server and network that take this long to answer
            if self.path.startswith(("/drip/", "/busy/")):
                self.fault()
                return
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == etags[self.path]:
                self.send_response(304)
                self.send_header("ETag", etags[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            ctype = ("text/plain" if self.path.endswith(".txt") else "text/html" if self.path.startswith("/r/")
                     else "text/html; charset=utf-8")  # a real page says its own charset
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etags[self.path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def fault(self) -> None:
            if self.path.startswith("/busy/"):
                self.send_response(503)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)  # a tarpit: one byte every 2 s, for ten minutes
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(300):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(2)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def peak_worker_rss_mb() -> float:
    """The largest peak of the child processes waited for so far: the page-processing workers
    once a crawl has shut its pool down (the site's server process is still running)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def faults(tarpits: int, max_runtime: float | None) -> None:
    server, url = serve_in_subprocess(0, tarpits=tarpits)
    db = Path(tempfile.mkdtemp()) / "faults.db"
    try:
        started = time.perf_counter()
        summary = crawl(Config(db_path=db, max_runtime=max_runtime), [url])
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
    with sqlite3.connect(db) as conn:
        states = conn.execute("SELECT substr(url, instr(substr(url, 8), '/') + 8, 5) AS kind, state, COUNT(*)"
                              " FROM frontier GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    print(f"fault site ({FAULT_ARTICLES} articles, {tarpits} tarpits, 2 busy, 4 dead links): {elapsed:.1f}s, "
          f"exit status {summary.exit_code}, fetched {summary.pages_fetched}, failed {summary.pages_failed}, "
          f"articles {summary.articles_new}")
    print("frontier: " + ", ".join(f"{kind} {state} {n}" for kind, state, n in states))


def real(n: int, processes: list[int]) -> None:
    """Crawl the real-page site once per processes value; trafilatura.extract alone is the baseline."""
    import trafilatura

    site = build_real_site(n)
    bodies = [body for path, body in site.items() if path.startswith("/r/")]

    def baseline_rate() -> float:
        started = time.perf_counter()
        for body in bodies:
            trafilatura.extract(body)
        return len(bodies) / (time.perf_counter() - started)

    # measured before each crawl and once after the last; each crawl is compared with the mean of
    # the two around it, since the load of a shared machine changes in a minute
    rates = [baseline_rate()]
    print(f"trafilatura.extract alone, one core: {len(bodies)} pages, {rates[0]:.1f} pages/s")
    server, url = serve_in_subprocess(n, real=True)
    results = []
    try:
        for count in processes:
            db = Path(tempfile.mkdtemp()) / "crawl.db"
            config = Config(db_path=db, max_pages=len(site) + 10, workers=4, delay=0.0, max_depth=1,
                            processes=count)
            started = time.perf_counter()
            summary = crawl(config, [url])
            elapsed = time.perf_counter() - started
            rate = summary.pages_fetched / elapsed
            rates.append(baseline_rate())
            print(f"trafilatura.extract alone, one core, after it: {rates[-1]:.1f} pages/s")
            baseline = (rates[-2] + rates[-1]) / 2
            results.append((count, rate / baseline))
            print(f"crawl --processes {count}: {summary.pages_fetched} pages in {elapsed:.1f}s = {rate:.1f} pages/s"
                  f" = {rate / baseline:.2f}x trafilatura.extract alone (mean of before and after, "
                  f"{baseline:.1f} pages/s); articles {summary.articles_new}, failed {summary.pages_failed}; "
                  f"peak RSS of this process {peak_rss_mb():,.0f} MB, of the largest worker {peak_worker_rss_mb():,.0f} MB")
    finally:
        server.terminate()
    print("summary: " + ", ".join(f"--processes {count} {ratio:.2f}x" for count, ratio in results))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the server waits before answering")
    parser.add_argument("--faults", action="store_true", help="time a crawl of a small site with tarpits instead")
    parser.add_argument("--tarpits", type=int, default=1)
    parser.add_argument("--max-runtime", type=float, default=None)
    parser.add_argument("--real", action="store_true", help="crawl a site of ../shared's real pages instead")
    parser.add_argument("--pages", type=int, default=400, help="with --real: how many real pages")
    parser.add_argument("--processes", default="1,2", help="page-processing processes, one crawl each: 1,2"
                        " (the generated site: the last value)")
    args = parser.parse_args()
    if args.real:
        real(args.pages, [int(p) for p in args.processes.split(",")])
        return
    if args.faults:
        faults(args.tarpits, args.max_runtime)
        return
    server, url = serve_in_subprocess(args.articles, args.latency)
    n_pages = len(build_site(args.articles))
    db = Path(tempfile.mkdtemp()) / "crawl.db"
    processes = int(args.processes.split(",")[-1])
    config = Config(db_path=db, max_pages=10 * n_pages, workers=4, delay=0.0, revisit_hours=0.0,
                    article_revisit_hours=0.0, processes=processes)
    try:
        for label in ("first run", "second run (all revisited, 304)"):
            if label.startswith("second"):
                with sqlite3.connect(db) as conn:  # everything is due again
                    conn.execute("UPDATE frontier SET updated_at = '2000-01-01T00:00:00+00:00'")
                config = Config(db_path=db, max_pages=10 * n_pages, workers=4, delay=0.0, revisit_hours=0.0,
                                article_revisit_hours=0.001, processes=processes)
            started = time.perf_counter()
            summary = crawl(config, [url])
            elapsed = time.perf_counter() - started
            print(f"{label}: {summary.pages_fetched:,} pages in {elapsed:.1f}s = "
                  f"{summary.pages_fetched / elapsed:,.0f} pages/s; articles new {summary.articles_new:,}, "
                  f"not modified {summary.not_modified:,}, failed {summary.pages_failed}; "
                  f"peak RSS so far {peak_rss_mb():,.0f} MB (largest worker of --processes {processes}:"
                  f" {peak_worker_rss_mb():,.0f} MB)")
        with sqlite3.connect(db) as conn:
            articles, figures = conn.execute("SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM figures)"
                                             ).fetchone()
        print(f"database: {articles:,} articles, {figures:,} figures, {db.stat().st_size / 1e6:.1f} MB")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
