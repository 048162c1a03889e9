"""Sitemaps and feeds: where a crawl learns article URLs, and when they last changed, without
following links. Each is fetched once per run, parsed (discover.parse_sitemap / parse_feed,
sitemap indexes followed) and its entries queued in the frontier; a newer lastmod or feed date
requeues a page fetched before it.

Dates are compared as times: a sitemap's ISO 8601 lastmod and a feed's RFC 822 date both
become aware datetimes in UTC (`parse_lastmod`) before the scheduler compares them with its
own UTC fetch times. Knows nothing of the crawl loop: it reports what it fetched in SourceStats.
"""

from __future__ import annotations

import dataclasses
import email.utils
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx
import sqlite_utils

from pipeline import store
from pipeline.config import Config, SiteConfig
from pipeline.crawl import scheduler
from pipeline.discover import SitemapEntry, parse_feed, parse_sitemap
from pipeline.errors import FetchError
from pipeline.fetch import fetch
from pipeline.robots import RobotsCache
from pipeline.urls import normalize_url, same_site

LOGGER = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 50  # sitemaps and feeds read per call, child sitemaps included
_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d{2})?")


@dataclass
class SourceStats:
    """What reading sources cost: documents fetched, failed, and failures by kind."""

    fetched: int = 0
    failed: int = 0
    gone: int = 0  # 404/410 of a sitemap or feed nobody configured (one robots.txt or a page named)
    errors: Counter = field(default_factory=Counter)


def parse_lastmod(value: str | None) -> datetime | None:
    """A sitemap lastmod (W3C/ISO 8601) or feed date (RFC 822) as an aware datetime in UTC.

    A date or time without an offset is taken as UTC (the sitemap protocol's W3C format
    requires one with a time; a bare date has none to lose). None when it does not parse.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    if _YEAR_OR_MONTH.fullmatch(value):  # W3C Datetime allows "2026" and "2026-01"
        value = (value + "-01-01")[:10]
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


class SourceReader:
    """Reads sitemaps and feeds into the frontier, each URL at most once per run."""

    def __init__(self, db: sqlite_utils.Database, client: httpx.Client, config: Config, site_names: set[str],
                 robots: RobotsCache, run_id: int | None, sleep: Callable[[float], None],
                 configured: Collection[str] = frozenset(), deadline: float | None = None) -> None:
        """`configured`: the sitemaps and feeds of the sites file, whose 404 is a failure;
        `deadline` (time.monotonic): no fetch outlasts it."""
        self._db = db
        self._client = client
        self._config = config
        self._fetch_config = dataclasses.replace(config, max_bytes=config.max_sitemap_bytes)
        self._site_names = site_names
        self._robots = robots
        self._run_id = run_id
        self._sleep = sleep
        self._configured = configured
        self._deadline = deadline
        self.read: set[str] = set()

    def read_sites(self, sites: list[SiteConfig]) -> SourceStats:
        """Queue the article URLs of each site's sitemaps (and robots.txt's) and feeds; requeue
        changed ones."""
        stats = SourceStats()
        for site in sites:
            sitemap_urls = list(site.sitemaps)
            if self._config.use_sitemaps:
                for seed in site.seeds:
                    sitemap_urls += [u for u in (normalize_url(s) for s in self._robots.sitemaps(seed)) if u]
            queue = [(u, "sitemap") for u in dict.fromkeys(sitemap_urls)] + [(u, "feed") for u in site.feeds]
            self._read(queue, stats)
        return stats

    def read_feeds(self, urls: list[str]) -> SourceStats:
        """Read the feeds a seed page announced (those on the crawl's sites, with --same-site)."""
        stats = SourceStats()
        self._read([(u, "feed") for u in urls if self._allowed(u)], stats)
        return stats

    def _allowed(self, url: str) -> bool:
        return not self._config.same_site or same_site(url, self._site_names)

    def _read(self, queue: list[tuple[str, str]], stats: SourceStats) -> None:
        """Fetch each (url, "sitemap" | "feed") not yet read, following sitemap indexes."""
        budget = len(self.read) + MAX_CHILD_SITEMAPS
        while queue and len(self.read) < budget:
            url, kind = queue.pop(0)
            if url in self.read or (self._config.obey_robots and not self._robots.allowed(url)):
                continue
            self.read.add(url)
            page = fetch(self._client, url, self._fetch_config, sleep=self._sleep, deadline=self._deadline)
            stats.fetched += 1
            error = page.error
            error_kind: str | None = kind
            entries: list[SitemapEntry] = []
            if not error:
                try:
                    if kind == "feed":
                        entries = parse_feed(page.body, page.final_url)
                    else:
                        parsed = parse_sitemap(page.body, page.final_url, self._config.max_sitemap_bytes)
                        entries = parsed.entries
                        queue += [(child, "sitemap") for child in parsed.children]
                except FetchError as exc:
                    error = str(exc)
            if error and page.error_kind == "gone" and url not in self._configured:
                stats.gone += 1
                error_kind = page.error_kind
                LOGGER.info("gone %s: %s", url, error)
            elif error:
                stats.failed += 1
                stats.errors[kind] += 1
                LOGGER.warning("%s: %s", url, error)
            with store.transaction(self._db):
                recorded = dataclasses.replace(page, error=error, error_kind=error_kind if error else None)
                store.save_page(self._db, recorded, self._run_id)
                scheduler.add(self._db, [e.url for e in entries if self._allowed(e.url)], depth=1, source=url)
                for entry in entries:
                    scheduler.requeue_if_modified(self._db, entry.url, parse_lastmod(entry.lastmod))
