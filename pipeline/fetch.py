"""HTTP fetching with httpx: timeouts, a size cap, redirects recorded, retries with backoff.

`fetch_once` and `fetch` never raise for a network or HTTP problem: they return a Page whose
`error` says what went wrong, so one bad URL never stops a crawl. The crawl fetches once per
attempt and hands a retry back to its scheduler (`retryable`, `backoff_seconds`); `fetch`
retries in place, sleeping, for the callers with no scheduler (`extract URL`, sitemaps, feeds).
"""

from __future__ import annotations

import dataclasses
import email.utils
import logging
import random
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

import httpx

from pipeline.addresses import AddressPolicy, BlockedAddress, guarded_transport
from pipeline.config import Config
from pipeline.models import Page

LOGGER = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}


def make_client(config: Config, transport: httpx.BaseTransport | None = None,
                hosts: Iterable[str] = ()) -> httpx.Client:
    """The one client a crawl uses. Every connection it opens, redirects included, passes the
    address policy (addresses.py): public addresses, `hosts` (the configured seeds', sitemaps'
    and feeds' hosts) and config.allow_private. Pass `transport` to test without a network.

    Proxies from the environment are not used (trust_env=False): through a proxy the address
    connected to could not be checked.
    """
    timeout = httpx.Timeout(config.read_timeout, connect=config.connect_timeout)
    if transport is None:
        transport = guarded_transport(AddressPolicy.build(hosts, config.allow_private))
    return httpx.Client(
        trust_env=False,
        headers={"User-Agent": config.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.5",
                 "Accept-Language": "zh-CN,zh-TW;q=0.9,en;q=0.8"},
        timeout=timeout,
        follow_redirects=True,
        max_redirects=config.max_redirects,
        transport=transport,
    )


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _TooLarge(Exception):
    pass


class _TotalTimeout(Exception):
    pass


class _RunOver(Exception):
    pass


GONE_STATUSES = {404, 410}  # a dead link: recorded as `gone`, not as the site failing


def _read_capped(response: httpx.Response, config: Config, started: float, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > config.max_bytes:
            raise _TooLarge(size)
        now = time.monotonic()
        if now - started > config.total_timeout:
            raise _TotalTimeout()
        if deadline is not None and now > deadline:
            raise _RunOver()
        chunks.append(chunk)
    return b"".join(chunks)


def _timeout(config: Config, deadline: float | None) -> httpx.Timeout | None:
    """The client's timeouts, shortened so that no wait outlasts `deadline` (None: the client's own)."""
    if deadline is None:
        return None
    left = max(0.05, deadline - time.monotonic())
    return httpx.Timeout(min(config.read_timeout, left), connect=min(config.connect_timeout, left))


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), cap))


def retryable(page: Page) -> bool:
    """A failure another attempt in this run may cure: a connection error, a connect or read
    timeout, 429 or 5xx. Not a response that outlasted the total timeout (it has a status):
    a tarpit costs one timeout per run, and the next run tries it again."""
    if page.error_kind == "timeout":
        return page.status is None
    return page.error_kind == "connection" or page.status in RETRY_STATUSES


def backoff_seconds(config: Config, attempt: int, page: Page) -> float:
    """How long to wait before attempt `attempt + 1`: the page's Retry-After (capped by
    config.max_retry_after), else config.backoff doubled per attempt, with jitter."""
    return _backoff(config, attempt, retry_after_seconds(page.headers.get("retry-after"), config.max_retry_after))


def _backoff(config: Config, attempt: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return retry_after
    base = config.backoff * (2 ** (attempt - 1))
    return base + random.uniform(0, base / 2)


def fetch_once(client: httpx.Client, url: str, config: Config, headers: dict | None = None,
               follow: Callable[[str], bool] | None = None, deadline: float | None = None) -> Page:
    """One GET, streamed and capped, following redirects hop by hop; errors become Page.error.

    `follow(url)` decides each redirect hop: a redirect to a URL it refuses is not fetched and
    comes back as error_kind "off_site" (a redirect is a link, and the crawl's same-site rule
    holds for it). `deadline` (time.monotonic) cuts off a response still arriving after it,
    however slowly it drips, so a run's --max-runtime holds. 404 and 410 are "gone".
    A response that outlasts config.total_timeout is "timeout" with the status its headers
    gave (a connect or read timeout has none): see `retryable`.
    """
    fetched_at = now_iso()
    started = time.monotonic()
    history: list[str] = []
    try:
        request = client.build_request("GET", url, headers=headers, timeout=_timeout(config, deadline))
        while True:
            response = client.send(request, stream=True, follow_redirects=False)
            try:
                target = response.next_request
                if target is None:
                    return _page(response, url, tuple(history), fetched_at, config, started, deadline)
                history.append(str(response.url))
                if len(history) > config.max_redirects:
                    return Page(url, str(response.url), response.status_code, None, fetched_at,
                                error=f"more than {config.max_redirects} redirects", error_kind="redirects",
                                redirects=tuple(history))
                if follow is not None and not follow(str(target.url)):
                    return Page(url, str(response.url), response.status_code, None, fetched_at,
                                error=f"redirected off the crawl's sites, to {target.url}", error_kind="off_site",
                                redirects=tuple(history))
                request = target
            finally:
                response.close()
    except BlockedAddress as exc:  # the address policy refused a connection: never retried
        return Page(url, history[-1] if history else url, None, None, fetched_at, error=str(exc), error_kind="blocked",
                    redirects=tuple(history))
    except httpx.TimeoutException as exc:
        return Page(url, url, None, None, fetched_at, error=f"timed out ({type(exc).__name__})",
                    error_kind="timeout")
    except httpx.DecodingError as exc:
        return Page(url, url, None, None, fetched_at, error=f"bad content encoding: {exc}",
                    error_kind="decoding")
    except (httpx.TransportError, OSError) as exc:
        return Page(url, url, None, None, fetched_at, error=f"connection failed: {exc or type(exc).__name__}",
                    error_kind="connection")
    except httpx.InvalidURL as exc:
        return Page(url, url, None, None, fetched_at, error=f"invalid URL: {exc}", error_kind="invalid_url")


def _page(response: httpx.Response, url: str, redirects: tuple[str, ...], fetched_at: str, config: Config,
          started: float, deadline: float | None) -> Page:
    """The final response of a fetch as a Page, its body read under the caps."""
    base = dict(url=url, final_url=str(response.url), status=response.status_code,
                content_type=response.headers.get("content-type"), fetched_at=fetched_at,
                headers=dict(response.headers), redirects=redirects)
    try:
        body = _read_capped(response, config, started, deadline)
    except _TooLarge:
        probe = Page(**base)
        if not probe.is_html:  # a large PDF or archive behind a link: passed over, not the site's failure
            return Page(**base, error=f"not HTML ({probe.content_type}) and larger than {config.max_bytes} bytes;"
                                      " not read", error_kind="not_html")
        return Page(**base, error=f"response larger than {config.max_bytes} bytes; cut off", error_kind="too_large")
    except _TotalTimeout:
        return Page(**base, error=f"response took longer than {config.total_timeout:g}s", error_kind="timeout")
    except _RunOver:
        return Page(**base, error="cut off: the run's time is up", error_kind="timeout")
    if response.status_code in GONE_STATUSES:
        return Page(**base, body=body, error=f"HTTP {response.status_code}", error_kind="gone")
    if response.status_code >= 400:
        return Page(**base, body=body, error=f"HTTP {response.status_code}", error_kind="http")
    return Page(**base, body=body)


def fetch(client: httpx.Client, url: str, config: Config, headers: dict | None = None,
          sleep=time.sleep, deadline: float | None = None) -> Page:
    """GET with retries for connection errors, timeouts, 429 and 5xx (honouring Retry-After),
    for callers with no scheduler to hand a retry to. No retry starts after `deadline`."""
    attempt = 1
    while True:
        page = fetch_once(client, url, config, headers, deadline=deadline)
        if not retryable(page) or attempt > config.retries:
            if attempt > 1 and page.error:
                page = dataclasses.replace(page, error=f"{page.error} after {attempt} attempts",
                                           attempts=attempt)
            return page
        wait = backoff_seconds(config, attempt, page)
        if deadline is not None and time.monotonic() + wait > deadline:
            return page
        LOGGER.info("retrying %s in %.1fs (%s)", url, wait, page.error)
        sleep(wait)
        attempt += 1
