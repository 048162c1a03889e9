"""One frozen Config with every default in one place; a TOML file and CLI flags override it.

    [crawl]                       # run-wide settings (all optional)
    db = "news.db"
    max_pages = 500               # pages fetched per run, all sites together
    max_runtime = 840             # seconds; the run ends cleanly before cron starts the next
    max_depth = 6                 # optional: links followed at most this many hops from a seed
    timeout = 30                  # seconds for one whole response; a slower one is not retried this run
    max_host_failures = 3         # a host failing or timing out this often in a row waits for the next run
    allow_private = ["10.1.2.3", "intranet.example"]  # internal hosts and networks the crawler may connect to
    delay = 1.0                   # seconds between requests to one host
    user_agent = "..."
    revisit_hours = 24            # listing pages fetched longer ago are fetched again (conditional GET)
    shard = "1/2"                 # optional: crawl only the sites of shard 1 of 2 (one of two cron machines)
    warc = "/srv/warc"            # optional: also write every fetched response as WARC into this folder
    processes = 2                 # optional: extract pages in 2 worker processes (default 1: in the crawl's)
    entities = "my_entities.csv"  # optional: your own entity aliases (as the `entities` command reads them)
    article_revisit_hours = 168   # the same for article pages; 0 = never (sitemap lastmod still does)

    [[sites]]
    name = "8v"
    seeds = ["https://www.8v.com/zh/"]
    sitemaps = ["https://www.8v.com/sitemap.xml"]     # optional; robots.txt Sitemap lines are read too
    feeds = ["https://www.8v.com/feed/"]              # optional RSS/Atom
    article_patterns = ['^https://www\\.8v\\.com/zh/\\d{4}/']  # optional: only these URLs become articles
    exclude_patterns = ['/tag/']                      # optional: never fetched
    max_pages = 200               # this site's share of a run
    delay = 2.0
    concurrency = 2               # parallel requests to this site's hosts
    user_agent = "..."
    time_zone = "Asia/Shanghai"   # optional: the zone of a date or time the site's pages give without an
                                  # offset (IANA name, or "+08:00"); default UTC+8 for Chinese pages, else UTC
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline import __version__
from pipeline.errors import ConfigError
from pipeline.urls import site_of

DEFAULT_USER_AGENT = f"pipeline-news-crawler/{__version__} (+https://example.invalid/crawler; research)"


@dataclass(frozen=True)
class SiteConfig:
    """One news site: where to start and how politely to crawl it."""

    name: str
    seeds: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    exclude_patterns: tuple[str, ...] = ()
    max_pages: int | None = None
    delay: float | None = None
    concurrency: int = 1
    user_agent: str | None = None
    time_zone: str | None = None  # where the site's pages give a date or time without an offset

    def __post_init__(self) -> None:
        where = f"site {self.name!r}"
        if self.time_zone is not None:
            try:
                parse_time_zone(self.time_zone)
            except ConfigError as exc:
                raise ConfigError(f"{where}: {exc}") from exc
        if not self.seeds and not self.sitemaps and not self.feeds:
            raise ConfigError(f"{where}: give at least one of seeds, sitemaps or feeds")
        for url in (*self.seeds, *self.sitemaps, *self.feeds):
            if not re.match(r"^https?://[^/\s]+", url):
                raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
        for pattern in (*self.article_patterns, *self.exclude_patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc
        if self.max_pages is not None and self.max_pages < 1:
            raise ConfigError(f"{where}: max_pages must be at least 1, got {self.max_pages}")
        if self.delay is not None and self.delay < 0:
            raise ConfigError(f"{where}: delay must not be negative, got {self.delay}")
        if not 1 <= self.concurrency <= 16:
            raise ConfigError(f"{where}: concurrency must be between 1 and 16, got {self.concurrency}")

    def is_article_url(self, url: str) -> bool:
        return not self.article_patterns or any(re.search(p, url) for p in self.article_patterns)

    def is_excluded(self, url: str) -> bool:
        return any(re.search(p, url) for p in self.exclude_patterns)


class SiteIndex:
    """Which configured site a site name (urls.site_of: the host without www.) belongs to: a
    site of its seeds, sitemaps or feeds, or a subdomain of one. Picklable (it travels to the
    ingest's worker processes inside SiteFilter)."""

    def __init__(self, sites: tuple[SiteConfig, ...] | list[SiteConfig]) -> None:
        self._by_site: dict[str, SiteConfig] = {}
        for site in sites:
            for url in (*site.seeds, *site.sitemaps, *site.feeds):
                self._by_site.setdefault(site_of(url), site)

    @property
    def names(self) -> set[str]:
        return set(self._by_site)

    def of_site(self, name: str) -> SiteConfig | None:
        if name in self._by_site:
            return self._by_site[name]
        for known, site in self._by_site.items():
            if name.endswith("." + known):
                return site
        return None


@dataclass(frozen=True)
class Config:
    db_path: Path = Path("news.db")
    max_pages: int = 10_000  # pages fetched per run, seeds included
    same_site: bool = True  # follow links only to the seeds' hosts
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0  # seconds to open a connection
    read_timeout: float = 20.0  # seconds between bytes
    total_timeout: float = 30.0  # seconds for a whole response, however it drips; not retried in the run
    max_bytes: int = 5 * 1024 * 1024  # bigger responses are cut off and recorded as errors
    max_sitemap_bytes: int = 50 * 1024 * 1024  # the sitemap protocol's own limit
    max_redirects: int = 10
    retries: int = 2  # extra attempts for connection errors, 429 and 5xx
    backoff: float = 0.5  # first retry waits this long, doubling, with jitter
    max_retry_after: float = 30.0  # never wait longer than this for a Retry-After
    # Internal host names, addresses and networks (10.1.0.0/16) the crawler may connect to; every other
    # non-public address is refused (addresses.py). The configured seeds', sitemaps' and feeds' hosts always may.
    allow_private: tuple[str, ...] = ()
    max_host_failures: int = 3  # a host whose connections fail or time out this many times in a row waits
    #                             for the next run (its URLs stay queued)
    delay: float = 0.0  # seconds between requests to one host (robots.txt Crawl-delay wins if longer)
    obey_robots: bool = True
    use_sitemaps: bool = True  # read robots.txt Sitemap lines and the feeds a seed page announces
    max_error_ratio: float = 0.5  # exit 1 when more than this share of fetched pages failed
    max_runtime: float | None = None  # seconds; stop taking new pages after this
    max_depth: int | None = None  # follow links at most this many hops from a seed (sitemaps and feeds are 1)
    revisit_hours: float = 24.0  # listing pages older than this are fetched again, conditionally
    article_revisit_hours: float = 168.0  # article pages: rarely change after a week; 0 = never
    workers: int = 4  # fetches in flight at once, across all hosts
    # (K, N): crawl only the sites whose stable name hash falls in shard K of N (engines.shards.site_in_shard),
    # so N machines split one sites file without talking to each other
    shard: tuple[int, int] | None = None
    warc_dir: Path | None = None  # also write every fetched response as WARC records into this folder
    processes: int = 1  # page processing (extraction, figures) in this many processes; 1 = in the crawl's own
    entities_file: Path | None = None  # the user's entity aliases CSV, loaded into entity_aliases at each run's start
    sites: tuple[SiteConfig, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ConfigError(f"max_pages must be at least 1, got {self.max_pages}")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "backoff", "delay", "revisit_hours",
                     "article_revisit_hours"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative, got {getattr(self, name)}")
        if self.max_bytes < 1024:
            raise ConfigError(f"max_bytes must be at least 1024, got {self.max_bytes}")
        if not 0 <= self.max_error_ratio <= 1:
            raise ConfigError(f"max_error_ratio must be between 0 and 1, got {self.max_error_ratio}")
        if self.retries < 0:
            raise ConfigError(f"retries must not be negative, got {self.retries}")
        if self.max_runtime is not None and self.max_runtime <= 0:
            raise ConfigError(f"max_runtime must be positive, got {self.max_runtime}")
        if self.max_depth is not None and self.max_depth < 0:
            raise ConfigError(f"max_depth must not be negative, got {self.max_depth}")
        try:
            from pipeline.addresses import AddressPolicy

            AddressPolicy.build((), self.allow_private)
        except ValueError as exc:
            raise ConfigError(f"allow_private: {exc}") from exc
        if self.max_host_failures < 1:
            raise ConfigError(f"max_host_failures must be at least 1, got {self.max_host_failures}")
        if not 1 <= self.workers <= 64:
            raise ConfigError(f"workers must be between 1 and 64, got {self.workers}")
        if self.shard is not None and not 1 <= self.shard[0] <= self.shard[1]:
            raise ConfigError(f"shard {self.shard[0]}/{self.shard[1]}: K must be between 1 and N, as in 1/2 or 2/2")
        if not 1 <= self.processes <= 64:
            raise ConfigError(f"processes must be between 1 and 64, got {self.processes}")

    def with_overrides(self, **flags) -> Config:
        """A copy with the flags that were given (None means 'not given')."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(flags) - known
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **{k: v for k, v in flags.items() if v is not None})

    @classmethod
    def from_toml(cls, path: Path) -> Config:
        """Read a sites file; every mistake names the file, the key and what is wrong."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: no such file") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        _check_keys(path, "top level", data, {"crawl", "sites"})
        crawl = data.get("crawl", {})
        if not isinstance(crawl, dict):
            raise ConfigError(f"{path}: [crawl] must be a table")
        _check_keys(path, "[crawl]", crawl, set(_CRAWL_KEYS))
        values: dict[str, Any] = {}
        for key, value in crawl.items():
            name, kind = _CRAWL_KEYS[key]
            values[name] = _typed(path, f"[crawl] {key}", value, kind)
            if name == "shard":
                try:
                    values[name] = parse_shard(values[name])
                except ConfigError as exc:
                    raise ConfigError(f"{path}: [crawl] shard: {exc}") from exc
        sites_raw = data.get("sites", [])
        if not isinstance(sites_raw, list) or not sites_raw:
            raise ConfigError(f"{path}: add at least one [[sites]] table with seeds")
        sites = []
        for i, raw in enumerate(sites_raw, start=1):
            where = f"[[sites]] #{i}"
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: {where} must be a table")
            _check_keys(path, where, raw, set(_SITE_KEYS))
            site_values = {}
            for key, value in raw.items():
                site_values[key] = _typed(path, f"{where} {key}", value, _SITE_KEYS[key])
            site_values.setdefault("name", f"site{i}")
            site_values.setdefault("seeds", ())
            try:
                sites.append(SiteConfig(**site_values))
            except ConfigError as exc:
                raise ConfigError(f"{path}: {where}: {exc}") from exc
        values["sites"] = tuple(sites)
        try:
            return cls(**values)
        except ConfigError as exc:
            raise ConfigError(f"{path}: [crawl]: {exc}") from exc


_CRAWL_KEYS: dict[str, tuple[str, type]] = {
    "db": ("db_path", Path), "max_pages": ("max_pages", int), "max_runtime": ("max_runtime", float),
    "max_depth": ("max_depth", int),
    "delay": ("delay", float), "user_agent": ("user_agent", str), "revisit_hours": ("revisit_hours", float),
    "article_revisit_hours": ("article_revisit_hours", float),
    "max_error_ratio": ("max_error_ratio", float), "timeout": ("total_timeout", float),
    "connect_timeout": ("connect_timeout", float), "max_bytes": ("max_bytes", int), "retries": ("retries", int),
    "obey_robots": ("obey_robots", bool), "use_sitemaps": ("use_sitemaps", bool), "workers": ("workers", int),
    "max_host_failures": ("max_host_failures", int), "allow_private": ("allow_private", tuple),
    "shard": ("shard", str), "warc": ("warc_dir", Path),
    "processes": ("processes", int), "entities": ("entities_file", Path),
}
_SITE_KEYS: dict[str, type] = {
    "name": str, "seeds": tuple, "sitemaps": tuple, "feeds": tuple, "article_patterns": tuple,
    "exclude_patterns": tuple, "max_pages": int, "delay": float, "concurrency": int, "user_agent": str,
    "time_zone": str,
}


_MACHINE_ZONES = frozenset({"localtime", "posixrules", "Factory"})  # mean another thing on every machine
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d\d))?", re.I)


def parse_time_zone(text: str) -> tzinfo:
    """An IANA zone ("Asia/Shanghai", "America/New_York": summer time included) or a fixed
    offset ("+08:00", "UTC+8", "-0500"); a ConfigError that shows both forms otherwise."""
    match = _OFFSET.fullmatch(text.strip())
    if match:
        minutes = int(match["h"]) * 60 + int(match["m"] or 0)
        if minutes <= 14 * 60 and int(match["m"] or 0) < 60:
            return timezone(timedelta(minutes=minutes if match["sign"] == "+" else -minutes))
    elif text.strip().upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    elif text.strip() not in _MACHINE_ZONES:
        try:
            return ZoneInfo(text.strip())
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder of zones
            pass
    raise ConfigError(f"time_zone {text!r} is not a time zone; give an IANA name like \"Asia/Shanghai\" "
                      "or an offset like \"+08:00\"")


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' as (K, N), 1 <= K <= N; a ConfigError that shows the expected form otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise ConfigError(f"{text!r} is not a shard; give K/N, e.g. 1/2 for the first of two machines")
    k, n = int(match[1]), int(match[2])
    if not 1 <= k <= n:
        raise ConfigError(f"shard {text!r}: K must be between 1 and N, e.g. 1/2 or 2/2")
    return k, n


def _check_keys(path: Path, where: str, table: dict, allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(sorted(allowed))}"
            raise ConfigError(f"{path}: {where}: unknown key {key!r}{hint}")


def _typed(path: Path, where: str, value: Any, kind: type) -> Any:
    if kind is tuple:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {where} must be a list of strings")
        return tuple(value)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is Path and isinstance(value, str):
        return Path(value)
    if kind is bool and not isinstance(value, bool) or kind is not bool and isinstance(value, bool) \
            or kind not in (Path,) and not isinstance(value, kind):
        raise ConfigError(f"{path}: {where} must be {kind.__name__}, got {type(value).__name__} {value!r}")
    return value
