"""The local engine: archive records processed in a pool of worker processes, stored by the parent.

The parent reads the archive (decompressing is cheap beside extraction), sends batches of
HTML pages to `workers` processes (each loads jieba and the figure caches once, in the pool
initializer), and writes every result itself: one process writes the database, one
transaction per batch, and each batch is recorded as a work unit in the same transaction.
A batch is a fixed range of record numbers of a file, so a re-run after Ctrl-C, a crash or
kill -9 skips the batches already stored and redoes only the one that was cut short.
Batches are stored in reading order, so two runs over the same files write the same rows
in the same order, whatever the number of workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import sqlite_utils

from pipeline import store
from pipeline.engines.sites import SiteFilter
from pipeline.engines.tally import Tally, done_units, record_unit, store_record
from pipeline.engines.warc import Record, read_records, source_name, source_size
from pipeline.engines.work import init_worker, process_batch

LOGGER = logging.getLogger(__name__)

BATCH_RECORDS = 100  # records per batch: one pickled round trip and one transaction each


@dataclass
class _Batch:
    unit: str
    source: str
    records: list[Record]
    results: Future | None  # None: no HTML in the batch


def unit_key(source: str, size: int | None, first: int, end: int) -> str:
    """'FILE:SIZE:records A-B': the batch of record numbers [A, B) of a file, wherever it is mounted."""
    return f"{source_name(source)}:{size if size is not None else '?'}:records {first}-{end}"


def batches(source: str, sites: SiteFilter | None, size: int | None,
            batch_records: int = BATCH_RECORDS) -> Iterator[tuple[str, list[Record]]]:
    """(unit key, records) for consecutive ranges of batch_records record numbers of one file."""
    current: list[Record] = []
    first = 0
    for record in read_records(source, sites):
        start = record.index - record.index % batch_records
        if current and start != first:
            yield unit_key(source, size, first, first + batch_records), current
            current = []
        first = start
        current.append(record)
    if current:
        yield unit_key(source, size, first, first + batch_records), current


def ingest_local(db: sqlite_utils.Database, sources: list[str], sites: SiteFilter | None, workers: int,
                 run_id: int | None, tally: Tally, on_progress: Callable[[str, Tally], None] | None = None,
                 batch_records: int = BATCH_RECORDS) -> None:
    """Ingest `sources` into db with a pool of `workers` processes, adding what was read to `tally`."""
    done = done_units(db)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker, initargs=(os.getpid(),))
    pending: deque[_Batch] = deque()
    try:
        for source in sources:
            size = source_size(source)
            for unit, records in batches(source, sites, size, batch_records):
                if unit in done:
                    tally.already += len(records)
                    continue
                items = [(r.page, r.site) for r in records if r.page is not None]
                pending.append(_Batch(unit, source, records, pool.submit(process_batch, items) if items else None))
                while len(pending) > 2 * workers:  # enough queued to keep every worker busy, no more in memory
                    _store_batch(db, pending.popleft(), run_id, tally, on_progress)
            tally.files += 1
        while pending:
            _store_batch(db, pending.popleft(), run_id, tally, on_progress)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: do not finish the queued batches first
        raise
    pool.shutdown(wait=True)


def _store_batch(db: sqlite_utils.Database, batch: _Batch, run_id: int | None, tally: Tally,
                 on_progress: Callable[[str, Tally], None] | None) -> None:
    results = iter(batch.results.result() if batch.results is not None else [])
    unit_tally = Tally()
    with store.transaction(db):
        for record in batch.records:
            if record.page is None:
                unit_tally.count_record(record)
            else:
                store_record(db, record, next(results), run_id, unit_tally)
        record_unit(db, batch.unit, batch.source, run_id, unit_tally)
    tally.add(unit_tally)
    if on_progress is not None:
        on_progress(batch.source, unit_tally)
