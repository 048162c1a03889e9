"""Published date and author accuracy: on ../shared/realpages (the Chinese pages carry author
and date truth) and on our labelled cases in tests/data/metadata_cases.jsonl.

A date counts as right when its day matches (a time, when the truth has one, must match
to the minute); an author when every true name is in ours and ours adds none.

    .venv/bin/python bench/metadata.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from pipeline.dates import find_date
from pipeline.extract import extract

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "metadata_cases.jsonl"
FETCHED_AT = datetime(2026, 1, 29, 12, 0, tzinfo=timezone.utc)  # "3 小时前" in the cases is relative to this


def date_ok(got: str | None, want: str | None) -> bool:
    if not want:
        return True
    want_iso = find_date(want) or want
    if not got:
        return False
    if len(want) <= 7:  # "2018", "2003-5": only the year (and month) are known
        parts = [int(p) for p in re.findall(r"\d+", want)]
        return got.startswith(f"{parts[0]:04d}" + (f"-{parts[1]:02d}" if len(parts) > 1 else ""))
    if "T" in want_iso and "T" in got:
        return got[:16] == want_iso[:16]
    return got[:10] == want_iso[:10]


def author_ok(got: str | None, want: str | None) -> bool:
    if not want:
        return True
    if not got:
        return False
    norm = lambda s: sorted(n for n in re.split(r"[\s,，、]+", s) if n)  # noqa: E731
    return norm(got) == norm(want)


def realpage_cases():
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from extraction import pages

    truth = {json.loads(line)["id"]: json.loads(line) for line in
             (ROOT.parent / "shared" / "realpages" / "ground-truth.jsonl").open(encoding="utf-8")}
    for page_id, url, html in pages():
        t = truth[page_id]
        if t["lang"] == "zh":
            yield page_id, url, html, t.get("date"), t.get("author")


def labelled_cases():
    for line in CASES.open(encoding="utf-8"):
        case = json.loads(line)
        yield case["id"], case["url"], case["html"], case.get("published"), case.get("author")


def run(name: str, cases, misses: bool) -> None:
    dates = authors = n_dates = n_authors = 0
    for case_id, url, html, want_date, want_author in cases:
        article = extract(html, url, fetched_at=FETCHED_AT, require_article=False)
        got_date = article.published if article else None
        got_author = article.author if article else None
        if want_date:
            n_dates += 1
            ok = date_ok(got_date, want_date)
            dates += ok
            if misses and not ok:
                print(f"  {name} date   {case_id[:12]}: want {want_date!r} got {got_date!r}")
        if want_author:
            n_authors += 1
            ok = author_ok(got_author, want_author)
            authors += ok
            if misses and not ok:
                print(f"  {name} author {case_id[:12]}: want {want_author!r} got {got_author!r}")
    print(f"{name}: published date {dates}/{n_dates} = {dates / max(n_dates, 1):.1%}, "
          f"author {authors}/{n_authors} = {authors / max(n_authors, 1):.1%}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    if CASES.exists():
        run("labelled cases", labelled_cases(), args.misses)
    run("realpages zh", realpage_cases(), args.misses)


if __name__ == "__main__":
    main()
