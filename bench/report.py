"""The report on a large generated file: time, peak memory and size of `python -m pipeline report`,
and what enrichment (USD, entities, first mentions, stories) costs a bulk load.

Builds N articles (default 100,000) with 10 figures each exactly as bench/db.py does
(store.save_articles in store.bulk_load, which now enriches every new article), then runs the
report command in a subprocess and reads its peak RSS from the kernel. Targets: < 30 s,
< 1 GB, file < 5 MB.

    .venv/bin/python bench/report.py [--articles 100000] [--sample 10000] [--keep]
    .venv/bin/python bench/report.py --db news.db        # only the report, on an existing file
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from db import build, paragraphs  # noqa: E402  (bench/db.py: the same generated articles)

from pipeline import store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# The report command, then its peak RSS from /proc (VmHWM belongs to the process image, so it does
# not include the benchmark's own ~900 MB that a forked child shares before exec, which
# getrusage(RUSAGE_CHILDREN) counts).
RUN_REPORT = ("import sys\nfrom pipeline.cli import cli\ntry:\n    cli.main(sys.argv[1:], standalone_mode=False)\n"
              "finally:\n    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
              "    print('peak_kb', hwm.split()[1], file=sys.stderr)\n")


def report(db: Path, out: Path, *flags: str) -> tuple[float, float]:
    """Run `pipeline report` in a fresh interpreter: (seconds, peak RSS in MB)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUN_REPORT, "report", "--db", str(db), "--out", str(out),
                             "--no-progress", *flags], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"report failed: {result.stderr}")
    peak = [line for line in result.stderr.splitlines() if line.startswith("peak_kb")][-1]
    return seconds, int(peak.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=10_000, help="articles for the with/without-enrich comparison")
    parser.add_argument("--db", type=Path, default=None, help="report on this file instead of building one")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args()
    paras = paragraphs()
    tmp = Path(tempfile.mkdtemp())
    if args.db:  # only the report, on an existing file
        seconds, peak_mb = report(args.db, tmp / "report.html")
        print(f"report on {args.db}: {seconds:.1f}s, peak memory {peak_mb:,.0f} MB,"
              f" file {(tmp / 'report.html').stat().st_size / 1e6:.2f} MB")
        return

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
    seconds, peak_mb = report(big, out)
    size_mb = out.stat().st_size / 1e6
    print(f"report: {seconds:.1f}s (target < 30 s), peak memory {peak_mb:,.0f} MB (target < 1,024 MB),"
          f" file {size_mb:.2f} MB (target < 5 MB)")
    seconds, peak_mb = report(big, out, "--since", "2026-03", "--until", "2026-04")
    print(f"  one month (2026-03): {seconds:.1f}s, peak memory {peak_mb:,.0f} MB")
    seconds, peak_mb = report(big, out, "--site", "news.example")
    print(f"  one site: {seconds:.1f}s, peak memory {peak_mb:,.0f} MB")
    if args.keep:
        print(f"kept {big}")
    else:
        big.unlink()


if __name__ == "__main__":
    main()
