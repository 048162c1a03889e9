"""jieba, loaded once, lazily and quietly, with the lexicon's entity, metric and move words.

jieba logs its dictionary loading at DEBUG to stderr and takes about a second; cron must
stay quiet and `figures --jsonl` must not pay for it, so nothing happens at import time.

`tokens` cuts as `jieba.posseg.POSTokenizer.cut(text, HMM=False)` does, token for token (the
tests compare them on real text), in one pass per block instead of jieba's generator chain
and per-call log(): the figure step spent a third of its time there.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from math import log

from pipeline.figures import lexicon

ENTITY_FREQ = 5000  # above jieba's own words, so "币安" stays one organisation
WORD_FREQ = 3000  # metric and move words: "净流入" one noun, "跌破" one verb

_ABSENT, _PREFIX = 2.0, 1.0  # _Cutter.logp markers: no word starts so / a prefix of a word only
_MAX_CACHED = 300_000  # about 25 MB: 610,000 characters of real Chinese text fill 102,000
# jieba.posseg's own block and character classes
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
# posseg's _ENG1 ("^[a-zA-Z0-9]$") on one character, as a set: no regex call per token
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@functools.cache
def word_tokenizer():
    """jieba's Tokenizer with our entity, metric and direction words added (and their tags)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, tag in lexicon.entities().items():
        tokenizer.add_word(word, ENTITY_FREQ, tag)
    for word in lexicon.metric_words():
        if not word.isascii():
            tokenizer.add_word(word, WORD_FREQ, "n")
    for word in lexicon.direction_words():  # after the metrics: 亏损, 净流入 are moves too
        if not word.isascii():
            tokenizer.add_word(word, WORD_FREQ, "v")
    # a copy: jieba.posseg empties user_word_tag_tab once it has read it (pos_tokenizer)
    tokenizer.pipeline_word_tags = dict(tokenizer.user_word_tag_tab)
    return tokenizer


@functools.cache
def pos_tokenizer():
    """jieba.posseg over word_tokenizer(): the reference tokens() is tested against. Not used to
    cut: jieba.posseg's own tables (its HMM and a second copy of every word) cost 100 MB a process."""
    import jieba.posseg

    pos = jieba.posseg.POSTokenizer(word_tokenizer())
    pos.makesure_userdict_loaded()  # the added words' tags into pos.word_tag_tab, once
    return pos


def _word_tags(tokenizer) -> dict[str, str]:
    """Each dictionary word's part of speech, as jieba.posseg's word_tag_tab holds them (the
    dictionary file's, then the added words'), keyed by the tokenizer's own word strings and
    with one string per tag: 23 MB instead of posseg's 100."""
    from_file: dict[str, str] = {}
    with tokenizer.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").strip().split(" ")
            if len(parts) == 3:
                from_file[parts[0]] = sys.intern(parts[2])
    from_file.update({word: sys.intern(tag) for word, tag in tokenizer.pipeline_word_tags.items()})
    return {word: from_file[word] for word in tokenizer.FREQ if word in from_file}


class _Cutter:
    """jieba's dictionary and tags, with each word's log probability computed once. It reads
    the tokenizer as word_tokenizer() built it: a word added to that tokenizer later would not be
    seen (its total and log probabilities are cached here), so add words in word_tokenizer()."""

    def __init__(self, tokenizer) -> None:
        self.freq: dict[str, int] = tokenizer.FREQ
        self.tags: dict[str, str] = _word_tags(tokenizer)
        self.log_total = log(tokenizer.total)
        self.logp: dict[str, float] = {}

    def block(self, blk: str, out: list[tuple[str, str, int]], pos: int) -> int:
        """The words of one Han/alphanumeric block on jieba's most probable route (HMM off).

        `logp` caches, per fragment, its log probability, or _PREFIX (a prefix of a word, not a
        word) or _ABSENT (no word starts so), so the inner loop does one dict lookup a step."""
        freq, logp, log_total = self.freq, self.logp, self.log_total
        if len(logp) > _MAX_CACHED:  # fragments of unseen text: keep the cache bounded
            logp.clear()
        n = len(blk)
        best = [0.0] * (n + 1)
        step = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best_p: float | None = None
            best_x = k
            i = k
            frag = blk[k]
            while i < n:
                p = logp.get(frag)
                if p is None:
                    f = freq.get(frag)
                    p = logp[frag] = _ABSENT if f is None else log(f) - log_total if f else _PREFIX
                if p > 0.0:  # log probabilities are <= 0: a marker
                    if p == _ABSENT:
                        break
                else:
                    p += best[i + 1]
                    if best_p is None or p >= best_p:  # jieba's max() over (p, x): a tie goes to the longer word
                        best_p, best_x = p, i
                i += 1
                frag = blk[k:i + 1]
            if best_p is None:  # jieba's DAG: the single character, at frequency 1
                one = blk[k]
                f = freq.get(one)
                best_p, best_x = (log(f) if f else 0.0) - log_total + best[k + 1], k
            best[k] = best_p
            step[k] = best_x
        tags = self.tags
        x = 0
        buf = ""
        while x < n:
            y = step[x] + 1
            word = blk[x:y]
            if len(word) == 1 and word in _ALNUM:
                buf += word
            else:
                if buf:
                    out.append((buf, "eng", pos))
                    pos += len(buf)
                    buf = ""
                out.append((word, tags.get(word, "x"), pos))
                pos += len(word)
            x = y
        if buf:
            out.append((buf, "eng", pos))
            pos += len(buf)
        return pos


@functools.cache
def _cutter() -> _Cutter:
    return _Cutter(word_tokenizer())


def place_prefix(word: str) -> str | None:
    """The longest start of `word`, of two or more characters, that jieba's dictionary tags as a place
    ("美国劳工部": 美国), or None."""
    tags = _cutter().tags
    return next((word[:size] for size in range(len(word) - 1, 1, -1) if tags.get(word[:size]) == "ns"), None)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, part of speech, start offset) for each token of `text`, as jieba.posseg cuts it
    without its HMM (which guesses unknown words: 20x slower, not needed here).

    Between the Han/alphanumeric blocks posseg splits on whitespace and then emits every other
    character alone; as no letter, digit or point lies outside a block, each is tagged "x", and
    "\r\n" stays one token. One finditer over the blocks does the same without the splits."""
    cutter = _cutter()
    out: list[tuple[str, str, int]] = []
    pos = 0
    for m in _HAN_BLOCK.finditer(text):
        if m.start() > pos:
            _gap(text, pos, m.start(), out)
        pos = cutter.block(m.group(), out, m.start())
    if pos < len(text):
        _gap(text, pos, len(text), out)
    return out


def _gap(text: str, lo: int, hi: int, out: list[tuple[str, str, int]]) -> None:
    """The characters of text[lo:hi] (outside any block), one token each, "\r\n" as one."""
    k = lo
    while k < hi:
        if text[k] == "\r" and k + 1 < hi and text[k + 1] == "\n":
            out.append(("\r\n", "x", k))
            k += 2
            continue
        out.append((text[k], "x", k))
        k += 1
