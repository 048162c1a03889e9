"""ingest(): web archives into the database, on the local process pool or on Dask.

The edge of the engines: checks the inputs, takes the database's lock (a cron crawl
meanwhile exits 75), loads in bulk (the full-text index is built once at the end), runs
the chosen engine, and returns a summary whose exit status follows `crawl`'s rules.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import store
from pipeline.config import Config
from pipeline.engines.sites import SiteFilter
from pipeline.engines.tally import Tally
from pipeline.engines.warc import is_url
from pipeline.errors import ConfigError, Terminated

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class IngestOptions:
    engine: str = "local"
    workers: int | None = None  # None: the machine's cores
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster
    shard_dir: Path | None = None  # Dask shards; None: DB.shards beside the database
    split_bytes: int | None = None  # Dask: files larger than this are split into record ranges
    batch_records: int | None = None  # local engine: records per batch (and per transaction)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        if self.workers is not None and not 1 <= self.workers <= 256:
            raise ConfigError(f"--workers must be between 1 and 256, got {self.workers}")
        if self.scheduler and self.engine != "dask":
            raise ConfigError("--scheduler needs --engine dask")


@dataclass
class IngestSummary:
    db_path: Path
    engine: str
    workers: int
    tally: Tally = field(default_factory=Tally)
    elapsed: float = 0.0
    status: str = "running"
    exit_code: int = 0

    @property
    def records_per_second(self) -> float:
        return self.tally.records / self.elapsed if self.elapsed > 0 else 0.0


def check_sources(sources: list[str]) -> list[str]:
    """The inputs, each an existing file or an http(s) URL; else a ConfigError naming it."""
    if not sources:
        raise ConfigError("give at least one WARC/ARC file or http(s) URL")
    for source in sources:
        if not is_url(source) and not Path(source).is_file():
            raise ConfigError(f"{source}: no such file; give .warc, .warc.gz or .arc(.gz) files or http(s) URLs")
    return list(sources)


def ingest(db_path: Path, sources: list[str], config: Config | None = None, options: IngestOptions = IngestOptions(),
           on_progress: Callable[[str, Tally], None] | None = None) -> IngestSummary:
    """Read the archives into db_path. Raises LockHeld when another run holds the database."""
    sources = check_sources(sources)
    config = config or Config()
    sites = SiteFilter(config.sites) if config.sites else None
    workers = options.workers or os.cpu_count() or 1
    summary = IngestSummary(db_path, options.engine, workers)
    started = time.monotonic()
    db = store.open_db(db_path)
    with store.bulk_load(db):  # takes the lock: a crawl running meanwhile makes this exit 75 before any write
        if config.entities_file is not None:  # before any record: new figures get the user's entities
            store.use_user_entities(db, config.entities_file)
        store.apply_site_time_zones(db, config.sites)
        run_id = store.start_run(db, [f"warc:{s}" for s in sources]) if options.engine == "local" else None
        try:
            _run_engine(db, db_path, sources, sites, workers, run_id, summary.tally, options, on_progress)
            summary.status = "ok"
        except KeyboardInterrupt as exc:
            summary.status = "interrupted"
            summary.exit_code = 143 if isinstance(exc, Terminated) else 130
        finally:
            if summary.status == "running":
                summary.status, summary.exit_code = "failed", 70
            tally = summary.tally
            kept = tally.html + tally.errors.get("truncated", 0) + tally.errors.get("unreadable", 0)
            if summary.status == "ok" and kept and tally.failed / kept > config.max_error_ratio:
                summary.status, summary.exit_code = "errors", 1
            if run_id is not None:
                store.finish_run(db, run_id, summary.status, summary.exit_code, {
                    "pages_fetched": tally.html, "pages_failed": tally.failed, "articles_new": tally.articles_new,
                    "articles_updated": tally.articles_updated, "figures": tally.figures}, dict(tally.errors))
    summary.elapsed = time.monotonic() - started
    return summary


def _run_engine(db, db_path: Path, sources: list[str], sites: SiteFilter | None, workers: int, run_id: int | None,
                tally: Tally, options: IngestOptions, on_progress) -> None:
    if options.engine == "local":
        from pipeline.engines.pool import BATCH_RECORDS, ingest_local

        ingest_local(db, sources, sites, workers, run_id, tally, on_progress,
                     batch_records=options.batch_records or BATCH_RECORDS)
        return
    from pipeline.engines.dask_engine import SPLIT_BYTES, ingest_dask

    shard_dir = options.shard_dir or Path(f"{db_path}.shards")
    ingest_dask(db, sources, sites, workers, options.scheduler, shard_dir, tally, on_progress,
                split_bytes=options.split_bytes or SPLIT_BYTES)


def merge(db_path: Path, shards: list[Path]) -> list:
    """`merge SHARD.db... --into DB`: each shard in its own transaction, under the lock, in bulk."""
    from pipeline.engines.shards import merge_shard

    for shard in shards:
        if not Path(shard).is_file():
            raise ConfigError(f"{shard}: no such shard file")
        if Path(shard).resolve() == Path(db_path).resolve():
            raise ConfigError(f"{shard}: cannot merge a database into itself")
    db = store.open_db(db_path)
    with store.bulk_load(db):
        return [merge_shard(db, shard) for shard in shards]
