from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.discover import feed_links, is_page_link, links, parse_feed, parse_sitemap
from pipeline.urls import normalize_url


def test_links_resolve_dedupe_and_skip():
    html = ('<a href="/a/">A</a><a href="/a/#top">A again</a><a href="b.html?fbclid=1">B</a>'
            '<a href="/img/x.jpg">img</a><a href="/login" rel="nofollow">login</a><a href="mailto:x@y.z">m</a>'
            '<a href="https://other.example/c">C</a>')
    assert links(html, "https://news.example/dir/page") == [
        "https://news.example/a/", "https://news.example/dir/b.html", "https://other.example/c"]


def test_cms_plumbing_is_not_followed():
    post = "https://news.example/zh/2026/01/29/meta-capex/"
    plumbing = [post + "feed/", post + "?replytocom=12", post + "amp/", post + "embed/", post + "comment-page-2/",
                "https://news.example/wp-json/wp/v2/posts",
                "https://news.example/wp-login.php?redirect_to=x", "https://news.example/xmlrpc.php",
                "https://news.example/cdn-cgi/l/email-protection", "https://news.example/zh/feed/"]
    html = "".join(f'<a href="{u}">x</a>' for u in [post, *plumbing, "https://news.example/zh/category/news/page/2/"])
    assert links(html, post) == [post, "https://news.example/zh/category/news/page/2/"]
    assert not is_page_link("https://news.example/search?s=btc&page=2")
    assert is_page_link("https://news.example/index.php?s=/news/detail/id/123")  # ThinkPHP routing, not search
    assert is_page_link("https://news.example/news/feedback-on-amplification/")  # words, not segments


def test_sitemap_index_news_sitemap_and_feed():
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b'<sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>')
    assert parse_sitemap(index, "https://news.example/").children == ["https://news.example/s1.xml"]
    news = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example/a?utm_source=x</loc>'
            b'<news:news><news:publication_date>2026-01-29T08:00:00+08:00</news:publication_date></news:news></url></urlset>')
    (entry,) = parse_sitemap(news, "https://news.example/").entries
    assert entry.url == "https://news.example/a" and entry.lastmod == "2026-01-29T08:00:00+08:00"
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
           b'<link>https://news.example/b</link><pubDate>Thu, 29 Jan 2026 08:00:00 GMT</pubDate></item></channel></rss>')
    assert [e.url for e in parse_feed(rss, "https://news.example/")] == ["https://news.example/b"]


def test_feed_links_skip_comment_feeds():
    html = ('<head><link rel="alternate" type="application/rss+xml" title="8V &raquo; Feed" href="/feed/">'
            '<link rel="alternate" type="application/rss+xml" title="8V &raquo; 评论Feed" href="/comments/feed/">'
            '<link rel="alternate" type="application/atom+xml" href="https://news.example/atom.xml">'
            '<link rel="alternate" hreflang="en" href="/en/"><link rel="stylesheet" href="/a.css"></head>')
    assert feed_links(html, "https://news.example/") == ["https://news.example/feed/", "https://news.example/atom.xml"]


def test_a_meta_refresh_target_is_a_link():
    html = '<head><meta http-equiv="Refresh" content="0; URL=\'/news/moved.html\'"></head><body>moved</body>'
    assert links(html, "http://old.example/index.html") == ["http://old.example/news/moved.html"]


LOL = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
       + b"]>")


def test_xml_entity_tricks_are_refused_or_inert():
    import pytest

    from pipeline.errors import FetchError

    with pytest.raises(FetchError):  # billion laughs in a sitemap: defusedxml refuses the entities
        parse_sitemap(LOL + b"<urlset><url><loc>&lol9;</loc></url></urlset>", "https://x.example/")
    external = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<urlset><url><loc>https://x.example/&x;</loc></url></urlset>")
    with pytest.raises(FetchError):
        parse_sitemap(external, "https://x.example/")
    feed = LOL + (b'<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
                  b"<link>https://x.example/a</link></item></channel></rss>")
    assert [e.url for e in parse_feed(feed, "https://x.example/")] == ["https://x.example/a"]  # not expanded


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_href_is_a_normalised_link_or_nothing(href):
    found = links(f'<a href="{href}">x</a><a href={href}>y</a>', "https://news.example/dir/page")
    assert all(normalize_url(u) == u for u in found)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_as_sitemap_or_feed_raise_only_fetch_error(body):
    from pipeline.errors import FetchError

    for parse in (parse_sitemap, parse_feed):
        try:
            entries = parse(body, "https://news.example/")
        except FetchError:
            continue
        urls = [e.url for e in (entries.entries if hasattr(entries, "entries") else entries)]
        assert all(normalize_url(u) == u for u in urls)


def test_a_malformed_href_costs_that_link_only():
    html = ('<base href="http://[::1:bad/"><a href="/a/">A</a><a href="http://[::1:bad/x">bad</a>'
            '<a href="http://xn--zz.example/">idna</a><a href="http://[object Object]/">obj</a><a href="/b/">B</a>'
            '<link rel="alternate" type="application/rss+xml" href="http://[::1:bad/feed">')
    assert links(html, "https://news.example/") == ["https://news.example/a/", "https://news.example/b/"]
    assert feed_links(html, "https://news.example/") == []
    sitemap = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://[::1:bad/</loc></url>'
               b"<url><loc>https://news.example/ok</loc></url></urlset>")
    assert [e.url for e in parse_sitemap(sitemap, "https://news.example/").entries] == ["https://news.example/ok"]
