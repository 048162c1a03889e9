"""The address policy in a real crawl and in `extract URL`: links, redirects and sitemaps that lead to
internal hosts are refused before connecting, recorded as `blocked`, and never stored (issue 11, item 1).

The seed is on 127.0.0.1; the internal hosts are servers this test starts on 127.0.0.2 and [::1],
and `localhost` naming the seed's own server. No other address is used.
"""

from __future__ import annotations

import sqlite3

import pytest

from pipeline.config import Config
from pipeline.crawl import crawl
from tests.conftest import RouteServer, article_html, run_cli, send

SECRET = b"<html><body><p>AWS secret access key: not for the research database</p></body></html>"


@pytest.fixture()
def hosts():
    servers = {h: RouteServer(h) for h in ("127.0.0.1", "127.0.0.2", "::1")}
    for server in servers.values():
        server.routes["/latest/meta-data/iam"] = lambda r: send(r, 200, SECRET)
    yield servers
    for server in servers.values():
        server.close()


def _redirect(target: str):
    def handler(r) -> None:
        r.send_response(302)
        r.send_header("Location", target)
        r.send_header("Content-Length", "0")
        r.end_headers()
    return handler


def test_a_crawl_never_connects_to_internal_hosts_it_was_not_told_about(hosts, tmp_path):
    seed, internal, v6 = hosts["127.0.0.1"], hosts["127.0.0.2"], hosts["::1"]
    port = seed.url.rsplit(":", 1)[1]
    seed.routes["/go"] = _redirect(internal.url + "/latest/meta-data/iam")
    links = ["/go", f"http://localhost:{port}/latest/meta-data/iam", v6.url + "/latest/meta-data/iam",
             internal.url + "/latest/meta-data/iam", "/story/"]
    seed.routes["/"] = lambda r: send(r, 200, ("<html><body>" + "".join(f'<a href="{u}">x</a>' for u in links)
                                               + "</body></html>").encode())
    seed.routes["/story/"] = lambda r: send(r, 200, article_html("A story", [
        "The exchange reported quarterly revenue of $1.2 billion, up 15% from a year earlier, as trading volume "
        "recovered across spot and derivatives markets and retail users returned to the platform.",
        "Net income was $310 million, and the company said it would spend about $200 million on new data centres "
        "over the next year, while keeping headcount flat and cutting marketing costs by 8%.",
        "Analysts said the results beat expectations, and the shares rose 6% in after-hours trading on Tuesday, "
        "their biggest one-day gain since the company listed in New York two years ago."]).encode())
    db = tmp_path / "news.db"
    summary = crawl(Config(db_path=db, same_site=False), [seed.url + "/"])  # --all-sites: only the policy stands
    assert internal.hits == {} and v6.hits == {} and "/latest/meta-data/iam" not in seed.hits
    assert summary.exit_code == 0 and summary.blocked == 4 and summary.articles_new == 1
    with sqlite3.connect(db) as conn:
        blocked = conn.execute("SELECT url, state FROM frontier WHERE error_kind = 'blocked' ORDER BY url").fetchall()
        assert len(blocked) == 4 and {state for _, state in blocked} == {"skipped"}
        assert conn.execute("SELECT COUNT(*) FROM pages WHERE error_kind = 'blocked' AND content_hash IS NULL"
                            ).fetchone()[0] == 4
        assert conn.execute("SELECT COUNT(*) FROM raw_html WHERE CAST(html_zlib AS BLOB) LIKE '%secret%'"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE text LIKE '%secret%'").fetchone()[0] == 0
    again = crawl(Config(db_path=db, same_site=False), [seed.url + "/"])  # not retried on the next run either
    assert internal.hits == {} and again.blocked == 0


def test_an_internal_host_the_operator_allows_is_crawled(hosts, tmp_path):
    seed, internal = hosts["127.0.0.1"], hosts["127.0.0.2"]
    seed.routes["/"] = lambda r: send(r, 200, f'<html><body><a href="{internal.url}/latest/meta-data/iam">x</a>'
                                              f"</body></html>".encode())
    summary = crawl(Config(db_path=tmp_path / "n.db", same_site=False, allow_private=("127.0.0.2",)),
                    [seed.url + "/"])
    assert summary.blocked == 0 and internal.hits["/latest/meta-data/iam"] == 1


def test_extract_url_refuses_a_redirect_to_an_internal_host(hosts):
    seed, internal = hosts["127.0.0.1"], hosts["127.0.0.2"]
    seed.routes["/go"] = _redirect(internal.url + "/latest/meta-data/iam")
    result = run_cli("extract", seed.url + "/go", "--json")
    assert internal.hits == {} and result.returncode == 1
    assert "not a public address" in result.stderr and "secret" not in result.stdout


def test_a_bad_allow_private_entry_is_a_configuration_error(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text('[crawl]\nallow_private = ["10.0.0.0/99"]\n[[sites]]\nseeds = ["http://127.0.0.1:9/"]\n')
    result = run_cli("crawl", "--config", str(sites), "--db", str(tmp_path / "n.db"))
    assert result.returncode == 78 and "allow_private" in result.stderr
