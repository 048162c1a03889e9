"""urls: one URL per article, one notion of host and of site."""

from __future__ import annotations

from pipeline.urls import host_key, normalize_url, same_site, site_of


def test_normalize_url():
    assert normalize_url("HTTPS://Example.COM:443/a?utm_source=x&id=3#frag") == "https://example.com/a?id=3"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("mailto:a@b.c") is None
    assert normalize_url("javascript:void(0)") is None
    # parameters that name the page stay: each of these is one article among many
    for url in ["https://x.cn/news.asp?newsid=123", "https://x.cn/view.php?tid=5", "https://x.cn/?p=123",
                "https://x.cn/detail.aspx?docid=7", "https://x.cn/?paged=2"]:
        assert normalize_url(url) == url
    assert normalize_url("https://x.cn/a?b=2&a=1&utm_medium=x&session_id=9#c") == "https://x.cn/a?a=1&b=2"


def test_same_site():
    assert same_site("https://www.news.example/x", {"news.example"})
    assert same_site("https://m.news.example/x", {"news.example"})
    assert not same_site("https://evilnews.example/x", {"news.example"})
    assert not same_site("https://news.example.evil/x", {"news.example"})


def test_host_and_site():
    # a host is where requests go, a site is what budgets and same-site rules count
    assert host_key("https://WWW.A.example:8443/x") == "www.a.example"
    assert site_of("https://www.a.example/x") == site_of("https://a.example/y") == "a.example"
    assert host_key("http://[::1]:80/") == "::1"
    assert host_key("http://[::1:bad/") == "" and normalize_url("http://[::1:bad/") is None
