"""crawl --shard K/N: N machines split one sites file by a stable hash of each site's name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.crawl import crawl
from pipeline.engines.shards import site_in_shard
from pipeline.errors import ConfigError
from pipeline.serve import serve_directory
from tests.conftest import run_cli

NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


@pytest.fixture(scope="module")
def sites_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small site per name under /NAME/ (relative links only, so a crawl stays in its folder)."""
    root = tmp_path_factory.mktemp("sites")
    for name in NAMES:
        folder = root / name
        folder.mkdir()
        links = "".join(f'<li><a href="p{i}.html">{name} {i}</a></li>' for i in range(2))
        (folder / "index.html").write_text(f"<html><body><ul>{links}</ul></body></html>", encoding="utf-8")
        for i in range(2):
            (folder / f"p{i}.html").write_text(f"<html><body><p>{name} page {i}</p></body></html>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites_file(sites_root: Path, tmp_path_factory: pytest.TempPathFactory):
    with serve_directory(sites_root) as base:
        path = tmp_path_factory.mktemp("conf") / "sites.toml"
        path.write_text("".join(f'[[sites]]\nname = "{n}"\nseeds = ["{base}{n}/"]\n\n' for n in NAMES),
                        encoding="utf-8")
        yield path


def crawled_sites(db: Path) -> dict[str, int]:
    """site folder -> pages fetched, from the pages table."""
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("SELECT url FROM pages")]
    counts: dict[str, int] = {}
    for url in urls:
        folder = url.split("/")[3]
        counts[folder] = counts.get(folder, 0) + 1
    return counts


def shard_crawl(sites_file: Path, db: Path, k: int, n: int) -> dict[str, int]:
    config = Config.from_toml(sites_file).with_overrides(db_path=db, shard=(k, n), obey_robots=False)
    summary = crawl(config)
    assert summary.exit_code == 0, summary
    return crawled_sites(db)


def test_two_shards_crawl_every_site_once_and_the_same_each_run(sites_file, tmp_path):
    expected = {1: {n for n in NAMES if site_in_shard(n, 1, 2)}, 2: {n for n in NAMES if site_in_shard(n, 2, 2)}}
    assert expected[1] and expected[2]  # the names are chosen so that neither shard is empty
    first = shard_crawl(sites_file, tmp_path / "a1.db", 1, 2)
    second = shard_crawl(sites_file, tmp_path / "a2.db", 2, 2)
    assert set(first) == expected[1] and set(second) == expected[2]
    assert not set(first) & set(second) and set(first) | set(second) == set(NAMES)
    assert all(count == 3 for count in (*first.values(), *second.values()))  # index + 2 pages, each once
    assert shard_crawl(sites_file, tmp_path / "b1.db", 1, 2) == first  # stable across runs


def test_shard_from_the_sites_file(sites_file, tmp_path):
    text = sites_file.read_text(encoding="utf-8")
    path = tmp_path / "sharded.toml"
    path.write_text('[crawl]\nshard = "2/2"\n\n' + text, encoding="utf-8")
    config = Config.from_toml(path)
    assert config.shard == (2, 2)
    crawl(config.with_overrides(db_path=tmp_path / "s.db", obey_robots=False))
    assert set(crawled_sites(tmp_path / "s.db")) == {n for n in NAMES if site_in_shard(n, 2, 2)}


def test_cli_shard(sites_file, tmp_path):
    db = tmp_path / "cli.db"
    done = run_cli("crawl", "--config", str(sites_file), "--db", str(db), "--shard", "1/2", "--ignore-robots")
    assert done.returncode == 0, done.stderr
    assert set(crawled_sites(db)) == {n for n in NAMES if site_in_shard(n, 1, 2)}


@pytest.mark.parametrize("shard", ["3/2", "0/2", "two", "1/0", "1-2"])
def test_a_bad_shard_is_a_config_error(sites_file, tmp_path, shard):
    done = run_cli("crawl", "--config", str(sites_file), "--db", str(tmp_path / "x.db"), "--shard", shard)
    assert done.returncode == 78, done.stderr
    assert "shard" in done.stderr and "K/N" in done.stderr or "between 1 and N" in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_bad_shard_in_the_sites_file_names_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[crawl]\nshard = "5/4"\n[[sites]]\nname = "a"\nseeds = ["http://127.0.0.1:9/"]\n')
    with pytest.raises(ConfigError, match=r"bad\.toml: \[crawl\] shard: .*between 1 and N"):
        Config.from_toml(path)


def test_shard_needs_a_sites_file_and_no_command_line_seeds(sites_file, tmp_path):
    assert run_cli("crawl", "http://127.0.0.1:9/", "--shard", "1/2").returncode == 2
    with pytest.raises(ConfigError, match="command line"):
        crawl(Config.from_toml(sites_file).with_overrides(db_path=tmp_path / "x.db", shard=(1, 2)),
              ["http://127.0.0.1:9/"])


def test_an_empty_shard_says_so(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text('[[sites]]\nname = "alpha"\nseeds = ["http://127.0.0.1:9/"]\n')
    empty = 2 if site_in_shard("alpha", 1, 2) else 1
    with pytest.raises(ConfigError, match="holds none of the 1 sites"):
        crawl(Config.from_toml(path).with_overrides(db_path=tmp_path / "x.db", shard=(empty, 2)))
