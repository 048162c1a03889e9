"""search finds a Chinese word in either script (OpenCC), with a snippet long enough to read."""

from __future__ import annotations

from pipeline import store
from pipeline.models import Article
from pipeline.research import search
from pipeline.research.search import SNIPPET_CHARS, script_variants


def _db(tmp_path):
    db = store.open_db(tmp_path / "news.db")
    texts = [("https://a.example/hant", "香港穩定幣牌照", "zh-Hant",
              "香港金管局週二公佈首批牌照名單，兩家機構獲准發行與港元掛鉤的穩定幣，儲備規模約 48 億港元，市場反應熱烈。"),
             ("https://a.example/hans", "稳定币新规", "zh-Hans",
              "美国参议院周三通过稳定币法案，要求发行方以现金和短期国债作为储备，并接受联邦监管，业界普遍表示欢迎。"),
             ("https://a.example/en", "ETF flows", "en", "Bitcoin ETFs took in $500 million on Tuesday.")]
    with store.transaction(db):
        for url, title, lang, text in texts:
            store.save_article(db, Article(url=url, title=title, text=text, lang=lang, published="2026-01-20"),
                               (), None, "a.example")
    return db


def test_a_simplified_query_finds_traditional_text_and_back(tmp_path):
    db = _db(tmp_path)
    assert {h.url.rsplit("/", 1)[1] for h in search(db, "稳定币")} == {"hant", "hans"}
    assert {h.url.rsplit("/", 1)[1] for h in search(db, "穩定幣")} == {"hant", "hans"}
    assert {h.url.rsplit("/", 1)[1] for h in search(db, "港元")} == {"hant"}  # a short term (LIKE) too
    assert {h.url.rsplit("/", 1)[1] for h in search(db, "債")} == {"hans"}  # 債 finds 国债
    assert [h.url.rsplit("/", 1)[1] for h in search(db, "国债")] == ["hans"]
    assert script_variants("capex") == ["capex"]


def test_snippets_show_about_forty_characters_around_the_hit(tmp_path):
    db = _db(tmp_path)
    for query in ("穩定幣", "港元"):
        hit = next(h for h in search(db, query) if h.url.endswith("hant"))
        context = hit.snippet.replace("…", "").replace("[", "").replace("]", "")
        assert "[穩定幣]" in hit.snippet or "[港元]" in hit.snippet
        assert SNIPPET_CHARS - 12 <= len(context) - len(query) <= SNIPPET_CHARS + 8, hit.snippet
