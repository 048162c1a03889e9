"""The open web's tricks on 127.0.0.1 (issue 11): redirects are links, tarpits cost one timeout,
a failing host is paused, --max-runtime holds while responses drip, dead links are no alarm.

A second host is 127.0.0.2 (another loopback address): the only other address a test uses.
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline import store
from pipeline.config import Config, SiteConfig
from pipeline.crawl import crawl, scheduler
from tests.conftest import article_html, send

ARTICLE = article_html("Exchange revenue rises", [
    "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
    "recovered across spot and derivatives markets and retail users returned to the platform.",
    "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
    "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
]).replace('<a href="/markets/">Markets</a>', "")  # no dead nav link: each test says which links are dead


def rows(db, sql, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def home(*links: str) -> bytes:
    return ("<html><body>" + " ".join(f'<a href="{u}">{u}</a>' for u in links) + "</body></html>").encode()


class SecretServer:
    """An 'internal' server on 127.0.0.2 that counts every request it gets."""

    def __init__(self) -> None:
        self.hits = 0
        outer = self

        class _H(BaseHTTPRequestHandler):
            def log_message(self, *a) -> None:
                pass

            def do_GET(self) -> None:
                outer.hits += 1
                send(self, 200, ARTICLE.replace("Exchange revenue rises", "Internal credentials").encode())

        self.server = ThreadingHTTPServer(("127.0.0.2", 0), _H)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.2:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture()
def secret() -> Iterator[SecretServer]:
    server = SecretServer()
    yield server
    server.server.shutdown()
    server.server.server_close()


def drip(seconds: float = 20.0):
    """A tarpit: headers at once, then one byte every 0.2 s."""
    def handler(r):
        r.send_response(200)
        r.send_header("Content-Type", "text/html")
        r.send_header("Content-Length", "100000")
        r.end_headers()
        for _ in range(int(seconds / 0.2)):
            r.wfile.write(b"x")
            r.wfile.flush()
            time.sleep(0.2)
    return handler


def test_a_redirect_off_the_sites_is_skipped_and_nothing_stored(route_server, secret, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, home("/go/", "/moved/"))
    route_server.routes["/go/"] = lambda r: send(r, 302, b"", headers={"Location": secret.url + "/latest/meta-data/"})
    route_server.routes["/moved/"] = lambda r: send(r, 301, b"", headers={"Location": "/new/"})
    route_server.routes["/new/"] = lambda r: send(r, 200, ARTICLE.encode())
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, obey_robots=False), [route_server.url + "/"])
    assert summary.exit_code == 0 and summary.skipped == 1
    assert secret.hits == 0
    assert rows(db, "SELECT COUNT(*) FROM pages WHERE url LIKE '%/go/' OR final_url LIKE '%127.0.0.2%'") == [(0,)]
    ((state, kind, reason),) = rows(db, "SELECT state, error_kind, reason FROM frontier WHERE url LIKE '%/go/'")
    assert (state, kind) == ("skipped", "off_site") and "redirected off the crawl's sites" in reason
    assert rows(db, "SELECT url FROM articles") == [(route_server.url + "/new/",)]  # a redirect on the site is followed


def test_with_all_sites_a_redirect_goes_where_a_link_would(route_server, secret, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 302, b"", headers={"Location": secret.url + "/story/"})
    db = tmp_path / "news.db"
    # the address policy refuses 127.0.0.2 unless the operator allows it (tests/crawl/test_addresses_in_crawl.py)
    summary = crawl(Config(db_path=db, obey_robots=False, same_site=False, allow_private=("127.0.0.2",)),
                    [route_server.url + "/"])
    assert summary.exit_code == 0 and secret.hits >= 1
    assert (route_server.url + "/", secret.url + "/story/") in rows(db, "SELECT url, final_url FROM pages")


def test_a_tarpit_costs_one_timeout_and_is_retried_next_run(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, home("/drip/", "/good/"))
    route_server.routes["/drip/"] = drip()
    route_server.routes["/good/"] = lambda r: send(r, 200, ARTICLE.encode())
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, obey_robots=False, total_timeout=1.0, retries=2, max_error_ratio=1.0),
                    [route_server.url + "/"])
    assert summary.status == "ok"
    assert route_server.hits["/drip/"] == 1  # not retried in this run
    assert rows(db, "SELECT state, error_kind FROM frontier WHERE url LIKE '%/drip/'") == [("failed", "timeout")]
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    with store.transaction(db_ := store.open_db(db)):
        scheduler.recover(db_)
    assert rows(db, "SELECT state FROM frontier WHERE url LIKE '%/drip/'") == [("queued",)]  # the next run tries it


def test_the_default_total_timeout_is_at_most_30_seconds():
    assert Config().total_timeout <= 30


def test_a_host_failing_three_times_in_a_row_waits_for_the_next_run(route_server, tmp_path, caplog):
    with socket.socket() as s:  # a port on 127.0.0.2 where nothing listens: every connection is refused
        s.bind(("127.0.0.2", 0))
        dead = f"http://127.0.0.2:{s.getsockname()[1]}"
    dead_links = [f"{dead}/news/{i}/" for i in range(6)]
    route_server.routes["/"] = lambda r: send(r, 200, home(*dead_links, "/good/"))
    route_server.routes["/good/"] = lambda r: send(r, 200, ARTICLE.encode())
    db = tmp_path / "news.db"
    config = Config(db_path=db, obey_robots=False, same_site=False, retries=0, workers=1, max_error_ratio=1.0,
                    allow_private=("127.0.0.2",))  # else the address policy refuses it before connecting
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        summary = crawl(config, [route_server.url + "/"])
    assert summary.status == "ok" and summary.pages_failed == 3
    states = rows(db, "SELECT state, COUNT(*) FROM frontier WHERE host = '127.0.0.2' GROUP BY state")
    assert dict(states) == {"failed": 3, "queued": 3}
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]  # the other host went on
    assert sum("pausing 127.0.0.2 for the rest of this run" in m for m in caplog.messages) == 1


def test_max_runtime_holds_while_responses_drip(route_server, tmp_path):
    drips = [f"/drip/{i}/" for i in range(3)]
    route_server.routes["/"] = lambda r: send(r, 200, home(*drips))
    for path in drips:
        route_server.routes[path] = drip()
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, obey_robots=False, max_runtime=1.5, workers=3), [route_server.url + "/"])
    assert summary.status == "ok" and summary.stopped_early == "max_runtime" and summary.pages_failed == 0
    assert rows(db, "SELECT state, COUNT(*) FROM frontier WHERE url LIKE '%/drip/%' GROUP BY state") == [("queued", 3)]
    assert rows(db, "SELECT COUNT(*) FROM pages WHERE url LIKE '%/drip/%'") == [(0,)]  # cut off: nothing stored


def test_dead_links_are_gone_and_no_alarm(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, home("/good/", *[f"/dead/{i}/" for i in range(5)], "/old/"))
    route_server.routes["/good/"] = lambda r: send(r, 200, ARTICLE.encode())
    route_server.routes["/old/"] = lambda r: send(r, 410, b"gone")
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, obey_robots=False), [route_server.url + "/"])
    assert (summary.status, summary.exit_code, summary.pages_failed, summary.gone) == ("ok", 0, 0, 6)
    assert rows(db, "SELECT state, error_kind, COUNT(*) FROM frontier WHERE url LIKE '%/dead/%' OR url LIKE '%/old/'"
                    " GROUP BY 1, 2") == [("skipped", "gone", 6)]
    assert rows(db, "SELECT error_kind, status FROM pages WHERE url LIKE '%/old/'") == [("gone", 410)]


def test_a_dead_seed_or_configured_sitemap_still_fails_the_run(route_server, tmp_path):
    route_server.routes["/robots.txt"] = lambda r: send(r, 200, f"Sitemap: {route_server.url}/announced.xml\n".encode(),
                                                        "text/plain")
    route_server.routes["/"] = lambda r: send(r, 200, home("/dead/"))
    site = SiteConfig(name="s", seeds=(route_server.url + "/", route_server.url + "/moved-away/"),
                      sitemaps=(route_server.url + "/configured.xml",))
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, sites=(site,), max_error_ratio=0.3))
    assert summary.pages_fetched == 5 and summary.pages_failed == 2  # the seed and the configured sitemap
    assert summary.exit_code == 1
    assert summary.gone == 2  # the link, and the sitemap only robots.txt named
    assert dict(summary.errors) == {"gone": 1, "sitemap": 1}
