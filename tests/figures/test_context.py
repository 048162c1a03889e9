"""Context of figures: metric, direction, subject and sentence; jieba loads once and quietly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.figures import extract_figures
from tests.conftest import ROOT

DATA = Path(__file__).resolve().parents[1] / "data" / "figure_context.jsonl"


def by_text(text: str) -> dict:
    return {f.text: f for f in extract_figures(text)}


def test_chinese_metric_direction_subject():
    figs = by_text("其中 Coinbase 第三季度营收 18.7 亿美元，同比增长 25%；净利润 4.3 亿美元，同比下降 3%。")
    assert (figs["18.7 亿美元"].metric, figs["18.7 亿美元"].metric_word) == ("revenue", "营收")
    assert figs["25%"].metric == "revenue" and figs["25%"].direction == "up"
    assert figs["4.3 亿美元"].metric == "net_income" and figs["4.3 亿美元"].direction is None
    assert figs["3%"].direction == "down"
    assert {f.subject for f in figs.values()} == {"Coinbase"}


def test_english_metric_direction_subject():
    figs = by_text("Open interest in CME bitcoin futures fell 8% to $11.2 billion, while Deribit's volume rose 4%.")
    assert figs["8%"].metric == "open_interest" and figs["8%"].direction == "down"
    assert figs["8%"].subject == "CME bitcoin futures"  # the product, with its venue
    assert figs["$11.2 billion"].direction == "down"
    assert figs["4%"].subject == "Deribit" and figs["4%"].direction == "up" and figs["4%"].metric == "volume"


def test_source_and_determiners_are_not_subjects():
    figs = by_text("据 CoinShares 报告，该交易所上周净流出 3.6 亿美元。")
    # a flow is an amount, not a move: no direction (CONVENTIONS.md)
    assert figs["3.6 亿美元"].subject is None and figs["3.6 亿美元"].direction is None
    assert figs["3.6 亿美元"].metric == "net_outflow"


def test_sentence_is_the_figures_own():
    text = "Meta 计划砸出 1350 亿美元。另一家公司营收增长 5%。"
    figs = by_text(text)
    assert figs["1350 亿美元"].sentence == "Meta 计划砸出 1350 亿美元。"
    assert figs["5%"].sentence == "另一家公司营收增长 5%。"


def test_sentence_offsets_point_into_the_text():
    text = "  Meta 计划砸出 1350 亿美元。\n\n  Revenue rose 24% to $59.9 billion.  \n"
    for f in by_text(text).values():
        assert text[f.sentence_start:f.sentence_end] == f.sentence
        assert f.sentence_start <= f.start and f.end <= f.sentence_end


def _same_subject(want, got) -> bool:
    """score_context.py's rule: equal ignoring case, or one (of 2+ characters) contains the other."""
    if want is None or got is None:
        return want == got
    a, b = want.lower(), got.lower()
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def test_labelled_set_accuracy_floor():
    """Accuracy on our own 157-figure set (bench/context.py prints it); a floor, to catch regressions."""
    right = {"metric": 0, "direction": 0, "subject": 0}
    total = 0
    for line in DATA.open(encoding="utf-8"):
        case = json.loads(line)
        figs = by_text(case["text"])
        for want in case["figures"]:
            total += 1
            got = figs[want["text"]]
            right["metric"] += got.metric == want["metric"]
            right["direction"] += got.direction == want["direction"]
            right["subject"] += _same_subject(want["subject"], got.subject)
    assert total >= 150
    assert all(count / total >= 0.88 for count in right.values()), right


def test_jieba_is_quiet_and_lazy():
    code = ("import sys; import pipeline.figures as f; assert 'jieba' not in sys.modules; "
            "f.extract_figures('营收 5 亿美元，同比增长 3%'); assert 'jieba' in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_money_amount_takes_the_metric_of_its_own_clause():
    figs = by_text("灰度 GBTC 昨日净流出 1.2 亿美元，ETF 总资产管理规模达 1080 亿美元。")
    assert figs["1.2 亿美元"].metric == "net_outflow" and figs["1080 亿美元"].metric is None  # AUM: not the outflow
    figs = by_text("Bitcoin ETF inflows hit a record $1.38 billion on Thursday; ether ETFs saw $295 million in outflows.")
    assert figs["$1.38 billion"].metric == "inflow" and figs["$295 million"].metric == "outflow"


def test_english_direction_rules():
    assert by_text("Shares closed 2.3% higher at $98.76.")["2.3%"].direction == "up"
    assert by_text("The ECB cut growth forecasts by 0.2 ppt.")["0.2 ppt"].direction == "down"
    assert by_text("The token fell as much as 18% to $0.42.")["18%"].direction == "down"


def test_a_word_capitalised_only_at_sentence_start_is_not_a_subject():
    figs = by_text("Kestrel Markets reported revenue of $1.2 billion. Transaction revenue rose 38% to $958 million.\n"
                   "- Operating expenses: $1.02 billion, down 3%")
    assert figs["$1.2 billion"].subject == "Kestrel Markets"  # two capitalised words: a name
    assert figs["38%"].subject is None and figs["$1.02 billion"].subject is None


def test_a_sentence_initial_name_counts_when_the_text_names_it_elsewhere():
    figs = by_text("Kestrel posted revenue of $2 billion, and analysts at Kestrel expect 5% growth.")
    assert figs["$2 billion"].subject == "Kestrel"


def test_an_asset_that_moves_moves_in_price_unless_something_else_is_named():
    figs = by_text("Bybit 被盗 15 亿美元后，ETH 下跌 8%，跌破 2,500 美元。")
    assert figs["15 亿美元"].metric == "hack_loss" and figs["15 亿美元"].subject == "Bybit"
    assert (figs["8%"].metric, figs["8%"].subject, figs["8%"].direction) == ("price", "ETH", "down")
    assert figs["2,500 美元"].metric == "price"
    assert by_text("Bitcoin slipped 2.4% to $91,250 on Tuesday.")["$91,250"].metric == "price"
    assert by_text("比特币全网算力同比增长 52%。")["52%"].metric == "hashrate"
    assert by_text("比特币矿工收入同比增长 52%。")["52%"].metric == "revenue"


def test_a_clause_with_its_own_subject_does_not_borrow_the_metric_before_it():
    figs = by_text("Meta 营收 598.93 亿美元，同比增长 24%；Coinbase 上涨 9%。")
    # Coinbase's own move is its stock's, not Meta's revenue
    assert figs["24%"].metric == "revenue" and figs["9%"].metric == "share_price" and figs["9%"].subject == "Coinbase"


def test_lexicon_words_of_finance_news_in_three_scripts():
    """Words grown from real text and from crypto and finance news: each sentence is new."""
    cases = [
        ("聯電第三季營業利益新台幣 95 億元。", "新台幣 95 億元", "operating_income"),
        ("该矿企计提资产减值 1.2 亿美元。", "1.2 亿美元", "loss"),
        ("Core Scientific took a $90 million impairment on older rigs.", "$90 million", "loss"),
        ("Tesla's operating margin narrowed to 5.8%.", "5.8%", "margin"),
        ("The miner secured a $200 million credit facility from Coinbase.", "$200 million", "funding"),
        ("过去 1 小时全网强平 1.1 亿美元。", "1.1 亿美元", "liquidation"),
        ("BTC 强平价约 7.8 万美元。", "7.8 万美元", "price"),
        ("中国 10 月居民消费价格指数同比上涨 0.2%。", "0.2%", "inflation"),
        ("Bitcoin's market capitalisation topped $2 trillion.", "$2 trillion", "market_cap"),
        ("The platform offers an annual percentage yield of 4.1%.", "4.1%", "apy"),
    ]
    for text, span, metric in cases:
        assert by_text(text)[span].metric == metric, text
