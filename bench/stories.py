"""How the near-duplicate title rule (stories.py: character-bigram Jaccard >= TITLE_SIMILARITY)
behaves on real headlines, beside what it is meant to catch.

../shared holds no labelled syndication pairs, so two real measures stand in:
- unrelated pairs: every pair of titles of different pages of ../shared/realpages and
  ../shared/wcxb-dev (different stories, nearly all): how many reach the threshold, i.e.
  how often the title test alone would join two stories (the rule also needs two shared
  figures and three days, so this bounds its false joins from above);
- one headline written twice: a page's <title> against its og:title and its first <h1>, the
  rewrites a site makes of its own headline (a site suffix, a shorter or longer form): how
  many of them reach the threshold, a stand-in for a syndicating site's rewrite.

    .venv/bin/python bench/stories.py
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.decode import decode_html  # noqa: E402
from pipeline.stories import TITLE_SIMILARITY, title_bigrams  # noqa: E402

SHARED = ROOT.parent / "shared"


def pages() -> list[bytes]:
    out = []
    with open(SHARED / "realpages" / "manifest.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            data = (SHARED / "realpages" / row["file"]).read_bytes()
            out.append(gzip.decompress(data) if row["file"].endswith(".gz") else data)
    for path in sorted((SHARED / "wcxb-dev" / "html").glob("*.html.gz")):
        out.append(gzip.decompress(path.read_bytes()))
    return out


def headlines(body: bytes) -> tuple[str, str, str]:
    """(<title>, og:title, first <h1>) of a page, '' where it has none."""
    tree = HTMLParser(decode_html(body, None)[0])
    title = tree.css_first("title")
    og = tree.css_first('meta[property="og:title"]')
    h1 = tree.css_first("h1")
    return (title.text(strip=True) if title else "", (og.attributes.get("content") or "").strip() if og else "",
            h1.text(strip=True) if h1 else "")


def jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def main() -> None:
    heads = [headlines(body) for body in pages()]
    titles = [title_bigrams(t or o or h) for t, o, h in heads]
    titles = [t for t in titles if len(t) >= 4]
    buckets: Counter = Counter()
    above = 0
    pairs = 0
    for i in range(len(titles)):
        a = titles[i]
        for j in range(i + 1, len(titles)):
            s = jaccard(a, titles[j])
            pairs += 1
            buckets[min(9, int(s * 10))] += 1
            above += s >= TITLE_SIMILARITY
    print(f"unrelated titles: {len(titles):,} pages, {pairs:,} pairs")
    print(f"  pairs at or above {TITLE_SIMILARITY}: {above:,} ({above / pairs:.4%})")
    print("  similarity:  " + "  ".join(f"{k / 10:.1f}+ {buckets[k]:,}" for k in range(10)))
    rewrites = []
    clean = []  # og:title against h1: two headline fields, neither with the <title>'s site suffix
    for t, o, h in heads:
        for other in (o, h):
            if t and other and t != other:
                rewrites.append(jaccard(title_bigrams(t), title_bigrams(other)))
        if o and h and o != h:
            clean.append(jaccard(title_bigrams(o), title_bigrams(h)))
    kept = sum(s >= TITLE_SIMILARITY for s in rewrites)
    rewrites.sort()
    median = rewrites[len(rewrites) // 2] if rewrites else 0
    print(f"one headline written twice (<title> vs og:title or h1, where they differ): {len(rewrites):,} pairs")
    print(f"  at or above {TITLE_SIMILARITY}: {kept:,} ({kept / max(1, len(rewrites)):.1%}); median {median:.2f}")
    print(f"og:title vs h1 where they differ: {len(clean):,} pairs, at or above {TITLE_SIMILARITY}: "
          f"{sum(s >= TITLE_SIMILARITY for s in clean) / max(1, len(clean)):.1%}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        fp = sum(v for k, v in buckets.items() if k >= round(threshold * 10)) / pairs  # 0.1-wide buckets
        tp = sum(s >= threshold for s in rewrites) / max(1, len(rewrites))
        og_h1 = sum(s >= threshold for s in clean) / max(1, len(clean))
        print(f"  threshold {threshold:.1f}: rewrites kept {tp:.1%} (og:title vs h1 {og_h1:.1%}),"
              f" unrelated pairs joined {fp:.4%}")


if __name__ == "__main__":
    main()
