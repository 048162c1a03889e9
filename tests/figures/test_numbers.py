"""numbers.py: round trips and totality (property tests with hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures.numbers import clean_float, multiplier_value, parse_arabic, parse_chinese, parse_number

CN = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """A plain reference formatter for 0 < n < 10^12, in the usual way."""
    def below_10k(x: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero:
                    out += "零"
                out += CN[d] + unit
                zero = False
            elif out:
                zero = True
        return out
    parts = []
    for value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // value % 10000
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(below_10k(chunk) + unit)
    return "".join(parts)


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_round_trip(n):
    assert parse_chinese(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_arabic_round_trip_with_separators(whole, frac):
    text = f"{whole:,}.{frac:02d}"
    assert parse_arabic(text) == pytest.approx(whole + frac / 100)
    fullwidth = text.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    assert parse_arabic(fullwidth) == parse_arabic(text)


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_parsers_raise_only_value_error(text):
    for parse in (parse_number, parse_arabic, parse_chinese, multiplier_value):
        try:
            parse(text)
        except ValueError:
            pass


def test_known_values():
    assert parse_chinese("三千五百万") == 35000000
    assert parse_chinese("两亿") == 200000000
    assert parse_chinese("十五") == 15
    assert parse_chinese("一百零五") == 105
    assert parse_chinese("万亿") == 10**12
    assert multiplier_value("万亿") == 10**12
    assert multiplier_value("千万") == 10**7
    assert multiplier_value("bn") == 10**9
    assert clean_float(598.93 * 10**8) == 59893000000
