"""One frozen Config with every default in one place; the CLI overrides it with flags."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.errors import ConfigError

DEFAULT_USER_AGENT = f"pipeline-news-crawler/{__version__} (+https://example.invalid/crawler; research)"


@dataclass(frozen=True)
class Config:
    db_path: Path = Path("news.db")
    max_pages: int = 10_000  # pages fetched per run, seeds included
    same_site: bool = True  # follow links to the seeds' hosts only
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0  # seconds to open a connection
    read_timeout: float = 20.0  # seconds between bytes
    total_timeout: float = 60.0  # seconds for a whole response, however it drips
    max_bytes: int = 5 * 1024 * 1024  # bigger responses are cut off and recorded as errors
    max_redirects: int = 10
    retries: int = 2  # extra attempts for connection errors, 429 and 5xx
    backoff: float = 0.5  # first retry waits this long, doubling, with jitter
    max_retry_after: float = 30.0  # never sleep longer than this for a Retry-After
    delay: float = 0.0  # seconds between requests to one host (robots.txt Crawl-delay wins if longer)
    obey_robots: bool = True
    max_error_ratio: float = 0.5  # exit 1 when more than this share of fetched pages failed

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ConfigError(f"max_pages must be at least 1, got {self.max_pages}")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "backoff", "delay"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative, got {getattr(self, name)}")
        if self.max_bytes < 1024:
            raise ConfigError(f"max_bytes must be at least 1024, got {self.max_bytes}")
        if not 0 <= self.max_error_ratio <= 1:
            raise ConfigError(f"max_error_ratio must be between 0 and 1, got {self.max_error_ratio}")
        if self.retries < 0:
            raise ConfigError(f"retries must not be negative, got {self.retries}")

    def with_overrides(self, **flags) -> "Config":
        """A copy with the flags that were given (None means 'not given')."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(flags) - known
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **{k: v for k, v in flags.items() if v is not None})
