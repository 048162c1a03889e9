"""The crawl, step by step: frontier -> robots -> fetch -> store page -> links -> extract -> store article.

The only module that knows the order of the steps. Each page is written in one
transaction together with its frontier state, links and article, so a run killed at
any moment leaves a consistent database that the next run continues.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from pipeline import frontier, store
from pipeline.config import Config
from pipeline.decode import decode_html
from pipeline.discover import links, normalize_url, same_site, site_of
from pipeline.errors import ConfigError, ExtractError
from pipeline.extract import EXTRACTOR_VERSION, extract
from pipeline.fetch import fetch, make_client
from pipeline.models import Article, Page
from pipeline.robots import RobotsCache

LOGGER = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: int
    db_path: Path
    pages_fetched: int = 0
    pages_failed: int = 0
    skipped: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    figures: int = 0
    errors: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    queued_left: int = 0
    status: str = "running"
    exit_code: int = 0


@dataclass(frozen=True)
class PageResult:
    """What processing one fetched page produced."""

    article: Article | None
    links: list[str]
    error: str | None
    error_kind: str | None
    encoding: str | None


def analyse_page(page: Page) -> PageResult:
    """Decode, find links and extract the article of one fetched page. Pure: no I/O."""
    if not page.ok:
        return PageResult(None, [], page.error, page.error_kind, None)
    if not page.is_html:
        return PageResult(None, [], f"not HTML ({page.content_type}); not extracted", "not_html", None)
    if b"\x00" in page.body[:2048]:
        return PageResult(None, [], "binary content served as HTML; not extracted", "binary", None)
    html, encoding = decode_html(page.body, page.content_type)
    found = links(html, page.final_url)
    try:
        fetched = datetime.fromisoformat(page.fetched_at)
        article = extract(html, page.final_url, fetched_at=fetched)
    except ExtractError as exc:
        return PageResult(None, found, str(exc), "extract", encoding)
    return PageResult(article, found, None, None, encoding)


class _HostClock:
    """Per-host politeness: wait at least `delay` seconds between requests to one host."""

    def __init__(self, sleep: Callable[[float], None]) -> None:
        self._last: dict[str, float] = {}
        self._sleep = sleep

    def wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None and delay > 0:
            remaining = delay - (time.monotonic() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = time.monotonic()


def _valid_seeds(seeds: list[str]) -> list[str]:
    valid = []
    for seed in seeds:
        url = normalize_url(seed)
        if url is None:
            raise ConfigError(f"seed {seed!r} is not an http(s) URL; give URLs like https://example.com/news/")
        valid.append(url)
    return valid


def crawl(config: Config, seeds: list[str], client: httpx.Client | None = None,
          sleep: Callable[[float], None] = time.sleep,
          on_page: Callable[[str, str], None] | None = None) -> RunSummary:
    """Crawl breadth first from `seeds` (and whatever an earlier run left queued) into config.db_path.

    `on_page(url, outcome)` is called after each page, for progress display.
    """
    started = time.monotonic()
    seeds = _valid_seeds(seeds)
    db = store.open_db(config.db_path)
    run_id = store.start_run(db, seeds)
    summary = RunSummary(run_id=run_id, db_path=Path(config.db_path))
    with store.transaction(db):
        frontier.recover(db)
        frontier.add(db, seeds, depth=0, requeue=True)
    hosts = {site_of(s) for s in seeds}
    own_client = client is None
    client = client or make_client(config)
    robots_config = dataclasses.replace(config, retries=0)
    robots = RobotsCache(lambda u: fetch(client, u, robots_config, sleep=sleep), config.user_agent)
    clock = _HostClock(sleep)
    try:
        while summary.pages_fetched < config.max_pages:
            with store.transaction(db):
                nxt = frontier.next_url(db)
            if nxt is None:
                break
            url, depth = nxt
            outcome = _crawl_one(db, client, config, robots, clock, url, depth, hosts, summary, sleep)
            if on_page:
                on_page(url, outcome)
        summary.status = "ok"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        summary.exit_code = 130
        LOGGER.warning("interrupted; the next run continues from the saved frontier")
    finally:
        if own_client:
            client.close()
        summary.elapsed = time.monotonic() - started
        summary.queued_left = frontier.counts(db).get("queued", 0)
        if summary.status == "ok":
            ratio = summary.pages_failed / summary.pages_fetched if summary.pages_fetched else 0.0
            if summary.pages_fetched and ratio > config.max_error_ratio:
                summary.status, summary.exit_code = "errors", 1
        store.finish_run(db, run_id, summary.status, summary.exit_code, {
            "pages_fetched": summary.pages_fetched, "pages_failed": summary.pages_failed,
            "articles_new": summary.articles_new, "articles_updated": summary.articles_updated,
            "figures": summary.figures}, dict(summary.errors))
        db.close()
    return summary


def _crawl_one(db, client, config: Config, robots: RobotsCache, clock: _HostClock, url: str, depth: int,
               hosts: set[str], summary: RunSummary, sleep) -> str:
    """Fetch and store one URL; returns a one-word outcome. Never raises for a bad page."""
    if config.obey_robots and not robots.allowed(url):
        with store.transaction(db):
            frontier.finish(db, url, "skipped", "robots: disallowed by robots.txt")
        summary.skipped += 1
        LOGGER.info("skipped %s: disallowed by robots.txt", url)
        return "robots"
    delay = max(config.delay, robots.crawl_delay(url) or 0.0) if config.obey_robots else config.delay
    clock.wait(site_of(url), delay)
    page = fetch(client, url, config, sleep=sleep)
    summary.pages_fetched += 1
    try:
        result = analyse_page(page)
    except Exception as exc:  # a bug in a step must cost one page, not the run; logged with its trace
        LOGGER.exception("internal error on %s", url)
        result = PageResult(None, [], f"internal error: {type(exc).__name__}: {exc}", "internal", None)
    if result.error:
        summary.pages_failed += 1
        summary.errors[result.error_kind or "other"] += 1
        LOGGER.warning("%s: %s", url, result.error)
    page_to_store = page if result.encoding else dataclasses.replace(page, body=b"")
    page_to_store = dataclasses.replace(page_to_store, error=result.error, error_kind=result.error_kind)
    with store.transaction(db):
        page_id = store.save_page(db, page_to_store, summary.run_id, result.encoding)
        state = "failed" if result.error else "done"
        frontier.finish(db, url, state, f"{result.error_kind}: {result.error}" if result.error else None)
        new_links = [u for u in result.links if not config.same_site or same_site(u, hosts)]
        frontier.add(db, new_links, depth + 1, source=url)
        for alias in {normalize_url(page.final_url)} - {url, None}:
            frontier.add(db, [alias], depth)
            frontier.finish(db, alias, "done", f"redirect target of {url}")
        if result.article is None:
            return "failed" if result.error else "page"
        article = result.article
        if article.url != url and same_site(article.url, {site_of(url)}):
            frontier.add(db, [article.url], depth)
            frontier.finish(db, article.url, "done", f"canonical of {url}")
        saved = store.save_article(db, article, page_id, site_of(article.url), EXTRACTOR_VERSION)
    summary.figures += saved.figures
    if saved.status == "new":
        summary.articles_new += 1
    elif saved.status == "updated":
        summary.articles_updated += 1
    else:
        summary.articles_unchanged += 1
    return f"article {saved.status}"


ARTICLE_FIELDS = ("url", "title", "author", "published", "date_source", "lang", "categories", "tags",
                  "site_name", "description", "text", "figures")


def extract_source(source: str, client: httpx.Client | None, config: Config | None = None,
                   figures: bool = True) -> tuple[dict, httpx.Client | None]:
    """Extract one saved HTML file or URL into a JSON-ready dict; errors go in its `error` field.

    Returns the dict and the HTTP client (created on the first URL, reused for the next).
    """
    config = config or Config()
    empty: dict = {k: None for k in ARTICLE_FIELDS}
    empty.update(input=source, error=None)
    if source.startswith(("http://", "https://")):
        client = client or make_client(config)
        page = fetch(client, source, config)
        if not page.ok:
            return {**empty, "url": source, "error": page.error}, client
        if not page.is_html:
            return {**empty, "url": source, "error": f"not HTML ({page.content_type})"}, client
        body, content_type, url, fetched_at = page.body, page.content_type, page.final_url, page.fetched_at
    else:
        path = Path(source)
        try:
            body = path.read_bytes()
        except OSError as exc:
            return {**empty, "error": f"cannot read file: {exc.strerror or exc}"}, client
        content_type, url, fetched_at = None, path.resolve().as_uri(), None
    html, _ = decode_html(body, content_type)
    try:
        article = extract(html, url, fetched_at=datetime.fromisoformat(fetched_at) if fetched_at else None,
                          figures=figures, require_article=False)
    except ExtractError as exc:
        return {**empty, "url": url, "error": str(exc)}, client
    if article is None:
        return {**empty, "url": url, "error": "no article text found on the page"}, client
    result = {**empty, **{k: getattr(article, k) for k in ARTICLE_FIELDS if k != "figures"}}
    result["categories"] = list(article.categories)
    result["tags"] = list(article.tags)
    result["figures"] = [f.as_dict() for f in article.figures]
    return result, client
