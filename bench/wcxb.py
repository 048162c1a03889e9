"""Ours vs plain trafilatura on ../shared/wcxb-dev, in one run, by page kind.

Scores with the benchmark's own measures (imported from its score.py): word F1, required
snippets found ("with"), boilerplate kept out ("clean"), date and author hits, and how many
pages each kind a crawl would keep as articles. Pages are read as `extract FILE` reads them:
the URL is the file's, so no rule may lean on the page's real URL.

`--split even|odd` scores half the pages by id, so rules tuned on one half can be checked on
the other; a run over all pages also prints both halves (even: the page-kind model's training
half; odd: held out from it) from the same run. `--timing` also times trafilatura.extract (what
a crawl would otherwise call) and our extract on the same decoded page, interleaved page by
page, and prints the ratio.
trafilatura's own metadata (bare_extraction, with_metadata=True, as score.py runs it) is cached
in --cache so that reruns only pay for ours.

    .venv/bin/python bench/wcxb.py [--split odd] [--types article] [--timing] [--misses author]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

import trafilatura

from pipeline.decode import decode_html
from pipeline.extract import extract

WCXB = Path(__file__).resolve().parents[2] / "shared" / "wcxb-dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("wcxb_score", WCXB / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(types: list[str] | None, split: str) -> list[tuple[dict, str]]:
    rows = [json.loads(line) for line in gzip.open(WCXB / "truth.jsonl.gz", "rt", encoding="utf-8")]
    out = []
    for row in rows:
        if types and row["page_type"] not in types:
            continue
        if split != "all" and int(row["id"]) % 2 != (split == "odd"):
            continue
        html, _ = decode_html(gzip.decompress((WCXB / "html" / f"{row['id']}.html.gz").read_bytes()), None)
        out.append((row, html))
    return out


def ours(row: dict, html: str) -> dict:
    article = extract(html, f"file:///tmp/wcxb/{row['id']}.html", require_article=False)
    if article is None:
        return {"is_article": False}
    return {"text": article.text, "published": article.published, "date_source": article.date_source,
            "author": article.author, "is_article": article.is_article, "kind_signal": article.kind_signal}


def baseline(docs: list[tuple[dict, str]], cache: Path) -> dict[str, dict]:
    known = json.loads(cache.read_text()) if cache.exists() else {}
    for row, html in docs:
        if row["id"] not in known:
            doc = trafilatura.bare_extraction(html, with_metadata=True)
            known[row["id"]] = {"text": doc.text, "published": doc.date, "author": doc.author} if doc else {}
    cache.write_text(json.dumps(known))
    return known


def report(name: str, rows: list[dict], preds: list[dict], score) -> None:
    by: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for row, pred in zip(rows, preds, strict=False):
        for key in (row["page_type"], "ALL"):
            s = by[key]
            s["n"] += 1
            s["f1"] += score.word_f1(pred.get("text") or "", row["main_content"])
            s["with"] += score.share_found(pred.get("text"), row["with"])
            s["clean"] += 1 - score.share_found(pred.get("text"), row["without"]) if row["without"] else 1
            if row.get("publish_date"):
                s["dates"] += 1
                s["date_hits"] += bool(pred.get("published")) and str(pred["published"])[:10] == row["publish_date"][:10]
            if row.get("author"):
                s["authors"] += 1
                s["author_hits"] += score.author_hit(pred.get("author"), row["author"])
            if "is_article" in pred:
                s["classified"] += 1
                s["kept"] += bool(pred["is_article"])
    print(f"== {name}")
    print(f"{'type':<14}{'pages':>6}{'F1':>7}{'with':>7}{'clean':>7}{'date':>12}{'author':>12}{'kept as article':>18}")
    for key in sorted(by, key=lambda k: (k == "ALL", k)):
        s = by[key]
        kept = f"{s['kept']}/{s['classified']} {s['kept'] / s['classified']:.0%}" if s["classified"] else "-"
        date = f"{s['date_hits']}/{s['dates']}"
        author = f"{s['author_hits']}/{s['authors']}"
        print(f"{key:<14}{s['n']:>6}{s['f1'] / s['n']:>7.3f}{s['with'] / s['n']:>7.3f}{s['clean'] / s['n']:>7.3f}"
              f"{date:>12}{author:>12}{kept:>18}")


def date_sources(rows: list[dict], preds: list[dict]) -> None:
    """Ours' date hits by where the date came from (json-ld, meta, time, text, url, updated, htmldate)."""
    hits: collections.Counter = collections.Counter()
    seen: collections.Counter = collections.Counter()
    for row, pred in zip(rows, preds, strict=False):
        if row.get("publish_date"):
            source = pred.get("date_source") or "none"
            seen[source] += 1
            hits[source] += str(pred.get("published"))[:10] == row["publish_date"][:10]
    print("ours' dates by source: " + ", ".join(f"{k} {hits[k]}/{n}" for k, n in seen.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--types", nargs="*")
    parser.add_argument("--split", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--timing", action="store_true", help="time trafilatura.extract and ours, page by page")
    parser.add_argument("--every", type=int, default=1, help="score every Nth page only (a quick look)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/wcxb_trafilatura.json"))
    parser.add_argument("--misses", nargs="*", choices=("author", "date", "kind"), default=[],
                        help="list the pages ours gets wrong")
    parser.add_argument("--dump", type=Path, help="write ours' predictions by page id to this JSON file")
    args = parser.parse_args()
    score = _scorer()
    docs = load(args.types, args.split)[::args.every]
    extract("<html><body><p>warm up</p></body></html>", "https://x.example/")
    preds, ours_time, theirs_time = [], 0.0, 0.0
    for i, (row, html) in enumerate(docs):
        if args.timing and i % 2:
            started = time.perf_counter()
            trafilatura.extract(html)
            theirs_time += time.perf_counter() - started
        started = time.perf_counter()
        try:
            preds.append(ours(row, html))
        except Exception as exc:  # a benchmark reports failures, it does not stop on them
            print(f"  ours: {row['id']} failed: {exc!r}", file=sys.stderr)
            preds.append({})
        ours_time += time.perf_counter() - started
        if args.timing and not i % 2:
            started = time.perf_counter()
            trafilatura.extract(html)
            theirs_time += time.perf_counter() - started
    rows = [row for row, _ in docs]
    base = baseline(docs, args.cache)
    report("trafilatura (bare_extraction, with_metadata)", rows, [base[r["id"]] for r in rows], score)
    report("ours", rows, preds, score)
    if args.split == "all":  # both halves from the same run: the model is fitted on the even one
        for parity, name in ((0, "even ids, the model's training half"), (1, "odd ids, held out from the model")):
            half = [i for i, r in enumerate(rows) if int(r["id"]) % 2 == parity]
            report(f"trafilatura, {name}", [rows[i] for i in half], [base[rows[i]["id"]] for i in half], score)
            report(f"ours, {name}", [rows[i] for i in half], [preds[i] for i in half], score)
    date_sources(rows, preds)
    n = len(docs)
    print(f"ours: {ours_time / n * 1000:.1f} ms/page")
    if args.timing:
        print(f"trafilatura.extract: {theirs_time / n * 1000:.1f} ms/page; ours / theirs = {ours_time / theirs_time:.2f}x")
    if args.dump:
        args.dump.write_text(json.dumps({row["id"]: pred for row, pred in zip(rows, preds, strict=False)}))
    for miss in args.misses:
        for row, pred in zip(rows, preds, strict=False):
            if miss == "author" and row.get("author") and not score.author_hit(pred.get("author"), row["author"]):
                print(f"  {row['id']} {row['page_type']}: want {row['author']!r} got {pred.get('author')!r}")
            elif miss == "date" and row.get("publish_date") and \
                    str(pred.get("published"))[:10] != row["publish_date"][:10]:
                print(f"  {row['id']} {row['page_type']}: want {row['publish_date']!r} got {pred.get('published')!r}"
                      f" ({pred.get('date_source')})")
            elif miss == "kind" and bool(pred.get("is_article")) != (row["page_type"] == "article"):
                print(f"  {row['id']} {row['page_type']}: is_article={pred.get('is_article')} "
                      f"signal={pred.get('kind_signal')}")


if __name__ == "__main__":
    main()
