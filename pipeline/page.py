"""process_page(page, site) -> PageResult: everything that happens to one fetched page.

Decode, links (and announced feeds), article or not, article, figures: in that order, with
no I/O and no crawler state. Page in, PageResult out, both plain picklable dataclasses, so a
crawl, `reprocess`, `extract` and an archive ingest in worker processes all call this one
function and get the same answer for the same bytes.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from pipeline.config import SiteConfig
from pipeline.decode import decode_html
from pipeline.discover import alternates, feed_links, links
from pipeline.errors import ExtractError
from pipeline.extract import extract
from pipeline.figures import extract_figures, figure_text
from pipeline.models import Article, ErrorKind, Figure, Page, RawBody

LOGGER = logging.getLogger(__name__)
# A bound on one page's work, so a hostile or broken page costs seconds, not minutes: the HTML
# handed to extraction (real article pages are far smaller; the rest of a 60,000-paragraph page
# is cut). The figure step has its own bound (figures.figure_text).
MAX_HTML_CHARS = 4_000_000


@dataclass(frozen=True)
class PageOptions:
    """What to do with a page beyond finding its article (frozen, picklable)."""

    want_feeds: bool = False  # also list the feeds the page announces (a crawl reads them for seeds)
    want_links: bool = True
    figures: bool = True
    require_article: bool = True  # False: `extract` shows what a non-article page holds, page_kind says what it is
    keep_raw: bool = True  # hash and compress the body for raw_html (reprocess and extract store none)



@dataclass(frozen=True)
class PageResult:
    """What processing one fetched page produced.

    `error`/`error_kind` say why a page yields nothing (a failed fetch, not HTML, binary,
    unparseable); a listing page has no article and no error. `encoding` is None when the
    body was never decoded (then it is not worth keeping as raw HTML).
    """

    article: Article | None = None
    figures: tuple[Figure, ...] = ()
    links: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    encoding: str | None = None
    error: str | None = None
    error_kind: ErrorKind | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # reasons a step was skipped, for the log
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, URL) of the article's other language editions
    raw: RawBody | None = None  # the decoded body, ready for raw_html (PageOptions.keep_raw)

    @property
    def failed(self) -> bool:
        return self.error is not None and self.error_kind != ErrorKind.NOT_HTML


def process_page(page: Page, site: SiteConfig | None = None, options: PageOptions = PageOptions()) -> PageResult:
    """Decode, find links, judge and extract the article and its figures of one fetched page.

    Pure: no network, no database, no global state. Raises nothing for a bad page (a bad
    page is a PageResult with an error); an exception from here is a bug.
    """
    if not page.ok:
        return PageResult(error=page.error or f"HTTP {page.status}", error_kind=_kind(page.error_kind))
    if not page.is_html:
        return PageResult(error=f"not HTML ({page.content_type}); not extracted", error_kind=ErrorKind.NOT_HTML)
    if b"\x00" in page.body[:2048]:
        return PageResult(error="binary content served as HTML; not extracted", error_kind=ErrorKind.BINARY)
    html, encoding = decode_html(page.body, page.content_type)
    raw = RawBody.of(page.body) if options.keep_raw and page.body else None
    notes: tuple[str, ...] = ()
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
        notes = (f"HTML cut to its first {MAX_HTML_CHARS:,} characters before extraction",)
    # one selectolax parse for the links, the feeds and the language editions
    parsed = LexborHTMLParser(html) if options.want_links or options.want_feeds else None
    found = tuple(links(parsed, page.final_url)) if parsed is not None and options.want_links else ()
    feeds = tuple(feed_links(parsed, page.final_url)) if parsed is not None and options.want_feeds else ()
    if site is not None and not site.is_article_url(page.final_url):
        return PageResult(links=found, feeds=feeds, encoding=encoding, raw=raw)  # a listing page by the site's own patterns
    try:
        fetched = datetime.fromisoformat(page.fetched_at) if page.fetched_at else None
        article = extract(html, page.final_url, fetched_at=fetched, require_article=options.require_article)
    except ExtractError as exc:
        return PageResult(links=found, feeds=feeds, encoding=encoding, error=str(exc), error_kind=ErrorKind.EXTRACT,
                          notes=notes, raw=raw)
    if article is not None and site is not None and site.time_zone:
        article = dataclasses.replace(article, time_zone=site.time_zone)  # read by enrich.published_utc
    figures = figures_of(article) if article is not None and options.figures else ()
    editions = tuple(alternates(parsed if parsed is not None else html, page.final_url)) if article is not None else ()
    return PageResult(article=article, figures=figures, links=found, feeds=feeds, encoding=encoding, notes=notes,
                      alternates=editions, raw=raw)


def figures_of(article: Article) -> tuple[Figure, ...]:
    """The figure step: every money and percent figure of an article's text, with context
    (of its first figures.MAX_TEXT_CHARS characters: see figures.figure_text)."""
    return tuple(extract_figures(figure_text(article.text), published=article.published))  # 去年, this year


def _kind(value: str | None) -> ErrorKind | None:
    try:
        return ErrorKind(value) if value else None
    except ValueError:
        LOGGER.debug("unknown error kind %r", value)
        return ErrorKind.INTERNAL
