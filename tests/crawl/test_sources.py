"""Sitemaps and feeds into the frontier; lastmod and feed dates compared as times in UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, strategies as st

from pipeline import store
from pipeline.config import Config, SiteConfig
from pipeline.crawl import scheduler
from pipeline.crawl.sources import SourceReader, parse_lastmod
from pipeline.fetch import fetch, make_client
from pipeline.robots import RobotsCache
from tests.conftest import send

UTC = timezone.utc


def test_parse_lastmod_gives_utc_times_for_iso_and_rfc_822():
    assert parse_lastmod("2026-01-29T10:00:00+08:00") == datetime(2026, 1, 29, 2, tzinfo=UTC)
    assert parse_lastmod("2026-01-29T02:00:00Z") == datetime(2026, 1, 29, 2, tzinfo=UTC)
    assert parse_lastmod("2026-01-29T10:00+08:00") == datetime(2026, 1, 29, 2, tzinfo=UTC)  # W3C: no seconds
    assert parse_lastmod("Thu, 29 Jan 2026 08:00:00 +0800") == datetime(2026, 1, 29, 0, tzinfo=UTC)
    assert parse_lastmod("Thu, 29 Jan 2026 08:00:00 GMT") == datetime(2026, 1, 29, 8, tzinfo=UTC)
    assert parse_lastmod("2026-01-29") == datetime(2026, 1, 29, tzinfo=UTC)
    assert parse_lastmod("2026-01") == datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_lastmod("  2026  ") == datetime(2026, 1, 1, tzinfo=UTC)
    for junk in (None, "", "yesterday", "2026-13-45", "Thu, 99 Foo 2026"):
        assert parse_lastmod(junk) is None


@given(st.text(max_size=60))
def test_parse_lastmod_never_raises_and_is_utc(text):
    when = parse_lastmod(text)
    assert when is None or when.utcoffset().total_seconds() == 0


def test_changed_pages_are_requeued_by_time_not_by_text(route_server, tmp_path):
    """Issue 15. Every page was fetched at 03:00 UTC. The sitemap's 10:00+08:00 (02:00 UTC) and the
    feed's 08:00 +0800 (00:00 UTC) are older: not requeued. 01:00-05:00 (06:00 UTC) and
    09:00 -0500 (14:00 UTC) are newer: requeued."""
    base = route_server.url
    sitemap = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/s/old/</loc><lastmod>2026-01-29T10:00:00+08:00</lastmod></url>
<url><loc>{base}/s/new/</loc><lastmod>2026-01-29T01:00:00-05:00</lastmod></url>
</urlset>""".encode()
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>old</title><link>{base}/f/old/</link><pubDate>Thu, 29 Jan 2026 08:00:00 +0800</pubDate></item>
<item><title>new</title><link>{base}/f/new/</link><pubDate>Thu, 29 Jan 2026 09:00:00 -0500</pubDate></item>
</channel></rss>""".encode()
    route_server.routes["/sitemap.xml"] = lambda r: send(r, 200, sitemap, "application/xml")
    route_server.routes["/feed/"] = lambda r: send(r, 200, feed, "application/rss+xml")
    urls = [f"{base}/{kind}/{age}/" for kind in ("s", "f") for age in ("old", "new")]
    config = Config(db_path=tmp_path / "news.db", obey_robots=False, use_sitemaps=False)
    db = store.open_db(config.db_path)
    with store.transaction(db):
        scheduler.add(db, urls, depth=1)
        for url in urls:
            scheduler.finish(db, url, "done")
        db.execute("UPDATE frontier SET updated_at = '2026-01-29T03:00:00+00:00'")
    client = make_client(config, hosts={"127.0.0.1"})  # the configured host (the address policy)
    site = SiteConfig(name="demo", seeds=(), sitemaps=(f"{base}/sitemap.xml",), feeds=(f"{base}/feed/",))
    robots = RobotsCache(lambda u: fetch(client, u, config), config.user_agent)
    reader = SourceReader(db, client, config, {"127.0.0.1"}, robots, run_id=None, sleep=lambda s: None)
    stats = reader.read_sites([site])
    assert (stats.fetched, stats.failed) == (2, 0)
    states = dict(db.execute("SELECT url, state FROM frontier").fetchall())
    assert states == {f"{base}/s/old/": "done", f"{base}/s/new/": "queued",
                      f"{base}/f/old/": "done", f"{base}/f/new/": "queued"}
    assert reader.read == {f"{base}/sitemap.xml", f"{base}/feed/"}
    assert reader.read_sites([site]).fetched == 0  # each source once per run


def test_an_unreadable_feed_is_counted_and_stored_as_failed(route_server, tmp_path):
    route_server.routes["/feed/"] = lambda r: send(r, 200, b"\x00\x01 not a feed", "application/rss+xml")
    config = Config(db_path=tmp_path / "news.db", obey_robots=False)
    db = store.open_db(config.db_path)
    client = make_client(config, hosts={"127.0.0.1"})
    robots = RobotsCache(lambda u: fetch(client, u, config), config.user_agent)
    reader = SourceReader(db, client, config, {"127.0.0.1"}, robots, run_id=None, sleep=lambda s: None)
    off_site = f"http://127.0.0.2:{route_server.server.server_address[1]}/feed/"  # not the crawl's site: not read
    stats = reader.read_feeds([route_server.url + "/feed/", off_site])
    assert (stats.fetched, stats.failed, dict(stats.errors)) == (1, 1, {"feed": 1})
    assert db.execute("SELECT url, error_kind FROM pages").fetchall() == [(route_server.url + "/feed/", "feed")]
