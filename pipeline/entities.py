"""One name for each company, coin, country and organisation, however a sentence writes it.

The alias table ships as pipeline/data/entities.csv (entity, kind, aliases joined with '|'):
the largest crypto assets with their tickers, exchanges, stablecoin issuers, large US and
Chinese tech and finance companies, countries, central banks and regulators, in English,
zh-Hans and zh-Hant. A segment or product is an alias of its parent (Reality Labs, Threads,
Instagram -> Meta; AWS -> Amazon). Users add rows to the `entity_aliases` table
(`python -m pipeline entities FILE`); theirs win over the shipped ones.

Matching is on Simplified script (OpenCC t2s), so 比特幣 finds 比特币's row. A subject is looked
up whole (case-insensitively), then scanned for a known name; a sentence is scanned with the
same rules, which are stricter there because a sentence is free text: Latin aliases match as
whole words and in the case the table writes them (Meta, not "meta"; BTC, not "btc"), except
aliases the table writes in lower case (bitcoin, gold), and aliases shorter than three Latin
letters (OP, US, MU) are only ever matched as a whole subject.
"""

from __future__ import annotations

import csv
import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick
import sqlite_utils

from pipeline.errors import ConfigError

LOGGER = logging.getLogger(__name__)
MIN_SUBJECT_VOTES = 2  # one subject alone ("the Federal Reserve cut rates") does not make an article about it
KINDS = ("company", "asset", "country", "organisation", "product")
Entity = tuple[str, str]  # (entity, entity_kind)


@functools.cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _has_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


def simplified(text: str) -> str:
    """Traditional characters to Simplified (text without CJK is returned as it is, fast)."""
    return _converter("t2s").convert(text) if _has_cjk(text) else text


def traditional(text: str) -> str:
    """Simplified characters to Traditional."""
    return _converter("s2t").convert(text) if _has_cjk(text) else text


@functools.lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return " ".join(simplified(name).casefold().split())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity


class AliasTable:
    """Aliases -> (entity, kind), with a scanner for names inside free text.

    The scanner looks up the text's substrings of each alias length in two dicts (as written,
    and lower-cased for aliases written in lower case) instead of running a regular expression
    of a thousand alternatives, and only where an Aho-Corasick automaton of every alias, lower
    case, found one beginning (most sentences have none or one such place). Each Chinese alias
    is stored in Simplified and Traditional script, so sentences are scanned as they are, with no
    conversion (OpenCC costs about 1 ms a sentence).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """rows: (alias, entity, kind); a later row for the same alias wins."""
        self.exact: dict[str, Entity] = {}
        self._as_written: dict[str, Entity] = {}
        self._lower: dict[str, Entity] = {}
        for alias, entity, kind in rows:
            alias = alias.strip()
            if not alias:
                continue
            self.exact[_key(alias)] = (entity, kind)
            if alias.isascii() and sum(ch.isalpha() for ch in alias) < 3 and not alias[:1].isdigit():
                continue  # OP, US, MU: too short to find in free text
            forms = {alias, simplified(alias), traditional(alias)} if _has_cjk(alias) else {alias}
            for form in forms:
                (self._lower if form.isascii() and form == form.lower() else self._as_written)[form] = (entity, kind)
        starts: dict[str, set[int]] = {}
        for form in self._as_written:
            starts.setdefault(form[0], set()).add(len(form))
        for form in self._lower:
            for first in {form[0], form[0].upper()}:
                starts.setdefault(first, set()).add(len(form))
        self._starts = {ch: sorted(lengths, reverse=True) for ch, lengths in starts.items()}
        self._automaton = ahocorasick.Automaton()
        for form in {form.lower() for form in self._as_written} | set(self._lower):
            self._automaton.add_word(form, len(form))
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.exact)

    def mentions(self, text: str) -> list[Mention]:
        """Every known name in `text`, the longest at each place, left to right, not overlapping."""
        if not text or not len(self._automaton):
            return []
        lower = text.lower()
        if len(lower) == len(text) and "Σ" not in text:  # the places some alias (any case) matches in full
            places = sorted({end - length + 1 for end, length in self._automaton.iter(lower)})
        else:  # a character whose lower case is longer (İ), or depends on its neighbours (Σ: σ or ς)
            places = list(range(len(text)))
        starts = self._starts
        out: list[Mention] = []
        n = len(text)
        done = 0  # mentions do not overlap: places before the last one's end are skipped
        for i in places:
            if i < done:
                continue
            lengths = starts.get(text[i])
            if lengths is None or (i and text[i - 1].isascii() and text[i - 1].isalnum() and text[i].isascii()):
                continue  # no alias starts here as written, or inside a Latin word
            for length in lengths:
                end = i + length
                if end > n:
                    continue
                piece = text[i:end]
                hit = self._as_written.get(piece) or self._lower.get(lower[i:end])
                if hit is None:
                    continue
                if piece[-1].isascii() and end < n and text[end].isascii() and text[end].isalnum():
                    continue  # a Latin alias must end a word: BTC, not BTCUSD
                out.append(Mention(i, end, hit))
                done = end
                break
        return out

    def lookup(self, name: str | None) -> Entity | None:
        """The entity a subject names: whole, else the first known name inside it."""
        if not name:
            return None
        hit = self.exact.get(_key(name))
        if hit:
            return hit
        found = self.mentions(name)
        return found[0].entity if found else None

    def resolve(self, subject: str | None, sentence: str, at: int | None = None,
                seen: dict[str, list[Mention]] | None = None) -> Entity | None:
        """The figure's entity from its subject, else from its sentence: the name closest before
        position `at` (the figure's offset in the sentence), else the first after. A country is
        taken only when the sentence names nothing else ("美国现货比特币 ETF" is about bitcoin).

        A subject the table does not know stays the entity as written, kind unknown (""): the
        sentence's other names are not its owner ("Kestrel's USDC reserves rose 4%" is Kestrel's).

        `seen`: the mentions of sentences already scanned (several figures share a sentence)."""
        hit = self.lookup(subject)
        if hit:
            return hit
        if subject and subject.strip():
            return (subject.strip(), "")
        found = seen.get(sentence) if seen is not None else None
        if found is None:
            found = self.mentions(sentence)
            if seen is not None:
                seen[sentence] = found
        if not found:
            return None
        others = [m for m in found if m.entity[1] != "country"] or found
        if at is not None:
            before = [m for m in others if m.end <= at]
            if before:
                return before[-1].entity
        return others[0].entity


def article_entity(aliases: AliasTable, title: str | None, found: Sequence[Entity | None]) -> Entity | None:
    """The article's main entity: the first non-country name its title gives, else the entity
    its figures' subjects name most (`found`: one lookup(subject) per figure; ties: the first
    named) when they name it at least MIN_SUBJECT_VOTES times, else a country of the title. Names merely mentioned in sentences do not count: an
    exchange's results that mention USDC are not about USDC."""
    in_title = aliases.mentions(title or "")
    named = [m.entity for m in in_title if m.entity[1] != "country"]
    if named:
        return named[0]
    counts: dict[Entity, int] = {}  # not a Counter: 0.8 us an article instead of 2.6
    for entity in found:
        if entity:
            counts[entity] = counts.get(entity, 0) + 1
    if counts:
        top = max(counts, key=counts.__getitem__)  # the first named among the most named, as most_common(1)
        if counts[top] >= MIN_SUBJECT_VOTES:
            return top
    return in_title[0].entity if in_title else None


def read_csv(path: Path | str) -> list[tuple[str, str, str]]:
    """(alias, entity, kind) rows of an entities CSV: header entity,kind,aliases with aliases
    joined by '|' (the shipped format), or alias,entity,kind one alias a line."""
    rows: list[tuple[str, str, str]] = []
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the entities CSV: {exc.strerror or exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        fields = set(reader.fieldnames or ())
        if not ({"entity", "kind", "aliases"} <= fields or {"alias", "entity", "kind"} <= fields):
            raise ConfigError(f"{path}: an entities CSV needs the columns entity,kind,aliases"
                              f" (aliases joined with '|') or alias,entity,kind; it has {sorted(fields)}")
        for line, row in enumerate(reader, start=2):
            entity, kind = (row.get("entity") or "").strip(), (row.get("kind") or "").strip()
            if not entity or kind not in KINDS:
                raise ConfigError(f"{path}:{line}: needs an entity and a kind among {', '.join(KINDS)}")
            names = (row.get("aliases") or "").split("|") if "aliases" in row else [row.get("alias") or ""]
            rows.extend((name.strip(), entity, kind) for name in [entity, *names] if name.strip())
    return rows


@functools.cache
def shipped_rows() -> tuple[tuple[str, str, str], ...]:
    with resources.as_file(resources.files("pipeline") / "data" / "entities.csv") as path:
        return tuple(read_csv(path))


@functools.lru_cache(maxsize=4)
def _table(user_rows: tuple[tuple[str, str, str], ...]) -> AliasTable:
    return AliasTable([*shipped_rows(), *user_rows])


def alias_table(db: sqlite_utils.Database | None = None) -> AliasTable:
    """The shipped aliases plus the database's own (entity_aliases), built once per content."""
    user: tuple[tuple[str, str, str], ...] = ()
    if db is not None:
        user = tuple(db.execute("SELECT alias, entity, entity_kind FROM entity_aliases ORDER BY alias").fetchall())
    return _table(user)


def load_user_aliases(db: sqlite_utils.Database, path: Path) -> tuple[int, int]:
    """Add (or replace) the rows of a user's entities CSV in entity_aliases; returns how many
    rows the file has and how many of them were not stored as they are (0: nothing to re-derive).
    Call inside a transaction."""
    by_alias: dict[str, tuple[str, str, str]] = {}
    for row in read_csv(path):
        if row[0] in by_alias and by_alias[row[0]][1:] != row[1:]:
            LOGGER.warning("%s: %r is listed for %s and for %s; the last one is kept", path, row[0],
                           by_alias[row[0]][1], row[1])
        by_alias[row[0]] = row  # as INSERT OR REPLACE would keep it: counting must agree, or every run re-derives
    rows = list(by_alias.values())
    stored = dict(((a, (e, k)) for a, e, k in db.execute("SELECT alias, entity, entity_kind FROM entity_aliases")))
    changed = sum(1 for alias, entity, kind in rows if stored.get(alias) != (entity, kind))
    db.conn.executemany("INSERT OR REPLACE INTO entity_aliases (alias, entity, entity_kind) VALUES (?, ?, ?)", rows)
    return len(rows), changed
