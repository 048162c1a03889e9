"""Percentages: "24%", "２４％", "百分之五", "5 percent", "0.12 个百分点" (pp), "25 个基点" (bps).

Deliberately not percentages: 成 ("四成", and the "4 成" inside "Q4 成绩单"), 倍 and "x"
multiples, and 千分之 — none of them is a percent figure in CONVENTIONS.md.
"""

from __future__ import annotations

import re

from pipeline.figures.numbers import CN_NUMERAL_CHARS, SP, next_char

_SP = SP
_S = r"[^\S\n]?"  # one space between the characters of a tokenised unit: "百 分 点"

SUFFIX_RE = re.compile(
    rf"(?:{_SP}(?P<pct>[%％])(?![0-9A-F]{{2}}%)"
    rf"|{_SP}(?P<pp>(?:[个個]{_S})?百{_S}分{_S}[点點]|-?percentage[ -]points?|pct\.? ?pts?|ppts?|pp)(?![A-Za-z])"
    rf"|{_SP}(?P<bps>(?:[个個]{_S})?基{_S}[点點]|-?basis[ -]points?|bps|bp)(?![A-Za-z])"
    rf"|{_SP}-?(?P<word>(?i:percents?|per[ -]cents?|percentage|pct))(?![A-Za-z]))"
)
# "percent of 10" at the start of a phrase; not "30 percent of 100 people", where 100 is a count
REVERSED_PREFIX_RE = re.compile(r"(?i:\b(?:percents?|per[ -]cents?)\s+of)\s+$")
_NUMBER_BEFORE = re.compile(r"[0-9０-９%％]\s*$|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                            r"eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\s*$)")
# 百分之 before the number; not after a numeral (五百分之二 is a fraction, 2/500)
PREFIX_RE = re.compile(rf"(?<![0-9０-９{CN_NUMERAL_CHARS}])[佰百]{_SP}分{_SP}之{_SP}$")


_SUFFIX_FIRST = frozenset("%％个個百基pPbB-")  # "-": "a 2.5-percentage-point gap", "a 5-percent stake"


def match_suffix(text: str, pos: int) -> tuple[int, str | None] | None:
    """The percent unit at text[pos:], as (end, unit) with unit None, "pp" or "bps"."""
    if next_char(text, pos) not in _SUFFIX_FIRST:
        return None
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
    before = text[max(floor, start - 6):start].rstrip()
    if not before or before[-1] not in "之fF":
        return None
    m = PREFIX_RE.search(text, max(floor, start - 16), start)
    if m:
        return m.start(), None
    m = REVERSED_PREFIX_RE.search(text, max(floor, start - 20), start)
    if m and not _NUMBER_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return m.start(), None
    return None

