"""What runs inside a worker process: warm the lazy caches once, then process pages.

jieba's dictionary (about a second) and the figure step's compiled word lists load lazily
on first use. A pool calls warm_up() in its initializer, so each worker pays for them once
when it starts and never in the middle of a page, and timings per page stay flat.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import signal
import sys
import threading
import time

from pipeline.config import SiteConfig
from pipeline.models import ErrorKind, Page
from pipeline.page import PageOptions, PageResult, process_page

LOGGER = logging.getLogger(__name__)

_WARM_TEXT = "Meta 第四季度营收 598 亿美元，同比增长 24%；capex rose 5% to $135 billion."


@functools.cache
def warm_up() -> None:
    """Load jieba and the figure step's caches in this process, once (a pool's initializer)."""
    from pipeline.figures import extract_figures, figures_version
    from pipeline.figures._seg import tokens

    logging.getLogger("jieba").setLevel(logging.ERROR)
    tokens("预热")  # jieba's dictionary and the part-of-speech table, once
    figures_version()
    extract_figures(_WARM_TEXT)


def init_worker(parent_pid: int) -> None:
    """A local pool worker's initializer: exit with the parent, then warm the caches.

    A parent killed with kill -9 cannot shut its pool down, and an idle worker would wait
    for work forever; so each worker asks the kernel for SIGKILL when its parent dies
    (Linux), and otherwise polls its parent's pid.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError) as exc:
            LOGGER.debug("prctl unavailable (%s); polling the parent instead", exc)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the pool
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True, name="watch-parent").start()
    warm_up()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


# An archive's links are not followed: finding and normalising them was a fifth of a page's time.
ARCHIVE = PageOptions(want_links=False)


def process_one(page: Page, site: SiteConfig | None) -> PageResult:
    """process_page, with a bug in a step costing this page only (as in a crawl), logged with its trace."""
    try:
        return process_page(page, site, ARCHIVE)
    except Exception as exc:  # the boundary of one page: the crawl does the same
        LOGGER.exception("internal error on %s", page.url)
        return PageResult(error=f"internal error: {type(exc).__name__}: {exc}", error_kind=ErrorKind.INTERNAL)


def process_batch(items: list[tuple[Page, SiteConfig | None]]) -> list[PageResult]:
    """process_one for each (page, site), in order: one pickled round trip for a batch of pages."""
    return [process_one(page, site) for page, site in items]
