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

# jieba.posseg's own block and character classes
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SPACE = re.compile("(\r\n|\\s)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")
_ENG1 = re.compile("^[a-zA-Z0-9]$")


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
        """The words of one Han/alphanumeric block on jieba's most probable route (HMM off)."""
        freq, logp, log_total = self.freq, self.logp, self.log_total
        n = len(blk)
        best = [0.0] * (n + 1)
        step = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best_p: float | None = None
            best_x = k
            i = k
            frag = blk[k]
            found = False
            while i < n and frag in freq:
                if freq[frag]:
                    found = True
                    p = logp.get(frag)
                    if p is None:
                        p = logp[frag] = log(freq[frag]) - log_total
                    p += best[i + 1]
                    if best_p is None or p >= best_p:  # jieba's max() over (p, x): a tie goes to the longer word
                        best_p, best_x = p, i
                i += 1
                frag = blk[k:i + 1]
            if not found:  # jieba's DAG: the single character, at frequency 1
                one = blk[k]
                p = logp.get(one)
                if p is None:
                    p = logp[one] = log(freq.get(one) or 1) - log_total
                best_p, best_x = p + best[k + 1], k
            best[k] = best_p  # type: ignore[assignment]
            step[k] = best_x
        tags = self.tags
        x = 0
        buf = ""
        while x < n:
            y = step[x] + 1
            word = blk[x:y]
            if _ENG1.match(word):
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


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, part of speech, start offset) for each token of `text`, as jieba.posseg cuts it
    without its HMM (which guesses unknown words: 20x slower, not needed here)."""
    cutter = _cutter()
    out: list[tuple[str, str, int]] = []
    pos = 0
    for blk in _HAN_BLOCK.split(text):
        if not blk:
            continue
        if _HAN_BLOCK.match(blk):
            pos = cutter.block(blk, out, pos)
            continue
        for piece in _SPACE.split(blk):
            if _SPACE.match(piece):
                out.append((piece, "x", pos))
                pos += len(piece)
                continue
            eng = _ENG.match(piece) is not None
            for ch in piece:
                out.append((ch, "m" if _NUM.match(ch) else "eng" if eng else "x", pos))
                pos += 1
    return out
