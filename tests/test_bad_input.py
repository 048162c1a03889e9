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
    assert any("/nope/: HTTP 404" in line for line in lines)  # a seed: the operator's to fix
    assert not any("/missing/" in line for line in lines)  # a dead link: recorded as gone, no alarm
    assert any(dead in line and "connection failed" in line for line in lines)
    assert not any("/data/" in line for line in lines)  # a link to JSON is skipped quietly: not the site's fault
    assert any("/report.bin" in line and "binary" in line for line in lines)
    assert all(len(line) < 300 for line in lines)  # one line each, no tracebacks
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        kinds = dict(conn.execute("SELECT url, error_kind FROM pages WHERE error IS NOT NULL").fetchall())
        assert kinds[route_server.url + "/nope/"] == kinds[route_server.url + "/missing/"] == "gone"
        assert kinds[dead] == "connection"
        assert kinds[route_server.url + "/data/"] == "not_html"
        state = conn.execute("SELECT state, reason FROM frontier WHERE url = ?", [route_server.url + "/data/"]).fetchone()
        assert state[0] == "skipped" and state[1].startswith("not_html: not HTML (application/json)")
        failed = conn.execute("SELECT COUNT(*) FROM pages WHERE error IS NOT NULL AND error_kind != 'not_html'"
                              " AND (error_kind != 'gone' OR url = ?)", [route_server.url + "/nope/"])
        assert conn.execute("SELECT pages_failed FROM runs").fetchone()[0] == failed.fetchone()[0] == 3


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


def test_faults_each_fail_alone(route_server, tmp_path):
    """Slow drip, connection reset, redirect loop, 50 MB body, wrong charset: the good page is still stored."""
    def drip(r):
        r.send_response(200)
        r.send_header("Content-Type", "text/html")
        r.send_header("Content-Length", "100000")
        r.end_headers()
        for _ in range(100):
            r.wfile.write(b"<p>x</p>")
            r.wfile.flush()
            time.sleep(0.5)

    def reset(r):
        import socket
        import struct
        r.close_connection = True
        r.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        r.rfile.close()
        r.wfile.close()
        r.connection.close()  # linger 0: the peer sees a reset, not a clean end

    def huge(r):
        r.send_response(200)
        r.send_header("Content-Type", "text/html")
        r.send_header("Content-Length", str(50 * 1024 * 1024))
        r.end_headers()
        chunk = b"<p>" + b"a" * 65530 + b"</p>"
        for _ in range(50 * 16):
            r.wfile.write(chunk)

    gbk = ("<html><head><meta charset='utf-8'><title>t</title></head><body><article><h1>鲸鱼</h1><p>"
           + "某巨鲸地址过去 24 小时内从交易所提取 1.2 万枚 ETH，价值约 3540 万美元，随后存入借贷协议作为抵押。" * 3
           + "</p></article></body></html>").encode("gb18030")
    route_server.routes["/"] = lambda r: send(r, 200, _home(["/good/", "/drip/", "/reset/", "/loop/", "/huge/",
                                                             "/gbk/"]))
    route_server.routes["/good/"] = lambda r: send(r, 200, GOOD.encode())
    route_server.routes["/drip/"] = drip
    route_server.routes["/reset/"] = reset
    route_server.routes["/loop/"] = lambda r: send(r, 302, b"", headers={"Location": "/loop/"})
    route_server.routes["/huge/"] = huge
    route_server.routes["/gbk/"] = lambda r: send(r, 200, gbk, "text/html; charset=utf-8")
    cfg = tmp_path / "sites.toml"
    cfg.write_text(f'[crawl]\ntimeout = 3\nretries = 0\nmax_error_ratio = 1.0\n'
                   f'[[sites]]\nseeds = ["{route_server.url}/"]\n', encoding="utf-8")
    db = tmp_path / "news.db"
    started = time.monotonic()
    result = run_cli("crawl", "--config", str(cfg), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
    with sqlite3.connect(db) as conn:
        kinds = dict(conn.execute("SELECT url, error_kind FROM pages WHERE error IS NOT NULL").fetchall())
        texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
    base = route_server.url
    assert kinds[base + "/drip/"] == "timeout"
    assert kinds[base + "/reset/"] == "connection"
    assert kinds[base + "/loop/"] == "redirects"
    assert kinds[base + "/huge/"] == "too_large"
    assert any("quarterly revenue of $1.2 billion" in t for t in texts)
    assert any("某巨鲸地址" in t for t in texts)  # header said utf-8, bytes were GBK: decoded anyway


def test_malformed_and_hostile_sitemaps(route_server, tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<urlset><url><loc>&lol2;</loc></url></urlset>')
    route_server.routes["/"] = lambda r: send(r, 200, _home(["/good/"]))
    route_server.routes["/good/"] = lambda r: send(r, 200, GOOD.encode())
    route_server.routes["/broken.xml"] = lambda r: send(r, 200, b"<urlset><url><loc>http://x", "application/xml")
    route_server.routes["/bomb.xml"] = lambda r: send(r, 200, bomb, "application/xml")
    route_server.routes["/robots.txt"] = lambda r: send(r, 200, f"Sitemap: {route_server.url}/broken.xml\n"
                                                                f"Sitemap: {route_server.url}/bomb.xml\n".encode(),
                                                        "text/plain")
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db), "--max-error-ratio", "1")
    assert result.returncode == 0, result.stderr
    assert "malformed sitemap XML" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM pages WHERE error_kind = 'sitemap'").fetchone()[0] == 2


def test_an_unsolicited_304_is_recorded_and_the_run_goes_on(route_server, tmp_path):
    route_server.routes["/"] = lambda r: send(r, 304, b"")  # a 304 to a request that asked nothing
    db = tmp_path / "news.db"
    result = run_cli("crawl", route_server.url + "/", "--db", str(db))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM pages").fetchall() == [(304,)]
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "ok"


def test_a_bug_while_storing_one_page_costs_that_page_only(route_server, tmp_path, monkeypatch):
    """Fault injection: no real page makes save_article fail on demand, so one URL is made to."""
    from pipeline import store
    from pipeline.config import Config
    from pipeline.crawl import crawl

    route_server.routes["/"] = lambda r: send(r, 200, _home(["/a/", "/b/", "/c/"]))
    for path in ("/a/", "/b/", "/c/"):
        route_server.routes[path] = lambda r, p=path: send(r, 200, GOOD.replace("</h1>", f" {p}</h1>", 1).encode())
    real_save = store.save_article

    def flaky_save(db, article, *args, **kwargs):
        if article.url.endswith("/b/"):
            raise RuntimeError("simulated bug")
        return real_save(db, article, *args, **kwargs)

    monkeypatch.setattr(store, "save_article", flaky_save)
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db), [route_server.url + "/"])
    assert summary.status == "ok" and summary.errors["internal"] == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        state, reason = conn.execute("SELECT state, reason FROM frontier WHERE url LIKE '%/b/'").fetchone()
    assert state == "failed" and reason == "internal: RuntimeError: simulated bug"
