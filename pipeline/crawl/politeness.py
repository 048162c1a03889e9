"""Per-host politeness: how many requests to a host at once, how long between their starts, and
how many pages each site may take in one run.

Bookkeeping only, with an injectable clock, so every rule is unit-tested without a server or a
sleep. The crawl asks `blocked(hosts)` before it takes a URL from the scheduler, calls
`started(url)` when a fetch starts and `finished(url)` when it ends.

Hosts are urls.host_key values (www.a.example and a.example are two hosts, each with its own
delay); budgets are per site (both hosts above count against one `max_pages`).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable

from pipeline.config import SiteConfig
from pipeline.crawl.sites import Sites
from pipeline.urls import host_key

Clock = Callable[[], float]


class Politeness:
    """Slots, delays and budgets for one run.

    `delay` is the run's default delay between request starts to one host; a site's own
    `delay` replaces it, and a robots.txt Crawl-delay (from `crawl_delay(url)`) wins when longer.
    """

    def __init__(self, sites: Sites, delay: float = 0.0,
                 crawl_delay: Callable[[str], float | None] | None = None, clock: Clock = time.monotonic) -> None:
        self._sites = sites
        self._default_delay = delay
        self._crawl_delay = crawl_delay
        self._clock = clock
        self._busy: Counter[str] = Counter()  # host -> requests in flight
        self._next_start: dict[str, float] = {}  # host -> clock time the next request may start
        self._taken: Counter[str] = Counter()  # site name -> pages started this run
        self._paused: dict[str, str] = {}  # host -> why it takes no more requests this run

    def delay(self, url: str) -> float:
        """Seconds between request starts to url's host."""
        site = self._sites.of(url)
        delay = site.delay if site is not None and site.delay is not None else self._default_delay
        if self._crawl_delay is not None:
            delay = max(delay, self._crawl_delay(url) or 0.0)
        return delay

    def budget_spent(self, site: SiteConfig | None) -> bool:
        """True when `site` has started its `max_pages` pages in this run."""
        return site is not None and site.max_pages is not None and self._taken[site.name] >= site.max_pages

    def blocked(self, hosts: Iterable[str], ignore_delays: bool = False) -> set[str]:
        """The hosts among `hosts` that may not start a request now: all their slots busy, their
        delay not yet over (unless `ignore_delays`), their site's budget spent, or paused."""
        now = self._clock()
        out = set()
        for host in hosts:
            site = self._sites.of_host(host)
            if (host in self._paused or self._busy[host] >= (site.concurrency if site else 1)
                    or self.budget_spent(site)
                    or not ignore_delays and self._next_start.get(host, now) > now):
                out.add(host)
        return out

    def seconds_until_free(self, hosts: Iterable[str]) -> float | None:
        """How long until the first of `hosts` is past its delay (0 if one already is); None
        when `hosts` is empty."""
        now = self._clock()
        waits = [max(0.0, self._next_start.get(h, now) - now) for h in hosts]
        return min(waits) if waits else None

    def started(self, url: str) -> None:
        """A request to url starts now: it takes a slot, starts the host's delay and counts
        against its site's budget."""
        host = host_key(url)
        self._busy[host] += 1
        self._next_start[host] = self._clock() + self.delay(url)
        site = self._sites.of(url)
        if site is not None:
            self._taken[site.name] += 1

    def charge(self, url: str) -> None:
        """A request reached url's host by a redirect: that host's delay starts now too."""
        host = host_key(url)
        self._next_start[host] = max(self._next_start.get(host, 0.0), self._clock() + self.delay(url))

    def finished(self, url: str) -> None:
        """The request to url ended: its slot is free."""
        host = host_key(url)
        self._busy[host] -= 1
        if self._busy[host] <= 0:
            del self._busy[host]

    def refund(self, url: str) -> None:
        """The request to url will be retried: a retry is the same page, not one more of the budget."""
        site = self._sites.of(url)
        if site is not None and self._taken[site.name] > 0:
            self._taken[site.name] -= 1

    def pause(self, host: str, reason: str) -> None:
        """No more requests to `host` in this run (its URLs stay queued for the next)."""
        self._paused.setdefault(host, reason)

    def paused(self, host: str) -> str | None:
        """Why `host` is paused, or None."""
        return self._paused.get(host)
