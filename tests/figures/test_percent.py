"""Percentages, percentage points and basis points; signs; ranges; and what is not a percentage."""

from __future__ import annotations

import pytest

from pipeline.figures import find_percent


@pytest.mark.parametrize("text, span, value, unit", [
    ("同比增长 24%", "24%", 24, None),
    ("增长２４％", "２４％", 24, None),
    ("国库中百分之二十的代币", "百分之二十", 20, None),
    ("百分之三点五的份额", "百分之三点五", 3.5, None),
    ("百分之0.5的费率", "百分之0.5", 0.5, None),
    ("降息 25 个基点", "25 个基点", 25, "bps"),
    ("降息 50 個基點", "50 個基點", 50, "bps"),
    ("下跌 0.12 个百分点至", "0.12 个百分点", 0.12, "pp"),
    ("rose 1.4 percentage points", "1.4 percentage points", 1.4, "pp"),
    ("fell 8 bps", "8 bps", 8, "bps"),
    ("a 2.5-percentage-point gap", "2.5-percentage-point", 2.5, "pp"),
    ("a 25-basis-point cut", "25-basis-point", 25, "bps"),
    ("took a 5-percent stake", "5-percent", 5, None),
    ("cut by 25 basis points", "25 basis points", 25, "bps"),
    ("a 75bp hike", "75bp", 75, "bps"),
    ("up 5 percent", "5 percent", 5, None),
    ("涨跌幅为 -3.6%", "-3.6%", -3.6, None),
    ("SOL 为 +1.8%", "+1.8%", 1.8, None),
    ("变动 −5.6%", "−5.6%", -5.6, None),
])
def test_single(text, span, value, unit):
    (f,) = find_percent(text)
    assert (f.text, f.value, f.unit) == (span, value, unit)
    assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("text, span, low, high", [
    ("同比增长 26%–34%", "26%–34%", 26, 34), ("margins of 35-40%", "35-40%", 35, 40),
    ("波动幅度为 5%～8%", "5%～8%", 5, 8), ("介于 3% 到 4% 之间", "3% 到 4%", 3, 4),
    ("淨利率約 25% 至 30%", "25% 至 30%", 25, 30), ("at between 60% and 65%", "60% and 65%", 60, 65),
    ("yields of 50~55%", "50~55%", 50, 55), ("毛利率落在 57%—59%", "57%—59%", 57, 59),
])
def test_ranges(text, span, low, high):
    (f,) = find_percent(text)
    assert (f.text, f.value, f.low, f.high) == (span, None, low, high)


def test_change_from_to_is_two_figures():
    assert [f.text for f in find_percent("费率由 2.5% 下调至 1.5%")] == ["2.5%", "1.5%"]
    assert [f.text for f in find_percent("下跌 0.12 个百分点至 4.05%")] == ["0.12 个百分点", "4.05%"]
    assert [f.text for f in find_percent("up from 48% a week ago to 60%")] == ["48%", "60%"]


def test_qualifiers():
    assert [f.approx for f in find_percent("大涨超过 10%，近 40%，逾 15%，不到 1%，~0.05%，nearly 30%")] == \
        ["over", "about", "over", "under", "about", "about"]


@pytest.mark.parametrize("text", ["Q4 成绩单", "近四成用户", "25 倍杠杆", "a 2x jump", "40x long",
                                  "v1.16.2 版本", "3 成", "100 倍"])
def test_not_percent(text):
    assert find_percent(text) == []


@pytest.mark.parametrize("text, span, low, high", [
    ("增速介于百分之二至百分之二点五之间", "百分之二至百分之二点五", 2, 2.5),  # a range of Chinese numerals
    ("expects growth of 2 to 4 percent", "2 to 4 percent", 2, 4),  # the unit once, at the end
    ("rates could rise by 2 to 4 percent", "2 to 4 percent", 2, 4),  # "by" before a range, not a change
    ("cut by 25 to 50 bps", "25 to 50 bps", 25, 50),
])
def test_ranges_with_the_unit_written_once(text, span, low, high):
    (f,) = find_percent(text)
    assert (f.text, f.value, f.low, f.high) == (span, None, low, high)


def test_a_percent_then_a_chinese_percent_stay_two_figures():
    assert [f.text for f in find_percent("由 5% 至百分之八")] == ["5%", "百分之八"]


@pytest.mark.parametrize("text", ["revenue of $2.2 billion, plus or minus 5%, above", "a margin of plus/minus 3%"])
def test_plus_or_minus_is_a_tolerance_not_a_minus_sign(text):
    (fig,) = [f for f in find_percent(text)]
    assert fig.text in ("5%", "3%") and fig.value > 0
