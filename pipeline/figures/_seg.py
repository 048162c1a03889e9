"""jieba, loaded once, lazily and quietly, with the lexicon's entity, metric and move words.

jieba logs its dictionary loading at DEBUG to stderr and takes about a second; cron must
stay quiet and `figures --jsonl` must not pay for it, so nothing happens at import time.
"""

from __future__ import annotations

import functools
import logging

from pipeline.figures import lexicon

ENTITY_FREQ = 5000  # above jieba's own words, so "币安" stays one organisation
WORD_FREQ = 3000  # metric and move words: "净流入" one noun, "跌破" one verb


@functools.cache
def pos_tokenizer():
    """A jieba POSTokenizer with our entity, metric and direction words added."""
    import jieba
    import jieba.posseg

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
    return jieba.posseg.POSTokenizer(tokenizer)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, part of speech, start offset) for each token of `text`."""
    out = []
    pos = 0
    for pair in pos_tokenizer().cut(text, HMM=False):  # HMM guesses unknown words: 20x slower, not needed here
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return out
