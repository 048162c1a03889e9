"""English context rules: metric, direction and subject of a figure from its sentence.

English puts the measured thing before the figure ("revenue rose 24% to $59.9 billion") or
right after it ("a 70% share of"), the move before it ("fell 8%") or after it ("closed 2.3%
higher"), and names the subject as a capitalised word that does not merely start the sentence.
"""

from __future__ import annotations

import functools
import re

from pipeline.figures import lexicon
from pipeline.figures.numbers import alternation
from pipeline.models import Figure

CLAUSE_END_RE = re.compile(r"[，,、：:（(；;]|\s[-–—]\s|\bwhile\b|\band\b|\bbut\b|\bafter\b|\bbefore\b"
                           r"|(?<!much )(?<!many )\bas\b(?!\s+(?:much|many|high|low|little|few|well|long)\b)")
# English proper-noun candidates: Capitalised or ALL-CAPS words, optionally followed by more.
PROPER_EN_RE = re.compile(r"\b[A-Z][A-Za-z0-9.&\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9])*")
_TRAILING_DIRECTION = re.compile(r"\s+(higher|lower)\b", re.I)
_SHARE_OF = re.compile(r"\bshare of\b", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:data|figures|research|reports?)\b")
_SOURCE_BEFORE = re.compile(r"(?:according to|per)\s+$", re.I)
_MID_SENTENCE_CAPITAL_RE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]")
_LEADING_MARKS = " \t\n-*•·–—\"'“‘(（「『["


@functools.cache
def _metric_after_re() -> re.Pattern:
    """A metric word right after the figure: "a 70% share of", "2% of the circulating supply"."""
    words = alternation(w for w in lexicon.metric_words() if w.isascii())
    return re.compile(rf"\s+(?:of\s+(?:the\s+|its\s+)?)?(?P<m>{words})\b", re.I)


def clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding text[pos] starts, not before lo."""
    start = lo
    for m in CLAUSE_END_RE.finditer(text, lo, pos):
        start = m.end()
    return start


def nearest(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """The last match of pattern in text[lo:hi]: the one nearest to hi."""
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m
    return found


def _direction_from(up: int, down: int) -> str | None:
    if up < 0 and down < 0:
        return None
    return "up" if up > down else "down"


@functools.lru_cache(maxsize=8)
def _named_mid_sentence(text: str) -> frozenset[str]:
    """Words the text capitalises inside a sentence: names, not words that only start one.

    "Kestrel reported…" is a name when the article also writes "…shares of Kestrel rose";
    "Transaction revenue rose 38%" is not, when "Transaction" is never capitalised mid-sentence.
    """
    return frozenset(m.group(0) for m in _MID_SENTENCE_CAPITAL_RE.finditer(text))


def english_context(text: str, fig: Figure, s_start: int, s_end: int) -> tuple:
    """((metric, metric word), direction, subject) of fig in the English sentence text[s_start:s_end]."""
    metric_re = lexicon.metric_re()
    lookup = lexicon.metric_lookup()
    clause = clause_start(text, s_start, fig.start)
    clause_end = CLAUSE_END_RE.search(text, fig.end, s_end)
    # the figure's own clause first (before it, then after it), then earlier in the sentence
    m = (nearest(metric_re, text, clause, fig.start)
         or metric_re.search(text, fig.end, clause_end.start() if clause_end else s_end)
         or nearest(metric_re, text, s_start, clause))
    metric = (lookup[m.group(0).lower()], m.group(0)) if m else (None, None)
    if m is not None and m.start() < fig.start and _SHARE_OF.search(text, max(clause, m.start() - 20), m.start()):
        metric = ("share", "share")
    right_after = _metric_after_re().match(text, fig.end)
    if right_after:  # "a 70% share of", "about 2% of the circulating supply"
        word = right_after.group("m")
        metric = (lookup[word.lower()], word)
    lo = max(clause, fig.start - 60)
    up = nearest(lexicon.up_re(), text, lo, fig.start)
    down = nearest(lexicon.down_re(), text, lo, fig.start)
    direction = _direction_from(up.end() if up else -1, down.end() if down else -1)
    trailing = _TRAILING_DIRECTION.match(text, fig.end)
    if trailing:  # "closed 2.3% higher", "ended 5% lower"
        direction = "up" if trailing.group(1).lower() in ("higher", "up") else "down"
    org = asset = fallback = None
    entities = lexicon.entities()
    skip = lexicon.not_subjects()
    for cand in PROPER_EN_RE.finditer(text, s_start, fig.start):
        words = re.sub(r"['’]s$", "", cand.group(0)).split()
        # capitalised only because it starts the sentence or a list item ("- Assets on platform")
        initial = not text[s_start:cand.start()].strip(_LEADING_MARKS)
        while words and words[0] in skip:
            words, initial = words[1:], False
        if not words:
            continue
        word = " ".join(words)
        if _SOURCE_AFTER.match(text, cand.end()) or _SOURCE_BEFORE.search(text, max(0, cand.start() - 14), cand.start()):
            continue
        tag = entities.get(words[0]) or entities.get(word)
        if tag == "nt":
            org = word
        elif tag == "nz":
            asset = word
        elif not initial or (word.isupper() and len(word) >= 2) or len(words) >= 2 or words[0] in _named_mid_sentence(text):
            fallback = word
    return metric, direction, org or asset or fallback
