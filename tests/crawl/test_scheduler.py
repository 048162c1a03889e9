"""The crawl queue in SQLite: breadth first, per-host skipping, recovery after a kill, revisits
on two schedules, retries with a not-before time, and requeueing by sitemap lastmod."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline import store
from pipeline.crawl import scheduler as frontier
from pipeline.models import ErrorKind

UTC = timezone.utc


def states(db) -> dict[str, str]:
    return dict(db.execute("SELECT url, state FROM frontier").fetchall())


def taken(db, urls: list[str]) -> None:
    """Queue `urls` and take them all, as a run's fetches would (call inside a transaction)."""
    frontier.add(db, urls, depth=1)
    for _ in urls:
        frontier.next_url(db)


def test_breadth_first_and_skipped_hosts(tmp_path):
    db = store.open_db(tmp_path / "f.db")
    with store.transaction(db):
        frontier.add(db, ["https://a.example/deep"], depth=2)
        frontier.add(db, ["https://a.example/", "https://b.example/"], depth=0)
        assert frontier.add(db, ["https://a.example/"], depth=0) == 0  # seen: not added twice
        assert frontier.next_url(db) == ("https://a.example/", 0)
        assert frontier.next_url(db, skip_hosts={"b.example"}) == ("https://a.example/deep", 2)
        assert frontier.next_url(db) == ("https://b.example/", 0)
        assert frontier.next_url(db) is None
    assert set(states(db).values()) == {"fetching"}


def test_recover_after_a_kill_and_transient_failures(tmp_path):
    db = store.open_db(tmp_path / "f.db")
    with store.transaction(db):
        taken(db, ["https://a.example/1", "https://a.example/2", "https://a.example/3"])
        frontier.finish(db, "https://a.example/2", "failed", "timeout: read timed out", error_kind=ErrorKind.TIMEOUT)
        frontier.finish(db, "https://a.example/3", "failed", "http: HTTP 404", error_kind=ErrorKind.HTTP,
                        http_status=404)
        assert frontier.recover(db) == 2  # the one left fetching, and the timeout; not the 404
    assert states(db) == {"https://a.example/1": "queued", "https://a.example/2": "queued",
                          "https://a.example/3": "failed"}


def test_listings_and_articles_are_revisited_on_their_own_schedules(tmp_path):
    db = store.open_db(tmp_path / "f.db")
    with store.transaction(db):
        taken(db, ["https://a.example/news/", "https://a.example/story", "https://a.example/old"])
        frontier.finish(db, "https://a.example/news/", "done", kind="listing")
        frontier.finish(db, "https://a.example/story", "done", kind="article")
        frontier.finish(db, "https://a.example/old", "done", "same text as https://a.example/story", kind="article")
        frontier.finish(db, "https://a.example/story", "done")  # a 304 later: the kind stays
        db.execute("UPDATE frontier SET updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-2 days')")
        assert frontier.recover(db, revisit_hours=24, article_revisit_hours=168) == 1
        assert states(db)["https://a.example/news/"] == "queued"
        db.execute("UPDATE frontier SET state = 'done', updated_at = '2000-01-01T00:00:00+00:00'")
        assert frontier.recover(db, revisit_hours=24, article_revisit_hours=0) == 1  # 0: articles never
        assert frontier.recover(db, revisit_hours=24, article_revisit_hours=168) == 1  # now the story
    assert states(db)["https://a.example/old"] == "done"  # a duplicate URL is not revisited


def test_a_newer_lastmod_requeues_a_done_page(tmp_path):
    db = store.open_db(tmp_path / "f.db")
    with store.transaction(db):
        taken(db, ["https://a.example/story"])
        frontier.finish(db, "https://a.example/story", "done")
        assert not frontier.requeue_if_modified(db, "https://a.example/story", datetime(2000, 1, 1, tzinfo=UTC))
        assert not frontier.requeue_if_modified(db, "https://a.example/story", None)
        assert frontier.requeue_if_modified(db, "https://a.example/story", datetime(2999, 1, 1, tzinfo=UTC))
    assert states(db) == {"https://a.example/story": "queued"}


def test_lastmod_is_compared_as_a_time_whatever_its_offset(tmp_path):
    """Fetched at 03:00 UTC: 10:00+08:00 (02:00 UTC) is older, 01:00-05:00 (06:00 UTC) newer."""
    db = store.open_db(tmp_path / "f.db")
    with store.transaction(db):
        taken(db, ["https://a.example/old", "https://a.example/new"])
        for url in ("https://a.example/old", "https://a.example/new"):
            frontier.finish(db, url, "done")
        db.execute("UPDATE frontier SET updated_at = '2026-01-29T03:00:00+00:00'")
        east, west = timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))
        assert not frontier.requeue_if_modified(db, "https://a.example/old", datetime(2026, 1, 29, 10, tzinfo=east))
        assert frontier.requeue_if_modified(db, "https://a.example/new", datetime(2026, 1, 29, 1, tzinfo=west))
    assert states(db) == {"https://a.example/old": "done", "https://a.example/new": "queued"}


def test_a_retry_waits_for_its_time_and_is_not_a_new_attempt(tmp_path):
    db = store.open_db(tmp_path / "f.db")
    now = datetime.now(timezone.utc)
    with store.transaction(db):
        taken(db, ["https://a.example/busy", "https://b.example/x"])
        frontier.retry_later(db, "https://a.example/busy", now + timedelta(hours=1), "retry 2: HTTP 503")
        frontier.finish(db, "https://b.example/x", "done")
        assert frontier.next_url(db) is None  # its time has not come
        assert frontier.soonest_retry(db) >= now + timedelta(minutes=59)
        assert frontier.ready_times(db) == {"a.example": frontier.soonest_retry(db)}
        frontier.add(db, ["https://a.example/other"], depth=1)
        assert frontier.ready_times(db) == {"a.example": None}  # one URL of the host may start now
        assert frontier.next_url(db) == ("https://a.example/other", 1)
        frontier.retry_later(db, "https://a.example/busy", now - timedelta(seconds=1), "retry 2: HTTP 503")
        assert frontier.next_url(db) == ("https://a.example/busy", 1)
        assert frontier.soonest_retry(db) is None
    attempts = dict(db.execute("SELECT url, attempts FROM frontier").fetchall())
    assert attempts["https://a.example/busy"] == 1  # taken twice in one run: one attempt across runs

