"""The schema's numbered migrations: named functions, each applied once in its own transaction.

store.migrate() runs the pending ones in order and records each name in `_migrations`. A
released migration is never edited; a change of schema is a new function at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import sqlite_utils

# Keep articles_fts in step with articles (dropped and rebuilt around bulk loads).
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
    for sql in FTS_TRIGGERS.values():  # keep the index in step with articles
        db.execute(sql)
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
    write_docs(db)


def _m004_figure_indexes(db: sqlite_utils.Database) -> None:
    """Fewer, composite indexes on figures: kind+currency and metric+article cover the filters
    researchers use, and each insert maintains three B-trees instead of five."""
    for name in ("idx_figures_kind", "idx_figures_currency", "idx_figures_metric"):
        db.execute(f"DROP INDEX IF EXISTS {name}")
    db.execute("CREATE INDEX idx_figures_kind_currency ON figures(kind, currency)")


FIGURES_IN_CONTEXT = """CREATE VIEW figures_in_context AS
    SELECT f.id AS figure_id, a.id AS article_id, a.published, substr(a.published, 1, 10) AS day,
           a.site, a.lang, a.title, a.url, f.kind, f.text, f.value, f.low, f.high, f.currency, f.approx,
           f.unit, f.metric, f.metric_word, f.direction, f.subject,
           substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence
    FROM figures f JOIN articles a ON a.id = f.article_id"""


def _m005_sentence_offsets(db: sqlite_utils.Database) -> None:
    """Each figure's sentence as offsets into articles.text instead of a copy.

    Figure-dense sentences were stored once per figure: on the demo site the copies came to
    1.8x the articles' own text. figures_in_context still shows the sentence.
    """
    db.execute("ALTER TABLE figures ADD COLUMN sentence_start INTEGER")
    db.execute("ALTER TABLE figures ADD COLUMN sentence_end INTEGER")
    offsets = []
    rows = db.execute("SELECT f.id, f.span_start, f.sentence, a.text FROM figures f"
                      " JOIN articles a ON a.id = f.article_id WHERE f.sentence IS NOT NULL")
    for figure_id, span_start, sentence, text in rows:
        at = text.find(sentence, max(0, span_start - len(sentence)))
        if 0 <= at <= span_start:
            offsets.append((at, at + len(sentence), figure_id))
    db.conn.executemany("UPDATE figures SET sentence_start = ?, sentence_end = ? WHERE id = ?", offsets)
    db.execute("DROP VIEW figures_in_context")
    db.execute("ALTER TABLE figures DROP COLUMN sentence")
    db.execute(FIGURES_IN_CONTEXT)


def _m006_frontier_kind(db: sqlite_utils.Database) -> None:
    """frontier.kind, so listing pages and articles are revisited on their own schedules."""
    db.execute("ALTER TABLE frontier ADD COLUMN kind TEXT")
    db.execute("""UPDATE frontier SET kind = CASE
            WHEN EXISTS (SELECT 1 FROM articles a WHERE a.url = frontier.url)
              OR EXISTS (SELECT 1 FROM pages p JOIN articles a ON a.page_id = p.id WHERE p.url = frontier.url)
            THEN 'article' ELSE 'listing' END
        WHERE state = 'done'""")


def _m007_text_hash_index(db: sqlite_utils.Database) -> None:
    """An index on articles.text_hash: a crawl looks up each new article's text to store it once."""
    db.execute("CREATE INDEX idx_articles_text_hash ON articles(text_hash)")


def _m008_page_pipeline(db: sqlite_utils.Database) -> None:
    """The redesign's columns: the frontier's error kind, HTTP status and retry time as columns
    (not a prefix of `reason` matched with LIKE); each figure's period and role; the version of
    the figure step per article, so figures can be re-derived from text alone."""
    db.execute("ALTER TABLE frontier ADD COLUMN error_kind TEXT")
    db.execute("ALTER TABLE frontier ADD COLUMN http_status INTEGER")
    db.execute("ALTER TABLE frontier ADD COLUMN not_before TEXT")
    db.execute("""UPDATE frontier SET error_kind = substr(reason, 1, instr(reason, ':') - 1)
        WHERE state IN ('failed', 'skipped') AND instr(reason, ':') > 0""")
    db.execute("""UPDATE frontier SET http_status = CAST(substr(reason, 12, 3) AS INTEGER)
        WHERE error_kind = 'http' AND reason LIKE 'http: HTTP ___%'""")
    db.execute("UPDATE frontier SET error_kind = 'robots' WHERE error_kind = 'robots' OR reason LIKE 'robots:%'")
    db.execute("ALTER TABLE figures ADD COLUMN period TEXT")
    db.execute("ALTER TABLE figures ADD COLUMN role TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN figures_version TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN figures_chars INTEGER")  # text characters the figure step read
    db.execute("""UPDATE articles SET figures_version = (SELECT MIN(f.extractor_version) FROM figures f
        WHERE f.article_id = articles.id)""")
    db.execute("DROP VIEW figures_in_context")
    db.execute(FIGURES_IN_CONTEXT_V8)


FIGURES_IN_CONTEXT_V8 = """CREATE VIEW figures_in_context AS
    SELECT f.id AS figure_id, a.id AS article_id, a.published, substr(a.published, 1, 10) AS day,
           a.site, a.lang, a.title, a.url, f.kind, f.text, f.value, f.low, f.high, f.currency, f.approx,
           f.unit, f.metric, f.metric_word, f.direction, f.subject, f.period, f.role,
           substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence
    FROM figures f JOIN articles a ON a.id = f.article_id"""


def _m009_merged_shards(db: sqlite_utils.Database) -> None:
    """Work that is already in this file: each ingest batch, Dask task and merged shard, so a
    re-run after a crash or kill -9 skips it, and merging the same shard twice changes nothing."""
    db.execute("""
        CREATE TABLE merged_shards (
            id INTEGER PRIMARY KEY,
            unit TEXT UNIQUE,                   -- an ingest work unit: 'FILE:SIZE:records A-B' or 'FILE:SIZE:bytes A-B'
            fingerprint TEXT UNIQUE,            -- SHA-256 of a merged shard's page captures and articles
            source TEXT,                        -- the WARC file or shard file it came from
            merged_at TEXT NOT NULL,            -- UTC, ISO 8601
            run_id INTEGER REFERENCES runs(id),
            counts TEXT                         -- JSON object: records, html, skipped, errors, articles, figures...
        )""")
DAILY_FIGURES_V10 = """CREATE VIEW daily_figures AS
    SELECT substr(a.published, 1, 10) AS day, f.kind, f.currency, f.metric, COUNT(*) AS figures,
           COUNT(DISTINCT f.article_id) AS articles, SUM(f.value) AS total_value,
           MIN(f.value) AS min_value, MAX(f.value) AS max_value, SUM(f.value_usd) AS total_usd
    FROM figures f JOIN articles a ON a.id = f.article_id
    WHERE f.first_mention IS NOT 0
    GROUP BY day, f.kind, f.currency, f.metric"""

FIGURES_IN_CONTEXT_V10 = """CREATE VIEW figures_in_context AS
    SELECT f.id AS figure_id, a.id AS article_id, a.story_id, a.published, substr(a.published, 1, 10) AS day,
           a.site, a.lang, a.title, a.url, f.kind, f.text, f.value, f.low, f.high, f.currency, f.approx,
           f.unit, f.metric, f.metric_word, f.direction, f.subject, f.entity, f.entity_kind, f.entity_source,
           f.period, f.role, f.value_usd, f.low_usd, f.high_usd, f.first_mention,
           substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence
    FROM figures f JOIN articles a ON a.id = f.article_id"""

# Each figure of a story once: figures of the story's articles grouped by kind, metric, currency,
# unit and value rounded to 0.5% steps (a log-scale bucket: 1350 亿美元 and $135 billion fall in
# one bucket; values 0.5% apart fall in neighbouring ones at worst).
STORY_FIGURES = """CREATE VIEW story_figures AS
    SELECT a.story_id, f.kind, f.metric, f.currency, f.unit,
           MIN(COALESCE(f.value, f.high)) AS value, MIN(f.value_usd) AS value_usd,
           COUNT(DISTINCT f.article_id) AS articles, COUNT(*) AS mentions,
           group_concat(DISTINCT a.lang) AS langs, group_concat(DISTINCT a.url) AS urls,
           MIN(f.entity) AS entity, MIN(f.text) AS text
    FROM figures f JOIN articles a ON a.id = f.article_id
    WHERE a.story_id IS NOT NULL AND COALESCE(f.value, f.high) IS NOT NULL
    GROUP BY a.story_id, f.kind, f.metric, f.currency, f.unit,
             CASE WHEN COALESCE(f.value, f.high) > 0
                  THEN CAST(round(ln(COALESCE(f.value, f.high)) / ln(1.005)) AS INTEGER)
                  ELSE COALESCE(f.value, f.high) END"""


def _m010_seeing_the_data(db: sqlite_utils.Database) -> None:
    """What a researcher needs to read the figures honestly: USD equivalents at the publication
    date, an entity for each subject, the first mention of a figure repeated in one article,
    the publication time in UTC, and stories (one story in several editions or on several sites).
    enrich.enrich_article fills them; `reprocess --figures-only` fills old rows."""
    for column, kind in (("value_usd", "REAL"), ("low_usd", "REAL"), ("high_usd", "REAL"), ("fx_rate", "REAL"),
                         ("fx_date", "TEXT"), ("entity", "TEXT"), ("entity_kind", "TEXT"), ("entity_source", "TEXT"),
                         ("first_mention", "INTEGER")):
        db.execute(f"ALTER TABLE figures ADD COLUMN {column} {kind}")
    db.execute("ALTER TABLE articles ADD COLUMN published_utc TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN story_id INTEGER")
    db.execute("CREATE INDEX idx_articles_story ON articles(story_id)")
    db.execute("CREATE INDEX idx_articles_published_utc ON articles(published_utc)")
    db.execute("CREATE INDEX idx_figures_entity ON figures(entity)")
    # kind+currency+value(+article_id, covering) serves what kind+currency did, and finds figures
    # within 0.5% on other sites (stories.py) from the index alone: still three B-trees.
    db.execute("DROP INDEX IF EXISTS idx_figures_kind_currency")
    db.execute("CREATE INDEX idx_figures_kind_currency_value ON figures(kind, currency, value, article_id)")
    db.execute("""CREATE TABLE article_alternates (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            hreflang TEXT NOT NULL,             -- as the page gives it: zh-Hans, zh-TW, en, x-default
            url TEXT NOT NULL,                  -- normalised URL of the other edition
            PRIMARY KEY (article_id, url))""")
    db.execute("CREATE INDEX idx_article_alternates_url ON article_alternates(url)")
    db.execute("""CREATE TABLE entity_aliases (
            alias TEXT PRIMARY KEY,             -- as written: BTC, 比特币, Reality Labs
            entity TEXT NOT NULL,               -- canonical name: Bitcoin, Meta
            entity_kind TEXT NOT NULL)          -- company | asset | country | organisation | product""")
    db.execute("DROP VIEW figures_in_context")
    db.execute(FIGURES_IN_CONTEXT_V10)
    db.execute("DROP VIEW daily_figures")
    db.execute(DAILY_FIGURES_V10)
    db.execute(STORY_FIGURES)


def _m011_site_time_zone(db: sqlite_utils.Database) -> None:
    """The zone a sites file gives a site (time_zone = "Asia/Shanghai"), kept with each article
    so published_utc can be re-derived, and a researcher sees which zone a bare date was read in;
    and pages by final URL, where an ingest looks up a capture a crawl stored after a redirect."""
    db.execute("ALTER TABLE articles ADD COLUMN time_zone TEXT")
    db.execute("CREATE INDEX idx_pages_final_url ON pages(final_url)")


def _m012_story_window_index(db: sqlite_utils.Database) -> None:
    """An index of (id, published_utc, site), so the near-duplicate rule (stories.py) checks a
    candidate's date and site from a small index instead of reading its row, text and all, from
    a table that outgrows the page cache: a bulk load of 40,000 generated articles spent half its
    time there. Nothing a researcher reads changes."""
    db.execute("CREATE INDEX idx_articles_story_window ON articles(id, published_utc, site)")


def write_docs(db: sqlite_utils.Database) -> None:
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
    ("005_sentence_offsets", _m005_sentence_offsets),
    ("006_frontier_kind", _m006_frontier_kind),
    ("007_text_hash_index", _m007_text_hash_index),
    ("008_page_pipeline", _m008_page_pipeline),
    ("009_merged_shards", _m009_merged_shards),
    ("010_seeing_the_data", _m010_seeing_the_data),
    ("011_site_time_zone", _m011_site_time_zone),
    ("012_story_window_index", _m012_story_window_index),
]
