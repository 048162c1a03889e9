"""What the page-kind signals and the date parser cost per page: this checkout's code against
another checkout's (the base of a change), on the same parsed WCXB pages, interleaved.

structure_marks and read_types run on every page before extraction; find_date runs on the
short lines of every page's text. Both versions run on the same trees in the same loop, in
alternating order, so the load of a shared machine falls on both alike; CPU time of this
process (process_time), which waiting for a core on a busy machine does not inflate. The base's
pagekind.py runs with the base's pagekind_prose.py (its prose helpers are part of the cost).
Caches that live for a process (class-value marks) are warm after the first repeat, as within
one site's crawl; `--repeats 1` shows the cold cost.

    .venv/bin/python bench/pagekind_cost.py --base /path/to/base/checkout [--every 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from pipeline import dates, pagekind
from pipeline.decode import decode_html
from pipeline.extract import parse_html

WCXB = Path(__file__).resolve().parents[2] / "shared" / "wcxb-dev"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _lines(tree) -> list[str]:
    return [line.strip() for line in tree.text_content().splitlines() if 8 <= len(line.strip()) <= 200]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="a checkout of the code to compare with")
    parser.add_argument("--every", type=int, default=3, help="take every Nth WCXB page")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    # the base's pagekind imports pipeline.pagekind_prose: give it the base's copy while it loads
    ours_prose = sys.modules["pipeline.pagekind_prose"]
    sys.modules["pipeline.pagekind_prose"] = _module(args.base / "pipeline" / "pagekind_prose.py",
                                                     "base_pagekind_prose")
    try:
        base_kind = _module(args.base / "pipeline" / "pagekind.py", "base_pagekind")
    finally:
        sys.modules["pipeline.pagekind_prose"] = ours_prose
    base_dates = _module(args.base / "pipeline" / "dates.py", "base_dates")
    rows = [json.loads(line) for line in gzip.open(WCXB / "truth.jsonl.gz", "rt", encoding="utf-8")][::args.every]
    pages = []
    for row in rows:
        html, _ = decode_html(gzip.decompress((WCXB / "html" / f"{row['id']}.html.gz").read_bytes()), None)
        tree = parse_html(html, row["id"])
        pages.append((tree, _lines(tree)))
    runs: dict[str, list[float]] = {"marks base": [], "marks ours": [], "dates base": [], "dates ours": []}
    for repeat in range(args.repeats):
        totals = dict.fromkeys(runs, 0.0)
        for i, (tree, lines) in enumerate(pages):
            order = [("base", base_kind, base_dates), ("ours", pagekind, dates)]
            for name, kind, parse in order if (i + repeat) % 2 else order[::-1]:
                started = time.process_time()
                kind.structure_marks(tree)
                kind.read_types(tree)
                totals[f"marks {name}"] += time.process_time() - started
                started = time.process_time()
                for line in lines:
                    parse.find_date(line)
                totals[f"dates {name}"] += time.process_time() - started
        for key, total in totals.items():
            runs[key].append(total / len(pages) * 1000)
    for what in ("marks", "dates"):
        base, ours = statistics.median(runs[f"{what} base"]), statistics.median(runs[f"{what} ours"])
        print(f"{what}: base {base:.2f} ms/page, ours {ours:.2f} ms/page, ours/base {ours / base:.2f}x "
              f"(median of {args.repeats} runs over {len(pages)} pages)")


if __name__ == "__main__":
    main()
