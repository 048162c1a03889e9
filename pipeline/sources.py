"""Sitemaps and feeds: where a crawl learns article URLs, and when they last changed, without
following links. Each is fetched once per run, parsed (discover.parse_sitemap / parse_feed,
sitemap indexes followed) and its entries queued in the frontier; a newer lastmod or feed date
requeues a page fetched before it.
"""

from __future__ import annotations

import dataclasses
import email.utils
import logging
from typing import TYPE_CHECKING

import httpx

from pipeline import frontier, store
from pipeline.config import Config, SiteConfig
from pipeline.dates import normalize_iso
from pipeline.discover import SitemapEntry, parse_feed, parse_sitemap
from pipeline.urls import normalize_url, same_site
from pipeline.errors import FetchError
from pipeline.fetch import fetch
from pipeline.robots import RobotsCache

if TYPE_CHECKING:
    import sqlite_utils

    from pipeline.run import RunSummary

LOGGER = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 50  # sitemaps and feeds read per call, child sitemaps included


def read_site_sources(db: sqlite_utils.Database, client: httpx.Client, config: Config, sites: list[SiteConfig],
                      hosts: set[str], robots: RobotsCache, summary: RunSummary, sleep) -> set[str]:
    """Queue the article URLs of each site's sitemaps (and robots.txt's) and feeds; requeue
    changed ones. Returns the URLs read, so feeds found on the seeds later are not read twice."""
    read: set[str] = set()
    for site in sites:
        sitemap_urls = list(site.sitemaps)
        if config.use_sitemaps:
            for seed in site.seeds:
                sitemap_urls += [u for u in (normalize_url(s) for s in robots.sitemaps(seed)) if u]
        queue = [(u, "sitemap") for u in dict.fromkeys(sitemap_urls)] + [(u, "feed") for u in site.feeds]
        read_sources(db, client, config, hosts, robots, summary, sleep, queue, read)
    return read


def read_sources(db: sqlite_utils.Database, client: httpx.Client, config: Config, hosts: set[str],
                 robots: RobotsCache, summary: RunSummary, sleep, queue: list[tuple[str, str]],
                 read: set[str]) -> None:
    """Fetch each (url, "sitemap" | "feed") not yet in `read`, following sitemap indexes."""
    sitemap_config = dataclasses.replace(config, max_bytes=config.max_sitemap_bytes)
    budget = len(read) + MAX_CHILD_SITEMAPS
    while queue and len(read) < budget:
        url, kind = queue.pop(0)
        if url in read or (config.obey_robots and not robots.allowed(url)):
            continue
        read.add(url)
        page = fetch(client, url, sitemap_config, sleep=sleep)
        summary.pages_fetched += 1
        error = page.error
        entries: list[SitemapEntry] = []
        if not error:
            try:
                if kind == "feed":
                    entries = parse_feed(page.body, page.final_url)
                else:
                    parsed = parse_sitemap(page.body, page.final_url, config.max_sitemap_bytes)
                    entries = parsed.entries
                    queue += [(child, "sitemap") for child in parsed.children]
            except FetchError as exc:
                error = str(exc)
        if error:
            summary.pages_failed += 1
            summary.errors[kind] += 1
            LOGGER.warning("%s: %s", url, error)
        with store.transaction(db):
            store.save_page(db, dataclasses.replace(page, error=error, error_kind=kind if error else None),
                            summary.run_id)
            urls = [e.url for e in entries if not config.same_site or same_site(e.url, hosts)]
            frontier.add(db, urls, depth=1, source=url)
            for entry in entries:
                frontier.requeue_if_modified(db, entry.url, _lastmod_iso(entry.lastmod))


def _lastmod_iso(value: str | None) -> str | None:
    """A sitemap lastmod (ISO) or feed date (RFC 822) as ISO 8601, for comparing with fetch times."""
    if not value:
        return None
    iso = normalize_iso(value)
    if iso:
        return iso
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None
