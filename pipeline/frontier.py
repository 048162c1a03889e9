"""What to fetch next, persisted in the `frontier` table so a killed crawl resumes where it stopped.

States: queued -> fetching -> done | failed | skipped. A URL left in `fetching` by a
killed run goes back to `queued` when the next run starts. The seen-set is the table
itself, so memory does not grow with the crawl.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import sqlite_utils


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


MAX_ATTEMPTS = 3
# Failures worth another try on a later run; a 404 or a robots.txt refusal is not.
TRANSIENT_REASONS = ("timeout:%", "connection:%", "http: HTTP 5%", "http: HTTP 429%", "too_large:%")


def recover(db: sqlite_utils.Database, revisit_hours: float | None = None,
            article_revisit_hours: float | None = None) -> int:
    """Requeue URLs a killed run left in `fetching`, transient failures with tries left, and
    done URLs due for a conditional GET: listing pages (and pages of unknown kind) last fetched
    more than `revisit_hours` ago, article pages more than `article_revisit_hours` ago (0: never).

    Listing pages are where new articles appear; an article seldom changes after its first days.
    """
    now = _now()
    cursor = db.execute("UPDATE frontier SET state = 'queued', updated_at = ? WHERE state = 'fetching'", [now])
    requeued = cursor.rowcount
    transient = " OR ".join("reason LIKE ?" for _ in TRANSIENT_REASONS)
    cursor = db.execute(f"UPDATE frontier SET state = 'queued', updated_at = ? WHERE state = 'failed'"
                        f" AND attempts < ? AND ({transient})", [now, MAX_ATTEMPTS, *TRANSIENT_REASONS])
    requeued += cursor.rowcount
    schedules = [(revisit_hours, "kind IS NOT 'article'")]
    if article_revisit_hours:  # None or 0: articles are not revisited
        schedules.append((article_revisit_hours, "kind = 'article'"))
    for hours, which in schedules:
        if hours is None:
            continue
        cutoff = (datetime.now(timezone.utc) - timedelta(hours=hours)).isoformat(timespec="seconds")
        cursor = db.execute("UPDATE frontier SET state = 'queued', attempts = 0, updated_at = ?"
                            f" WHERE state = 'done' AND updated_at < ? AND reason IS NULL AND {which}", [now, cutoff])
        requeued += cursor.rowcount
    return requeued


def add(db: sqlite_utils.Database, urls: list[str], depth: int, source: str | None = None,
        requeue: bool = False) -> int:
    """Add unseen URLs as queued; with `requeue`, also put finished ones back (seeds on each run)."""
    now = _now()
    added = 0
    for url in urls:
        cursor = db.execute(
            "INSERT OR IGNORE INTO frontier (url, host, depth, state, discovered_from, added_at, updated_at)"
            " VALUES (?, ?, ?, 'queued', ?, ?, ?)", [url, _host(url), depth, source, now, now])
        added += cursor.rowcount
        if requeue and cursor.rowcount == 0:
            db.execute("UPDATE frontier SET state = 'queued', depth = MIN(depth, ?), updated_at = ?"
                       " WHERE url = ? AND state != 'fetching'", [depth, now, url])
    return added


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def requeue_if_modified(db: sqlite_utils.Database, url: str, lastmod: str | None) -> bool:
    """Requeue a done URL whose sitemap/feed lastmod is newer than our last fetch of it."""
    if not lastmod:
        return False
    cursor = db.execute("UPDATE frontier SET state = 'queued', attempts = 0, updated_at = ?"
                        " WHERE url = ? AND state = 'done' AND updated_at < ?", [_now(), url, lastmod])
    return cursor.rowcount > 0


def next_url(db: sqlite_utils.Database, skip_hosts: set[str] = frozenset()) -> tuple[str, int] | None:
    """The shallowest queued URL (breadth first) not on a skipped host, marked `fetching`."""
    skip = sorted(skip_hosts)
    where = f" AND host NOT IN ({', '.join('?' * len(skip))})" if skip else ""
    row = db.execute(f"SELECT url, depth FROM frontier WHERE state = 'queued'{where} ORDER BY depth, rowid LIMIT 1",
                     skip).fetchone()
    if row is None:
        return None
    db.execute("UPDATE frontier SET state = 'fetching', attempts = attempts + 1, updated_at = ? WHERE url = ?",
               [_now(), row[0]])
    return row[0], row[1]


def finish(db: sqlite_utils.Database, url: str, state: str, reason: str | None = None,
           kind: str | None = None) -> None:
    """Record how a URL ended: done, failed or skipped, with the reason; `kind` ('article' or
    'listing') once a fetch shows what the page is, kept when a 304 shows nothing new."""
    db.execute("UPDATE frontier SET state = ?, reason = ?, kind = COALESCE(?, kind), updated_at = ? WHERE url = ?",
               [state, reason, kind, _now(), url])


def queued_hosts(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT DISTINCT host FROM frontier WHERE state = 'queued'")}


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT state, COUNT(*) FROM frontier GROUP BY state").fetchall())
