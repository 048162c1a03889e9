"""jieba, loaded once, lazily and quietly, with the finance dictionary that ships here.

jieba logs its dictionary loading at DEBUG to stderr and takes about a second; cron must
stay quiet and `figures --jsonl` must not pay for it, so nothing happens at import time.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources


@functools.cache
def pos_tokenizer():
    """A jieba POSTokenizer with our entity, metric and direction words added."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    from pipeline.figures.context import DOWN_WORDS, METRICS, UP_WORDS

    for line in resources.files("pipeline.figures").joinpath("finance_dict.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, freq, tag = line.rsplit(" ", 2)
            tokenizer.add_word(word, int(freq), tag)
    for word in METRICS:
        if not word.isascii():
            tokenizer.add_word(word, 3000, "n")
    for word in (*UP_WORDS, *DOWN_WORDS):
        if not word.isascii():
            tokenizer.add_word(word, 3000, "v")
    return jieba.posseg.POSTokenizer(tokenizer)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, part of speech, start offset) for each token of `text`."""
    out = []
    pos = 0
    for pair in pos_tokenizer().cut(text, HMM=False):  # HMM guesses unknown words: 20x slower, not needed here
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return out
