"""Article text quality on ../shared/realpages, and time per page on realpages and ../shared/wcxb-dev:
our extract vs plain trafilatura.extract, in one run.

Both get the same input: the page decoded by pipeline.decode (header-less: BOM, meta, then
detection). Prints the shared scorer's precision, recall and F1 per language and overall
for each; then, timed page by page in turns (so a busy machine slows both alike), the
milliseconds per page of trafilatura.extract, of ours as `extract --json` runs it (every page
extracted in full, require_article=False) and as a crawl runs it (a page judged not an
article stops before dates and authors), and the ratio to trafilatura.

    .venv/bin/python bench/extraction.py [--save DIR] [--wcxb-every N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from pipeline.decode import decode_html
from pipeline.extract import extract

REAL = Path(__file__).resolve().parents[2] / "shared" / "realpages"


def pages() -> list[tuple[str, str, str]]:
    out = []
    for line in (REAL / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        page_id, url, file = cols[0], cols[1], cols[2]
        raw = (REAL / file).read_bytes()
        if file.endswith(".gz"):
            raw = gzip.decompress(raw)
        html, _ = decode_html(raw, None)
        out.append((page_id, url or f"https://unknown.example/{page_id}", html))
    return out


def ours(html: str, url: str) -> str:
    article = extract(html, url, require_article=False)
    return article.text if article else ""


def plain(html: str, url: str) -> str:
    return trafilatura.extract(html) or ""


def run(name: str, func, docs, outdir: Path) -> Path:
    path = outdir / f"{name}.jsonl"
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        for page_id, url, html in docs:
            try:
                text = func(html, url)
            except Exception as exc:  # a benchmark reports failures, it does not stop on them
                print(f"  {name}: {page_id} failed: {exc}", file=sys.stderr)
                text = ""
            out.write(json.dumps({"id": page_id, "text": text}, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - started
    print(f"{name}: {len(docs) / elapsed:.1f} pages/s ({elapsed / len(docs) * 1000:.1f} ms/page)")
    return path


def wcxb_pages(every: int) -> list[tuple[str, str, str]]:
    wcxb = REAL.parent / "wcxb-dev"
    rows = [json.loads(line) for line in gzip.open(wcxb / "truth.jsonl.gz", "rt", encoding="utf-8")][::every]
    return [(r["id"], f"file:///tmp/wcxb/{r['id']}.html",
             decode_html(gzip.decompress((wcxb / "html" / f"{r['id']}.html.gz").read_bytes()), None)[0]) for r in rows]


def timing(name: str, docs) -> None:
    """trafilatura.extract, ours in full and ours as a crawl calls it, in turns on each page."""
    spent = {"trafilatura.extract": 0.0, "ours (extract --json)": 0.0, "ours (crawl)": 0.0}
    calls = {"trafilatura.extract": lambda h, u: trafilatura.extract(h),
             "ours (extract --json)": lambda h, u: extract(h, u, require_article=False),
             "ours (crawl)": lambda h, u: extract(h, u, require_article=True)}
    order = list(calls)
    for i, (_, url, html) in enumerate(docs):
        for key in order[i % 3:] + order[:i % 3]:
            started = time.perf_counter()
            calls[key](html, url)
            spent[key] += time.perf_counter() - started
    base = spent["trafilatura.extract"]
    print(f"--- time per page on {name} ({len(docs)} pages)")
    for key, value in spent.items():
        print(f"{key:<24}{value / len(docs) * 1000:8.1f} ms/page {value / base:6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", type=Path, help="keep the prediction files here")
    parser.add_argument("--wcxb-every", type=int, default=3, help="time every Nth ../shared/wcxb-dev page")
    args = parser.parse_args()
    docs = pages()
    outdir = args.save or Path(tempfile.mkdtemp())
    outdir.mkdir(parents=True, exist_ok=True)
    extract("<html><body><p>warm up</p></body></html>", "https://x.example/")
    results = {}
    for name, func in (("trafilatura", plain), ("ours", ours)):
        results[name] = run(name, func, docs, outdir)
    for name, path in results.items():
        score = subprocess.run([sys.executable, str(REAL / "score_text.py"), "--truth", str(REAL / "ground-truth.jsonl"),
                                "--pred", str(path), "--quiet"], capture_output=True, text=True)
        print(f"--- {name}\n{score.stdout.strip()}")
    timing("realpages", docs)
    if (REAL.parent / "wcxb-dev").exists():
        timing("wcxb-dev", wcxb_pages(args.wcxb_every))


if __name__ == "__main__":
    main()
