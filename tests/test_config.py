"""The sites file: every key read with its type, and every mistake named with file, key and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_readme_example_reads_as_written(tmp_path):
    config = Config.from_toml(write(tmp_path, """
[crawl]
db = "news.db"
max_pages = 500
max_runtime = 840
max_depth = 6
delay = 1.0
revisit_hours = 24
article_revisit_hours = 168
workers = 4
timeout = 25
max_host_failures = 5

[[sites]]
name = "8v"
seeds = ["https://www.8v.com/zh/"]
sitemaps = ["https://www.8v.com/sitemap.xml"]
feeds = ["https://www.8v.com/feed/"]
article_patterns = ['/20[0-9]{2}/[0-9]{2}/']
exclude_patterns = ['/tag/', '/author/']
max_pages = 200
delay = 2.0
concurrency = 2
"""))
    assert (config.max_pages, config.max_runtime, config.max_depth, config.delay) == (500, 840.0, 6, 1.0)
    assert (config.revisit_hours, config.article_revisit_hours, config.workers) == (24.0, 168.0, 4)
    assert (config.total_timeout, config.max_host_failures) == (25.0, 5)
    (site,) = config.sites
    assert site.is_article_url("https://www.8v.com/zh/2026/01/x/") and not site.is_article_url("https://www.8v.com/zh/")
    assert site.is_excluded("https://www.8v.com/zh/tag/btc/") and (site.concurrency, site.delay) == (2, 2.0)


def test_time_zones_and_the_entities_file_are_read(tmp_path):
    config = Config.from_toml(write(tmp_path, """
[crawl]
entities = "mine.csv"

[[sites]]
seeds = ["https://a.example/"]
time_zone = "America/New_York"

[[sites]]
seeds = ["https://b.example/"]
time_zone = "UTC+8"
"""))
    assert config.entities_file == Path("mine.csv")
    assert [site.time_zone for site in config.sites] == ["America/New_York", "UTC+8"]


def test_parse_time_zone_takes_iana_names_and_offsets():
    from datetime import datetime, timedelta

    from pipeline.config import parse_time_zone

    winter, summer = datetime(2026, 1, 29, 12), datetime(2026, 7, 1, 12)
    assert parse_time_zone("America/New_York").utcoffset(winter) == timedelta(hours=-5)
    assert parse_time_zone("America/New_York").utcoffset(summer) == timedelta(hours=-4)
    assert parse_time_zone("+08:00").utcoffset(winter) == timedelta(hours=8)
    assert parse_time_zone("UTC-0530").utcoffset(winter) == timedelta(hours=-5, minutes=-30)
    assert parse_time_zone("UTC").utcoffset(winter) == timedelta(0)


SITE = "\n[[sites]]\nseeds = ['https://a.example/']\n"


@pytest.mark.parametrize("text, message", [
    ("[crawl]\nmax_depht = 3\n" + SITE, "did you mean 'max_depth'"),
    ("[crawl]\nmax_depth = -1\n" + SITE, "max_depth must not be negative"),
    ("[crawl]\narticle_revisit_hours = -5\n" + SITE, "article_revisit_hours must not be negative"),
    ("[crawl]\nworkers = 0\n" + SITE, "workers must be between 1 and 64"),
    ("[crawl]\nmax_host_failures = 0\n" + SITE, "max_host_failures must be at least 1"),
    (SITE + "article_patterns = ['(']\n", "bad regular expression '('"),
    ("[crawl]\nmax_pages = 10\n", "add at least one [[sites]] table with seeds"),
    ("[crawl\n", "not valid TOML"),
    (SITE + "time_zone = 'Asia/Shangai'\n", "is not a time zone; give an IANA name"),
    (SITE + "time_zone = '+25:00'\n", "is not a time zone"),
    (SITE + "time_zone = '+08:60'\n", "is not a time zone"),
    (SITE + "time_zone = 'America'\n", "is not a time zone"),  # a folder of zones, not one
    (SITE + "time_zone = 'localtime'\n", "is not a time zone"),  # this machine's, whatever it is
])
def test_mistakes_name_the_file_and_the_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        Config.from_toml(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
