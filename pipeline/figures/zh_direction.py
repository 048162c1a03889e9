"""Which way a figure in a Chinese sentence moved: the move word nearest before it in its clause
("同比增长 24%"), or of the clause before when its clause goes on with 至/到 ("减少 8%，至 112 亿美元").
A starting level (由 X, 从约 X) and a forecast (预计, 将 + verb) report no move.
"""

from __future__ import annotations

from pipeline.figures import lexicon
from pipeline.figures.zh_sentence import Clause
from pipeline.figures.zh_words import FUTURE_CUES, future_at

# a rate of change named after its value ("22.1% 的年均增速"): the way it moved
_GROWTH_RATES = {"增速": "up", "增长率": "up", "增幅": "up", "涨幅": "up", "跌幅": "down", "降幅": "down"}
RATE_MODIFIERS = ("年均", "平均", "同比", "环比", "年度")
_STARTS = ("由", "从", "從", "自")
_QUALIFIER_TOKENS = ("约", "約", "近", "超", "逾", "超过", "超過", "接近", "大约", "大約", "约合", "約合")


def figure_direction(c: Clause, continues: bool) -> str | None:
    """"up", "down" or None; `continues`: the clause carries on the move of the clause before."""
    up, down = lexicon.up_words(), lexicon.down_words()
    tokens, lo, own, own_words = c.tokens, c.lo, c.own, c.own_words
    clause_from, previous_from, last_before = c.clause_from, c.previous_from, c.last_before
    direction = None
    prev_word = own_words[-1] if own_words else ""
    starting = prev_word in _STARTS or len(own_words) > 1 and prev_word in _QUALIFIER_TOKENS and \
        own_words[-2] in _STARTS
    future = any(future_at(tokens, i) for i in range(clause_from, last_before + 1) if tokens[i][0] in FUTURE_CUES)
    if not starting and not future:
        for i in reversed(own):
            word = tokens[i][0].lower()
            if tokens[i][2] < lo - 40:
                break
            if word in up or word in down:
                direction = "up" if word in up else "down"
                break
        if direction is None and continues:
            for i in range(clause_from - 1, previous_from - 1, -1):
                word = tokens[i][0].lower()
                if word in up or word in down:
                    direction = "up" if word in up else "down"
                    break

    if direction is None and not future and len(c.after_words) > 1 and c.after_words[0][0] == "的":
        rate = next((t[0] for t in c.after_words[1:3] if t[0] not in RATE_MODIFIERS), "")
        if rate in _GROWTH_RATES:  # "22.1% 的年均增速": a rate of growth is a rise
            direction = _GROWTH_RATES[rate]
    return direction
