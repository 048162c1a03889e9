"""Extraction on literal pages and on the fixture pages: text, boilerplate, metadata, article or not."""

from __future__ import annotations

import lxml.html
import pytest

from pipeline.decode import decode_html
from pipeline.figures import extract_figures
from pipeline.extract import extract
from pipeline.language import detect_lang
from pipeline.bylines import parse_byline
from pipeline.metadata import clean_title
from pipeline.serve import DEFAULT_SITE
from tests.conftest import article_html, real_pages

PARAS = [
    "比特币现货 ETF 本周录得净流入 12.5 亿美元，为连续第三周净流入，贝莱德旗下产品贡献了其中约 60% 的资金。",
    "分析师指出，机构资金回流与美联储降息预期升温有关，市场预计年内还将降息 50 个基点，风险资产整体受益。",
    "与此同时，以太坊现货 ETF 净流出 1.2 亿美元，资金正在从以太坊转向比特币，两者的相对强弱差距进一步拉大。",
]


def fixture_page(path: str) -> tuple[str, str]:
    body = (DEFAULT_SITE / path / "index.html").read_bytes()
    return decode_html(body, "text/html")[0], "https://8v.demo/" + path + "/"


@pytest.mark.parametrize("byline, expected", [
    ("撰文:Frank,麦通 MSX", "Frank, 麦通 MSX"),
    ("作者：张三、李四", "张三, 李四"),
    ("文 | 王五", "王五"),
    ("编译：Luffy，Foresight News", "Luffy, Foresight News"),
    ("作者：赵六 | 来源：链捕手", "赵六"),
    ("By Dana Whitfield and Marco Ruiz", "Dana Whitfield, Marco Ruiz"),
    ("来源：华尔街见闻", None),
    ("文章指出，比特币价格在本周出现大幅波动，市场情绪趋于谨慎。", None),
])
def test_bylines(byline, expected):
    assert parse_byline(byline) == expected


def test_title_suffix_removed():
    assert clean_title("Meta 豪赌 AI | 8V加密货币学院", "8V加密货币学院", None) == "Meta 豪赌 AI"
    assert clean_title("Bitcoin hits record - CoinDesk", "CoinDesk", None) == "Bitcoin hits record"
    assert clean_title("A | B | Site", None, "A | B") == "A | B"
    assert clean_title("Plain title", None, None) == "Plain title"


@pytest.mark.parametrize("text, html_lang, expected", [
    (PARAS[0] * 2, "en", "zh-Hans"),
    ("比特幣現貨 ETF 本週錄得淨流入 12.5 億美元，為連續第三週淨流入，資金來自機構。" * 2, "zh-CN", "zh-Hant"),
    ("Bitcoin rose 5% on Monday as the dollar fell and traders said that inflows were strong.", None, "en"),
    ("Der Bitcoin stieg am Montag um fünf Prozent, während der Dollar schwächer wurde.", "de", "de"),
])
def test_language(text, html_lang, expected):
    assert detect_lang(text, html_lang) == expected


def test_chinese_date_and_byline_fallbacks_without_metadata():
    html = (
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>ETF 资金回流 | 某财经网</title>'
        '<meta property="og:site_name" content="某财经网"></head><body>'
        '<div class="sidebar"><span>2025年12月1日</span></div>'
        '<article><h1>ETF 资金回流</h1><div class="meta"><span>2026年1月29日 08:30</span></div>'
        '<p class="byline">作者：张三、李四</p>' + "".join(f"<p>{p}</p>" for p in PARAS) +
        '<p>免责声明：本文仅供参考，不构成任何投资建议。</p></article></body></html>')
    a = extract(html, "https://news.example.com/a/123")
    assert a is not None
    assert a.title == "ETF 资金回流"
    assert a.published == "2026-01-29T08:30:00" and a.date_source == "text"
    assert a.author == "张三, 李四"
    assert a.lang == "zh-Hans"
    assert "免责声明" not in a.text and PARAS[2] in a.text


def test_structured_date_wins_over_text():
    head = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-20T10:00:00+08:00",' \
           '"author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}]}</script>'
    a = extract(article_html("Title", PARAS, "zh-CN", head), "https://x.example/2026/01/29/t/")
    assert a.published == "2026-01-20T10:00:00+08:00" and a.date_source == "json-ld"
    assert a.author == "Ann Lee, Bo Chen"


def test_related_block_and_share_bar_removed_by_structure():
    html = ("<html><head><title>T</title></head><body><article><h1>T</h1>" + f"<p>{PARAS[0]}</p>"
            '<div class="post-share"><a href="/s">分享到微博</a></div>'
            '<div><h3>相关阅读</h3><ul><li><a href="/1">某链上数据平台发布年度报告，稳定币规模创新高</a></li>'
            '<li><a href="/2">交易所第四季度营收同比大增，衍生品交易量翻倍</a></li></ul></div>'
            + f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p></article></body></html>")
    a = extract(html, "https://x.example/news/1")
    assert a is not None
    assert "分享到微博" not in a.text and "年度报告" not in a.text and "相关阅读" not in a.text
    assert all(p in a.text for p in PARAS)


def test_listing_and_static_pages_are_not_articles():
    for path in ["category/other", "category/other/page/2", "menu/1/0", "about"]:
        html, url = fixture_page(path)
        assert extract(html, url) is None, path


def test_fixture_articles_have_figures_with_sentences():
    html, url = fixture_page("en/2026/01/27/kestrel-markets-q3-results")
    a = extract(html, url)
    assert a.title == "Kestrel Markets Q3 revenue jumps 42% to $1.35 billion as trading rebounds"
    assert a.published.startswith("2026-01-27") and a.date_source == "meta"
    figures = extract_figures(a.text)  # the figure step, on the article's text
    rev = next(f for f in figures if f.text == "$1.35 billion")
    assert rev.value == 1350000000 and rev.currency == "USD" and rev.metric == "revenue"
    guide = next(f for f in figures if f.text == "$410 million to $440 million")
    assert (guide.low, guide.high) == (410000000, 440000000)
    assert next(f for f in figures if f.text == "€200 million").currency == "EUR"


def test_listing_without_og_type_is_not_an_article():
    titles = ["摩根大通：美元走弱未能提振比特币，因市场仍将其视为流动性敏感型风险资产",
              "95 亿美元比特币和以太坊期权即将到期，BTC 最大痛点价为 9 万美元",
              "GOAT Network 发布 BitVM2 测试网 V3，推进比特币原生安全与无托管治理"] * 4
    excerpt = "比特币现货 ETF 本周录得净流入 12.5 亿美元，为连续第三周净流入，机构资金回流明显，市场情绪转向乐观"
    cards = "".join(f'<div class="post"><h3><a href="/p/{i}">{t}</a></h3><span>29 1 月, 2026</span>'
                    f"<p>{excerpt}</p></div>" for i, t in enumerate(titles))
    html = f"<html><head><title>快讯</title></head><body><div class='content'>{cards}</div></body></html>"
    assert extract(html, "https://x.example/flash-news") is None
    assert extract(html, "https://x.example/") is None
    with_ellipsis = html.replace(excerpt, excerpt[:40] + "……").replace("<a href", "<b data-href").replace("</a>", "</b>")
    assert extract(with_ellipsis, "https://x.example/flash-news") is None


def test_real_news_pages_are_recognised_as_articles():
    """../shared/realpages are all article pages (two are blog archives): a crawl must keep them."""
    pages = real_pages(1)
    kept = sum(extract(html, url) is not None for url, html in pages)
    assert len(pages) == 150 and kept >= 147


GCC_PARA = "<p>" + "The compiler backend now emits code for the new target, and the test suite passes on it. " * 5 + "</p>"


def test_a_labelled_date_under_the_text_is_ours_not_htmldates():
    page = (f"<html><head><title>GCC backend</title></head><body><h1>Why and how</h1>{GCC_PARA}{GCC_PARA}"
            "<div>Posted on the 15/12/2025 at 19:00 by <a href='https://github.com/x'>@x</a></div>"
            "<footer>© 2026 x</footer></body></html>")
    article = extract(page, "https://blog.example/articles/gcc", require_article=False)
    assert article is not None and (article.published, article.date_source) == ("2025-12-15T19:00:00", "text")


def test_a_page_that_prints_only_when_it_was_updated_says_so():
    page = (f"<html><head><title>Webcams</title></head><body><h1>Webcams of the valley</h1>{GCC_PARA}{GCC_PARA}"
            "<p style='text-align:right'>Last updated: November 13, 2025</p></body></html>")
    article = extract(page, "https://park.example/learn/webcams.htm", require_article=False)
    assert article is not None and (article.published, article.date_source) == ("2025-11-13", "updated")
    published = page.replace("<h1>", "<p>Published: March 2, 2024</p><h1>")
    assert extract(published, "https://park.example/learn/webcams.htm", require_article=False).published == "2024-03-02"


def test_htmldate_reads_markup_ours_does_not_on_articles_only():
    head = '<meta itemprop="dateCreated" content="2025-12-15">'
    page = (f"<html><head><title>GCC backend</title>{head}</head><body><article><h1>Why and how the backend "
            f"came to be</h1><p class='byline'>By Ann Lee</p>{GCC_PARA}{GCC_PARA}{GCC_PARA}</article></body></html>")
    article = extract(page, "https://blog.example/articles/gcc", require_article=False)
    assert article is not None and article.is_article
    assert (article.published, article.date_source) == ("2025-12-15", "htmldate")


def test_a_copyright_year_alone_dates_nothing():
    page = (f"<html><head><title>GCC backend</title></head><body><h1>Why and how</h1>{GCC_PARA}{GCC_PARA}"
            "<footer>© 2026 x. All rights reserved.</footer></body></html>")
    article = extract(page, "https://blog.example/articles/gcc", require_article=False)
    assert article is not None and article.published is None


@pytest.mark.parametrize(("lang", "published"), [("en-GB", "2023-10-03"), ("en-US", "2023-03-10")])
def test_a_labelled_date_in_the_footer_is_read_in_the_pages_own_day_order(lang: str, published: str) -> None:
    body = "<p>" + "The council approved the new budget after a long debate about transport and schools. " * 8 + "</p>"
    html = f"""<html lang="{lang}"><head><title>Council approves budget</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Council approves budget</h1>{body}
<p>The mayor said the plan would be reviewed next spring, with a public consultation.</p></article>
<footer><p>Published: 03/10/2023 by the newsroom</p></footer></body></html>"""
    article = extract(html, "https://example.org/news/council-budget", require_article=False)
    assert article is not None and article.published == published


def test_readability_never_takes_more_text_than_the_bound_says():
    from lxml import etree
    from trafilatura.external import try_readability
    from trafilatura.utils import trim

    from pipeline.extract import _readable_length_bound, parse_html

    for url, html in real_pages(4):
        tree = parse_html(html, url)
        bound = _readable_length_bound(tree)
        summary = try_readability(tree)
        assert len(trim(etree.tostring(summary, method="text", encoding="utf-8").decode("utf-8"))) <= bound, url


def test_readability_is_skipped_where_it_cannot_win_and_the_text_is_trafilaturas(monkeypatch):
    import trafilatura
    import trafilatura.external

    from pipeline.extract import _SEQUENCE_FITS, main_text, parse_html

    assert _SEQUENCE_FITS, "trafilatura's cascade changed: main_text falls back to bare_extraction"
    pages = [(url, html) for url, html in real_pages(10)]
    wanted = []
    for url, html in pages:
        doc = trafilatura.bare_extraction(parse_html(html, url), url=url, with_metadata=False,
                                          include_comments=False, include_tables=True, deduplicate=False)
        wanted.append((doc.text or "") if doc is not None else "")
    real = trafilatura.external.try_readability
    runs: list[int] = []
    # the cascade's compare_extraction is trafilatura's bound to content_selectors: its own globals
    from pipeline.extract import _STAGES

    assert _STAGES is not None
    for namespace in {id(g): g for g in (vars(trafilatura.external), _STAGES.compare_extraction.__globals__)}.values():
        monkeypatch.setitem(namespace, "try_readability", lambda tree: runs.append(len(tree.text_content())) or real(tree))
    for (url, html), text in zip(pages, wanted, strict=True):
        assert main_text(parse_html(html, url), url, keep_tree=False) == text, url
    # news pages are mostly article: readability runs on some, and on others only on an empty page
    assert 0 < sum(1 for length in runs if length > 0) < len(pages)
    assert sum(1 for length in runs if length == 0) > 0


def test_the_page_text_bound_is_never_below_html2txts_length():
    from trafilatura.baseline import html2txt

    from pipeline.extract import _spaced_length_bound, parse_html

    for url, html in real_pages(4):
        tree = parse_html(html, url)
        assert _spaced_length_bound(tree) >= len(html2txt(tree)), url
    # a page of block elements one letter each: html2txt spaces every one of them
    tree = parse_html("<html><body>" + "<div>a</div><br>" * 50 + "<p>b<p>c</body></html>", "https://x.example/")
    assert _spaced_length_bound(tree) >= len(html2txt(tree))


def test_readability_is_skipped_on_a_table_extraction_only_where_the_page_is_too_short_for_it():
    from copy import copy

    from trafilatura import core
    from trafilatura.settings import Extractor

    from pipeline.extract import _empty_page, _readability_may_win, parse_html

    options = Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)
    # our extraction has no paragraph text: readability's text wins there once it is over twice
    # min_extracted_size and at least half ours, so a page with less text cannot give it that
    row = "<tr><td>" + "cell text " * 8 + "</td></tr>"
    short = parse_html("<html><body><table>" + row * 2 + "</table></body></html>", "https://x.example/")
    body = parse_html("<html><body><table>" + row * 2 + "</table></body></html>", "https://x.example/").find("body")
    text = " ".join(body.text_content().split())
    assert 2 * len(text) >= len(" ".join(short.text_content().split()))
    assert not _readability_may_win(short, body, text, options)
    skipped = core.compare_extraction(copy(short), _empty_page(), copy(body), text, options)[1]
    assert core.compare_extraction(copy(short), copy(short), copy(body), text, options)[1] == skipped
    # a page no longer than twice that extraction but over twice min_extracted_size: it runs
    big = "<html><body><table>" + row * 12 + "</table></body></html>"
    page, body = parse_html(big, "https://x.example/"), parse_html(big, "https://x.example/").find("body")
    text = " ".join(body.text_content().split())
    assert 2 * options.min_extracted_size < len(" ".join(page.text_content().split())) <= 2 * len(text)
    assert _readability_may_win(page, body, text, options)


_COUNCIL = [f"The council voted on item {n} after a long debate about the harbour, and members said the plan would "
            "change how the town pays for its roads, schools and the new library over the next ten years."
            for n in range(16)]
_LEAD = ("<p>The town council approved the harbour plan on Tuesday night, ending a year of argument, and the mayor "
         "said work starts in spring.</p>")
_NAV = "<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav></header>"


def test_the_prose_container_is_the_block_of_paragraphs_not_the_teasers_beside_it():
    from pipeline.density import block_text, prose_container
    from pipeline.extract import parse_html

    teasers = "".join(f"<li><a href='/n/{n}'>Another story about the harbour, number {n}, and what it means.</a></li>"
                      for n in range(20))
    page = (f"<html><body>{_NAV}<div class='layout'><div class='story'><h1>Harbour plan passes</h1>{_LEAD}"
            + "".join(f"<p>{p}</p>" for p in _COUNCIL) + f"</div><aside><ul>{teasers}</ul></aside></div></body></html>")
    container, prose = prose_container(parse_html(page, "https://x.example/news/harbour"))
    assert container is not None and container.get("class") == "story"
    assert prose >= sum(len("".join(p.split())) for p in _COUNCIL)  # every paragraph, no link text
    text = block_text(container)
    assert all(p in text for p in _COUNCIL) and "Another story" not in text
    assert prose_container(parse_html("<html><body><p>Home</p><p>About us</p></body></html>", "https://x.example/")) \
        == (None, 0)


def test_an_article_trafilatura_drops_whole_is_taken_from_the_pages_prose():
    from pipeline.extract import main_text, parse_html

    # an unclosed popup <aside> before the header: the parser nests the whole page in it, and
    # trafilatura, which drops asides, keeps nothing
    url = "https://x.example/news/harbour-plan-passes"
    page = (f"<html><head><title>Harbour plan passes</title></head><body><aside class='popup-overlay'>"
            f"<div class='popup'><p>Join our list</p></div>{_NAV}<article class='entry'><h1>Harbour plan passes</h1>"
            f"{_LEAD}" + "".join(f"<p>{p}</p>" for p in _COUNCIL) + "</article></body></html>")
    assert not main_text(parse_html(page, url), url).strip()
    article = extract(page, url)
    assert article is not None and all(p in article.text for p in _COUNCIL)


def test_the_prose_rescue_is_for_short_text_on_pages_with_prose_only():
    from pipeline.extract import MIN_RESCUED_PROSE, UNDER_EXTRACTION, _under_extracted

    lead = "The town council approved the harbour plan on Tuesday night."
    assert _under_extracted(lead, MIN_RESCUED_PROSE)
    assert not _under_extracted(lead, MIN_RESCUED_PROSE - 1)  # a short page: trafilatura's text stands
    full = "\n".join(_COUNCIL)
    assert not _under_extracted(full, UNDER_EXTRACTION * len("".join(full.split())))


def test_text_after_an_early_closing_html_tag_is_part_of_the_page():
    from pipeline.extract import parse_html

    # a theme that prints its header template, </html> and all, before the article: a browser
    # shows what follows in the body, libxml2 drops it
    url = "https://x.example/blog/harbour"
    page = (f"<html><head><title>Harbour plan passes</title></head><body>{_NAV}</body></html>\n"
            f"<div class='post'><h1>Harbour plan passes</h1>{_LEAD}" + "".join(f"<p>{p}</p>" for p in _COUNCIL)
            + "</div><footer><p>Copyright 2024 The Town Paper</p></footer></body></html>")
    assert _COUNCIL[3] in parse_html(page, url).text_content()
    article = extract(page, url)
    assert article is not None and all(p in article.text for p in _COUNCIL)
    # scripts and a menu after it are no part of the article: the page is parsed as it was
    menu = page.split("</html>")[0] + "</html><script>var x = '<p>not text</p>';</script><div>Home About Contact</div>"
    assert parse_html(menu, url).text_content() == lxml.html.document_fromstring(menu).text_content()


def test_the_rescue_reads_the_pages_prose_only_where_the_page_bound_leaves_room_for_it():
    from pipeline.extract import (
        MIN_RESCUED_PROSE, UNDER_EXTRACTION, _main_text, _may_be_under_extracted, _readable_length_bound, parse_html,
    )

    lead = "The town council approved the harbour plan on Tuesday night."
    english = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in _COUNCIL) + "</body></html>", "https://x.example/")
    chinese = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</body></html>", "https://x.example/")
    assert _may_be_under_extracted(lead, -1, english)  # no bound read: the prose is looked at
    assert not _may_be_under_extracted(lead, MIN_RESCUED_PROSE - 1, english)  # too little page for the rescue
    full = "\n".join(_COUNCIL)
    assert not _may_be_under_extracted(full, UNDER_EXTRACTION * len(full) // 2, english)
    assert _may_be_under_extracted(lead, UNDER_EXTRACTION * len(lead) + MIN_RESCUED_PROSE, english)
    # Han weighs three: a Chinese text's page holds up to three times its length in weight
    assert _may_be_under_extracted(PARAS[0], len(PARAS[0]) * UNDER_EXTRACTION // 2 + MIN_RESCUED_PROSE // 3, chinese)
    # and so does a Chinese page whose extraction has no Han at all (an English byline), unlike an English page
    byline = "By Reuters staff, Hong Kong"
    assert _may_be_under_extracted(byline, MIN_RESCUED_PROSE // 2, chinese)
    assert not _may_be_under_extracted(byline, MIN_RESCUED_PROSE // 2, english)
    # the bound is the one trafilatura's comparison read, on the tree after its comment prunes:
    # never below the letters of any text of the page
    url = "https://x.example/news/harbour"
    page = f"<html><body>{_NAV}<main><h1>Harbour plan passes</h1>{_LEAD}" + "".join(f"<p>{p}</p>" for p in _COUNCIL) \
        + "</main></body></html>"
    text, bound = _main_text(parse_html(page, url), url)
    assert text and bound == _readable_length_bound(parse_html(page, url)) >= len("".join(text.split()))


def test_section_whose_id_spells_its_heading_is_kept():
    """A table of contents gives each section an id made of its heading's words; one about menus
    gets "menu-..." and trafilatura's id rules took it for the site's menu, dropping the section."""
    def section(slug: str, heading: str, body: str) -> str:
        return (f'<div class="my-8 scroll-m-28" id="{slug}">\n<h2>{heading}</h2>\n'
                f'<div class="blog-rich-text">\n<p>{body}</p>\n<p>{body}</p>\n</div>\n</div>\n')

    sustain = "Caterers are cutting food waste with compostable packaging and partnerships with local farms. "
    menus = "Memorable experiences begin with a menu that balances new dishes with reliable favourites. "
    tech = "Order platforms now schedule staff, invoice clients and forecast demand for each event. "
    sections = (section("sustainable-catering-practices", "Sustainable catering practices", sustain * 3)
                + section("menu-innovation-strategies-for-caterers", "Menu innovation strategies for caterers",
                          menus * 3)
                + section("technology-for-catering-teams", "Technology for catering teams", tech * 3))
    page = (f"<html><head><title>Catering trends for 2025</title></head><body><header><nav><a href='/'>Home</a>"
            f"</nav></header><main><article><h1>Catering trends for 2025</h1>{sections}</article></main></body></html>")
    for markup in (page, page.replace("\n", "")):  # minified: the heading's text runs into the paragraph's
        text = extract(markup, "https://x.example/blog/catering-trends", require_article=False).text
        assert "Menu innovation strategies for caterers" in text and "Memorable experiences begin" in text
        assert "Caterers are cutting food waste" in text and "Order platforms now schedule" in text


def test_a_table_in_a_site_builders_embed_block_is_kept_and_a_video_embed_is_not():
    """Webflow's custom-HTML block (class "w-embed") is where a site's authors write tables;
    trafilatura's rule for share widgets (class "embed") took the table with it. An embed
    block with no table (a video, a tweet) is still dropped."""
    para = "Tipping norms differ by service, and a chart helps diners decide how much to leave each time. "
    rows = "".join(f"<tr><td>{service}</td><td>{tip}</td></tr>"
                   for service, tip in (("Full service restaurant", "20%"), ("Coffee shop", "$1 - $2"),
                                        ("Food delivery", "$2 - $5")))
    page = (f"<html><head><title>The tip chart</title></head><body><nav><a href='/'>Home</a></nav><main><article>"
            f"<h1>The tip chart</h1><p>{para * 3}</p>"
            f"<div class='w-embed'><style>table {{ width: 100%; }}</style><div class='responsive-table'>"
            f"<table><thead><tr><th>Service</th><th>Suggested tip</th></tr></thead><tbody>{rows}</tbody></table>"
            f"</div></div><p>{para * 2}</p>"
            f"<div class='wp-block-embed'><p>Watch our video: how much to tip at a coffee shop</p></div>"
            f"<p>{para}</p></article></main></body></html>")
    text = extract(page, "https://x.example/blog/tip-chart", require_article=False).text
    assert "Full service restaurant" in text and "$2 - $5" in text
    assert "Watch our video" not in text


def test_an_accordion_whose_class_places_its_icon_keeps_its_panes_and_an_icon_block_goes():
    """An accordion's class says where its icon sits ("kt-accodion-icon-side-right");
    trafilatura's rule for icons ("-icon") dropped the accordion with its panes of prose. A
    block of icons with no prose (a row of social links) is still dropped."""
    para = "Self-employed buyers weigh invoicing, bank feeds and reports before anything else in a tool. "
    panes = "".join(f"<div class='kt-accordion-pane'><button>Step {n}</button><div class='kt-accordion-panel'>"
                    f"<p>Step {n} of the method: {para * 2}</p></div></div>" for n in (1, 2, 3))
    page = (f"<html><head><title>The best accounting software</title></head><body><main><article>"
            f"<h1>The best accounting software</h1><p>{para * 3}</p><p>{para * 2}</p>"
            f"<div class='kt-accordion-wrap kt-accodion-icon-side-right'>{panes}</div>"
            f"<p>{para * 2}</p><div class='social-icon-row'><p>Share this on Facebook and X</p></div>"
            f"</article></main></body></html>")
    text = extract(page, "https://x.example/blog/accounting", require_article=False).text
    assert all(f"Step {n} of the method" in text for n in (1, 2, 3))
    assert "Share this on Facebook" not in text


def _streamed_page(shell: str = "") -> str:
    """A Next.js page as React's streaming render sends it: the article's later sections as
    hidden S: blocks after the footer, each with the script that moves it into its B: slot."""
    intro = "Cloud software companies sell subscriptions, so their revenue repeats from year to year. " * 3
    middle = "Salesforce leads the market for customer relationship software with a growing AI business. " * 3
    closing = "Investors who would rather not pick single stocks can buy a cloud computing fund instead. " * 3
    return (f"<html><head><title>Best cloud stocks</title></head><body><header><nav><a href='/'>Home</a></nav>"
            f"</header>\n<main><article><h1>Best cloud stocks</h1>\n<p>{intro}</p>\n"
            f'<template id="B:0"></template><div>Loading paragraph...</div>\n<p>{closing}</p>\n</article></main>\n'
            f"<footer><p>Copyright 2026 Example Media</p></footer>{shell}\n"
            f'<div hidden id="S:0"><div class="article-body"><h2>Salesforce</h2>\n<p>{middle}</p></div></div>'
            f'<script>$RC("B:0","S:0")</script></body></html>')


def test_streamed_sections_are_read_where_the_browser_shows_them():
    text = extract(_streamed_page(), "https://x.example/investing/cloud-stocks", require_article=False).text
    assert text.index("Cloud software companies") < text.index("Salesforce leads") < text.index("Investors who")


def test_a_streamed_page_frame_stays_where_it_was_parsed():
    """A block holding the page's header is its app shell streamed whole: a slot for it is left empty."""
    from pipeline.extract import parse_html

    shell = ('<template id="B:1"></template><div hidden id="S:1"><div class="Header-headerHeight"><header>'
             '<a href="/">Site</a></header></div></div>')
    tree = parse_html(_streamed_page(shell), "https://x.example/investing/cloud-stocks")
    assert tree.find(".//template[@id='B:1']") is not None and tree.find(".//template[@id='B:0']") is None


def test_extraction_options_are_trafilaturas_own_for_the_page():
    # the per-page options are a copy of one template; every field must be what Extractor sets
    from trafilatura.settings import Extractor

    from pipeline.extract import _extraction_options

    for url in ("https://x.example/a", None, "https://x.example/\udcff"):
        theirs = Extractor(output_format="python", comments=False, tables=True, dedup=False, url=url,
                           with_metadata=False)
        ours = _extraction_options(url)
        assert {slot: getattr(ours, slot) for slot in Extractor.__slots__} == \
            {slot: getattr(theirs, slot) for slot in Extractor.__slots__}
    assert _extraction_options("https://x.example/a") is not _extraction_options("https://x.example/a")
