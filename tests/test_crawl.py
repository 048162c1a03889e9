"""End to end: the real CLI crawls the fixture site on 127.0.0.1 into a real SQLite file."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import run_cli

SEED = "zh/2026/01/29/meta-ai-capex-1350/"


@pytest.fixture(scope="module")
def crawled(site_url, tmp_path_factory):
    db = tmp_path_factory.mktemp("crawl") / "news.db"
    result = run_cli("crawl", site_url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db, result, site_url


def rows(db, sql, *params):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def test_stores_the_six_articles_and_no_listing_or_static_pages(crawled):
    db, result, site = crawled
    urls = sorted(r["url"] for r in rows(db, "SELECT url FROM articles"))
    assert urls == sorted(site + p for p in [
        "en/2026/01/27/kestrel-markets-q3-results/", "zh-tw/2026/01/28/hk-stablecoin-licences/",
        "zh/2026/01/26/whale-withdraws-eth-borrows-usdt/", SEED,
        "zh-tw/2026/01/29/meta-bets-big-on-ai/", "en/2026/01/29/meta-bets-135-billion-on-ai/"])
    assert "articles: 6 new" in result.stdout


def test_seed_article_metadata(crawled):
    db, _, site = crawled
    (a,) = rows(db, "SELECT * FROM articles WHERE url = ?", site + SEED)
    assert a["title"] == "Meta 豪赌 AI:砸钱 1350 亿美元,2026 的扎克伯格,值得相信么?"
    assert a["published"] == "2026-01-29"
    assert a["author"] == "Frank, 麦通 MSX"
    assert a["lang"] == "zh-Hans"
    assert json.loads(a["categories"]) == ["其他", "头条新闻", "突发新闻"]
    assert a["extractor_version"].startswith("pipeline ")


def test_seed_text_keeps_body_and_drops_chrome(crawled):
    db, _, site = crawled
    (a,) = rows(db, "SELECT text FROM articles WHERE url = ?", site + SEED)
    text = a["text"]
    for body in ["1350 亿美元,这是 Meta()在 2026 年计划要砸出去的钱。",
                 "营收 598.93 亿美元,同比增长 24%",
                 "平均每用户收入(ARPU)为 16.73 美元,同比增长 16%",
                 "至于 1350 亿美元,究竟是一次历史级的战略抢跑"]:
        assert body in text
    for chrome in ["RelatedPosts", "Bitget TradFi 功能升级", "链捕手ChainCatcher提醒", "不构成任何形式投资建议",
                   "好友推荐计画", "View All Result", "© 2025 8V.com", "Previous Post", "Related Posts",
                   "Please login to join discussion", "Reading Time", "深入分析 稳定币脱钩"]:
        assert chrome not in text, chrome


def test_figures_stored_with_offsets_into_the_text(crawled):
    db, _, site = crawled
    figs = rows(db, "SELECT f.*, a.text AS article_text FROM figures f JOIN articles a ON a.id = f.article_id"
                    " WHERE a.url = ?", site + SEED)
    capex = [f for f in figs if f["text"] == "1350 亿美元"]
    assert capex and all(f["value"] == 135000000000 and f["currency"] == "USD" for f in capex)
    for f in figs:
        assert f["article_text"][f["span_start"]:f["span_end"]] == f["text"]
        sentence = f["article_text"][f["sentence_start"]:f["sentence_end"]]
        assert f["text"] in sentence and sentence == sentence.strip()
    ranges = {f["text"]: (f["low"], f["high"]) for f in figs if f["value"] is None}
    assert ranges["535–565 亿美元"] == (53500000000, 56500000000)
    assert ranges["26%–34%"] == (26, 34)


def test_other_languages_and_charsets(crawled):
    db, _, site = crawled
    by_url = {r["url"]: r for r in rows(db, "SELECT * FROM articles")}
    hant = by_url[site + "zh-tw/2026/01/28/hk-stablecoin-licences/"]
    assert hant["lang"] == "zh-Hant" and hant["author"] == "陳思妤" and hant["published"].startswith("2026-01-28")
    assert "免責聲明" not in hant["text"]
    assert "\n- 台灣：專法草案預計明年第二季提出；\n- 新加坡：" in hant["text"]  # one list item per line
    en = by_url[site + "en/2026/01/27/kestrel-markets-q3-results/"]
    assert en["lang"] == "en" and en["author"] == "Dana Whitfield, Marco Ruiz"
    assert "Disclaimer" not in en["text"]
    gbk = by_url[site + "zh/2026/01/26/whale-withdraws-eth-borrows-usdt/"]
    assert "某巨鲸地址过去 24 小时内从币安提取 1.2 万枚 ETH" in gbk["text"]
    assert gbk["text"].count("某巨鲸地址") == 1
    (page,) = rows(db, "SELECT encoding FROM pages WHERE url = ?", gbk["url"])
    assert page["encoding"] == "gb18030"
    hkd = rows(db, "SELECT * FROM figures f JOIN articles a ON a.id = f.article_id"
                   " WHERE a.url = ? AND f.text = '48 億港元'", hant["url"])
    assert hkd and hkd[0]["currency"] == "HKD" and hkd[0]["value"] == 4800000000


def test_robots_disallowed_page_is_not_fetched(crawled):
    db, _, site = crawled
    assert not rows(db, "SELECT 1 FROM pages WHERE url LIKE ?", "%/private/%")
    (f,) = rows(db, "SELECT state, reason FROM frontier WHERE url = ?", site + "private/draft/")
    assert f["state"] == "skipped" and "robots" in f["reason"]


def test_pages_keep_raw_html_and_the_run_is_recorded(crawled):
    db, _, site = crawled
    import zlib
    (p,) = rows(db, "SELECT p.*, r.html_zlib FROM pages p JOIN raw_html r USING (content_hash) WHERE p.url = ?",
                site + SEED)
    assert p["status"] == 200 and p["content_type"].startswith("text/html")
    assert "链捕手ChainCatcher提醒" in zlib.decompress(p["html_zlib"]).decode("utf-8")
    (run,) = rows(db, "SELECT * FROM runs")
    assert run["status"] == "ok" and run["exit_code"] == 0 and run["articles_new"] == 6
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rerun_continues_without_duplicates(site_url, tmp_path):
    db = tmp_path / "news.db"
    first = run_cli("crawl", site_url, "--db", str(db), "--max-pages", "5")
    assert first.returncode == 0, first.stderr
    assert "still queued" in first.stdout
    second = run_cli("crawl", site_url, "--db", str(db))
    assert second.returncode == 0, second.stderr
    third = run_cli("crawl", site_url, "--db", str(db))
    assert third.returncode == 0
    assert rows(db, "SELECT COUNT(*) AS n FROM articles")[0]["n"] == 6
    assert rows(db, "SELECT COUNT(*) AS n, COUNT(DISTINCT url) AS d FROM articles")[0] == {"n": 6, "d": 6}
    per_article = rows(db, "SELECT article_id, COUNT(*) AS n FROM figures GROUP BY article_id")
    assert len(per_article) == 6
    assert len(rows(db, "SELECT * FROM runs")) == 3


def test_demo_command_prints_summary_and_query(tmp_path):
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "articles: 6 new" in result.stdout
    assert "figures found:" in result.stdout and "time taken:" in result.stdout
    assert str(db.resolve()) in result.stdout
    assert "sqlite3" in result.stdout and "SELECT" in result.stdout
    assert result.stderr == ""
