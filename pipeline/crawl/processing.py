"""Page processing (decode, extract, figures) beside the crawl: in-process, or in worker processes.

Extraction is CPU work and the GIL lets one thread do it at a time, so a crawl with one
process uses one core for all of it however many fetch threads wait. With --processes N > 1
each fetched page goes to a pool of N spawned processes (engines.work.init_worker: jieba and
the figure caches load once per process, a worker dies with the crawl) while fetching stays
in threads and every database write stays in the crawl's process, one transaction per page.
process_page is pure and its input and output pickle, so both ways store the same rows.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from pipeline.config import SiteConfig
from pipeline.models import ErrorKind, Page
from pipeline.page import PageOptions, PageResult, process_page

LOGGER = logging.getLogger(__name__)


def process_safely(page: Page, site: SiteConfig | None, options: PageOptions) -> PageResult:
    """process_page, with a bug in a step costing this page only (its trace with -v)."""
    try:
        return process_page(page, site, options)
    except Exception as exc:  # the boundary of one page, in the crawl's process or a worker's
        LOGGER.info("internal error on %s", page.url, exc_info=True)
        return PageResult(error=f"internal error: {type(exc).__name__}: {exc}", error_kind=ErrorKind.INTERNAL)


class ProcessPool:
    """A pool of `processes` spawned workers running process_safely; the caller stores the results."""

    def __init__(self, processes: int) -> None:
        from pipeline.engines.work import init_worker

        self.processes = processes
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=init_worker, initargs=(os.getpid(),))
        self._pool.submit(int)  # start the workers (and their warm-up) now, while robots.txt and sitemaps are read

    def submit(self, page: Page, site: SiteConfig | None, options: PageOptions) -> Future[PageResult]:
        return self._pool.submit(process_safely, page, site, options)

    def close(self) -> None:
        """Drop what has not started and wait for the pages being processed (a page is short)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
