"""robots.txt, parsed by Protego (as scrapy does), fetched once per host per run.

An unreachable or broken robots.txt allows everything, as Google does for 4xx; a 5xx or a
timeout also allows, so one flaky host cannot stall a cron run, and the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from pipeline.models import Page

LOGGER = logging.getLogger(__name__)
MAX_ROBOTS_BYTES = 500 * 1024  # Google's limit: rules past it are not read


class RobotsCache:
    """Answers `allowed(url)` and `crawl_delay(url)` for one user agent."""

    def __init__(self, fetch_page: Callable[[str], Page], user_agent: str) -> None:
        self._fetch_page = fetch_page
        self._user_agent = user_agent
        self._parsers: dict[str, Protego | None] = {}

    def _parser(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._parsers:
            page = self._fetch_page(origin + "/robots.txt")
            parser = None
            if page.ok:
                try:
                    # as Google reads it: the first 500 KiB, the rest ignored (not the whole file ignored)
                    parser = Protego.parse(page.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
                except Exception as exc:  # protego is lenient; this is belt and braces
                    LOGGER.warning("ignoring unparsable robots.txt at %s: %s", origin, exc)
            elif page.error_kind not in ("http", "gone") or (page.status or 0) >= 500:
                # the page fetches that follow will report an unreachable host themselves
                LOGGER.info("robots.txt at %s unavailable (%s); crawling as allowed", origin, page.error)
            self._parsers[origin] = parser
        return self._parsers[origin]

    def allowed(self, url: str) -> bool:
        parser = self._parser(url)
        return True if parser is None else parser.can_fetch(url, self._user_agent)

    def crawl_delay(self, url: str) -> float | None:
        parser = self._parser(url)
        delay = parser.crawl_delay(self._user_agent) if parser else None
        return float(delay) if delay is not None else None

    def sitemaps(self, url: str) -> list[str]:
        parser = self._parser(url)
        return list(parser.sitemaps) if parser else []
