"""The plain dataclasses that the pipeline's steps hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        )
        return out


@dataclass(frozen=True)
class Article:
    """The article found on a page: its text, its metadata and where each came from."""

    url: str
    title: str | None
    text: str
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    date_source: str | None = None  # "json-ld" | "meta" | "time" | "text" | "url" | "htmldate"
    lang: str | None = None  # "zh-Hans" | "zh-Hant" | "en" | other ISO 639-1
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    site_name: str | None = None
    description: str | None = None
    image: str | None = None
    figures: tuple[Figure, ...] = ()
