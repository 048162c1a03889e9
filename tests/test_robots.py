"""robots.txt through Protego, fetched from a real server: rules per agent, Crawl-delay, Sitemap
lines, and a missing or failing robots.txt allowing the crawl."""

from __future__ import annotations

import dataclasses

from pipeline.config import Config
from pipeline.fetch import fetch, make_client
from pipeline.robots import RobotsCache
from tests.conftest import send

ROBOTS = b"""User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: pipeline-test
Disallow: /only-for-others/

Sitemap: https://news.example/sitemap.xml
"""


def cache(route_server, agent: str) -> RobotsCache:
    config = dataclasses.replace(Config(), retries=0)
    client = make_client(config, hosts={"127.0.0.1"})  # the address policy: the configured host
    return RobotsCache(lambda url: fetch(client, url, config, sleep=lambda s: None), agent)


def test_rules_crawl_delay_and_sitemaps(route_server):
    route_server.routes["/robots.txt"] = lambda r: send(r, 200, ROBOTS, "text/plain")
    base = route_server.url
    anyone = cache(route_server, "some-crawler/1.0")
    assert not anyone.allowed(base + "/private/draft/") and anyone.allowed(base + "/zh/2026/01/29/x/")
    assert anyone.crawl_delay(base + "/") == 2.0
    assert anyone.sitemaps(base + "/") == ["https://news.example/sitemap.xml"]
    ours = cache(route_server, "pipeline-test/1.0 (+mailto:x@example.org)")
    assert ours.allowed(base + "/private/draft/") and not ours.allowed(base + "/only-for-others/a")
    assert route_server.hits["/robots.txt"] == 2  # fetched once per cache and origin, not per question


def test_missing_or_failing_robots_txt_allows_everything(route_server):
    route_server.routes["/robots.txt"] = lambda r: send(r, 404, b"not found")
    assert cache(route_server, "x").allowed(route_server.url + "/private/")
    route_server.routes["/robots.txt"] = lambda r: send(r, 503, b"busy")
    failing = cache(route_server, "x")
    assert failing.allowed(route_server.url + "/private/") and failing.crawl_delay(route_server.url + "/") is None


def test_a_robots_txt_over_500_kib_is_read_up_to_500_kib(route_server):
    filler = b"".join(b"Disallow: /filler-%d/\n" % i for i in range(40_000))  # ~800 KiB of rules
    big = b"User-agent: *\nDisallow: /early/\n" + filler + b"Disallow: /late/\n"
    assert len(big) > 600 * 1024
    route_server.routes["/robots.txt"] = lambda r: send(r, 200, big, "text/plain")
    robots = cache(route_server, "some-crawler/1.0")
    base = route_server.url
    assert not robots.allowed(base + "/early/a")  # read, not ignored as an oversized file
    assert robots.allowed(base + "/late/a")  # past 500 KiB: not read, as Google does not
