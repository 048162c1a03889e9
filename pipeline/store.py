"""The SQLite file: schema, migrations, and save_*/load_* functions (sqlite-utils).

Tables (documented for researchers in README.md):
  pages      every fetch, with status, error and a reference to its raw HTML
  raw_html   each distinct response body once, zlib-compressed, keyed by SHA-256
  articles   one row per canonical article URL
  figures    one row per money/percent figure, with offsets into articles.text
  frontier   URLs to fetch and their state: the crawl's resumable queue
  runs       one row per crawl run
The schema changes only through the named migrations below; applied names are
recorded in `_migrations`, and a released migration is never edited.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from pipeline.errors import StoreError
from pipeline.models import Article, Page


def _m001_initial(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE raw_html (
            content_hash TEXT PRIMARY KEY,      -- SHA-256 of the response body, hex
            html_zlib BLOB NOT NULL,            -- the body, zlib-compressed (zlib.decompress gives the bytes)
            size INTEGER NOT NULL               -- uncompressed size in bytes
        )""")
    db.execute("""
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',   -- running | ok | errors | failed | interrupted
            seeds TEXT,                               -- JSON list
            pages_fetched INTEGER DEFAULT 0,
            pages_failed INTEGER DEFAULT 0,
            articles_new INTEGER DEFAULT 0,
            articles_updated INTEGER DEFAULT 0,
            figures INTEGER DEFAULT 0,
            errors TEXT,                              -- JSON object: error kind -> count
            exit_code INTEGER
        )""")
    db.execute("""
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,                  -- as requested
            final_url TEXT NOT NULL,            -- after redirects
            status INTEGER,                     -- HTTP status; NULL when no response came
            content_type TEXT,
            fetched_at TEXT NOT NULL,           -- UTC, ISO 8601
            content_hash TEXT REFERENCES raw_html(content_hash),
            size INTEGER,
            encoding TEXT,                      -- charset used to decode the body
            error TEXT,                         -- one-line reason the page failed, else NULL
            error_kind TEXT,                    -- http | timeout | connection | too_large | not_html | ...
            redirects TEXT,                     -- JSON list of the URLs redirected through
            attempts INTEGER DEFAULT 1,
            run_id INTEGER REFERENCES runs(id)
        )""")
    db.execute("""
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,           -- canonical URL
            site TEXT,                          -- host without www.
            title TEXT,
            author TEXT,                        -- names joined with ', '
            published TEXT,                     -- ISO 8601 date or datetime
            date_source TEXT,                   -- json-ld | meta | time | text | url | trafilatura
            lang TEXT,                          -- zh-Hans | zh-Hant | en | ...
            categories TEXT,                    -- JSON list
            tags TEXT,                          -- JSON list
            site_name TEXT,
            description TEXT,
            text TEXT NOT NULL,                 -- article text; figures.span_start/end index into it
            text_hash TEXT,
            page_id INTEGER REFERENCES pages(id),
            first_seen_at TEXT NOT NULL,
            extracted_at TEXT NOT NULL,
            extractor_version TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,                 -- money | percent
            text TEXT NOT NULL,                 -- exact span: articles.text[span_start:span_end]
            span_start INTEGER NOT NULL,        -- 0-based character offset into articles.text
            span_end INTEGER NOT NULL,          -- exclusive
            value REAL,                         -- plain units (1350 亿美元 -> 135000000000); NULL for a range
            low REAL,                           -- range ends, else NULL
            high REAL,
            currency TEXT,                      -- USD, CNY, HKD, TWD, USDT... NULL for percent
            approx TEXT,                        -- about | over | under | at least | NULL
            unit TEXT,                          -- pp | bps | NULL (plain %)
            metric TEXT,                        -- revenue, net_income, capex, market_cap...
            metric_word TEXT,                   -- the word in the text that named the metric
            direction TEXT,                     -- up | down | NULL
            subject TEXT,                       -- company, project or asset, when found
            sentence TEXT,                      -- the sentence the figure came from
            extractor_version TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE frontier (
            url TEXT PRIMARY KEY,
            depth INTEGER NOT NULL DEFAULT 0,   -- link hops from a seed
            state TEXT NOT NULL DEFAULT 'queued',  -- queued | fetching | done | failed | skipped
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT,                        -- why failed or skipped
            discovered_from TEXT,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    for sql in (
        "CREATE INDEX idx_pages_url ON pages(url)",
        "CREATE INDEX idx_pages_hash ON pages(content_hash)",
        "CREATE INDEX idx_articles_published ON articles(published)",
        "CREATE INDEX idx_articles_site ON articles(site)",
        "CREATE INDEX idx_articles_lang ON articles(lang)",
        "CREATE INDEX idx_figures_article ON figures(article_id)",
        "CREATE INDEX idx_figures_kind ON figures(kind)",
        "CREATE INDEX idx_figures_currency ON figures(currency)",
        "CREATE INDEX idx_figures_metric ON figures(metric)",
        "CREATE INDEX idx_frontier_state ON frontier(state, depth)",
    ):
        db.execute(sql)


def _m002_recrawl(db: sqlite_utils.Database) -> None:
    """Conditional GET validators on pages, and earlier versions of changed articles."""
    db.execute("ALTER TABLE pages ADD COLUMN etag TEXT")
    db.execute("ALTER TABLE pages ADD COLUMN last_modified TEXT")
    db.execute("""
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            title TEXT,
            author TEXT,
            published TEXT,
            text TEXT NOT NULL,                 -- what the article said before it changed
            text_hash TEXT,
            page_id INTEGER REFERENCES pages(id),
            extracted_at TEXT NOT NULL,         -- when this version was extracted
            extractor_version TEXT NOT NULL,
            replaced_at TEXT NOT NULL           -- when a newer version replaced it
        )""")
    db.execute("CREATE INDEX idx_article_versions_article ON article_versions(article_id)")
    db.execute("ALTER TABLE frontier ADD COLUMN host TEXT")  # per-host politeness picks by host
    rows = db.execute("SELECT url FROM frontier").fetchall()
    db.conn.executemany("UPDATE frontier SET host = ? WHERE url = ?",
                        [((urlsplit(url).hostname or "").lower(), url) for (url,) in rows])
    db.execute("CREATE INDEX idx_frontier_host ON frontier(state, host)")


def _m003_research(db: sqlite_utils.Database) -> None:
    """Full-text search, the research views, and column documentation inside the file."""
    # Trigram FTS5 finds Chinese words (资本支出, 比特币) and English ones (capex) with plain
    # MATCH, no segmenter needed at query time; queries under 3 characters fall back to LIKE.
    db.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id',"
               " tokenize='trigram')")
    db.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, COALESCE(title, ''), text FROM articles")
    db.execute("""CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, COALESCE(new.title, ''), new.text); END""")
    db.execute("""CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, COALESCE(old.title, ''), old.text); END""")
    db.execute("""CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, COALESCE(old.title, ''), old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, COALESCE(new.title, ''), new.text); END""")
    db.execute("""CREATE VIEW figures_in_context AS
        SELECT f.id AS figure_id, a.id AS article_id, a.published, substr(a.published, 1, 10) AS day,
               a.site, a.lang, a.title, a.url, f.kind, f.text, f.value, f.low, f.high, f.currency, f.approx,
               f.unit, f.metric, f.metric_word, f.direction, f.subject, f.sentence
        FROM figures f JOIN articles a ON a.id = f.article_id""")
    db.execute("""CREATE VIEW daily_figures AS
        SELECT substr(a.published, 1, 10) AS day, f.kind, f.currency, f.metric, COUNT(*) AS figures,
               COUNT(DISTINCT f.article_id) AS articles, SUM(f.value) AS total_value,
               MIN(f.value) AS min_value, MAX(f.value) AS max_value
        FROM figures f JOIN articles a ON a.id = f.article_id
        GROUP BY day, f.kind, f.currency, f.metric""")
    db.execute("CREATE INDEX idx_figures_metric_article ON figures(metric, article_id)")
    db.execute("CREATE TABLE columns_doc (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
               " description TEXT NOT NULL, PRIMARY KEY (table_name, column_name))")
    _write_docs(db)


def _m004_figure_indexes(db: sqlite_utils.Database) -> None:
    """Fewer, composite indexes on figures: kind+currency and metric+article cover the filters
    researchers use, and each insert maintains three B-trees instead of five."""
    for name in ("idx_figures_kind", "idx_figures_currency", "idx_figures_metric"):
        db.execute(f"DROP INDEX IF EXISTS {name}")
    db.execute("CREATE INDEX idx_figures_kind_currency ON figures(kind, currency)")


def _write_docs(db: sqlite_utils.Database) -> None:
    """Refresh columns_doc from schema_docs.py (the table's own row has column_name '')."""
    from pipeline.schema_docs import TABLES

    rows = []
    for table, (about, columns) in TABLES.items():
        rows.append((table, "", about))
        rows.extend((table, column, text) for column, text in columns.items())
    if set(db.execute("SELECT table_name, column_name, description FROM columns_doc").fetchall()) == set(rows):
        return
    db.execute("DELETE FROM columns_doc")
    db.conn.executemany("INSERT INTO columns_doc VALUES (?, ?, ?)", rows)


MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_initial", _m001_initial),
    ("002_recrawl", _m002_recrawl),
    ("003_research", _m003_research),
    ("004_figure_indexes", _m004_figure_indexes),
]


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a killed run leaves no half-written page."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


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
                _write_docs(db)
    return applied


def open_db(path: Path | str) -> sqlite_utils.Database:
    """Open (creating and migrating) the database; WAL so researchers can read while cron writes."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or choose another --db")
    try:
        # autocommit mode: every write goes through transaction(), explicitly
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk inserts touch many B-tree pages
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open as a pipeline database ({exc}); "
                         f"is it a SQLite file? Choose another --db") from exc
    return db


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def save_page(db: sqlite_utils.Database, page: Page, run_id: int | None, encoding: str | None = None) -> int:
    """Insert one fetch (and its body, once per content hash); returns pages.id. Call inside transaction()."""
    digest = None
    if page.body:
        digest = content_hash(page.body)
        db.execute("INSERT OR IGNORE INTO raw_html (content_hash, html_zlib, size) VALUES (?, ?, ?)",
                   [digest, zlib.compress(page.body, 6), len(page.body)])
    headers = {k.lower(): v for k, v in page.headers.items()}
    cursor = db.execute(
        "INSERT INTO pages (url, final_url, status, content_type, fetched_at, content_hash, size, encoding,"
        " error, error_kind, redirects, attempts, run_id, etag, last_modified)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [page.url, page.final_url, page.status, page.content_type, page.fetched_at, digest,
         len(page.body) if page.body else None, encoding, page.error, page.error_kind,
         json.dumps(list(page.redirects)) if page.redirects else None, page.attempts, run_id,
         headers.get("etag"), headers.get("last-modified")])
    return cursor.lastrowid


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


@dataclass(frozen=True)
class SaveResult:
    article_id: int
    status: str  # "new" | "updated" | "unchanged"
    figures: int


def save_article(db: sqlite_utils.Database, article: Article, page_id: int | None, site: str,
                 extractor_version: str) -> SaveResult:
    """Insert or update the article at article.url and replace its figures. Call inside transaction()."""
    text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    now = now_iso()
    row = db.execute("SELECT id, text_hash, extractor_version FROM articles WHERE url = ?", [article.url]).fetchone()
    values = dict(
        site=site, title=article.title, author=article.author, published=article.published,
        date_source=article.date_source, lang=article.lang,
        categories=json.dumps(list(article.categories), ensure_ascii=False),
        tags=json.dumps(list(article.tags), ensure_ascii=False), site_name=article.site_name,
        description=article.description, text=article.text, text_hash=text_hash, page_id=page_id,
        extracted_at=now, extractor_version=extractor_version,
    )
    if row is None:
        cursor = db.execute(
            f"INSERT INTO articles (url, first_seen_at, {', '.join(values)}) VALUES (?, ?, {', '.join('?' * len(values))})",
            [article.url, now, *values.values()])
        article_id, status = cursor.lastrowid, "new"
    else:
        article_id = row[0]
        if row[1] == text_hash and row[2] == extractor_version:
            return SaveResult(article_id, "unchanged", 0)
        if row[1] != text_hash:  # keep what the article said before: a researcher may need it
            db.execute(
                "INSERT INTO article_versions (article_id, url, title, author, published, text, text_hash, page_id,"
                " extracted_at, extractor_version, replaced_at) SELECT id, url, title, author, published, text,"
                " text_hash, page_id, extracted_at, extractor_version, ? FROM articles WHERE id = ?",
                [now, article_id])
        status = "updated"
        db.execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                   [*values.values(), article_id])
        db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
    db.conn.executemany(
        "INSERT INTO figures (article_id, kind, text, span_start, span_end, value, low, high, currency, approx,"
        " unit, metric, metric_word, direction, subject, sentence, extractor_version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(article_id, f.kind, f.text, f.start, f.end, f.value, f.low, f.high, f.currency, f.approx, f.unit,
          f.metric, f.metric_word, f.direction, f.subject, f.sentence, extractor_version)
         for f in article.figures])
    return SaveResult(article_id, status, len(article.figures))


FTS_TRIGGERS = {
    "articles_fts_insert": """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, COALESCE(new.title, ''), new.text); END""",
    "articles_fts_delete": """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, COALESCE(old.title, ''), old.text); END""",
    "articles_fts_update": """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, COALESCE(old.title, ''), old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, COALESCE(new.title, ''), new.text); END""",
}


@contextmanager
def bulk_load(db: sqlite_utils.Database) -> Iterator[None]:
    """For loading many articles at once: the full-text index is rebuilt once at the end instead
    of row by row (about twice as fast); search is stale until the block ends."""
    with transaction(db):
        for name in FTS_TRIGGERS:
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        with transaction(db):
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
            for sql in FTS_TRIGGERS.values():
                db.execute(sql)
        refresh_statistics(db, force=True)


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


def save_articles(db: sqlite_utils.Database, items: list[tuple[Article, int | None, str]],
                  extractor_version: str) -> list[SaveResult]:
    """save_article for a batch of (article, page_id, site): new articles and their figures go in
    with one executemany each. Call inside transaction()."""
    urls = [a.url for a, _, _ in items]
    existing = {row[0] for chunk in range(0, len(urls), 500)
                for row in db.execute(f"SELECT url FROM articles WHERE url IN ({', '.join('?' * len(urls[chunk:chunk + 500]))})",
                                      urls[chunk:chunk + 500]).fetchall()}
    results: list[SaveResult] = []
    fresh, later = [], []
    seen: set[str] = set()
    for article, page_id, site in items:
        if article.url in existing or article.url in seen:
            later.append((article, page_id, site))  # updates: after the new rows exist
        else:
            seen.add(article.url)
            fresh.append((article, page_id, site))
    if not fresh:
        return [save_article(db, a, p, s, extractor_version) for a, p, s in later]
    now = now_iso()
    start = (db.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]) + 1
    db.conn.executemany(
        "INSERT INTO articles (id, url, first_seen_at, site, title, author, published, date_source, lang, categories,"
        " tags, site_name, description, text, text_hash, page_id, extracted_at, extractor_version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(start + i, a.url, now, site, a.title, a.author, a.published, a.date_source, a.lang,
          json.dumps(list(a.categories), ensure_ascii=False), json.dumps(list(a.tags), ensure_ascii=False),
          a.site_name, a.description, a.text, hashlib.sha256(a.text.encode("utf-8")).hexdigest(), page_id, now,
          extractor_version) for i, (a, page_id, site) in enumerate(fresh)])
    db.conn.executemany(
        "INSERT INTO figures (article_id, kind, text, span_start, span_end, value, low, high, currency, approx,"
        " unit, metric, metric_word, direction, subject, sentence, extractor_version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(start + i, f.kind, f.text, f.start, f.end, f.value, f.low, f.high, f.currency, f.approx, f.unit,
          f.metric, f.metric_word, f.direction, f.subject, f.sentence, extractor_version)
         for i, (a, _, _) in enumerate(fresh) for f in a.figures])
    results += [SaveResult(start + i, "new", len(a.figures)) for i, (a, _, _) in enumerate(fresh)]
    return results + [save_article(db, a, p, s, extractor_version) for a, p, s in later]


def start_run(db: sqlite_utils.Database, seeds: list[str]) -> int:
    with transaction(db):
        cursor = db.execute("INSERT INTO runs (started_at, seeds) VALUES (?, ?)", [now_iso(), json.dumps(seeds)])
    return cursor.lastrowid


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, exit_code: int, counts: dict,
               errors: dict[str, int]) -> None:
    with transaction(db):
        db.execute(
            "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, pages_fetched = ?, pages_failed = ?,"
            " articles_new = ?, articles_updated = ?, figures = ?, errors = ? WHERE id = ?",
            [now_iso(), status, exit_code, counts.get("pages_fetched", 0), counts.get("pages_failed", 0),
             counts.get("articles_new", 0), counts.get("articles_updated", 0), counts.get("figures", 0),
             json.dumps(errors), run_id])
