"""Counting and storing what an ingest read: one Tally per work unit, added up for the summary.

Both engines store a processed record with the same function (store_record: save_result, as
a crawl does) and record each finished work unit in `merged_shards` in the same
transaction as its rows, so the table says exactly which work is in the file.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from pipeline import store
from pipeline.engines.warc import Record
from pipeline.errors import storage_error
from pipeline.models import ErrorKind, Page, content_hash
from pipeline.page import PageResult

LOGGER = logging.getLogger(__name__)


@dataclass
class Tally:
    """What a unit (or a whole ingest) read and stored."""

    files: int = 0
    records: int = 0  # every record read, of any type
    html: int = 0  # HTML records kept and processed
    pages: int = 0  # pages rows written
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0  # same URL and text already stored, or the same text under another URL
    figures: int = 0
    already: int = 0  # records of units already in the file (an earlier, interrupted run stored them)
    skipped: Counter = field(default_factory=Counter)  # request, revisit, not_html, ... -> count
    errors: Counter = field(default_factory=Counter)  # pages.error_kind or 'truncated' -> count

    def add(self, other: Tally) -> None:
        for name in ("files", "records", "html", "pages", "articles_new", "articles_updated", "articles_unchanged",
                     "figures", "already"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped.update(other.skipped)
        self.errors.update(other.errors)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def as_json(self) -> str:
        values = {k: v for k, v in self.__dict__.items() if k not in ("skipped", "errors")}
        return json.dumps({**values, "skipped": dict(self.skipped), "errors": dict(self.errors)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Tally:
        data = json.loads(text or "{}")
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**{**known, "skipped": Counter(data.get("skipped", {})), "errors": Counter(data.get("errors", {}))})

    def count_record(self, record: Record) -> None:
        """Count a record that is not processed: skipped or broken."""
        self.records += 1
        if record.error:
            self.errors[record.error_kind or "unreadable"] += 1
            LOGGER.warning("%s", record.error)
        elif record.skipped:
            self.skipped[record.skipped] += 1


def store_record(db: sqlite_utils.Database, record: Record, result: PageResult, run_id: int | None,
                 tally: Tally) -> None:
    """Store one processed HTML record exactly as a crawl stores a fetched page. Call inside transaction()."""
    assert record.page is not None
    tally.records += 1
    if _capture_stored(db, record.page, result):
        tally.skipped["already_stored"] += 1  # the same capture, stored by another engine's or a crawl's run
        return
    tally.html += 1
    try:
        with store.savepoint(db):
            saved = store.save_result(db, record.page, result, run_id)
    except Exception as exc:  # a bug storing one record costs that record, not the archive
        if not db.conn.in_transaction or storage_error(exc, str(store.database_path(db))) is not None:
            # SQLite rolled the whole batch back by itself (an I/O error), or a full disk or a held
            # lock is every record's: stop; the re-run redoes this batch
            raise
        LOGGER.info("the trace of storing %s", record.page.url, exc_info=True)  # with -v; warned below
        # the body is kept (reprocess can try again once the bug is fixed) and so is its capture
        result = PageResult(error=f"internal error storing the page: {type(exc).__name__}: {exc}",
                            error_kind=ErrorKind.INTERNAL, encoding=result.encoding, raw=result.raw)
        saved = store.save_result(db, record.page, result, run_id)
    if result.error and result.error_kind != ErrorKind.NOT_HTML:
        tally.errors[str(result.error_kind or ErrorKind.INTERNAL)] += 1
        LOGGER.warning("%s: %s", record.page.url, result.error)
    tally.pages += 1
    if saved.article is None:
        return
    store.count_saved(tally, saved.article)


def _capture_stored(db: sqlite_utils.Database, page: Page, result: PageResult) -> bool:
    """Whether pages holds this capture (URL or final URL, fetch time, body, status), as merge
    matches pages:
    units are engine-specific (record batches, byte ranges), captures are not, so ingesting a
    file again with the other engine, or the WARC of a crawl into its own database, adds nothing."""
    digest = None
    if page.body and result.encoding:  # save_result keeps only decoded bodies
        digest = result.raw.content_hash if result.raw is not None else content_hash(page.body)
    # a crawl stores the URL it asked for in url and the one that answered (after redirects) in
    # final_url; its WARC names the latter, which ingest also keeps as final_url
    same = "fetched_at = :at AND content_hash IS :digest AND status IS :status"
    return db.execute(f"SELECT 1 FROM pages WHERE url = :url AND {same} UNION ALL"
                      f" SELECT 1 FROM pages WHERE final_url = :final AND {same} LIMIT 1",
                      {"url": page.url, "final": page.final_url, "at": page.fetched_at, "digest": digest,
                       "status": page.status}).fetchone() is not None


def record_unit(db: sqlite_utils.Database, unit: str, source: str, run_id: int | None, tally: Tally) -> None:
    """Note a finished work unit in merged_shards. Call inside the transaction that stored its rows."""
    db.execute("INSERT INTO merged_shards (unit, source, merged_at, run_id, counts) VALUES (?, ?, ?, ?, ?)",
               [unit, source, store.now_iso(), run_id, tally.as_json()])


def done_units(db: sqlite_utils.Database) -> dict[str, Tally]:
    """The work units already in the file, with what each of them counted."""
    return {unit: Tally.from_json(counts) for unit, counts in
            db.execute("SELECT unit, counts FROM merged_shards WHERE unit IS NOT NULL")}
