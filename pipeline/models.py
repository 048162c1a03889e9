"""The plain dataclasses that the pipeline's steps hand to each other."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a page failed or was passed over: `pages.error_kind` and `frontier.error_kind`."""

    HTTP = "http"  # an HTTP error status (4xx, 5xx); pages.status says which
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    TOO_LARGE = "too_large"
    REDIRECTS = "redirects"
    DECODING = "decoding"  # a broken Content-Encoding
    INVALID_URL = "invalid_url"
    NOT_HTML = "not_html"
    BINARY = "binary"  # binary content served as text/html
    EXTRACT = "extract"
    INTERNAL = "internal"  # a bug of ours, logged with its trace; costs one page
    ROBOTS = "robots"
    EXCLUDED = "excluded"  # matches the site's exclude_patterns
    SITEMAP = "sitemap"
    FEED = "feed"
    BLOCKED = "blocked"  # the address policy refused the connection (addresses.py); never retried
    GONE = "gone"  # 404 or 410: a dead link, not a failure of the site (unless the operator configured the URL)
    OFF_SITE = "off_site"  # a redirect off the crawl's sites: not followed, nothing stored


# Failures worth another try (on a later run, or later in this one); a 404 or a robots.txt
# refusal is not. HTTP errors are transient only for these statuses.
TRANSIENT_KINDS = frozenset({ErrorKind.TIMEOUT, ErrorKind.CONNECTION, ErrorKind.TOO_LARGE})
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_transient(error_kind: str | None, status: int | None) -> bool:
    """True for a failure that another attempt may cure."""
    return error_kind in TRANSIENT_KINDS or (error_kind == ErrorKind.HTTP and status in TRANSIENT_STATUSES)


class FrontierState(StrEnum):
    """`frontier.state`: queued -> fetching -> done | failed | skipped."""

    QUEUED = "queued"
    FETCHING = "fetching"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class PageKind(StrEnum):
    """What a fetched page was judged to be (`frontier.kind`, Article.page_kind)."""

    ARTICLE = "article"
    LISTING = "listing"
    OTHER = "other"


@dataclass(frozen=True)
class Page:
    """One HTTP fetch: what was asked, what came back, and why it failed if it did."""

    url: str
    final_url: str
    status: int | None
    content_type: str | None
    fetched_at: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # a one-line reason, e.g. "HTTP 503 after 3 attempts"
    error_kind: str | None = None  # "http" | "timeout" | "connection" | "too_large" | "redirects" | "robots" | ...
    redirects: tuple[str, ...] = ()
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def is_html(self) -> bool:
        ctype = (self.content_type or "").split(";")[0].strip().lower()
        return ctype in ("text/html", "application/xhtml+xml", "")


@dataclass(frozen=True)
class Figure:
    """A money amount or a percentage found in a text, with its exact span.

    `value` is set for a single figure, `low`/`high` for a range. Offsets are
    Python string indices into the text the figure was found in.
    """

    kind: str  # "money" | "percent"
    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    approx: str | None = None  # None | "about" | "over" | "under" | "at least"
    unit: str | None = None  # None | "pp" | "bps"
    sentence: str | None = None
    sentence_start: int | None = None  # text[sentence_start:sentence_end] == sentence
    sentence_end: int | None = None
    metric: str | None = None
    metric_word: str | None = None
    direction: str | None = None  # "up" | "down" | None
    subject: str | None = None
    period: str | None = None  # the time the figure covers: "2025-Q4", "2026", "2026-H1", "FY2026", "2026-01"
    role: str | None = None  # "actual" | "forecast" | "previous" | "target" | "consensus" | None

    def as_contract(self) -> dict:
        """The JSON shape of ../shared/figures/CONVENTIONS.md (the `figures --jsonl` contract)."""
        out: dict = {
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "currency": self.currency,
            "approx": self.approx,
        }
        if self.unit:
            out["unit"] = self.unit
        return out

    def as_dict(self) -> dict:
        """Every field, for `extract --json` and the figures table."""
        out = self.as_contract()
        out.update(
            start=self.start,
            end=self.end,
            unit=self.unit,
            sentence=self.sentence,
            sentence_start=self.sentence_start,
            sentence_end=self.sentence_end,
            metric=self.metric,
            metric_word=self.metric_word,
            direction=self.direction,
            subject=self.subject,
            period=self.period,
            role=self.role,
        )
        return out


@dataclass(frozen=True)
class Article:
    """The article found on a page: its text, its metadata and where each came from.

    Figures are not part of it: they are their own step (pipeline.figures), derived from
    `text`, so a new figure rule re-derives them from stored text without the HTML.
    """

    url: str
    title: str | None
    text: str
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    date_source: str | None = None  # "json-ld" | "meta" | "time" | "text" | "updated" | "url" | "htmldate"
    lang: str | None = None  # "zh-Hans" | "zh-Hant" | "en" | other ISO 639-1
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    site_name: str | None = None
    description: str | None = None
    image: str | None = None
    page_kind: str = "article"  # "article" | "listing" | "other": what the page was judged to be
    kind_signal: str | None = None  # what decided page_kind: "json-ld:NewsArticle", "og:type", "teasers", "prose"...
    time_zone: str | None = None  # the sites file's zone for a `published` without an offset (SiteConfig.time_zone)

    @property
    def is_article(self) -> bool:
        return self.page_kind == "article"


def content_hash(body: bytes) -> str:
    """raw_html's key: the SHA-256 of the response body, hex."""
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True)
class RawBody:
    """A body ready for raw_html, hashed and compressed where the page was processed: in a worker
    process, not in the one process that writes the database (zlib was a third of its time)."""

    content_hash: str
    html_zlib: bytes
    size: int

    @classmethod
    def of(cls, body: bytes) -> RawBody:
        return cls(content_hash(body), zlib.compress(body, 6), len(body))
