"""Which stored articles are one story, so a figure told in three editions counts once.

Articles are linked when
  - one page names the other as a language edition (<link rel="alternate" hreflang>), in
    either direction: article_alternates holds what each page said, and an alternate that
    points at a home or listing page was dropped when it was read (discover.alternates) and
    cannot match an article anyway, since listing pages are not stored as articles;
  - one was fetched at the URL the other gives as canonical (its pages.url or final_url is the
    other's articles.url);
  - they are the same story on two sites: published within 3 days of each other, sharing at
    least two money or percent figures (same kind, currency and value within 0.5%), and with
    similar titles: the Jaccard similarity of their titles' character bigrams (Simplified
    script, lower case, letters and digits only) at least TITLE_SIMILARITY.
A story's id is the smallest articles.id among its articles; linking two stories merges them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from pipeline.entities import simplified
from pipeline.models import Figure

NEAR_DUPLICATE_DAYS = 3
# bigram Jaccard. bench/stories.py on 1,642 real pages: of 1.35M pairs of unrelated titles 0.026%
# reach 0.4 (0.0095% reach 0.5), and the two shared figures within 3 days must hold as well; of a
# page's own headline written twice (<title> against og:title or h1) 75% reach 0.4, 66% reach 0.5.
TITLE_SIMILARITY = 0.4
MIN_SHARED_FIGURES = 2
VALUE_TOLERANCE = 0.005
BAND_ROWS = 50  # figures read per money value when looking for near-duplicates
BAND_VALUES = 3  # the article's largest money values (the most specific) pick the candidates
_NOT_WORD = re.compile(r"[\W_]+")


def title_bigrams(title: str | None) -> set[str]:
    """Character bigrams of a title: letters and digits only, lower case, Simplified script."""
    text = _NOT_WORD.sub("", simplified(title or "").lower())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def title_similarity(a: str | None, b: str | None) -> float:
    """Jaccard similarity of two titles' character bigrams, 0..1 (works for Chinese and English alike)."""
    return _bigram_jaccard(title_bigrams(a), title_bigrams(b))


def _bigram_jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def shared_figures(a: list[tuple], b: list[tuple]) -> int:
    """How many of a's (kind, currency, value) figures b also has, values within 0.5%."""
    count = 0
    for kind, currency, value in a:
        if any(k == kind and c == currency and abs(v - value) <= VALUE_TOLERANCE * max(abs(v), abs(value))
               for k, c, v in b):
            count += 1
    return count


def _figure_keys(db: sqlite_utils.Database, article_ids: Iterable[int]) -> dict[int, list[tuple]]:
    """The distinct nonzero (kind, currency, value) of each stored article's figures."""
    out: dict[int, list[tuple]] = {}
    for part in _chunks(list(dict.fromkeys(article_ids))):
        for article_id, *key in db.execute(
                f"SELECT DISTINCT article_id, kind, currency, value FROM figures WHERE article_id IN ({_marks(part)})"
                " AND value IS NOT NULL AND value != 0", part):
            out.setdefault(article_id, []).append(tuple(key))
    return out


def figure_keys(figures: Iterable[Figure]) -> list[tuple]:
    """_figure_keys of figures in memory (an article being inserted): its distinct nonzero values."""
    return list({(f.kind, f.currency, f.value) for f in figures if f.value is not None and f.value != 0})


CHUNK = 500  # ids per query: well under SQLite's limit on bound parameters


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _marks(items: list) -> str:
    return ", ".join("?" * len(items))


def linked_articles(db: sqlite_utils.Database, article_id: int, keys: list[tuple] | None = None) -> set[int]:
    """Ids of the stored articles that are the same story as `article_id` by any one rule
    (`keys`: its figure_keys when the caller has them in memory)."""
    return links(db, [article_id], {article_id: keys} if keys is not None else None).get(article_id, set())


def links(db: sqlite_utils.Database, article_ids: Iterable[int], keys: dict[int, list[tuple]] | None = None
          ) -> dict[int, set[int]]:
    """linked_articles of many stored articles, a few queries per CHUNK of them instead of a
    few per article; ids not stored are left out (`keys`: figure_keys of some of them)."""
    out: dict[int, set[int]] = {}
    for part in _chunks(list(dict.fromkeys(article_ids))):
        marks = _marks(part)
        rows = db.execute("SELECT a.id, a.url, a.site, a.title, a.published_utc, p.url, p.final_url FROM articles a"
                          f" LEFT JOIN pages p ON p.id = a.page_id WHERE a.id IN ({marks})", part).fetchall()
        found: dict[int, set[int]] = {row[0]: set() for row in rows}
        # Simple indexed look-ups, one rule each (a UNION of joins let the planner scan articles).
        for article_id, other in db.execute("SELECT x.article_id, a.id FROM article_alternates x"
                                            f" JOIN articles a ON a.url = x.url WHERE x.article_id IN ({marks})", part):
            found[article_id].add(other)
        by_url = {row[1]: row[0] for row in rows}
        urls = list(by_url)
        for url, other in db.execute(f"SELECT url, article_id FROM article_alternates WHERE url IN ({_marks(urls)})",
                                     urls):
            found[by_url[url]].add(other)
        # Fetched at a URL another article has as canonical. The other direction needs no query: the
        # article saved second finds the first here, whichever it is.
        fetched_at: dict[str, list[int]] = {}
        for article_id, url, _, _, _, page_url, final_url in rows:
            for other_url in {page_url, final_url} - {None, url}:
                fetched_at.setdefault(other_url, []).append(article_id)
        for chunk in _chunks(list(fetched_at)):
            for url, other in db.execute(f"SELECT url, id FROM articles WHERE url IN ({_marks(chunk)})", chunk):
                for article_id in fetched_at[url]:
                    found[article_id].add(other)
        for article_id, others in _near_duplicates(db, [(r[0], r[2], r[3], r[4]) for r in rows], keys or {}).items():
            found[article_id] |= others
        for article_id, others in found.items():
            others.discard(article_id)
        out.update(found)
    return out


@dataclass(frozen=True)
class _Probe:
    """One article looking for near-duplicates: its figures, time window and largest money values."""

    article_id: int
    site: str | None
    title: str
    mine: list[tuple]
    low: str
    high: str
    money: list[tuple[float, str]]


def _probe(article_id: int, site: str | None, title: str, published: str, mine: list[tuple]) -> _Probe | None:
    if len(mine) < MIN_SHARED_FIGURES:
        return None
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        low, high = [(when + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ")
                     for d in (-NEAR_DUPLICATE_DAYS, NEAR_DUPLICATE_DAYS)]
    except (ValueError, OverflowError):  # a file written before published_utc was checked (0001-01-02)
        return None
    money = sorted(((v, c) for k, c, v in mine if k == "money" and c), reverse=True)[:BAND_VALUES]
    if not money:  # 24% is in every other article: money figures pick the candidates
        return None
    return _Probe(article_id, site, title, mine, low, high, money)


# At most BAND_ROWS figures per value, read from the covering (kind, currency, value, article_id)
# index: a crowded band (a round 1 亿美元) costs a bounded scan, at the price of missing a
# duplicate whose largest values are all crowded ones. One query for the bands of many articles;
# each candidate's date and site come from the (id, published_utc, site) index, never its row
# (the planner without statistics would read the rows).
_BANDS = ("WITH band(n, currency, low, high, article_id, since, until, site) AS (VALUES {values})"
          " SELECT band.n, (SELECT group_concat(a.id) FROM (SELECT article_id FROM figures WHERE kind = 'money'"
          " AND currency = band.currency AND value BETWEEN band.low AND band.high AND article_id != band.article_id"
          f" LIMIT {BAND_ROWS}) f JOIN articles a INDEXED BY idx_articles_story_window ON a.id = f.article_id"
          " WHERE a.published_utc BETWEEN band.since AND band.until AND a.site IS NOT band.site) FROM band")
BANDS_PER_QUERY = 120  # eight parameters each


def _near_duplicates(db: sqlite_utils.Database, rows: list[tuple[int, str | None, str | None, str | None]],
                     keys: dict[int, list[tuple]]) -> dict[int, set[int]]:
    """Of each (id, site, title, published_utc): the articles of other sites within
    NEAR_DUPLICATE_DAYS that give one of its three largest money figures (found through the
    kind+currency+value index, so the week's other articles are not read), then share
    MIN_SHARED_FIGURES figures and a similar title."""
    dated = [(i, site, title, published) for i, site, title, published in rows if title and published]
    stored = _figure_keys(db, [row[0] for row in dated if row[0] not in keys])
    probes = []
    for i, site, title, published in dated:
        probe = _probe(i, site, title, published, keys[i] if i in keys else stored.get(i, []))
        if probe is not None:
            probes.append(probe)
    bands = [(n, currency, *sorted((value * (1 - VALUE_TOLERANCE), value * (1 + VALUE_TOLERANCE))), p.article_id,
              p.low, p.high, p.site) for n, p in enumerate(probes) for value, currency in p.money]
    candidates: list[set[int]] = [set() for _ in probes]
    for start in range(0, len(bands), BANDS_PER_QUERY):
        part = bands[start:start + BANDS_PER_QUERY]
        sql = _BANDS.format(values=", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(part)))
        for n, found in db.execute(sql, [value for band in part for value in band]):
            if found:
                candidates[n].update(int(i) for i in str(found).split(","))
    titles: dict[int, str | None] = {}
    for chunk in _chunks(list(set().union(*candidates))):
        titles.update(db.execute(f"SELECT id, title FROM articles WHERE id IN ({_marks(chunk)})", chunk).fetchall())
    bigrams: dict[str | None, set[str]] = {}
    similar = [(probe, other) for probe, ids in zip(probes, candidates, strict=True) for other in ids
               if _jaccard(bigrams, probe.title, titles[other]) >= TITLE_SIMILARITY]
    theirs = _figure_keys(db, [other for _, other in similar])
    out: dict[int, set[int]] = {}
    for probe, other in similar:
        if shared_figures(probe.mine, theirs.get(other, [])) >= MIN_SHARED_FIGURES:
            out.setdefault(probe.article_id, set()).add(other)
    return out


def _jaccard(cache: dict[str | None, set[str]], a: str | None, b: str | None) -> float:
    """title_similarity with each title's bigrams computed once per call of _near_duplicates."""
    for title in (a, b):
        if title not in cache:
            cache[title] = title_bigrams(title)
    return _bigram_jaccard(cache[a], cache[b])


def assign_story(db: sqlite_utils.Database, article_id: int, keys: list[tuple] | None = None) -> int:
    """Give `article_id` and every article it is linked to one story_id (merging their stories);
    returns it (`keys`: as linked_articles). Call inside a transaction."""
    return assign_stories(db, [article_id], {article_id: keys} if keys is not None else None).get(article_id, article_id)


def assign_stories(db: sqlite_utils.Database, article_ids: Iterable[int], keys: dict[int, list[tuple]] | None = None
                   ) -> dict[int, int]:
    """assign_story for each of `article_ids` in turn, with a few queries per CHUNK of them:
    the links are found first (no rule reads story_id), the stories merged in memory as the
    calls one by one would merge them, then only the rows whose story changed are written.
    Returns each stored id's story as its own call would have returned it."""
    ids = list(article_ids)
    linked = links(db, ids, keys)
    involved = list(set(linked).union(*linked.values()))
    story_of: dict[int, int | None] = {}
    for chunk in _chunks(involved):
        story_of.update(db.execute(f"SELECT id, story_id FROM articles WHERE id IN ({_marks(chunk)})", chunk))
    # every article of each story that can take part (a story's id may be an article that has left it)
    members: dict[int, set[int]] = {}
    for chunk in _chunks(list({*involved, *(s for s in story_of.values() if s is not None)})):
        for member, story in db.execute(f"SELECT id, story_id FROM articles WHERE story_id IN ({_marks(chunk)})",
                                        chunk):
            members.setdefault(story, set()).add(member)
            story_of[member] = story
    before = dict(story_of)
    out = {}
    for article_id in ids:
        if article_id not in linked:
            continue  # not stored: its call would change nothing
        group = [article_id, *linked[article_id]]
        stories = {s for s in (story_of.get(i) for i in group) if s is not None}
        story = min([*group, *stories])
        everyone = set(group).union(*(members.get(s, set()) for s in stories))
        for member in everyone:
            if member in story_of and story_of[member] != story:  # an alternate's id may be no stored row
                old = story_of[member]
                if old is not None:
                    members[old].discard(member)
                story_of[member] = story
                members.setdefault(story, set()).add(member)
        out[article_id] = story
    changed = [(story, member) for member, story in story_of.items() if story != before[member]]
    db.conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", changed)
    return out


def save_alternates(db: sqlite_utils.Database, article_id: int, alternates: tuple[tuple[str, str], ...]) -> None:
    """Record the editions a page names (replacing what an earlier fetch said) and re-link its story.
    Call inside a transaction."""
    db.execute("DELETE FROM article_alternates WHERE article_id = ?", [article_id])
    own = db.execute("SELECT url FROM articles WHERE id = ?", [article_id]).fetchone()
    rows = [(article_id, lang, url) for lang, url in alternates if not own or url != own[0]]
    db.conn.executemany("INSERT OR IGNORE INTO article_alternates (article_id, hreflang, url) VALUES (?, ?, ?)", rows)
    if rows:
        assign_story(db, article_id)
