"""What one run did: the counters the CLI prints and `runs` records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.crawl.sources import SourceStats


@dataclass
class RunSummary:
    run_id: int
    db_path: Path
    pages_fetched: int = 0
    pages_failed: int = 0
    skipped: int = 0
    not_modified: int = 0
    gone: int = 0  # 404/410 links (not configured URLs): recorded, not failures
    blocked: int = 0  # connections the address policy refused (counted in skipped too)
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    figures: int = 0
    errors: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    queued_left: int = 0
    stopped_early: str | None = None  # "max_pages" | "max_runtime" when the run left work queued
    status: str = "running"
    exit_code: int = 0
    warc_files: list[Path] = field(default_factory=list)  # with --warc: the finished .warc.gz files

    def add_sources(self, stats: SourceStats) -> None:
        """Count sitemaps and feeds read like pages: fetched, and failed when unreadable."""
        self.pages_fetched += stats.fetched
        self.pages_failed += stats.failed
        self.gone += stats.gone
        self.errors.update(stats.errors)

    def fail(self, kind: str) -> None:
        """One more page failed, for `kind`."""
        self.pages_failed += 1
        self.errors[kind] += 1

    def judge(self, max_error_ratio: float) -> None:
        """An ok run whose share of failed pages is over `max_error_ratio` ends with status errors, exit 1."""
        if self.status != "ok" or not self.pages_fetched:
            return
        if self.pages_failed / self.pages_fetched > max_error_ratio:
            self.status, self.exit_code = "errors", 1

    def counts(self) -> dict[str, int]:
        """The counters `runs` keeps."""
        return {"pages_fetched": self.pages_fetched, "pages_failed": self.pages_failed,
                "articles_new": self.articles_new, "articles_updated": self.articles_updated,
                "figures": self.figures}
