"""Which way a figure in a Chinese sentence moved: the move word nearest before it in its clause
("同比增长 24%"), or of the clause before when its clause goes on with 至/到 ("减少 8%，至 112 亿美元").
A starting level (由 X, 从约 X) and a forecast (预计, 将 + verb) report no move.
"""

from __future__ import annotations

from pipeline.figures import lexicon
from pipeline.figures.zh_sentence import Clause
from pipeline.figures.zh_words import FUTURE_CUES, future_at

# a rate of change named after its value ("22.1% 的年均增速"): the way it moved
_GROWTH_RATES = {"增速": "up", "增长率": "up", "增长速度": "up", "增幅": "up", "涨幅": "up", "跌幅": "down", "降幅": "down",
                 "升幅": "up", "减幅": "down"}
RATE_MODIFIERS = ("年均", "平均", "同比", "环比", "年度")
_STARTS = ("由", "从", "從", "自")
_QUALIFIER_TOKENS = ("约", "約", "近", "超", "逾", "超过", "超過", "接近", "大约", "大約", "约合", "約合")


# words that widen or narrow a move, as the Simplified twin writes them: the rate before them says its way
_SCALE_WORDS = frozenset(("扩大", "扩大至", "收窄", "收窄至", "缩小", "缩小至", "加大", "加深"))


def _rate_before(tokens, i: int, clause_from: int) -> str | None:
    """The rate of change right before tokens[i] ("跌幅 | 扩大至"), blanks and 进一步 between, or None."""
    for k in range(i - 1, clause_from - 1, -1):
        word = tokens[k][0]
        if not word.strip() or word in ("进一步", "再度", "继续", "持续", "一度"):
            continue
        return word if word in _GROWTH_RATES else None
    return None


_DESTINATIONS = frozenset(("至", "到", "为", "為"))


def _modified_start(own_words: list[str]) -> bool:
    """A starting level with a modifier of its own, which may hold a verb of its own: "从 8 月创下的 | 150 亿美元
    纪录高位回落至…", "由修正后的约 | 1130 亿美元": 由/从 opens a phrase that ends in 的 right before the figure."""
    words = list(own_words)
    while words and words[-1] in _QUALIFIER_TOKENS:
        words.pop()
    if not words or words[-1] != "的":
        return False
    for word in reversed(words[-10:-1]):
        if word in _STARTS:
            return True
        if word in _DESTINATIONS or any(word.endswith(d) for d in ("至", "到")):
            return False  # "增至 | 去年的 …": the phrase is the level the move leads to
    return False


def figure_direction(c: Clause, continues: bool) -> str | None:
    """"up", "down" or None; `continues`: the clause carries on the move of the clause before."""
    up, down = lexicon.up_words(), lexicon.down_words()
    tokens, lo, own, own_words = c.tokens, c.lo, c.own, c.own_words
    clause_from, previous_from, last_before = c.clause_from, c.previous_from, c.last_before
    direction = None
    prev_word = own_words[-1] if own_words else ""
    starting = prev_word in _STARTS or len(own_words) > 1 and prev_word in _QUALIFIER_TOKENS and \
        own_words[-2] in _STARTS
    starting = starting or _modified_start(own_words)
    future = any(future_at(tokens, i) for i in range(clause_from, last_before + 1) if tokens[i][0] in FUTURE_CUES)
    if not starting and not future:
        for i in reversed(own):
            word = tokens[i][0].lower()
            if tokens[i][2] < lo - 40:
                break
            if word in up or word in down:
                direction = "up" if word in up else "down"
                rate = _rate_before(tokens, i, clause_from) if word in _SCALE_WORDS else None
                if rate is not None:  # "跌幅扩大至 5%", "漲幅收窄至 2%": the size of a fall, or of a rise
                    direction = _GROWTH_RATES[rate]
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
