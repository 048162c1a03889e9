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
