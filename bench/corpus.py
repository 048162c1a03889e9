"""The real pages of ../shared that the ingest, crawl and memory benchmarks run on.

No pipeline import here: bench/memory.py measures a worker's memory and must not load more
than a worker does.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def real_page_files() -> list[tuple[str, Path]]:
    """(URL, file) of every real page in ../shared: realpages, then wcxb-dev."""
    files = []
    with open(SHARED / "realpages" / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["url"]:  # a few Chinese pages of the benchmark have no URL
                files.append((row["url"], SHARED / "realpages" / row["file"]))
    with gzip.open(SHARED / "wcxb-dev" / "truth.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            path = SHARED / "wcxb-dev" / "html" / f"{case['id']}.html.gz"
            if path.exists() and case.get("url"):
                files.append((case["url"], path))
    return files


def real_pages() -> list[tuple[str, bytes]]:
    """(URL, HTML bytes) of every real page in ../shared."""
    return [(url, read_page(path)) for url, path in real_page_files()]


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data
