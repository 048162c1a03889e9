"""Peak memory of one page-processing worker over many real pages.

Warms the caches as a pool worker does (engines.work.warm_up), then runs process_page, with a
crawl's options (links included), over the real pages of ../shared (realpages and wcxb-dev),
read one at a time from disk and cycled until --pages, printing the resident size and the
peak (ru_maxrss) every 500 pages. Issue 13's target: a peak under 400 MB over 10,000 pages.

    .venv/bin/python bench/memory.py [--pages 10000]
"""

from __future__ import annotations

import argparse
import resource

from corpus import read_page, real_page_files  # bench/corpus.py: the pages bench/ingest.py measures on

from pipeline.engines.work import warm_up
from pipeline.models import Page
from pipeline.page import process_page


def resident_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # Linux: kB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    warm_up()
    print(f"warmed worker: {resident_mb():.0f} MB resident")
    files = real_page_files()
    done = 0
    while done < args.pages:
        for url, path in files:
            body = read_page(path)  # one at a time: the corpus is not held in memory
            process_page(Page(url=url, final_url=url, status=200, content_type="text/html",
                              fetched_at="2026-01-30T08:00:00+00:00", body=body))
            done += 1
            if done % 500 == 0 or done == args.pages:
                print(f"{done:,} pages: {resident_mb():.0f} MB resident, peak {peak_mb():.0f} MB (target < 400)")
            if done >= args.pages:
                break


if __name__ == "__main__":
    main()
