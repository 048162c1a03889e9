"""Pass rates on Microsoft Recognizers-Text's public money/percent cases (../shared/benchmarks/recognizers-text).

Converts each case to our conventions, sets aside the cases where the conventions differ
(listed with the reason), and scores the rest as Recognizers-Text scores itself: a case
passes when our figures have exactly the expected spans (start/end), values and currencies,
with nothing extra. Prints the pass rate per file next to Recognizers-Text's own baseline.

    .venv/bin/python bench/recognizers.py [--show-failures]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from pipeline.figures import extract_figures

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "recognizers-text"
BASELINE = {"zh-money": (27, 29), "en-money": (126, 130), "zh-percent": (139, 152), "en-percent": (17, 17)}
CRYPTO_UNITS = re.compile(r"bitcoin|satoshi|ether|btc|比特币|以太", re.I)


def differs(case: dict) -> str | None:
    """Why our conventions differ from the case's expected answer, or None when they agree."""
    for e in case["expected"]:
        unit = (e.get("unit") or "")
        if CRYPTO_UNITS.search(unit) or CRYPTO_UNITS.search(e["text"]):
            return "crypto amounts are not money (CONVENTIONS: 2200 枚 ETH, 1.5 BTC)"
        if case["kind"] == "money" and e.get("value") is None:
            return "a bare currency word with no amount is not money"
        if case["kind"] == "money" and e.get("currency") is None and unit not in ("Dollar",):
            return f"unit {unit!r} has no ISO code (cents, pence and other sub-units or unknown units)"
        if case["kind"] == "money" and unit in ("Cent", "Penny", "Pence") or "分" in e["text"] and "美" in e["text"]:
            return "sub-unit amounts (cents, 美分) are outside the conventions"
        if case["kind"] == "money" and re.search(r"cents?|pence|\bmao\b|毛|銭|又|\band\b", e["text"], re.I):
            return "compound amounts (3 dollars 50 cents, 五元三毛) are outside the conventions"
        if case["kind"] == "percent" and re.search(r"[千仟]分之|万分之|萬分之|成(?!本|交)|折", e["text"]):
            return "per mille, 成 and 折 are not percent figures in the conventions"
        if case["kind"] == "percent" and re.search(r"[0-9０-９][^\S\n]*[kKＫ]", e["text"]):
            return "a multiplier on a percentage (12k个百分点) is outside the conventions"
    if case["kind"] == "percent" and re.search(r"[0-9]\s*[-–~～]\s*[0-9]+\s*%", case["input"]):
        return "X-Y% is one range figure in the conventions, not the single Y%"
    return None


def ours(case: dict) -> set[tuple]:
    out = set()
    for f in extract_figures(case["input"], context=False):
        if f.kind != case["kind"]:
            continue
        value = f.value if f.value is not None else (f.low, f.high)
        out.add((f.start, f.end, value, f.currency if f.kind == "money" else None))
    return out


def expected(case: dict) -> set[tuple]:
    out = set()
    for e in case["expected"]:
        currency = e.get("currency") or ("USD" if e.get("unit") == "Dollar" else None)
        out.add((e["start"], e["end"], e["value"], currency if case["kind"] == "money" else None))
    return out


def same(a: set[tuple], b: set[tuple]) -> bool:
    if len(a) != len(b):
        return False
    rest = list(b)
    for item in a:
        match = next((x for x in rest if x[:2] == item[:2] and x[3] == item[3]
                      and _close(x[2], item[2])), None)
        if match is None:
            return False
        rest.remove(match)
    return True


def _close(x, y) -> bool:
    if isinstance(x, tuple) or isinstance(y, tuple):
        return x == y
    if x is None or y is None:
        return x is y
    return abs(x - y) <= 0.005 * max(abs(x), abs(y), 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--show-differs", action="store_true")
    args = parser.parse_args()
    print(f"{'file':<12} {'agreed':>6} {'passed':>6} {'rate':>7}   {'RT itself':>9}   set aside (conventions differ)")
    for name, (base_pass, base_total) in BASELINE.items():
        cases = [json.loads(line) for line in (DATA / f"{name}.jsonl").open(encoding="utf-8")]
        reasons: Counter = Counter()
        passed = agreed = 0
        failures = []
        for case in cases:
            reason = differs(case)
            if reason:
                reasons[reason] += 1
                if args.show_differs:
                    print("   differs:", reason, "|", case["input"][:80])
                continue
            agreed += 1
            got, want = ours(case), expected(case)
            if same(got, want):
                passed += 1
            else:
                failures.append((case["input"], sorted(want, key=str), sorted(got, key=str)))
        print(f"{name:<12} {agreed:>6} {passed:>6} {passed / agreed:>7.1%}   {base_pass / base_total:>9.1%}   "
              f"{sum(reasons.values())}: " + "; ".join(f"{n} × {r}" for r, n in reasons.most_common()))
        if args.show_failures:
            for text, want, got in failures:
                print(f"   FAIL {text[:90]!r}\n        want {want}\n        got  {got}")


if __name__ == "__main__":
    main()
