"""Accuracy of figure context (metric, direction, subject) on tests/data/figure_context.jsonl.

    .venv/bin/python bench/context.py [--misses]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipeline.figures import extract_figures

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "figure_context.jsonl"
FIELDS = ("metric", "direction", "subject")


def score(show_misses: bool = False) -> dict[str, float]:
    right: Counter = Counter()
    total = 0
    missing = 0
    for line in DATA.open(encoding="utf-8"):
        case = json.loads(line)
        found = {f.text: f for f in extract_figures(case["text"])}
        for want in case["figures"]:
            total += 1
            got = found.get(want["text"])
            if got is None:
                missing += 1
                continue
            for field in FIELDS:
                if getattr(got, field) == want[field]:
                    right[field] += 1
                elif show_misses:
                    print(f"{case['id']} {field:<9} {want['text']:<16} want {want[field]!s:<14} got "
                          f"{getattr(got, field)!s:<14} | {case['text'][:60]}")
    result = {field: right[field] / total for field in FIELDS}
    result["figures"] = total
    result["not found"] = missing
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    result = score(args.misses)
    print(f"{result['figures']} labelled figures ({result['not found']} not found by the extractor)")
    for field in FIELDS:
        print(f"{field:<10} accuracy {result[field]:.1%}")


if __name__ == "__main__":
    main()
