"""What a figure measures: its sentence, metric, direction (up/down) and subject.

This module finds each figure's sentence and hands it to the rules of its language
(`context_zh` on jieba's tokens, `context_en` on the words), then applies what holds in both:
a signed percentage moves the way its sign says, and an asset followed only by move and time
words is measured by its price.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from pipeline.figures import lexicon
from pipeline.figures._seg import tokens
from pipeline.figures.context_en import english_context
from pipeline.figures.context_zh import chinese_context
from pipeline.figures.numbers import alternation
from pipeline.models import Figure

SENTENCE_END_RE = re.compile(r"[。！？!?\n]|\.(?=\s|$)")  # ；joins clauses of one sentence
_HAN = re.compile(r"[\u4e00-\u9fff]")
MAX_BEFORE, MAX_AFTER = 300, 200  # a "sentence" longer than this is a table or a run-on; clip it


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end], clipped to a window around it."""
    left = max(0, start - MAX_BEFORE)
    for m in SENTENCE_END_RE.finditer(text, left, start):
        left = m.end()
    limit = min(len(text), end + MAX_AFTER)
    m = SENTENCE_END_RE.search(text, end, limit)
    right = m.end() if m else limit
    return left, right


_TIME_WORDS = (r"\d+|小时|小時|分钟|分鐘|天|日|周|週|月|年|内|內|今日|今天|昨日|昨天|盘中|盤中|一度|短线|短線|"
               r"日内|日內|过去|過去|最近|近|了|约|約|超|逾|h|on|in|over|the|past|last|this|hours?|days?|weeks?|"
               r"today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|to|at|至|报|報|\W")


@functools.cache
def _asset_move_gap() -> re.Pattern:
    return re.compile(rf"(?:{_TIME_WORDS}|{lexicon.up_re().pattern}|{lexicon.down_re().pattern})*", re.I)


@functools.cache
def _asset_names() -> re.Pattern:
    names = [w for w, tag in lexicon.entities().items() if tag == "nz"]
    return re.compile(rf"(?<![A-Za-z])(?:{alternation(names)})(?![A-Za-z])", re.I)


def _asset_that_moves(text: str, s_start: int, fig: Figure) -> str | None:
    """The crypto asset whose price the figure is, when the asset is followed by nothing but
    change words, time words and other figures ("以太坊 24 小时内下跌 6.3%，跌破 3000 美元",
    "Bitcoin slipped 2.4% to $91,250"); not when something else it has is named ("比特币全网
    算力增长 52%" is the hash rate)."""
    last = None
    for last in _asset_names().finditer(text, s_start, fig.start):
        pass
    if last is None or _asset_move_gap().fullmatch(text, last.end(), fig.start) is None:
        return None
    return last.group(0)


def add_context(text: str, figures: list[Figure]) -> list[Figure]:
    """Figures with sentence, metric, direction and subject filled in."""
    out = []
    segmented: dict[int, list] = {}
    for fig in figures:
        s_start, s_end = sentence_bounds(text, fig.start, fig.end)
        sentence = text[s_start:s_end]
        if _HAN.search(sentence):
            if s_start not in segmented:  # jieba loads on the first Chinese sentence
                segmented[s_start] = tokens(sentence)
            (metric, word), direction, subject = chinese_context(segmented[s_start], s_start, fig)
        else:
            (metric, word), direction, subject = english_context(text, fig, s_start, s_end)
        if fig.kind == "percent" and fig.value is not None and fig.value < 0:
            direction = "down"
        mover = _asset_that_moves(text, s_start, fig) if metric is None and direction else None
        if mover:  # "ETH 下跌 8%，跌破 3000 美元", "Bitcoin slipped 2.4% to $91,250": its price
            metric, subject = "price", mover
        lead = len(sentence) - len(sentence.lstrip())
        stripped = sentence.strip()
        out.append(replace(fig, sentence=stripped, sentence_start=s_start + lead,
                           sentence_end=s_start + lead + len(stripped), metric=metric, metric_word=word,
                           direction=direction, subject=subject))
    return out
