"""The crawler as cron runs it: sites file, sitemaps, lock, runtime cap, conditional GET, resume after kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3

import pytest
import subprocess
import sys
import time
from pathlib import Path

from pipeline.lock import RunLock
from tests.conftest import ROOT, article_html, run_cli, send

ARTICLE = article_html("Exchange revenue rises", [
    "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
    "recovered across spot and derivatives markets and retail users returned to the platform.",
    "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
    "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
])


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_sites_file_with_sitemap_and_article_patterns(site_url, tmp_path):
    db = tmp_path / "news.db"
    cfg = tmp_path / "sites.toml"
    cfg.write_text(f'''
[crawl]
db = "{db}"
max_pages = 200

[[sites]]
name = "demo"
sitemaps = ["{site_url}sitemap.xml"]
article_patterns = ['/20[0-9][0-9]/[0-9][0-9]/']
exclude_patterns = ['/menu/']
''', encoding="utf-8")
    result = run_cli("crawl", "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    assert count(db, "SELECT COUNT(*) FROM articles") == 6
    # the sitemap alone reached all four articles; nothing under /menu/ was fetched
    assert count(db, "SELECT COUNT(*) FROM pages WHERE url LIKE '%/menu/%'") == 0
    assert count(db, "SELECT COUNT(*) FROM frontier WHERE discovered_from LIKE '%sitemap.xml'") == 6


def test_a_sites_file_time_zone_and_entities_file_reach_the_stored_rows(site_url, tmp_path):
    # The fixture's zh pages give bare dates (2026-01-29), read in UTC+8 by default; a site that says
    # it publishes in New York time is read there, also for the rows stored before the file said so.
    # The user's CSV names the fixture's fictional company.
    from pipeline.config import Config
    from pipeline.crawl import crawl

    (tmp_path / "mine.csv").write_text("alias,entity,kind\nKestrel,Kestrel Markets Inc.,company\n"
                                       "Kestrel Markets,Kestrel Markets Inc.,company\n", encoding="utf-8")
    cfg = tmp_path / "sites.toml"
    sites_file = f'''
[crawl]
db = "{tmp_path / 'news.db'}"
entities = "{tmp_path / 'mine.csv'}"

[[sites]]
seeds = ["{site_url}"]
'''

    def zh_day() -> tuple[str, set]:
        with sqlite3.connect(tmp_path / "news.db") as conn:
            rows = dict(conn.execute("SELECT published, published_utc FROM articles WHERE url LIKE '%/zh/%'"))
            return rows["2026-01-29"], {r[0] for r in conn.execute("SELECT DISTINCT time_zone FROM articles")}

    cfg.write_text(sites_file, encoding="utf-8")
    summary = crawl(Config.from_toml(cfg))
    assert summary.exit_code == 0 and summary.articles_new == 6
    assert zh_day() == ("2026-01-28T16:00:00Z", {None})  # Beijing midnight
    cfg.write_text(sites_file + 'time_zone = "America/New_York"\n', encoding="utf-8")
    again = crawl(Config.from_toml(cfg))
    assert again.exit_code == 0 and again.articles_new == 0
    assert zh_day() == ("2026-01-29T05:00:00Z", {"America/New_York"})  # New York midnight, stored rows too
    with sqlite3.connect(tmp_path / "news.db") as conn:
        kestrel = conn.execute("SELECT DISTINCT entity, entity_kind FROM figures WHERE subject LIKE 'Kestrel%'").fetchall()
        assert kestrel == [("Kestrel Markets Inc.", "company")]


def test_bad_sites_file_exits_78_naming_file_and_key(tmp_path):
    cfg = tmp_path / "sites.toml"
    cfg.write_text('[[sites]]\nname = "x"\nseed = ["https://a.example/"]\n', encoding="utf-8")
    result = run_cli("crawl", "--config", str(cfg), "--db", str(tmp_path / "n.db"))
    assert result.returncode == 78
    assert str(cfg) in result.stderr and "'seed'" in result.stderr and "did you mean 'seeds'" in result.stderr
    cfg.write_text('[crawl]\nmax_pages = "many"\n[[sites]]\nseeds = ["https://a.example/"]\n', encoding="utf-8")
    result = run_cli("crawl", "--config", str(cfg))
    assert result.returncode == 78 and "max_pages must be int" in result.stderr
    assert not (tmp_path / "n.db").exists()  # rejected before anything was fetched or written


def test_second_run_on_a_locked_database_exits_75(tmp_path, site_url):
    db = tmp_path / "news.db"
    with RunLock(db):
        result = run_cli("crawl", site_url, "--db", str(db))
    assert result.returncode == 75
    assert "another crawl is running" in result.stderr
    assert not db.exists()  # refused before opening the database, let alone fetching


def test_max_runtime_stops_cleanly(route_server, tmp_path):
    def slow(r):
        time.sleep(0.4)
        send(r, 200, ARTICLE.encode())

    links = "".join(f'<a href="/a/{i}">{i}</a>' for i in range(40))
    route_server.routes["/"] = lambda r: send(r, 200, f"<html><body>{links}</body></html>".encode())
    for i in range(40):
        route_server.routes[f"/a/{i}"] = slow
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db), "--max-runtime", "1.5", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "stopped early: max_runtime" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM frontier WHERE state = 'fetching'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM frontier WHERE state = 'queued'").fetchone()[0] > 0


def test_conditional_get_and_unchanged_pages_are_not_reextracted(route_server, tmp_path):
    seen_headers = []

    def article(r):
        seen_headers.append(r.headers.get("If-None-Match"))
        if r.headers.get("If-None-Match") == '"v1"':
            r.send_response(304)
            r.send_header("ETag", '"v1"')
            r.end_headers()
            return
        send(r, 200, ARTICLE.encode(), headers={"ETag": '"v1"'})

    route_server.routes["/"] = lambda r: send(r, 200, b'<html><body><a href="/story">s</a></body></html>')
    route_server.routes["/story"] = article
    db = tmp_path / "news.db"
    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:  # pretend a day has passed
        conn.execute("UPDATE frontier SET updated_at = '2000-01-01T00:00:00+00:00'")
    second = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert seen_headers == [None, '"v1"']
    assert "pages not modified" in second.stdout and "(2 pages not modified)" in second.stdout
    assert count(db, "SELECT COUNT(*) FROM articles") == 1
    assert count(db, "SELECT COUNT(*) FROM pages WHERE status = 304") == 1


def test_listing_pages_are_revisited_daily_and_articles_weekly(route_server, tmp_path):
    hits: dict[str, int] = {}

    def counted(body: bytes):
        def handler(r):
            hits[r.path] = hits.get(r.path, 0) + 1
            send(r, 200, body)
        return handler

    route_server.routes["/"] = counted(b'<html><body><a href="/news/">news</a></body></html>')
    route_server.routes["/news/"] = counted(b'<html><body><a href="/story">s</a></body></html>')
    route_server.routes["/story"] = counted(ARTICLE.encode())
    db = tmp_path / "news.db"

    def crawl_days_later(days: int) -> None:
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE frontier SET updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', ?)",
                         [f"-{days} days"])
        assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0

    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        kinds = dict(conn.execute("SELECT url, kind FROM frontier").fetchall())
    assert kinds[route_server.url + "/news/"] == "listing" and kinds[route_server.url + "/story"] == "article"
    crawl_days_later(2)
    assert (hits["/news/"], hits["/story"]) == (2, 1)  # the listing again, the article not yet
    crawl_days_later(8)
    assert (hits["/news/"], hits["/story"]) == (3, 2)


def test_feeds_a_seed_announces_are_read_and_comment_feeds_are_not(route_server, tmp_path):
    requested: list[str] = []
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Exchange revenue rises</title><link>{route_server.url}/2026/01/story/</link>
<pubDate>Thu, 29 Jan 2026 08:00:00 GMT</pubDate></item></channel></rss>""".encode()

    def log(handler):
        def wrapped(r):
            requested.append(r.path)
            handler(r)
        return wrapped

    route_server.routes["/"] = log(lambda r: send(r, 200, b"""<html><head>
<link rel="alternate" type="application/rss+xml" title="News &raquo; Feed" href="/feed/">
<link rel="alternate" type="application/rss+xml" title="News &raquo; Comments Feed" href="/comments/feed/">
</head><body><p>Welcome</p></body></html>"""))
    route_server.routes["/feed/"] = log(lambda r: send(r, 200, feed, "application/rss+xml"))
    route_server.routes["/comments/feed/"] = log(lambda r: send(r, 200, feed, "application/rss+xml"))
    route_server.routes["/2026/01/story/"] = log(lambda r: send(r, 200, ARTICLE.encode()))
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "/feed/" in requested and "/comments/feed/" not in requested
    assert count(db, "SELECT COUNT(*) FROM articles") == 1
    requested.clear()  # the next run: the seed has not changed, its feed is still read
    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    assert requested.count("/") == 1 and "/feed/" in requested


def test_quiet_crawl_prints_nothing_unless_the_run_fails(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, b'<html><body><a href="/story">s</a></body></html>')
    route_server.routes["/story"] = lambda r: send(r, 200, ARTICLE.encode())
    ok = run_cli("-q", "crawl", route_server.url + "/", "--db", str(tmp_path / "ok.db"))
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    route_server.routes["/bad/"] = lambda r: send(r, 500, b"boom")
    bad = run_cli("-q", "crawl", route_server.url + "/bad/", "--db", str(tmp_path / "bad.db"))
    assert bad.returncode == 1 and bad.stdout == ""
    assert "failures by kind: http 1" in bad.stderr and "exit status 1 (errors)" in bad.stderr


def test_articles_told_apart_by_a_query_parameter(route_server, tmp_path):
    links = "".join(f'<a href="/news.asp?newsid={i}">{i}</a>' for i in range(3))
    route_server.routes["/"] = lambda r: send(r, 200, f"<html><body>{links}</body></html>".encode())
    route_server.routes["/news.asp"] = lambda r: send(
        r, 200, ARTICLE.replace("Exchange revenue rises", f"Story {r.path.split('=')[-1]}").encode())
    db = tmp_path / "news.db"
    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    assert count(db, "SELECT COUNT(*) FROM articles WHERE url LIKE '%news.asp?newsid=%'") == 3


def test_a_canonical_pointing_at_the_home_page_does_not_merge_articles(route_server, tmp_path):
    links = "".join(f'<a href="/story/{i}/">{i}</a>' for i in range(3))
    route_server.routes["/"] = lambda r: send(r, 200, f"<html><body>{links}</body></html>".encode())
    for i in range(3):
        page = ARTICLE.replace("Exchange revenue rises", f"Story {i}").replace(
            "<head>", f'<head><link rel="canonical" href="{route_server.url}/">', 1)
        route_server.routes[f"/story/{i}/"] = lambda r, page=page: send(r, 200, page.encode())
    db = tmp_path / "news.db"
    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    assert count(db, "SELECT COUNT(DISTINCT url) FROM articles WHERE url LIKE '%/story/%'") == 3


def test_the_same_article_under_a_second_url_is_stored_once(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, b'<html><body><a href="/zh/story/">a</a> '
                                                       b'<a href="/zh-hans/story/">b</a></body></html>')
    route_server.routes["/zh/story/"] = lambda r: send(r, 200, ARTICLE.encode())
    route_server.routes["/zh-hans/story/"] = lambda r: send(r, 200, ARTICLE.encode())
    db = tmp_path / "news.db"
    assert run_cli("crawl", route_server.url + "/", "--db", str(db)).returncode == 0
    assert count(db, "SELECT COUNT(*) FROM articles") == 1
    assert count(db, "SELECT COUNT(*) FROM frontier WHERE reason LIKE 'same text as %'") == 1


def test_max_depth_stops_a_link_trap(route_server, tmp_path):
    def day(r):  # an endless calendar: every day links to the day before
        n = int(r.path.rsplit("/", 2)[-2])
        send(r, 200, f'<html><body><a href="/day/{n + 1}/">previous day</a></body></html>'.encode())

    route_server.routes["/"] = lambda r: send(r, 200, b'<html><body><a href="/day/1/">calendar</a></body></html>')
    for n in range(1, 40):
        route_server.routes[f"/day/{n}/"] = day
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db), "--max-depth", "3")
    assert result.returncode == 0, result.stderr
    assert count(db, "SELECT MAX(depth) FROM frontier") == 3
    assert count(db, "SELECT COUNT(*) FROM pages WHERE url LIKE '%/day/%'") == 3


def test_log_json_is_one_object_per_line(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, b'<html><body><a href="/gone">x</a> <a href="/broken">y</a>'
                                                       b'</body></html>')
    route_server.routes["/broken"] = lambda r: send(r, 500, b"boom")
    result = run_cli("crawl", route_server.url + "/", "--db", str(tmp_path / "n.db"), "--log-json",
                     "--max-error-ratio", "1")
    events = [json.loads(line) for line in result.stderr.splitlines()]
    assert any(e.get("outcome") == "page" for e in events)
    assert any(e["level"] == "warning" and "/broken" in e["message"] for e in events)
    assert any(e["level"] == "info" and "/gone" in e["message"] for e in events)  # a dead link is no alarm


def _slow_crawl_started(route_server, db: Path, pages: int, wait_for: int, *extra: str) -> subprocess.Popen:
    """A real crawl subprocess over `pages` slow articles, returned once `wait_for` are stored."""
    def slow(r):
        time.sleep(0.15)
        send(r, 200, ARTICLE.replace("Exchange revenue rises", f"Story {r.path}").encode())

    links = "".join(f'<a href="/a/{i}">{i}</a>' for i in range(pages))
    route_server.routes["/"] = lambda r: send(r, 200, f"<html><body>{links}</body></html>".encode())
    for i in range(pages):
        route_server.routes[f"/a/{i}"] = slow
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "crawl", route_server.url + "/", "--db", str(db),
                             *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            if db.exists() and count(db, "SELECT COUNT(*) FROM articles") >= wait_for:
                break
        except sqlite3.Error:
            pass
    return proc


@pytest.mark.parametrize("sigterms", [1, 2])  # systemd and timeout(1) may send a second one while it stops
def test_sigterm_stops_cleanly_and_the_next_run_finishes(route_server, tmp_path, sigterms):
    db = tmp_path / "news.db"
    proc = _slow_crawl_started(route_server, db, 20, 3)
    for _ in range(sigterms):
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.05)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "terminated; the next run continues" in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status, exit_code FROM runs").fetchone() == ("interrupted", 143)
    assert 0 < count(db, "SELECT COUNT(*) FROM articles") < 20
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))  # the lock was released
    assert result.returncode == 0, result.stderr
    assert count(db, "SELECT COUNT(DISTINCT url) FROM articles") == 20


def test_kill_9_mid_run_then_resume(route_server, tmp_path):
    db = tmp_path / "news.db"
    proc = _slow_crawl_started(route_server, db, 30, 5, "--workers", "2")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "running"  # the crash shows
    partial = count(db, "SELECT COUNT(*) FROM articles")
    assert 0 < partial < 30
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT url) FROM articles").fetchone() == (30, 30)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        fetched_twice = conn.execute("SELECT COUNT(*) FROM (SELECT url FROM pages WHERE status = 200"
                                     " GROUP BY url HAVING COUNT(*) > 1)").fetchone()[0]
    assert fetched_twice <= 2  # at most the pages in flight at the kill are fetched again
