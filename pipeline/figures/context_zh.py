"""Chinese context rules: metric, direction and subject of a figure from its segmented sentence.

Chinese news writes "营收 598.93 亿美元，同比增长 24%": the metric sits right before the
amount, the change word right before the percentage, and a percentage may refer back to the
clause before. jieba's tokens and part-of-speech tags (with the lexicon's words added, see
_seg.py) give the clauses, the names and the small grammatical patterns the rules read.

One module a step, in the order they run:
- zh_sentence: the sentence read once (tokens, names and why some are not subjects) and the
  clause of each figure;
- zh_metric: what the figure's words say it measures;
- zh_direction: the move its words report (a start, 由 X, or a forecast, 将 + verb, reports none);
- zh_subject: the name it is about;
- zh_metric again: the price of a subject followed only by move, time and quote words.
Word-level lookups (metric_of, future_at) are in zh_words; names and the patterns that exclude
them (据 X 数据, 从 X 提取, 在 X 上, 某/一名 X) in names_zh.
"""

from __future__ import annotations

from pipeline.figures import lexicon
from pipeline.figures.zh_sentence import Sentence, prepare, read_clause
from pipeline.figures.zh_direction import figure_direction
from pipeline.figures.zh_metric import BURN_WORDS, figure_metric, metric_from_subject
from pipeline.figures.zh_subject import figure_subject
from pipeline.models import Figure

__all__ = ["Sentence", "chinese_context", "prepare"]


def chinese_context(sentence: Sentence, fig: Figure) -> tuple:
    """((metric, metric word), direction, subject, restates) of fig, from its read sentence.

    `restates` says the figure's clause only restates, compares or continues the measure of the
    figure before it ("…跌 15%，最低触及 38.6 美元", "高于预期的 1.49 美元"): with no metric word of its
    own, it takes that figure's metric (context.py)."""
    clause = read_clause(sentence, fig)
    read = figure_metric(sentence, clause, fig)
    direction = figure_direction(clause, read.continues)
    subject = figure_subject(sentence, clause, fig, read.metric[0] if read.metric else None)
    metric = metric_from_subject(sentence, clause, fig, read, direction, subject)
    if metric and metric[1] in BURN_WORDS and direction is None:
        direction = "down"  # the coins burned are taken out of the supply
    restates = read.restating and metric is None  # a word outside the vocabulary is a measure
    if metric and metric[0] == lexicon.OTHER:
        metric = None
    return (metric or (None, None), direction, sentence.text[subject.start:subject.end] if subject else None,
            restates)
