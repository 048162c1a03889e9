"""Re-derive stored articles with the current code, offline: from raw HTML, or figures from text alone."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

import sqlite_utils

from pipeline import store
from pipeline.errors import ConfigError, StoreError
from pipeline.figures import extract_figures, figure_text, figures_version
from pipeline.models import ErrorKind, Page
from pipeline.page import PageOptions, PageResult, process_page
from pipeline.stories import save_alternates
from pipeline.versions import EXTRACTOR_VERSION

LOGGER = logging.getLogger(__name__)


@dataclass
class ReprocessReport:
    articles: int = 0
    text_changed: int = 0
    figures_before: int = 0
    figures_after: int = 0
    failed: int = 0
    gone: int = 0  # stored pages that no longer yield an article
    changed_urls: list[str] = field(default_factory=list)


def reprocess(db: sqlite_utils.Database, batch_size: int = 200, only_outdated: bool = False,
              figures_only: bool = False) -> ReprocessReport:
    """Re-derive articles with the current code, offline: from their stored raw HTML
    (process_page, as a crawl would), or with `figures_only` their figures from
    `articles.text` alone (no HTML needed, much faster).

    `only_outdated` takes only rows another version produced (articles.extractor_version,
    or with `figures_only` articles.figures_version). One transaction per batch: an
    interrupted reprocess leaves finished batches done and the rest as they were. Figures
    are replaced with their article; none is left orphaned.
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, got {batch_size}")
    if figures_only:
        return _refigure(db, batch_size, only_outdated)
    report = ReprocessReport()
    where = " WHERE a.extractor_version != :version OR a.figures_version IS NOT :figures" if only_outdated else ""
    rows = db.execute(
        "SELECT a.id, a.url, a.site, a.text_hash, a.time_zone, p.id, p.url, p.final_url, p.status, p.fetched_at,"
        f" p.content_type, p.content_hash FROM articles a JOIN pages p ON p.id = a.page_id{where} ORDER BY a.id",
        {"version": EXTRACTOR_VERSION, "figures": figures_version()}).fetchall()
    for start in range(0, len(rows), batch_size):
        with store.transaction(db):
            for article_id, url, site, text_hash, time_zone, page_id, page_url, final_url, status, fetched_at, ctype, \
                    digest in rows[start:start + batch_size]:
                report.articles += 1
                before = _figure_count(db, article_id)
                report.figures_before += before
                try:
                    result = process_page(_stored_page(db, page_url, final_url, status, fetched_at, ctype, digest), options=REPROCESS)
                except StoreError as exc:
                    result = PageResult(error=str(exc), error_kind=ErrorKind.INTERNAL)
                if result.article is None:
                    report.figures_after += before
                    if result.error:
                        report.failed += 1
                        LOGGER.warning("%s: cannot reprocess: %s", url, result.error)
                    else:
                        report.gone += 1
                        LOGGER.warning("%s: the stored page no longer yields an article; kept as it was", url)
                    continue
                # keep the row's identity, and the zone its site had when it was crawled
                article = dataclasses.replace(result.article, url=url, time_zone=time_zone)
                store.save_article(db, article, result.figures, page_id, site)
                save_alternates(db, article_id, result.alternates)  # hreflang editions: stories for old rows
                report.figures_after += _figure_count(db, article_id)
                if store.text_hash(article.text) != text_hash:
                    report.text_changed += 1
                    report.changed_urls.append(url)
    return report


REPROCESS = PageOptions(want_links=False, keep_raw=False)  # its raw HTML is stored already


def _stored_page(db: sqlite_utils.Database, url: str, final_url: str, status: int | None, fetched_at: str,
                 content_type: str | None, digest: str | None) -> Page:
    if not digest:
        raise StoreError(f"{url}: no raw HTML stored for this page")
    return Page(url=url, final_url=final_url, status=status, content_type=content_type, fetched_at=fetched_at,
                body=store.load_raw_html(db, digest))


def _figure_count(db: sqlite_utils.Database, article_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM figures WHERE article_id = ?", [article_id]).fetchone()[0]


def _refigure(db: sqlite_utils.Database, batch_size: int, only_outdated: bool) -> ReprocessReport:
    """The figure step again on every stored text: what a new figure rule needs, without HTML."""
    report = ReprocessReport()
    where = " WHERE figures_version IS NOT :figures" if only_outdated else ""
    ids = [row[0] for row in db.execute(f"SELECT id FROM articles{where} ORDER BY id",
                                        {"figures": figures_version()}).fetchall()]
    for start in range(0, len(ids), batch_size):
        batch = ids[start:start + batch_size]
        with store.transaction(db):
            for article_id, text, published in db.execute(
                    f"SELECT id, text, published FROM articles WHERE id IN ({', '.join('?' * len(batch))})",
                    batch).fetchall():
                report.articles += 1
                before = _figure_count(db, article_id)
                report.figures_before += before
                try:
                    figures = extract_figures(figure_text(text), published=published)
                except Exception as exc:  # noqa: BLE001 - a rule's bug on one text must not stop the others
                    LOGGER.warning("article %s: cannot find its figures (%s: %s); its stored figures are kept",
                                   article_id, type(exc).__name__, exc)
                    report.failed += 1
                    report.figures_after += before
                    continue
                report.figures_after += store.replace_figures(db, article_id, figures)
    return report
