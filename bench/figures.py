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
    """Characters per second of wall time, best of `repeat` runs."""
    return len(text) / timed(func, text, repeat)[0]


def timed(func, text: str, repeat: int = 3) -> tuple[float, float]:
    """Best wall time and best CPU time (this process only) of `repeat` runs: on a machine shared
    with other jobs the CPU time moves far less than the wall time, so both are printed."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        func(text)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return wall, cpu


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
    wall, cpu = timed(extract_figures, text)
    print(f"extract_figures with context:  {len(text) / wall:>12,.0f} chars/s   (target 200,000; "
          f"{len(text) / cpu:,.0f} per CPU second)")
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
    wall, cpu = timed(extract_figures, adversarial(), repeat=1)
    print(f"1 MB adversarial input:        {wall:>12.2f} s      (target < 2 s; {cpu:.2f} s of CPU)")


if __name__ == "__main__":
    main()
