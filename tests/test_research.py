"""The research database: search in Chinese and English, views, docs inside the file, reprocess, export, Datasette."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipeline import store
from pipeline.errors import ConfigError
from pipeline.models import Article
from pipeline.research import datasette_metadata, export, reprocess, search
from tests.conftest import ROOT, run_cli


@pytest.fixture()
def demo_db(site_db: Path) -> Path:
    """The fixture site crawled once per session (conftest.site_db); read-only here."""
    return site_db


def test_search_finds_chinese_and_english_words(demo_db):
    db = store.open_db(demo_db)
    # the Meta story has zh-Hans and zh-Hant editions: either may rank first ("Meta 豪赌", "Meta 豪賭")
    for query, title_part in [("资本支出", "Meta 豪"), ("capex", "Meta 豪"), ("穩定幣", "香港首批"),
                              ("buyback", "Kestrel"), ("美元", None), ("资本支出 Meta", "Meta 豪")]:
        hits = search(db, query)
        assert hits, query
        if title_part:
            assert title_part in hits[0].title
        assert all("[" in h.snippet for h in hits)
    assert search(db, "no-such-word-anywhere") == []


def test_search_ranks_the_article_about_the_term_first(tmp_path):
    db = store.open_db(tmp_path / "rank.db")
    filler = "市场今日整体平稳，交易量与上周相近。" * 30
    texts = {"passing": filler + "另外，该公司也提到了资本支出。",
             "about": "资本支出大幅上调。公司表示资本支出将用于数据中心，资本支出全年预计翻倍。" + filler,
             "unrelated": filler}
    with store.transaction(db):
        store.save_articles(db, [(Article(url=f"https://x.example/{k}", title=k, text=t), (), None, "x.example")
                                 for k, t in texts.items()])
    assert [h.title for h in search(db, "资本支出")] == ["about", "passing"]


def test_search_filters_by_language_date_and_site(demo_db):
    db = store.open_db(demo_db)
    langs = lambda hits: sorted(h.lang for h in hits)  # noqa: E731
    assert langs(search(db, "USDT")) == ["zh-Hans", "zh-Hant"]
    assert langs(search(db, "USDT", lang="zh-Hant")) == ["zh-Hant"]
    assert langs(search(db, "USDT", lang="zh")) == ["zh-Hans", "zh-Hant"]
    assert [h.published[:10] for h in search(db, "USDT", since="2026-01-27", until="2026-01-29")] == ["2026-01-28"]
    assert langs(search(db, "美元", lang="zh-Hans")) == ["zh-Hans", "zh-Hans"]  # the LIKE path filters too
    site = db.execute("SELECT site FROM articles LIMIT 1").fetchone()[0]
    assert len(search(db, "USDT", site=site)) == 2 and search(db, "USDT", site="other.example") == []
    result = run_cli("search", "USDT", "--lang", "zh-Hant", "--db", str(demo_db))
    assert result.returncode == 0 and result.stdout.count("\n    http") == 1


def test_search_takes_hostile_queries_literally(tmp_path):
    db = store.open_db(tmp_path / "q.db")
    with store.transaction(db):
        store.save_articles(db, [(Article(url=f"https://x.example/{k}", title=k, text=t), (), None, "x.example")
                                 for k, t in {"pct": "利率下调 5% 至 -0.5%。", "plain": "利率下调 5 个基点。",
                                              "under": "a_b token"}.items()])
    assert [h.title for h in search(db, "5%")] == ["pct"]  # % is a character here, not a wildcard
    assert [h.title for h in search(db, "a_")] == ["under"] and [h.title for h in search(db, "%")] == ["pct"]
    assert [h.title for h in search(db, "-0.5%")] == ["pct"]
    with pytest.raises(ConfigError, match="at most 64"):
        search(db, " ".join(f"w{i}" for i in range(3400)))
    assert search(db, " ".join(["5%"] * 3400)) != []  # repeated words count once
    result = run_cli("search", "-0.5%", "--db", str(tmp_path / "q.db"))
    assert result.returncode == 0 and "x.example/pct" in result.stdout and "[-0.5" in result.stdout
    result = run_cli("search", *[f"w{i}" for i in range(3400)], "--db", str(tmp_path / "q.db"))
    assert result.returncode == 78 and "at most 64" in result.stderr and "Traceback" not in result.stderr


def test_search_cli_and_plain_sql(demo_db):
    result = run_cli("search", "巨鲸", "--db", str(demo_db))  # two characters: the LIKE path
    assert result.returncode == 0 and "某巨鲸提取 1.2 万枚 ETH" in result.stdout and "[巨鲸]" in result.stdout
    result = run_cli("search", "资本支出", "--limit", "1", "--db", str(demo_db))  # the trigram index
    assert result.stdout.startswith("2026-01-29") and "Meta 豪赌 AI" in result.stdout and "[资本支出]" in result.stdout
    result = run_cli("search", "no-such-word-anywhere", "--db", str(demo_db))
    assert result.returncode == 0 and result.stdout.strip() == "no match"
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute("SELECT a.title FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                            " WHERE articles_fts MATCH '资本支出' ORDER BY rank").fetchall()
    assert rows and rows[0][0].startswith("Meta")


def test_views_and_column_docs(demo_db):
    with sqlite3.connect(demo_db) as conn:
        row = conn.execute("SELECT title, url, site, published, lang, sentence, currency, value FROM figures_in_context"
                           " WHERE text = '1350 亿美元' LIMIT 1").fetchone()
        assert row[0].startswith("Meta") and row[3] == "2026-01-29" and row[6] == "USD" and row[7] == 135000000000
        daily = conn.execute("SELECT figures FROM daily_figures WHERE day = '2026-01-29' AND currency = 'USD'"
                             " AND kind = 'money'").fetchall()
        assert sum(r[0] for r in daily) >= 10
        docs = dict(conn.execute("SELECT column_name, description FROM columns_doc WHERE table_name = 'figures'"))
        assert "articles.text[span_start:span_end]" in docs["text"] and docs[""]
        for table in ("articles", "pages", "figures", "raw_html", "runs", "frontier", "article_versions"):
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            documented = {r[0] for r in conn.execute("SELECT column_name FROM columns_doc WHERE table_name = ?",
                                                     [table])} - {""}
            assert cols == documented, table


def test_reprocess_restores_text_and_replaces_figures_without_orphans(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    with sqlite3.connect(copy) as conn:  # pretend an older extractor stored a shorter text and no figures
        conn.execute("UPDATE articles SET text = substr(text, 1, 50), text_hash = 'old', extractor_version = 'old'"
                     " WHERE url LIKE '%meta-ai-capex%'")
        conn.execute("DELETE FROM figures WHERE article_id = (SELECT id FROM articles WHERE url LIKE '%meta-ai%')")
    db = store.open_db(copy)
    report = reprocess(db, batch_size=2)
    assert report.articles == 6 and report.text_changed == 1 and report.failed == 0
    assert report.figures_after > report.figures_before
    assert db.execute("SELECT COUNT(*) FROM figures WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '砸出去的钱'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(DISTINCT extractor_version) FROM articles").fetchone()[0] == 1


def test_reprocess_figures_only_needs_no_html_and_takes_only_stale_rows(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    with sqlite3.connect(copy) as conn:
        expected = conn.execute("SELECT f.text, f.value, f.metric FROM figures f JOIN articles a ON a.id = f.article_id"
                                " WHERE a.url LIKE '%meta-ai-capex%' ORDER BY f.span_start").fetchall()
        conn.execute("DELETE FROM figures WHERE article_id = (SELECT id FROM articles WHERE url LIKE '%meta-ai%')")
        conn.execute("UPDATE articles SET figures_version = 'figures 0.0.1' WHERE url LIKE '%meta-ai-capex%'")
        conn.execute("UPDATE pages SET content_hash = NULL")  # no raw HTML left at all
        conn.execute("DELETE FROM raw_html")
    db = store.open_db(copy)
    assert reprocess(db).failed == 6  # re-extraction needs the HTML ...
    report = reprocess(db, only_outdated=True, figures_only=True)  # ... the figure step does not
    assert report.articles == 1 and report.figures_before == 0 and report.figures_after == len(expected) > 20
    assert db.execute("SELECT f.text, f.value, f.metric FROM figures f JOIN articles a ON a.id = f.article_id"
                      " WHERE a.url LIKE '%meta-ai-capex%' ORDER BY f.span_start").fetchall() == expected
    assert reprocess(db, only_outdated=True, figures_only=True).articles == 0  # nothing stale any more
    result = run_cli("reprocess", "--figures-only", "--db", str(copy))
    assert result.returncode == 0 and "articles reprocessed: 6" in result.stdout
    assert run_cli("reprocess", "--batch-size", "0", "--db", str(copy)).returncode == 2  # a usage error


def test_reprocess_figures_only_keeps_going_past_a_text_the_rules_fail_on(demo_db, tmp_path, monkeypatch):
    reprocess_module = importlib.import_module("pipeline.research.reprocess")  # the package's name is the function

    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    db = store.open_db(copy)
    real = reprocess_module.extract_figures
    kept = db.execute("SELECT COUNT(*) FROM figures f JOIN articles a ON a.id = f.article_id"
                      " WHERE a.url LIKE '%meta-ai-capex%'").fetchone()[0]

    def failing_on_one(text: str, **kwargs):  # a rule's bug, as one once crashed on one clause
        if "Meta" in text and "资本支出" in text:
            raise IndexError("list index out of range")
        return real(text, **kwargs)

    monkeypatch.setattr(reprocess_module, "extract_figures", failing_on_one)
    report = reprocess(db, figures_only=True)
    assert report.articles == 6 and report.failed == 1
    assert db.execute("SELECT COUNT(*) FROM figures f JOIN articles a ON a.id = f.article_id"
                      " WHERE a.url LIKE '%meta-ai-capex%'").fetchone()[0] == kept > 0


def test_export_csv_and_jsonl(demo_db, tmp_path):
    db = store.open_db(demo_db)
    buffer = io.StringIO()
    n = export(db, "figures_in_context", "csv", buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert n == len(rows) > 50 and {"title", "sentence", "value", "currency"} <= set(rows[0])
    out = tmp_path / "articles.jsonl"
    result = run_cli("export", "--db", str(demo_db), "--table", "articles", "--format", "jsonl", "--output", str(out))
    assert result.returncode == 0
    assert len([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == 6
    bad = run_cli("export", "--db", str(demo_db), "--table", "sqlite_master")
    assert bad.returncode == 78 and "cannot export" in bad.stderr


def test_stats_command(demo_db):
    result = run_cli("stats", "--db", str(demo_db))
    assert result.returncode == 0
    assert "articles: 6" in result.stdout and "zh-Hant" in result.stdout and "USD" in result.stdout


def test_committed_datasette_metadata_is_current():
    committed = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(datasette_metadata(), ensure_ascii=False))


def test_datasette_serves_a_canned_query(demo_db, tmp_path):
    pytest.importorskip("datasette")
    metadata = tmp_path / "metadata.json"
    metadata.write_text(run_cli("datasette-metadata", "--db", str(demo_db)).stdout, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "datasette", str(demo_db), "-m", str(metadata),
                             "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/{demo_db.stem}/usd_capex_by_company.json?_shape=array"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(url, timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert response.status_code == 200
        rows = response.json()
        assert rows and rows[0]["value"] == 135000000000
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_sql_example_in_the_readme_runs(demo_db):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"\n\n((?:    (?:SELECT|WITH) .*\n)(?:    .*\n)*)", readme)
    assert len(examples) >= 6
    with sqlite3.connect(demo_db) as conn:
        found = [sql for sql in examples if conn.execute(sql).fetchall()]  # each must run
    # all find rows on the demo site but the weekly bitcoin one: the demo has no bitcoin percentages
    assert [sql for sql in examples if sql not in found and "Bitcoin" not in sql] == []
