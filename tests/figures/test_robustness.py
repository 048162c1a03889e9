"""The extractor never raises, spans are exact, and adversarial input gives only its real figures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures import extract_figures

ALPHABET = st.sampled_from(list("0123456789０１２３,，.．%％$€£¥-–~～至到 亿万億萬兆千百十一二两三美元港币人民新台幣枚USDTUCkmMbBnlio多余约超逾百分之个基点 \n"))


@given(st.text(alphabet=ALPHABET, max_size=80))
@settings(max_examples=400, deadline=None)
def test_never_raises_and_spans_are_exact(text):
    for f in extract_figures(text):
        assert text[f.start:f.end] == f.text
        assert f.kind in ("money", "percent")
        assert (f.value is None) == (f.low is not None and f.high is not None)
        assert f.sentence is not None and f.text in text


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_arbitrary_unicode(text):
    extract_figures(text)


def test_one_bad_number_does_not_drop_the_others():
    text = "营收 2.35 亿美元，" + "9" * 5000 + " 亿美元，净利润 4800 万美元。"
    texts = [f.text for f in extract_figures(text)]
    assert "2.35 亿美元" in texts and "4800 万美元" in texts


def test_adversarial_megabyte_gives_exactly_its_real_figures():
    """A megabyte of digit runs, brackets, multipliers and currency signs: only the figures that are
    there come out (timing is bench/figures.py's business, not a test's)."""
    chunks = ["1" * 100_000, "1,000," * 20_000, "(" * 50_000 + "5%" + ")" * 50_000, "１，" * 50_000,
              "亿万" * 50_000, "$" * 50_000, "5 至 " * 40_000, "百分之" * 30_000]
    text = "".join(chunks)[:1_000_000]
    figures = extract_figures(text)
    assert [f.text for f in figures if f.text == "5%"] == ["5%"]
    assert all(text[f.start:f.end] == f.text and f.sentence is not None for f in figures)
    assert not any(f.kind == "money" and f.currency is None for f in figures)


def test_a_dividend_yield_with_no_name_before_it_has_no_subject():
    # a clause whose measure is a dividend yield and that names nobody before it (it crashed once)
    for text in ("现金殖利率约 5.6%。", "今年现金殖利率约为5.6%。", "預估現金殖利率約 5.6%。"):
        (figure,) = extract_figures(text)
        assert figure.text == "5.6%" and figure.subject is None
