"""process_page: one fetched page in, one result out, whatever the bytes; its work is bounded."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import page as page_module
from pipeline.figures import MAX_TEXT_CHARS
from pipeline.models import ErrorKind, Page
from pipeline.page import PageOptions, PageResult, process_page
from tests.conftest import article_html

URL = "https://news.example/2026/01/29/story/"
PARAS = ["Kestrel Markets said on Tuesday that third-quarter revenue rose 42% to $1.35 billion as trading rebounded.",
         "Net income was $410 million, up from $250 million a year earlier, while operating expenses fell 3%.",
         "The company raised its buyback programme by $1 billion and said it expects growth to continue next year."]


def fetched(body: bytes, ctype: str | None = "text/html; charset=utf-8", status: int = 200, url: str = URL) -> Page:
    return Page(url, url, status, ctype, "2026-01-29T08:00:00+00:00", body)


def test_an_article_page_gives_article_links_and_figures_and_pickles():
    html = article_html("Kestrel Markets Q3 revenue jumps 42%", PARAS * 2).replace(
        "</body>", '<a href="/2026/01/28/other/">other</a></body>')
    result = process_page(fetched(html.encode()))
    assert result.article is not None and result.article.is_article and result.error is None
    assert "https://news.example/2026/01/28/other/" in result.links
    assert {f.text for f in result.figures} >= {"42%", "$1.35 billion", "$410 million"}
    assert result.encoding == "utf-8"
    assert pickle.loads(pickle.dumps(result)) == result  # a worker process can send it back


def test_pages_that_are_not_articles_say_why():
    failed = Page(URL, URL, 404, "text/html", "", b"", error="HTTP 404", error_kind="http")
    assert process_page(failed).error_kind == ErrorKind.HTTP and process_page(failed).error == "HTTP 404"
    assert process_page(fetched(b"%PDF-1.4", "application/pdf")).error_kind == ErrorKind.NOT_HTML
    assert process_page(fetched(b"\x00\x01binary" * 10)).error_kind == ErrorKind.BINARY
    listing = process_page(fetched(b"<html><body><a href='/a/1'>a</a></body></html>"))
    assert listing.article is None and listing.error is None and listing.links == ("https://news.example/a/1",)


def test_figures_read_a_bounded_part_of_a_very_long_text():
    filler = "市场今日整体平稳，交易量与上周相近，投资者观望情绪浓厚。" * 40  # ~1,100 characters a paragraph
    paragraphs = [f"第{i}段。{filler}" for i in range(MAX_TEXT_CHARS // len(filler) + 20)] + ["资本支出将达 1350 亿美元。"]
    result = process_page(fetched(article_html("一篇很长的文章", ["营收 598.93 亿美元，同比增长 24%。"] + paragraphs,
                                               "zh-CN").encode()))
    assert result.article is not None and len(result.article.text) > MAX_TEXT_CHARS
    texts = [f.text for f in result.figures]
    assert "598.93 亿美元" in texts and "1350 亿美元" not in texts  # past the bound: not read
    assert all(f.end <= MAX_TEXT_CHARS for f in result.figures)


def test_the_html_handed_to_extraction_is_bounded(monkeypatch):
    monkeypatch.setattr(page_module, "MAX_HTML_CHARS", 5_000)
    html = article_html("Long page", PARAS * 40)
    result = process_page(fetched(html.encode()))
    assert result.notes and "cut to its first 5,000 characters" in result.notes[0]
    assert result.article is None or len(result.article.text) < 5_000


def test_html_nested_20000_deep_is_survived():
    html = "<html><body>" + "<div>" * 20_000 + "<p>Revenue rose 5% to $2 billion.</p>" + "</div>" * 20_000 + "</body></html>"
    result = process_page(fetched(html.encode()))
    assert isinstance(result, PageResult) and result.encoding == "utf-8"  # no exception, no recursion error


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000), st.sampled_from(["text/html", "text/html; charset=gbk", None, "application/xhtml+xml"]))
def test_any_bytes_give_a_result_not_an_exception(body, ctype):
    result = process_page(fetched(body, ctype), options=PageOptions(want_feeds=True))
    assert isinstance(result, PageResult)
    assert result.article is not None or result.figures == ()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<table>", "<td>", "<script>", "</script>",
                                 "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&#99999999;", "<a href='",
                                 "'>", "营收 5 亿美元，增长 12%", "Revenue rose 5% to $2bn", "\x00", "<meta charset=utf-16>",
                                 "<base href='javascript:x'>", "<html>", "<body>", "<title>", "</title>"]),
                max_size=300))
def test_hostile_markup_gives_a_result_not_an_exception(parts):
    result = process_page(fetched("".join(parts).encode("utf-8", "surrogatepass")))
    assert isinstance(result, PageResult)


def test_a_malformed_link_or_image_url_costs_nothing_but_itself():
    html = article_html("Kestrel Markets Q3 revenue jumps 42%", PARAS * 2,
                        extra_head='<meta property="og:image" content="http://[::1:bad/i.png">').replace(
        "</body>", '<a href="http://[::1:bad/x">bad</a><a href="/2026/01/28/other/">other</a></body>')
    result = process_page(fetched(html.encode()))
    assert result.error is None and result.article is not None and result.article.image is None
    assert "https://news.example/2026/01/28/other/" in result.links


def test_a_page_that_is_nothing_but_links_is_not_an_article():
    links_only = "<html><body>" + "".join(f'<a href="/n/{i}">Bitcoin price news item {i}</a> ' for i in range(400))
    result = process_page(fetched((links_only + "</body></html>").encode()))
    assert result.article is None and result.figures == () and len(result.links) == 400
    shown = process_page(fetched((links_only + "</body></html>").encode()), options=PageOptions(require_article=False))
    assert shown.article is not None and (shown.article.page_kind, shown.article.kind_signal) == ("listing", "links")
    prose = article_html("Kestrel Markets Q3 revenue jumps 42%", [p.replace("revenue", '<a href="/r">revenue</a>')
                                                                  for p in PARAS * 2])
    assert process_page(fetched(prose.encode())).article is not None  # prose with links in it still is one
