"""Stories: the fixture site's three editions of the Meta story are one story, figures counted once."""

from __future__ import annotations

import sqlite3

from pipeline import store
from pipeline.discover import alternates
from pipeline.models import Article
from pipeline.page import figures_of
from pipeline.stories import title_similarity


def rows(db, sql, *params):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def test_alternates_keep_editions_and_drop_home_and_listing_pages():
    html = """<html><head>
    <link rel="alternate" hreflang="zh-Hans" href="https://8v.demo/zh/2026/01/29/meta/">
    <link rel="alternate" hreflang="zh-Hant" href="/zh-tw/2026/01/29/meta/">
    <link rel="alternate" hreflang="en" href="https://8v.demo/en/">
    <link rel="alternate" hreflang="x-default" href="https://8v.demo/">
    <link rel="alternate" hreflang="ja" href="https://8v.demo/ja/category/news/">
    <link rel="alternate" type="application/rss+xml" hreflang="en" href="https://8v.demo/feed/">
    <link rel="stylesheet" hreflang="en" href="https://8v.demo/x.css">
    </head><body></body></html>"""
    found = alternates(html, "https://8v.demo/zh/2026/01/29/meta/")
    assert found == [("zh-Hant", "https://8v.demo/zh-tw/2026/01/29/meta/")]  # itself, homes, listings, feeds out


def test_editions_linked_by_hreflang_share_a_story_and_the_unrelated_one_does_not(site_db):
    articles = {r["url"].split("/", 3)[3]: r for r in rows(site_db, "SELECT url, story_id, lang FROM articles")}
    meta = [articles["zh/2026/01/29/meta-ai-capex-1350/"], articles["zh-tw/2026/01/29/meta-bets-big-on-ai/"],
            articles["en/2026/01/29/meta-bets-135-billion-on-ai/"]]
    assert len({a["story_id"] for a in meta}) == 1 and {a["lang"] for a in meta} == {"zh-Hans", "zh-Hant", "en"}
    whale = articles["zh/2026/01/26/whale-withdraws-eth-borrows-usdt/"]  # its hreflang names only home pages
    others = [a for url, a in articles.items() if a not in meta]
    assert whale in others and len({a["story_id"] for a in others}) == len(others)
    assert meta[0]["story_id"] not in {a["story_id"] for a in others}
    assert rows(site_db, "SELECT COUNT(*) AS n FROM article_alternates x JOIN articles a ON a.id = x.article_id"
                         " WHERE a.url LIKE '%whale%'")[0]["n"] == 0


def test_story_figures_counts_the_shared_figure_once(site_db):
    story = rows(site_db, "SELECT story_id FROM articles WHERE url LIKE '%meta-ai-capex-1350/'")[0]["story_id"]
    capex = rows(site_db, "SELECT * FROM story_figures WHERE story_id = ? AND metric = 'capex'"
                          " AND value = 135000000000", story)
    assert len(capex) == 1 and capex[0]["articles"] == 3
    assert set(capex[0]["langs"].split(",")) == {"zh-Hans", "zh-Hant", "en"}
    assert capex[0]["mentions"] > 3  # the zh-Hans article alone repeats it
    in_context = rows(site_db, "SELECT DISTINCT story_id FROM figures_in_context WHERE text IN"
                               " ('1350 亿美元', '1350 億美元', '$135 billion') AND metric = 'capex'")
    assert [r["story_id"] for r in in_context] == [story]


def test_title_similarity_is_bigram_jaccard_across_scripts():
    assert title_similarity("Meta 豪赌 AI：砸钱 1350 亿美元", "Meta 豪賭 AI：砸錢 1350 億美元") == 1.0
    assert title_similarity("Meta 豪赌 AI：砸钱 1350 亿美元", "特斯拉盘后股价上涨 3%") == 0.0
    assert 0.5 <= title_similarity("Bitcoin ETF sees $500 million inflow",
                                   "Bitcoin ETFs see $500 million inflows") < 1.0


def _save(db, url: str, title: str, text: str, published: str) -> int:
    article = Article(url=url, title=title, text=text, published=published, lang="zh-Hans")
    with store.transaction(db):
        return store.save_article(db, article, figures_of(article), None, url.split("/")[2]).article_id


def test_the_same_story_on_two_sites_within_three_days_is_one_story(tmp_path):
    db = store.open_db(tmp_path / "news.db")
    text = "Strategy 本周再买入 2.2 万枚比特币，耗资约 21 亿美元，持仓增至 64 万枚，浮盈 12%。"
    first = _save(db, "https://a.example/n/1", "Strategy 再买入 2.2 万枚比特币，耗资 21 亿美元", text, "2026-01-20")
    second = _save(db, "https://b.example/p/9", "Strategy 再次买入 2.2 万枚比特币 耗资约 21 亿美元", text,
                   "2026-01-22T08:00:00+08:00")
    late = _save(db, "https://c.example/p/3", "Strategy 再买入 2.2 万枚比特币，耗资 21 亿美元", text, "2026-01-29")
    other = _save(db, "https://d.example/p/4", "以太坊基金会出售 ETH", text, "2026-01-21")
    story = {r[0]: r[1] for r in db.execute("SELECT id, story_id FROM articles")}
    assert story[first] == story[second] == first
    assert story[late] == late and story[other] == other  # too late; a different title


def test_a_cms_empty_date_is_no_publication_date_and_stores_the_article(tmp_path):
    # "0001-01-01T00:00:00" is what .NET CMSs write for "no date": it once stopped an ingest in
    # the story step (year 1 minus three days); the article must be stored, undated, alone.
    db = store.open_db(tmp_path / "news.db")
    text = "Strategy 本周再买入 2.2 万枚比特币，耗资约 21 亿美元，持仓增至 64 万枚，浮盈 12%。"
    undated = _save(db, "https://a.example/n/1", "Strategy 再买入 2.2 万枚比特币", text, "0001-01-01T00:00:00")
    dated = _save(db, "https://b.example/n/2", "Strategy 再买入 2.2 万枚比特币", text + "消息公布后股价上涨 3%。",
                  "2026-01-20")
    rows = {r[0]: r[1:] for r in db.execute("SELECT id, published_utc, story_id FROM articles")}
    assert rows[undated] == (None, undated)
    assert rows[dated] == ("2026-01-19T16:00:00Z", dated)


def test_an_old_files_year_one_published_utc_does_not_stop_the_story_step(tmp_path):
    db = store.open_db(tmp_path / "news.db")
    text = "Strategy 本周再买入 2.2 万枚比特币，耗资约 21 亿美元，持仓增至 64 万枚，浮盈 12%。"
    first = _save(db, "https://a.example/n/1", "Strategy 再买入 2.2 万枚比特币", text, "2026-01-20")
    db.execute("UPDATE articles SET published_utc = '0001-01-02T00:00:00Z' WHERE id = ?", [first])
    from pipeline.stories import linked_articles

    assert linked_articles(db, first) == set()  # year 1 minus three days: no window, no error


def test_reprocess_from_html_links_editions_of_rows_stored_before_stories(site_db, tmp_path):
    from pipeline.research import reprocess

    copy = tmp_path / "old.db"
    copy.write_bytes(site_db.read_bytes())
    with sqlite3.connect(copy) as conn:  # as a file from before migration 010 would be after it
        conn.execute("DELETE FROM article_alternates")
        conn.execute("UPDATE articles SET story_id = id")
    db = store.open_db(copy)
    assert len({r[0] for r in db.execute("SELECT story_id FROM articles WHERE url LIKE '%meta%'")}) == 3
    reprocess(db)
    assert len({r[0] for r in db.execute("SELECT story_id FROM articles WHERE url LIKE '%meta%'")}) == 1


def test_stories_of_a_batch_are_those_of_one_call_per_article_in_turn(tmp_path):
    # assign_stories finds the links of many articles at once and merges their stories in memory:
    # the file must end as one assign_story per article, in order, leaves it (merges that chain
    # through earlier calls, a story whose first article has left it, an edition and a copy).
    from pipeline.stories import assign_stories, assign_story

    path = tmp_path / "news.db"
    db = store.open_db(path)
    buy = "Strategy 本周再买入 2.2 万枚比特币，耗资约 21 亿美元，持仓增至 64 万枚，浮盈 12%。"
    sell = "以太坊基金会本周出售 1.2 万枚 ETH，约 4500 万美元，占其持仓 3%，价格下跌 5%。"
    ids = [_save(db, "https://a.example/n/1", "Strategy 再买入 2.2 万枚比特币，耗资 21 亿美元", buy, "2026-01-20"),
           _save(db, "https://d.example/p/4", "以太坊基金会出售 1.2 万枚 ETH", sell, "2026-01-21"),
           _save(db, "https://b.example/p/9", "Strategy 再次买入 2.2 万枚比特币 耗资约 21 亿美元", buy, "2026-01-21"),
           _save(db, "https://e.example/p/5", "以太坊基金会再出售 1.2 万枚 ETH", sell, "2026-01-22"),
           _save(db, "https://c.example/p/3", "Strategy 买入 2.2 万枚比特币，耗资 21 亿美元", buy, "2026-01-22")]
    with store.transaction(db):  # the ETH story names the first as its edition: the two stories become one
        db.execute("INSERT INTO article_alternates VALUES (?, 'en', 'https://a.example/n/1')", [ids[3]])
        db.execute("UPDATE articles SET story_id = NULL")
        db.execute("UPDATE articles SET story_id = 9999 WHERE id = ?", [ids[2]])  # its first article is gone
    db.conn.close()
    (tmp_path / "one.db").write_bytes(path.read_bytes())
    one = store.open_db(tmp_path / "one.db")
    with store.transaction(one):
        for article_id in ids:
            assign_story(one, article_id)
    batch = store.open_db(path)
    with store.transaction(batch):
        assign_stories(batch, ids)
    stories = [dict(db.execute("SELECT id, story_id FROM articles").fetchall()) for db in (one, batch)]
    assert stories[0] == stories[1]
    assert set(stories[1].values()) == {ids[0]}  # all five are one story now, through the edition
