"""Percentages: "24%", "２４％", "百分之五", "5 percent", "0.12 个百分点" (pp), "25 个基点" (bps).

Deliberately not percentages: 成 ("四成", and the "4 成" inside "Q4 成绩单"), 倍 and "x"
multiples, and 千分之 — none of them is a percent figure in CONVENTIONS.md.
"""

from __future__ import annotations

import re

from pipeline.models import Figure

_SP = r"[^\S\n]?"

SUFFIX_RE = re.compile(
    rf"(?:{_SP}(?P<pct>[%％])"
    rf"|{_SP}(?P<pp>[个個]?百分[点點]|percentage[ -]points?|pct\.? ?pts?|ppts?|pp)(?![A-Za-z])"
    rf"|{_SP}(?P<bps>[个個]?基[点點]|basis[ -]points?|bps|bp)(?![A-Za-z])"
    rf"|{_SP}(?P<word>percent|per[ -]cent|pct)(?![A-Za-z]))"
)
PREFIX_RE = re.compile(r"百分之$")


def match_suffix(text: str, pos: int) -> tuple[int, str | None] | None:
    """The percent unit at text[pos:], as (end, unit) with unit None, "pp" or "bps"."""
    m = SUFFIX_RE.match(text, pos)
    if not m:
        return None
    if m.group("pp"):
        return m.end(), "pp"
    if m.group("bps"):
        return m.end(), "bps"
    return m.end(), None


def match_prefix(text: str, start: int, floor: int) -> tuple[int, None] | None:
    """百分之 written before the number: (its start, None), or None."""
    if start - 3 < floor:
        return None
    m = PREFIX_RE.search(text, start - 3, start)
    return (m.start(), None) if m else None


def find_percent(text: str) -> list[Figure]:
    """Every percentage, percentage-point and basis-point figure in `text`, in order."""
    from pipeline.figures.scan import scan

    return [f for f in scan(text) if f.kind == "percent"]
