"""The word lists of figure context, read once, lazily, from the data files in `lexicon/`.

Words are data, not code, so that growing the lexicon from real text is an edit to a
documented list (`metrics.toml`, `directions.toml`, `entities.tsv`, `not_subjects.txt`) and never a
change to the rules. `hant_to_hans.txt` maps Traditional characters to Simplified ones, one for one:
jieba's dictionary is Simplified, so a Traditional sentence is segmented through its Simplified twin
(`to_simplified`), and every Traditional word of the lists is also looked up in its Simplified form. Each file keeps Simplified, Traditional and English words apart; a word
listed twice (under one key or two) is a `LexiconError` at load, because the second entry
would silently win or lose depending on the order of the file.

Nothing is read at import time: the first call reads and checks a file, later calls reuse it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from pipeline.errors import PipelineError

SCRIPTS = ("hans", "hant", "zh", "en")  # Simplified only, Traditional only, both, English
OTHER = "other"  # metrics.toml's key for measures outside the vocabulary: it stops the search, the metric stays null


class LexiconError(PipelineError):
    """A data file of pipeline/figures/lexicon/ is malformed; the message names file and line."""


def _read(name: str) -> str:
    return resources.files("pipeline.figures").joinpath("lexicon", name).read_text("utf-8")


def _keyed_words(name: str) -> dict[str, str]:
    return with_simplified(parse_keyed_words(_read(name), name))


@functools.cache
def _hant_table() -> dict[int, int]:
    """str.translate table: Traditional code point -> Simplified code point."""
    table: dict[int, int] = {}
    for number, line in enumerate(_read("hant_to_hans.txt").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        for pair in line.split():
            if len(pair) != 2:
                raise LexiconError(f"pipeline/figures/lexicon/hant_to_hans.txt line {number}: {pair!r};"
                                   f" write pairs of one Traditional and one Simplified character")
            table[ord(pair[0])] = ord(pair[1])
    return table


# characters of the table that Simplified text also uses (显著, 乾隆, 伙/夥, 明瞭, 藉口): alone they
# do not make a sentence Traditional
_ALSO_SIMPLIFIED = frozenset("著乾夥瞭藉")


def to_simplified(text: str) -> str:
    """`text` with Traditional characters written in Simplified, of the same length, so offsets hold.

    Text with no Traditional character other than those Simplified text also uses is returned as it is."""
    if _hant_re().search(text) is None:
        return text
    return text.translate(_hant_table())


@functools.cache
def _hant_re() -> re.Pattern:
    """Any Traditional character of the table that Simplified text does not also use."""
    chars = sorted(c for c in _hant_table() if chr(c) not in _ALSO_SIMPLIFIED)
    return re.compile("[" + "".join(re.escape(chr(c)) for c in chars) + "]")


def with_simplified(words: dict[str, str]) -> dict[str, str]:
    """`words` plus the Simplified twin of each Traditional word, for tokens of a Simplified twin."""
    out = dict(words)
    table = _hant_table()
    for word, key in words.items():
        if not word.isascii():
            out.setdefault(word.translate(table), key)
    return out


def parse_keyed_words(text: str, name: str) -> dict[str, str]:
    """word -> key for the TOML text of `[key]` tables with hans/hant/zh/en word lists.

    Raises LexiconError on a word listed twice, a table without `means` and `examples`, an
    unknown list, or a Chinese word in `en` (and the reverse)."""
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"pipeline/figures/lexicon/{name}: {exc}; fix the TOML syntax") from exc
    out: dict[str, str] = {}
    seen: dict[str, str] = {}  # lower-cased word -> key, since English words match case-insensitively
    for key, table in tables.items():
        if not isinstance(table, dict) or not table.get("means") or not table.get("examples"):
            raise LexiconError(f"pipeline/figures/lexicon/{name}: [{key}] needs 'means' and 'examples'")
        unknown = set(table) - {"means", "examples", *SCRIPTS}
        if unknown:
            raise LexiconError(f"pipeline/figures/lexicon/{name}: [{key}] has unknown lists {sorted(unknown)};"
                               f" use {', '.join(SCRIPTS)}")
        for script in SCRIPTS:
            for word in table.get(script, []):
                folded = word.lower()
                if folded in seen:
                    raise LexiconError(f"pipeline/figures/lexicon/{name}: {word!r} is listed under [{seen[folded]}]"
                                       f" and again under [{key}]; keep one")
                if (script == "en") != word.isascii():
                    raise LexiconError(f"pipeline/figures/lexicon/{name}: {word!r} under [{key}] {script}:"
                                       f" English words go in 'en', Chinese words in hans/hant/zh")
                seen[folded] = key
                out[word] = key
    return out


@functools.cache
def metric_words() -> dict[str, str]:
    """Metric word (as spelled) -> metric key, from metrics.toml."""
    return _keyed_words("metrics.toml")


@functools.cache
def metric_lookup() -> dict[str, str]:
    """Lower-cased metric word -> metric key."""
    return {word.lower(): key for word, key in metric_words().items()}


@functools.cache
def direction_words() -> dict[str, str]:
    """Move word (as spelled) -> "up" or "down", from directions.toml."""
    words = _keyed_words("directions.toml")
    wrong = set(words.values()) - {"up", "down"}
    if wrong:
        raise LexiconError(f"pipeline/figures/lexicon/directions.toml: tables {sorted(wrong)}; only [up] and [down]")
    return words


@functools.cache
def up_words() -> frozenset[str]:
    """Lower-cased words that say up."""
    return frozenset(w.lower() for w, d in direction_words().items() if d == "up")


@functools.cache
def down_words() -> frozenset[str]:
    """Lower-cased words that say down."""
    return frozenset(w.lower() for w, d in direction_words().items() if d == "down")


@functools.cache
def entities() -> dict[str, str]:
    """Entity word -> tag ("nt" organisation, "nz" asset or project), from entities.tsv."""
    out: dict[str, str] = {}
    for number, line in enumerate(_read("entities.tsv").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[1] not in ("nt", "nz"):
            raise LexiconError(f"pipeline/figures/lexicon/entities.tsv line {number}: {line!r};"
                               f" write word<TAB>nt or word<TAB>nz")
        if parts[0] in out:
            raise LexiconError(f"pipeline/figures/lexicon/entities.tsv line {number}: {parts[0]!r} is listed twice")
        out[parts[0]] = parts[1]
    return with_simplified(out)


@functools.cache
def not_subjects() -> frozenset[str]:
    """Capitalised words that never name a subject on their own (The, Q4, CEO, USD, March...)."""
    words = [w.strip() for w in _read("not_subjects.txt").splitlines() if w.strip() and not w.startswith("#")]
    if len(words) != len(set(words)):
        raise LexiconError("pipeline/figures/lexicon/not_subjects.txt lists a word twice; keep one")
    return frozenset(words)


def trie_alternation(words, fold: bool = False) -> str:
    """A regex matching any of `words`, written as a trie ("rose|rise|risen" -> "r(?:ise(?:n)?|ose)"),
    so the engine reads a word once instead of trying every alternative in turn; as with a
    longest-first alternation, the longest spelling wins and backtracking tries the shorter ones.
    `fold`: lower-case the words first (for patterns compiled with re.I)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in (word.lower() if fold else word):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word may end here: the longer continuations are tried first (greedy)
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(root) or "(?!)"


def word_pattern(words) -> re.Pattern:
    """A case-insensitive regex for any of `words`, longest first. English words need word
    boundaries ("up" in "update"); Chinese words cannot have them."""
    words = list(words)
    parts = []
    if any(w.isascii() for w in words):
        parts.append(rf"(?<![A-Za-z])(?:{trie_alternation((w for w in words if w.isascii()), fold=True)})(?![A-Za-z])")
    if any(not w.isascii() for w in words):
        parts.append(trie_alternation(w for w in words if not w.isascii()))
    return re.compile(f"(?:{'|'.join(parts) or '(?!)'})", re.I)


@functools.cache
def metric_re() -> re.Pattern:
    """Any metric word."""
    return word_pattern(metric_words())


@functools.cache
def metric_re_en() -> re.Pattern:
    """Any English metric word: English sentences need not try the Chinese ones."""
    return word_pattern(w for w in metric_words() if w.isascii())


@functools.cache
def up_re() -> re.Pattern:
    """Any up word."""
    return word_pattern(w for w, d in direction_words().items() if d == "up")


@functools.cache
def down_re() -> re.Pattern:
    """Any down word."""
    return word_pattern(w for w, d in direction_words().items() if d == "down")
