"""Shard files: which sites a crawl shard takes, and merging a shard into the one database.

A shard is an ordinary pipeline database written by one Dask task or one cron machine.
merge_shard() copies it into the target in one transaction, matching rows as a crawl
would have: raw HTML by content hash, pages by capture (URL, fetch time, body hash,
status), articles by canonical URL and then by same title and text (the crawl's same-text
dedup), runs by start time and seeds. Ids are remapped, figures and language editions follow
their article, a changed article keeps its older text in article_versions, and stories are
linked again in the target (a shard's story ids are its own article ids, and an edition or a
syndicated copy may sit in another shard). The shard's work units and its
own fingerprint go into merged_shards in the same transaction, so merging it again, or
after a kill -9, changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

from pipeline import store
from pipeline.errors import StoreError
from pipeline.stories import assign_stories

LOGGER = logging.getLogger(__name__)


def site_in_shard(site_name: str, k: int, n: int) -> bool:
    """True when site `site_name` belongs to shard k of n (k in 1..n).

    A stable hash (SHA-1 of the name, not Python's salted hash()), so N cron machines given
    the same sites file split it the same way every night, without talking to each other.
    """
    if not 1 <= k <= n:
        raise ValueError(f"shard {k}/{n}: K must be between 1 and N")
    digest = int.from_bytes(hashlib.sha1(site_name.encode("utf-8")).digest()[:8], "big")
    return digest % n == k - 1


@dataclass
class MergeReport:
    """What one merge added to the target."""

    shard: str
    already_merged: bool = False
    pages: int = 0
    raw_html: int = 0
    runs: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_same: int = 0  # same URL and text, or the same title and text under another URL
    article_versions: int = 0
    figures: int = 0
    units: int = 0  # ingest work units the shard carried


def fingerprint(db: sqlite_utils.Database, schema: str = "main") -> str:
    """SHA-256 of a database's page captures and articles: the same shard has the same one."""
    digest = hashlib.sha256()
    for row in db.execute(f"SELECT url, fetched_at, content_hash, status FROM {schema}.pages ORDER BY id"):
        digest.update(repr(row).encode())
    for row in db.execute(f"SELECT url, text_hash FROM {schema}.articles ORDER BY id"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def merge_shard(db: sqlite_utils.Database, shard_path: Path | str, run_id: int | None = None) -> MergeReport:
    """Merge one shard file into db in a single transaction; pages with no run get `run_id`.

    The shard is migrated to the current schema first (it is a pipeline database). Call
    outside a transaction (SQLite cannot ATTACH inside one), with the target's lock held
    (store.bulk_load does both the lock and a fast full-text index).
    """
    shard_path = Path(shard_path)
    if not shard_path.is_file():
        raise StoreError(f"{shard_path}: no such shard file; give a database written by crawl or ingest")
    store.open_db(shard_path).conn.close()  # migrates it, and says clearly when it is not a pipeline database
    report = MergeReport(str(shard_path))
    db.execute("ATTACH DATABASE ? AS s", [str(shard_path)])
    try:
        mark = fingerprint(db, "s")
        if db.execute("SELECT 1 FROM merged_shards WHERE fingerprint = ?", [mark]).fetchone():
            report.already_merged = True
            return report
        with store.transaction(db):
            _merge_rows(db, report, run_id)
            db.execute("INSERT INTO merged_shards (unit, fingerprint, source, merged_at, run_id, counts)"
                       " VALUES (NULL, ?, ?, ?, ?, ?)",
                       [mark, str(shard_path), store.now_iso(), run_id, json.dumps(asdict(report))])
    finally:
        for table in ("run_map", "page_map", "article_map"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        db.execute("DETACH DATABASE s")
    return report


def _columns(db: sqlite_utils.Database, table: str, skip: tuple[str, ...] = ("id",)) -> list[str]:
    """The columns of `table` both files have (a shard may be an older file, migrated)."""
    main = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]
    shard = {row[1] for row in db.execute(f"PRAGMA s.table_info({table})")}
    return [c for c in main if c in shard and c not in skip]


def _merge_rows(db: sqlite_utils.Database, report: MergeReport, run_id: int | None) -> None:
    before = db.execute("SELECT COUNT(*) FROM raw_html").fetchone()[0]
    db.execute("INSERT OR IGNORE INTO main.raw_html (content_hash, html_zlib, size)"
               " SELECT content_hash, html_zlib, size FROM s.raw_html")
    report.raw_html = db.execute("SELECT COUNT(*) FROM raw_html").fetchone()[0] - before
    _merge_runs(db, report)
    _merge_pages(db, report, run_id)
    _merge_articles(db, report)
    report.units = db.execute(
        "INSERT OR IGNORE INTO main.merged_shards (unit, fingerprint, source, merged_at, run_id, counts)"
        " SELECT m.unit, NULL, m.source, m.merged_at, COALESCE(r.new, ?), m.counts FROM s.merged_shards m"
        " LEFT JOIN temp.run_map r ON r.old = m.run_id WHERE m.unit IS NOT NULL", [run_id]).rowcount


def _merge_runs(db: sqlite_utils.Database, report: MergeReport) -> None:
    """Runs keep their history: each shard run once, matched by start time and seeds."""
    db.execute("CREATE TEMP TABLE run_map (old INTEGER PRIMARY KEY, new INTEGER)")
    columns = _columns(db, "runs")
    for row in db.execute(f"SELECT id, {', '.join(columns)} FROM s.runs ORDER BY id").fetchall():
        values = dict(zip(columns, row[1:], strict=True))
        found = db.execute("SELECT id FROM main.runs WHERE started_at = ? AND seeds IS ?",
                           [values["started_at"], values["seeds"]]).fetchone()
        if found:  # the shard's row is the run's own record: it may have ended since the last merge
            db.execute(f"UPDATE main.runs SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                       [*values.values(), found[0]])
            new = found[0]
        else:
            new = db.execute(f"INSERT INTO main.runs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             list(values.values())).lastrowid
            report.runs += 1
        db.execute("INSERT INTO temp.run_map VALUES (?, ?)", [row[0], new])


def _merge_pages(db: sqlite_utils.Database, report: MergeReport, run_id: int | None) -> None:
    db.execute("CREATE TEMP TABLE page_map (old INTEGER PRIMARY KEY, new INTEGER, fresh INTEGER DEFAULT 0)")
    db.execute("""INSERT INTO temp.page_map (old, new) SELECT sp.id, (SELECT p.id FROM main.pages p
        WHERE p.url = sp.url AND p.fetched_at = sp.fetched_at AND p.content_hash IS sp.content_hash
        AND p.status IS sp.status ORDER BY p.id LIMIT 1) FROM s.pages sp""")
    base = db.execute("SELECT COALESCE(MAX(id), 0) FROM main.pages").fetchone()[0]
    fresh = [row[0] for row in db.execute("SELECT old FROM temp.page_map WHERE new IS NULL ORDER BY old")]
    # ids in Python: an UPDATE ... FROM a windowed CTE is evaluated per row (80 s for 10,000 pages)
    db.conn.executemany("UPDATE temp.page_map SET new = ?, fresh = 1 WHERE old = ?",
                        [(base + n, old) for n, old in enumerate(fresh, start=1)])
    columns = _columns(db, "pages", skip=("id", "run_id"))
    report.pages = db.execute(
        f"INSERT INTO main.pages (id, run_id, {', '.join(columns)}) SELECT m.new, COALESCE(r.new, ?),"
        f" {', '.join('sp.' + c for c in columns)} FROM s.pages sp JOIN temp.page_map m ON m.old = sp.id"
        " LEFT JOIN temp.run_map r ON r.old = sp.run_id WHERE m.fresh = 1 ORDER BY sp.id", [run_id]).rowcount


def _merge_articles(db: sqlite_utils.Database, report: MergeReport) -> None:
    """New URLs are inserted (unless the same title and text is stored: the crawl's dedup); a
    known URL with other text takes the newer capture's text and keeps the older in
    article_versions; figures come with the text they were found in."""
    db.execute("CREATE TEMP TABLE article_map (old INTEGER PRIMARY KEY, new INTEGER, action TEXT)")
    rows = db.execute("""SELECT sa.id, sa.title, sa.text_hash, ta.id, ta.text_hash,
            COALESCE(sp.fetched_at, sa.extracted_at), COALESCE(tp.fetched_at, ta.extracted_at)
        FROM s.articles sa LEFT JOIN main.articles ta ON ta.url = sa.url
        LEFT JOIN s.pages sp ON sp.id = sa.page_id LEFT JOIN main.pages tp ON tp.id = ta.page_id
        ORDER BY sa.id""").fetchall()
    next_id = db.execute("SELECT COALESCE(MAX(id), 0) FROM main.articles").fetchone()[0] + 1
    mapping = []
    for old, title, text_hash, target, target_hash, captured, target_captured in rows:
        if target is None:
            twin = db.execute("SELECT id FROM main.articles WHERE text_hash = ? AND title IS ? LIMIT 1",
                              [text_hash, title]).fetchone()
            if twin:
                mapping.append((old, twin[0], "same"))
            else:
                mapping.append((old, next_id, "new"))
                next_id += 1
        elif target_hash == text_hash:  # a newer capture of the same text still says which editions it has
            mapping.append((old, target, "refetched" if (captured or "") >= (target_captured or "") else "same"))
        else:
            # a tie goes to the shard merged later, as a later record of one file replaces an earlier one
            mapping.append((old, target, "update" if (captured or "") >= (target_captured or "") else "older"))
    db.conn.executemany("INSERT INTO temp.article_map VALUES (?, ?, ?)", mapping)
    counts = {action: sum(1 for m in mapping if m[2] == action)
              for action in ("new", "same", "refetched", "update", "older")}
    report.articles_new, report.articles_updated = counts["new"], counts["update"]
    report.articles_same = counts["same"] + counts["refetched"] + counts["older"]
    # story ids are the shard's own article ids: stories are found again in the target (_link_stories)
    columns = _columns(db, "articles", skip=("id", "page_id", "story_id"))
    select = ", ".join("sa." + c for c in columns)
    db.execute(f"INSERT INTO main.articles (id, page_id, {', '.join(columns)}) SELECT m.new, pm.new, {select}"
               " FROM s.articles sa JOIN temp.article_map m ON m.old = sa.id"
               " LEFT JOIN temp.page_map pm ON pm.old = sa.page_id WHERE m.action = 'new' ORDER BY m.new")
    version_cols = ("url", "title", "author", "published", "text", "text_hash", "extracted_at", "extractor_version")
    keep = ", ".join(version_cols)
    # the stored text a newer capture replaces, then the older capture's text, into article_versions
    report.article_versions += db.execute(
        f"INSERT INTO main.article_versions (article_id, page_id, replaced_at, {keep}) SELECT a.id, a.page_id,"
        f" sa.extracted_at, {', '.join('a.' + c for c in version_cols)} FROM temp.article_map m"
        " JOIN main.articles a ON a.id = m.new JOIN s.articles sa ON sa.id = m.old WHERE m.action = 'update'").rowcount
    report.article_versions += db.execute(
        f"INSERT INTO main.article_versions (article_id, page_id, replaced_at, {keep}) SELECT m.new, pm.new,"
        f" a.extracted_at, {', '.join('sa.' + c for c in version_cols)} FROM temp.article_map m"
        " JOIN s.articles sa ON sa.id = m.old JOIN main.articles a ON a.id = m.new"
        " LEFT JOIN temp.page_map pm ON pm.old = sa.page_id WHERE m.action = 'older' AND NOT EXISTS"
        " (SELECT 1 FROM main.article_versions v WHERE v.article_id = m.new AND v.text_hash = sa.text_hash)").rowcount
    _update_articles(db, [c for c in columns if c != "first_seen_at"])
    db.execute("DELETE FROM main.figures WHERE article_id IN (SELECT new FROM temp.article_map WHERE action = 'update')")
    figure_cols = _columns(db, "figures", skip=("id", "article_id"))
    report.figures = db.execute(
        f"INSERT INTO main.figures (article_id, {', '.join(figure_cols)}) SELECT m.new,"
        f" {', '.join('f.' + c for c in figure_cols)} FROM s.figures f JOIN temp.article_map m ON m.old = f.article_id"
        " WHERE m.action IN ('new', 'update') ORDER BY f.id").rowcount
    report.article_versions += db.execute(
        f"INSERT INTO main.article_versions (article_id, page_id, replaced_at, {keep}) SELECT m.new, pm.new,"
        f" v.replaced_at, {', '.join('v.' + c for c in version_cols)} FROM s.article_versions v"
        " JOIN temp.article_map m ON m.old = v.article_id LEFT JOIN temp.page_map pm ON pm.old = v.page_id"
        " WHERE NOT EXISTS (SELECT 1 FROM main.article_versions t WHERE t.article_id = m.new"
        " AND t.text_hash IS v.text_hash AND t.extracted_at = v.extracted_at)").rowcount
    _merge_alternates(db)
    _link_stories(db)


def _merge_alternates(db: sqlite_utils.Database) -> None:
    """The language editions a merged article's page names, as the newer capture gives them
    (a crawl replaces them on every fetch of the page, its text changed or not)."""
    db.execute("DELETE FROM main.article_alternates WHERE article_id IN"
               " (SELECT new FROM temp.article_map WHERE action IN ('update', 'refetched'))")
    db.execute("INSERT OR IGNORE INTO main.article_alternates (article_id, hreflang, url)"
               " SELECT m.new, x.hreflang, x.url FROM s.article_alternates x"
               " JOIN temp.article_map m ON m.old = x.article_id WHERE m.action IN ('new', 'update', 'refetched')")


def _link_stories(db: sqlite_utils.Database) -> None:
    """Stories as a crawl into the target would have found them: each new or changed article is
    linked (editions, canonical URLs, near-duplicates) to every article the target now holds,
    those of other shards and of this one alike."""
    assign_stories(db, [row[0] for row in db.execute("SELECT DISTINCT new FROM temp.article_map"
                                                     " WHERE action IN ('new', 'update', 'refetched') ORDER BY new")])


def _update_articles(db: sqlite_utils.Database, columns: list[str]) -> None:
    """A newer capture's text over the stored one, keeping the full-text index in step even
    when a bulk load has dropped its triggers: a row already in the index (it has a row in
    FTS5's docsize table) is re-indexed here; a row added during the bulk load is indexed
    when it ends. Deleting a row the index never held would corrupt an FTS5 index."""
    triggers = {row[0] for row in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'trigger'")}
    manual_fts = "articles_fts_update" not in triggers
    ids = [row[0] for row in db.execute("SELECT new FROM temp.article_map WHERE action = 'update'")]
    for article_id in ids:
        indexed = manual_fts and db.execute("SELECT 1 FROM main.articles_fts_docsize WHERE id = ?",
                                            [article_id]).fetchone() is not None
        if indexed:
            db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', id,"
                       " COALESCE(title, ''), text FROM main.articles WHERE id = ?", [article_id])
        db.execute(f"UPDATE main.articles SET ({', '.join(columns)}, page_id) = (SELECT {', '.join('sa.' + c for c in columns)},"
                   " pm.new FROM temp.article_map m JOIN s.articles sa ON sa.id = m.old"
                   " LEFT JOIN temp.page_map pm ON pm.old = sa.page_id WHERE m.new = ? AND m.action = 'update')"
                   " WHERE id = ?",
                   [article_id, article_id])
        if indexed:
            db.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, COALESCE(title, ''), text"
                       " FROM main.articles WHERE id = ?", [article_id])
