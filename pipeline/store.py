"""The SQLite file: schema, migrations, and save_*/load_* functions (sqlite-utils).

Tables (documented for researchers in README.md):
  pages      every fetch, with status, error and a reference to its raw HTML
  raw_html   each distinct response body once, zlib-compressed, keyed by SHA-256
  articles   one row per canonical article URL
  figures    one row per money/percent figure, with offsets into articles.text
  frontier   URLs to fetch and their state: the crawl's resumable queue
  runs       one row per crawl run
The schema changes only through the named migrations in migrations.py; applied names
are recorded in `_migrations`, and a released migration is never edited.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from pipeline.config import SiteConfig, SiteIndex
from pipeline.enrich import ENRICHMENT_COLUMNS, Enrichment, enrich_article, enrich_articles, enrich_new
from pipeline.entities import alias_table
from pipeline.errors import StoreError, storage_error
from pipeline.figures import MAX_TEXT_CHARS, figures_version
from pipeline.lock import RunLock
from pipeline.migrations import FTS_TRIGGERS, MIGRATIONS, write_docs
from pipeline.models import Article, Figure, Page, RawBody, content_hash
from pipeline.stories import assign_stories, figure_keys, save_alternates
from pipeline.urls import site_of
from pipeline.versions import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from pipeline.page import PageResult

LOGGER = logging.getLogger(__name__)


def _null(value: None) -> None:
    return value


# sqlite3 binds a None parameter only after looking it up as an adapter and trying __adapt__ and
# __conform__ on it (about 0.15 us each); registered, None binds the same NULL at once. A figure
# row has a dozen NULL columns: this is a fifth of its insert (bench/db.py).
sqlite3.register_adapter(type(None), _null)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a killed run leaves no half-written page."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:  # SQLite has already rolled back after a full disk or an I/O error
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextmanager
def savepoint(db: sqlite_utils.Database, name: str = "one_row") -> Iterator[None]:
    """Inside transaction(): undo only what this block wrote when it raises (one bad record of
    a batch costs that record, not the batch)."""
    db.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute(f"ROLLBACK TO {name}")
            db.execute(f"RELEASE {name}")
        raise
    db.execute(f"RELEASE {name}")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations, each in its own transaction; returns the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise StoreError(f"this database was written by a newer pipeline (migrations {sorted(unknown)}); "
                         "upgrade pipeline before opening it")
    applied = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        with transaction(db):
            func(db)
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", [name, now_iso()])
        applied.append(name)
    if not applied and "columns_doc" in db.table_names():
        # documentation may be newer than the file; it is data, not schema
        from pipeline.schema_docs import TABLES

        expected = sum(1 + len(cols) for _, cols in TABLES.values())
        if db.execute("SELECT COUNT(*) FROM columns_doc").fetchone()[0] != expected:
            with transaction(db):
                write_docs(db)
    return applied


BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's write lock before DatabaseBusy


def open_db(path: Path | str, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating) the database; WAL so researchers can read while cron writes.

    `readonly` opens a file we may not write (a researcher's copy, a shared mount) without
    migrating it: its schema must then be current.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or choose another --db")
    if readonly:
        return _open_readonly(path)
    try:
        # autocommit mode: every write goes through transaction(), explicitly
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk inserts touch many B-tree pages
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, str(path)) or StoreError(
            f"{path}: cannot open as a pipeline database ({exc}); is it a SQLite file? Choose another --db") from exc
    return db


def _open_readonly(path: Path) -> sqlite_utils.Database:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT,
                               isolation_level=None)
        db = sqlite_utils.Database(conn)
        done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open read-only as a pipeline database ({exc})") from exc
    missing = [name for name, _ in MIGRATIONS if name not in done]
    if missing:
        raise StoreError(f"{path} is read-only and its schema is older than this pipeline (missing {missing[0]});"
                         " upgrade a writable copy: python -m pipeline stats --db COPY")
    return db


def save_page(db: sqlite_utils.Database, page: Page, run_id: int | None, encoding: str | None = None,
              raw: RawBody | None = None) -> int:
    """Insert one fetch (and its body, once per content hash); returns pages.id. Call inside transaction().

    `raw` is the body already hashed and compressed (by process_page, in a worker process);
    without it the body is hashed here, and compressed only when raw_html does not hold it yet."""
    digest = None
    if page.body:
        digest = raw.content_hash if raw is not None else content_hash(page.body)
        if db.execute("SELECT 1 FROM raw_html WHERE content_hash = ?", [digest]).fetchone() is None:
            raw = raw if raw is not None else RawBody.of(page.body)
            db.table("raw_html").insert({"content_hash": digest, "html_zlib": raw.html_zlib, "size": raw.size})
    headers = {k.lower(): v for k, v in page.headers.items()}
    return _inserted_id(db.table("pages").insert({
        "url": page.url, "final_url": page.final_url, "status": page.status, "content_type": page.content_type,
        "fetched_at": page.fetched_at, "content_hash": digest, "size": len(page.body) if page.body else None,
        "encoding": encoding, "error": page.error, "error_kind": page.error_kind,
        "redirects": json.dumps(list(page.redirects)) if page.redirects else None, "attempts": page.attempts,
        "run_id": run_id, "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
    }))


def _inserted_id(table: sqlite_utils.db.Table) -> int:
    """The rowid sqlite-utils just inserted (always set after an insert that did not ignore)."""
    assert table.last_rowid is not None
    return int(table.last_rowid)


@dataclass(frozen=True)
class Saved:
    """What save_result wrote: the page row, and the article's fate when the page had one."""

    page_id: int
    article: SaveResult | None = None


def save_result(db: sqlite_utils.Database, page: Page, result: PageResult, run_id: int | None) -> Saved:
    """Store one processed page: its fetch, its raw HTML (when it was decoded), its article
    and figures. Nothing of the frontier: a crawl records that beside it, in the same
    transaction. Call inside transaction().
    """
    body = page.body if result.encoding else b""  # undecodable bodies (PDF, binary) are not worth keeping
    stored = dataclasses.replace(page, body=body, error=result.error,
                                 error_kind=str(result.error_kind) if result.error_kind else None)
    page_id = save_page(db, stored, run_id, result.encoding, result.raw if body else None)
    if result.article is None:
        return Saved(page_id)
    saved = save_article(db, result.article, result.figures, page_id, site_of(result.article.url))
    if saved.status != "duplicate":  # stories: editions linked by hreflang
        save_alternates(db, saved.article_id, result.alternates)
    return Saved(page_id, saved)


@dataclass(frozen=True)
class LastFetch:
    """What we know from the last good fetch of a URL: validators for a conditional GET."""

    etag: str | None
    last_modified: str | None
    content_hash: str | None


def last_fetch(db: sqlite_utils.Database, url: str) -> LastFetch | None:
    row = db.execute("SELECT etag, last_modified, content_hash FROM pages WHERE url = ? AND status = 200"
                     " AND error IS NULL ORDER BY id DESC LIMIT 1", [url]).fetchone()
    return LastFetch(*row) if row else None


def load_raw_html(db: sqlite_utils.Database, digest: str) -> bytes:
    row = db.execute("SELECT html_zlib FROM raw_html WHERE content_hash = ?", [digest]).fetchone()
    if row is None:
        raise StoreError(f"no raw HTML stored for content hash {digest}")
    return zlib.decompress(row[0])


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_saved(counts: object, saved: SaveResult) -> None:
    """Add one stored article to a run's counters (a crawl's RunSummary, an ingest's Tally):
    its figures, and one of articles_new / articles_updated / articles_unchanged by its status."""
    counts.figures += saved.figures  # type: ignore[attr-defined]
    name = {"new": "articles_new", "updated": "articles_updated"}.get(saved.status, "articles_unchanged")
    setattr(counts, name, getattr(counts, name) + 1)


@dataclass(frozen=True)
class SaveResult:
    article_id: int
    status: str  # "new" | "updated" | "unchanged" | "duplicate"
    figures: int
    duplicate_of: str | None = None  # for "duplicate": the stored article's URL


FIGURE_COLUMNS = ("article_id", "kind", "text", "span_start", "span_end", "value", "low", "high", "currency",
                  "approx", "unit", "metric", "metric_word", "direction", "subject", "period", "role",
                  "sentence_start", "sentence_end", "extractor_version")
_FIGURE_INSERT = f"INSERT INTO figures ({', '.join(FIGURE_COLUMNS)}) VALUES ({', '.join('?' * len(FIGURE_COLUMNS))})"
_ENRICHED_FIGURE_INSERT = (f"INSERT INTO figures ({', '.join(FIGURE_COLUMNS + ENRICHMENT_COLUMNS)})"
                           f" VALUES ({', '.join('?' * len(FIGURE_COLUMNS + ENRICHMENT_COLUMNS))})")


def _figure_rows(article_id: int, figures: Sequence[Figure], enrichment: Enrichment | None = None) -> list[tuple]:
    """INSERT parameters in FIGURE_COLUMNS order (then ENRICHMENT_COLUMNS'): tuples, which
    SQLite binds several times faster than dicts of named parameters."""
    version = figures_version()
    if enrichment is None:
        return [(article_id, f.kind, f.text, f.start, f.end, f.value, f.low, f.high, f.currency, f.approx, f.unit,
                 f.metric, f.metric_word, f.direction, f.subject, f.period, f.role, f.sentence_start, f.sentence_end,
                 version) for f in figures]
    return [(article_id, f.kind, f.text, f.start, f.end, f.value, f.low, f.high, f.currency, f.approx, f.unit,
             f.metric, f.metric_word, f.direction, f.subject, f.period, f.role, f.sentence_start, f.sentence_end,
             version, *extra) for f, extra in zip(figures, enrichment.figures, strict=True)]


def _insert_new(db: sqlite_utils.Database, items: Sequence[tuple[Article, Sequence[Figure], dict]]
                ) -> list[SaveResult]:
    """Articles not stored yet, each with its figures and its _article_values: the rows go in
    whole (published_utc and the figures' enrichment computed in memory), one executemany for
    the articles and one for the figures; then their stories, in id order, as if each had been
    saved alone."""
    start = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
    aliases = alias_table(db)
    rows, figure_rows = [], []
    for article_id, (article, figures, values) in enumerate(items, start=start):
        enrichment = enrich_new(aliases, article, figures)
        # an article without a time_zone key stores NULL, as the column's default would
        rows.append((article_id, values["extracted_at"], enrichment.published_utc,
                     *[values.get(column) for column in _VALUE_COLUMNS]))
        figure_rows += _figure_rows(article_id, figures, enrichment)
    db.conn.executemany(_ARTICLE_INSERT, rows)
    db.conn.executemany(_ENRICHED_FIGURE_INSERT, figure_rows)
    ids = range(start, start + len(items))
    assign_stories(db, ids, {i: figure_keys(figures) for i, (_, figures, _) in zip(ids, items, strict=True)})
    return [SaveResult(i, "new", len(figures)) for i, (_, figures, _) in zip(ids, items, strict=True)]


def replace_figures(db: sqlite_utils.Database, article_id: int, figures: Iterable[Figure]) -> int:
    """Replace an article's figures (the figure step's output for its text). Call inside transaction()."""
    db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
    rows = _figure_rows(article_id, tuple(figures))
    db.conn.executemany(_FIGURE_INSERT, rows)
    db.execute("UPDATE articles SET figures_version = ?, figures_chars = MIN(length(text), ?) WHERE id = ?",
               [figures_version(), MAX_TEXT_CHARS, article_id])
    enrich_article(db, article_id)  # USD values, entities, first mentions, published_utc, story
    return len(rows)


_VALUE_COLUMNS = ("url", "site", "title", "author", "published", "date_source", "lang", "categories", "tags",
                  "site_name", "description", "text", "text_hash", "page_id", "extracted_at", "extractor_version",
                  "figures_version", "figures_chars", "time_zone")  # the keys _article_values may give
_ARTICLE_COLUMNS = ("id", "first_seen_at", "published_utc", *_VALUE_COLUMNS)
_ARTICLE_INSERT = (f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)})"
                   f" VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})")


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False) builds one per call


def _json_list(items: Sequence[str]) -> str:
    """json.dumps(list(items), ensure_ascii=False), without its per-call encoder (1.3 us an empty list)."""
    return _JSON.encode(list(items)) if items else "[]"


def _article_values(article: Article, page_id: int | None, site: str, now: str) -> dict:
    return {
        "url": article.url, "site": site, "title": article.title, "author": article.author,
        "published": article.published, "date_source": article.date_source, "lang": article.lang,
        "categories": _json_list(article.categories), "tags": _json_list(article.tags),
        "site_name": article.site_name,
        "description": article.description, "text": article.text, "text_hash": text_hash(article.text),
        "page_id": page_id, "extracted_at": now, "extractor_version": EXTRACTOR_VERSION,
        "figures_version": figures_version(), "figures_chars": min(len(article.text), MAX_TEXT_CHARS),
        # a run without a sites file knows no zone: it must not erase one (apply_site_time_zones sets them)
        **({"time_zone": article.time_zone} if article.time_zone is not None else {}),
    }


def save_article(db: sqlite_utils.Database, article: Article, figures: Iterable[Figure], page_id: int | None,
                 site: str) -> SaveResult:
    """Insert or update the article at article.url and replace its figures. Call inside transaction().

    A stored article whose text and extractor versions are the same is left as it is
    ("unchanged"). A new URL whose title and text are those of a stored article is not
    stored again: the same article under a second URL that gives no canonical (/zh/ and
    /zh-hans/, a print view) comes back as "duplicate", with the stored URL.
    """
    now = now_iso()
    values = _article_values(article, page_id, site, now)
    row = db.execute("SELECT id, text_hash, extractor_version, figures_version FROM articles WHERE url = ?",
                     [article.url]).fetchone()
    if row is None:
        twin = db.execute("SELECT id, url FROM articles WHERE text_hash = ? AND title IS ? LIMIT 1",
                          [values["text_hash"], article.title]).fetchone()
        if twin:
            return SaveResult(twin[0], "duplicate", 0, duplicate_of=twin[1])
        return _insert_new(db, [(article, tuple(figures), values)])[0]
    else:
        article_id = row[0]
        if (row[1], row[2], row[3]) == (values["text_hash"], EXTRACTOR_VERSION, figures_version()):
            return SaveResult(article_id, "unchanged", 0)
        if row[1] != values["text_hash"]:  # keep what the article said before: a researcher may need it
            db.execute(
                "INSERT INTO article_versions (article_id, url, title, author, published, text, text_hash, page_id,"
                " extracted_at, extractor_version, replaced_at) SELECT id, url, title, author, published, text,"
                " text_hash, page_id, extracted_at, extractor_version, :now FROM articles WHERE id = :id",
                {"now": now, "id": article_id})
        db.table("articles").update(article_id, values)
    return SaveResult(article_id, "updated", replace_figures(db, article_id, figures))


@contextmanager
def bulk_load(db: sqlite_utils.Database) -> Iterator[None]:
    """For loading many articles at once: the full-text index is built at the end, in large
    segments, instead of row by row; search is stale until the block ends.

    Holds the crawl lock (a cron run meanwhile exits 75). Only the new rows are indexed, unless
    rows that existed before were changed or deleted inside the block: then the whole index is
    rebuilt. A load killed midway leaves the triggers dropped; the next crawl or bulk load
    finds that and rebuilds (ensure_fts_triggers). Inside the block the WAL is checkpointed every
    BULK_CHECKPOINT_PAGES: a killed load keeps every committed batch (a WAL commit is atomic);
    a power cut may take back those since the last checkpoint, as synchronous=NORMAL allows,
    never half of one.
    """
    with RunLock(database_path(db)):
        ensure_fts_triggers(db)
        started = now_iso()
        max_id, count = db.execute("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM articles").fetchone()
        with transaction(db):
            for name in FTS_TRIGGERS:
                db.execute(f"DROP TRIGGER IF EXISTS {name}")
        checkpoint_pages = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        db.execute(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}")
        _watch_old_rows(db, started, max_id)
        try:
            yield
        finally:
            try:
                _index_new_rows(db, max_id, count)
            finally:
                _unwatch_old_rows(db)
                db.execute(f"PRAGMA wal_autocheckpoint={checkpoint_pages}")
            # what the load left in the WAL goes into the file now (as much as readers allow),
            # not at some later crawl's first commit
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")


_WATCH_TABLE = "bulk_old_rows_changed"  # temp: one row once an old row was deleted, moved or re-extracted
_WATCH_TRIGGERS = ("bulk_old_row_deleted", "bulk_old_row_updated")


def _watch_old_rows(db: sqlite_utils.Database, started: str, max_id: int) -> None:
    """Temp triggers (this connection only; the lock keeps other writers out) that note when a
    row stored before the block (id <= max_id) is deleted, gets another id, or is saved again
    with another title or text (extracted_at from `started` on): then the index is rebuilt,
    not extended. A row merged from a shard keeps its own extracted_at, and
    shards.merge_shard re-indexes it itself; a story, zone or published_utc written to an old
    row is no change to what the index holds. The triggers cost the block's inserts nothing
    (no INSERT trigger: an id at or below max_id changes the count of old rows, which the end
    compares), unlike the check they replace, which read every stored row, texts included, at
    the end of every load (a nightly merge into a large file)."""
    since = "'" + started.replace("'", "''") + "'"  # a trigger takes no bound parameters: an SQL literal
    mark = f"INSERT OR IGNORE INTO {_WATCH_TABLE} VALUES (1)"
    _unwatch_old_rows(db)
    db.execute(f"CREATE TEMP TABLE {_WATCH_TABLE} (changed INTEGER PRIMARY KEY)")
    db.execute(f"CREATE TEMP TRIGGER {_WATCH_TRIGGERS[0]} AFTER DELETE ON main.articles"
               f" WHEN old.id <= {int(max_id)} BEGIN {mark}; END")
    db.execute(f"CREATE TEMP TRIGGER {_WATCH_TRIGGERS[1]} AFTER UPDATE ON main.articles"
               f" WHEN old.id <= {int(max_id)} AND (new.id != old.id OR new.extracted_at >= {since}"
               " AND (new.title IS NOT old.title OR new.text IS NOT old.text))"
               f" BEGIN {mark}; END")


def _unwatch_old_rows(db: sqlite_utils.Database) -> None:
    for name in _WATCH_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
    db.execute(f"DROP TABLE IF EXISTS temp.{_WATCH_TABLE}")


def _index_new_rows(db: sqlite_utils.Database, max_id: int, count: int) -> None:
    """The end of bulk_load: index the rows added since `max_id`, put the triggers back, ANALYZE
    when the file grew. The whole index is rebuilt when an old row changed (_watch_old_rows)
    or the count of old rows did (the covering (id, ...) index counts them without the texts)."""
    old_rows_changed = (db.execute(f"SELECT COUNT(*) FROM temp.{_WATCH_TABLE}").fetchone()[0]
                        or db.execute("SELECT COUNT(*) FROM articles WHERE id <= ?", [max_id]).fetchone()[0] != count)
    with transaction(db):
        # A 64 MB in-memory hash, no merging and 16 kB leaves while the index is built:
        # FTS5 otherwise flushes a segment every 1 MB and merges them over and over (2.7x
        # slower on 100k articles). Leaves of any size stay readable once the defaults return.
        _fts_config(db, hashsize=64 << 20, automerge=0, pgsz=16000)
        if old_rows_changed:
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        else:
            db.execute("INSERT INTO articles_fts (rowid, title, text)"
                       " SELECT id, COALESCE(title, ''), text FROM articles WHERE id > ?", [max_id])
        _fts_config(db, hashsize=FTS_DEFAULT_HASHSIZE, automerge=FTS_DEFAULT_AUTOMERGE,
                    pgsz=FTS_DEFAULT_PGSZ)
        for sql in FTS_TRIGGERS.values():
            db.execute(sql)
    refresh_statistics(db)  # ANALYZE when the articles grew by a quarter: not for every nightly merge


def ensure_fts_triggers(db: sqlite_utils.Database) -> bool:
    """Put back the full-text triggers a killed bulk load left dropped, and rebuild the index
    they missed. Call with the crawl lock held. Returns True when it had to."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    if set(FTS_TRIGGERS) <= present:
        return False
    LOGGER.warning("the full-text index triggers were missing (a bulk load was interrupted); "
                   "rebuilding the index, which takes a while on a large file")
    with transaction(db):
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        for name, sql in FTS_TRIGGERS.items():
            if name not in present:
                db.execute(sql)
    return True


def database_path(db: sqlite_utils.Database) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


FTS_DEFAULT_HASHSIZE, FTS_DEFAULT_AUTOMERGE, FTS_DEFAULT_PGSZ = 1 << 20, 4, 4050  # FTS5's own defaults
# WAL pages between checkpoints inside bulk_load (SQLite's default is 1,000): each checkpoint
# copies the B-tree pages the batches rewrite again and again (the figures' value index) into
# the file, so fewer of them copy each page fewer times. The WAL grows to at most ~400 MB.
BULK_CHECKPOINT_PAGES = 100_000


def _fts_config(db: sqlite_utils.Database, **values: int) -> None:
    for key, value in values.items():
        db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES (?, ?)", [key, value])


def refresh_statistics(db: sqlite_utils.Database, force: bool = False) -> bool:
    """ANALYZE when the planner has no statistics or the articles grew by a quarter since.

    With statistics a month-and-metric filter starts from the month's articles instead of
    every figure of the metric (3-4x faster on 100k articles). A full ANALYZE, because a
    sampled one (analysis_limit) counts every metric as rare and picks the slow plan.
    """
    articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    try:
        row = db.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' AND idx = 'idx_articles_published'"
                         ).fetchone()
    except sqlite3.OperationalError:  # no sqlite_stat1 yet
        row = None
    known = int(row[0].split()[0]) if row else 0
    if not force and known and articles <= known * 1.25:
        return False
    db.execute("PRAGMA analysis_limit=0")
    db.execute("ANALYZE")
    return True


def save_articles(db: sqlite_utils.Database, items: list[tuple[Article, Sequence[Figure], int | None, str]]
                  ) -> list[SaveResult]:
    """save_article for a batch of (article, figures, page_id, site): new articles and their
    figures go in with one executemany each. Call inside transaction()."""
    urls = [a.url for a, _, _, _ in items]
    existing = {row[0] for chunk in range(0, len(urls), 500)
                for row in db.execute(f"SELECT url FROM articles WHERE url IN ({', '.join('?' * len(urls[chunk:chunk + 500]))})",
                                      urls[chunk:chunk + 500]).fetchall()}
    fresh, later = [], []
    seen: set[str] = set()
    for item in items:
        if item[0].url in existing or item[0].url in seen:
            later.append(item)  # updates: after the new rows exist
        else:
            seen.add(item[0].url)
            fresh.append(item)
    now = now_iso()
    results = _insert_new(db, [(a, figures, _article_values(a, page_id, site, now))
                               for a, figures, page_id, site in fresh]) if fresh else []
    return results + [save_article(db, a, f, p, s) for a, f, p, s in later]


def start_run(db: sqlite_utils.Database, seeds: list[str]) -> int:
    """A new runs row. Call with the crawl lock held: any run still 'running' then is dead (killed,
    or its disk was too full to record its end) and is marked 'crashed'."""
    with transaction(db):
        db.execute("UPDATE runs SET status = 'crashed' WHERE status = 'running'")
        return _inserted_id(db.table("runs").insert({"started_at": now_iso(), "seeds": json.dumps(seeds)}))


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, exit_code: int, counts: dict,
               errors: dict[str, int]) -> None:
    with transaction(db):
        db.execute(
            "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, pages_fetched = ?, pages_failed = ?,"
            " articles_new = ?, articles_updated = ?, figures = ?, errors = ? WHERE id = ?",
            [now_iso(), status, exit_code, counts.get("pages_fetched", 0), counts.get("pages_failed", 0),
             counts.get("articles_new", 0), counts.get("articles_updated", 0), counts.get("figures", 0),
             json.dumps(errors), run_id])


def use_user_entities(db: sqlite_utils.Database, path: Path) -> tuple[int, int]:
    """Store a user's entities CSV and, when it changed entity_aliases, re-derive the entity of
    every stored figure. Returns (aliases in the file, changed); a cron run whose CSV is
    unchanged pays one read of the file.

    One transaction: a run killed while re-deriving leaves the old aliases and entities, so the
    next run sees the change again and finishes it (batches would commit the aliases first)."""
    from pipeline.entities import load_user_aliases

    with transaction(db):
        count, changed = load_user_aliases(db, path)
        if changed:
            enrich_articles(db, [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id").fetchall()])
    return count, changed


def apply_site_time_zones(db: sqlite_utils.Database, sites: Iterable[SiteConfig]) -> int:
    """Give the stored articles of each site of a sites file that site's time_zone (None where
    the file gives none) and re-derive published_utc where it changed: a zone added to the file
    after the first crawl reaches the rows already stored, whose pages are not extracted again.
    One transaction, one read of the (site, time_zone) pairs stored; returns how many articles changed."""
    index = SiteIndex(tuple(sites))
    changed: list[int] = []
    with transaction(db):
        for name, stored in db.execute("SELECT DISTINCT site, time_zone FROM articles").fetchall():
            site = index.of_site(name or "")
            if site is None or site.time_zone == stored:
                continue  # a site the file does not list keeps what it has
            where = {"site": name, "stored": stored, "zone": site.time_zone}
            changed += [r[0] for r in db.execute("SELECT id FROM articles WHERE site = :site AND time_zone IS :stored",
                                                 where)]
            db.execute("UPDATE articles SET time_zone = :zone WHERE site = :site AND time_zone IS :stored", where)
        if changed:
            enrich_articles(db, changed)
    return len(changed)
