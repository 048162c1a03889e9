"""Fetching with an injected transport (httpx.MockTransport): retries, Retry-After, caps, redirects."""

from __future__ import annotations

import httpx

from pipeline.config import Config
from pipeline.fetch import fetch, make_client, retry_after_seconds

CONFIG = Config(retries=2, backoff=0.01)


def client_for(handler) -> httpx.Client:
    return make_client(CONFIG, transport=httpx.MockTransport(handler))


def test_retries_5xx_then_succeeds_honouring_retry_after():
    calls = []
    waits = []

    def handler(request):
        calls.append(request)
        if len(calls) < 3:
            return httpx.Response(503, headers={"Retry-After": "2"})
        return httpx.Response(200, html="<p>ok</p>")

    page = fetch(client_for(handler), "https://x.example/", CONFIG, sleep=waits.append)
    assert page.ok and len(calls) == 3 and waits == [2.0, 2.0]
    assert calls[0].headers["user-agent"].startswith("pipeline-news-crawler/")


def test_gives_up_after_retries_with_reason():
    page = fetch(client_for(lambda r: httpx.Response(500)), "https://x.example/", CONFIG, sleep=lambda s: None)
    assert not page.ok and page.error == "HTTP 500 after 3 attempts" and page.attempts == 3


def test_404_is_not_retried():
    calls = []
    page = fetch(client_for(lambda r: calls.append(r) or httpx.Response(404)), "https://x.example/", CONFIG,
                 sleep=lambda s: None)
    assert page.error == "HTTP 404" and len(calls) == 1


def test_size_cap():
    config = Config(max_bytes=2048)
    client = make_client(config, transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 10000)))
    page = fetch(client, "https://x.example/", config)
    assert page.error_kind == "too_large"  # no content type: it may be a page


def test_a_non_html_response_over_the_size_cap_is_passed_over_not_failed():
    config = Config(max_bytes=2048)
    pdf = httpx.Response(200, content=b"%PDF" + b"x" * 10000, headers={"Content-Type": "application/pdf"})
    client = make_client(config, transport=httpx.MockTransport(lambda r: pdf))
    page = fetch(client, "https://x.example/report.pdf?id=1", config)
    assert page.error_kind == "not_html" and "application/pdf" in page.error and page.body == b""


def test_redirects_recorded_and_loops_stopped():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        if request.url.path == "/loop":
            return httpx.Response(302, headers={"Location": "/loop"})
        return httpx.Response(200, html="<p>new</p>")

    page = fetch(client_for(handler), "https://x.example/old", CONFIG)
    assert page.ok and page.final_url == "https://x.example/new" and page.redirects == ("https://x.example/old",)
    loop = fetch(client_for(handler), "https://x.example/loop", CONFIG)
    assert loop.error_kind == "redirects"


def test_retry_after_parsing():
    assert retry_after_seconds("5", 30) == 5
    assert retry_after_seconds("500", 30) == 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 30) == 0
    assert retry_after_seconds("soon", 30) is None
