"""Money: currency resolved, multipliers, ranges, qualifiers, and what is deliberately not money."""

from __future__ import annotations

import pytest

from pipeline.figures import find_money


def one(text: str):
    found = find_money(text)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start:f.end] == f.text
    return f


@pytest.mark.parametrize("text, span, value, currency", [
    ("计划砸出 1350 亿美元", "1350 亿美元", 135000000000, "USD"),
    ("融资 ４，８００ 萬美元", "４，８００ 萬美元", 48000000, "USD"),
    ("市值 1.2 万亿美元", "1.2 万亿美元", 1200000000000, "USD"),
    ("总额 35.6 亿元人民币", "35.6 亿元人民币", 3560000000, "CNY"),
    ("收入人民币 1560 万元", "人民币 1560 万元", 15600000, "CNY"),
    ("斥资新台幣 12 億元", "新台幣 12 億元", 1200000000, "TWD"),
    ("部位約 24.5 兆新台幣", "24.5 兆新台幣", 24500000000000, "TWD"),
    ("募資 3,500 萬港元", "3,500 萬港元", 35000000, "HKD"),
    ("入股 50 亿日元", "50 亿日元", 5000000000, "JPY"),
    ("融资 1.5 亿欧元", "1.5 亿欧元", 150000000, "EUR"),
    ("投资 2000 万英镑", "2000 万英镑", 20000000, "GBP"),
    ("成交 4.5 万亿韩元", "4.5 万亿韩元", 4500000000000, "KRW"),
    ("募得 3000 万澳元", "3000 万澳元", 30000000, "AUD"),
    ("增发 10 亿枚 USDT", "10 亿枚 USDT", 1000000000, "USDT"),
    ("转入 800 万 U", "800 万 U", 8000000, "USDT"),
    ("赚了 30 万美金", "30 万美金", 300000, "USD"),
    ("亏掉 5 万刀", "5 万刀", 50000, "USD"),
    ("豪掷两千万美元", "两千万美元", 20000000, "USD"),
    ("潜在的百亿美元级增长点", "百亿美元", 10000000000, "USD"),
    ("drew $1.2bn in inflows", "$1.2bn", 1200000000, "USD"),
    ("lost $310M", "$310M", 310000000, "USD"),
    ("a $250k grant", "$250k", 250000, "USD"),
    ("$60 Million Mistake", "$60 Million", 60000000, "USD"),
    ("repay US$4.2 million", "US$4.2 million", 4200000, "USD"),
    ("set aside HKD 780 million", "HKD 780 million", 780000000, "HKD"),
    ("profit of USD 4.9bn", "USD 4.9bn", 4900000000, "USD"),
    ("raised €35m", "€35m", 35000000, "EUR"),
    ("a £12.5 million round", "£12.5 million", 12500000, "GBP"),
    ("raise 10 billion yen", "10 billion yen", 10000000000, "JPY"),
    ("seeks 12 million dollars", "12 million dollars", 12000000, "USD"),
    ("reached 7.3 trillion yuan", "7.3 trillion yuan", 7300000000000, "CNY"),
    ("minted 2.5 billion USDC", "2.5 billion USDC", 2500000000, "USDC"),
    ("a HK$3.5 billion fund", "HK$3.5 billion", 3500000000, "HKD"),
    ("NT$100 million in bonds", "NT$100 million", 100000000, "TWD"),
    ("priced at ¥3,000 per share in Tokyo", "¥3,000", 3000, "JPY"),
    ("售价 ¥3,000 元起", "¥3,000 元", 3000, "CNY"),
    ("Chinese regulators fined the firm ¥18.2 billion", "¥18.2 billion", 18200000000, "CNY"),
    ("Investors poured half a billion dollars into it", "half a billion dollars", 500000000, "USD"),
    ("It raised a billion dollars", "a billion dollars", 1000000000, "USD"),
    ("a $5-million settlement", "$5-million", 5000000, "USD"),
    ("a 40-million-euro fine", "40-million-euro", 40000000, "EUR"),
])
def test_single_amounts(text, span, value, currency):
    f = one(text)
    assert (f.text, f.value, f.currency, f.low, f.high) == (span, value, currency, None, None)


@pytest.mark.parametrize("text, span, low, high, currency", [
    ("营收将达到 535–565 亿美元", "535–565 亿美元", 53500000000, 56500000000, "USD"),
    ("规模或达 1200 亿至 1500 亿美元", "1200 亿至 1500 亿美元", 120000000000, 150000000000, "USD"),
    ("成本在 6 萬～7 萬美元", "6 萬～7 萬美元", 60000, 70000, "USD"),
    ("介於 3.5 億至 4 億美元之間", "3.5 億至 4 億美元", 350000000, 400000000, "USD"),
    ("revenue of $410 million to $440 million", "$410 million to $440 million", 410000000, 440000000, "USD"),
    ("average $3–5M per round", "$3–5M", 3000000, 5000000, "USD"),
    ("a $1.2-1.5 billion raise", "$1.2-1.5 billion", 1200000000, 1500000000, "USD"),
    ("valuations of $20M—$30M", "$20M—$30M", 20000000, 30000000, "USD"),
    ("between $10 million and $20 million", "$10 million and $20 million", 10000000, 20000000, "USD"),
    ("a $5-$10 million range", "$5-$10 million", 5000000, 10000000, "USD"),
    ("from $500,000-$2 million each", "$500,000-$2 million", 500000, 2000000, "USD"),
    ("预计营收 8 亿-10 亿美元", "8 亿-10 亿美元", 800000000, 1000000000, "USD"),
])
def test_ranges(text, span, low, high, currency):
    f = one(text)
    assert (f.text, f.value, f.low, f.high, f.currency) == (span, None, low, high, currency)


def test_from_x_to_y_is_two_figures():
    assert [f.text for f in find_money("目标价由 5 亿美元上调至 10 亿美元")] == ["5 亿美元", "10 亿美元"]
    assert [f.text for f in find_money("raised its target from $150 to $200")] == ["$150", "$200"]
    assert [f.text for f in find_money("从 100 万美元到 200 万美元")] == ["100 万美元", "200 万美元"]


@pytest.mark.parametrize("text, approx", [
    ("净利润约4800万美元", "about"), ("约合人民币 1560 万元", "about"), ("浮亏已超 120 万美元", "over"),
    ("抛售 3000 多万美元", "over"), ("冻结资金 2 亿余元", "over"), ("日交易量不足 500 万美元", "under"),
    ("至少 6000 亿美元", "at least"), ("roughly $102,557", "about"), ("at least $300 million", "at least"),
    ("under $900 million", "under"), ("more than $1 billion", "over"), ("高达 1350 亿美元", None),
    ("topped $4 trillion", None), ("5 亿美元左右", "about"),
])
def test_qualifiers(text, approx):
    f = one(text)
    assert f.approx == approx
    assert not f.text.startswith(("约", "超", "至少", "about", "at least", "under", "more"))


@pytest.mark.parametrize("text", [
    "某鲸鱼 25 倍做空 2200 枚 ETH", "爆倉價為 92,150", "BTC 短线跌破 88650", "美元指数跌至 98.6",
    "恒生指數報 25,830 點", "美元走弱未能提振比特币", "Bitcoin Core v28.1 was released on March 3, 2025",
    "block 880,000 was mined", "$SOL and $JUP led gains", "a 40x long on 1,200 ETH at 3,150",
    "家族应用日活跃用户达 35.8 亿", "斥资数十亿收购 Manus", "浪费掉几千亿美元", "上百亿美元的市场",
    "美元兑人民币 7.12", "人民币 2026 年的国际化", "元宇宙依旧是放血槽", "2026 的扎克伯格", "Read moreDetails",
    "客服热线 400-123-4567", "holds 641,692 BTC", "75 billion tokens",
    "a billion-dollar company", "the half-billion-dollar question",
])
def test_not_money(text):
    assert find_money(text) == []


def test_change_by_x_to_y_is_two_figures():
    assert [f.text for f in find_money("USDC supply rose by $2bn to $61bn over the week")] == ["$2bn", "$61bn"]


def test_bare_yuan_in_a_taiwan_dollar_text_is_twd():
    figs = find_money("該公司去年營收達新台幣 152.3 億元，EPS 為 3.45 元。")
    assert [(f.text, f.currency) for f in figs] == [("新台幣 152.3 億元", "TWD"), ("3.45 元", "TWD")]
    assert find_money("每股收益 3.45 元")[0].currency == "CNY"


def test_currency_code_glued_to_the_number():
    assert [(f.text, f.value, f.currency) for f in find_money("a USD1.2 billion loan and a HKD780m deal")] == [
        ("USD1.2 billion", 1200000000, "USD"), ("HKD780m", 780000000, "HKD")]
    assert find_money("pair BTCUSD1000") == []


def test_no_more_than_is_under():
    assert one("Ripple argued it should pay no more than $10 million").approx == "under"


@pytest.mark.parametrize("text, span, value, currency", [
    ("单笔收益 8 千美元", "8 千美元", 8000, "USD"),  # a bare 千 after a space is a multiplier
    ("打赏 3千美元", "3千美元", 3000, "USD"),
    ("營收 1,280 億元新台幣", "1,280 億元新台幣", 128000000000, "TWD"),  # currency after 億元
    ("淨利 52 億元港幣", "52 億元港幣", 5200000000, "HKD"),
])
def test_multiplier_and_currency_spellings(text, span, value, currency):
    f = one(text)
    assert (f.text, f.value, f.currency) == (span, value, currency)


def test_jian_fu_is_relief_not_a_minus_sign():
    f = one("为企业减负 60 亿元")
    assert (f.text, f.value) == ("60 亿元", 6000000000)
    assert one("当日净流量为负3亿元").value == -300000000  # a 负 with no 减 before it is still a sign


def test_pounds_are_money_only_where_the_text_speaks_of_sterling_and_not_of_weight():
    from pipeline.figures import extract_figures
    assert extract_figures("The hardware wallet weighs 0.42 pounds and ships in May.") == []
    assert extract_figures("Miners shed one to two pounds of gear per rig.") == []
    assert extract_figures("The London exchange was fined 2.5 million pounds by the FCA.")[0].currency == "GBP"
    assert extract_figures("It paid 40 pounds sterling.")[0].currency == "GBP"


def test_a_yuan_word_before_the_dollar_word_is_the_dollar_amount():
    from pipeline.figures import extract_figures
    figs = extract_figures("这位矿工上月净赚 7万元美金。")
    assert [(f.text, f.value, f.currency) for f in figs] == [("7万元美金", 70000, "USD")]


def test_a_latex_formula_s_closing_dollar_is_no_currency():
    from pipeline.figures import extract_figures
    assert extract_figures("For block $n+1$ the reward halves, so $x^2$ grows.") == []
    assert [f.text for f in extract_figures("The card costs 100$ a month.")] == ["100$"]


def test_a_stablecoin_named_by_a_code_and_a_digit_is_no_amount():
    # USD0, USD1, USD0++ are tokens; "USD1m" and "USD 5" stay amounts
    assert [f.text for f in find_money("Usual's USD0++ pays a yield, and USD1 supply hit $2.7 billion.")] == \
        ["$2.7 billion"]
    assert [f.text for f in find_money("Usual 的 USD0 供應量減少，USD1 流通量達 27 億美元。")] == ["27 億美元"]
    assert [(f.text, f.value) for f in find_money("It raised USD1m in seed funding and USD 5 billion later.")] == \
        [("USD1m", 1_000_000), ("USD 5 billion", 5_000_000_000)]


def test_the_base_of_a_power_in_a_formula_is_no_amount():
    assert [f.text for f in find_money("Gas grows as $2^{k}$ per round; the total reached $1,200.")] == ["$1,200"]
    assert [f.text for f in find_money("The term $3_{i}$ is an index; the fee is $3.")] == ["$3"]
