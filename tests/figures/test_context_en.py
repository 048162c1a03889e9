"""English context rules on sentences of our own: the light clause reader."""

from __future__ import annotations

from pipeline.figures import extract_figures


def by_text(text: str) -> dict:
    return {f.text: f for f in extract_figures(text)}


def test_per_share_after_income_is_eps_and_a_share_buyback_is_a_buyback():
    figs = by_text("Net income rose to $88 million, or $0.41 per share, and the board approved a $500 million "
                   "share buyback.")
    assert figs["$0.41"].metric == "eps"
    assert figs["$500 million"].metric == "buyback"


def test_an_asset_that_moves_is_priced_and_a_level_after_to_moves_with_it():
    figs = by_text("XRP tumbled 11% to $2.05 on Wednesday.")
    assert (figs["11%"].metric, figs["11%"].direction, figs["11%"].subject) == ("price", "down", "XRP")
    assert (figs["$2.05"].metric, figs["$2.05"].direction) == ("price", "down")


def test_a_starting_level_after_from_has_no_direction_and_is_previous():
    figs = by_text("The exchange cut its taker fee from 0.1% to 0.06%.")
    assert figs["0.1%"].direction is None and figs["0.1%"].role == "previous"
    assert figs["0.06%"].direction == "down" and figs["0.06%"].metric == "fee_rate"


def test_sources_and_unnamed_stand_ins_are_not_subjects():
    figs = by_text("According to Kaiko, a Singapore-based market maker lost $4 million in the crash.")
    assert figs["$4 million"].subject is None and figs["$4 million"].metric == "loss"
    figs = by_text("A Zurich crypto bank raised $60 million in a Series C round.")
    assert figs["$60 million"].subject is None and figs["$60 million"].metric == "funding"
    assert figs["$60 million"].direction is None  # raising money is not a move


def test_a_possessive_stand_in_points_back_to_its_name():
    figs = by_text("Bitwise cut the fund's expense ratio to 0.2%.")
    assert figs["0.2%"].subject == "Bitwise" and figs["0.2%"].direction == "down"


def test_value_in_an_asset_is_about_that_asset():
    figs = by_text("The exploiter drained roughly $12 million in ETH from the vault.")
    assert (figs["$12 million"].metric, figs["$12 million"].subject) == ("hack_loss", "ETH")


def test_a_percentage_of_a_whole_is_a_share():
    figs = by_text("Stablecoins now make up 40% of on-chain volume, while the top issuer holds 62% of the market.")
    assert figs["40%"].metric == "share" and figs["62%"].metric == "share"


def test_a_chance_of_a_rate_cut_is_not_the_rate():
    figs = by_text("Futures traders see a 70% chance of a rate cut in March.")
    assert figs["70%"].metric is None and figs["70%"].direction is None


def test_an_analysts_expectation_is_consensus_and_a_guidance_a_forecast():
    figs = by_text("Revenue came in at $2.1 billion, above the $1.9 billion analysts had expected, and the company "
                   "guided third-quarter revenue of $2.3 billion.")
    assert figs["$2.1 billion"].role == "actual"
    assert figs["$1.9 billion"].role == "consensus"
    assert figs["$2.3 billion"].role == "forecast" and figs["$2.3 billion"].metric == "revenue"


def test_context_stays_in_its_list_item():
    text = "- Operating expenses: $640 million, down 5%\nShares rose 3% after the call."
    figs = by_text(text)
    assert (figs["$640 million"].metric, figs["5%"].metric, figs["5%"].direction) == ("opex", "opex", "down")
    assert figs["3%"].metric == "share_price"


def test_an_alias_in_brackets_and_an_instrument_code_are_not_subjects():
    figs = by_text("Target Corp (ticker: TGT) reported $2.10 in per-share earnings.")
    assert (figs["$2.10"].metric, figs["$2.10"].subject) == ("eps", "Target Corp")
    figs = by_text("The euro zone bond index .EUBND fell 0.4%.")
    assert figs["0.4%"].subject != "EUBND"


def test_a_place_after_in_or_at_is_a_venue_when_the_sentence_names_its_subject():
    figs = by_text("Nvidia shares closed in Frankfurt on Monday at €160, up 2.1%.")
    assert figs["€160"].subject == "Nvidia" and figs["2.1%"].subject == "Nvidia"


def test_a_company_that_reports_its_own_figure_is_no_source():
    assert by_text("Oracle reports $18B in cloud revenue.")["$18B"].subject == "Oracle"
    assert by_text("Reuters reported that the lender lost $2 billion.")["$2 billion"].subject is None


def test_the_company_acquired_is_the_subject_of_its_price():
    figs = by_text("Cloud firm Vertex has acquired Norda, which builds billing tools, for $45 million.")
    assert (figs["$45 million"].metric, figs["$45 million"].subject) == ("investment", "Norda")
    figs = by_text("A treasury firm bought 120 BTC for about $12 million.")
    assert figs["$12 million"].metric == "spending"  # coins bought are spent on, not invested in


def test_what_was_invested_in_is_the_subject_of_an_investment():
    figs = by_text("Google announced a $2 billion investment in Anthropic last year.")
    assert figs["$2 billion"].subject == "Anthropic"


def test_an_investor_after_led_by_is_not_the_subject():
    figs = by_text("Wallet startup Kite closed a $30 million round led by Paradigm, valuing it at $400 million.")
    assert figs["$400 million"].subject == "Kite" and figs["$30 million"].subject == "Kite"


def test_an_opening_phrase_takes_the_subject_of_its_main_clause():
    figs = by_text("With $90 million raised so far, Sonar plans a token launch.")
    assert figs["$90 million"].subject == "Sonar"
    figs = by_text("After lifting revenue by 31% last year, Bitpanda expects slower growth.")
    assert (figs["31%"].subject, figs["31%"].direction) == ("Bitpanda", "up")


def test_nationalities_and_plural_acronyms_are_not_subjects():
    assert by_text("Tariffs on Japanese cars rose to 15%.")["15%"].subject is None
    assert by_text("Sales of GPUs rose 40% in the quarter.")["40%"].subject is None


def test_a_comparison_with_the_figure_before_takes_its_measure():
    figs = by_text("Hut 8 posted a loss of $0.25 per share, narrower than the $0.31 analysts had expected.")
    assert figs["$0.25"].metric == "eps" and figs["$0.31"].metric == "eps"


def test_plans_for_is_a_noun_and_no_forecast():
    figs = by_text("The exchange dropped plans for a listing and saw its valuation cut to $2 billion.")
    assert figs["$2 billion"].direction == "down"


def test_up_to_is_a_ceiling_not_a_move():
    figs = by_text("Kraken is set to raise up to $500 million in its listing.")
    assert (figs["$500 million"].metric, figs["$500 million"].direction) == ("funding", None)


def test_a_move_written_as_a_noun_gives_the_direction():
    figs = by_text("The staking market saw rapid growth to $48 billion this year.")
    assert figs["$48 billion"].direction == "up"
    figs = by_text("Coinbase crossed $3 billion in subscription revenue, reflecting 40% year-over-year growth.")
    assert (figs["40%"].metric, figs["40%"].direction) == ("revenue", "up")


def test_an_index_that_lost_moved_down_in_price_and_belongs_to_its_maker():
    figs = by_text("The FTSE 100 index lost 0.8% while MSCI's gauge of world stocks gained 0.3%.")
    assert (figs["0.8%"].metric, figs["0.8%"].direction) == ("price", "down")
    assert (figs["0.3%"].metric, figs["0.3%"].subject) == ("price", "MSCI")


def test_an_asset_held_near_a_level_or_expected_to_reach_one_is_priced():
    assert by_text("Ether held near $3,900 on Sunday.")["$3,900"].metric == "price"
    figs = by_text("Analysts at Citi expect ether to reach $5,500 next year.")
    assert (figs["$5,500"].metric, figs["$5,500"].direction, figs["$5,500"].subject) == ("price", None, "ether")


def test_a_token_stand_in_that_moves_is_the_price_of_the_asset_named_before():
    figs = by_text("Solana's market value jumped by $9 billion as the token rallied 12%.")
    assert (figs["12%"].metric, figs["12%"].subject) == ("price", "Solana")


def test_the_victim_after_from_is_the_subject_of_a_hack():
    assert by_text("Attackers drained $11 million from the Loopscale protocol.")["$11 million"].subject == "Loopscale"


def test_a_politician_used_as_an_adjective_is_not_a_subject():
    figs = by_text("Tariffs imposed by the Trump administration raised costs by 0.4%.")
    assert figs["0.4%"].subject is None


def test_a_headline_subject_before_to_and_a_verb_is_a_name():
    assert by_text("Fidelity to invest $2 billion in tokenised funds.")["$2 billion"].subject == "Fidelity"


def test_spending_on_a_named_measure_takes_that_measure():
    figs = by_text("Alphabet will spend $85 billion on capital expenditures this year.")
    assert figs["$85 billion"].metric == "capex"


def test_a_thousands_comma_ends_no_clause():
    figs = by_text("Metaplanet bought 5,419 BTC for about $632 million.")
    assert (figs["$632 million"].metric, figs["$632 million"].subject) == ("spending", "BTC")


def test_a_closed_bracket_before_the_figure_is_an_aside():
    figs = by_text("Visa reported an operating margin (operating income divided by revenue) of 67%.")
    assert figs["67%"].metric == "margin"


def test_what_a_company_is_worth_is_its_valuation_and_an_asset_worth_is_a_value():
    assert by_text("Investors say Ripple is worth $40 billion.")["$40 billion"].metric == "valuation"
    assert by_text("The wallet moved 2,000 ETH worth $7 million.")["$7 million"].metric is None


def test_a_bond_that_rose_in_price_to_yield_has_no_move_of_its_yield():
    assert by_text("The 10-year note rose 12/32 in price to yield 4.11%.")["4.11%"].direction is None


def test_a_move_of_the_company_is_not_a_move_of_a_figure_introduced_by_its_own_noun():
    figs = by_text("The studio is surging ahead with a revenue of $2.1 billion.")
    assert (figs["$2.1 billion"].metric, figs["$2.1 billion"].direction) == ("revenue", None)


def test_a_name_opening_the_sentence_with_a_possessive_or_a_ticker_is_a_name():
    assert by_text("Allianz's asset managers oversee about $2.4 trillion.")["$2.4 trillion"].subject == "Allianz"
    figs = by_text("- Intuit (NASDAQ:INTU) - Market cap: $180.2 billion - Dividend yield: 0.61%")
    assert (figs["$180.2 billion"].metric, figs["$180.2 billion"].subject) == ("market_cap", "Intuit")
    assert (figs["0.61%"].metric, figs["0.61%"].subject) == ("yield", "Intuit")


def test_its_points_back_to_the_company_that_opens_the_sentence():
    figs = by_text("Sharplink bought 19,000 ETH for $70 million, lifting its holdings to $1.9 billion.")
    assert figs["$1.9 billion"].subject == "Sharplink"


def test_people_opening_a_sentence_are_not_its_subject():
    figs = by_text("Analysts cut their revenue estimate for Robinhood by 6%.")
    assert figs["6%"].subject != "Analysts"


def test_a_pledge_or_commitment_is_an_investment():
    assert by_text("SoftBank pledged $3 billion to the venture.")["$3 billion"].metric == "investment"


def test_a_forecaster_of_something_else_is_not_the_subject():
    figs = by_text("Moody's Analytics projected that the tariffs would cut output by 0.3 percent.")
    assert figs["0.3 percent"].subject is None
    figs = by_text("Riot Platforms estimated that its hashrate would rise 20% next year.")
    assert figs["20%"].subject == "Riot Platforms"  # "its" points back: the company's own figure


def test_money_taken_in_by_funds_is_an_inflow():
    assert by_text("Solana ETFs took in $69 million on Tuesday.")["$69 million"].metric == "inflow"


def test_the_issuer_of_a_coin_is_a_stand_in_for_the_company_named_before():
    figs = by_text("Paxos's valuation rose, making the USDP issuer worth about $2.4 billion.")
    assert figs["$2.4 billion"].subject == "Paxos"


def test_a_name_ending_in_coin_is_an_asset_and_moves_in_price():
    figs = by_text("Binance Coin rose 4% to $880.")
    assert (figs["4%"].metric, figs["$880"].metric) == ("price", "price")


def test_a_nationality_before_a_victim_is_not_the_victim():
    figs = by_text("Hackers drained $49 million from Turkish exchange BtcTurk.")
    assert figs["$49 million"].subject == "BtcTurk"


def test_a_share_of_its_value_lost_is_a_price_fall():
    figs = by_text("Ethena's ENA token has lost 70% of its value since April.")
    assert (figs["70%"].metric, figs["70%"].direction) == ("price", "down")


def test_every_inflection_of_a_move_verb_moves():
    assert by_text("The fund's assets have grown to $3 billion.")["$3 billion"].direction == "up"
    assert by_text("Litecoin skyrocketed 25% on Monday.")["25%"].direction == "up"
    assert by_text("Volumes have shrunk 30% since March.")["30%"].direction == "down"


def test_a_figure_above_or_below_another_takes_its_measure():
    figs = by_text("Riot reported revenue of $180 million, above the $171 million analysts expected.")
    assert figs["$171 million"].metric == "revenue"


def test_shares_sold_for_money_are_funding():
    figs = by_text("Metaplanet sold $500 million of shares to fund bitcoin purchases.")
    assert figs["$500 million"].metric == "funding"


def test_a_name_ending_in_coin_is_an_asset():
    figs = by_text("Litecoin rose 6% to $120.")
    assert (figs["6%"].metric, figs["$120"].metric) == ("price", "price")


def test_a_product_priced_at_a_level_has_a_price():
    assert by_text("The Ledger Flex is priced at $249.")["$249"].metric == "price"


def test_a_period_after_an_abbreviation_does_not_end_the_sentence():
    figs = by_text("U.K. inflation rose to 3.8% in September.")
    assert (figs["3.8%"].metric, figs["3.8%"].direction) == ("inflation", "up")
    assert figs["3.8%"].subject and figs["3.8%"].subject.startswith("U.K")
    figs = by_text("Kraken's share of U.K. spot volume rose to 21% last month.")
    assert (figs["21%"].metric, figs["21%"].subject) == ("share", "Kraken")  # whose share: the name before 's


def test_a_price_per_coin_at_the_end_of_the_sentence_is_that_coins_price():
    figs = by_text("Metaplanet paid an average of $104,000 per bitcoin.")
    assert (figs["$104,000"].metric, figs["$104,000"].subject) == ("price", "bitcoin")


def test_minted_coins_are_about_their_issuer_also_when_the_coin_follows_the_amount():
    figs = by_text("Paxos minted $300 million of PYUSD on Ethereum.")
    assert (figs["$300 million"].metric, figs["$300 million"].subject) == ("mint", "Paxos")


def test_commodities_and_currencies_written_in_lower_case_are_assets_with_a_price():
    figs = by_text("Spot silver climbed 2.1% to $52 an ounce, while the yen weakened 0.4%.")
    assert (figs["2.1%"].metric, figs["2.1%"].direction, figs["2.1%"].subject) == ("price", "up", "silver")
    assert (figs["$52"].metric, figs["$52"].subject) == ("price", "silver")
    figs = by_text("Oil fell 1.5% after the OPEC meeting.")
    assert (figs["1.5%"].metric, figs["1.5%"].subject) == ("price", "Oil")


def test_an_asset_that_has_moved_is_priced_and_a_peak_it_fell_from_has_no_direction():
    figs = by_text("Litecoin has slipped 25% from its January high above $140.")
    assert (figs["25%"].metric, figs["25%"].direction, figs["25%"].subject) == ("price", "down", "Litecoin")
    assert (figs["$140"].metric, figs["$140"].direction) == ("price", None)


def test_a_company_that_says_what_a_coin_did_is_a_source_and_the_coin_is_the_subject():
    figs = by_text("Ripple said RLUSD in circulation grew 40% in November to $1.2 billion.")
    assert (figs["40%"].metric, figs["40%"].direction, figs["40%"].subject) == ("supply", "up", "RLUSD")
    assert figs["$1.2 billion"].subject == "RLUSD"
    # an attribution after the fact is still a source
    figs = by_text("Revenue rose 12% to $4 billion, said Bloomberg.")
    assert figs["$4 billion"].subject is None


def test_a_dividend_per_share_is_not_earnings_per_share():
    figs = by_text("Visa raised its quarterly dividend to $0.67 per share.")
    assert figs["$0.67"].metric is None  # a dividend: outside the vocabulary, not eps


def test_a_tolerance_after_a_guided_amount_and_a_consensus_keep_its_measure():
    figs = by_text("AMD guided revenue of $9.7 billion, plus or minus $300 million, above estimates of $9.2 billion.")
    assert figs["$9.7 billion"].metric == "revenue" and figs["$9.2 billion"].metric == "revenue"
    assert figs["$300 million"].metric == "revenue"


def test_a_capitalised_word_that_opens_the_sentence_and_acts_is_a_name():
    figs = by_text("Figure priced its IPO at $25 a share, raising $787 million.")
    assert (figs["$25"].subject, figs["$787 million"].subject) == ("Figure", "Figure")
    figs = by_text("Danish lender Saxo posted a profit of $80 million.")  # an adjective before a noun stays one
    assert figs["$80 million"].subject == "Saxo"


def test_a_name_written_lower_case_first_is_a_name():
    figs = by_text("Broker eToro reported net income of $60 million for the quarter.")
    assert (figs["$60 million"].metric, figs["$60 million"].subject) == ("net_income", "eToro")


def test_higher_than_a_year_earlier_is_a_move_but_higher_than_expected_is_not():
    figs = by_text("Exchange volumes were 18% higher than a year earlier.")
    assert figs["18%"].direction == "up"
    figs = by_text("Revenue came in 3% higher than analysts expected.")
    assert figs["3%"].direction is None


def test_a_percentage_before_a_measure_and_a_move_noun_moves():
    figs = by_text("The exchange announced a 25% fee reduction for market makers.")
    assert (figs["25%"].metric, figs["25%"].direction) == ("fee_rate", "down")


def test_mortgage_rates_are_interest_rates_and_a_place_of_an_earlier_clause_owns_an_economy_figure():
    figs = by_text("Mortgage rates in Canada eased to 4.1% in March.")
    assert (figs["4.1%"].metric, figs["4.1%"].direction) == ("interest_rate", "down")
    figs = by_text("Wages in Ohio kept pace, with an unemployment rate of 4.9%.")
    assert figs["4.9%"].subject == "Ohio"


def test_a_name_that_closes_the_sentence_with_said_is_a_source_unless_it_tells_its_own_results():
    figs = by_text("Digital asset funds posted $1.1 billion of outflows last week, CoinShares said.")
    assert (figs["$1.1 billion"].metric, figs["$1.1 billion"].subject) == ("outflow", None)
    figs = by_text("Solana funds drew $120 million of inflows last week, CoinShares said.")
    assert figs["$120 million"].metric == "inflow" and figs["$120 million"].subject.startswith("Solana")
    figs = by_text("Bitcoin ETFs saw $300 million of outflows on Friday, SoSoValue data showed.")
    assert figs["$300 million"].subject.startswith("Bitcoin")
    figs = by_text("Quarterly revenue fell 9% to $410 million, Kraken said on Tuesday.")
    assert (figs["$410 million"].metric, figs["$410 million"].subject) == ("revenue", "Kraken")


def test_coins_named_like_networks_move_in_price():
    figs = by_text("Cardano slid 6% to $0.61 while Chainlink gained 4%.")
    assert (figs["6%"].metric, figs["6%"].subject) == ("price", "Cardano")
    assert (figs["4%"].metric, figs["4%"].subject) == ("price", "Chainlink")


def test_coins_acquired_are_spending_and_reserve_income_is_revenue():
    figs = by_text("Metaplanet acquired 5,000 BTC for $520 million.")
    assert (figs["$520 million"].metric, figs["$520 million"].subject) == ("spending", "BTC")
    figs = by_text("Kraken acquired NinjaTrader for $1.5 billion.")  # a company bought stays an investment
    assert (figs["$1.5 billion"].metric, figs["$1.5 billion"].subject) == ("investment", "NinjaTrader")
    figs = by_text("Paxos said its reserve income rose 30% to $90 million.")
    assert figs["$90 million"].metric == "revenue"


def test_a_forecast_of_an_assets_price_is_its_price_and_a_gain_of_restates_it():
    figs = by_text("Citi sees ether reaching $6,000 by the end of next year, a gain of about 40%.")
    assert (figs["$6,000"].metric, figs["$6,000"].subject, figs["$6,000"].direction) == ("price", "ether", None)
    assert figs["40%"].metric == "price"
    figs = by_text("Goldman lifted its silver forecast to $60 an ounce.")
    assert (figs["$60"].metric, figs["$60"].subject) == ("price", "silver")


def test_a_possessive_before_a_number_opens_a_name():
    figs = by_text("Germany's 10-year yield fell to 2.5% on Monday.")
    assert (figs["2.5%"].metric, figs["2.5%"].subject) == ("yield", "Germany")


def test_a_data_center_is_a_segment_not_a_source():
    figs = {f.text: f for f in extract_figures("Microsoft's data center capex rose 30% to $20 billion.")}
    assert figs["30%"].subject == "Microsoft" and figs["$20 billion"].subject == "Microsoft"


def test_funds_that_have_taken_in_money_report_an_inflow():
    figs = {f.text: f for f in extract_figures("Ether funds have taken in $1.2 billion this month.")}
    assert figs["$1.2 billion"].metric == "inflow"


def test_sales_of_goods_counted_in_units_and_a_market_s_size_are_no_listed_metric():
    assert extract_figures("Used car sales fell 4% in October.")[0].metric is None
    assert extract_figures("Sales of new homes rose 2% in September.")[0].metric is None
    assert extract_figures("The global stablecoin market was valued at $160 billion in 2024.")[0].metric is None
    assert extract_figures("Stripe was valued at $91.5 billion.")[0].metric == "valuation"


def test_the_company_acquired_is_named_after_the_price():
    fig = extract_figures("Coinbase's $2.9 billion acquisition of Deribit closed in August.")[0]
    assert (fig.metric, fig.subject) == ("investment", "Deribit")


def test_an_asset_before_a_result_noun_says_what_the_result_came_from():
    figs = {f.text: f for f in extract_figures("Coinbase said ether staking revenue rose 12% to $180 million.")}
    assert figs["$180 million"].subject == "Coinbase" and figs["12%"].subject == "Coinbase"


def test_the_second_figure_of_a_list_takes_the_measure_of_the_first():
    figs = {f.text: f for f in extract_figures("The two exchanges disagreed on fees: $12 and $15.")}
    assert figs["$12"].metric == figs["$15"].metric == "fee"


def test_a_heading_before_a_colon_is_no_listed_company():
    assert extract_figures("- Budget: $750,000 to $1 million")[0].metric is None
    assert [f.subject for f in extract_figures("$99.95 Was $129.95")] == [None, None]


def test_a_move_in_points_told_again_as_a_percentage_is_the_index_s_price_move():
    figs = by_text("The FTSE 100 lost 45.3 points, or 0.6%, to 7,512.4, while the Nasdaq Composite gained "
                   "88.1 points, or 0.5%.")
    assert (figs["0.6%"].metric, figs["0.6%"].direction, figs["0.6%"].subject) == ("price", "down", "FTSE 100")
    assert (figs["0.5%"].metric, figs["0.5%"].direction, figs["0.5%"].subject) == ("price", "up", "Nasdaq Composite")
    figs = by_text("The Hang Seng index dropped 310 points, or 1.2%, by the close.")
    assert (figs["1.2%"].metric, figs["1.2%"].direction) == ("price", "down")


def test_a_reuters_code_after_an_asset_is_no_part_of_its_name():
    figs = by_text("Silver XAG= jumped 2.1% to $33.40 an ounce.")
    assert (figs["2.1%"].metric, figs["2.1%"].subject) == ("price", "Silver")
    assert figs["$33.40"].metric == "price"
    figs = by_text("Copper CMCU3 slipped 1.4% to $9,120 a tonne, while Sterling GBP= fell 0.3%.")
    assert (figs["1.4%"].metric, figs["1.4%"].subject) == ("price", "Copper")
    assert (figs["0.3%"].metric, figs["0.3%"].direction, figs["0.3%"].subject) == ("price", "down", "Sterling")


def test_a_currency_that_strengthens_rises():
    figs = by_text("The euro strengthened 0.4% against the dollar on Friday.")
    assert (figs["0.4%"].metric, figs["0.4%"].direction, figs["0.4%"].subject) == ("price", "up", "euro")


def test_a_growth_rate_is_a_rise():
    figs = by_text("Stablecoin supply growth peaked at 12% in March.")
    assert figs["12%"].direction == "up"
    figs = by_text("Kraken reported a subscription revenue growth rate of 8% for the quarter.")
    assert figs["8%"].direction == "up"


def test_expense_ratios_and_fines_after_the_amount_are_named_measures():
    assert by_text("The spot ether fund carries an expense ratio of 0.25%.")["0.25%"].metric == "fee_rate"
    assert by_text("Both brokers later paid $2 million fines to the regulator.")["$2 million"].metric == "fine"


def test_names_inside_an_aside_that_describes_the_name_before_are_not_subjects():
    figs = by_text("Kraken, Coinbase's largest US rival, said trading revenue rose 18% to $412 million.")
    assert figs["18%"].subject == "Kraken" and figs["$412 million"].subject == "Kraken"
    figs = by_text("Bitget, Binance's closest competitor in derivatives, said volume jumped 30%.")
    assert figs["30%"].subject == "Bitget"


def test_respectively_maps_each_figure_of_a_list_to_its_name_and_the_list_shares_its_move():
    figs = by_text("Coinbase and Kraken posted trading revenue of $1.2 billion and $300 million, respectively.")
    assert (figs["$1.2 billion"].subject, figs["$300 million"].subject) == ("Coinbase", "Kraken")
    figs = by_text("Binance, OKX and Bybit saw spot volume rise 12%, 9% and 4%, respectively.")
    assert [figs[t].subject for t in ("12%", "9%", "4%")] == ["Binance", "OKX", "Bybit"]
    assert [figs[t].direction for t in ("12%", "9%", "4%")] == ["up"] * 3


def test_a_clause_that_starts_inside_an_aside_reads_the_measure_before_the_aside():
    figs = by_text("The firm projects that spending on crypto custody (including staking and insurance) will grow "
                   "at a 14% annual rate from $1.1 billion in 2025 to $2.3 billion in 2030.")
    assert [figs[t].metric for t in ("14%", "$1.1 billion", "$2.3 billion")] == ["spending"] * 3
    assert figs["14%"].direction is None  # a forecast


def test_a_company_bought_for_a_price_is_an_investment_coins_bought_are_spending():
    figs = by_text("Kraken agreed to buy NinjaTrader, a US futures broker, for about $1.5 billion.")
    assert (figs["$1.5 billion"].metric, figs["$1.5 billion"].subject) == ("investment", "NinjaTrader")
    assert by_text("Strategy bought 487 BTC for $49.9 million.")["$49.9 million"].metric == "spending"


def test_names_joined_to_a_source_and_makers_of_a_report_are_sources():
    figs = by_text("A survey produced by Fidelity Digital Assets and Coalition Greenwich found that 64% of "
                   "institutions plan to buy crypto.")
    assert figs["64%"].subject is None
    figs = by_text("Per Kaiko and Amberdata, the top ten exchanges handled 81% of spot volume.")
    assert figs["81%"].subject is None


def test_a_fund_powered_by_another_invests_the_money_itself():
    figs = by_text("Base Ecosystem Fund, powered by Coinbase Ventures, backs early teams — investing roughly "
                   "$50 million a year.")
    assert (figs["$50 million"].metric, figs["$50 million"].subject) == ("investment", "Base Ecosystem Fund")


def test_a_company_s_growth_is_no_stock_move_and_predicted_per_share_figures_are_earnings():
    figs = by_text("On the call, Galaxy's 212% growth stood out.")
    assert figs["212%"].metric is None and figs["212%"].direction == "up"
    assert by_text("Analysts predicted $1.12 a share for Coinbase.")["$1.12"].metric == "eps"


def test_a_with_clause_is_about_the_name_that_opens_the_sentence():
    figs = by_text("Tether again topped the Stablecoin Issuer Rankings, with $13 billion in net profit.")
    assert figs["$13 billion"].subject == "Tether"


def test_an_unnamed_index_that_plummets_is_priced():
    figs = by_text("The benchmark index plummets as much as 7.4 percent in early trading.")
    assert (figs["7.4 percent"].metric, figs["7.4 percent"].direction) == ("price", "down")


def test_wall_street_forecasts_and_is_no_subject():
    figs = by_text("Wall Street expected $0.94 a share.")
    assert (figs["$0.94"].metric, figs["$0.94"].subject) == ("eps", None)


def test_an_unknown_abbreviation_after_its_is_what_the_company_owns_not_a_name():
    figs = by_text("Bakkt grew its GMV 41% to $2.2 billion.")
    assert figs["41%"].subject == "Bakkt" and figs["$2.2 billion"].subject == "Bakkt"
    assert figs["$2.2 billion"].metric != "share_price"


def test_that_percentage_refers_back_to_a_share():
    figs = by_text("In 2023 only 12 percent of fund assets sat in crypto; by 2025 that percentage had risen to 19 percent.")
    assert figs["19 percent"].metric == "share" and figs["19 percent"].direction == "up"


def test_a_known_company_after_an_indefinite_article_is_still_named():
    figs = by_text("Attackers drained $82 million from a Coinbase hot wallet on Sunday, the exchange said.")
    assert (figs["$82 million"].metric, figs["$82 million"].subject) == ("hack_loss", "Coinbase")
    figs = by_text("The US Treasury said North Korean crypto thefts topped $1.3 billion last year.")
    assert figs["$1.3 billion"].metric == "hack_loss"


def test_capitals_of_a_title_case_headline_mark_no_names():
    figs = by_text("Exchange 'Bitfinex' Ordered to Pay $24 Million Over Lost Customer Funds")
    assert figs["$24 Million"].subject == "Bitfinex"


def test_a_currency_inside_a_figure_is_no_subject_of_the_next():
    figs = by_text("The base model is priced at 45,900 euro ($49,600) in Germany.")
    assert figs["$49,600"].subject is None and figs["$49,600"].metric == "price"
    assert by_text("Early pricing starts at 52,000 euro for the long-range version.")["52,000 euro"].metric == "price"


def test_an_agency_written_with_the_is_an_organisation():
    figs = by_text("Last year the FDIC collected $9.2 billion in assessments and paid out $4 billion.")
    assert figs["$9.2 billion"].subject == "FDIC"


def test_an_amount_before_what_is_built_is_an_investment_in_it():
    figs = by_text("Micron will build a $2.7 billion packaging plant in Gujarat, India.")
    assert (figs["$2.7 billion"].metric, figs["$2.7 billion"].subject) == ("investment", "Micron")
    figs = by_text("Core Scientific broke ground on a new $400 million data center in Louisiana last month.")
    assert (figs["$400 million"].metric, figs["$400 million"].subject) == ("investment", "Core Scientific")


def test_a_comparative_before_a_noun_compares_and_reports_no_move():
    assert by_text("The new fund charges a higher management fee of 0.95%.")["0.95%"].direction is None
    assert by_text("Its rival offers a lower staking yield of 3.1%.")["3.1%"].direction is None
    assert by_text("The yield moved higher to 3.4% on Friday.")["3.4%"].direction == "up"


def test_a_rate_on_something_is_the_rate():
    figs = by_text("The average interest rate on a used car loan held near 11.4 percent in October.")
    assert figs["11.4 percent"].metric == "interest_rate"


def test_a_mere_starting_level_has_no_direction():
    figs = by_text("Stablecoin supply ballooned from a mere $5 billion in 2020 to $300 billion in 2025.")
    assert figs["$5 billion"].direction is None and figs["$300 billion"].direction == "up"


def test_the_level_a_loss_in_percent_leads_to_is_a_fall():
    figs = by_text("Spot gold lost 1.2% to $3,980 an ounce on Tuesday.")
    assert (figs["$3,980"].direction, figs["$3,980"].metric) == ("down", "price")


def test_buying_back_stock_is_a_buyback():
    figs = by_text("Apple said it would keep buying back $100 billion of its shares over the next year.")
    assert figs["$100 billion"].metric == "buyback"


def test_a_cause_after_the_figure_does_not_name_what_it_measures():
    figs = by_text("The standard deduction is $15,750, up from $15,000 in 2024 because of inflation adjustments.")
    assert figs["$15,000"].metric is None
    assert by_text("Fees came to $2.1 million, driven by higher staking volume.")["$2.1 million"].metric != "volume"


def test_a_part_of_the_figure_before_takes_its_measure():
    figs = by_text("Some $640 million of crypto positions were liquidated overnight, $410 million of them shorts "
                   "betting on lower prices.")
    assert figs["$410 million"].metric == "liquidation"


def test_a_capital_after_an_opening_quote_opens_a_sentence():
    figs = by_text("The outlook is calm: “Rent growth will be slow—about 1% to 2%—this year,” the report said.")
    assert figs["1% to 2%"].subject is None


def test_the_maker_of_a_report_that_shows_something_is_a_source():
    figs = by_text("Gartner’s annual survey has shown how cloud costs have risen by 18% since 2023.")
    assert figs["18%"].subject is None and figs["18%"].direction == "up"


def test_a_move_noun_before_a_comma_moves_the_figure():
    figs = by_text("- Acme Mutual Group posted the largest decline, 22.5%, in written premiums.")
    assert figs["22.5%"].direction == "down"
    assert by_text("- Beta Re saw the sharpest increase, 31%, among the mid-sized reinsurers.")["31%"].direction == "up"


def test_a_name_that_found_or_showed_that_something_holds_is_a_source():
    assert by_text("NerdWallet found that most savers keep 10% in cash.")["10%"].subject is None
    assert by_text("Glassnode found that long-term holders now own 70% of the supply.")["70%"].subject is None
    assert by_text("Kaiko showed that the deepest market is BTC-USDT, with 18% of volume.")["18%"].subject == "BTC-USDT"
    # what the finder says of itself stays its own: "its lending book"
    assert by_text("Galaxy found that its lending book rose 12% to $9 billion.")["12%"].subject == "Galaxy"


def test_an_hourly_or_billing_rate_is_a_fee():
    assert by_text("In Texas, the average hourly rate for web designers is $95.10.")["$95.10"].metric == "fee"
    assert by_text("Lawyers at the firm charge billing rates of $1,200 an hour.")["$1,200"].metric == "fee"


def test_the_owner_of_a_growth_follows_for():
    assert by_text("Our record: 140% revenue growth for Acme Robotics in two years.")["140%"].subject == "Acme Robotics"
    assert by_text("Results: a 38% increase in repeat orders for Harbor Coffee.")["38%"].subject == "Harbor Coffee"
    assert by_text("Analysts see 20% sales growth for Nvidia next year.")["20%"].subject == "Nvidia"


def test_a_name_inside_an_appositive_describes_the_name_before_it():
    figs = by_text("Circle, the issuer of USDC, reported revenue of $740 million.")
    assert figs["$740 million"].subject == "Circle"
    figs = by_text("Ameren, a utility serving towns across Missouri and Central Illinois, offers a $75 credit.")
    assert figs["$75"].subject == "Ameren"


def test_an_opening_word_that_forecasts_is_a_company():
    assert by_text("Okta forecast third-quarter revenue of $730 million.")["$730 million"].subject == "Okta"
    assert by_text("Rubrik forecasts annual revenue of $1.2 billion.")["$1.2 billion"].subject == "Rubrik"
    assert by_text("Analysts forecast revenue of $3 billion.")["$3 billion"].subject is None


def test_an_operating_loss_is_an_operating_loss():
    assert by_text("The operating loss narrowed to $12 million.")["$12 million"].metric == "operating_loss"
    assert by_text("Rivian posted operating losses of $1.1 billion.")["$1.1 billion"].metric == "operating_loss"


def test_by_hangs_on_the_verb_across_an_object_with_and():
    assert by_text("Smart thermostats trim heating and cooling bills by 10%.")["10%"].direction == "down"
    assert by_text("The insurer raised premiums for home and auto policies by 12%.")["12%"].direction == "up"
    # a forecast raised is no move of what is measured
    assert by_text("The bank lifted its 2026 forecast for gold and silver demand by 15%.")["15%"].direction is None


def test_a_figure_told_again_after_or_keeps_its_move():
    figs = by_text("Heat pumps cut winter heating and cooling costs by 20%, or roughly $300 a year.")
    assert figs["20%"].direction == "down" and figs["$300"].direction == "down"
    assert by_text("Ether climbed 4%, or about $130, on Tuesday.")["$130"].direction == "up"
    # told again as another measure: no move of its own
    assert by_text("Net income rose to $2.4 billion, or $1.10 a share.")["$1.10"].direction is None


def test_wiping_value_off_is_a_fall():
    assert by_text("The selloff wiped $300 billion off the market value of crypto.")["$300 billion"].direction == "down"
    assert by_text("Shares tumbled, erasing $90 billion of market value.")["$90 billion"].direction == "down"


def test_a_bare_percentage_in_parentheses_after_an_item_is_its_share():
    figs = by_text("Respondents named Binance (38%) and OKX (12%) as their main exchange.")
    assert figs["38%"].metric == "share" and figs["12%"].metric == "share"
    figs = by_text("The biggest worries were fraud (41%) and fees (19%).")
    assert figs["41%"].metric == "share"
    # a measure named before the parenthesis keeps it; a signed figure is a move
    assert by_text("The 10-year yield (4.2%) rose.")["4.2%"].metric == "yield"
    assert by_text("Ether (+3%) led the gains.")["+3%"].metric != "share"


def fields(fig) -> tuple:
    return fig.metric, fig.direction, fig.subject


def test_coins_minted_worth_an_amount_are_the_issuers_mint():
    figs = by_text("Paxos minted $300 million worth of PYUSD on Ethereum on Friday.")
    assert fields(figs["$300 million"]) == ("mint", None, "Paxos")


def test_a_part_told_with_accounting_for_takes_the_measure_before():
    figs = by_text("About $900 million of positions were liquidated, with shorts accounting for $610 million.")
    assert figs["$610 million"].metric == "liquidation"


def test_a_possessive_with_its_noun_left_out_keeps_the_measure_before():
    figs = by_text("Coinbase's subscription revenue rose 9% to $750 million, while Kraken's grew 14% to $90 million.")
    assert fields(figs["14%"]) == ("revenue", "up", "Kraken")
    assert figs["$90 million"].metric == "revenue"


def test_a_market_named_with_its_article_is_its_index_and_without_it_the_exchange_operator():
    assert fields(by_text("The Dow slipped 0.4% and the Nasdaq rose 0.7%.")["0.7%"]) == ("price", "up", "Nasdaq")
    assert by_text("Nasdaq shares fell 3% after results.")["3%"].metric == "share_price"


def test_a_deposit_rate_is_the_platforms_and_a_coins_own_yield_the_coins():
    assert by_text("Aave raised the USDT deposit rate to 6.2%.")["6.2%"].subject == "Aave"
    assert by_text("Morpho's USDC lending APY dropped to 4.8%.")["4.8%"].subject == "Morpho"
    assert by_text("Ethena's USDe yields about 9%.")["9%"].subject == "USDe"


def test_a_widened_decline_is_a_fall_and_a_widened_loss_a_rise():
    assert fields(by_text("Solana's decline widened to 7% on Tuesday.")["7%"]) == ("price", "down", "Solana")
    assert by_text("The operating loss widened to $40 million.")["$40 million"].direction == "up"


def test_a_coin_named_with_token_moves_in_price():
    assert fields(by_text("Ether gained 3%, while Sui's SUI token jumped 8.5%.")["8.5%"]) == ("price", "up", "SUI")


def test_a_named_victim_of_an_exploit_is_the_subject_of_the_loss():
    figs = by_text("The Ronin bridge was exploited for about $12 million in ether and USDC.")
    assert fields(figs["$12 million"]) == ("hack_loss", None, "Ronin")
    assert by_text("Hackers drained roughly $40 million in ETH from the exchange.")["$40 million"].subject == "ETH"


def test_the_fund_a_flow_left_is_its_subject_and_led_by_with_is_a_part_of_the_flow():
    figs = by_text("Spot bitcoin ETFs posted net outflows of $350 million, led by $190 million in net outflows "
                   "from Fidelity's FBTC.")
    assert fields(figs["$190 million"]) == ("net_outflow", None, "FBTC")
    figs = by_text("Spot ether ETFs drew net inflows of $210 million, led by BlackRock's ETHA with $150 million.")
    assert fields(figs["$150 million"]) == ("net_inflow", None, "ETHA")


def test_a_percentage_right_after_a_move_of_fees_is_a_change_of_fees():
    assert fields(by_text("Fees paid on Solana have dropped 35% since January.")["35%"]) == ("fee", "down", "Solana")
    assert by_text("Binance cut its spot trading fee to 0.075%.")["0.075%"].metric == "fee_rate"


def test_a_verb_that_pushes_a_measure_to_a_level_gives_it_the_moves_way():
    figs = by_text("XRP jumped 12% to $2.90, pushing its market capitalization above $170 billion.")
    assert fields(figs["$170 billion"]) == ("market_cap", "up", "XRP")


def test_the_party_compared_with_has_a_figure_of_the_measure_before():
    figs = by_text("Hyperliquid's weekly volume hit $47 billion, ahead of Aster's $32 billion.")
    assert fields(figs["$32 billion"]) == ("volume", None, "Aster")


def test_a_wrapped_or_staked_token_is_a_coin_by_its_shape():
    assert fields(by_text("Elixir's stablecoin deUSD fell to $0.20.")["$0.20"]) == ("price", "down", "deUSD")
    assert fields(by_text("Coinbase's cbBTC supply rose 4% to $6 billion.")["4%"]) == ("supply", "up", "cbBTC")


def test_another_company_that_posts_a_bare_figure_is_told_the_measure_before():
    assert fields(by_text("Broadcom earned $1.85 a share, while Marvell posted $0.76.")["$0.76"]) == ("eps", None, "Marvell")
    assert by_text("Tesla reported $25 billion in revenue.")["$25 billion"].metric == "revenue"


def test_a_part_making_up_an_amount_is_no_rise():
    figs = by_text("About $1.3 billion of positions were liquidated, with longs making up $950 million.")
    assert fields(figs["$950 million"]) == ("liquidation", None, None)


def test_coins_issued_or_printed_by_their_issuer_are_minted_and_notes_issued_are_not():
    assert fields(by_text("Paxos issued $300 million in PYUSD on Solana.")["$300 million"]) == ("mint", None, "Paxos")
    assert by_text("The company issued $500 million in convertible notes.")["$500 million"].metric != "mint"


def test_a_starting_level_with_modifiers_of_its_own_has_no_direction():
    figs = by_text("Open interest on Binance fell to $8.1 billion from a record $12.6 billion in October.")
    assert figs["$8.1 billion"].direction == "down"
    assert figs["$12.6 billion"].direction is None and figs["$12.6 billion"].role == "previous"
    figs = by_text("Coinbase's trading volume rose to $92 billion from a year-earlier $76 billion.")
    assert figs["$76 billion"].direction is None and figs["$92 billion"].direction == "up"


def test_a_participle_after_while_keeps_the_forecast_a_clause_of_its_own_does_not():
    figs = by_text("Under the plan, Coinbase would lift its revenue by 10%, while lowering its fees by 4%.")
    assert (figs["10%"].direction, figs["4%"].direction) == (None, None)
    assert figs["4%"].role == "forecast"
    figs = by_text("Analysts expect bitcoin to reach $150,000, while ether fell 4% on Monday.")
    assert figs["4%"].direction == "down" and figs["4%"].role == "actual"


def test_a_past_tense_as_or_after_clause_tells_what_happened_despite_a_forecast_before():
    figs = by_text("Oracle raised its revenue forecast by $2 billion as its cloud backlog surpassed $450 billion.")
    assert figs["$450 billion"].direction == "up" and figs["$450 billion"].role == "actual"
    figs = by_text("Nvidia guided to $65 billion in quarterly revenue after data center sales jumped 25%.")
    assert figs["$65 billion"].role == "forecast" and figs["25%"].direction == "up"


def test_a_stand_in_that_forecasts_tells_the_measure_of_the_clause_before():
    figs = by_text("Nvidia posted revenue of $57 billion; the company expects about $65 billion in the current quarter.")
    assert (figs["$65 billion"].metric, figs["$65 billion"].subject, figs["$65 billion"].role) == \
        ("revenue", "Nvidia", "forecast")


def test_a_round_level_given_up_or_crossed_is_a_price_not_money_lost():
    figs = by_text("Ether lost the $3,000 mark and slid to $2,950.")
    assert (figs["$3,000"].metric, figs["$3,000"].direction) == ("price", "down")
    assert (figs["$2,950"].metric, figs["$2,950"].direction) == ("price", "down")
    figs = by_text("Solana lost the key $150 support on Tuesday, falling as low as $142.")
    assert (figs["$142"].metric, figs["$142"].direction) == ("price", "down")


def test_a_funds_verb_of_money_gained_or_lost_tells_a_flow_not_a_move():
    figs = by_text("Grayscale's GBTC bled $220 million on Friday, its largest daily outflow in a month.")
    assert (figs["$220 million"].metric, figs["$220 million"].direction) == ("outflow", None)
    figs = by_text("Spot ether ETFs saw $310 million in net outflows on Tuesday, with Fidelity's FETH shedding $140 million.")
    assert (figs["$140 million"].metric, figs["$140 million"].direction) == ("net_outflow", None)
    figs = by_text("ETF outflows mounted as bitcoin shed $5,000 in two days.")  # a sum per coin: its price moved
    assert (figs["$5,000"].metric, figs["$5,000"].direction) == ("price", "down")


def test_a_percentage_stake_is_a_share_of_the_company_it_is_in():
    figs = by_text("Foxconn holds a 34% stake in Sharp.")
    assert (figs["34%"].metric, figs["34%"].subject) == ("share", "Sharp")
    assert by_text("Tether bought a $775 million stake in Rumble.")["$775 million"].metric == "investment"


def test_a_list_item_that_names_its_own_measure_borrows_none():
    figs = by_text("Strategy listed $3.9 billion in unrealized losses, $45 million in preferred dividends, and "
                   "$30 million in legal fees.")
    assert (figs["$3.9 billion"].metric, figs["$45 million"].metric, figs["$30 million"].metric) == ("loss", None, "fee")


def test_a_move_in_apposition_after_a_count_is_the_counts():
    figs = by_text("Chipotle ended the quarter with $2.9 billion in sales and 3,800 restaurants, an 8% increase.")
    assert (figs["8%"].metric, figs["8%"].direction) == (None, "up")
    figs = by_text("Coinbase opened 2025 with $7.4 billion in revenue and 9.3 million monthly users, a 15% increase.")
    assert figs["15%"].metric == "users"


def test_a_government_bond_named_by_its_tenor_is_the_subject_unless_a_country_owns_it():
    assert by_text("The yield on 30-year bonds climbed to 5.1%.")["5.1%"].subject == "30-year bonds"
    assert by_text("Japan's 10-year bond yield rose 5 basis points to 1.62%.")["1.62%"].subject == "Japan"


def test_passing_a_peers_figure_is_a_comparison_and_passing_a_level_a_rise():
    figs = by_text("Nvidia's market value reached $5 trillion, surpassing Apple's $4 trillion.")
    assert (figs["$4 trillion"].metric, figs["$4 trillion"].direction) == ("market_cap", None)
    assert by_text("Ether surpassed $4,000 on Monday.")["$4,000"].direction == "up"


def test_a_small_move_up_to_a_level_is_no_ceiling():
    # "ticked up to 4.4%" moved the rate; "yields of up to 4.4%" and "raise up to $500 million" are ceilings
    assert fields(by_text("The U.S. unemployment rate ticked up to 4.4% in September.")["4.4%"]) == \
        ("unemployment", "up", "U.S")
    assert fields(by_text("Bitcoin edged up 0.4% to $91,200.")["$91,200"]) == ("price", "up", "Bitcoin")
    assert by_text("Yields ticked down to 4.1%.")["4.1%"].direction == "down"
    assert by_text("The fund offers yields of up to 4.4%.")["4.4%"].direction is None
    assert by_text("The company plans to raise up to $500 million.")["$500 million"].direction is None


def test_a_move_to_a_negative_level_is_the_moves_direction():
    assert by_text("The trust's discount rose to -2.1%.")["-2.1%"].direction == "up"
    assert by_text("Funding rates turned negative at -0.012%.")["-0.012%"].direction == "down"  # the sign alone
    assert by_text("The economy grew -0.3% in the quarter.")["-0.3%"].direction == "down"  # a negative growth
