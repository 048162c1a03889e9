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


def test_a_traditional_sentence_is_read_through_its_simplified_twin_and_quoted_as_written():
    # 月減 and 降至 are whole words only once 減 and 降 are read as Simplified; the subject stays Traditional
    figs = by_text("聯發科 10 月營收月減 8.2%，聯準會則將利率降至 3.75%。")
    assert figs["8.2%"].direction == "down" and figs["8.2%"].metric == "revenue"
    assert figs["3.75%"].direction == "down" and figs["3.75%"].metric == "interest_rate"
    figs = by_text("該幣在幣安鏈上週漲 12%。")
    assert figs["12%"].direction == "up"


def test_a_number_with_thousands_commas_does_not_end_the_clause():
    figs = by_text("一家上市矿企以 3.1 亿美元增持 2,830 枚比特币。")
    assert (figs["3.1 亿美元"].metric, figs["3.1 亿美元"].subject) == ("spending", "比特币")


def test_a_commodity_written_together_with_its_price_word_is_named():
    figs = by_text("白银价格周五大涨 4.3%。")
    assert (figs["4.3%"].metric, figs["4.3%"].subject) == ("price", "白银")


def test_a_quoted_or_closing_level_restates_the_measure_before():
    figs = by_text("Coinbase 股价盘中跌 6%，收于 231 美元。")
    assert (figs["231 美元"].metric, figs["231 美元"].direction) == ("share_price", None)
    figs = by_text("该链上月手续费收入下滑 20%，仅约 1.2 亿美元。")
    assert figs["1.2 亿美元"].metric == "revenue" and figs["1.2 亿美元"].direction is None


def test_a_purpose_after_the_amount_names_it_better_than_the_verb_before():
    figs = by_text("OKX 宣布斥资 2 亿美元回购 OKB。")
    assert (figs["2 亿美元"].metric, figs["2 亿美元"].subject) == ("buyback", "OKX")  # the buyer, not the token


def test_an_amount_inside_a_share_clause_keeps_the_measure_before():
    figs = by_text("加密基金上周净流入 5.1 亿美元，其中以太坊产品占 2.2 亿美元。")
    assert figs["2.2 亿美元"].metric == "net_inflow"


def test_the_victim_of_a_theft_and_the_target_of_an_investment_are_subjects_after_cong_and_xiang():
    assert by_text("攻击者从 Radiant 协议盗走约 5000 万美元。")["5000 万美元"].subject == "Radiant"
    assert by_text("微软拟向 Anthropic 投资 50 亿美元。")["50 亿美元"].subject == "Anthropic"
    assert by_text("某巨鲸从 Kraken 提取 3000 万美元。")["3000 万美元"].subject is None  # a counterparty still


def test_a_venue_written_as_chain_and_shang_apart_is_not_the_subject():
    figs = by_text("Circle 于 Base 链上新铸 3 亿枚 USDC。")
    assert (figs["3 亿枚 USDC"].metric, figs["3 亿枚 USDC"].subject) == ("mint", "Circle")


def test_the_band_of_a_policy_rate_is_not_a_target_to_reach():
    figs = by_text("美联储将联邦基金利率目标区间下调至 3.50%–3.75%。")
    assert figs["3.50%–3.75%"].direction == "down" and figs["3.50%–3.75%"].role != "target"


def test_the_price_of_a_coin_sold_after_the_amount_is_about_that_coin():
    figs = by_text("该公司以每枚约 9.8 万美元的均价卖出 120 枚比特币。")
    assert (figs["9.8 万美元"].metric, figs["9.8 万美元"].subject) == ("price", "比特币")


def test_lexicon_words_grown_from_real_text():
    assert by_text("英伟达第三季度每股盈利 1.30 美元。")["1.30 美元"].metric == "eps"
    assert by_text("台積電第三季每股盈餘 17.36 元。")["17.36 元"].metric == "eps"
    assert by_text("日本央行加息 25 个基点。")["25 个基点"].direction == "up"
    assert by_text("该公司把研发投入削减为 3 亿美元。")["3 亿美元"].direction == "down"
    assert by_text("该车型总价约 25 万元。")["25 万元"].metric == "price"
    assert by_text("Circle 今日在以太坊上铸出 4 亿枚 USDC。")["4 亿枚 USDC"].metric == "mint"


def test_a_company_jieba_does_not_know_is_named_by_its_legal_form():
    figs = by_text("华东能源股份去年净利润 3.2 亿元。")
    assert figs["3.2 亿元"].subject == "华东能源股份"
    assert by_text("美国公司去年回购 9000 亿美元股票。")["9000 亿美元"].subject is None  # a kind of company


def test_a_plan_written_as_a_noun_is_no_forecast():
    figs = by_text("该行放弃了投资 20 亿美元的计划，将今年投资削减为 8 亿美元。")
    assert figs["8 亿美元"].direction == "down" and figs["8 亿美元"].role == "actual"


def test_a_level_quoted_after_a_move_takes_the_measure_of_the_figure_before():
    figs = by_text("受消息影响，SUI 日内重挫 12%，最低触及 2.1 美元。")
    assert figs["12%"].metric == "price"  # a ticker the lexicon does not know, in a sentence without stocks
    assert figs["2.1 美元"].metric == "price" and figs["2.1 美元"].direction is None
    figs = by_text("该矿企上季每股盈利 0.41 美元，远高于市场预期的 0.22 美元。")
    assert figs["0.22 美元"].metric == "eps"


def test_a_measure_outside_the_vocabulary_stops_the_look_back():
    figs = by_text("该交易所去年净亏损 2 亿美元，负债累计达 15 亿美元。")
    assert figs["2 亿美元"].metric == "net_loss" and figs["15 亿美元"].metric is None


def test_an_asset_price_forecast_is_a_price_without_direction():
    figs = by_text("多家机构预计，比特币在明年底前有望升至 15 万美元。")
    assert (figs["15 万美元"].metric, figs["15 万美元"].direction, figs["15 万美元"].subject) == ("price", None, "比特币")


def test_a_legal_form_word_split_by_jieba_is_whole_again():
    figs = by_text("國泰金控前三季稅後淨利新台幣 1,200 億元。")
    assert figs["新台幣 1,200 億元"].subject == "國泰金控"


def test_a_level_regained_is_a_move_up():
    figs = by_text("比特幣今日大漲 6%，重返 11 萬美元之上。")
    assert (figs["11 萬美元"].metric, figs["11 萬美元"].direction) == ("price", "up")


def test_the_buyer_after_gei_is_a_counterparty():
    figs = by_text("该集团把旗下矿场 30% 的股权以 2 亿美元转让给星河公司。")
    assert figs["2 亿美元"].subject != "星河公司"


def test_a_cause_phrase_holds_no_forecast_and_spot_gold_is_priced():
    figs = by_text("受加息预期降温影响，白银现货一度升至每盎司 42 美元。")
    assert (figs["42 美元"].metric, figs["42 美元"].direction, figs["42 美元"].subject) == ("price", "up", "白银")


def test_a_time_word_before_a_level_lead_still_restates_the_measure():
    figs = by_text("USDT 流通量本周小幅回落，目前为 1,820 亿美元。")
    assert figs["1,820 亿美元"].metric == "supply"


def test_an_index_is_named_and_priced():
    figs = by_text("日經指數收盤下跌 2.1%，軟銀股價收 9,800 日圓。")
    assert (figs["2.1%"].metric, figs["2.1%"].direction) == ("price", "down")
    assert figs["2.1%"].subject and "指數" in figs["2.1%"].subject


def test_a_flash_loan_attack_is_a_hack_and_a_phishing_loss_is_a_loss():
    assert by_text("DeFi 协议 Abracadabra 遭闪电贷攻击，损失约 1300 万美元。")["1300 万美元"].metric == "hack_loss"
    assert by_text("一名用户因钓鱼攻击损失约 50 万美元。")["50 万美元"].metric == "loss"


def test_reserve_funds_and_producer_prices_are_named():
    assert by_text("OKX 表示储备金总额超过 150 亿美元。")["150 亿美元"].metric == "reserves"
    figs = by_text("美國 8 月 PPI 年增 2.6%。")
    assert (figs["2.6%"].metric, figs["2.6%"].subject) == ("inflation", "美國")


def test_a_name_written_lower_case_first_is_a_name():
    assert by_text("OpenAI 竞争对手 xAI 完成 100 亿美元融资。")["100 亿美元"].subject == "xAI"


def test_a_fund_size_is_not_a_price():
    figs = by_text("富兰克林旗下 FOBXX 基金规模突破 7 亿美元。")
    assert figs["7 亿美元"].metric != "price"


def test_a_staking_ratio_is_a_part_of_supply():
    assert by_text("Solana 质押率升至 67%。")["67%"].metric == "supply"


def test_a_ticker_with_an_entity_inside_stays_whole():
    figs = by_text("灰度 ETHE 昨日净流出 5,100 万美元。")
    assert figs["5,100 万美元"].subject in ("灰度 ETHE", "ETHE")  # not ETH, the asset jieba found inside


def test_the_topic_that_opens_the_sentence_is_the_subject_even_when_jieba_does_not_know_it():
    # jieba cuts 蔚来 and 理想 into common words or single characters; the clause still opens
    # with the company, then its time and its measure
    figs = by_text("蔚来汽车第二季度营收 190 亿元，同比增长 9%。")
    assert (figs["190 亿元"].subject, figs["9%"].subject) == ("蔚来汽车", "蔚来汽车")
    figs = by_text("據彭博報道，聯詠科技上月營收新台幣 98 億元，年減 4.2%。")
    assert figs["新台幣 98 億元"].subject == "聯詠科技" and figs["4.2%"].direction == "down"
    figs = by_text("哔哩哔哩 2025 年第三季度净亏损 1.2 亿元。")
    assert figs["1.2 亿元"].subject == "哔哩哔哩"


def test_a_kind_of_party_or_a_whole_market_that_opens_the_sentence_is_not_a_topic_name():
    figs = by_text("全网过去 24 小时爆仓 4.1 亿美元。")
    assert figs["4.1 亿美元"].subject is None
    figs = by_text("项目方上周抛售 120 万美元的代币。")
    assert figs["120 万美元"].subject is None


def test_layoffs_cut_the_headcount_and_bought_back_treasury_shares_are_a_buyback():
    figs = by_text("受市场低迷影响，这家矿企宣布裁员 25%。")
    assert (figs["25%"].direction, figs["25%"].metric) == ("down", None)  # headcount: outside the vocabulary
    figs = by_text("聯電宣布斥資新台幣 60 億元買回庫藏股。")
    assert figs["新台幣 60 億元"].metric == "buyback"


def test_a_percentage_used_for_something_is_a_part_of_a_whole():
    figs = by_text("Jupiter 上月手续费收入 1,800 万美元，其中 50% 用于回购 JUP。")
    assert (figs["50%"].metric, figs["50%"].subject) == ("share", "Jupiter")


def test_a_clause_of_only_a_time_and_a_move_keeps_the_measure_of_the_figure_before():
    figs = by_text("以太坊市值一度跌至 3,800 亿美元，短短 12 小时内蒸发约 400 亿美元。")
    assert (figs["400 亿美元"].metric, figs["400 亿美元"].direction) == ("market_cap", "down")


def test_a_time_character_after_a_common_noun_does_not_make_a_name():
    figs = by_text("家庭年收入在 20 万元以上的用户占 31%。")
    assert figs["20 万元"].subject is None and figs["31%"].subject is None


def test_a_holding_company_whose_name_jieba_cuts_is_the_topic():
    figs = by_text("日月光投控 11 月營收新台幣 560 億元，年增 9%。")
    assert (figs["新台幣 560 億元"].subject, figs["9%"].subject) == ("日月光投控", "日月光投控")


def test_points_before_a_probability_are_a_rate_move_not_a_part_of_a_whole():
    figs = by_text("交易员押注欧洲央行明年加息 50 个基点的概率升至 40%。")
    assert figs["50 个基点"].metric == "interest_rate"


def test_a_company_after_its_market_and_before_its_close_is_the_topic():
    figs = by_text("港股快手收跌 4.2%，報 61.5 港元。")
    assert (figs["4.2%"].metric, figs["4.2%"].direction, figs["4.2%"].subject) == ("share_price", "down", "快手")


def test_taiwan_net_income_words_and_an_ordinal_quarter_that_is_not_part_of_the_name():
    figs = by_text("聯發科第三季稅後純益新台幣 250 億元。")
    assert (figs["新台幣 250 億元"].metric, figs["新台幣 250 億元"].subject) == ("net_income", "聯發科")
    figs = by_text("以太坊週線下跌 9%。")
    assert (figs["9%"].metric, figs["9%"].subject) == ("price", "以太坊")


def test_a_company_jieba_takes_for_a_place_opens_the_sentence_before_its_time():
    figs = by_text("吉利 2025 年上半年營收 1,503 億元，同比增长 27%。")  # jieba tags 吉利 ns
    assert figs["1,503 億元"].subject == "吉利" and figs["27%"].subject == "吉利"
    figs = by_text("長城集團宣布以 20 亿港元回购股份。")  # a place word and 集团 name a group
    assert (figs["20 亿港元"].metric, figs["20 亿港元"].subject) == ("buyback", "長城集團")


def test_an_economy_measure_is_about_the_country_of_its_source_or_of_the_clause_before():
    figs = by_text("韩国统计厅数据显示，10 月失业率降至 2.5%。")
    assert (figs["2.5%"].metric, figs["2.5%"].subject) == ("unemployment", "韩国")
    figs = by_text("日本 10 月核心 CPI 同比上涨 3%，失业率升至 2.6%。")
    assert figs["2.6%"].subject == "日本"


def test_government_debt_held_is_reserves_and_a_price_per_share_is_a_share_price():
    figs = by_text("Circle 第二季度净利 6,000 万美元，持有美国国债约 600 亿美元。")
    assert (figs["600 亿美元"].metric, figs["600 亿美元"].subject) == ("reserves", "Circle")
    figs = by_text("Coinbase 以每股 250 美元的价格发售新股。")
    assert figs["250 美元"].metric == "share_price"


def test_a_source_written_with_de_and_a_rate_of_change_after_de():
    figs = by_text("研究人员分析 Kaiko 的数据表示，比特币日内上涨 3%。")
    assert figs["3%"].subject == "比特币"  # Kaiko is the source
    figs = by_text("一季度 5.3% 的同比增长率高于预期。")
    assert figs["5.3%"].metric != "share"  # a growth rate, not a part of a whole


def test_a_government_bond_whose_yield_is_told_is_the_subject():
    figs = by_text("两年期美債殖利率下跌 8 個基點至 3.95%。")
    assert (figs["3.95%"].metric, figs["3.95%"].direction, figs["3.95%"].subject) == ("yield", "down", "两年期美債")


def test_a_growth_rate_is_a_rise_before_or_after_its_value():
    figs = by_text("今年一季度，比特币矿企的算力年均增速为 35%，远高于行业 9% 的年均增速。")
    assert figs["35%"].direction == "up" and figs["9%"].direction == "up"
    figs = by_text("該交易所全年營收增長率為 18%。")
    assert (figs["18%"].metric, figs["18%"].direction) == ("revenue", "up")


def test_a_change_on_the_quarter_moves():
    figs = by_text("台積電 11 月營收季減 3.2%，年增 21.5%。")
    assert figs["3.2%"].direction == "down" and figs["21.5%"].direction == "up"


def test_inflows_told_as_money_drawn_in_and_rates_of_return():
    assert by_text("富達 FBTC 單日吸金 2.1 億美元。")["2.1 億美元"].metric == "inflow"
    assert by_text("该平台承诺 12% 的投资回报率。")["12%"].metric == "yield"
    assert by_text("机构投资者的持有比例升至 35%。")["35%"].metric == "share"


def test_one_word_before_the_time_and_a_measure_is_the_company_told_of():
    figs = by_text("网易 2025 财年营收 1,050 亿元，同比增长 6%。")
    assert figs["1,050 亿元"].subject == "网易" and figs["6%"].subject == "网易"
    assert by_text("百度第二季度净利润 74 亿元。")["74 亿元"].subject == "百度"


def test_a_place_s_central_bank_is_named_and_sets_the_rate_it_holds():
    assert by_text("日本央行维持政策不变，短期利率维持在 0.5%。")["0.5%"].subject == "日本央行"
    assert by_text("英國央行按兵不動，基準利率維持在 4%。")["4%"].subject == "英國央行"


def test_a_price_index_that_is_a_measure_is_no_subject_its_country_is():
    assert by_text("日本 10 月消费者物价指数同比上涨 2.9%。")["2.9%"].subject == "日本"
    assert by_text("韓國 11 月消費者物價指數年增 2.4%。")["2.4%"].subject == "韓國"


def test_a_place_that_opens_its_clause_and_modifies_the_measure_owns_it():
    figs = by_text("2024 年，苏州市固定资产投资增长 8%，远高于全国 3% 的平均增速。")
    assert (figs["8%"].metric, figs["8%"].direction, figs["8%"].subject) == ("investment", "up", "苏州市")
    assert by_text("今年前三季度，杭州市民间投资同比增长 12%。")["12%"].subject == "杭州市"
    # a place after 在 is where, not whose
    assert by_text("据彭博社报道，币安本季度在中东的市场份额升至 38%。")["38%"].subject == "币安"


def test_the_name_a_relation_noun_introduces_is_the_subject_not_its_relative():
    figs = by_text("特斯拉的竞争对手比亚迪股价周三上涨 4.1%，市值升至 1.1 万亿港元。")
    assert figs["4.1%"].subject == "比亚迪" and figs["1.1 万亿港元"].subject == "比亚迪"
    assert by_text("英伟达的主要对手 AMD 数据中心营收增长 22%。")["22%"].subject == "AMD"
    assert by_text("阿里巴巴旗下蚂蚁集团营收增长 12%。")["12%"].subject == "蚂蚁集团"


def test_respectively_maps_the_figures_after_it_to_the_names_listed_before_it():
    figs = by_text("币安和 OKX 的现货交易量分别增长 12% 和 9%。")
    assert (figs["12%"].subject, figs["9%"].subject) == ("币安", "OKX")
    figs = by_text("北京、上海和深圳的二手房均价分别降至每平方米 6.1 万元、5.8 万元和 5.2 万元。")
    assert [figs[t].subject for t in ("6.1 万元", "5.8 万元", "5.2 万元")] == ["北京", "上海", "深圳"]
    assert [figs[t].metric for t in ("6.1 万元", "5.8 万元", "5.2 万元")] == ["price"] * 3


def test_the_worth_of_the_figure_before_restates_its_measure():
    figs = by_text("Circle 周三在 Solana 上增发 5 亿枚 USDC，价值约 5 亿美元。")
    assert figs["5 亿美元"].metric == "mint"


def test_an_adverb_before_the_move_does_not_stop_the_measure_before():
    figs = by_text("SOL 周五早盘一度跌破 180 美元，随后反弹至 188 美元，当日仍下跌 2.2%。")
    assert (figs["2.2%"].metric, figs["2.2%"].direction, figs["2.2%"].subject) == ("price", "down", "SOL")


def test_a_measure_word_in_a_bracketed_note_on_the_figure_before_does_not_name_the_next():
    figs = by_text("矿场电价由原来的 0.42 元／千瓦时（含税）上调至 0.45 元／千瓦时（含税）。")
    assert figs["0.42 元"].metric == "price" and figs["0.45 元"].metric == "price"


def test_consumption_is_spending():
    assert by_text("今年前三季度，居民消费增长 5.8%。")["5.8%"].metric == "spending"


def test_a_clause_that_opens_with_a_kind_of_party_takes_no_name_from_before():
    figs = by_text("Aave 的借贷利率约为 8%，而商业银行的贷款利率为 4% 左右。")
    assert figs["8%"].subject == "Aave" and figs["4%"].subject is None
    assert by_text("Tether 去年净利润 130 亿美元，政府却只拿到 2% 的税收。")["2%"].subject is None


def test_qi_points_back_to_the_place_that_ends_the_clause_before():
    figs = by_text("矿场最集中的四川，其丰水期电价仅为 0.25 元。")
    assert (figs["0.25 元"].metric, figs["0.25 元"].subject) == ("price", "四川")


def test_a_name_of_a_method_is_no_party():
    figs = by_text("当时多数项目采用 IDO 或 IEO 模式募资，年化回报率高达 40%。")
    assert figs["40%"].subject is None


def test_an_index_is_named_by_the_words_before_its_zhishu():
    figs = by_text("美股收盘，罗素2000指数涨1.8%，费城半导体指数跌0.9%。")
    assert (figs["1.8%"].metric, figs["1.8%"].subject) == ("price", "罗素2000指数")
    assert (figs["0.9%"].metric, figs["0.9%"].subject) == ("price", "费城半导体指数")
    figs = by_text("日經225指數終場上漲 1.2%，韓國綜合股價指數下跌 0.5%。")
    assert (figs["1.2%"].metric, figs["1.2%"].subject) == ("price", "日經225指數")
    assert figs["0.5%"].subject == "韓國綜合股價指數"


def test_a_bracketed_other_spelling_leaves_the_name_written_first():
    figs = by_text("瑞波币（XRP）午盘急涨 6%，报 2.4 美元。")
    assert (figs["6%"].subject, figs["2.4 美元"].subject) == ("瑞波币", "瑞波币")
    figs = by_text("狗狗幣（DOGE）今日強彈逾 9%，收復 0.2 美元關卡。")
    assert (figs["9%"].metric, figs["9%"].direction, figs["9%"].subject) == ("price", "up", "狗狗幣")
    assert (figs["0.2 美元"].metric, figs["0.2 美元"].subject) == ("price", "狗狗幣")
    # an abbreviation of the measure is no party: the protocol is
    assert by_text("Aave 将其借款利率（BR）由 6% 下调至 5.5%。")["5.5%"].subject == "Aave"


def test_a_session_of_the_market_stands_between_an_asset_and_its_price():
    figs = by_text("以太幣週二亞洲盤一度跌破 3,000 美元，最低下探至 2,910 美元。")
    assert figs["3,000 美元"].metric == "price" and figs["2,910 美元"].metric == "price"
    assert by_text("櫃買指數今日終場下跌 0.8%。")["0.8%"].metric == "price"


def test_a_news_agency_dateline_or_a_heard_from_clause_is_a_source():
    figs = by_text("界面新闻12月1日电，蔚来公布三季度业绩，营收217亿元，同比增长17%。")
    assert figs["217亿元"].subject == "蔚来" and figs["17%"].subject == "蔚来"
    figs = by_text("动点科技获悉，加密支付公司星链支付近日完成5000万美元A轮融资，投后估值达4亿美元。")
    assert figs["5000万美元"].subject == "星链支付" and figs["4亿美元"].subject == "星链支付"


def test_a_semicolon_opens_a_clause_with_a_topic_of_its_own():
    figs = by_text("极氪第三季度营收250亿元，同比增长12%；零跑汽车同期营收195亿元，同比增长97%。")
    assert figs["12%"].subject == "极氪" and figs["195亿元"].subject == "零跑汽车" and figs["97%"].subject == "零跑汽车"
    figs = by_text("蔚来三季度营收217亿元；经调整净亏损35亿元。")
    assert figs["35亿元"].subject == "蔚来"  # 经调整 is how the loss is counted, no company


def test_a_company_announcing_or_its_board_is_the_subject():
    figs = by_text("浙江龙盛公告，拟以自有资金回购公司股份，回购金额不低于5亿元，回购价格不超过18元/股。")
    assert figs["5亿元"].subject == "浙江龙盛"
    assert (figs["18元"].metric, figs["18元"].subject) == ("share_price", "浙江龙盛")  # 元/股: per share
    figs = by_text("聯詠董事會通過每股配發現金股利 24 元，以昨日收盤價計算，現金殖利率約 5.1%。")
    assert figs["24 元"].subject == "聯詠"
    assert (figs["5.1%"].metric, figs["5.1%"].subject) == ("yield", "聯詠")  # a dividend yield is the company's


def test_worth_after_a_buy_verb_is_spending_on_what_is_bought():
    figs = by_text("某基金周三通过旗下ETF买入价值约500万美元的Circle股票。")
    assert (figs["500万美元"].metric, figs["500万美元"].subject) == ("spending", "Circle")


def test_taiwan_results_vocabulary():
    figs = by_text("交易所 Kraken 第三季淨營收 6,480 萬美元，年增 38%；稅後純益 1,200 萬美元。")
    assert (figs["6,480 萬美元"].metric, figs["6,480 萬美元"].subject) == ("revenue", "Kraken")
    assert (figs["38%"].metric, figs["38%"].direction) == ("revenue", "up")
    assert figs["1,200 萬美元"].metric == "net_income"
    # 成長 is Taiwan's 增长: a growth rate reached is a rise, and the place that opens what is told its subject
    figs = by_text("行政院主計總處公布，台灣第二季經濟成長率達 5.1%。")
    assert (figs["5.1%"].direction, figs["5.1%"].subject) == ("up", "台灣")
    assert by_text("聯發科 10 月營收成長 12%。")["12%"].direction == "up"


def test_an_object_after_jiang_is_what_the_target_is_of():
    figs = by_text("元大投顧將日月光目標價由新台幣 180 元上調至 210 元。")
    assert figs["210 元"].subject == "日月光" and figs["新台幣 180 元"].subject == "日月光"


def test_an_amount_per_unit_of_a_good_is_its_price():
    assert by_text("山西、内蒙古的煤电上网电价分别为每千瓦时0.33元、0.28元。")["0.33元"].metric == "price"
    assert by_text("该楼盘均价约为2.6万元／平方米。")["2.6万元"].metric == "price"
    assert by_text("该楼盘起价 9800 元。")["9800 元"].metric == "price"


def test_a_key_before_a_colon_names_the_value_after_it():
    figs = by_text("- 净利润：1.35亿美元，同比增长22%")
    assert figs["1.35亿美元"].metric == "net_income" and figs["22%"].metric == "net_income"


def test_an_abbreviation_in_brackets_after_a_measure_names_it_exactly():
    figs = by_text("Jito 近 30 日平均質押年化收益率（APR）為 7.4%，高於 Marinade 的 7.1%。")
    assert figs["7.4%"].metric == "apr" and figs["7.1%"].metric == "apr"


def test_the_party_agreed_with_is_not_the_subject():
    figs = by_text("OKX 與美國司法部達成和解，同意支付 5.05 億美元罰款。")
    assert (figs["5.05 億美元"].metric, figs["5.05 億美元"].subject) == ("fine", "OKX")


def test_wages_and_consumer_prices():
    figs = by_text("美国劳工部公布，美国10月失业率升至4.3%，平均时薪环比增长0.3%。")
    assert figs["4.3%"].metric == "unemployment" and figs["0.3%"].metric is None  # wages: outside the list
    figs = by_text("国家统计局数据显示，11月份居民消费价格同比上涨0.7%。")
    assert figs["0.7%"].metric == "inflation"


def test_taiwan_and_hong_kong_results_words_in_traditional_script():
    figs = by_text("友達第三季每股純損 0.35 元，稅後淨損 26 億元。")
    assert (figs["0.35 元"].metric, figs["26 億元"].metric) == ("eps", "net_loss")
    assert figs["26 億元"].subject == "友達"
    figs = by_text("港交所前三季股東應佔溢利 130 億港元，按年上升 45%。")
    assert (figs["130 億港元"].metric, figs["45%"].metric) == ("net_income", "net_income")
    figs = by_text("國泰金前 10 月稅後純益 1,105 億元，每股盈餘 7.2 元。")
    assert figs["1,105 億元"].subject == "國泰金"  # 前 10 月 is when, not part of the name


def test_foreign_net_buying_and_selling_of_taiwan_stocks():
    figs = by_text("外資買超聯發科 45 億元。")
    assert (figs["45 億元"].metric, figs["45 億元"].subject) == ("net_inflow", "聯發科")
    figs = by_text("外資今日賣超台股新台幣 312 億元，其中賣超台積電 150 億元。")
    assert figs["新台幣 312 億元"].metric == "net_outflow"
    assert figs["新台幣 312 億元"].subject is None  # 外資 is a kind of investor; 台積電 is only a part
    assert (figs["150 億元"].metric, figs["150 億元"].subject) == ("net_outflow", "台積電")


def test_the_yield_paid_on_a_coin_is_the_platforms():
    assert by_text("Aave 上 USDT 的存款年化收益率升至 6%。")["6%"].subject == "Aave"
    assert by_text("Kraken 的 ETH 质押年化收益率为 3.5%。")["3.5%"].subject == "Kraken"
    assert by_text("Coinbase 將 USDC 獎勵的年化收益率下調至 3.5%。")["3.5%"].subject == "Coinbase"


def test_an_annualised_growth_rate_is_not_a_yield():
    figs = by_text("日本二季度实际GDP年化季环比增长2.2%。")
    assert figs["2.2%"].metric is None and figs["2.2%"].direction == "up"
    figs = by_text("歐元區第一季 GDP 年化季增率為 1.4%。")
    assert figs["1.4%"].metric is None and figs["1.4%"].direction == "up"
    assert by_text("该理财产品年化 5.2%。")["5.2%"].metric == "apy"


def test_a_manner_word_between_a_company_and_its_move_keeps_it_a_stock_move():
    assert by_text("台股下跌，聯發科逆勢漲1.8%。")["1.8%"].metric == "share_price"
    assert by_text("恒指下跌，騰訊逆勢漲2.6%。")["2.6%"].metric == "share_price"


def fields(fig) -> tuple:
    return fig.metric, fig.direction, fig.subject


def test_a_company_jieba_does_not_know_opens_the_sentence_before_its_time_and_measure():
    figs = by_text("洋河股份前三季度实现营业收入182亿元，同比下降34%；归母净利润39亿元，同比下降54%。")
    assert fields(figs["182亿元"]) == ("revenue", None, "洋河股份")
    assert fields(figs["39亿元"]) == ("net_income", None, "洋河股份")  # 归母净利润: one measure, not a name
    figs = by_text("經濟日報報導，長榮航第三季營收新台幣590億元，年減4.1%。")  # after the outlet's 報導 clause
    assert fields(figs["4.1%"]) == ("revenue", "down", "長榮航")


def test_each_stock_of_a_list_of_movers_is_the_subject_of_its_own_clause():
    figs = by_text("中概股收盘涨跌互现，爱奇艺涨4.1%，哔哩哔哩跌2.2%，大盘跌0.3%。")
    assert fields(figs["4.1%"]) == ("share_price", "up", "爱奇艺")
    assert fields(figs["2.2%"]) == ("share_price", "down", "哔哩哔哩")
    assert figs["0.3%"].subject != "大盘"  # a kind of market, not a name
    figs = by_text("港股科技股走弱，小鵬汽車跌4.2%，蔚來跌逾5%。")
    assert (figs["4.2%"].subject, figs["5%"].subject) == ("小鵬汽車", "蔚來")


def test_a_places_bank_of_one_word_sets_its_rates():
    figs = by_text("加拿大银行宣布降息25个基点至2.25%。")
    assert fields(figs["2.25%"]) == ("interest_rate", "down", "加拿大银行")
    figs = by_text("英格蘭銀行宣布降息25個基點。")
    assert fields(figs["25個基點"]) == ("interest_rate", "down", "英格蘭銀行")


def test_a_widened_fall_is_still_a_fall():
    assert fields(by_text("以太坊日内跌幅扩大至6%，报2,950美元。")["6%"]) == ("price", "down", "以太坊")
    assert by_text("特斯拉盤前跌幅擴大至4.5%。")["4.5%"].direction == "down"
    assert by_text("纳指涨幅收窄至0.3%。")["0.3%"].direction == "up"


def test_the_size_of_a_fall_or_rise_says_its_direction():
    # 降幅/减幅 (減幅) is the size of a fall, 升幅 of a rise, as 跌幅 and 涨幅 are
    assert fields(by_text("USDe 供应量减少约 14 亿枚，降幅近 20%。")["20%"]) == ("supply", "down", "USDe")
    assert by_text("該行存款減幅達 3.5%。")["3.5%"].direction == "down"
    assert by_text("恒指本周升幅达 4.2%。")["4.2%"].direction == "up"


def test_another_party_then_is_told_the_measure_before():
    figs = by_text("華碩第三季每股純益 8.97 元，宏碁則為 0.35 元。")
    assert fields(figs["0.35 元"]) == ("eps", None, "宏碁")
    figs = by_text("蔚来第三季度毛利率为13.9%，小鹏汽车则为20.1%。")
    assert fields(figs["20.1%"]) == ("gross_margin", None, "小鹏汽车")


def test_a_figure_compared_with_expectations_or_a_rival_is_of_the_measure_before():
    figs = by_text("瑞昱第三季每股純益 8.1 元，優於市場預期的 7.6 元。")
    assert fields(figs["7.6 元"]) == ("eps", None, "瑞昱")
    figs = by_text("Axiom过去7天协议收入达1080万美元，超过Pump.fun的920万美元。")
    assert fields(figs["920万美元"]) == ("revenue", None, "Pump.fun")


def test_a_currency_quoted_in_another_is_priced():
    assert fields(by_text("日圓兌美元貶值0.6%。")["0.6%"]) == ("price", "down", "日圓")
    assert fields(by_text("欧元兑美元升值0.5%。")["0.5%"]) == ("price", "up", "欧元")


def test_an_attack_on_a_named_product_is_a_hack_and_a_phishing_loss_is_not():
    assert fields(by_text("借贷协议Abracadabra遭漏洞攻击，损失约1300万美元。")["1300万美元"]) == \
        ("hack_loss", None, "Abracadabra")
    assert by_text("一名用户因钓鱼攻击损失约 90 万美元。")["90 万美元"].metric == "loss"


def test_newly_minted_coins_worth_an_amount_are_their_issuers():
    assert fields(by_text("Circle 在 Solana 上增发价值 7.5 亿美元的 USDC。")["7.5 亿美元"]) == ("mint", None, "Circle")


def test_a_coins_own_yield_is_the_coins_and_a_deposit_rate_the_platforms():
    assert by_text("Usual 的 USD0++ 年化收益率降至 6.5%。")["6.5%"].subject == "USD0++"
    assert by_text("Compound的USDC存款年化收益率降至3.2%。")["3.2%"].subject == "Compound"


def test_an_event_in_a_time_phrase_is_not_the_measure():
    figs = by_text("據 Coinalyze 數據，Hyperliquid 未平倉合約在拋售後下降 18%，降至 79 億美元。")
    assert fields(figs["18%"]) == ("open_interest", "down", "Hyperliquid")


def test_camel_case_and_domain_names_in_chinese_text():
    assert by_text("永续合约平台 edgeX 本周交易量达 80 亿美元。")["80 亿美元"].subject == "edgeX"
    assert by_text("質押協議 ether.fi 的 TVL 降至 65 億美元。")["65 億美元"].subject == "ether.fi"


def test_a_price_index_is_a_measure_of_the_country_not_an_index_traded():
    assert fields(by_text("美国10月PCE物价指数同比上涨2.8%。")["2.8%"]) == ("inflation", "up", "美国")


def test_a_statistics_office_tells_the_economys_figures_and_a_pmi_is_a_measure():
    figs = by_text("国家统计局公布，9月份制造业采购经理指数为49.8%，比上月上升0.4个百分点。")
    assert fields(figs["49.8%"]) == (None, None, None)  # neither the office nor an index traded
    assert fields(figs["0.4个百分点"]) == (None, "up", None)


def test_an_abbreviation_in_brackets_names_the_measure_exactly():
    assert fields(by_text("Rocket Pool 質押年化報酬率（APR）降至 2.9%。")["2.9%"]) == ("apr", "down", "Rocket Pool")


def test_a_case_then_wei_is_a_level_of_the_measure_before():
    figs = by_text("摩根大通给出以太坊目标价6000美元，乐观情形下为8000美元。")
    assert fields(figs["8000美元"]) == ("price", None, "以太坊")


def test_a_latin_name_after_a_word_for_a_coin_is_a_coin():
    assert fields(by_text("其稳定币 deUSD 随后跌至 0.2 美元。")["0.2 美元"]) == ("price", "down", "deUSD")


def test_a_known_name_with_its_legal_form_opens_the_sentence():
    assert fields(by_text("苹果公司第四财季营收1025亿美元，同比增长8%。")["8%"]) == ("revenue", "up", "苹果公司")
    assert by_text("美国公司第三季度利润增长5%。")["5%"].subject is None  # a kind of company


def test_an_index_in_a_list_of_movers_is_priced_and_a_company_may_hold_a_place():
    figs = by_text("A股三大指数集体收跌，沪指跌0.5%，创业板指跌1.2%。")
    assert fields(figs["1.2%"]) == ("price", "down", "创业板指")
    assert fields(by_text("港股内房股走低，碧桂园跌5%，融创中国跌4.3%。")["4.3%"]) == ("share_price", "down", "融创中国")


def test_another_party_with_its_bare_figure_is_told_the_measure_before():
    assert fields(by_text("比亚迪第三季度营收1950亿元，而长城汽车为610亿元。")["610亿元"]) == ("revenue", None, "长城汽车")
    figs = by_text("華碩第三季每股純益 8.97 元，宏碁為 0.35 元，技嘉 5.2 元。")
    assert fields(figs["0.35 元"]) == ("eps", None, "宏碁")
    assert figs["5.2 元"].metric == "eps"


def test_coins_issued_by_their_issuer_are_minted_and_a_bond_issue_is_not():
    assert fields(by_text("Paxos 在以太坊上新发行 3 亿美元 PYUSD。")["3 亿美元"]) == ("mint", None, "Paxos")
    assert fields(by_text("Tether 於以太坊發行了價值 10 億美元的 USDT。")["10 億美元"]) == ("mint", None, "Tether")
    assert by_text("该公司发行 10 亿美元债券。")["10 亿美元"].metric is None


def test_a_starting_level_whose_modifier_holds_a_move_word_has_no_direction():
    figs = by_text("Hyperliquid 未平仓合约从 8 月创下的 150 亿美元纪录高位回落至 74 亿美元。")
    assert figs["150 亿美元"].direction is None and figs["74 亿美元"].direction == "down"
    figs = by_text("比特幣從週一創下的 12.6 萬美元歷史高點回落 8%。")
    assert figs["12.6 萬美元"].direction is None and figs["8%"].direction == "down"


def test_per_share_income_with_a_modifier_between_is_eps():
    figs = by_text("日月光投控上半年稅後純益新台幣166.6億元，年減2.5%，每股稅後純益3.85元。")
    assert figs["3.85元"].metric == "eps" and figs["新台幣166.6億元"].metric == "net_income"
    assert by_text("宁德时代前三季度净利润490亿元，每股摊薄收益11.2元。")["11.2元"].metric == "eps"


def test_a_company_then_the_market_its_shares_trade_in_is_priced_as_a_stock():
    figs = by_text("受此消息影响，小米集团港股盘中一度大涨8%，报52.3港元。")
    assert (figs["8%"].metric, figs["8%"].direction, figs["8%"].subject) == ("share_price", "up", "小米集团")
    figs = by_text("阿里巴巴美股盤前上漲4%，報150美元。")  # jieba cuts 美股 into 美 | 股 after a name
    assert (figs["150美元"].metric, figs["150美元"].subject) == ("share_price", "阿里巴巴")


def test_a_bare_kind_word_opening_a_clause_is_a_stand_in_not_an_apposition():
    figs = by_text("美光第一財季營收 87 億美元；公司預估本季營收約 79 億美元。")
    assert (figs["79 億美元"].subject, figs["79 億美元"].role) == ("美光", "forecast")
    assert by_text("具身智能公司银河通用近日完成 3 亿元融资。")["3 亿元"].subject == "银河通用"


def test_a_round_level_word_and_a_close_word_stand_between_an_asset_and_its_price():
    figs = by_text("以太坊跌破 3000 美元關口，盤中最低下探 2,950 美元。")
    assert (figs["2,950 美元"].metric, figs["2,950 美元"].direction) == ("price", "down")
    assert by_text("恒生科技指數收市跌 3.2%，報 5,400 點。")["3.2%"].metric == "price"
    assert by_text("比特币站上 10 万美元大关，盘中最高触及 10.2 万美元。")["10.2 万美元"].metric == "price"


def test_a_stake_is_about_the_company_it_is_a_stake_in_written_before_it():
    figs = by_text("2019 年，杭州市把杭甬高速公路杭州段 51％ 的股权转让给一家民营企业。")
    assert (figs["51％"].metric, figs["51％"].subject) == ("share", "杭甬高速公路杭州段")
    assert by_text("寧德時代擬轉讓旗下邦普循環 20% 的股權。")["20%"].subject == "邦普循環"


def test_a_place_before_the_time_of_a_measure_outside_the_vocabulary_is_the_subject():
    figs = by_text("韓國 10 月出口金額 595 億美元，年增 3.6%。")
    assert (figs["595 億美元"].metric, figs["595 億美元"].subject) == (None, "韓國")
    assert figs["3.6%"].direction == "up" and figs["3.6%"].subject == "韓國"


def test_the_whole_market_is_a_party_of_its_own_and_sheng_alone_is_a_rise():
    figs = by_text("恆生指數收市升 0.5%，大市成交額 1,980 億港元。")
    assert (figs["0.5%"].metric, figs["0.5%"].direction) == ("price", "up")
    assert (figs["1,980 億港元"].metric, figs["1,980 億港元"].subject) == ("volume", None)


def test_chaoyue_a_peers_figure_is_a_comparison_in_the_measure_before():
    figs = by_text("輝達市值達 5 兆美元，超越蘋果的 4 兆美元。")
    assert (figs["4 兆美元"].metric, figs["4 兆美元"].direction, figs["4 兆美元"].subject) == ("market_cap", None, "蘋果")


def test_the_worth_of_what_was_stolen_is_the_theft():
    # "价值" restates the measure of the verb before it, a particle between or not
    assert by_text("该交易所称，黑客盗取了价值约 1500 万 USDT 的资产。")["1500 万 USDT"].metric == "hack_loss"
    assert by_text("该协议损失价值约 90 万美元的代币。")["90 万美元"].metric == "loss"


def test_a_rise_to_a_negative_premium_is_a_rise():
    assert by_text("灰度比特币信托的溢价率回升至 -2.1%。")["-2.1%"].direction == "up"
    assert by_text("该股涨跌幅为 -3.6%。")["-3.6%"].direction == "down"
    assert by_text("该省GDP同比增长-6.8%。")["-6.8%"].direction == "down"  # a negative growth is a fall
    assert by_text("该基金涨幅为 -12.3%。")["-12.3%"].direction == "down"


def test_a_narrowed_rise_or_fall_keeps_its_way():
    assert by_text("恒指升幅收窄至0.5%。")["0.5%"].direction == "up"
    assert by_text("降幅收窄至 3%。")["3%"].direction == "down"
