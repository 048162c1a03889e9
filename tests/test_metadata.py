"""Dates and authors on the labelled pages in tests/data/metadata_cases.jsonl (built by make_metadata_cases.py)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from pipeline.bylines import find_author, reporter
from pipeline.extract import extract
from pipeline.metadata import PageMeta, around_article, date_near_article, page_lines, read_page_meta

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
    assert reporter("本报讯 （实习记者 樊亮 张明超 记者惠禾）13岁") == "樊亮, 张明超, 惠禾"  # each name's own credit word


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


@pytest.mark.parametrize("line, names", [
    ("By Sofia Gonzalez", "Sofia Gonzalez"),
    ("Written by John Crenshaw", "John Crenshaw"),
    ("By Ann Lee | Senior Writer | July 2, 2025", "Ann Lee"),
    ("By Ann Lee, July 2, 2025", "Ann Lee"),
    ("By Matthew Richardson ⋅ Review Editor", "Matthew Richardson"),
    ("By Dana Whitfield and Marco Ruiz", "Dana Whitfield, Marco Ruiz"),
    ("by the way, this is a sentence", None),
    ("Reporting by Jane Doe in London; Editing by John Roe", "Jane Doe"),  # a wire story's credits
    ("Reporting by Jane Doe and Tom Lee in New York; Additional reporting by Sam Poe; Editing by John Roe",
     "Jane Doe, Tom Lee"),
    ("Reporting by Jane Doe in London and Tom Lee in Paris; Editing by John Roe", "Jane Doe, Tom Lee"),
    ("By Jane Doe in Washington", "Jane Doe"),
    ("By Friday in New York, the index had recovered most of its losses.", None),  # a sentence, not a byline
    ("By Marco and Luca", "Marco, Luca"),  # names that begin like a month
])
def test_english_byline_lines(line, names):
    from pipeline.bylines import parse_byline

    assert parse_byline(line) == names


def test_byline_label_on_its_own_line():
    from pipeline.bylines import first_byline

    assert first_byline("Last updated\nAug 04, 2025\nWritten by\nEdzel Tabing\nShare") == "Edzel Tabing"


def _tree(head: str, body: str):
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_json_ld_people_before_organisations_and_markup_authors():
    from pipeline.bylines import choose_author

    head = ('<meta property="og:site_name" content="Daily Ledger"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "author": [{"@type": "Organization", "name": "Daily Ledger"},'
            ' {"@type": "Person", "name": "Ann Lee"}]}</script>')
    meta = read_page_meta(_tree(head, "<h1>Headline</h1><p>x</p>"), "https://x.example/a", FETCHED)
    assert meta.ld_author == "Ann Lee" and meta.ld_org == "Daily Ledger"
    assert choose_author(["Daily Ledger", "Staff", "Ann Lee"], "Daily Ledger") == "Ann Lee"
    assert choose_author(["Newsroom Staff", None], None) == "Newsroom Staff"  # a desk only when no person is named
    body = ('<h1>Headline</h1><div class="meta"><a href="/author/bo-chen/">Bo Chen</a></div>'
            '<span itemprop="author" itemscope><span itemprop="name">Bo Chen</span></span>')
    assert read_page_meta(_tree("", body), "https://x.example/a", FETCHED).dom_author == "Bo Chen"


def test_utc_stamp_a_day_off_takes_the_printed_date():
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    body = "<h1>Headline of the story</h1><p>December 18, 2025</p><p>text</p>"
    meta = read_page_meta(_tree(head, body), "https://x.example/a", FETCHED)
    assert meta.published == "2025-12-18" and meta.date_source == "text"
    same_day = read_page_meta(_tree(head, body.replace("December 18", "December 19")), "https://x.example/a", FETCHED)
    assert same_day.published == "2025-12-19T02:41:41+00:00"


def _meta(body: str, head: str = "") -> PageMeta:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_page_meta(lxml.html.document_fromstring(html), "https://example.com/post", FETCHED)


def test_byline_date_before_a_later_structured_date_wins():
    # a CMS stamps its last publish time into JSON-LD; the byline prints when the piece first ran
    ld = '<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": "Aug 21, 2025"}</script>'
    body = ("<h1>Progress billing explained</h1><div class='meta'>Published Apr 26, 2023 | Updated Aug 21, 2025</div>"
            "<p>" + "Progress billing lets contractors invoice as work is done. " * 6 + "</p>")
    meta = _meta(body, ld)
    assert (meta.published, meta.date_source) == ("2023-04-26", "text")


def test_structured_date_kept_when_the_byline_agrees_or_is_later():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-04-26T09:00:00"}</script>'
    body = "<h1>Rates held</h1><div>Updated May 3, 2023</div><p>" + "The bank held rates. " * 10 + "</p>"
    meta = _meta(body, ld)
    assert meta.published == "2023-04-26T09:00:00" and meta.date_source == "json-ld"


def test_time_element_text_beats_its_utc_stamp_one_day_off():
    body = ("<h1>Late-night vote</h1><span><time datetime='2026-02-24T04:13:00Z'>February 23, 2026</time></span>"
            "<p>" + "The council voted late at night. " * 8 + "</p>")
    assert _meta(body).published == "2026-02-23"


def test_meta_name_published_is_read():
    meta = _meta("<h1>Tools</h1><p>" + "Analysts compare tools. " * 8 + "</p>",
                 '<meta name="published" content="July 17, 2025">')
    assert meta.published == "2025-07-17" and meta.date_source == "meta"


def test_date_near_article_passes_over_an_update_line():
    body = ("<div><a href='/c'>Mental Health</a><span>DECEMBER 22, 2022</span><span>Updated: JANUARY 02, 2026</span>"
            "</div><div><p>" + "Sleep matters for mood and memory. " * 8 + "</p></div>")
    html = f"<html><body>{body}</body></html>"
    article = extract(html, "https://example.com/blog/sleep", fetched_at=FETCHED, require_article=False)
    assert article is not None and article.published == "2022-12-22"


def test_a_post_declares_when_it_was_published_a_page_only_when_it_was_modified():
    """SEO plugins give a post article:published_time and a page (services, about) only
    article:modified_time; the page-kind model reads the difference."""
    post = lxml.html.fromstring(
        '<html><head><meta property="og:url" content="https://firm.example/blog/hr-trends/">'
        '<meta property="article:published_time" content="2025-01-29T20:47:55+00:00">'
        '<meta property="article:modified_time" content="2025-08-19T13:25:59+00:00"></head>'
        "<body><h1>Seven HR trends</h1></body></html>")
    page = lxml.html.fromstring(
        '<html><head><meta property="article:modified_time" content="2025-08-19T13:25:59+00:00"></head>'
        "<body><h1>HR outsourcing services</h1></body></html>")
    post_meta, page_meta = read_page_meta(post, "file:///tmp/a.html"), read_page_meta(page, "file:///tmp/b.html")
    assert post_meta.declared_published and post_meta.published == "2025-01-29T20:47:55+00:00"
    assert post_meta.og_url == "https://firm.example/blog/hr-trends/"
    assert not page_meta.declared_published and page_meta.modified and page_meta.published is None


def test_a_saved_page_is_dated_by_the_url_it_gives_itself():
    page = lxml.html.fromstring(
        '<html><head><meta property="og:url" content="https://blog.example%2Farticles%2F2025-12-15%2BRust+backend">'
        "</head><body><h1>Rust backend: why and how</h1><p>Text.</p></body></html>")
    meta = read_page_meta(page, "file:///tmp/saved.html")
    assert (meta.published, meta.date_source) == ("2025-12-15", "url")


def test_time_element_in_the_article_not_in_a_menu_before_it():
    # a menu of related news, each item with its <time>, comes before the article in the page
    menu = "".join(f'<div class="views-row"><a href="/article/{i}">Item {i}</a>'
                   f'<time datetime="2025-01-{i:02d}T12:00:00Z">01/{i:02d}/2025</time></div>' for i in (6, 31))
    body = (f'<nav class="menu-view">{menu}</nav><article><h1>Candidate experience: firm vs carrier</h1>'
            '<div class="node__meta"><time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by Ann Lee</div>'
            "<p>" + "A consulting firm and a carrier differ. " * 8 + "</p></article>")
    meta = _meta(body)
    assert (meta.published, meta.date_source) == ("2017-03-01T12:00:00+00:00", "time")
    # before its own headline, in the headline's own header, a <time> still counts
    header = ('<div class="post"><small><time datetime="2023-10-12T19:38:01Z">10/12/2023</time></small>'
              "<h1>Skiplagging in relocation</h1></div><aside><h3>More</h3>"
              '<time datetime="2025-12-18T16:00:05Z">December 18, 2025</time></aside>')
    assert _meta(header).published == "2023-10-12T19:38:01+00:00"


def test_headline_under_a_site_name_h1():
    # a blog theme gives the site's name the h1 and the post's title an h2: the post's date is under the h2
    head = ('<meta property="og:title" content="The December Comfort Watches, Day Eighteen">'
            '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">')
    body = ("<header><h1>Whatever</h1><p>" + "A blog about things, written daily since 1998. " * 14 + "</p></header>"
            "<article><h2>The December Comfort Watches, Day Eighteen</h2><div>Posted on December 18, 2025</div>"
            "<div>Posted by John Scalzi</div><p>" + "The film holds up. " * 10 + "</p></article>")
    meta = _meta(body, head)
    assert (meta.published, meta.date_source) == ("2025-12-18", "text")
    assert meta.h1 == "Whatever"  # the h1 itself is still the page's first h1


def test_utc_stamp_a_day_off_the_permalink_takes_the_permalink_day():
    page = lxml.html.fromstring(
        '<html><head><link rel="canonical" href="https://blog.example/2025/12/18/comfort-watches/">'
        '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00"></head>'
        "<body><h1>Comfort watches</h1><p>" + "The film holds up. " * 10 + "</p></body></html>")
    meta = read_page_meta(page, "file:///tmp/saved.html")
    assert (meta.published, meta.date_source) == ("2025-12-18", "url")


def test_a_date_deep_in_a_paragraph_does_not_shift_a_utc_stamp():
    # a photo caption's date inside the story's first paragraph is not the page's day; a byline's is,
    # even when the story's text runs on in the same line
    head = '<meta property="article:published_time" content="2019-11-19T21:57:01+00:00">'
    story = "Oil prices fell sharply on Tuesday on oversupply concerns, while stocks rose for a seventh session. " * 3
    caption = "<p>" + story + "FILE PHOTO: Traders work in New York, U.S., November 18, 2019. " + story + "</p>"
    body = "<h1>Oversupply angst drags oil lower</h1><div>Rodrigo Campos 5 Min Read</div>" + caption
    assert _meta(body, head).published == "2019-11-19T21:57:01+00:00"
    head = '<meta property="article:published_time" content="2019-11-19T01:48:03Z">'
    body = ("<h1>Telescope spots water vapor</h1><div>By HNN Staff | <span>November 18, 2019 at 2:26 PM HST</span> "
            + story + "</div>")
    assert _meta(body, head).published == "2019-11-18T14:26:00"


def test_declared_locale_orders_a_numeric_byline_date():
    # html lang says only "en"; the alternate link for the page itself says EN-GB
    head = ('<meta property="og:url" content="https://www.wine.example/blog/how-many-wine-types">'
            '<link rel="alternate" href="https://www.wine.example/blog/how-many-wine-types" hreflang="EN-GB">')
    body = ("<h1>How many wine types are there?</h1><div>03/10/2023</div><div>by WSET Global</div>"
            "<p>" + "Wine comes in many styles. " * 8 + "</p>")
    html = f'<html lang="en"><head>{head}</head><body>{body}</body></html>'
    meta = read_page_meta(lxml.html.document_fromstring(html), "file:///tmp/wine.html", FETCHED)
    assert meta.day_first is True and meta.published == "2023-10-03"
    us = html.replace('lang="en"', 'lang="en-US"')
    assert read_page_meta(lxml.html.document_fromstring(us), "file:///tmp/wine.html", FETCHED).published == "2023-03-10"


def test_a_canonical_link_that_is_no_url_leaves_og_url_to_date_the_page():
    page = lxml.html.fromstring(
        '<html><head><link rel="canonical" href="What are the different types of wine?">'
        '<meta property="og:url" content="https://www.wine.example/blog/2023/october/03/wine-types"></head>'
        "<body><h1>Wine types</h1><p>Text.</p></body></html>")
    meta = read_page_meta(page, "file:///tmp/saved.html")
    assert (meta.published, meta.date_source) == ("2023-10-03", "url")


def test_a_published_stamp_equal_to_the_modified_one_yields_to_an_earlier_time_element():
    # the CMS stamps both with the last save; the page's <time> by the headline says when it appeared
    stamp = "2025-11-29T12:28:31-05:00"
    ld = ('<script type="application/ld+json">{"@type": "Article", '
          f'"datePublished": "{stamp}", "dateModified": "{stamp}"}}</script>')
    body = ("<article><h1>Free accounting tools</h1><p>" + "Small firms can keep books for free. " * 20 + "</p>"
            '<footer>Published <time datetime="2025-08-13">August 13, 2025</time></footer></article>')
    assert (_meta(body, ld).published, _meta(body, ld).date_source) == ("2025-08-13", "time")
    # modified later than published: the structured published date stands
    later = ld.replace(f'"dateModified": "{stamp}"', '"dateModified": "2025-12-01T09:00:00-05:00"')
    assert _meta(body, later).published == stamp


def test_a_related_post_time_does_not_replace_a_never_modified_stamp():
    # a post never edited carries published == modified; its theme prints no <time>, but the
    # related posts further down the page do, with older dates
    stamp = "2025-11-13T09:21:00+00:00"
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          f'"datePublished": "{stamp}", "dateModified": "{stamp}"}}</script>')
    related = "".join(f'<div class="card"><div class="card__body"><a href="/news/{d}">Another story {d}</a>'
                      f'<p><time datetime="2025-{d}">{d}</time></p></div></div>' for d in ("10-23", "07-17"))
    body = ('<main><section class="hero"><div class="row"><div class="col"><div class="copy">'
            "<h1>Seven days of meals on a budget</h1></div></div></div></section>"
            "<section><p>" + "Plan the week before you shop. " * 20 + "</p></section>"
            f'<section class="related"><div class="grid">{related}</div></section></main>')
    assert _meta(body, ld).published == stamp


def test_a_time_element_value_that_is_not_iso_is_read_in_the_page_locale():
    body = ("<h1>Pixel-perfect UI pipelines</h1><div>Bence Kovács</div>" + "<p>" + "Text. " * 120 + "</p>"
            '<footer><time datetime="02-12-2025">02-12-2025</time></footer>')
    page = f'<html lang="{{}}"><head></head><body>{body}</body></html>'
    day_first = read_page_meta(lxml.html.document_fromstring(page.format("en-GB")), "file:///tmp/a.html", FETCHED)
    us = read_page_meta(lxml.html.document_fromstring(page.format("en-US")), "file:///tmp/a.html", FETCHED)
    assert (day_first.published, day_first.date_source) == ("2025-12-02", "time")
    assert us.published == "2025-02-12"


def test_an_empty_h1_still_anchors_the_byline_when_no_heading_resembles_the_title():
    head = '<meta property="og:title" content="Scaling Go testing with contract mocks">'
    body = ('<h1><img src="/logo.svg" alt=""></h1><div>Preetam Jinka</div><div>Dec 17, 2025</div>'
            "<h2>Why mocks drift</h2><p>" + "Contract tests keep mocks honest. " * 8 + "</p>")
    meta = _meta(body, head)
    assert (meta.published, meta.date_source) == ("2025-12-17", "text")


@pytest.mark.parametrize(("lang", "title", "h1", "printed", "side", "side_date", "published"), [
    ("zh-CN", "央行降息_财经频道_东方财富网", "央行降息", "2024年05月01日 10:00", "财经频道_东方财富网", "2020年01月01日 08:00",
     "2024-05-01T10:00:00"),
    ("en-US", "Fed cuts | Markets | The Wall Street Journal", "Fed cuts", "March 5, 2024",
     "Markets - The Wall Street Journal", "January 1, 2020", "2024-03-05"),
])
def test_a_heading_that_is_the_titles_tail_is_no_headline(lang, title, h1, printed, side, side_date, published):
    """A short headline under a long "| Channel | Site" title: a sidebar's heading naming the
    channel resembles the title more, but it is the title's tail, not its headline."""
    body = "<p>" + "The central bank cut its policy rate by 25 basis points, citing slower growth. " * 6 + "</p>"
    for side_tag in ("div", "aside"):
        html = (f'<html lang="{lang}"><head><title>{title}</title></head><body><div class="main"><h1>{h1}</h1>'
                f"<div>{printed}</div>{body}</div><{side_tag} class=\"side\"><h2>{side}</h2><div>{side_date}</div>"
                f"<p>Other stories from the channel.</p></{side_tag}></body></html>")
        article = extract(html, "https://example.org/a/b", require_article=False)
        assert article is not None and article.published == published, side_tag


@pytest.mark.parametrize(("stamp", "url", "published"), [
    ("2023-10-04T02:00:00Z", "https://example.org/2023/10/03/rates", "2023-10-03"),  # UTC-3 and west: the 3rd
    ("2023-10-04T15:00:00Z", "https://example.org/2023/10/03/rates", "2023-10-04T15:00:00+00:00"),  # no zone
    ("2023-10-04T01:00:00Z", "https://example.org/2023/10/05/rates", "2023-10-04T01:00:00+00:00"),  # no zone
    ("2023-10-04T20:00:00Z", "https://example.org/2023/10/05/rates", "2023-10-05"),  # UTC+4 and east: the 5th
])
def test_a_utc_stamp_takes_the_permalinks_day_only_where_a_time_zone_can_show_it(stamp, url, published):
    html = (f'<html lang="en"><head><title>Rates</title><meta property="article:published_time" content="{stamp}">'
            f"</head><body><h1>Rates</h1><p>Body text of the story about rates.</p></body></html>")
    meta = read_page_meta(lxml.html.fromstring(html), url)
    assert meta.published == published


@pytest.mark.parametrize(("lang", "published"), [("en-US", "2025-02-12"), ("en-GB", "2025-12-02")])
def test_a_structured_date_that_is_not_iso_is_read_in_the_pages_day_order(lang, published):
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Rates",
                     "datePublished": "02-12-2025"})
    html = (f'<html lang="{lang}"><head><title>Rates</title><script type="application/ld+json">{ld}</script>'
            f"</head><body><h1>Rates</h1><p>Body text of the story about rates.</p></body></html>")
    meta = read_page_meta(lxml.html.fromstring(html), "https://example.org/rates")
    assert meta.published == published


_EVERGREEN_LD = ('<script type="application/ld+json">{"@type": "BlogPosting", '
                 '"datePublished": "2024-09-06T13:12:36+00:00", "dateModified": "2025-11-14T06:49:57+00:00"}</script>')
_EVERGREEN_TEXT = "<p>" + "Recommendation engines sort the catalogue for each shopper. " * 12 + "</p>"


def test_a_structured_date_the_page_never_prints_yields_to_the_byline_date():
    # the byline shows the reader a date that is neither the structured published nor modified one:
    # the structured date is a draft's or an import's stamp
    body = f"<article><h1>Machine learning in e-commerce</h1><div class='byline'>Ann Lee · October 2, 2025</div>" \
           f"{_EVERGREEN_TEXT}</article>"
    meta = _meta(body, _EVERGREEN_LD)
    assert (meta.published, meta.date_source) == ("2025-10-02", "text")
    # the same by a <time> in the article's header
    timed = body.replace("October 2, 2025", '<time datetime="2025-10-02T08:00:00+00:00">October 2, 2025</time>')
    assert (_meta(timed, _EVERGREEN_LD).published, _meta(timed, _EVERGREEN_LD).date_source) == (
        "2025-10-02T08:00:00+00:00", "time")


@pytest.mark.parametrize("change", [
    ("</article>", "<footer>First published 6 September 2024</footer></article>"),  # printed elsewhere
    ("Ann Lee · October 2, 2025", "Ann Lee · Updated October 2, 2025"),  # labelled an update
    ("Ann Lee · October 2, 2025", "Ann Lee · November 14, 2025"),  # the modified date: shown, still not published
    ("Ann Lee · October 2, 2025", "Ann Lee · December 2, 2025"),  # after the last modification
])
def test_a_structured_date_stands_when_the_page_prints_it_or_shows_only_an_update(change):
    body = f"<article><h1>Machine learning in e-commerce</h1><div class='byline'>Ann Lee · October 2, 2025</div>" \
           f"{_EVERGREEN_TEXT}</article>".replace(*change)
    assert _meta(body, _EVERGREEN_LD).published == "2024-09-06T13:12:36+00:00"


def test_a_time_its_own_label_element_calls_an_update_does_not_replace_the_structured_date():
    # "<span>Updated</span><time>": the label is a separate element, its text runs into the date's
    time = "<time datetime='2025-10-02T08:00:00+00:00'>October 2, 2025</time>"
    body = (f"<article><h1>What is a mobile app?</h1><div class='meta'><span class='updated-on'>"
            f"<span class='meta-label'>Updated</span>{time}</span></div>{_EVERGREEN_TEXT}</article>")
    assert _meta(body, _EVERGREEN_LD).published == "2024-09-06T13:12:36+00:00"
    # the same <time> without the label is the date shown by the headline
    unlabelled = body.replace("<span class='meta-label'>Updated</span>", "")
    assert _meta(unlabelled, _EVERGREEN_LD).published == "2025-10-02T08:00:00+00:00"


def test_a_structured_date_the_address_agrees_with_stands():
    body = f"<article><h1>Machine learning in e-commerce</h1><div class='byline'>October 2, 2025</div>" \
           f"{_EVERGREEN_TEXT}</article>"
    html = f"<html><head>{_EVERGREEN_LD}</head><body>{body}</body></html>"
    meta = read_page_meta(lxml.html.document_fromstring(html), "https://shop.example/2024/09/06/ml/", FETCHED)
    assert meta.published == "2024-09-06T13:12:36+00:00"


def test_a_time_labelled_last_updated_does_not_replace_the_structured_date():
    body = ("<article><h1>What is a mobile app?</h1><div class='meta'><time datetime='2025-10-02T08:00:00+00:00'>"
            f"Last Updated: October 2, 2025</time></div>{_EVERGREEN_TEXT}</article>")
    assert _meta(body, _EVERGREEN_LD).published == "2024-09-06T13:12:36+00:00"


def test_a_regularly_updated_piece_is_dated_when_it_was_originally_published():
    # the byline shows the latest revision; a note under the text says when the piece first ran
    para = "<p>" + "Tiny homes trade floor space for a simpler life, lower bills and a smaller footprint. " * 6 + "</p>"
    body = (f"<article><h1>The pros and cons of living in a tiny home</h1><div>Chris Carroll</div>"
            f"<div>30 Sep 2022, 11:07am</div>{para}{para}<div>This article was originally published on "
            f"<span>26 Sep 2019 at 4:12pm</span> but has been regularly updated.</div></article>")
    page = f"<html><head><title>Tiny homes</title></head><body>{body}</body></html>"
    article = extract(page, "https://homes.example/advice/tiny-home/", fetched_at=FETCHED, require_article=False)
    assert article is not None and (article.published, article.date_source) == ("2019-09-26T16:12:00", "text")
    # a note that says nothing earlier leaves the byline's date
    later = page.replace("26 Sep 2019", "1 Oct 2022")
    assert extract(later, "https://homes.example/advice/tiny-home/", fetched_at=FETCHED,
                   require_article=False).published == "2022-09-30T11:07:00"
    # a sidebar teaser's note dates its own piece, not this one
    teaser = ("<aside><h3>From the archive</h3><p>Why we still read Orwell</p><p>Originally published on 3 May 2011</p>"
              "</aside>")
    sidebar = page.replace("<div>This article was originally published on <span>26 Sep 2019 at 4:12pm</span> but has "
                           "been regularly updated.</div></article>", "</article>" + teaser)
    assert "From the archive" in sidebar and "regularly updated" not in sidebar
    assert extract(sidebar, "https://homes.example/advice/tiny-home/", fetched_at=FETCHED,
                   require_article=False).published == "2022-09-30T11:07:00"


def test_a_page_that_gives_only_a_month_and_year_is_dated_to_the_month():
    para = "<p>" + "Public funding for energy research has shaped which technologies reach the market first. " * 6 + "</p>"
    body = (f"<div class='hero'><h1>U.S. technology and innovation policies</h1><div><h6>Publication Type</h6>"
            f"<p>Report</p></div><div><h6>Date</h6><p>November 2003</p></div></div><article>{para}{para}</article>")
    head = '<meta property="article:modified_time" content="2025-09-17T17:00:45+00:00">'
    page = f"<html><head><title>Innovation policies</title>{head}</head><body>{body}</body></html>"
    article = extract(page, "https://policy.example/document/innovation/", fetched_at=FETCHED, require_article=False)
    assert article is not None and (article.published, article.date_source) == ("2003-11", "text")


@pytest.mark.parametrize(("lang", "published"), [("en-GB", "2017-01-23T21:08:14+00:00"), ("en", "2017-01-24"),
                                                 ("en-US", "2017-01-24")])
def test_a_next_day_dateline_is_no_local_day_of_a_stamp_in_the_pages_region(lang: str, published: str) -> None:
    # 21:08 UTC is the evening of the 23rd in the UK: the release's "January 24" is its embargo day, not
    # the stamp's local day; a page whose locale names no region may be in a zone where it is, and so may
    # an en-US page (WordPress's default tag, kept by English sites from Sydney to Lagos)
    head = '<meta property="article:published_time" content="2017-01-23T21:08:14+00:00">'
    body = ("<h1>Mindfulness training lowers stress biomarkers</h1><p>Posted in News Release</p>"
            "<p>LONDON (January 24, 2017) — Mindfulness meditation is an increasingly popular treatment for "
            "anxiety, but testing its effectiveness in a convincing way has been difficult. Now a rigorously designed "
            "clinical trial has found objective physiological evidence that it combats anxiety.</p>")
    html = f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    meta = read_page_meta(lxml.html.document_fromstring(html), "https://news.example/release/", FETCHED)
    assert meta.published == published


_PAGE_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": ["WebPage", '
            '"Article"], "datePublished": "2021-08-12T19:35:44+00:00", "dateModified": "2025-02-22T22:13:14+00:00"}]}'
            '</script>')
_PAGE_BODY = ("<article><h1>Average cost of online college</h1><div class='meta'>Last Updated: 2025-02-22</div>"
              "<div>By Melanie Hanson</div>" + "<p>" + "Online tuition varies widely by state and school. " * 8
              + "</p></article>")


@pytest.mark.parametrize(("head", "body", "published"), [
    # its <meta> give only the modified time, and the page prints that date, never its JSON-LD datePublished
    ('<meta property="article:modified_time" content="2025-02-22T22:13:14+00:00">', _PAGE_BODY,
     ("2025-02-22T22:13:14+00:00", "updated")),
    # a post's <meta> give its published time: the structured date stands
    ('<meta property="article:published_time" content="2021-08-12T19:35:44+00:00">'
     '<meta property="article:modified_time" content="2025-02-22T22:13:14+00:00">', _PAGE_BODY,
     ("2021-08-12T19:35:44+00:00", "json-ld")),
    # a page that prints when it was published too is dated by that
    ('<meta property="article:modified_time" content="2025-02-22T22:13:14+00:00">',
     _PAGE_BODY.replace("</article>", "<p>First published August 12, 2021.</p></article>"),
     ("2021-08-12T19:35:44+00:00", "json-ld")),
])
def test_a_page_whose_meta_give_only_its_modified_time_is_dated_by_the_revision_it_prints(head, body, published):
    meta = _meta(body, head + _PAGE_LD)
    assert (meta.published, meta.date_source) == published


def test_a_utc_stamp_is_given_in_the_zone_whose_clock_the_page_prints():
    # RFI's Chinese pages: the stamp is UTC, the page prints Paris time, day first, in a zh page that
    # names no day order; the reading that falls on the stamp's instant gives the zone
    head = '<meta property="article:published_time" content="2022-02-06T12:48:06+00:00">'
    body = ("<h1>马克龙星期一在莫斯科与普京会面</h1><p>发表时间： 06/02/2022 - 13:48</p>"
            "<p>" + "法国总统马克龙星期一在莫斯科与俄罗斯总统普京会面，讨论乌克兰局势。" * 5 + "</p>")
    html = f"<html lang='zh-Hans'><head>{head}</head><body>{body}</body></html>"
    meta = read_page_meta(lxml.html.document_fromstring(html), "https://www.rfi.fr/cn/a", FETCHED)
    assert meta.published == "2022-02-06T13:48:06+01:00"
    # a <time> whose text shows another clock than its UTC datetime
    timed = ("<article><h1>Cafe society: movies of 2024</h1><div><time datetime='2025-01-11T17:15:22Z'>"
             "January 11, 2025, 12:15pm</time></div><p>" + "I saw 101 movies released in 2024. " * 8 + "</p></article>")
    assert _meta(timed).published == "2025-01-11T12:15:22-05:00"
    # a time off the stamp by other than whole quarter hours is no clock of it: the stamp stands
    off = html.replace("13:48", "13:11")
    assert read_page_meta(lxml.html.document_fromstring(off), "https://www.rfi.fr/cn/a",
                          FETCHED).published == "2022-02-06T12:48:06+00:00"


@pytest.mark.parametrize("value, name", [
    ("Website", None),  # an author box's profile link
    ("View Full Profile", None),
    ("Sign In", None),
    ("Username, Top-, Left-, If You Are A Human, Ignore This Field", None),  # a login form's labels
    ("A. J. Neal View In Digital Edition", "A. J. Neal"),  # the name before the controls
    ("View all posts by Ray Ansari", "Ray Ansari"),
    ("Ann Lee", "Ann Lee"),
    ("Carolyn Click", "Carolyn Click"),  # a control's word as a name
    ("Mountain View Voice", "Mountain View Voice"),
    ("Ann Lee, Carolyn Click and Tom Roe", "Ann Lee, Carolyn Click, Tom Roe"),
    ("Mark", "Mark"),
    ("October", None),
    ("ridwan123", "ridwan123"),  # a forum member's name with digits
    ("1234567", None),  # an id
    ("u_20931", None),
])
def test_site_controls_are_no_author(value, name):
    from pipeline.bylines import choose_author

    assert choose_author([value], None) == name


def test_a_list_of_names_is_no_sentence_however_long():
    from pipeline.bylines import plausible

    eight = "Nicholas Collins, Scott Munro, Matt De La O, Vineet Asthana, Rory O'Sullivan, Corey Maurer, Hamish Shah"
    assert plausible(eight) == eight
    assert plausible("This guide was put together by our whole team of writers over the course of many long months") is None
    assert plausible("Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines - 10+ Years") == \
        "Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines"
    # a site's description in the author <meta> is no list of names
    assert plausible("Local headlines, weather, traffic, sports and entertainment for Tampa Bay, Orlando and "
                     "Central Florida") is None
    assert plausible("a" + " " * 20000 + "b") == "a b" and plausible("," * 10000) is None  # at once, not in seconds


def test_declared_author_before_a_byline_elements_text():
    # a theme's author element holds the login name; the CMS's <meta name=author> the person
    head = '<meta name="author" content="Lisa Greene-Lewis">'
    body = ("<h1>Filing taxes this year</h1><div class='post-author'>TurboTaxLisa</div>"
            "<p>" + "Filing early gives you time to find every credit you can claim. " * 8 + "</p>")
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    assert extract(html, "https://blog.example/taxes-guide", FETCHED, require_article=False).author == "Lisa Greene-Lewis"


def test_twitter_card_written_by_is_an_author():
    head = ('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Nawaz Dhandala">'
            '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="5 minutes">')
    meta = _meta("<h1>Query tuning</h1><p>x</p>", head)
    assert meta.meta_author == "Nawaz Dhandala"
    assert _meta("<h1>Query tuning</h1><p>x</p>", head.replace("Written by", "Est. reading time")).meta_author is None


@pytest.mark.parametrize("line, names", [
    ("（中央社記者王揚宇台北28日電）行政院今天通過預算案。", "王揚宇"),  # a news agency's dateline credit
    ("中央社記者陳家倫華盛頓27日專電", "陳家倫"),
    ("（中央社記者王揚宇、陳俊華台北28日電）", "王揚宇, 陳俊華"),
    ("（中央社記者王希高雄3日電）", "王希"),
    ("新华社北京1月5日电（记者王希）", "王希"),
    ("撰文：Frank  编辑：Luffy", "Frank"),  # the writer, not the editor a second role names
    ("作者：张三，编辑：李四", "张三"),
    ("记者｜张三", "张三"),
    ("本文作者：吴说区块链", "吴说区块链"),
    ("原文作者：Arthur Hayes", "Arthur Hayes"),
    ("记者：您如何看待今年的经济形势？", None),  # an interview's question
    ("记者获悉该片区将于15日电力检修", None),  # 15日 + 电力: no dateline
    ("本报记者近日从市文旅局获悉本届电影节将于10日电影展映开幕", None),
])
def test_chinese_credit_lines(line, names):
    assert find_author(line, "") == names


def test_the_site_named_beside_a_person_is_dropped():
    from pipeline.bylines import choose_author

    assert choose_author(["By Ann Lee, CoinDesk"], "CoinDesk") == "Ann Lee"
    assert choose_author(["Manoj Jain, Jagpreet Chhatwal, The Commercial Appeal"], "The Commercial Appeal") == \
        "Manoj Jain, Jagpreet Chhatwal"
    assert choose_author(["CoinDesk"], "CoinDesk") == "CoinDesk"  # a site alone is kept as the fallback
    assert choose_author(["Silverback Strategies, October"], "Silverback Strategies") == "Silverback Strategies"


def test_an_author_box_kept_at_the_end_of_the_text_names_the_author():
    from pipeline.metadata import byline_at_end

    body = "\n".join(f"Paragraph {n} of the piece, about money habits." for n in range(12))
    assert byline_at_end(body + "\nWritten by Cassidy Horton\nCassidy Horton is a finance writer.") == "Cassidy Horton"
    assert byline_at_end("Short text.\nWritten by Cassidy Horton") is None  # a short text's end is its start
    assert byline_at_end(body) is None
    assert byline_at_end(body + "\nBy Air\nFly into the capital.\nBy Train\nTake the night train.") is None


def test_article_by_label_on_its_own_line():
    from pipeline.bylines import first_byline

    assert first_byline("for me, it made something click.\nArticle by\nMatias Heikkilä\nLet's talk") == "Matias Heikkilä"


def test_a_threads_starter_is_its_author():
    from pipeline.bylines import thread_starter

    header = ('<div class="p-description"><ul><li><i title="Thread starter"><svg><title>Thread starter</title></svg></i>'
              '<span class="u-srOnly">Thread starter</span> <a href="/members/felixen.1/" class="username">felixen</a>'
              '</li><li><span class="u-srOnly">Start date</span> <time>Jan 3, 2026</time></li></ul></div>')
    posts = "".join(f'<article class="message message--post" itemscope itemtype="https://schema.org/Comment">'
                    f'<div class="message-userinfo"><a class="username" itemprop="author" href="/members/{n}/">{n}</a>'
                    f'</div><div class="message-body bbWrapper"><p>{"I had the same problem. " * 8}</p></div>'
                    f'<footer class="message-footer"><a class="reply">Reply</a></footer></article>'
                    for n in ("spikeymike", "EPayne84", "svkrzn"))
    assert thread_starter(_tree("", f"<h1>Messages in iCloud still taking space</h1>{header}")) == "felixen"
    assert thread_starter(_tree("", "<p><b>Started by</b> Ann Lee, 3 days ago</p>")) == "Ann Lee"
    assert thread_starter(_tree("", "<p><b>Started By</b> Ann Lee</p>")) == "Ann Lee"  # any case
    # what follows the label must be a member's link or name, not a date, a button or the headline
    assert thread_starter(_tree("", '<ul><li><span>Thread starter</span> <span>Start date</span></li></ul>')) is None
    assert thread_starter(_tree("", '<div><span class="badge">Original poster</span><h1>Cheap family meals</h1>'
                                    '</div><div><span>Started by</span> <a href="/m/x">x_later</a></div>')) is None
    # a badge beside a name printed before it is no label of what follows
    assert thread_starter(_tree("", '<div><a>lowjhg</a></div><div><span>Original Poster</span><hr></div>'
                                    '<div><b>Join Date:</b> May 2004</div>')) is None
    # the opening poster, not the first replier whose link is marked itemprop=author
    html = f"<html><body><h1>Messages in iCloud still taking space</h1>{header}{posts}</body></html>"
    assert extract(html, "https://forums.example/threads/icloud.2350553/", FETCHED, require_article=False).author == "felixen"


def test_a_microdata_name_given_by_a_meta_is_read_from_its_content():
    body = ('<h1>Catering event</h1><div class="user-details" itemprop="author" itemscope '
            'itemtype="http://schema.org/Person"><a href="/users/4818/k">KumikoGoingCrAzY</a>'
            '<meta itemprop="name" content="KumikoGoingCrAzY"/></div><p>x</p>')
    assert _meta(body).dom_author == "KumikoGoingCrAzY"


def test_a_forum_widget_beside_an_articles_comments_does_not_name_its_author():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"}}</script>'
    comments = "".join(f'<div class="comment"><a class="comment-reply-link">Reply</a><p>Comment {n} here.</p></div>'
                       for n in range(12))
    body = ("<article><h1>Rates held again</h1><p>By Ann Lee</p><p>" + "The bank held rates steady. " * 12 + "</p>"
            f"</article><section class='comments'>{comments}</section>"
            "<aside><span>Started by</span> <a href='/members/bob/'>bob_rides</a></aside>")
    html = f"<html><head>{ld}</head><body>{body}</body></html>"
    assert extract(html, "https://news.example/rates-held", FETCHED, require_article=False).author == "Ann Lee"


def test_a_starter_label_in_any_case_is_looked_for():
    from pipeline.bylines import may_name_a_starter

    assert may_name_a_starter("<span>Started By</span>") and may_name_a_starter("<b>THREAD STARTER</b>")
    assert may_name_a_starter("<i>Original Poster</i>") and not may_name_a_starter("<p>Replies and threads</p>")
    posts = "".join(f'<article class="message message--post"><div class="message-userinfo"><a class="username" '
                    f'itemprop="author" href="/members/{n}/">{n}</a></div><div class="message-body bbWrapper"><p>'
                    f'{"I had the same problem. " * 8}</p></div><footer class="message-footer"><a class="reply">Reply'
                    f'</a></footer></article>' for n in ("spikeymike", "EPayne84", "svkrzn"))
    header = '<ul><li><span>Started By</span> <a href="/members/felixen.1/" class="username">felixen</a></li></ul>'
    html = f"<html><body><h1>Messages in iCloud still taking space</h1>{header}{posts}</body></html>"
    assert extract(html, "https://forums.example/threads/icloud.2350553/", FETCHED, require_article=False).author == "felixen"
