"""Per-host slots and delays, robots Crawl-delay and per-site budgets, on an injected clock:
no server and no sleep, so each rule is checked exactly."""

from __future__ import annotations

from pipeline.config import SiteConfig
from pipeline.crawl.politeness import Politeness
from pipeline.crawl.sites import Sites


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def politeness(*sites: SiteConfig, delay: float = 0.0, crawl_delay=None) -> tuple[Politeness, Clock]:
    clock = Clock()
    return Politeness(Sites(list(sites)), delay, crawl_delay, clock), clock


def test_a_host_takes_as_many_requests_at_once_as_its_site_allows():
    p, _ = politeness(SiteConfig(name="a", seeds=("https://a.example/",), concurrency=2))
    p.started("https://a.example/1")
    assert p.blocked({"a.example"}) == set()
    p.started("https://a.example/2")
    assert p.blocked({"a.example", "b.example"}) == {"a.example"}  # b is not a's site: its own slot
    p.finished("https://a.example/1")
    assert p.blocked({"a.example"}) == set()
    p.started("https://b.example/1")  # a host of no configured site: one request at a time
    assert p.blocked({"b.example"}) == {"b.example"}


def test_the_delay_runs_from_each_request_start():
    p, clock = politeness(SiteConfig(name="a", seeds=("https://a.example/",), delay=2.0, concurrency=4), delay=0.5)
    p.started("https://a.example/1")
    p.finished("https://a.example/1")
    assert p.blocked({"a.example"}) == {"a.example"}
    assert p.blocked({"a.example"}, ignore_delays=True) == set()
    assert p.seconds_until_free({"a.example"}) == 2.0
    clock.now += 1.5
    assert p.blocked({"a.example"}) == {"a.example"} and p.seconds_until_free({"a.example"}) == 0.5
    clock.now += 0.5
    assert p.blocked({"a.example"}) == set() and p.seconds_until_free({"a.example"}) == 0.0
    p.started("https://c.example/")  # no site delay: the run's default
    assert p.seconds_until_free({"c.example"}) == 0.5
    assert p.seconds_until_free(set()) is None


def test_www_and_bare_host_are_two_hosts_with_two_delays():
    p, _ = politeness(SiteConfig(name="a", seeds=("https://www.a.example/",), delay=1.0))
    p.started("https://www.a.example/1")
    assert p.blocked({"www.a.example", "a.example"}) == {"www.a.example"}


def test_robots_crawl_delay_wins_when_longer():
    delays = {"a.example": 5.0, "b.example": 0.1}
    p, clock = politeness(SiteConfig(name="a", seeds=("https://a.example/",), delay=1.0),
                          SiteConfig(name="b", seeds=("https://b.example/",), delay=1.0),
                          crawl_delay=lambda url: delays[url.split("/")[2]])
    assert p.delay("https://a.example/x") == 5.0 and p.delay("https://b.example/x") == 1.0
    p.started("https://a.example/x")
    p.finished("https://a.example/x")
    clock.now += 4.9
    assert p.blocked({"a.example"}) == {"a.example"}
    clock.now += 0.1
    assert p.blocked({"a.example"}) == set()


def test_a_www_seeds_budget_stops_its_hosts_and_only_them():
    """Issue 15: max_pages = 3 on https://www.a.example/ must stop www.a.example (the frontier's
    host) at 3 pages; the budget is the site's, so a.example and news.a.example stop too."""
    p, _ = politeness(SiteConfig(name="a", seeds=("https://www.a.example/",), max_pages=3, concurrency=16),
                      SiteConfig(name="b", seeds=("https://b.example/",), concurrency=16))
    hosts = {"www.a.example", "a.example", "news.a.example", "b.example"}
    for i in range(2):
        p.started(f"https://www.a.example/{i}")
        p.started(f"https://b.example/{i}")
    assert p.blocked(hosts) == set()
    p.started("https://a.example/2")
    assert p.blocked(hosts) == {"www.a.example", "a.example", "news.a.example"}
    assert p.blocked(hosts, ignore_delays=True) == {"www.a.example", "a.example", "news.a.example"}


def test_a_retry_is_not_one_more_page_of_the_budget():
    p, _ = politeness(SiteConfig(name="a", seeds=("https://a.example/",), max_pages=1))
    p.started("https://a.example/1")
    p.finished("https://a.example/1")
    assert p.blocked({"a.example"}) == {"a.example"}
    p.refund("https://a.example/1")  # it failed transiently and goes back to the scheduler
    assert p.blocked({"a.example"}) == set()


def test_a_paused_host_is_blocked_for_the_rest_of_the_run():
    p, clock = politeness(SiteConfig(name="a", seeds=("https://a.example/",)))
    p.pause("a.example", "3 timeouts in a row")
    clock.now += 10_000
    assert p.blocked({"a.example", "b.example"}, ignore_delays=True) == {"a.example"}
    assert p.paused("a.example") == "3 timeouts in a row" and p.paused("b.example") is None


def test_a_redirect_charges_the_final_host():
    p, _ = politeness(SiteConfig(name="a", seeds=("https://a.example/",), delay=3.0))
    p.started("https://a.example/old")
    p.charge("https://www.a.example/new")
    p.finished("https://a.example/old")
    assert p.blocked({"a.example", "www.a.example"}) == {"a.example", "www.a.example"}
    assert p.seconds_until_free({"www.a.example"}) == 3.0
