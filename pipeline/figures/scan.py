"""The scanner shared by money and percent: numbers, their multipliers, units, ranges, qualifiers.

It works outward from each number instead of running one giant pattern: find a number
(Arabic or Chinese), read its multiplier, 多/余 and unit after it, its currency or 百分之
before it, then join neighbouring quantities into ranges ("8–10 亿美元", "$3–5M",
"26%–34%") and read the qualifier in front (约, 超过, about...). Each step is a small
anchored regex, so the cost is linear in the text and a parse failure drops one figure only.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from pipeline.figures import money, percent
from pipeline.figures.numbers import (
    ARABIC, CHINESE, ENGLISH, CN_BIG_UNITS, CN_DIGITS, CN_MULTIPLIER, CN_NUMERAL_CHARS, CN_SMALL_UNITS,
    EN_MULTIPLIER, SP, alternation, clean_float, multiplier_value, parse_number, well_formed_chinese,
)
from pipeline.models import Figure

LOGGER = logging.getLogger(__name__)

_SP = SP
MAX_VALUE = 1e18  # larger "amounts" are digit runs (IDs, hashes), not figures
# "USD1.2 billion", "HKD780m": a currency code glued to the number (Asian English press);
# the regex admits any three capitals there and _read_quantity checks they are a code
GLUED_CODES = frozenset({"USD", "HKD", "RMB", "CNY", "EUR", "GBP", "JPY", "SGD", "AUD", "TWD", "KRW", "CAD", "CHF"})
# A number: optional sign, then Arabic digits or a Chinese numeral. The guards keep out
# numbers glued to letters (Q4, v1.16.2, F2Pool), versions, and vague Chinese amounts
# (数十亿, 几千亿, 上百亿).
NUMBER_RE = re.compile(
    rf"(?P<sign>(?<![0-9０-９A-Za-z%％)）万萬亿億兆元币幣])[+\-−－﹢﹣]|(?<![A-Za-z0-9减減担擔抵])[负負](?=[0-9０-９])"
    rf"|(?i:(?<!plus or )(?<!plus/)\bminus\s+))?"  # "plus or minus 5%": a margin, not a sign
    rf"(?:(?:(?<=[A-Z]{{3}})|(?<![A-Za-z0-9０-９.．_]))(?P<ar>{ARABIC})(?![.．]?[0-9０-９])"
    rf"|(?<![数數几幾上好{CN_NUMERAL_CHARS}0-9０-９])(?P<cn>{CHINESE})"
    rf"|(?=[OoTtFfSsEeNnZzHhMmBb]|[Aa]n?\s+[HhTtMmBb])(?P<en>{ENGLISH}))"
)
AFTER_RE = re.compile(
    rf"(?:{_SP}(?P<many1>[多余餘]))?"
    rf"(?:{_SP}(?P<cnmult>{CN_MULTIPLIER})(?P<many2>[多余餘])?|(?P<enmult>{EN_MULTIPLIER}))?"
)
COUNTER_RE = re.compile(r"[^\S\n]?(?:[年月日号號个個人家次倍枚位名只项項期届屆季度]|times|years?)")
RANGE_GAP_RE = re.compile(r"[^\S\n]*(?:(?P<dash>[-–—~～〜‒―－])|(?P<word>至|到|to|and))[^\S\n]*")
BETWEEN_RE = re.compile(r"(?:between|Between|介于|介於)[^\S\n]*$")
# "from X to Y", "by X to Y" (rose by $2bn to $61bn), 由/从 X 至 Y: a change, two figures
FROM_RE = re.compile(r"(?<![A-Za-z])(?:from|From|by|By|从|從|由|自)[^\S\n]*$")

_QUALIFIERS = {
    "about": ["约合", "約合", "大约", "大約", "约", "約", "接近", "将近", "將近", "近", "大概"],
    "over": ["超过", "超過", "超出", "逾", "超", "多于", "多於"],
    "under": ["不到", "不足", "少于", "少於", "未达", "未達"],
    "at least": ["至少", "最少", "起码", "起碼"],
}
_QUALIFIERS_EN = {
    "about": ["about", "around", "roughly", "approximately", "approx.", "nearly", "almost",
              "close to", "an estimated", "some"],
    "over": ["more than", "over", "above", "upwards of", "in excess of", "north of"],
    "under": ["less than", "under", "below", "fewer than", "just under", "shy of", "no more than", "not more than",
              "at most"],
    "at least": ["at least", "no less than", "a minimum of"],
}
_QUAL_LOOKUP = {w: k for k, ws in _QUALIFIERS.items() for w in ws}
_QUAL_LOOKUP.update({w: k for k, ws in _QUALIFIERS_EN.items() for w in ws})
_QUAL_LOOKUP["~"] = "about"
_QUAL_LOOKUP["～"] = "about"


QUALIFIER_RE = re.compile(
    rf"(?:(?P<cn>(?<![最附邻鄰靠])(?:{alternation(w for ws in _QUALIFIERS.values() for w in ws)}))"
    rf"(?:[为為合达達到])?"
    rf"|(?<![A-Za-z])(?P<en>{alternation(w for ws in _QUALIFIERS_EN.values() for w in ws)})"
    rf"|(?P<sym>[~～]))[^\S\n]*$",
    re.IGNORECASE,
)
TRAILING_QUALIFIER_RE = re.compile(r"[^\S\n]?(?P<q>以上|之上|以下|以内|以內|左右|上下)")
_TRAILING = {"以上": "over", "之上": "over", "以下": "under", "以内": "under", "以內": "under",
             "左右": "about", "上下": "about"}


@dataclass
class _Quantity:
    """A number with what surrounds it, before it becomes a Figure."""

    start: int  # span start, including a currency prefix or sign
    end: int  # span end, including multiplier and unit
    number: float  # the number as written, signed
    mult: int  # 1 when none written
    has_mult: bool
    kind: str | None  # "money" | "percent" | None for a bare number
    currency: str | None
    unit: str | None  # "pp" | "bps" | None
    many: bool  # 多/余 written inside the figure
    has_prefix: bool
    low: float | None = None  # set on a range
    high: float | None = None

    @property
    def value(self) -> float:
        return self.number * self.mult


def _valid_chinese_numeral(text: str) -> bool:
    """A Chinese numeral counts when it has a digit or 十百千, or is a magnitude word (万亿, 百亿)."""
    if any(ch in CN_DIGITS or ch in CN_SMALL_UNITS for ch in text):
        return True
    return len(text) >= 2 and all(ch in CN_BIG_UNITS for ch in text)


def _well_formed_prefix(numeral: str) -> str:
    """The longest well-formed start of a Chinese numeral: 七十百分位 -> 七十; 二三十 -> ""."""
    for end in range(len(numeral), 0, -1):
        head = numeral[:end].rstrip()
        if head and well_formed_chinese(head):
            # a vague 二三十 stays vague: do not cut it down to 二
            if end < len(numeral) and not well_formed_chinese(numeral[:end + 1].rstrip()) and \
                    numeral[end:end + 1] in CN_DIGITS and head[-1:] in CN_DIGITS:
                return ""
            return head
    return ""


def _read_quantity(text: str, m: re.Match, floor: int) -> _Quantity | None:
    num_text = m.group("ar") or m.group("cn") or m.group("en")
    pos = m.end()
    if m.group("ar") and m.start("ar") and text[m.start("ar") - 1].isupper():
        glued = text[max(0, m.start("ar") - 4):m.start("ar")]
        if glued[-3:] not in GLUED_CODES or (len(glued) == 4 and glued[0].isalpha()):
            return None  # letters glued to a number: a ticker pair, a model name, not an amount
        glued_mult = AFTER_RE.match(text, m.end())  # always matches: every part of it is optional
        if len(num_text) == 1 and not (glued_mult and glued_mult.group("enmult")):
            return None  # "USD0", "USD1", "USD0++": a stablecoin named by a code and a digit, not "USD 0"
    if text[m.end():m.end() + 1] in ("^", "_"):
        return None  # "$2^{k}$", "$x_1$": the base of a power or an index in a formula, not an amount
    if m.group("cn"):
        num_text = _well_formed_prefix(num_text)
        pos = m.start("cn") + len(num_text)
        if not num_text or not _valid_chinese_numeral(num_text) or text.startswith("分之", pos):
            return None  # the 百 of 百分之 is not a number
    number = parse_number(num_text)
    sign = m.group("sign")
    if sign and (sign in "-−－﹣负負" or sign.lower().startswith("minus")):
        number = -number
    after = AFTER_RE.match(text, pos)
    many = False
    mult_text = ""
    if after and after.end() > pos:
        mult_text = after.group("cnmult") or after.group("enmult") or ""
        many = bool(after.group("many1") or after.group("many2"))
        pos = after.end()
    kind = currency = unit = None
    end = pos
    suffix = money.match_suffix(text, pos)
    if suffix:
        end, currency = suffix
        kind = "money"
    else:
        psuffix = percent.match_suffix(text, pos)
        if psuffix and not mult_text:
            end, unit = psuffix
            kind = "percent"
    if many and kind is None and not mult_text:
        # "20 多个": the 多 belongs to a count; give it back.
        end = m.end()
        many = False
    start = m.start()
    has_prefix = False
    # "人民币 2026 年", "美元 3 次": a counter after the number means the word before is no prefix
    if not sign and not COUNTER_RE.match(text, end):
        prefix = money.match_prefix(text, start, floor)
        if prefix and kind in (None, "money"):
            prefix_start, prefix_currency = prefix
            symbol = not text[prefix_start].isalpha()
            # 新台幣 12 億元: the bare 元 belongs to 新台幣, so a word prefix wins; but a symbol
            # before an explicit currency word (¥1000 日元) gives way to the word
            if currency is None or not symbol:
                currency = prefix_currency
            start = prefix_start
            kind = "money"
            has_prefix = True
        elif kind is None:
            pprefix = percent.match_prefix(text, start, floor)
            if pprefix and not mult_text:
                start = pprefix[0]
                kind = "percent"
                has_prefix = True
    mult = multiplier_value(mult_text) if mult_text else 1
    if not math.isfinite(number) or abs(number * mult) > MAX_VALUE:
        raise ValueError(f"implausible amount {num_text!r}")  # a digit run, not a figure
    return _Quantity(start, end, number, mult, bool(mult_text), kind, currency, unit, many, has_prefix)


URL_RE = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff<>\"']+", re.I)


def _find_quantities(text: str) -> list[_Quantity]:
    quantities: list[_Quantity] = []
    urls = [(m.start(), m.end()) for m in URL_RE.finditer(text)] if "://" in text or "www." in text else []
    floor = 0  # end of the last figure with a unit: a prefix may not reach into it
    next_start = 0  # end of the last quantity of any kind: numbers inside it are taken
    for m in NUMBER_RE.finditer(text):
        if m.start() < next_start:
            continue
        if urls and any(a <= m.start() < b for a, b in urls):
            continue  # %2D and friends in a URL are not percentages
        try:
            q = _read_quantity(text, m, floor)
        except (ValueError, OverflowError) as exc:  # one bad number never drops the others
            LOGGER.debug("skipped number %r at %d: %s", m.group(0), m.start(), exc)
            continue
        if q is None:
            continue
        quantities.append(q)
        next_start = q.end
        if q.kind is not None:
            floor = q.end
    return quantities


def _merge_range(text: str, a: _Quantity, b: _Quantity) -> _Quantity | None:
    """Join a and b into one range figure when the text between them is a range mark."""
    gap = RANGE_GAP_RE.fullmatch(text, a.end, b.start)
    if not gap or b.has_prefix and b.kind == "percent" and not (a.has_prefix and a.kind == "percent"):
        return None  # "5% 至百分之八" is two figures; 百分之二至百分之二点五 is one range
    word = gap.group("word")
    if word == "and" and not BETWEEN_RE.search(text, max(0, a.start - 12), a.start):
        return None
    lead = FROM_RE.search(text, max(0, a.start - 8), a.start) if word and word != "and" else None
    if lead and not (a.kind is None and lead.group(0).strip().lower() == "by"):
        return None  # "from X to Y", "by $2bn to $61bn" is a change: two figures; "by 2 to 4 percent" a range
    if a.kind is None and b.kind is not None:
        if a.has_prefix:
            return None
        low_mult = a.mult if a.has_mult else b.mult
        kind, currency, unit = b.kind, b.currency, b.unit
        low, high = a.number * low_mult, b.value
    elif a.kind is not None and b.kind is None:
        if a.kind != "money" or not a.has_prefix or not gap.group("dash") or b.has_prefix:
            return None
        if a.has_mult and not b.has_mult:
            return None
        high = b.value
        low = a.number * (a.mult if a.has_mult else b.mult)
        kind, currency, unit = a.kind, a.currency, a.unit
    elif a.kind is not None and a.kind == b.kind:
        if a.currency != b.currency or a.unit != b.unit:
            return None
        low, high = a.value, b.value
        if a.kind == "money" and b.has_mult and not a.has_mult and a.number * b.mult <= high:
            low = a.number * b.mult  # "$5-$10 million": the million is written once, for both ends
        kind, currency, unit = a.kind, a.currency, a.unit
    else:
        return None
    if low > high:
        return None
    return _Quantity(a.start, b.end, 0.0, 1, True, kind, currency, unit, a.many or b.many,
                     a.has_prefix, low=low, high=high)


def _approx(text: str, q: _Quantity, floor: int) -> str | None:
    m = QUALIFIER_RE.search(text, max(floor, q.start - 16), q.start)
    if m:
        word = (m.group("cn") or m.group("en") or m.group("sym")).lower()
        return _QUAL_LOOKUP.get(word, "about")
    if q.many:
        return "over"
    t = TRAILING_QUALIFIER_RE.match(text, q.end)
    if t:
        return _TRAILING[t.group("q")]
    return None


def scan(text: str) -> list[Figure]:
    """All money and percent figures in `text`, in order, without context fields."""
    quantities = _find_quantities(text)
    figures: list[Figure] = []
    floor = 0
    i = 0
    while i < len(quantities):
        q = quantities[i]
        merged = None
        if i + 1 < len(quantities):
            merged = _merge_range(text, q, quantities[i + 1])
        if merged is not None:
            q = merged
            i += 2
        else:
            i += 1
        if q.kind is None:
            continue
        approx = _approx(text, q, floor)
        if q.low is not None and q.high is not None:
            value, low, high = None, clean_float(q.low), clean_float(q.high)
        else:
            value, low, high = clean_float(q.value), None, None
        figures.append(Figure(
            kind=q.kind, text=text[q.start:q.end], start=q.start, end=q.end,
            value=value, low=low, high=high,
            currency=q.currency if q.kind == "money" else None,
            approx=approx, unit=q.unit,
        ))
        floor = q.end
    return figures


def find_money(text: str) -> list[Figure]:
    """Every money amount in `text`, in order: single amounts and ranges, with currency resolved."""
    return [f for f in scan(text) if f.kind == "money"]


def find_percent(text: str) -> list[Figure]:
    """Every percentage, percentage-point and basis-point figure in `text`, in order."""
    return [f for f in scan(text) if f.kind == "percent"]
