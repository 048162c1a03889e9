"""The report on a large generated file: time, peak memory and size of `python -m pipeline report`,
and what enrichment (USD, entities, first mentions, stories) costs a bulk load.

Builds N articles (default 100,000) with 10 figures each exactly as bench/db.py does
(store.save_articles in store.bulk_load, which now enriches every new article), then runs the
report command in a subprocess and reads its peak RSS from the kernel. Targets: < 30 s,
< 1 GB, file < 5 MB.

    .venv/bin/python bench/report.py [--articles 100000] [--sample 10000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from db import build, paragraphs  # noqa: E402  (bench/db.py: the same generated articles)

from pipeline import store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=10_000, help="articles for the with/without-enrich comparison")
    args = parser.parse_args()
    paras = paragraphs()
    tmp = Path(tempfile.mkdtemp())

    with_enrich = build(tmp / "sample-enrich.db", args.sample, False, paras)
    original = store.enrich_articles
    store.enrich_articles = lambda db, ids: 0  # the baseline: bulk load as before this change
    try:
        without = build(tmp / "sample-plain.db", args.sample, False, paras)
    finally:
        store.enrich_articles = original
    print(f"bulk load of {args.sample:,} articles: {args.sample / without:,.0f} articles/s without enrichment,"
          f" {args.sample / with_enrich:,.0f} articles/s with it ({(with_enrich - without) / args.sample * 1000:.2f}"
          f" ms per article)")

    big = tmp / "bench.db"
    elapsed = build(big, args.articles, False, paras)
    db = store.open_db(big)
    figures = db.execute("SELECT COUNT(*) FROM figures").fetchone()[0]
    usd = db.execute("SELECT COUNT(*) FROM figures WHERE value_usd IS NOT NULL").fetchone()[0]
    entities = db.execute("SELECT COUNT(*) FROM figures WHERE entity IS NOT NULL").fetchone()[0]
    db.close()
    print(f"built {args.articles:,} articles, {figures:,} figures in {elapsed:.0f}s"
          f" ({usd:,} with USD, {entities:,} with an entity)")

    out = tmp / "report.html"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pipeline", "report", "--db", str(big), "--out", str(out),
                             "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"report failed: {result.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: kB
    size_mb = out.stat().st_size / 1e6
    print(f"report: {seconds:.1f}s (target < 30 s), peak memory {peak_mb:,.0f} MB (target < 1,024 MB),"
          f" file {size_mb:.2f} MB (target < 5 MB)")
    for since, until in (("2026-03", "2026-04"),):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "report", "--db", str(big), "--out", str(out),
                        "--since", since, "--until", until, "--no-progress"], check=True, capture_output=True,
                       cwd=ROOT)
        print(f"  one month ({since}): {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
