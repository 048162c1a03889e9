"""Chinese context rules on sentences of our own (zh-Hans and zh-Hant): the grammatical patterns
that decide metric, direction and subject."""

from __future__ import annotations

from pipeline.figures import extract_figures


def by_text(text: str) -> dict:
    return {f.text: f for f in extract_figures(text)}


def test_an_asset_quoted_after_its_move_is_priced_without_the_word_price():
    figs = by_text("莱特币午后拉升 9.3%，报 118 美元。")
    assert (figs["9.3%"].metric, figs["9.3%"].direction, figs["9.3%"].subject) == ("price", "up", "莱特币")
    # the level quoted in its own clause has no direction (CONVENTIONS.md)
    assert (figs["118 美元"].metric, figs["118 美元"].direction, figs["118 美元"].subject) == ("price", None, "莱特币")


def test_a_listed_company_that_moves_moves_in_its_share_price():
    figs = by_text("微策略盘后下挫 6.5%。")
    assert (figs["6.5%"].metric, figs["6.5%"].subject) == ("share_price", "微策略")


def test_a_source_a_counterparty_and_a_venue_are_not_subjects():
    figs = by_text("据 Arkham 监测，某机构地址从 Kraken 提取 3000 万枚 USDC，并在 Aave 上借出 2000 万美元。")
    assert figs["2000 万美元"].subject is None  # Arkham is the source, Kraken the counterparty, Aave the venue
    figs = by_text("根據 CoinGlass 統計，過去 12 小時全網爆倉 3.4 億美元。")
    assert figs["3.4 億美元"].subject is None and figs["3.4 億美元"].metric == "liquidation"


def test_a_company_that_reports_its_own_forecast_is_the_subject():
    figs = by_text("据英伟达预计，下一季度营收将达到 370 亿美元。")
    assert figs["370 亿美元"].subject == "英伟达" and figs["370 亿美元"].role == "forecast"
    assert figs["370 亿美元"].direction is None  # a forecast reports no move


def test_an_unnamed_stand_in_blocks_the_name_of_an_earlier_clause():
    figs = by_text("比特币概念股集体走强，其中某矿企股价上涨 14%。")
    assert figs["14%"].subject is None and figs["14%"].metric == "share_price"


def test_money_paid_for_an_asset_is_spending_about_that_asset():
    figs = by_text("一家港股上市公司斥資 2 億港元購入以太幣。")
    assert (figs["2 億港元"].metric, figs["2 億港元"].subject) == ("spending", "以太幣")


def test_disposal_jiang_is_not_a_forecast_but_a_move_with_a_starting_level():
    figs = by_text("该协议将借贷利率由 6% 下调至 4.5%。")
    assert figs["6%"].direction is None and figs["6%"].role == "previous"
    assert figs["4.5%"].direction == "down" and figs["4.5%"].role == "actual"
    assert figs["4.5%"].metric == "interest_rate"


def test_a_percentage_of_a_whole_is_a_share_and_of_supply_is_supply():
    assert by_text("基金会持有 15% 的代币。")["15%"].metric == "share"
    assert by_text("团队解锁量占总供应量的 3%。")["3%"].metric == "supply"
    assert by_text("市场此前预期约 4% 的增速。")["4%"].metric != "share"  # a rate, not a part


def test_newly_minted_stablecoins_are_about_their_issuer():
    figs = by_text("Circle 在 Solana 上新增发 5 亿枚 USDC。")
    assert (figs["5 亿枚 USDC"].metric, figs["5 亿枚 USDC"].subject) == ("mint", "Circle")


def test_a_latin_name_in_chinese_text_of_several_words_is_one_subject():
    figs = by_text("交易平台 Crypto Kingdom 第三季度营收 1.3 亿美元。")
    assert figs["1.3 亿美元"].subject == "Crypto Kingdom" and figs["1.3 亿美元"].metric == "revenue"


def test_a_clause_opening_with_a_move_continues_the_measure_before_it():
    figs = by_text("全网合约持仓量一度增加 12 亿美元，突破 650 亿美元。")
    assert figs["650 亿美元"].metric == "open_interest" and figs["650 亿美元"].direction == "up"


def test_a_word_outside_the_vocabulary_keeps_the_metric_null():
    figs = by_text("警方冻结涉案资金 3 亿元。")
    assert figs["3 亿元"].metric is None
