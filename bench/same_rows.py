"""Do two versions of the store write the same rows? A digest of every table after one scenario.

Runs one fixed scenario on real pages (../shared) and prints, per table, its row count and a
SHA-256 of its rows in id order, plus the full-text index's answers to a few searches. Run it
once per code tree and compare the output (timestamps are pinned, so equal code gives equal
output):

    PYTHONPATH=/path/to/base .venv/bin/python bench/same_rows.py > base.txt
    .venv/bin/python bench/same_rows.py > mine.txt && diff base.txt mine.txt

The scenario: real articles (with their figures and language editions) bulk loaded in batches
with copies on other sites that are near-duplicates (same figures, a similar title, within
days), second URLs of the same text, URLs repeated in a batch; then pages saved one by one as a
crawl saves them (editions, a canonical URL the page was not fetched at), changed texts, a
shard merged twice, a user entities file, a site time zone and reprocess --figures-only.
The processed pages are cached beside the work folder so both runs read the same input.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import real_pages  # noqa: E402

STEP = 4  # every fourth real page: English and Chinese ones
SITE = ROOT / "fixtures" / "site"
FIXED_NOW = "2026-02-01T00:00:00+00:00"


def inputs(folder: Path) -> list:
    """(page, PageResult) of the fixture site's and every STEP-th real page that is an article, cached across
    runs beside `folder` (written whole or not at all: another run may be reading it)."""
    cache = folder.parent / f"{folder.name}_inputs_{STEP}_site.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from pipeline.models import Page
    from pipeline.page import process_page

    pages = real_pages()[::STEP]
    pages += [(f"https://8v.demo/{f.parent.relative_to(SITE).as_posix()}/", f.read_bytes())
              for f in sorted(SITE.glob("**/*.html"))]  # saved by the crawl path: their editions link them
    out = []
    for url, body in pages:
        page = Page(url=url, final_url=url, status=200, content_type="text/html",
                    fetched_at="2026-01-30T08:00:00+00:00", body=body)
        result = process_page(page)
        if result.article is not None:
            out.append((page, result))
    partial = cache.with_name(f"{cache.name}.{os.getpid()}")
    partial.write_bytes(pickle.dumps(out))
    partial.replace(cache)
    return out


def copy_of(article, n: int, site: str):
    """The same story on another site: same figures and date, a retitled, slightly longer text."""
    return dataclasses.replace(article, url=f"https://{site}/story/{n}", title=f"{article.title or ''} 转载",
                               text=f"{article.text}\n转载自 {n}")


def scenario(folder: Path) -> Path:
    from pipeline import store
    from pipeline.config import SiteConfig
    from pipeline.engines.shards import merge_shard
    from pipeline.research import reprocess
    from pipeline.urls import site_of

    store.now_iso = lambda: FIXED_NOW  # the only clock the store reads
    items = inputs(folder)
    path = folder / "target.db"
    db = store.open_db(path)
    half = len(items) // 2
    bulk = []
    for n, (_, result) in enumerate(items[:half]):
        a = result.article
        bulk.append((a, result.figures, None, site_of(a.url)))
        if n % 2 == 0:
            bulk.append((copy_of(a, n, f"mirror{n % 3}.example"), result.figures, None, f"mirror{n % 3}.example"))
        if n % 7 == 0:  # the same text under a second URL: stored once
            bulk.append((dataclasses.replace(a, url=a.url + "?print=1"), result.figures, None, site_of(a.url)))
        if n % 11 == 0:  # a URL twice in one batch: the second is an update
            bulk.append((dataclasses.replace(a, text=a.text + "\n更新"), result.figures, None, site_of(a.url)))
    late = [(copy_of(a, n + 10_000, "late.example"), f, None, "late.example") for n, (a, f, _, _) in
            enumerate(bulk[:60])]
    with store.bulk_load(db):
        for start in range(0, len(bulk), 50):
            with store.transaction(db):
                store.save_articles(db, bulk[start:start + 50])
        with store.transaction(db):
            store.save_articles(db, late)
    for n, (page, result) in enumerate(items[half:]):  # as a crawl saves pages, editions and all
        # fetched at the URL of a bulk-loaded article, its canonical elsewhere: one story
        fetched = dataclasses.replace(page, url=items[n][1].article.url) if n % 5 == 0 else page
        with store.transaction(db):
            store.save_result(db, fetched, result, None)
        if n % 4 == 0:
            a = copy_of(result.article, n + 20_000, "row.example")
            with store.transaction(db):
                store.save_article(db, a, result.figures, None, "row.example")
    with store.transaction(db):  # changed texts: versions kept, figures replaced
        for _, result in items[:half:9]:
            a = result.article
            store.save_article(db, dataclasses.replace(a, text=a.text + "\n（修订）"), result.figures[:3], None,
                               site_of(a.url))
    shard_path = folder / "shard.db"
    shard = store.open_db(shard_path)
    with store.transaction(shard):
        for n, (_, result) in enumerate(items[::3]):
            a = result.article
            if n % 2:
                a = dataclasses.replace(a, text=a.text + "\n分片版本")
            store.save_article(shard, a, result.figures, None, site_of(a.url))
            store.save_article(shard, copy_of(a, n + 30_000, "shard.example"), result.figures, None,
                               "shard.example")
    shard.conn.close()
    for again in (False, True):  # the second time its rows are all matched
        if again:
            db.execute("DELETE FROM merged_shards")
        with store.bulk_load(db):
            merge_shard(db, shard_path)
    entities = folder / "entities.csv"
    entities.write_text("entity,kind,aliases\nMeta Platforms,company,Meta|脸书\nBitcoin,asset,比特币|BTC|大饼\n",
                        encoding="utf-8")
    store.use_user_entities(db, entities)
    sites = sorted({r[0] for r in db.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")})
    store.apply_site_time_zones(db, [SiteConfig(name=s, seeds=(f"https://{s}/",), time_zone="+09:00")
                                     for s in sites[::4]])
    reprocess(db, figures_only=True)
    db.conn.close()
    return path


def digest(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    lines = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        lines.append(f"{table}: {len(rows)} rows, {hashlib.sha256(repr(rows).encode()).hexdigest()[:16]}")
    stories = conn.execute("SELECT COUNT(DISTINCT story_id), COUNT(*) - COUNT(DISTINCT story_id) FROM articles").fetchone()
    lines.append(f"stories: {stories[0]} (articles sharing a story with another: {stories[1]} more rows than stories)")
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    for query in ('"比特币"', '"资本支出"', '"Bitcoin"', '"the"', '"亿美元"', '"稳定币 OR 以太坊"'):
        ids = [r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
                                          [query])]
        lines.append(f"search {query}: {len(ids)} rows, {hashlib.sha256(repr(ids).encode()).hexdigest()[:16]}")
    conn.close()
    return lines


def synthetic(folder: Path, articles: int) -> Path:
    """bench/db.py's generated articles (random figures: crowded money bands), bulk loaded."""
    import db as bench_db

    from pipeline import store

    store.now_iso = lambda: FIXED_NOW
    path = folder / "synthetic.db"
    bench_db.build(path, articles, True, bench_db.paragraphs())
    return path


def main() -> None:
    import argparse

    import pipeline

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=0, help="instead: this many of bench/db.py's articles")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "same-rows",
                        help="emptied and written (default: TMP/same-rows); give both runs the same one,"
                             " one run at a time: merged_shards.source names it")
    args = parser.parse_args()
    folder = args.workdir.resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    print(f"# code: {Path(pipeline.__file__).parent}", file=sys.stderr)
    for line in digest(synthetic(folder, args.synthetic) if args.synthetic else scenario(folder)):
        print(line)


if __name__ == "__main__":
    main()
