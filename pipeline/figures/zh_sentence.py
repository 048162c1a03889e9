"""A Chinese sentence read once for all its figures (`prepare`: jieba's tokens regrouped, the
tokens inside figures, the names and why some are not subjects), and where one figure stands in
it (`read_clause`: its clause, the words before and after it, the names it may take).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.figures import lexicon
from pipeline.figures.names_zh import (
    CLAUSE_MARKS, INDEFINITE, ORG_SUFFIX, Name, Token, find_names, name_end, why_not_subject,
)
from pipeline.figures.zh_words import metric_of
from pipeline.models import Figure


@dataclass
class Sentence:
    """A segmented sentence, read once for all its figures: tokens, which tokens belong to a
    figure, its names and why some of them are not subjects."""

    text: str  # the sentence as written: subjects are quoted from it
    tokens: list[Token]  # of its Simplified twin (lexicon.to_simplified), offsets the same
    start: int  # offset of the sentence in the text
    in_figure: frozenset[int]  # token offsets inside a figure's span
    names: list[Name]
    reasons: dict[int, str | None]  # name index -> why it is not a subject (None: it may be)
    figure_starts: tuple[int, ...] = ()  # where its figures start, as offsets in the sentence
    _index: tuple[list[int], list[int], list[int]] | None = None

    def index(self) -> tuple[list[int], list[int], list[int]]:
        """Token starts, token ends (both ascending: tokens do not overlap) and the indices of clause
        marks, computed once for all the sentence's figures, so each figure bisects instead of scanning."""
        if self._index is None:
            self._index = ([t[2] for t in self.tokens], [t[2] + len(t[0]) for t in self.tokens],
                           [i for i, t in enumerate(self.tokens) if t[0] in CLAUSE_MARKS])
        return self._index


def regroup(tokens: list[Token]) -> list[Token]:
    """jieba's tokens, regrouped where the rules need other units: a number written with thousands
    commas is one token ("6,556 枚": its comma ends no clause), a compound of an entity and a metric
    word is two ("黄金价格": 黄金 and 价格), so the name is found and the metric read, a legal-form
    word jieba splits is one ("金" + "控"), and so is a ticker jieba cut at an entity inside it
    ("ETH" + "A"). One pass; most tokens are short Chinese words and take the last branch."""
    out: list[Token] = []
    last = ""  # the word of out[-1]
    n = len(tokens)
    for i, token in enumerate(tokens):
        word = token[0]
        if word.isascii() and last.isascii() and last:
            first = word[:1]
            if first.isdigit() and last[-1] == "," and last[0].isdigit():
                head = out.pop()  # "6," + "556"
                token = (head[0] + word, "m", head[2])
            elif word == "," and last[-1].isdigit() and i + 1 < n and tokens[i + 1][0][:1].isdigit() and \
                    tokens[i + 1][0].isascii():
                head = out.pop()  # "6" + ","
                token = (head[0] + word, "m", head[2])
            elif first.isalpha() and last[0].isalpha() and last[-1].isalpha() and \
                    out[-1][2] + len(last) == token[2]:
                head = out.pop()  # "ETH" + "A": jieba cut a ticker at an entity inside it (ETHA, ETHE, BTCS)
                token = (head[0] + word, "eng", head[2])
        elif len(word) == 1:
            if len(last) == 1 and last + word in ORG_SUFFIX:
                head = out.pop()  # "金" + "控"
                token = (head[0] + word, "n", head[2])
            elif word == "值" and len(last) > 1 and last[-1] == "价":
                head = out.pop()  # "买入价" + "值": jieba took a price word out of 买入 + 价值
                out.append((last[:-1], "v", head[2]))
                token = ("价值", "n", head[2] + len(last) - 1)
        elif len(word) >= 3 and not word.isascii():
            size = _entity_split(word)
            if size:
                out.append((word[:size], lexicon.entities()[word[:size]], token[2]))
                token = (word[size:], "n", token[2] + size)
        out.append(token)
        last = token[0]
    return out


@functools.lru_cache(maxsize=8192)
def _entity_split(word: str) -> int:
    """Where a token that is an entity followed by a metric word splits ("黄金价格": 2); 0 if it is not one."""
    entities = lexicon.entities()
    if word in entities:
        return 0
    return next((size for size in range(len(word) - 1, 1, -1)
                 if word[:size] in entities and metric_of(word[size:]) is not None), 0)


@functools.cache
def _regroup_re() -> re.Pattern:
    """What regroup() can change: thousands commas, 价值 cut after a price word, a Latin entity glued to more letters, an entity glued
    to a metric word, a legal-form word. A sentence with none of these keeps jieba's tokens as they are."""
    entities = lexicon.entities()
    latin = lexicon.trie_alternation(w for w in entities if w.isascii())
    chinese = lexicon.trie_alternation(w for w in entities if not w.isascii())
    metrics = lexicon.trie_alternation(w for w in lexicon.metric_words() if not w.isascii())
    return re.compile(rf"\d,\d|价值|(?:{latin})[A-Za-z]|(?:{chinese})(?:{metrics})|{lexicon.trie_alternation(ORG_SUFFIX)}")


def prepare(text: str, tokens: list[Token], s_start: int, spans: list[tuple[int, int]],
            twin: str | None = None) -> Sentence:
    """Read a sentence once: `text` as written, `tokens` of its Simplified `twin` (lexicon.to_simplified;
    the text itself when not given); `spans` are all its figures (offsets in the whole text)."""
    if _regroup_re().search(text if twin is None else twin):
        tokens = regroup(tokens)
    rel = sorted((a - s_start, b - s_start) for a, b in spans)
    in_figure = set()
    k = 0
    for t in tokens:  # tokens and spans both run left to right: one pass
        while k < len(rel) and rel[k][1] <= t[2]:
            k += 1
        if k < len(rel) and rel[k][0] <= t[2] < rel[k][1]:
            in_figure.add(t[2])
    names = find_names(tokens, in_figure.__contains__, lexicon.entities(), lexicon.not_subjects(), text, _measure_word)
    reasons = {n.index: why_not_subject(n, tokens, name_end(tokens, n)) for n in names}
    for n in names:  # "从 Cetus 协议盗走", "向 OpenAI 追加投资": the victim or the investee, not a counterparty
        if reasons[n.index] == "counterparty" and _acted_on(tokens, name_end(tokens, n)):
            reasons[n.index] = None
    _mark_aliases(tokens, names, reasons)
    return Sentence(text, tokens, s_start, frozenset(in_figure), names, reasons, tuple(a for a, _ in rel))


_OPEN, _CLOSE = ("（", "("), ("）", ")")


def _mark_aliases(tokens: list[Token], names: list[Name], reasons: dict[int, str | None]) -> None:
    """A name alone in brackets right after another name or a metric word is that one's other
    spelling ("以太币（ETH）", "方舟投资（ARK Invest）", "储蓄利率（SSR）"): the name written first is
    the subject, and an abbreviated measure is no party at all."""
    ends = {name_end(tokens, n) for n in names}
    for n in names:
        i, j = n.index, name_end(tokens, n)
        if not (0 < i - 1 and tokens[i - 1][0] in _OPEN and j < len(tokens) and tokens[j][0] in _CLOSE):
            continue
        before = tokens[i - 2][0]
        if i - 1 in ends or metric_of(before) is not None:
            reasons[n.index] = "alias"


def _measure_word(word: str) -> bool:
    """A metric or move word: what ends a clause's topic ("小米集团" | "营收")."""
    low = word.lower()
    return metric_of(word) is not None or low in lexicon.up_words() or low in lexicon.down_words()


_ACTED_ON = frozenset({"hack_loss", "investment"})


def _acted_on(tokens: list[Token], end: int) -> bool:
    """Do the words right after a counterparty say it was robbed or invested in?"""
    following = [t[0] for t in tokens[end:end + 6] if t[0].strip()][:3]
    for word in following:
        if word in CLAUSE_MARKS:
            return False
        found = metric_of(word)
        if found and found[0] in _ACTED_ON:
            return True
    return False

@dataclass(frozen=True)
class Clause:
    """Where one figure stands in its sentence: token indices around it, its clause's words, and
    the names it may take as subject."""

    tokens: list[Token]
    lo: int  # the figure's start and end, as offsets in the sentence
    hi: int
    first_after: int  # the first token starting at or after the figure's end
    last_before: int  # the last token ending at or before its start
    clause_starts: list[int]  # token indices where the clauses up to the figure's start
    clause_end: int  # the index of the clause mark (or sentence end) after the figure
    own: list[int]  # tokens of the figure's clause before it, figures left out
    own_words: list[str]
    after_words: list[Token]  # non-blank tokens after the figure, in its clause
    inside_figure: Callable[[int], bool]
    usable: list[Name]  # names that may be a subject
    own_names: list[Name]  # of those, the names in the figure's clause before it
    indefinite_here: bool  # the clause speaks of an unnamed party ("某巨鲸", "一名交易员")

    @property
    def clause_from(self) -> int:
        return self.clause_starts[-1]

    @property
    def previous_from(self) -> int:
        return self.clause_starts[-2] if len(self.clause_starts) > 1 else 0


_CONJUNCTIONS = frozenset("而 但 但是 同时 同時 并 並 且 而且 其中".split())
_PARTIES = ("银行", "銀行", "政府", "企业", "企業")


def _kind_of_party(own_words: list[str]) -> bool:
    """Does the clause open with a kind of party, not a name ("而国有银行的长期贷款利率为 6%", "政府…")? Then
    it has its own unnamed subject, and takes no name from the clauses before."""
    at = next((k for k, w in enumerate(own_words) if w not in _CONJUNCTIONS), len(own_words))
    first = own_words[at] if at < len(own_words) else ""
    # 大市 (jieba: 大 | 市): the whole market ("…，大市成交额 2,351 亿港元"), not the index named before
    return first == "政府" or "".join(own_words[at:at + 2]).startswith("大市") or \
        len(first) > 2 and first.endswith(_PARTIES)


def read_clause(sentence: Sentence, fig: Figure) -> Clause:
    """The clause of `fig` in its read sentence."""
    tokens = sentence.tokens
    lo, hi = fig.start - sentence.start, fig.end - sentence.start
    inside_figure = sentence.in_figure.__contains__
    starts, ends, marks = sentence.index()
    first_after = bisect_left(starts, hi)
    last_before = bisect_right(ends, lo) - 1
    clause_starts = [0] + [i + 1 for i in marks[:bisect_right(marks, last_before)]]
    clause_from = clause_starts[-1]
    clause_end = next((i for i in range(first_after, len(tokens)) if tokens[i][0] in CLAUSE_MARKS or
                       tokens[i][0] in "。！？"), len(tokens))
    own = [i for i in range(clause_from, last_before + 1) if not inside_figure(tokens[i][2])]
    own_words = [tokens[i][0] for i in own if tokens[i][0].strip()]
    usable = [n for n in sentence.names if sentence.reasons[n.index] is None]
    indefinite_here = any(sentence.reasons[n.index] == "indefinite"
                          for n in sentence.names if clause_from <= n.index <= last_before) or \
        any(w.startswith(INDEFINITE) for w in own_words[:3]) or _kind_of_party(own_words)
    return Clause(tokens, lo, hi, first_after, last_before, clause_starts, clause_end, own, own_words,
                  [t for t in tokens[first_after:clause_end] if t[0].strip()], inside_figure, usable,
                  [n for n in usable if clause_from <= n.index <= last_before], indefinite_here)
