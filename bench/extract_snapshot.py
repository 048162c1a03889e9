"""Every page of ../shared/realpages and ../shared/wcxb-dev through extract, as JSON lines: to
prove a speed change leaves the output alone.

Each page is extracted twice, as `extract --json` runs it (require_article=False) and as a
crawl runs it (require_article=True), each with a fresh copy of the HTML decoded by
pipeline.decode. Run it on the base code and on the changed code (PYTHONPATH picks which) and
compare the files with --compare; the pages are spread over --processes worker processes.

    .venv/bin/python bench/extract_snapshot.py OUT.jsonl [--processes 2]
    .venv/bin/python bench/extract_snapshot.py --compare BASE.jsonl NEW.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def cases() -> list[tuple[str, str, Path]]:
    """(id, URL, file) of every page: the URL its corpus gives, else the one bench/extraction.py uses."""
    out = []
    real = SHARED / "realpages"
    for line in (real / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        out.append((f"real/{cols[0]}", cols[1] or f"https://unknown.example/{cols[0]}", real / cols[2]))
    wcxb = SHARED / "wcxb-dev"
    with gzip.open(wcxb / "truth.jsonl.gz", "rt", encoding="utf-8") as f:
        for row in map(json.loads, f):
            out.append((f"wcxb/{row['id']}", row.get("url") or f"file:///tmp/wcxb/{row['id']}.html",
                        wcxb / "html" / f"{row['id']}.html.gz"))
    return out


def one(case: tuple[str, str, Path]) -> str:
    from pipeline.decode import decode_html
    from pipeline.errors import ExtractError
    from pipeline.extract import extract

    page_id, url, path = case
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    html, encoding = decode_html(raw, None)
    row: dict = {"id": page_id, "url": url, "encoding": encoding}
    for mode, require in (("json", False), ("crawl", True)):
        try:
            article = extract(html, url, require_article=require)
            row[mode] = dataclasses.asdict(article) if article is not None else None
        except ExtractError as exc:
            row[mode] = {"error": str(exc)}
    return json.dumps(row, ensure_ascii=False, default=str, sort_keys=True)


def compare(base: Path, new: Path) -> int:
    a = {json.loads(line)["id"]: line for line in base.open(encoding="utf-8")}
    b = {json.loads(line)["id"]: line for line in new.open(encoding="utf-8")}
    differ = [k for k in a if a[k] != b.get(k)] + [k for k in b if k not in a]
    for key in differ:
        old, now = json.loads(a.get(key, "{}")), json.loads(b.get(key, "{}"))
        print(f"{key}:")
        for mode in ("json", "crawl"):
            x, y = old.get(mode) or {}, now.get(mode) or {}
            for field in sorted(set(x) | set(y)):
                if x.get(field) != y.get(field):
                    print(f"  {mode}.{field}: {str(x.get(field))[:150]!r} -> {str(y.get(field))[:150]!r}")
    print(f"{len(a)} pages in base, {len(b)} in new, {len(differ)} differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BASE", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.out is None:
        parser.error("give OUT.jsonl or --compare BASE NEW")
    with ProcessPoolExecutor(args.processes) as pool, args.out.open("w", encoding="utf-8") as out:
        for line in pool.map(one, cases(), chunksize=8):
            out.write(line + "\n")


if __name__ == "__main__":
    main()
