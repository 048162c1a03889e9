"""The Dask engine: one task per WARC file (a byte range of a large one), each writing its own shard.

Workers never open the target database. A task writes a shard SQLite file under a
temporary name and renames it when it is complete, so a shard that exists is whole. The
client merges finished shards one at a time, each in one writer transaction that also
records the shard's work unit (merged_shards), then deletes the shard. A re-run after a
crash or kill -9 skips the units already merged, merges shards that were finished but not
yet merged, and recomputes only the rest: no row is lost or stored twice.

Without --scheduler a LocalCluster of `workers` single-threaded processes runs here; its
worker processes watch the client and exit with it, even after kill -9. With a scheduler
address any running cluster is used (`dask scheduler` + `dask worker` on other hosts);
its workers must see the shard folder at the same path (a shared file system).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline import store
from pipeline.engines.shards import merge_shard
from pipeline.engines.sites import SiteFilter
from pipeline.engines.tally import Tally, done_units, record_unit, store_record
from pipeline.engines.warc import is_url, read_records, source_name, source_size
from pipeline.engines.work import process_one, warm_up
from pipeline.errors import ConfigError
from pipeline.migrations import FTS_TRIGGERS

try:  # the plugin base class; without Dask installed the module still imports (plan_units, run_unit)
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the dask extra is not installed
    WorkerPlugin = object  # type: ignore[misc,assignment]

LOGGER = logging.getLogger(__name__)

SPLIT_BYTES = 256 * 1024 * 1024  # a 1 GB CC-NEWS file becomes 4 tasks
SHARD_BATCH = 200  # records per transaction inside a shard


@dataclass(frozen=True)
class Unit:
    """Records of `source` whose byte offset is in [first, end): one task, one shard."""

    source: str
    size: int | None
    first: int = 0
    end: int | None = None

    @property
    def key(self) -> str:
        return f"{source_name(self.source)}:{self.size if self.size is not None else '?'}:bytes {self.first}-" \
               f"{self.end if self.end is not None else 'end'}"

    @property
    def slug(self) -> str:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", source_name(self.source))[:80]
        return f"{safe}.{self.first}.{hashlib.sha1(self.key.encode()).hexdigest()[:10]}"


def plan_units(sources: list[str], split_bytes: int = SPLIT_BYTES) -> list[Unit]:
    """One unit per file, or per split_bytes of a larger local file.

    A task of a byte range of a .warc.gz seeks to the first record of its range (each record is
    its own gzip member: warc.next_member); of a plain WARC or an ARC it reads past the records
    before its range. A URL is one unit: a range would download the start again (a month of
    CC-NEWS is hundreds of files: parallel enough).
    """
    units = []
    for source in sources:
        size = source_size(source)
        if size is None or size <= split_bytes or is_url(source):
            units.append(Unit(source, size))
            continue
        starts = list(range(0, size, split_bytes))
        units += [Unit(source, size, lo, lo + split_bytes if i + 1 < len(starts) else None)
                  for i, lo in enumerate(starts)]
    return units


def shard_path(shard_dir: Path, unit: Unit) -> Path:
    return shard_dir / f"{unit.slug}.db"


def run_unit(unit: Unit, shard_dir: str, sites: SiteFilter | None) -> str:
    """The task: process one unit's records into a complete shard file; returns its path.

    A shard that already exists is complete (it is renamed into place only when done), so a
    task retried after its worker died finishes at once.
    """
    warm_up()  # cached per process; the worker plugin has normally done it already
    final = shard_path(Path(shard_dir), unit)
    if final.exists():
        return str(final)
    temporary = final.with_name(f"{final.name}.tmp-{os.getpid()}")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    db = store.open_db(temporary)
    with store.transaction(db):  # a shard is an intermediate file: the target builds the full-text index
        for name in FTS_TRIGGERS:
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
    run_id = store.start_run(db, [f"warc:{unit.key}"])
    tally = Tally()
    records = read_records(unit.source, sites, unit.first, unit.end)
    while True:
        batch = [record for _, record in zip(range(SHARD_BATCH), records, strict=False)]
        if not batch:
            break
        with store.transaction(db):
            for record in batch:
                if record.page is None:
                    tally.count_record(record)
                else:
                    store_record(db, record, process_one(record.page, record.site), run_id, tally)
    with store.transaction(db):
        record_unit(db, unit.key, unit.source, run_id, tally)
    store.finish_run(db, run_id, "ok", 0, {"pages_fetched": tally.html, "pages_failed": tally.failed,
                                           "articles_new": tally.articles_new, "articles_updated": tally.articles_updated,
                                           "figures": tally.figures}, dict(tally.errors))
    db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file before the rename
    db.conn.close()
    os.replace(temporary, final)
    return str(final)


class WarmUpPlugin(WorkerPlugin):
    """Dask worker plugin: each worker process loads jieba and the figure caches once, at start."""

    name = "pipeline-warm-up"

    def setup(self, worker) -> None:
        warm_up()


def _client(scheduler: str | None, workers: int, shard_dir: Path):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("--engine dask needs Dask: pip install -e '.[dask]'") from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR, local_directory=str(shard_dir))
    return Client(cluster), cluster


def ingest_dask(db: sqlite_utils.Database, sources: list[str], sites: SiteFilter | None, workers: int,
                scheduler: str | None, shard_dir: Path, tally: Tally,
                on_progress: Callable[[str, Tally], None] | None = None, split_bytes: int = SPLIT_BYTES) -> None:
    """Ingest `sources` on Dask into db (merging shard by shard), adding what was read to `tally`."""
    shard_dir.mkdir(exist_ok=True)
    for leftover in shard_dir.glob("*.db.tmp-*"):  # written by a worker that died; we hold the database's lock
        leftover.unlink()
    units = plan_units(sources, split_bytes)
    done = done_units(db)
    for unit in units:
        if unit.key in done:
            tally.already += done[unit.key].records
            shard_path(shard_dir, unit).unlink(missing_ok=True)  # merged, then killed before it was removed
    todo = [u for u in units if u.key not in done]
    # a shard finished before a crash but not merged is merged as it is, not computed again
    compute = [u for u in todo if not shard_path(shard_dir, u).exists()]
    client, cluster = _client(scheduler, workers, shard_dir) if compute else (None, None)
    try:
        futures = {}
        if client is not None:
            client.register_plugin(WarmUpPlugin())
            futures = {u.key: client.submit(run_unit, u, str(shard_dir), sites, key=f"ingest-{u.slug}", retries=2,
                                            pure=False) for u in compute}
        # merged in plan order, whichever task ends first: the first capture of an article is
        # then the same as on the local engine, and a re-run gives the same rows as a clean run
        for unit in todo:
            if unit.key in futures:
                path = Path(futures[unit.key].result())
                if path != shard_path(shard_dir, unit) or not path.exists():
                    raise ConfigError(f"shard {path} written by a worker is not visible here; with --scheduler, "
                                      "give --shard-dir a folder every worker and this machine share")
            _merge(db, unit, shard_dir, tally, on_progress)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    tally.files += len(sources)


def _merge(db: sqlite_utils.Database, unit: Unit, shard_dir: Path, tally: Tally,
           on_progress: Callable[[str, Tally], None] | None) -> None:
    path = shard_path(shard_dir, unit)
    report = merge_shard(db, path)
    unit_tally = done_units(db).get(unit.key, Tally())
    # what the shard counted for records and errors, what the merge found for articles: an
    # article new in its shard may be one an earlier shard stored (the same text at another URL)
    unit_tally.articles_new = report.articles_new
    unit_tally.articles_updated += report.articles_updated  # updated within the shard, or over the target's
    unit_tally.articles_unchanged += report.articles_same  # the same text within the shard, or already here
    unit_tally.figures, unit_tally.pages = report.figures, report.pages
    tally.add(unit_tally)
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
        leftover.unlink(missing_ok=True)
    if on_progress is not None:
        on_progress(unit.source, unit_tally)
