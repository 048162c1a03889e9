"""The crawl loop in-process: site budgets, and retries handed back to the scheduler.

The www. budget test needs a host named www.something: no test may resolve or connect to one,
so that site is served by an httpx.MockTransport (nothing leaves the process). The retry tests
run against a server on 127.0.0.1.
"""

from __future__ import annotations

import sqlite3

import httpx

from pipeline.config import Config, SiteConfig
from pipeline.crawl import crawl
from pipeline.fetch import make_client
from tests.conftest import article_html, send

ARTICLE = article_html("Exchange revenue rises", [
    "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
    "recovered across spot and derivatives markets and retail users returned to the platform.",
    "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
    "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
])


def rows(db, sql, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def twenty_links_site(request: httpx.Request) -> httpx.Response:
    """A home page linking 20 articles, on whatever host it is asked for."""
    path = request.url.path
    if path == "/":
        links = "".join(f'<a href="/a/{i}/">{i}</a>' for i in range(20))
        return httpx.Response(200, html=f"<html><body>{links}</body></html>")
    if path.startswith("/a/"):
        return httpx.Response(200, html=ARTICLE.replace("Exchange revenue rises", f"Story {path}"))
    return httpx.Response(404)


def test_a_www_seeds_max_pages_is_its_budget(tmp_path):
    """Issue 15: with max_pages = 3, https://a.example/ stopped at 3 pages and https://www.a.example/ fetched 21."""
    for seed in ("https://www.a.example/", "https://a.example/"):
        db = tmp_path / f"{seed.split('/')[2]}.db"
        config = Config(db_path=db, sites=(SiteConfig(name="a", seeds=(seed,), max_pages=3),))
        client = make_client(config, transport=httpx.MockTransport(twenty_links_site))
        summary = crawl(config, client=client)
        assert summary.status == "ok"
        assert rows(db, "SELECT COUNT(*) FROM pages")[0][0] == 3, seed
        assert summary.queued_left == 19  # 20 articles and the nav's /markets/, less 2 fetched: the next run's


def test_a_retry_waits_in_the_queue_not_in_a_worker(route_server, tmp_path):
    """With one worker, a 503's retry comes after the other queued pages, not before them."""
    order: list[str] = []
    calls = {"n": 0}

    def logged(handler):
        def wrapped(r):
            order.append(r.path)
            handler(r)
        return wrapped

    def flaky(r):
        calls["n"] += 1
        if calls["n"] == 1:
            send(r, 503, b"busy", headers={"Retry-After": "1"})
        else:
            send(r, 200, ARTICLE.encode())

    route_server.routes["/"] = logged(lambda r: send(r, 200, b'<a href="/flaky/">f</a> <a href="/b/">b</a>'
                                                             b' <a href="/c/">c</a>'))
    route_server.routes["/flaky/"] = logged(flaky)
    for path in ("/b/", "/c/"):
        route_server.routes[path] = logged(lambda r, p=path: send(r, 200, ARTICLE.replace(
            "Exchange revenue rises", f"Story {p}").encode()))
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, workers=1, obey_robots=False), [route_server.url + "/"])
    assert summary.status == "ok"
    assert order == ["/", "/flaky/", "/b/", "/c/", "/flaky/"]
    assert rows(db, "SELECT state, attempts FROM frontier WHERE url LIKE '%/flaky/'") == [("done", 1)]
    assert rows(db, "SELECT error, attempts FROM pages WHERE url LIKE '%/flaky/'") == [(None, 2)]


def test_retries_spent_record_the_attempts(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 500, b"boom")
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, retries=2, backoff=0.05, obey_robots=False), [route_server.url + "/"])
    assert route_server.hits["/"] == 3
    assert summary.pages_failed == 1 and summary.pages_fetched == 1 and summary.exit_code == 1
    assert rows(db, "SELECT error, attempts FROM pages") == [("HTTP 500 after 3 attempts", 3)]
    assert rows(db, "SELECT state, error_kind, http_status FROM frontier") == [("failed", "http", 500)]


def test_max_runtime_holds_for_a_retry_waiting_its_time(route_server, tmp_path):
    """A Retry-After longer than the run has left: the run ends on time, the URL stays queued."""
    route_server.routes["/"] = lambda r: send(r, 503, b"busy", headers={"Retry-After": "3600"})
    db = tmp_path / "news.db"
    config = Config(db_path=db, obey_robots=False, max_runtime=1.0, max_retry_after=60.0)
    summary = crawl(config, [route_server.url + "/"])
    assert summary.status == "ok" and summary.stopped_early == "max_runtime"
    assert route_server.hits["/"] == 1
    ((state, not_before, reason),) = rows(db, "SELECT state, not_before, reason FROM frontier")
    assert state == "queued" and not_before is not None and reason == "retry 2: HTTP 503"
    assert rows(db, "SELECT COUNT(*) FROM pages")[0][0] == 0  # the next run fetches it
