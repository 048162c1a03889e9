"""Which full-text index finds Chinese words: FTS5 trigram vs FTS5 over jieba-segmented text.

Indexes the Chinese ground-truth texts of ../shared/realpages and the fixture articles both
ways, asks for 200 words drawn from the texts (two to four characters, as researchers type
them), and compares each index's hits with the exact answer (substring match). Prints
recall and precision, index time and size, and the mean query time.

    .venv/bin/python bench/search.py
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import time
from pathlib import Path

from pipeline.figures._seg import word_tokenizer

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in (ROOT / "fixtures" / "articles").glob("*.txt")]
    truth = ROOT.parent / "shared" / "realpages" / "ground-truth.jsonl"
    out += [json.loads(line)["articleBody"] for line in truth.open(encoding="utf-8") if '"lang": "zh"' in line]
    return out


def segmented(text: str) -> str:
    return " ".join(w for w in word_tokenizer().cut_for_search(text, HMM=False) if w.strip())


def main() -> None:
    docs = texts()
    rng = random.Random(3)
    words = sorted({w for d in docs for w in word_tokenizer().cut(d, HMM=False)
                    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w)})
    queries = rng.sample(words, 200)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE tri USING fts5(text, tokenize='trigram')")
    conn.execute("CREATE VIRTUAL TABLE seg USING fts5(text)")
    conn.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO plain (id, text) VALUES (?, ?)", enumerate(docs))
    started = time.perf_counter()
    conn.executemany("INSERT INTO tri (rowid, text) VALUES (?, ?)", enumerate(docs))
    tri_time = time.perf_counter() - started
    started = time.perf_counter()
    conn.executemany("INSERT INTO seg (rowid, text) VALUES (?, ?)", ((i, segmented(d)) for i, d in enumerate(docs)))
    seg_time = time.perf_counter() - started
    scores = {"trigram (LIKE under 3 chars)": [0, 0, 0, 0.0], "jieba-segmented": [0, 0, 0, 0.0]}
    for q in queries:
        exact = {i for i, d in enumerate(docs) if q in d}
        started = time.perf_counter()
        if len(q) >= 3:
            tri = {r[0] for r in conn.execute("SELECT rowid FROM tri WHERE tri MATCH ?", [f'"{q}"'])}
        else:
            # (a LIKE on the trigram table itself matches nothing under 3 characters: use the table)
            tri = {r[0] for r in conn.execute("SELECT id FROM plain WHERE text LIKE ?", [f"%{q}%"])}
        scores["trigram (LIKE under 3 chars)"][3] += time.perf_counter() - started
        started = time.perf_counter()
        seg = {r[0] for r in conn.execute("SELECT rowid FROM seg WHERE seg MATCH ?", [f'"{segmented(q)}"'])}
        scores["jieba-segmented"][3] += time.perf_counter() - started
        for name, got in (("trigram (LIKE under 3 chars)", tri), ("jieba-segmented", seg)):
            scores[name][0] += len(got & exact)
            scores[name][1] += len(got)
            scores[name][2] += len(exact)
    print(f"{len(docs)} documents, {sum(map(len, docs)):,} characters, {len(queries)} two-to-four-character queries")
    print(f"index time: trigram {tri_time * 1000:.0f} ms, jieba-segmented {seg_time * 1000:.0f} ms (segmenting included)")
    for name, (tp, got, exact, secs) in scores.items():
        print(f"{name:<30} recall {tp / exact:.1%}  precision {tp / max(got, 1):.1%}  "
              f"mean query {secs / len(queries) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
