"""What a figure measures: its sentence, metric, direction (up/down) and subject.

This module finds each figure's sentence and hands it to the rules of its language
(`context_zh` on jieba's tokens, `context_en` on the words), then applies what holds in both:
a signed percentage moves the way its sign says, and period and role (`when.py`): a forecast,
target or expectation reports no move.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import fields as dataclass_fields

from pipeline.figures import lexicon
from pipeline.figures._seg import tokens
from pipeline.figures.context_en import OR_RESTATED, english_context
from pipeline.figures.context_zh import Sentence, chinese_context, prepare
from pipeline.figures.when import find_period, find_role
from pipeline.models import Figure

# ；joins clauses of one sentence; a period after an abbreviation ("U.S.", "Inc.", "vs.", "J.") ends none
# (the period is matched first and the abbreviation looked back at after it: most positions fail at once)
SENTENCE_END_RE = re.compile(r"[。！？!?\n]|\.(?<!\b[A-Z]\.)(?<!\.[A-Za-z]\.)(?<!\b(?:Co|vs|Mr|Ms|Dr|St|Jr|Sr|No)\.)"
                             r"(?<!\b(?:Inc|Ltd|Mrs)\.)(?<!\bCorp\.)(?=\s|$)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TO_LEVEL = re.compile(r"(?:至|到|\bto)\s*$", re.I)  # right before a figure: the level a move led to
_FIGURE_FIELDS = frozenset(f.name for f in dataclass_fields(Figure))
MAX_BEFORE, MAX_AFTER = 300, 200  # a "sentence" longer than this is a table or a run-on; clip it


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end], clipped to a window around it."""
    left = max(0, start - MAX_BEFORE)
    for m in SENTENCE_END_RE.finditer(text, left, start):
        left = m.end()
    limit = min(len(text), end + MAX_AFTER)
    after = SENTENCE_END_RE.search(text, end, limit)
    right = after.end() if after else limit
    return left, right


def all_sentence_bounds(text: str, figures: list[Figure]) -> list[tuple[int, int]]:
    """sentence_bounds for every figure, from one pass of SENTENCE_END_RE over the text the
    figures' windows cover instead of one pass per figure (a tenth of the context time on
    figure-dense text). A sentence end is a match lying wholly inside the figure's window."""
    if not figures:
        return []
    lo = max(0, min(f.start for f in figures) - MAX_BEFORE)
    hi = min(len(text), max(f.end for f in figures) + MAX_AFTER)
    marks = [(m.start(), m.end()) for m in SENTENCE_END_RE.finditer(text, lo, hi)]
    starts = [a for a, _ in marks]
    out = []
    for fig in figures:
        left = max(0, fig.start - MAX_BEFORE)
        k = bisect_right(starts, fig.start) - 1  # the last mark starting before the figure
        while k >= 0 and marks[k][1] > fig.start:
            k -= 1
        if k >= 0 and marks[k][0] >= left:
            left = marks[k][1]
        limit = min(len(text), fig.end + MAX_AFTER)
        k = bisect_left(starts, fig.end)
        right = marks[k][1] if k < len(marks) and marks[k][1] <= limit else limit
        out.append((left, right))
    return out


def _with(fig: Figure, **fields) -> Figure:
    """dataclasses.replace without its per-call field introspection (a third of the context
    time on figure-dense text): a copy of the frozen Figure with these fields set. Only fields
    the dataclass declares are accepted."""
    unknown = set(fields) - _FIGURE_FIELDS
    if unknown:
        raise TypeError(f"Figure has no fields {sorted(unknown)}")
    new = object.__new__(Figure)
    new.__dict__.update(fig.__dict__, **fields)
    return new


def add_context(text: str, figures: list[Figure], published: str | None = None) -> list[Figure]:
    """Figures with sentence, metric, direction, subject, period and role filled in.

    `published` (an ISO date) resolves relative periods (去年, this year, 上月); without it they stay null."""
    out = []
    read: dict[int, Sentence] = {}
    bounds = all_sentence_bounds(text, figures)
    in_sentence: dict[int, list[tuple[int, int]]] = {}
    for fig, (s_start, _) in zip(figures, bounds, strict=True):
        in_sentence.setdefault(s_start, []).append((fig.start, fig.end))
    before: dict[int, tuple] = {}  # sentence start -> (metric, word) of its last figure so far
    moved_before: dict[int, tuple] = {}  # sentence start -> (end, direction) of its last figure so far
    for fig, (s_start, s_end) in zip(figures, bounds, strict=True):
        sentence = text[s_start:s_end]
        spans = in_sentence[s_start]
        if _HAN.search(sentence):
            if s_start not in read:  # jieba loads on the first Chinese sentence
                twin = lexicon.to_simplified(sentence)
                read[s_start] = prepare(sentence, tokens(twin), s_start, spans, twin)
            (metric, word), direction, subject, restates = chinese_context(read[s_start], fig)
        else:
            (metric, word), direction, subject, restates = english_context(text, fig, s_start, s_end, spans)
        if metric is None and restates and s_start in before:
            metric, word = before[s_start]  # "…跌 15%，最低触及 38.6 美元": the measure of the figure before
        if direction is None and s_start in moved_before and metric == before[s_start][0] and \
                OR_RESTATED.fullmatch(text, moved_before[s_start][0], fig.start):
            # "cut costs by 8%, or roughly $50": the same move told again ("…, or $0.59 a share": another measure)
            direction = moved_before[s_start][1]
        before[s_start] = (metric, word)
        moved_before[s_start] = (fig.end, direction)
        # a sign says the move ("同比增长-2.9%", "grew -0.3%": a fall), unless a word moved the
        # quantity to the signed level ("溢价率回升至 -2.1%", "the premium rose to -2.1%": up)
        to_level = direction is not None and _TO_LEVEL.search(text, max(s_start, fig.start - 8), fig.start) is not None
        if fig.kind == "percent" and fig.value is not None and fig.value < 0 and not to_level:
            direction = "down"
        elif fig.kind == "percent" and fig.text.lstrip()[:1] in "+﹢" and not to_level:
            direction = "up"
        role = find_role(text, fig, s_start, s_end)
        period = find_period(text, fig, s_start, s_end, published, spans, role)
        lead = len(sentence) - len(sentence.lstrip())
        stripped = sentence.strip()
        out.append(_with(fig, sentence=stripped, sentence_start=s_start + lead,
                         sentence_end=s_start + lead + len(stripped), metric=metric, metric_word=word,
                         direction=direction if role not in ("forecast", "target", "consensus") else None,
                         subject=subject, period=period, role=role))
    return out
