"""Bad input costs one page, with a one-line reason; the run goes on and stores the good pages."""

from __future__ import annotations

import gzip
import socket
import sqlite3
import time

from tests.conftest import article_html, run_cli, send

GOOD = article_html("Exchange revenue rises", [
    "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
    "recovered across spot and derivatives markets and retail users returned to the platform.",
    "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
    "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _home(links: list[str]) -> bytes:
    anchors = "".join(f'<a href="{u}">{u}</a> ' for u in links)
    return f"<html><head><title>Home</title></head><body>{anchors}</body></html>".encode()


def test_404_seed_nonhtml_and_unreachable_host(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 200, _home(["/good/", "/missing/", "/report.bin", "/data/"]))
    route_server.routes["/good/"] = lambda r: send(r, 200, GOOD.encode())
    route_server.routes["/data/"] = lambda r: send(r, 200, b'{"a": 1}', "application/json")
    route_server.routes["/report.bin"] = lambda r: send(r, 200, b"\x00\x01binary" * 50, "text/html")
    dead = f"http://127.0.0.1:{_free_port()}/news/"
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", route_server.url + "/nope/", dead, "--db", str(db),
                     "--all-sites", "--max-error-ratio", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("/nope/: HTTP 404" in line for line in lines)
    assert any("/missing/: HTTP 404" in line for line in lines)
    assert any(dead in line and "connection failed" in line for line in lines)
    assert any("/data/: not HTML (application/json)" in line for line in lines)
    assert any("/report.bin" in line and "binary" in line for line in lines)
    assert all(len(line) < 300 for line in lines)  # one line each, no tracebacks
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        kinds = dict(conn.execute("SELECT url, error_kind FROM pages WHERE error IS NOT NULL").fetchall())
        assert kinds[route_server.url + "/nope/"] == "http"
        assert kinds[dead] == "connection"
        assert kinds[route_server.url + "/data/"] == "not_html"


def test_error_ratio_sets_exit_status_1(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 500, b"boom")
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert result.returncode == 1
    assert "HTTP 500" in result.stderr
    with sqlite3.connect(db) as conn:
        status, code, errors = conn.execute("SELECT status, exit_code, errors FROM runs").fetchone()
    assert (status, code) == ("errors", 1) and '"http": 1' in errors


def test_retry_after_then_success(route_server, tmp_path):
    calls = {"n": 0}

    def flaky(r):
        calls["n"] += 1
        if calls["n"] == 1:
            send(r, 503, b"busy", headers={"Retry-After": "1"})
        else:
            send(r, 200, GOOD.encode())

    route_server.routes["/"] = flaky
    db = tmp_path / "news.db"
    started = time.monotonic()
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert calls["n"] == 2 and time.monotonic() - started >= 1.0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_gzip_bomb_and_truncated_html(route_server, tmp_path):
    bomb = gzip.compress(b"<html>" + b"A" * (20 * 1024 * 1024))

    def serve_bomb(r):
        send(r, 200, bomb, headers={"Content-Encoding": "gzip"})

    route_server.routes["/"] = lambda r: send(r, 200, _home(["/bomb/", "/cut/"]))
    route_server.routes["/bomb/"] = serve_bomb
    route_server.routes["/cut/"] = lambda r: send(r, 200, GOOD.encode()[: len(GOOD) - 60])
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert "/bomb/: response larger than" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT error_kind FROM pages WHERE url LIKE '%/bomb/'").fetchone()[0] == "too_large"
        (text,) = conn.execute("SELECT text FROM articles").fetchone()
    assert "quarterly revenue of $1.2 billion" in text


def test_invalid_seed_is_a_config_error(tmp_path):
    result = run_cli("crawl", "ftp://example.com/", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 78
    assert "not an http(s) URL" in result.stderr
