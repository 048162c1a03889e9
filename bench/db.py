"""Database figures on a generated file: bulk insert rate, query latency, size per 1,000 articles.

Builds N articles (default 100,000) with 10 figures each through store.save_articles inside
store.bulk_load, in batches of 1,000 per transaction, the full-text index built once at the
end (also: row by row through save_article with the FTS triggers, as a crawl writes, and
with no full-text index at all); then times a full-text search and a figures_in_context filter
by metric and month, and reports the file size per 1,000 articles with and without raw HTML.

    .venv/bin/python bench/db.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from pipeline import store
from pipeline.models import Article, Figure, Page

ROOT = Path(__file__).resolve().parents[1]
METRICS = ["revenue", "capex", "net_income", "market_cap", "funding", "volume", "price", None]
CURRENCIES = ["USD", "USD", "USD", "CNY", "HKD", "USDT", None]


def paragraphs() -> list[str]:
    out = []
    for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        out += [line for line in p.read_text(encoding="utf-8").split("\n\n") if len(line) > 40]
    return out


def make_article(i: int, paras: list[str], rng: random.Random) -> tuple[Article, tuple[Figure, ...]]:
    text = "\n".join(rng.sample(paras, 6))
    figures = []
    for k in range(10):
        start = rng.randrange(0, max(1, len(text) - 10))
        kind = "money" if k % 2 == 0 else "percent"
        figures.append(Figure(kind=kind, text=text[start:start + 8], start=start, end=start + 8,
                              value=rng.uniform(1, 1e11), currency=rng.choice(CURRENCIES) if kind == "money" else None,
                              metric=rng.choice(METRICS), direction=rng.choice(["up", "down", None]),
                              subject=rng.choice(["Meta", "比特币", "Coinbase", None]),
                              sentence_start=max(0, start - 40), sentence_end=min(len(text), start + 60)))
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    return Article(url=f"https://news{i % 50}.example/{i}", title=f"Article {i} 标题", text=text,
                   published=f"2026-{month:02d}-{day:02d}", lang=rng.choice(["zh-Hans", "zh-Hant", "en"])
                   ), tuple(figures)


def build(path: Path, n: int, with_html: bool, paras: list[str], mode: str = "bulk") -> float:
    """Wall seconds of build_timed (bench/report.py's measure)."""
    return build_timed(path, n, with_html, paras, mode)[0]


def build_timed(path: Path, n: int, with_html: bool, paras: list[str], mode: str = "bulk") -> tuple[float, float]:
    """(wall, CPU) seconds of the load, closing the file included. mode: "bulk" (save_articles in
    batches, FTS built once), "rows" (save_article per row, FTS by triggers, as a crawl writes),
    "nofts" (bulk, no full-text index at all). CPU is this process's: on a shared machine wall
    time also counts the other processes' turns."""
    rng = random.Random(7)
    articles = [make_article(i, paras, rng) for i in range(n)]  # generated outside the timing
    db = store.open_db(path)
    if mode == "nofts":
        for trigger in store.FTS_TRIGGERS:
            db.execute(f"DROP TRIGGER {trigger}")
    html = ("<html><body>" + "".join(f"<p>{p}</p>" for p in paras[:12]) + "</body></html>").encode()
    started, cpu = time.perf_counter(), time.process_time()

    def insert_all() -> None:
        for batch in range(0, n, 1000):
            with store.transaction(db):
                items = []
                for i in range(batch, min(n, batch + 1000)):
                    page_id = None
                    article, figures = articles[i]
                    if with_html:  # each page distinct, as real pages are
                        body = html + str(i).encode()
                        page_id = store.save_page(db, Page(article.url, article.url, 200, "text/html",
                                                           "2026-01-29T00:00:00+00:00", body), None)
                    items.append((article, figures, page_id, "news.example"))
                if mode == "rows":
                    for article, figures, page_id, site in items:
                        store.save_article(db, article, figures, page_id, site)
                else:
                    store.save_articles(db, items)

    if mode == "bulk":
        with store.bulk_load(db):
            insert_all()
    else:
        insert_all()
    db.close()
    return time.perf_counter() - started, time.process_time() - cpu


def floor(path: Path, n: int) -> None:
    """Where a bulk load's time goes that no Python change can save, measured on a copy of the
    file just built: SQLite's trigram full-text index of its texts, and its figure rows written
    again with their indexes (an INSERT of the rows as they are, no Python per row), in wall and CPU
    seconds (on a shared machine the wall time also counts the other processes' turns)."""
    copy = path.with_name("floor.db")
    conn = sqlite3.connect(path)
    conn.execute("VACUUM INTO ?", [str(copy)])
    conn.close()
    conn = sqlite3.connect(copy)
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.commit()
    fts, fts_cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.execute("CREATE TEMP TABLE saved AS SELECT * FROM figures")
    conn.execute("DELETE FROM figures")
    conn.commit()
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("INSERT INTO figures SELECT * FROM temp.saved")
    conn.commit()
    figures, figures_cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    copy.unlink()
    print(f"  of which SQLite alone: the full-text index {fts:.2f}s, the figure rows and their indexes {figures:.2f}s;"
          f" both together allow at most {n / (fts + figures):,.0f} articles/s; in CPU (SQLite runs in this"
          f" process) {fts_cpu / n * 1e6:.0f} + {figures_cpu / n * 1e6:.0f} us/article,"
          f" at most {n / (fts_cpu + figures_cpu):,.0f} articles/s")


def timed(db, sql: str, params: list, repeat: int = 5) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(db.execute(sql, params).fetchall())
        best = min(best, time.perf_counter() - started)
    return best * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--size-sample", type=int, default=5_000, help="articles in the two size-per-1000 files")
    args = parser.parse_args()
    paras = paragraphs()
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "bench.db"
    elapsed, cpu = build_timed(big, args.articles, False, paras)
    print(f"bulk insert: {args.articles:,} articles + {args.articles * 10:,} figures in {elapsed:.1f}s = "
          f"{args.articles / elapsed:,.0f} articles/s, full-text index built once at the end (target 5,000);"
          f" CPU {cpu:.1f}s = {cpu / args.articles * 1e6:.0f} us/article = {args.articles / cpu:,.0f} articles/s")
    floor(big, args.articles)
    sample = min(args.articles, 20_000)
    rows, cpu = build_timed(tmp / "rows.db", sample, False, paras, mode="rows")
    print(f"  row by row with FTS triggers, as a crawl writes ({sample:,}): {sample / rows:,.0f} articles/s,"
          f" CPU {cpu / sample * 1e6:.0f} us/article")
    no_fts, cpu = build_timed(tmp / "nofts.db", sample, False, paras, mode="nofts")
    print(f"  bulk without any full-text index ({sample:,}): {sample / no_fts:,.0f} articles/s,"
          f" CPU {cpu / sample * 1e6:.0f} us/article")
    db = store.open_db(big)
    try:
        fts_bytes = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'").fetchone()[0]
        total = db.execute("SELECT SUM(pgsize) FROM dbstat").fetchone()[0]
        print(f"  full-text index: {fts_bytes / total:.0%} of the file")
    except Exception as exc:  # dbstat is a compile-time option of SQLite
        print(f"  (dbstat unavailable: {exc})")
    ms, n = timed(db, "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts"
                      " JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?"
                      " ORDER BY rank LIMIT 20", ['"资本支出"'])
    print(f"search '资本支出' (top 20 by rank = bm25): {ms:.1f} ms, {n} rows (target < 50 ms)")
    ms, n = timed(db, "SELECT * FROM figures_in_context WHERE metric = ? AND published >= ? AND published < ?",
                  ["capex", "2026-03", "2026-04"])
    print(f"figures_in_context, metric = capex in March: {ms:.1f} ms, {n:,} rows (target < 50 ms)")
    ms, n = timed(db, "SELECT published, subject, text, value, currency, url FROM figures_in_context"
                      " WHERE metric = ? AND published >= ? AND published < ?", ["capex", "2026-03", "2026-04"])
    print(f"  same, six columns instead of all 21: {ms:.1f} ms, {n:,} rows")
    ms, n = timed(db, "SELECT * FROM figures_in_context WHERE metric = ? AND published >= ? AND published < ?"
                      " LIMIT 100", ["capex", "2026-03", "2026-04"])
    print(f"  same, first 100 rows: {ms:.1f} ms")
    ms, n = timed(db, "SELECT COUNT(*), SUM(value) FROM figures_in_context WHERE metric = ? AND published >= ?"
                      " AND published < ?", ["capex", "2026-03", "2026-04"])
    print(f"  same, aggregated in SQLite (count and sum, no rows to Python): {ms:.1f} ms")
    db.close()
    for with_html in (False, True):
        path = tmp / f"size-{with_html}.db"
        build(path, args.size_sample, with_html, paras)
        db = store.open_db(path)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        size = os.path.getsize(path)
        print(f"file size per 1,000 articles {'with' if with_html else 'without'} raw HTML: "
              f"{size / args.size_sample * 1000 / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
