"""Tables and views out of the file: CSV, JSON lines or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO

import sqlite_utils

from pipeline.errors import ConfigError

EXPORTABLE = ("articles", "figures", "figures_in_context", "daily_figures", "pages", "runs", "article_versions",
              "columns_doc")


def export(db: sqlite_utils.Database, table: str, fmt: str, out: IO | Path | None = None) -> int:
    """Write a table or view as csv, jsonl or parquet; returns the number of rows written."""
    if table not in EXPORTABLE:
        raise ConfigError(f"cannot export {table!r}; choose one of: {', '.join(EXPORTABLE)}")
    if isinstance(out, Path) and not out.parent.is_dir():
        raise ConfigError(f"{out}: folder {out.parent} does not exist; create it or choose another --output")
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
                record = {c: (v.hex() if isinstance(v, bytes) else v) for c, v in zip(columns, row, strict=True)}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        else:
            raise ConfigError(f"unknown format {fmt!r}; choose csv, jsonl or parquet")
    finally:
        if isinstance(out, Path):
            stream.close()
    return count
