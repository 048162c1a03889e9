"""ingest throughput (records/s, local pool and Dask, 1 and 2 workers) and merge speed.

    .venv/bin/python bench/ingest.py [--pages 2000] [--articles 10000] [--only local1,dask2]

Builds one WARC of real pages (../shared/realpages/html and ../shared/wcxb-dev/html, each a
request + response pair; past the 1,647 distinct pages, pages come again under another URL),
ingests it into a fresh database with each engine and worker count, and prints records/s
and HTML pages/s. `process_page` alone on one core, same pages, same run, is the baseline.
Then merges a shard of --articles synthetic articles (real texts, each with figures) into
an empty file and into a file that already holds them.

The machine is shared: run it when it is quiet, or read the numbers as a lower bound.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from pipeline import store  # noqa: E402
from pipeline.engines.ingest import IngestOptions, ingest  # noqa: E402
from pipeline.engines.shards import merge_shard  # noqa: E402
from pipeline.engines.work import warm_up  # noqa: E402
from pipeline.models import Article, Page  # noqa: E402
from pipeline.page import process_page  # noqa: E402
from corpus import real_pages  # noqa: E402  bench/corpus.py



def write_warc(path: Path, pages: list[tuple[str, bytes]], count: int) -> int:
    """`count` response records (and their requests): the real pages, then again under ?capture=K."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(count):
            url, body = pages[i % len(pages)]
            if i >= len(pages):
                url += ("&" if "?" in url else "?") + f"capture={i // len(pages)}"
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))
    return 2 * count


def baseline(pages: list[tuple[str, bytes]], count: int) -> float:
    """process_page alone, in this process, on one core: pages/s."""
    warm_up()
    started = time.perf_counter()
    for i in range(count):
        url, body = pages[i % len(pages)]
        process_page(Page(url=url, final_url=url, status=200, content_type="text/html", fetched_at="2026-01-30T08:00:00+00:00", body=body))
    return count / (time.perf_counter() - started)


def run_ingest(folder: Path, warc: Path, engine: str, workers: int) -> dict:
    db = folder / f"{engine}{workers}.db"
    for leftover in folder.glob(f"{db.name}*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    options = IngestOptions(engine=engine, workers=workers, split_bytes=max(1 << 20, warc.stat().st_size // 16))
    started = time.perf_counter()
    summary = ingest(db, [str(warc)], options=options)
    elapsed = time.perf_counter() - started
    return {"records": summary.tally.records, "html": summary.tally.html, "articles": summary.tally.articles_new,
            "seconds": elapsed, "records_s": summary.tally.records / elapsed, "html_s": summary.tally.html / elapsed}


def bench_merge(folder: Path, pages: list[tuple[str, bytes]], articles: int) -> dict:
    """Seconds to merge a shard of `articles` articles (with their figures) into an empty file, and again."""
    shard = folder / "shard.db"
    db = store.open_db(shard)
    texts = []
    for url, body in pages[:300]:
        result = process_page(Page(url=url, final_url=url, status=200, content_type="text/html",
                                   fetched_at="2026-01-30T08:00:00+00:00", body=body))
        if result.article is not None:
            texts.append((result.article, result.figures))
    with store.bulk_load(db):
        with store.transaction(db):
            for i in range(articles):
                article, figures = texts[i % len(texts)]
                page = Page(url=f"{article.url}#{i}", final_url=f"{article.url}?copy={i}", status=200,
                            content_type="text/html", fetched_at="2026-01-30T08:00:00+00:00",
                            body=f"<p>{i}</p>".encode())
                page_id = store.save_page(db, page, None, "utf-8")
                copy = Article(**{**article.__dict__, "url": f"{article.url}?copy={i}",
                                  "text": f"{article.text}\n[{i}]", "title": f"{article.title} {i}"})
                store.save_articles(db, [(copy, figures, page_id, "bench")])
    figures = db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]
    db.conn.close()
    target = folder / "merged.db"
    for leftover in folder.glob("merged.db*"):
        leftover.unlink()
    tdb = store.open_db(target)
    timings = {}
    for label in ("into an empty file", "again, rows matched (fingerprint cleared)"):
        if label.startswith("again"):
            tdb.execute("DELETE FROM merged_shards")
        started = time.perf_counter()
        with store.bulk_load(tdb):
            report = merge_shard(tdb, shard)
            merged = time.perf_counter()
        timings[label] = (time.perf_counter() - started, report.articles_new, merged - started)
    tdb.conn.close()
    return {"articles": articles, "figures": figures, "timings": timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="HTML response records in the WARC")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the merge shard")
    parser.add_argument("--only", default="baseline,local1,local2,dask1,dask2,merge")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    pages = real_pages()
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    warc = folder / "real.warc.gz"
    records = write_warc(warc, pages, args.pages)
    print(f"{len(pages)} distinct real pages; WARC of {records} records ({args.pages} HTML responses),"
          f" {warc.stat().st_size / 1e6:.1f} MB; cores: {os.cpu_count()}; load average now: {os.getloadavg()[0]:.1f}")
    one = None
    if "baseline" in wanted:
        rate = baseline(pages, min(args.pages, 400))
        print(f"baseline: process_page alone, one core: {rate:.1f} pages/s (= {2 * rate:.1f} records/s of this WARC)")
    for name in ("local1", "local2", "dask1", "dask2"):
        if name not in wanted:
            continue
        result = run_ingest(folder, warc, name[:-1], int(name[-1]))
        one = result if name == "local1" else one
        ratio = f"  {result['records_s'] / one['records_s']:.2f}x local1" if one and name != "local1" else ""
        print(f"{name:<7} {result['records']} records ({result['html']} HTML, {result['articles']} new articles) in "
              f"{result['seconds']:.1f}s: {result['records_s']:.1f} records/s, {result['html_s']:.1f} HTML/s{ratio}"
              f"  (load {os.getloadavg()[0]:.1f})")
    if "merge" in wanted:
        merged = bench_merge(folder, pages, args.articles)
        for label, (seconds, new, rows) in merged["timings"].items():
            print(f"merge {merged['articles']} articles ({merged['figures']} figures) {label}: {seconds:.2f}s"
                  f" ({new} new; {merged['articles'] / seconds:.0f} articles/s;"
                  f" {seconds / merged['articles'] * 10_000:.2f}s per 10,000 articles; the rows {rows:.2f}s,"
                  f" the full-text index and statistics the rest)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
