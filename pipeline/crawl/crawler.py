"""The crawl, step by step: scheduler -> politeness -> robots -> fetch -> record (page, links, article).

The only module that knows the order of pages. Fetches run in a small thread pool, one
attempt each (fetch.fetch_once): a transient failure goes back to the scheduler with a
not-before time, so a retry waits its turn under the host's delay and the run's time budget
and no fetch thread sleeps. Decoding and extraction happen in the main thread, or with
--processes N > 1 in a pool of worker processes (processing.py) while the next fetches run;
every database write happens in the main thread (record.Recorder), each page in one
transaction with its frontier state, in the order the fetches finished.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx

from pipeline import store
from pipeline.config import Config
from pipeline.crawl import scheduler
from pipeline.crawl.politeness import Clock, Politeness
from pipeline.crawl.processing import ProcessPool
from pipeline.crawl.record import Recorded, Recorder, Task
from pipeline.crawl.sites import Sites, configured_sites
from pipeline.crawl.sources import SourceReader
from pipeline.crawl.summary import RunSummary
from pipeline.engines.warc_writer import WarcWriter
from pipeline.errors import ConfigError, DatabaseBusy, DiskFull, StoreError, Terminated, storage_error
from pipeline.fetch import backoff_seconds, fetch, fetch_once, make_client, retryable
from pipeline.lock import RunLock
from pipeline.models import ErrorKind, FrontierState, Page
from pipeline.robots import RobotsCache
from pipeline.urls import host_key, same_site

LOGGER = logging.getLogger(__name__)
IDLE_WAIT = 1.0
# A run that ends on an error is recorded with the exit status the CLI gives it (sysexits.h).
EXIT_BY_ERROR: dict[type, int] = {DiskFull: 74, DatabaseBusy: 75, StoreError: 1}  # longest sleep before the loop looks at the frontier again


def crawl(config: Config, seeds: list[str] | None = None, client: httpx.Client | None = None,
          sleep: Callable[[float], None] = time.sleep,
          on_page: Callable[[str, str], None] | None = None) -> RunSummary:
    """Crawl `seeds` and the configured sites (plus what an earlier run left queued) into config.db_path.

    Raises ConfigError for a bad seed, LockHeld when another run holds the database.
    `on_page(url, outcome)` is called after each page, for progress display and JSON logs.
    """
    sites = configured_sites(config, list(seeds or []))
    if config.warc_dir is not None and not Path(config.warc_dir).is_dir():
        raise ConfigError(f"--warc {config.warc_dir}: no such folder; create it first (mkdir -p)")
    with RunLock(config.db_path):
        return Crawl(config, sites, client, sleep, on_page).run()


class Crawl:
    """One run over one database: its client, sites, robots, politeness, scheduler and summary."""

    def __init__(self, config: Config, sites: Sites, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep, on_page: Callable[[str, str], None] | None = None,
                 clock: Clock = time.monotonic) -> None:
        self.config = config
        self.sites = sites
        self._own_client = client is None
        self.client = client or make_client(config, hosts=sites.hosts)
        self._sleep = sleep
        self._on_page = on_page
        self._clock = clock
        self._started = clock()
        # fetches are cut off here (time.monotonic, as fetch measures), so --max-runtime holds while responses drip
        self._deadline = time.monotonic() + config.max_runtime if config.max_runtime is not None else None
        robots_config = dataclasses.replace(config, retries=0)
        self.robots = RobotsCache(lambda u: fetch(self.client, u, robots_config, sleep=sleep, deadline=self._deadline),
                                  config.user_agent)
        self.politeness = Politeness(sites, config.delay, self.robots.crawl_delay if config.obey_robots else None,
                                     clock)
        self._in_flight: dict[Future, Task] = {}
        self._tries: dict[str, int] = {}  # attempts this run, for URLs whose fetch is not yet recorded
        self._failures_in_a_row: Counter[str] = Counter()  # host -> connections failed or timed out
        self._warc: WarcWriter | None = None
        self._processes: ProcessPool | None = None
        # fetched pages being processed in the pool, stored in this order (the order their fetches finished)
        self._processing: deque[tuple[Task, Page, Future]] = deque()

    def run(self) -> RunSummary:
        """Crawl until nothing may be fetched, a budget is spent, or Ctrl-C / SIGTERM; record the run."""
        self.db = store.open_db(self.config.db_path)
        store.ensure_fts_triggers(self.db)
        if self.config.entities_file is not None:  # before any page: new figures get the user's entities
            store.use_user_entities(self.db, self.config.entities_file)
        store.apply_site_time_zones(self.db, self.config.sites)  # a zone added since the last run
        self.summary = RunSummary(run_id=store.start_run(self.db, self.sites.seeds), db_path=Path(self.config.db_path))
        with store.transaction(self.db):
            scheduler.recover(self.db, self.config.revisit_hours, self.config.article_revisit_hours)
            scheduler.add(self.db, self.sites.seeds, depth=0, requeue=True)
        self.recorder = Recorder(self.db, self.config, self.sites.names, self.summary, set(self.sites.seeds))
        self.sources = SourceReader(self.db, self.client, self.config, self.sites.names, self.robots,
                                    self.summary.run_id, self._sleep, self.sites.sources, self._deadline)
        self._pool = ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="fetch")
        if self.config.warc_dir is not None:
            self._warc = WarcWriter(self.config.warc_dir, user_agent=self.config.user_agent)
            self.summary.warc_files = self._warc.files
        if self.config.processes > 1:
            self._processes = ProcessPool(self.config.processes)
        try:
            self.summary.add_sources(self.sources.read_sites(self.sites.sites))
            while self._step():
                pass
            self.summary.status = "ok"
        except KeyboardInterrupt as exc:
            self.summary.status = "interrupted"
            self.summary.exit_code = 143 if isinstance(exc, Terminated) else 130  # 128 + SIGTERM / SIGINT
            LOGGER.warning("%s; the next run continues from the saved frontier",
                           "terminated" if isinstance(exc, Terminated) else "interrupted")
        except BaseException as exc:  # the disk, the lock, or a bug: the run is recorded as failed, then it ends
            self.summary.status = "failed"
            self.summary.exit_code = EXIT_BY_ERROR.get(type(exc), 70)
            self.summary.errors[type(exc).__name__] += 1
            raise
        finally:
            self._close()
        return self.summary

    # the loop

    def _step(self) -> bool:
        """Start what may start, then store what finished; False when the run is over."""
        stop = self._stop_reason()
        if stop is None:
            self._fill()
        elif not self.summary.stopped_early:
            self.summary.stopped_early = stop
        if not self._in_flight and not self._processing:
            if stop is not None:
                return False
            idle = self._idle_wait()
            if idle is None:
                return False  # nothing queued, or only hosts whose site budget is spent
            self._sleep(idle)
            return True
        waiting = list(self._in_flight) + ([self._processing[0][2]] if self._processing else [])
        done, _ = wait(waiting, timeout=IDLE_WAIT, return_when=FIRST_COMPLETED)
        fetched = [future for future in done if future in self._in_flight]
        for future in fetched:
            self.politeness.finished(self._in_flight[future].url)
        if not self._out_of_time():
            # the next fetches start now and run while these pages are extracted and stored;
            # done futures stay in _in_flight until stored, so the page budget still counts them
            self._fill()
        for future in fetched:
            self._complete(future)
        self._store_processed()
        return True

    def _out_of_time(self) -> bool:
        return self.config.max_runtime is not None and self._clock() - self._started >= self.config.max_runtime

    def _stop_reason(self) -> str | None:
        if self._out_of_time():
            return "max_runtime"
        if self.summary.pages_fetched + len(self._in_flight) >= self.config.max_pages:
            return "max_pages"
        return None

    def _idle_wait(self) -> float | None:
        """Seconds to sleep before something queued may start (a host's delay, a retry's time),
        at most IDLE_WAIT; None when nothing queued may start in this run at all."""
        ready = scheduler.ready_times(self.db)
        hosts = set(ready) - self.politeness.blocked(ready, ignore_delays=True)
        if not hosts:
            return None
        now = datetime.now(timezone.utc)
        waits = []
        for host in hosts:
            retry_at = ready[host]
            retry_wait = (retry_at - now).total_seconds() if retry_at is not None else 0.0
            waits.append(max(self.politeness.seconds_until_free([host]) or 0.0, retry_wait))
        return min(IDLE_WAIT, max(0.01, min(waits)))

    def _fill(self) -> None:
        """Start fetches until the workers are busy or nothing queued may start now."""
        queued_hosts = scheduler.queued_hosts(self.db)
        while (len(self._in_flight) < self.config.workers
               and self.summary.pages_fetched + len(self._in_flight) < self.config.max_pages):
            with store.transaction(self.db):
                taken = scheduler.next_url(self.db, self.politeness.blocked(queued_hosts))
            if taken is None:
                return
            task = self._task(*taken)
            if task is not None:
                self._start(task)

    def _task(self, url: str, depth: int) -> Task | None:
        """What fetching `url` needs, or None when it is not to be fetched (excluded, robots)."""
        site = self.sites.of(url)
        if site is not None and site.is_excluded(url):
            self._skip(url, ErrorKind.EXCLUDED, "excluded: matches exclude_patterns")
            return None
        if self.config.obey_robots and not self.robots.allowed(url):
            self._skip(url, ErrorKind.ROBOTS, "robots: disallowed by robots.txt")
            self.summary.skipped += 1
            LOGGER.info("skipped %s: disallowed by robots.txt", url)
            self._report(url, "robots")
            return None
        return Task(url, depth, site, store.last_fetch(self.db, url))

    def _skip(self, url: str, kind: ErrorKind, reason: str) -> None:
        with store.transaction(self.db):
            scheduler.finish(self.db, url, FrontierState.SKIPPED, reason, error_kind=kind)

    def _start(self, task: Task) -> None:
        headers = {}
        if task.previous and task.previous.etag:
            headers["If-None-Match"] = task.previous.etag
        if task.previous and task.previous.last_modified:
            headers["If-Modified-Since"] = task.previous.last_modified
        if task.site and task.site.user_agent:
            headers["User-Agent"] = task.site.user_agent
        self._tries[task.url] = self._tries.get(task.url, 0) + 1
        self.politeness.started(task.url)
        future = self._pool.submit(fetch_once, self.client, task.url, self.config, headers or None,
                                   self._may_follow, self._deadline)
        self._in_flight[future] = task

    def _may_follow(self, url: str) -> bool:
        """A redirect is followed where a link would be: with --same-site, only to the crawl's sites."""
        return not self.config.same_site or same_site(url, self.sites.names)

    def _complete(self, future: Future) -> None:
        """Retry, or record, one finished fetch."""
        task = self._in_flight.pop(future)
        try:
            page = future.result()  # fetch_once turns network errors into a Page; this is for bugs
            self._archive(page)
            if host_key(page.final_url) != host_key(task.url):
                self.politeness.charge(page.final_url)  # the request ended on that host: its delay starts
            self._count_host_failure(task.url, page)
            if page.error_kind == ErrorKind.TIMEOUT and self._out_of_time():
                self._tries.pop(task.url, None)
                recorded = self.recorder.release(task.url, "cut off at --max-runtime; the next run fetches it")
            elif page.error_kind == ErrorKind.OFF_SITE:
                self._tries.pop(task.url, None)
                recorded = self.recorder.off_site(page, task)
            elif self._retry_later(task, page):
                return
            elif self._processes is None:
                recorded = self.recorder.record(self._with_attempts(page, task.url), task)
            else:
                page = self._with_attempts(page, task.url)
                unchanged = self.recorder.unchanged(page, task)
                if unchanged is None:
                    self._processing.append((task, page, self._processes.submit(page, task.site,
                                                                                self.recorder.options(task))))
                    return
                recorded = unchanged
        except Exception as exc:  # a bug in fetching or storing one page must cost that page, not the run
            recorded = self._internal_error(task, exc)
        self._after(task, recorded)

    def _store_processed(self) -> None:
        """Store the pages the pool has processed, in fetch order; wait for the oldest when more are
        waiting than the pool can work on (so fetching cannot run ahead and fill the memory)."""
        limit = 2 * self.config.processes + self.config.workers
        while self._processing and (self._processing[0][2].done() or len(self._processing) > limit):
            task, page, future = self._processing.popleft()
            try:
                recorded = self.recorder.store(page, task, future.result())
            except BrokenProcessPool as exc:  # a worker was killed (out of memory?): every queued page is lost
                raise RuntimeError(f"a page-processing worker died ({exc}); the next run fetches "
                                   "the pages it had again") from exc
            except Exception as exc:  # as in _complete: this page's bug costs this page
                recorded = self._internal_error(task, exc)
            self._after(task, recorded)

    def _internal_error(self, task: Task, exc: Exception) -> Recorded:
        storage = storage_error(exc, str(self.config.db_path))
        if storage is not None:  # but a full disk or a held lock is every page's: stop, retry them next run
            raise storage from exc
        LOGGER.warning("internal error storing %s: %s: %s", task.url, type(exc).__name__, exc,
                       exc_info=LOGGER.isEnabledFor(logging.INFO))  # the trace with -v
        self._tries.pop(task.url, None)
        return self.recorder.internal_error(task.url, exc)

    def _archive(self, page: Page) -> None:
        """With --warc, every response as fetched (retried ones too): not a 304 (no body; an earlier
        run's file has it) and not a redirect off the sites (not followed, nothing of it kept)."""
        if self._warc is not None and page.status != 304 and page.error_kind != ErrorKind.OFF_SITE:
            self._warc.write(page)

    def _count_host_failure(self, url: str, page: Page) -> None:
        """Pause a host whose connections failed or timed out max_host_failures times in a row: a
        tarpit or a dead host costs a few timeouts, not the run (its URLs wait for the next run)."""
        host = host_key(url)
        if page.error_kind not in (ErrorKind.CONNECTION, ErrorKind.TIMEOUT):
            self._failures_in_a_row.pop(host, None)
            return
        self._failures_in_a_row[host] += 1
        if self._failures_in_a_row[host] >= self.config.max_host_failures and not self.politeness.paused(host):
            reason = f"{self._failures_in_a_row[host]} connection failures or timeouts in a row ({page.error})"
            self.politeness.pause(host, reason)
            LOGGER.warning("pausing %s for the rest of this run: %s; its queued URLs wait for the next run",
                           host, reason)

    def _retry_later(self, task: Task, page: Page) -> bool:
        """Hand a transient failure with attempts left back to the scheduler, with its backoff."""
        attempt = self._tries.get(task.url, 1)
        if not retryable(page) or attempt > self.config.retries:
            return False
        delay = backoff_seconds(self.config, attempt, page)
        LOGGER.info("retrying %s in %.1fs (%s)", task.url, delay, page.error)
        self.politeness.refund(task.url)
        with store.transaction(self.db):
            scheduler.retry_later(self.db, task.url, datetime.now(timezone.utc) + timedelta(seconds=delay),
                                  f"retry {attempt + 1}: {page.error}")
        return True

    def _with_attempts(self, page: Page, url: str) -> Page:
        """The page as recorded: how many attempts it took, in its reason when it still failed."""
        attempts = self._tries.pop(url, 1)
        if attempts == 1:
            return page
        error = f"{page.error} after {attempts} attempts" if page.error else None
        return dataclasses.replace(page, error=error, attempts=attempts)

    def _after(self, task: Task, recorded: Recorded) -> None:
        if recorded.feeds:
            self.summary.add_sources(self.sources.read_feeds(recorded.feeds))
        self._report(task.url, recorded.outcome)

    def _report(self, url: str, outcome: str) -> None:
        if self._on_page:
            self._on_page(url, outcome)

    def _close(self) -> None:
        """Stop the fetch threads, close what this run opened, and record the run's end."""
        for future in self._in_flight:
            future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._processes is not None:  # pages still queued there are fetched again by the next run
            self._processes.close()
        if self._own_client:
            self.client.close()
        if self._warc is not None:
            try:
                self._warc.close()
            except OSError as exc:  # a full disk: the file stays *.warc.gz.open, the database is still recorded
                LOGGER.warning("could not finish the WARC file: %s", exc)
        summary = self.summary
        summary.elapsed = self._clock() - self._started
        try:
            summary.queued_left = scheduler.counts(self.db).get("queued", 0)
            summary.judge(self.config.max_error_ratio)
            if summary.articles_new or summary.articles_updated:
                store.refresh_statistics(self.db)
            store.finish_run(self.db, summary.run_id, summary.status, summary.exit_code, summary.counts(),
                             dict(summary.errors))
        except (sqlite3.Error, OSError) as exc:  # a full disk may refuse even this row: the next run recovers
            LOGGER.warning("could not record the end of run %s: %s", summary.run_id, exc)
        finally:
            self.db.close()
