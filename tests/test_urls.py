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


def test_urls_that_cannot_be_fetched_are_refused_not_raised():
    for bad in ["http://💩.news.example/x", "http://xn--zz.example/", "http://[object Object]/", "http://[::1:bad/",
                "http://a..b/", "http://-a.example/", "http://news.example:99999/", "http:///path", "ftp://x.example/"]:
        assert normalize_url(bad) is None, bad
    assert normalize_url("http://例子.测试/a") == "http://例子.测试/a"
    assert normalize_url("http://xn--fsqu00a.xn--0zwm56d/") is not None
    assert normalize_url("http://cdn_1.news.example/a") == "http://cdn_1.news.example/a"


def test_credentials_in_a_url_are_never_kept():
    assert normalize_url("http://user:secret@news.example:8080/a?id=1") == "http://news.example:8080/a?id=1"
    assert normalize_url("https://token@news.example/") == "https://news.example/"
