"""Period and role: normalised periods from the sentence (with the publication date for relative
words), roles from cues; and the accuracy on the 158 labelled real figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.figures import extract_figures

LABELS = Path(__file__).resolve().parents[1] / "data" / "figure_period_role.jsonl"


def by_text(text: str, published: str | None = None) -> dict:
    return {f.text: f for f in extract_figures(text, published=published)}


@pytest.mark.parametrize("text, span, period", [
    ("Q3 2025 revenue was $4.1 billion.", "$4.1 billion", "2025-Q3"),
    ("2026 年第一季度营收 12 亿美元。", "12 亿美元", "2026-Q1"),
    ("2025 年上半年淨利潤 3 億美元。", "3 億美元", "2025-H1"),
    ("For fiscal 2026 the firm sees sales of $9 billion.", "$9 billion", "FY2026"),
    ("2024 年 11 月交易量 800 亿美元。", "800 亿美元", "2024-11"),
    ("Card spending hit $2 billion in March 2025.", "$2 billion", "2025-03"),
    ("2025 年全年营收 30 亿美元，其中第四季度营收 9 亿美元。", "9 亿美元", "2025-Q4"),  # the year written before
])
def test_periods_written_in_the_sentence(text, span, period):
    assert by_text(text)[span].period == period


def test_relative_periods_need_the_publication_date():
    text = "去年全年营收 5 亿美元，预计明年增长 20%。"
    assert by_text(text)["5 亿美元"].period is None
    figs = by_text(text, published="2026-02-10")
    assert figs["5 亿美元"].period == "2025" and figs["20%"].period == "2027"
    assert by_text("上月交易量 30 亿美元。", published="2026-01-05")["30 亿美元"].period == "2025-12"


def test_bounds_are_not_periods_and_a_year_earlier_dates_only_the_previous_level():
    assert by_text("自 2021 年以来累计亏损 40 亿美元。")["40 亿美元"].period is None
    assert by_text("The fund plans to invest $1 billion by 2028.")["$1 billion"].period is None
    figs = by_text("Exports fell to $3 billion in 2023, down from $4 billion the previous year.")
    assert figs["$3 billion"].period == "2023" and figs["$4 billion"].period == "2022"
    assert figs["$4 billion"].role == "previous"


@pytest.mark.parametrize("text, span, role", [
    ("公司预计全年营收将达 50 亿美元。", "50 亿美元", "forecast"),
    ("营收 10 亿美元，高于市场预期的 9 亿美元。", "9 亿美元", "consensus"),
    ("分析師將目標價上調至 380 美元。", "380 美元", "target"),
    ("The bank set a price target of $150 for the stock.", "$150", "target"),
    ("Profit was $2 billion, compared with $1.5 billion a year earlier.", "$1.5 billion", "previous"),
    ("If rates stay at 5%, income would fall 8%.", "8%", "forecast"),
    ("该平台虚拟资产交易量增长 12%。", "12%", "actual"),  # 虚拟 (virtual) is not 拟 (plans)
])
def test_roles_from_cues(text, span, role):
    assert by_text(text)[span].role == role


def test_a_contrast_ends_the_reach_of_a_forecast():
    figs = by_text("央行预计明年将降息 50 个基点，但失业率已升至 4.6%。")
    assert figs["50 个基点"].role == "forecast" and figs["50 个基点"].direction is None
    assert figs["4.6%"].role == "actual" and figs["4.6%"].direction == "up"


def test_accuracy_on_the_labelled_real_figures():
    """A floor under bench/context.py's figures: period and role on 158 labelled real figures."""
    right = {"period": 0, "role": 0}
    total = 0
    for line in LABELS.open(encoding="utf-8"):
        case = json.loads(line)
        pool = extract_figures(case["text"], published=case["published"])
        for want in case["figures"]:
            got = next(f for f in pool if f.text == want["text"])
            pool.remove(got)
            total += 1
            right["period"] += got.period == want["period"]
            right["role"] += got.role == want["role"]
    assert total >= 150
    assert right["period"] / total >= 0.9 and right["role"] / total >= 0.9, right
