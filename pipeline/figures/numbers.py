"""Shared number parsing for the figure extractors: "3,400", "１，２００", "1.2", "三千五百万", "百分之三点五".

Everything here is pure and total on the strings its patterns match; `parse_*` raise
ValueError on anything else so that one bad figure never hides the others.
"""

from __future__ import annotations

import re

# Spaces allowed inside a figure ("1350 亿", "25 个基点", tokenised "百 分 之 2"), never a line break.
SP = r"[^\S\n]{0,4}"

FULLWIDTH = str.maketrans("０１２３４５６７８９，．＋－％", "0123456789,.+-%")

# Arabic digits, ASCII or full-width, with optional thousands groups and a decimal part.
# Written without nested quantifiers so a 1 MB digit run cannot backtrack.
DIGIT = "[0-9０-９]"
# A full-width comma groups thousands only between full-width digits ("４，８００"); after
# ASCII digits it is Chinese punctuation ("$20，300美元" lists two prices).
ARABIC = (r"[0-9]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?"
          r"|[０-９]{1,3}(?:[,，][０-９]{3})+(?:[.．][0-9０-９]+)?"
          rf"|{DIGIT}+(?:[.．]{DIGIT}+)?")

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
CN_POINT = "点點"

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
# A Chinese numeral: digits and units (single spaces allowed between them, as in tokenised
# text), optionally a 点 and decimal digits.
CHINESE = (rf"[{CN_NUMERAL_CHARS}](?:[^\S\n]?[{CN_NUMERAL_CHARS}])*"
           rf"(?:[^\S\n]?[{CN_POINT}][^\S\n]?[{''.join(CN_DIGITS)}](?:[^\S\n]?[{''.join(CN_DIGITS)}])*)?")

# Chinese multipliers written after an Arabic number: 万, 亿, 万亿, 千万, 百亿, 兆, and a bare
# 千 ("8 千美元" is 8,000 dollars; longer forms are tried first)
CN_MULTIPLIER = "(?:[十百千拾佰仟]?(?:[万萬][亿億]?|[亿億])|兆|[千仟])"

EN_MULTIPLIERS = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "mm": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "t": 10**12, "trn": 10**12,
}
# Words may follow a space; one-letter abbreviations must be attached ("$3.2M", "$250k").
EN_MULTIPLIER = (
    r"(?:[\s-]?(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|MILLION|BILLION|TRILLION)"
    r"|\s?(?:mn|mln|bn|bln|tn|trn|Mn|Bn|Tn|BN|MN)|(?:[kKmMbBT]|mm))(?![A-Za-z])"
)


EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_WORD = "|".join(sorted([*EN_UNITS, *EN_TENS, *EN_SCALES], key=len, reverse=True))
# English number words: "five", "twenty-two", "one hundred and fifty", "five million",
# "a billion", "half a million".
_A_SCALE = rf"(?:half\s+an?|an?)\s+(?=(?:{'|'.join(EN_SCALES)})\b)"
ENGLISH = (rf"(?i:\b(?:{_A_SCALE})?(?:{_EN_WORD})(?:(?:[ -]|\s+and\s+)(?:{_EN_WORD}))*\b)")


def parse_english(text: str) -> float:
    """"one hundred and fifty" -> 150.0, "five million" -> 5e6, "twenty-two" -> 22.0,
    "a billion" -> 1e9, "half a million" -> 5e5."""
    total = current = 0
    seen = half = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word == "half" and not seen:
            half = True
            continue
        if word in ("a", "an") and not seen:
            current, seen = 1, True
            continue
        if word in EN_UNITS:
            current += EN_UNITS[word]
        elif word in EN_TENS:
            current += EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_SCALES:
            total += (current or 1) * EN_SCALES[word]
            current = 0
        else:
            raise ValueError(f"not an English number: {text!r}")
        seen = True
    if not seen:
        raise ValueError("empty English number")
    return float(total + current) / (2 if half else 1)


def alternation(words) -> str:
    """A regex alternation of literal words, longest first, so the longest spelling wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_BLANKS = " \t\u00a0\u3000"


def next_char(text: str, pos: int) -> str:
    """The first character at or after pos, skipping up to five blanks ("" at the end)."""
    end = min(len(text), pos + 5)
    while pos < end and text[pos] in _BLANKS:
        pos += 1
    return text[pos] if pos < len(text) else ""


def prev_char(text: str, start: int) -> str:
    """The last character before start, skipping up to five blanks ("" at the start)."""
    floor = max(0, start - 5)
    while start > floor and text[start - 1] in _BLANKS:
        start -= 1
    return text[start - 1] if start > 0 else ""


def normalize_digits(text: str) -> str:
    """Full-width digits, commas, points and signs to ASCII; other characters unchanged."""
    return text.translate(FULLWIDTH)


def parse_arabic(text: str) -> float:
    """"3,400" -> 3400.0, "１，２００．５" -> 1200.5. Raises ValueError on anything else."""
    clean = normalize_digits(text).replace(",", "")
    if not clean or not clean.replace(".", "", 1).isdigit() or not clean.isascii():
        raise ValueError(f"not an Arabic number: {text!r}")
    return float(clean)


def _parse_cn_integer(text: str) -> int:
    """Chinese integer numerals: 三千五百万, 两亿, 十五, 一百零五, 百 (a bare unit counts as one of it)."""
    total = 0  # completed big-unit sections (亿, 万)
    section = 0  # the part below the current big unit
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch] if digit is None else digit * 10 + CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1  # a bare 万 / 亿: "万亿" is 10^12
            if total and total < unit:
                total = (total + section) * unit  # 万亿: multiply what came before
            else:
                total += section * unit
            section = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def well_formed_chinese(text: str) -> bool:
    """True for numerals a writer would use; False for 二三十 (a vague "20 or 30") and 七十百.

    Two digits in a row mean an estimate unless one is 零; a small unit must be smaller
    than the one before it within a section (千 > 百 > 十).
    """
    text = "".join(text.split())
    whole = text
    for point in CN_POINT:
        whole = whole.partition(point)[0]
    previous_digit = False
    last_small = 10**5
    for ch in whole:
        if ch in CN_DIGITS:
            if previous_digit and CN_DIGITS[ch] != 0 and not whole.startswith(("〇", "零")):
                return False
            previous_digit = CN_DIGITS[ch] != 0
        elif ch in CN_SMALL_UNITS:
            if CN_SMALL_UNITS[ch] >= last_small:
                return False
            last_small = CN_SMALL_UNITS[ch]
            previous_digit = False
        else:  # 万, 亿, 兆 close a section
            last_small = 10**5
            previous_digit = False
    return True


def parse_chinese(text: str) -> float:
    """"三千五百万" -> 35000000.0, "三点五" -> 3.5, "二十" -> 20.0."""
    text = "".join(text.split())
    if not text:
        raise ValueError("empty Chinese numeral")
    for point in CN_POINT:
        if point in text:
            whole, _, frac = text.partition(point)
            if not frac or any(ch not in CN_DIGITS for ch in frac):
                raise ValueError(f"bad decimal part in {text!r}")
            decimals = "".join(str(CN_DIGITS[ch]) for ch in frac)
            return _parse_cn_integer(whole) + float("0." + decimals) if whole else float("0." + decimals)
    return float(_parse_cn_integer(text))


def parse_number(text: str) -> float:
    """Arabic (ASCII or full-width), Chinese numeral, or English number words."""
    if text.isdigit() and text.isascii():
        return float(text)  # most numbers of running text: no commas, points or other scripts
    stripped = text.strip()
    if stripped and normalize_digits(stripped[0]).isdigit():
        return parse_arabic(stripped)
    if stripped[:1].isascii() and stripped[:1].isalpha():
        return parse_english(stripped)
    return parse_chinese(stripped)


def cn_multiplier_value(text: str) -> int:
    """"万" -> 10^4, "万亿" -> 10^12, "千万" -> 10^7, "百亿" -> 10^10, "兆" -> 10^12."""
    value = 1
    small = 1
    for ch in text:
        if ch in CN_SMALL_UNITS:
            small = CN_SMALL_UNITS[ch]
        elif ch in CN_BIG_UNITS:
            value *= CN_BIG_UNITS[ch]
        else:
            raise ValueError(f"not a Chinese multiplier: {text!r}")
    return value * small


def en_multiplier_value(text: str) -> int:
    """"million" -> 10^6, "bn" -> 10^9, "k" -> 10^3 (case-insensitive, spaces ignored)."""
    key = text.strip().lower()
    if key not in EN_MULTIPLIERS:
        raise ValueError(f"not an English multiplier: {text!r}")
    return EN_MULTIPLIERS[key]


def multiplier_value(text: str) -> int:
    """Either kind of multiplier; "" is 1. A hyphen before it ("$5-million") is not part of it."""
    text = text.strip().lstrip("-")
    if not text:
        return 1
    if text[0] in CN_SMALL_UNITS or text[0] in CN_BIG_UNITS:
        return cn_multiplier_value(text)
    return en_multiplier_value(text)


def clean_float(value: float) -> float | int:
    """Round away binary noise (598.93 * 1e8 -> 59893000000) and give ints where exact.

    15 significant digits: what a double holds exactly, and more than any news figure states.
    """
    rounded = float(f"{value:.15g}")
    if rounded == int(rounded) and abs(rounded) < 2**63:
        return int(rounded)
    return rounded
