"""The scheduler: what to fetch next, persisted in the `frontier` table so a killed crawl
resumes where it stopped.

States: queued -> fetching -> done | failed | skipped. A URL left in `fetching` by a
killed run goes back to `queued` when the next run starts. The seen-set is the table
itself, so memory does not grow with the crawl.

A transient failure goes back to `queued` with a not-before time (`retry_later`), as scrapy's
retry middleware hands a request back to its scheduler: the retry then waits its turn under
the host's politeness and the run's time budget, and no fetch thread sleeps through a backoff.
`attempts` counts the runs that took a URL (a retry inside one run is not a new one), so a URL
that failed for a whole run is still tried again by the next `MAX_ATTEMPTS - 1` runs.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta, timezone
import sqlite_utils

from pipeline.models import TRANSIENT_KINDS, TRANSIENT_STATUSES, ErrorKind, FrontierState, PageKind
from pipeline.urls import host_key


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso_ms(when: datetime) -> str:
    """A retry time in UTC to the millisecond: a 0.5 s backoff must not round down to now."""
    return when.astimezone(timezone.utc).isoformat(timespec="milliseconds")


MAX_ATTEMPTS = 3
# Failures worth another try on a later run (models.is_transient, as SQL); a 404 or a robots.txt refusal is not.
_TRANSIENT_SQL = (f"(error_kind IN ({', '.join(repr(str(k)) for k in sorted(TRANSIENT_KINDS))})"
                  f" OR (error_kind = 'http' AND http_status IN ({', '.join(map(str, sorted(TRANSIENT_STATUSES)))})))")


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
    cursor = db.execute(f"UPDATE frontier SET state = 'queued', not_before = NULL, updated_at = :now"
                        f" WHERE state = 'failed' AND attempts < :max AND {_TRANSIENT_SQL}",
                        {"now": now, "max": MAX_ATTEMPTS})
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
            " VALUES (?, ?, ?, 'queued', ?, ?, ?)", [url, host_key(url), depth, source, now, now])
        added += cursor.rowcount
        if requeue and cursor.rowcount == 0:
            db.execute("UPDATE frontier SET state = 'queued', depth = MIN(depth, ?), updated_at = ?"
                       " WHERE url = ? AND state != 'fetching'", [depth, now, url])
    return added


def requeue_if_modified(db: sqlite_utils.Database, url: str, lastmod: datetime | None) -> bool:
    """Requeue a done URL whose sitemap/feed lastmod is newer than our last fetch of it.

    `lastmod` is a time, not text: it is written in UTC in the very format of `updated_at`
    (seconds, +00:00), so the comparison in SQL orders times, whatever offset the site used.
    A naive `lastmod` is taken as UTC.
    """
    if lastmod is None:
        return False
    if lastmod.tzinfo is None:
        lastmod = lastmod.replace(tzinfo=timezone.utc)
    when = lastmod.astimezone(timezone.utc).isoformat(timespec="seconds")
    cursor = db.execute("UPDATE frontier SET state = 'queued', attempts = 0, updated_at = ?"
                        " WHERE url = ? AND state = 'done' AND updated_at < ?", [_now(), url, when])
    return cursor.rowcount > 0


def next_url(db: sqlite_utils.Database, skip_hosts: Collection[str] = frozenset()) -> tuple[str, int] | None:
    """The shallowest queued URL (breadth first) not on a skipped host and not waiting for a
    retry time, marked `fetching`. A retry (one with a not-before time) does not add to `attempts`."""
    skip = sorted(skip_hosts)
    where = f" AND host NOT IN ({', '.join('?' * len(skip))})" if skip else ""
    row = db.execute(f"SELECT url, depth FROM frontier WHERE state = 'queued'{where}"
                     " AND (not_before IS NULL OR not_before <= ?) ORDER BY depth, rowid LIMIT 1",
                     [*skip, _iso_ms(datetime.now(timezone.utc))]).fetchone()
    if row is None:
        return None
    db.execute("UPDATE frontier SET state = 'fetching', attempts = attempts + (not_before IS NULL),"
               " not_before = NULL, updated_at = ? WHERE url = ?", [_now(), row[0]])
    return row[0], row[1]


def finish(db: sqlite_utils.Database, url: str, state: FrontierState, reason: str | None = None,
           kind: PageKind | None = None, error_kind: ErrorKind | None = None, http_status: int | None = None) -> None:
    """Record how a URL ended: done, failed or skipped, with the reason and error kind; `kind`
    ('article' or 'listing') once a fetch shows what the page is, kept when a 304 shows nothing new."""
    db.execute("UPDATE frontier SET state = :state, reason = :reason, kind = COALESCE(:kind, kind),"
               " error_kind = :error_kind, http_status = :http_status, not_before = NULL, updated_at = :now"
               " WHERE url = :url",
               {"state": str(state), "reason": reason, "kind": str(kind) if kind else None,
                "error_kind": str(error_kind) if error_kind else None, "http_status": http_status,
                "now": _now(), "url": url})


def retry_later(db: sqlite_utils.Database, url: str, not_before: datetime, reason: str) -> None:
    """Put a URL whose fetch failed transiently back in the queue, not to start before
    `not_before`: politeness and the run's time budget then hold for the retry too, and no
    worker sleeps through the backoff."""
    db.execute("UPDATE frontier SET state = 'queued', reason = :reason, not_before = :when, updated_at = :now"
               " WHERE url = :url",
               {"reason": reason, "when": _iso_ms(not_before),
                "now": _now(), "url": url})


def release(db: sqlite_utils.Database, url: str, reason: str) -> None:
    """Put a URL taken in this run back in the queue as it was, not a failure and not a retry:
    its fetch was cut off by the run's end."""
    db.execute("UPDATE frontier SET state = 'queued', reason = :reason, updated_at = :now WHERE url = :url",
               {"reason": reason, "now": _now(), "url": url})


def soonest_retry(db: sqlite_utils.Database) -> datetime | None:
    """When the earliest queued retry may start, if any URL is waiting for one."""
    row = db.execute("SELECT MIN(not_before) FROM frontier"
                     " WHERE state = 'queued' AND not_before IS NOT NULL").fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def ready_times(db: sqlite_utils.Database) -> dict[str, datetime | None]:
    """Each host with a URL queued, and when its first one may start: None for now, else the
    earliest retry time of its URLs (all of them waiting for one)."""
    rows = db.execute("SELECT host, MIN(COALESCE(not_before, '')) FROM frontier WHERE state = 'queued'"
                      " GROUP BY host").fetchall()
    return {host: datetime.fromisoformat(when) if when else None for host, when in rows}


def queued_hosts(db: sqlite_utils.Database) -> set[str]:
    """The hosts with a URL queued (waiting for a retry time or not)."""
    return {row[0] for row in db.execute("SELECT DISTINCT host FROM frontier WHERE state = 'queued'")}


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """URLs per state, for the run summary."""
    return dict(db.execute("SELECT state, COUNT(*) FROM frontier GROUP BY state").fetchall())
