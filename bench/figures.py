"""Figure extraction speed on mixed Chinese/English news text, one core.

Prints chars/s for the regex stage (`scan`: spans, values, ranges, currencies) and for the
whole `extract_figures` with context (sentence, metric, direction, subject), and, when
jionlp is installed (bench only: pip install jionlp), jionlp's extract_money on the same
text as a reference. Also times a 1 MB adversarial input.

    .venv/bin/python bench/figures.py [--mb 2]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline.figures import extract_figures, scan

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(size: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))]
    dev = SHARED / "figures" / "dev.jsonl"
    if dev.exists():
        parts += [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]
    seed = "\n".join(parts)
    return (seed * (size // len(seed) + 1))[:size]


def rate(func, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - started)
    return len(text) / best


def adversarial() -> str:
    chunks = ["1" * 100_000, "1,000," * 20_000, "(" * 50_000 + "5%" + ")" * 50_000, "１，" * 50_000,
              "亿万" * 50_000, "$" * 50_000, "5 至 " * 40_000, "百分之" * 30_000, "one " * 30_000]
    return "".join(chunks)[:1_000_000]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB of characters")
    args = parser.parse_args()
    text = corpus(int(args.mb * 1_000_000))
    extract_figures("warm up 1350 亿美元")  # load once, outside the timing
    n = len(scan(text))
    print(f"corpus: {len(text):,} chars of mixed zh/en news, {n:,} figures")
    print(f"regex stage (scan):            {rate(scan, text):>12,.0f} chars/s   (target 1,000,000)")
    print(f"extract_figures with context:  {rate(extract_figures, text):>12,.0f} chars/s   (target 200,000)")
    try:
        import jionlp  # noqa: F401
    except ImportError:
        print("jionlp extract_money:          not installed (pip install jionlp in a bench venv)")
    else:
        import jionlp as jio

        sample = text[:100_000]
        lines = sample.split("\n")
        started = time.perf_counter()
        for line in lines:
            try:
                jio.ner.extract_money(line)
            except Exception:  # jionlp raises on some inputs; a reference, not our code
                pass
        print(f"jionlp extract_money:          {len(sample) / (time.perf_counter() - started):>12,.0f} chars/s"
              f"   (same text, first 100k chars, line by line)")
    bad = adversarial()
    started = time.perf_counter()
    extract_figures(bad)
    print(f"1 MB adversarial input:        {time.perf_counter() - started:>12.2f} s      (target < 2 s)")


if __name__ == "__main__":
    main()
