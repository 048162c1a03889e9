"""One fetched page into the database: page.process_page, store.save_result, and the frontier
state beside them in one transaction, so a run killed at any moment leaves a consistent
database that the next run continues.

The crawl's side of a page: which links it queues, which aliases (redirect target, canonical)
it marks done, and the run's counters. The page's own steps are page.py's.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field

import sqlite_utils

from pipeline import store
from pipeline.config import Config, SiteConfig
from pipeline.crawl import scheduler
from pipeline.crawl.processing import process_safely
from pipeline.crawl.summary import RunSummary
from pipeline.decode import decode_html
from pipeline.discover import feed_links
from pipeline.errors import StoreError
from pipeline.models import ErrorKind, FrontierState, Page, PageKind
from pipeline.page import PageOptions, PageResult
from pipeline.urls import normalize_url, same_site, site_of

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    """A URL taken from the scheduler, with what its fetch and storing need to know."""

    url: str
    depth: int
    site: SiteConfig | None
    previous: store.LastFetch | None  # the last good fetch: for a conditional GET and an unchanged body


@dataclass
class Recorded:
    """How a page ended (a one-word outcome for progress and JSON logs) and the feeds it announced."""

    outcome: str
    feeds: list[str] = field(default_factory=list)


class Recorder:
    """Stores fetched pages and their frontier state; counts them in the run's summary."""

    def __init__(self, db: sqlite_utils.Database, config: Config, site_names: set[str], summary: RunSummary,
                 seeds: set[str]) -> None:
        self._db = db
        self._config = config
        self._site_names = site_names
        self._summary = summary
        self._seeds = seeds  # a 404 or 410 here is the operator's problem: a failure, not a dead link

    def record(self, page: Page, task: Task) -> Recorded:
        """Process and store one fetched page in this process. Never raises for a bad page."""
        unchanged = self.unchanged(page, task)
        if unchanged is not None:
            return unchanged
        return self.store(page, task, process_safely(page, task.site, self.options(task)))

    def unchanged(self, page: Page, task: Task) -> Recorded | None:
        """Count the fetch; a 304 or the same body as the last good fetch is recorded here and not
        processed again (the Recorded); None when the page is to be processed, then store()d."""
        self._summary.pages_fetched += 1
        previous = task.previous
        same_body = page.ok and previous is not None and previous.content_hash == store.content_hash(page.body)
        if page.status == 304 or same_body:
            return self._not_modified(page, task)
        return None

    def options(self, task: Task) -> PageOptions:
        """What processing the task's page needs: a seed's feeds are read when sitemaps are used."""
        return PageOptions(want_feeds=task.depth == 0 and self._config.use_sitemaps)

    def store(self, page: Page, task: Task, result: PageResult) -> Recorded:
        """Store a processed page (after unchanged() returned None) with its frontier state."""
        return Recorded(self._save(page, task, result), list(result.feeds))

    def internal_error(self, url: str, exc: Exception) -> Recorded:
        """A bug while fetching or storing `url`: it costs that URL only."""
        self._summary.fail("internal")
        with store.transaction(self._db):
            scheduler.finish(self._db, url, FrontierState.FAILED, f"internal: {type(exc).__name__}: {exc}",
                             error_kind=ErrorKind.INTERNAL)
        return Recorded("failed")

    def off_site(self, page: Page, task: Task) -> Recorded:
        """A redirect off the crawl's sites, not followed: skipped, and nothing of it stored."""
        self._summary.skipped += 1
        LOGGER.info("skipped %s: %s", task.url, page.error)
        with store.transaction(self._db):
            scheduler.finish(self._db, task.url, FrontierState.SKIPPED, f"{ErrorKind.OFF_SITE}: {page.error}",
                             error_kind=ErrorKind.OFF_SITE, http_status=page.status)
        return Recorded("off site")

    def release(self, url: str, reason: str) -> Recorded:
        """A fetch the run's end cut off: queued again, not a failure, for the next run."""
        with store.transaction(self._db):
            scheduler.release(self._db, url, reason)
        return Recorded("queued")

    def _not_modified(self, page: Page, task: Task) -> Recorded:
        with store.transaction(self._db):
            store.save_page(self._db, page, self._summary.run_id)
            scheduler.finish(self._db, task.url, FrontierState.DONE)
        self._summary.not_modified += 1
        feeds: list[str] = []
        previous = task.previous
        if task.depth == 0 and self._config.use_sitemaps and previous is not None and previous.content_hash:
            try:  # a seed's feeds, from its stored copy
                html, _ = decode_html(store.load_raw_html(self._db, previous.content_hash), page.content_type)
                feeds = feed_links(html, page.final_url)
            except (StoreError, zlib.error) as exc:  # a stored copy we cannot read costs its feeds only
                LOGGER.info("%s: stored copy unreadable (%s); its feeds are not read this run", task.url, exc)
        return Recorded("not modified" if page.status == 304 else "unchanged", feeds)

    def _save(self, page: Page, task: Task, result: PageResult) -> str:
        url, depth, db, summary = task.url, task.depth, self._db, self._summary
        not_a_page = result.error_kind == ErrorKind.NOT_HTML  # a link to a feed, a PDF, JSON: not the site's fault
        dead_link = result.error_kind == ErrorKind.GONE and url not in self._seeds
        blocked = result.error_kind == ErrorKind.BLOCKED  # the address policy: refused, not the site's failure
        if not_a_page:
            summary.skipped += 1
            LOGGER.info("skipped %s: %s", url, result.error)
        elif blocked:
            summary.skipped += 1
            summary.blocked += 1
            LOGGER.warning("blocked %s: %s", url, result.error)
        elif dead_link:  # a site with dead links is healthy: cron stays silent, the ratio is not touched
            summary.gone += 1
            LOGGER.info("gone %s: %s", url, result.error)
        elif result.error:
            summary.fail(str(result.error_kind or "other"))
            LOGGER.warning("%s: %s", url, result.error)
        with store.transaction(db):
            saved = store.save_result(db, page, result, summary.run_id)
            state = (FrontierState.SKIPPED if not_a_page or dead_link or blocked
                     else FrontierState.FAILED if result.error else FrontierState.DONE)
            scheduler.finish(db, url, state, f"{result.error_kind}: {result.error}" if result.error else None,
                             kind=None if result.error else PageKind.ARTICLE if result.article else PageKind.LISTING,
                             error_kind=result.error_kind, http_status=page.status if result.error else None)
            self._queue_links(result.links, url, depth)
            alias = normalize_url(page.final_url)
            if alias is not None and alias != url:  # the redirect target is this page too
                scheduler.add(db, [alias], depth)
                scheduler.finish(db, alias, FrontierState.DONE, f"redirect target of {url}")
            if saved.article is None or result.article is None:
                return ("skipped" if not_a_page else "blocked" if blocked else "gone" if dead_link
                        else "failed" if result.error else "page")
            article = result.article
            if article.url != url and same_site(article.url, {site_of(url)}):
                scheduler.add(db, [article.url], depth)
                scheduler.finish(db, article.url, FrontierState.DONE, f"canonical of {url}", kind=PageKind.ARTICLE)
            if saved.article.status == "duplicate":
                scheduler.finish(db, url, FrontierState.DONE, f"same text as {saved.article.duplicate_of}",
                                 kind=PageKind.ARTICLE)
                LOGGER.info("%s: same text as %s; stored once", url, saved.article.duplicate_of)
        store.count_saved(summary, saved.article)
        return f"article {saved.article.status}"

    def _queue_links(self, links: list[str] | tuple[str, ...], source: str, depth: int) -> None:
        """Queue a page's links one hop deeper: on the crawl's sites with --same-site, none past --max-depth
        (so a calendar or filter trap cannot eat the page budget)."""
        if self._config.max_depth is not None and depth + 1 > self._config.max_depth:
            return
        new = [u for u in links if not self._config.same_site or same_site(u, self._site_names)]
        scheduler.add(self._db, new, depth + 1, source=source)
