"""What researchers do with the file: search it, re-derive it with a newer extractor, export it, summarise it.

Each function takes an open database and returns plain data; cli.py prints it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import sqlite_utils

from pipeline import store
from pipeline.errors import ConfigError, StoreError
from pipeline.figures import extract_figures, figures_version
from pipeline.models import ErrorKind, Page
from pipeline.page import PageOptions, PageResult, process_page
from pipeline.versions import EXTRACTOR_VERSION

LOGGER = logging.getLogger(__name__)
EXPORTABLE = ("articles", "figures", "figures_in_context", "daily_figures", "pages", "runs", "article_versions",
              "columns_doc")


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str | None
    url: str
    published: str | None
    lang: str | None
    snippet: str


def _fts_query(query: str) -> str:
    """Each whitespace-separated term as a quoted FTS5 phrase, all required."""
    terms = [t for t in query.split() if t]
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search(db: sqlite_utils.Database, query: str, limit: int = 20, site: str | None = None,
           lang: str | None = None, since: str | None = None, until: str | None = None) -> list[SearchHit]:
    """Articles matching every term of `query`, best first, with a snippet around the match;
    optionally only one site, one language (zh matches zh-Hans and zh-Hant), or published
    from `since` and before `until` (ISO dates, any prefix: 2026, 2026-01, 2026-01-29).

    Terms of three or more characters use the trigram index (ranked by bm25 through FTS5's
    rank, which sorts inside the index and builds snippets only for the rows returned: 2x
    faster than ORDER BY bm25() when a term is common); shorter ones (比特, 美元, AI) cannot,
    and are matched with LIKE on the text instead.
    """
    terms = [t for t in query.split() if t]
    if not terms:
        raise ConfigError("empty search query")
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where, params = [], []
    for t in short_terms:
        where.append("(a.text LIKE ? OR a.title LIKE ?)")
        params += [f"%{t}%", f"%{t}%"]
    if site:
        where.append("a.site = ?")
        params.append(site.lower().removeprefix("www."))
    if lang:
        where.append("(a.lang = ? OR a.lang LIKE ?)")
        params += [lang, f"{lang}-%"]
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published < ?")
        params.append(until)
    if long_terms:
        sql = ("SELECT a.id, a.title, a.url, a.published, a.lang,"
               " snippet(articles_fts, 1, '[', ']', '…', 12) AS snip"
               " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
               " WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where) +
               " ORDER BY rank LIMIT ?")
        rows = db.execute(sql, [_fts_query(" ".join(long_terms)), *params, limit]).fetchall()
    else:
        sql = ("SELECT a.id, a.title, a.url, a.published, a.lang, a.text FROM articles a WHERE "
               + " AND ".join(where) + " ORDER BY a.published DESC LIMIT ?")
        rows = [(*r[:5], _snippet(r[5], short_terms[0])) for r in db.execute(sql, [*params, limit]).fetchall()]
    return [SearchHit(*row) for row in rows]


def _snippet(text: str, term: str, width: int = 24) -> str:
    text = " ".join(text.split())
    at = text.find(term)
    if at < 0:
        return text[:2 * width]
    return ("…" if at > width else "") + text[max(0, at - width):at] + f"[{term}]" + \
        text[at + len(term):at + len(term) + width] + "…"


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
        "SELECT a.id, a.url, a.site, a.text_hash, p.id, p.url, p.final_url, p.status, p.fetched_at, p.content_type,"
        f" p.content_hash FROM articles a JOIN pages p ON p.id = a.page_id{where} ORDER BY a.id",
        {"version": EXTRACTOR_VERSION, "figures": figures_version()}).fetchall()
    for start in range(0, len(rows), batch_size):
        with store.transaction(db):
            for article_id, url, site, text_hash, page_id, *fetch, digest in rows[start:start + batch_size]:
                report.articles += 1
                before = _figure_count(db, article_id)
                report.figures_before += before
                try:
                    result = process_page(_stored_page(db, *fetch, digest), options=REPROCESS)
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
                article = dataclasses.replace(result.article, url=url)  # keep the row's identity
                store.save_article(db, article, result.figures, page_id, site)
                report.figures_after += _figure_count(db, article_id)
                if store.text_hash(article.text) != text_hash:
                    report.text_changed += 1
                    report.changed_urls.append(url)
    return report


REPROCESS = PageOptions(want_links=False)


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
            for article_id, text in db.execute(
                    f"SELECT id, text FROM articles WHERE id IN ({', '.join('?' * len(batch))})", batch).fetchall():
                report.articles += 1
                report.figures_before += _figure_count(db, article_id)
                report.figures_after += store.replace_figures(db, article_id, extract_figures(text))
    return report


def export(db: sqlite_utils.Database, table: str, fmt: str, out: IO | Path | None = None) -> int:
    """Write a table or view as csv, jsonl or parquet; returns the number of rows written."""
    if table not in EXPORTABLE:
        raise ConfigError(f"cannot export {table!r}; choose one of: {', '.join(EXPORTABLE)}")
    cursor = db.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cursor.description]
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise ConfigError("parquet export needs pyarrow: pip install -e '.[parquet]'") from exc
        if out is None or not isinstance(out, Path):
            raise ConfigError("parquet export needs --output FILE")
        rows = cursor.fetchall()
        data = {c: [r[i] if not isinstance(r[i], bytes) else r[i].hex() for r in rows] for i, c in enumerate(columns)}
        pq.write_table(pa.table(data), out)
        return len(rows)
    stream = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else (out or sys.stdout)
    count = 0
    try:
        if fmt == "csv":
            writer = csv.writer(stream)
            writer.writerow(columns)
            for row in cursor:
                writer.writerow([v.hex() if isinstance(v, bytes) else v for v in row])
                count += 1
        elif fmt == "jsonl":
            for row in cursor:
                record = {c: (v.hex() if isinstance(v, bytes) else v) for c, v in zip(columns, row)}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        else:
            raise ConfigError(f"unknown format {fmt!r}; choose csv, jsonl or parquet")
    finally:
        if isinstance(out, Path):
            stream.close()
    return count


def stats(db: sqlite_utils.Database, runs: int = 5) -> dict:
    """Counts a researcher (or whoever runs cron) wants first."""
    q = lambda sql: db.execute(sql).fetchall()  # noqa: E731
    return {
        "articles": q("SELECT COUNT(*) FROM articles")[0][0],
        "figures": q("SELECT COUNT(*) FROM figures")[0][0],
        "articles_by_site_lang": q("SELECT site, lang, COUNT(*) FROM articles GROUP BY site, lang ORDER BY 3 DESC"),
        "articles_by_day": q("SELECT substr(published, 1, 10) AS d, COUNT(*) FROM articles GROUP BY d"
                             " ORDER BY d DESC LIMIT 14"),
        "figures_by_kind_currency": q("SELECT kind, COALESCE(currency, unit, '%'), COUNT(*) FROM figures"
                                      " GROUP BY 1, 2 ORDER BY 3 DESC"),
        "runs": q(f"SELECT id, started_at, ended_at, status, pages_fetched, pages_failed, articles_new, errors"
                  f" FROM runs ORDER BY id DESC LIMIT {int(runs)}"),
        "errors": Counter(dict(q("SELECT error_kind, COUNT(*) FROM pages WHERE error IS NOT NULL GROUP BY 1"))),
    }


def datasette_metadata(database: str = "news") -> dict:
    """Datasette metadata for the database file named `database`.db: descriptions and canned queries."""
    from pipeline.schema_docs import TABLES

    tables = {name: {"description": about, "columns": columns} for name, (about, columns) in TABLES.items()}
    return {
        "title": "Crypto and finance news: articles and figures",
        "description": "Articles crawled by pipeline, with every money and percent figure traced to its sentence.",
        "databases": {database: {"tables": tables, "queries": CANNED_QUERIES}},
    }


CANNED_QUERIES = {
    "usd_capex_by_company": {
        "title": "USD capital expenditure figures, largest first",
        "sql": "SELECT published, subject, text, value, low, high, approx, title, url FROM figures_in_context"
               " WHERE currency = 'USD' AND metric = 'capex' ORDER BY COALESCE(value, high) DESC",
    },
    "btc_percent_changes_by_week": {
        "title": "Percent changes reported for bitcoin, per week",
        "sql": "SELECT strftime('%Y-%W', day) AS week, direction, COUNT(*) AS figures, AVG(value) AS mean_value"
               " FROM figures_in_context WHERE kind = 'percent' AND direction IS NOT NULL"
               " AND (subject IN ('BTC', 'Bitcoin', '比特币', '比特幣') OR sentence LIKE '%比特币%'"
               " OR sentence LIKE '%bitcoin%') GROUP BY week, direction ORDER BY week",
    },
    "search_articles": {
        "title": "Search articles (three or more characters: 资本支出, capex)",
        "sql": "SELECT a.published, a.title, a.url, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
               " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :query"
               " ORDER BY rank LIMIT 50",
    },
    "figures_of_a_month": {
        "title": "Figures of one metric in one month",
        "sql": "SELECT day, site, subject, text, value, currency, sentence FROM figures_in_context"
               " WHERE metric = :metric AND day LIKE :month || '%' ORDER BY day",
    },
}
