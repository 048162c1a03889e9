"""Dates and authors on the labelled pages in tests/data/metadata_cases.jsonl (built by make_metadata_cases.py)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from pipeline.bylines import find_author, reporter
from pipeline.extract import extract
from pipeline.metadata import around_article, date_near_article, page_lines, read_page_meta

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "metadata_cases.jsonl").open(encoding="utf-8")]
FETCHED = datetime(2026, 1, 29, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labelled_case(case):
    article = extract(case["html"], case["url"], fetched_at=FETCHED, require_article=False)
    assert article is not None
    want = case["published"]
    assert article.published is not None and article.published.startswith(want[:10])
    if "T" in want:
        assert article.published[:16] == want[:16]
    assert article.author == case["author"]


def test_reporter_credits():
    assert reporter("本报记者 王五 北京报道") == "王五"
    assert reporter("新京报记者 彭冲 山东冠县报道") == "彭冲"
    assert reporter("記者陳小明／台北報導") == "陳小明"
    assert reporter("记者了解到，该项目已暂停") is None


def test_source_is_not_author_and_editor_is_last_resort():
    assert find_author("来源：金色财经\n比特币价格上涨。", "") is None
    assert find_author("比特币价格上涨。", "正文最后一段。\n（责任编辑：魏喆）") == "魏喆"
    assert find_author("作者：张三\n", "（责任编辑：魏喆）") == "张三"



def test_page_lines_keep_the_text_after_a_comment():
    tree = lxml.html.fromstring("<html><body><p>作者： 周明<br/><!--StartFragment -->2005年1月2日 <br/>正文</p>"
                                "<script>x<!-- y -->z</script></body></html>")
    assert page_lines(tree) == "作者： 周明\n2005年1月2日\n正文"


def test_printed_date_under_the_headline_not_under_its_first_mention():
    head = "站点 - 矿工收入的变化\n首页\n其他文章\n联系\n关于\n矿工收入的变化\n作者： 周明\n译： 陈斌\n2005年1月2日\n第一段"
    meta = read_page_meta(lxml.html.fromstring("<html><body><p>x</p></body></html>"), "http://example.cn/a", FETCHED)
    assert date_near_article(meta, head, "矿工收入的变化") == "2005-01-02"


def test_article_found_in_the_page_despite_table_bars_and_a_stray_last_line():
    page = ("首页\n连载：乔冠华才情人生 作者：罗银胜\n投身外交(3)\n对外宣传，也是乔冠华开国之初外交生涯的组成部分。\n"
            "开学报到前完成第一次常态化核酸检测工作。\n□ 本报记者 葛灵丹\n相关新闻\n网友评论\n关注")
    article = ("| 投身外交(3) |\n| 对外宣传，也是乔冠华开国之初外交生涯的组成部分。 |\n"
               "开学报到前完成第一次常态化核酸检测工作。\n□ 本报记者 葛灵丹\n- 关注")
    head, tail = around_article(page, article)
    assert "作者：罗银胜\n投身外交(3)" in head
    assert "本报记者 葛灵丹\n相关新闻" in tail
    assert find_author(head, "") == "罗银胜" and find_author("", tail) == "葛灵丹"
