"""The crawl, step by step: frontier -> robots -> fetch -> store page -> links -> extract -> store article.

The only module that knows the order of the steps. Fetches run in a small thread pool
(per-host concurrency and delay respected); decoding, extraction and every database
write happen in the main thread, each page in one transaction with its frontier state,
links and article, so a run killed at any moment leaves a consistent database that the
next run continues.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from pipeline import frontier, store
from pipeline.config import Config, SiteConfig
from pipeline.decode import decode_html
from pipeline.discover import feed_links
from pipeline.urls import host_key, normalize_url, same_site, site_of
from pipeline.errors import ConfigError, StoreError, Terminated
from pipeline.fetch import fetch, make_client
from pipeline.lock import RunLock
from pipeline.models import ErrorKind, FrontierState, Page, PageKind
from pipeline.page import PageOptions, PageResult, process_page
from pipeline.robots import RobotsCache
from pipeline.sources import read_site_sources, read_sources

LOGGER = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: int
    db_path: Path
    pages_fetched: int = 0
    pages_failed: int = 0
    skipped: int = 0
    not_modified: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    figures: int = 0
    errors: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    queued_left: int = 0
    stopped_early: str | None = None  # "max_pages" | "max_runtime" when the run left work queued
    status: str = "running"
    exit_code: int = 0


class _Sites:
    """Which configured site a URL belongs to, by host."""

    def __init__(self, sites: list[SiteConfig]) -> None:
        self.sites = sites
        self._by_host: dict[str, SiteConfig] = {}
        for site in sites:
            for url in (*site.seeds, *site.sitemaps, *site.feeds):
                self._by_host.setdefault(site_of(url), site)

    @property
    def hosts(self) -> set[str]:
        return set(self._by_host)

    def of(self, url: str) -> SiteConfig | None:
        host = site_of(url)
        if host in self._by_host:
            return self._by_host[host]
        for known, site in self._by_host.items():
            if host.endswith("." + known):
                return site
        return None


class _Politeness:
    """Per-host concurrency and delay between request starts, and each site's page budget."""

    def __init__(self, config: Config, robots: RobotsCache | None) -> None:
        self.config = config
        self.robots = robots
        self.busy: Counter = Counter()
        self.next_start: dict[str, float] = {}
        self.fetched_per_site: Counter = Counter()

    def delay(self, url: str, site: SiteConfig | None) -> float:
        delay = site.delay if site and site.delay is not None else self.config.delay
        if self.robots is not None:
            delay = max(delay, self.robots.crawl_delay(url) or 0.0)
        return delay

    def blocked_hosts(self, sites: _Sites, now: float) -> set[str]:
        blocked = set()
        for host, count in self.busy.items():
            site = sites.of(f"http://{host}/")
            if count >= (site.concurrency if site else 1):
                blocked.add(host)
        blocked |= {h for h, t in self.next_start.items() if t > now}
        for site in sites.sites:
            if site.max_pages is not None and self.fetched_per_site[site.name] >= site.max_pages:
                blocked |= {h for h in sites.hosts if sites.of(f"http://{h}/") is site}
        return blocked

    def started(self, url: str, site: SiteConfig | None) -> None:
        host = host_key(url)
        self.busy[host] += 1
        self.next_start[host] = time.monotonic() + self.delay(url, site)
        self.fetched_per_site[site.name if site else ""] += 1

    def finished(self, url: str) -> None:
        host = host_key(url)
        self.busy[host] -= 1
        if self.busy[host] <= 0:
            del self.busy[host]


def _valid_seeds(seeds: list[str]) -> list[str]:
    valid = []
    for seed in seeds:
        url = normalize_url(seed)
        if url is None:
            raise ConfigError(f"seed {seed!r} is not an http(s) URL; give URLs like https://example.com/news/")
        valid.append(url)
    return valid


def _sites(config: Config, seeds: list[str]) -> list[SiteConfig]:
    sites = [dataclasses.replace(s, seeds=tuple(_valid_seeds(list(s.seeds)))) for s in config.sites]
    if seeds:
        sites.append(SiteConfig(name="command line", seeds=tuple(_valid_seeds(seeds))))
    if not sites:
        raise ConfigError("nothing to crawl: give seed URLs or --config sites.toml")
    return sites


def crawl(config: Config, seeds: list[str] | None = None, client: httpx.Client | None = None,
          sleep: Callable[[float], None] = time.sleep,
          on_page: Callable[[str, str], None] | None = None) -> RunSummary:
    """Crawl `seeds` and the configured sites (plus what an earlier run left queued) into config.db_path.

    Raises LockHeld when another run holds the database. `on_page(url, outcome)` is called
    after each page, for progress display and JSON logs.
    """
    sites = _Sites(_sites(config, list(seeds or [])))
    with RunLock(config.db_path):
        return _crawl_locked(config, sites, client, sleep, on_page)


def _crawl_locked(config: Config, sites: _Sites, client, sleep, on_page) -> RunSummary:
    started = time.monotonic()
    db = store.open_db(config.db_path)
    store.ensure_fts_triggers(db)
    all_seeds = [s for site in sites.sites for s in site.seeds]
    run_id = store.start_run(db, all_seeds)
    summary = RunSummary(run_id=run_id, db_path=Path(config.db_path))
    with store.transaction(db):
        frontier.recover(db, config.revisit_hours, config.article_revisit_hours)
        frontier.add(db, all_seeds, depth=0, requeue=True)
    own_client = client is None
    client = client or make_client(config)
    robots_config = dataclasses.replace(config, retries=0)
    robots = RobotsCache(lambda u: fetch(client, u, robots_config, sleep=sleep), config.user_agent)
    politeness = _Politeness(config, robots if config.obey_robots else None)
    pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="fetch")
    in_flight: dict[Future, tuple[str, int, SiteConfig | None, store.LastFetch | None]] = {}
    try:
        sources_read = read_site_sources(db, client, config, sites.sites, sites.hosts, robots, summary, sleep)
        while True:
            now = time.monotonic()
            out_of_time = config.max_runtime is not None and now - started >= config.max_runtime
            out_of_pages = summary.pages_fetched + len(in_flight) >= config.max_pages
            if not out_of_time and not out_of_pages:
                _fill(db, client, config, sites, robots, politeness, pool, in_flight, summary, sleep, on_page)
            elif not summary.stopped_early:
                summary.stopped_early = "max_runtime" if out_of_time else "max_pages"
            if not in_flight:
                if out_of_time or out_of_pages:
                    break
                pending = frontier.queued_hosts(db)
                available = pending - politeness.blocked_hosts(sites, float("inf"))  # ignoring delays
                if not available:
                    break  # nothing queued, or only sites whose page budget is spent
                soonest = min(politeness.next_start.get(h, now) for h in available)
                sleep(max(0.01, min(soonest - now, 1.0)))
                continue
            done, _ = wait(list(in_flight), timeout=1.0, return_when=FIRST_COMPLETED)
            for future in done:
                politeness.finished(in_flight[future][0])
            if config.max_runtime is None or time.monotonic() - started < config.max_runtime:
                # the next fetches start now and run while these pages are extracted and stored;
                # done futures stay in in_flight until stored, so the page budget still counts them
                _fill(db, client, config, sites, robots, politeness, pool, in_flight, summary, sleep, on_page)
            for future in done:
                url, depth, site, previous = in_flight.pop(future)
                found_feeds: list[str] = []
                try:
                    page = future.result()  # fetch() turns network errors into a Page; this is for bugs
                    outcome = _store_page(db, page, url, depth, site, previous, config, sites, summary, found_feeds)
                except Exception as exc:  # a bug in fetching or storing one page must cost that page, not the run
                    LOGGER.exception("internal error storing %s", url)
                    outcome = _record_internal_error(db, url, exc, summary)
                read_sources(db, client, config, sites.hosts, robots, summary, sleep,
                             [(f, "feed") for f in found_feeds if not config.same_site or same_site(f, sites.hosts)],
                             sources_read)
                if on_page:
                    on_page(url, outcome)
        summary.status = "ok"
    except KeyboardInterrupt as exc:
        summary.status = "interrupted"
        summary.exit_code = 143 if isinstance(exc, Terminated) else 130  # 128 + SIGTERM / SIGINT
        LOGGER.warning("%s; the next run continues from the saved frontier",
                       "terminated" if isinstance(exc, Terminated) else "interrupted")
    finally:
        for future in in_flight:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        if own_client:
            client.close()
        summary.elapsed = time.monotonic() - started
        summary.queued_left = frontier.counts(db).get("queued", 0)
        if summary.status == "ok":
            ratio = summary.pages_failed / summary.pages_fetched if summary.pages_fetched else 0.0
            if summary.pages_fetched and ratio > config.max_error_ratio:
                summary.status, summary.exit_code = "errors", 1
        if summary.articles_new or summary.articles_updated:
            store.refresh_statistics(db)
        store.finish_run(db, run_id, summary.status, summary.exit_code, {
            "pages_fetched": summary.pages_fetched, "pages_failed": summary.pages_failed,
            "articles_new": summary.articles_new, "articles_updated": summary.articles_updated,
            "figures": summary.figures}, dict(summary.errors))
        db.close()
    return summary


def _fill(db, client, config: Config, sites: _Sites, robots: RobotsCache, politeness: _Politeness,
          pool: ThreadPoolExecutor, in_flight: dict, summary: RunSummary, sleep, on_page) -> None:
    """Start fetches until the workers are busy or nothing queued may start now."""
    while len(in_flight) < config.workers and summary.pages_fetched + len(in_flight) < config.max_pages:
        skip = politeness.blocked_hosts(sites, time.monotonic())
        with store.transaction(db):
            nxt = frontier.next_url(db, skip)
        if nxt is None:
            return
        url, depth = nxt
        site = sites.of(url)
        if site is not None and site.is_excluded(url):
            with store.transaction(db):
                frontier.finish(db, url, FrontierState.SKIPPED, "excluded: matches exclude_patterns",
                                error_kind=ErrorKind.EXCLUDED)
            continue
        if config.obey_robots and not robots.allowed(url):
            with store.transaction(db):
                frontier.finish(db, url, FrontierState.SKIPPED, "robots: disallowed by robots.txt",
                                error_kind=ErrorKind.ROBOTS)
            summary.skipped += 1
            LOGGER.info("skipped %s: disallowed by robots.txt", url)
            if on_page:
                on_page(url, "robots")
            continue
        headers = {}
        previous = store.last_fetch(db, url)
        if previous and previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous and previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
        if site and site.user_agent:
            headers["User-Agent"] = site.user_agent
        politeness.started(url, site)
        in_flight[pool.submit(fetch, client, url, config, headers or None, sleep)] = (url, depth, site, previous)


def _record_internal_error(db, url: str, exc: Exception, summary: RunSummary) -> str:
    summary.pages_failed += 1
    summary.errors["internal"] += 1
    with store.transaction(db):
        frontier.finish(db, url, FrontierState.FAILED, f"internal: {type(exc).__name__}: {exc}",
                        error_kind=ErrorKind.INTERNAL)
    return "failed"


def _store_page(db, page: Page, url: str, depth: int, site: SiteConfig | None, previous: store.LastFetch | None,
                config: Config, sites: _Sites, summary: RunSummary, found_feeds: list[str]) -> str:
    """Process and store one fetched page; returns a one-word outcome. Never raises for a bad page.
    The feeds a seed announces go into `found_feeds`.

    `previous` is the last good fetch of the URL: a 304 or the same body again is recorded
    and not extracted a second time.
    """
    summary.pages_fetched += 1
    same_body = page.ok and previous is not None and previous.content_hash == store.content_hash(page.body)
    if page.status == 304 or same_body:
        with store.transaction(db):
            store.save_page(db, page, summary.run_id)
            frontier.finish(db, url, FrontierState.DONE)
        summary.not_modified += 1
        if depth == 0 and config.use_sitemaps and previous is not None and previous.content_hash:  # from its stored copy
            try:
                html, _ = decode_html(store.load_raw_html(db, previous.content_hash), page.content_type)
                found_feeds.extend(feed_links(html, page.final_url))
            except (StoreError, zlib.error) as exc:  # a stored copy we cannot read costs its feeds only
                LOGGER.info("%s: stored copy unreadable (%s); its feeds are not read this run", url, exc)
        return "not modified" if page.status == 304 else "unchanged"
    try:
        result = process_page(page, site, PageOptions(want_feeds=depth == 0 and config.use_sitemaps))
        found_feeds.extend(result.feeds)
    except Exception as exc:  # a bug in a step must cost one page, not the run; logged with its trace
        LOGGER.exception("internal error on %s", url)
        result = PageResult(error=f"internal error: {type(exc).__name__}: {exc}", error_kind=ErrorKind.INTERNAL)
    not_a_page = result.error_kind == ErrorKind.NOT_HTML  # a link to a feed, a PDF, JSON: the site is not at fault
    if not_a_page:
        summary.skipped += 1
        LOGGER.info("skipped %s: %s", url, result.error)
    elif result.error:
        summary.pages_failed += 1
        summary.errors[str(result.error_kind or "other")] += 1
        LOGGER.warning("%s: %s", url, result.error)
    with store.transaction(db):
        saved = store.save_result(db, page, result, summary.run_id)
        state = FrontierState.SKIPPED if not_a_page else FrontierState.FAILED if result.error else FrontierState.DONE
        frontier.finish(db, url, state, f"{result.error_kind}: {result.error}" if result.error else None,
                        kind=None if result.error else PageKind.ARTICLE if result.article else PageKind.LISTING,
                        error_kind=result.error_kind, http_status=page.status if result.error else None)
        new_links = [u for u in result.links if not config.same_site or same_site(u, sites.hosts)]
        if config.max_depth is not None and depth + 1 > config.max_depth:
            new_links = []  # a calendar or filter trap cannot eat the page budget past this depth
        frontier.add(db, new_links, depth + 1, source=url)
        for alias in {normalize_url(page.final_url)} - {url, None}:
            frontier.add(db, [alias], depth)
            frontier.finish(db, alias, FrontierState.DONE, f"redirect target of {url}")
        if saved.article is None or result.article is None:
            return "skipped" if not_a_page else "failed" if result.error else "page"
        article = result.article
        if article.url != url and same_site(article.url, {site_of(url)}):
            frontier.add(db, [article.url], depth)
            frontier.finish(db, article.url, FrontierState.DONE, f"canonical of {url}", kind=PageKind.ARTICLE)
        if saved.article.status == "duplicate":
            frontier.finish(db, url, FrontierState.DONE, f"same text as {saved.article.duplicate_of}",
                            kind=PageKind.ARTICLE)
            LOGGER.info("%s: same text as %s; stored once", url, saved.article.duplicate_of)
    summary.figures += saved.article.figures
    if saved.article.status == "new":
        summary.articles_new += 1
    elif saved.article.status == "updated":
        summary.articles_updated += 1
    else:
        summary.articles_unchanged += 1
    return f"article {saved.article.status}"
