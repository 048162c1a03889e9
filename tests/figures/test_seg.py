"""_seg.tokens cuts exactly as jieba.posseg does without its HMM, on real text of all three scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.figures import _seg

ROOT = Path(__file__).resolve().parents[2]
REALPAGES = ROOT.parent / "shared" / "realpages" / "ground-truth.jsonl"


def jieba_tokens(text: str) -> list[tuple[str, str, int]]:
    out, at = [], 0
    for pair in _seg.pos_tokenizer().cut(text, HMM=False):
        out.append((pair.word, pair.flag, at))
        at += len(pair.word)
    return out


def real_lines() -> list[str]:
    lines = [line for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    if REALPAGES.exists():
        with REALPAGES.open(encoding="utf-8") as handle:
            bodies = [json.loads(row).get("articleBody") or "" for row in handle]
        lines += [line for body in bodies if any("\u4e00" <= ch <= "\u9fff" for ch in body[:200])
                  for line in body.splitlines()][:3000]
    return lines


def test_tokens_equal_jieba_posseg_on_real_chinese_and_english_text():
    lines = real_lines()
    assert len(lines) > 1000
    differ = [line for line in lines if _seg.tokens(line) != jieba_tokens(line)]
    assert differ == []


@pytest.mark.parametrize("text", [
    "比特币涨 4.6%，报 91250 美元", "ＡＢＣ１２３ 全角 BTC/USDT 1.5%　4.6%", "a+b#c&d_e.f \r\n\t ETF比特币ETF现货",
    "2025年第三季度营收 598.93 亿美元，同比增长 24%。", "穩定幣發行商 Tether 第二季度淨利潤 49 億美元", "", "   ", "。。。",
])
def test_tokens_equal_jieba_posseg_on_edge_cases(text):
    assert _seg.tokens(text) == jieba_tokens(text)
    assert "".join(word for word, _, _ in _seg.tokens(text)) == text


def test_the_reference_built_first_does_not_change_the_tags():
    """jieba.posseg empties the tokenizer's added-word tags when it reads them: tokens() keeps its own."""
    _seg._cutter.cache_clear()
    try:
        _seg.pos_tokenizer()  # the reference first, as a test module may
        tags = dict((word, tag) for word, tag, _ in _seg.tokens("Tether 营收同比增长 24%"))
        assert tags["Tether"] != "x" and tags["营收"] == "n" and tags["同比增长"] == "v"
    finally:
        _seg._cutter.cache_clear()
