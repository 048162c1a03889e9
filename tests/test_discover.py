from __future__ import annotations

from pipeline.discover import feed_and_sitemap_links, links, normalize_url, same_site


def test_normalize_url():
    assert normalize_url("HTTPS://Example.COM:443/a?utm_source=x&id=3#frag") == "https://example.com/a?id=3"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("mailto:a@b.c") is None
    assert normalize_url("javascript:void(0)") is None


def test_links_resolve_dedupe_and_skip():
    html = ('<a href="/a/">A</a><a href="/a/#top">A again</a><a href="b.html?fbclid=1">B</a>'
            '<a href="/img/x.jpg">img</a><a href="/login" rel="nofollow">login</a><a href="mailto:x@y.z">m</a>'
            '<a href="https://other.example/c">C</a>')
    assert links(html, "https://news.example/dir/page") == [
        "https://news.example/a/", "https://news.example/dir/b.html", "https://other.example/c"]


def test_feeds_and_same_site():
    html = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    assert feed_and_sitemap_links(html, "https://news.example/") == ["https://news.example/feed.xml"]
    assert same_site("https://www.news.example/x", {"news.example"})
    assert same_site("https://m.news.example/x", {"news.example"})
    assert not same_site("https://evilnews.example/x", {"news.example"})
