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
from collections.abc import Iterable
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
    x, y = title_bigrams(a), title_bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def shared_figures(a: list[tuple], b: list[tuple]) -> int:
    """How many of a's (kind, currency, value) figures b also has, values within 0.5%."""
    count = 0
    for kind, currency, value in a:
        if any(k == kind and c == currency and abs(v - value) <= VALUE_TOLERANCE * max(abs(v), abs(value))
               for k, c, v in b):
            count += 1
    return count


def _figure_keys(db: sqlite_utils.Database, article_id: int) -> list[tuple]:
    return db.execute("SELECT DISTINCT kind, currency, value FROM figures WHERE article_id = ? AND value IS NOT NULL"
                      " AND value != 0", [article_id]).fetchall()


def figure_keys(figures: Iterable[Figure]) -> list[tuple]:
    """_figure_keys of figures in memory (an article being inserted): its distinct nonzero values."""
    return list({(f.kind, f.currency, f.value) for f in figures if f.value is not None and f.value != 0})


def linked_articles(db: sqlite_utils.Database, article_id: int, keys: list[tuple] | None = None) -> set[int]:
    """Ids of the stored articles that are the same story as `article_id` by any one rule
    (`keys`: its figure_keys when the caller has them in memory)."""
    row = db.execute("SELECT a.url, a.site, a.title, a.published_utc, p.url, p.final_url FROM articles a"
                     " LEFT JOIN pages p ON p.id = a.page_id WHERE a.id = ?", [article_id]).fetchone()
    if row is None:
        return set()
    url, site, title, published, page_url, final_url = row
    # Simple indexed look-ups, one rule each (a UNION of joins let the planner scan articles).
    found = {r[0] for r in db.execute("SELECT a.id FROM article_alternates x JOIN articles a ON a.url = x.url"
                                      " WHERE x.article_id = ?", [article_id])}
    found |= {r[0] for r in db.execute("SELECT article_id FROM article_alternates WHERE url = ?", [url])}
    # Fetched at a URL another article has as canonical. The other direction needs no query: the
    # article saved second finds the first here, whichever it is.
    for other in {page_url, final_url} - {None, url}:
        found |= {r[0] for r in db.execute("SELECT id FROM articles WHERE url = ?", [other])}
    found |= _near_duplicates(db, article_id, site, title, published, keys)
    found.discard(article_id)
    return found


def _near_duplicates(db: sqlite_utils.Database, article_id: int, site: str | None, title: str | None,
                     published: str | None, keys: list[tuple] | None = None) -> set[int]:
    """Articles of other sites within NEAR_DUPLICATE_DAYS that give one of this article's three
    largest money figures (found through the kind+currency+value index, so the week's other
    articles are not read), then share MIN_SHARED_FIGURES figures and a similar title."""
    if not published or not title:
        return set()
    mine = _figure_keys(db, article_id) if keys is None else keys
    if len(mine) < MIN_SHARED_FIGURES:
        return set()
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        low, high = [(when + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ")
                     for d in (-NEAR_DUPLICATE_DAYS, NEAR_DUPLICATE_DAYS)]
    except (ValueError, OverflowError):  # a file written before published_utc was checked (0001-01-02)
        return set()
    money = sorted(((v, c) for k, c, v in mine if k == "money" and c), reverse=True)[:BAND_VALUES]
    if not money:  # 24% is in every other article: money figures pick the candidates
        return set()
    # At most BAND_ROWS figures per value, read from the covering (kind, currency, value,
    # article_id) index: a crowded band (a round 1 亿美元) costs a bounded scan, at the price of
    # missing a duplicate whose largest values are all crowded ones. One query for all bands.
    bands, params = [], []
    for value, currency in money:
        bands.append("SELECT * FROM (SELECT article_id FROM figures WHERE kind = 'money' AND currency = ?"
                     " AND value BETWEEN ? AND ? AND article_id != ? LIMIT ?)")
        params += [currency, *sorted((value * (1 - VALUE_TOLERANCE), value * (1 + VALUE_TOLERANCE))),
                   article_id, BAND_ROWS]
    candidates: dict[int, str | None] = dict(db.execute(
        f"SELECT DISTINCT a.id, a.title FROM ({' UNION ALL '.join(bands)}) f JOIN articles a ON a.id = f.article_id"
        " WHERE a.published_utc BETWEEN ? AND ? AND a.site IS NOT ?", [*params, low, high, site]).fetchall())
    out = set()
    for other_id, other_title in candidates.items():
        if title_similarity(title, other_title) >= TITLE_SIMILARITY and \
                shared_figures(mine, _figure_keys(db, other_id)) >= MIN_SHARED_FIGURES:
            out.add(other_id)
    return out


def assign_story(db: sqlite_utils.Database, article_id: int, keys: list[tuple] | None = None) -> int:
    """Give `article_id` and every article it is linked to one story_id (merging their stories);
    returns it (`keys`: as linked_articles). Call inside a transaction."""
    linked = linked_articles(db, article_id, keys)
    ids = [article_id, *linked]
    marks = ", ".join("?" * len(ids))
    stories = {r[0] for r in db.execute(f"SELECT story_id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL",
                                        ids).fetchall()}
    story = min([*ids, *stories])
    members = set(ids)
    if stories:
        smarks = ", ".join("?" * len(stories))
        members |= {r[0] for r in db.execute(f"SELECT id FROM articles WHERE story_id IN ({smarks})",
                                             list(stories)).fetchall()}
    mmarks = ", ".join("?" * len(members))
    db.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({mmarks}) AND story_id IS NOT ?", [story, *members, story])
    return story


def save_alternates(db: sqlite_utils.Database, article_id: int, alternates: tuple[tuple[str, str], ...]) -> None:
    """Record the editions a page names (replacing what an earlier fetch said) and re-link its story.
    Call inside a transaction."""
    db.execute("DELETE FROM article_alternates WHERE article_id = ?", [article_id])
    own = db.execute("SELECT url FROM articles WHERE id = ?", [article_id]).fetchone()
    rows = [(article_id, lang, url) for lang, url in alternates if not own or url != own[0]]
    db.conn.executemany("INSERT OR IGNORE INTO article_alternates (article_id, hreflang, url) VALUES (?, ?, ?)", rows)
    if rows:
        assign_story(db, article_id)
