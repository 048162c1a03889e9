"""What the report shows, as plain rows: every query of `python -m pipeline report`, filtered
by date and site. SQL aggregates only, so memory stays flat however many figures the file holds
(the biggest query returns a few thousand rows)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date prefix, inclusive (articles.published)
    until: str | None = None  # exclusive
    site: str | None = None

    def where(self, alias: str = "a") -> tuple[str, list]:
        """An SQL condition on articles (as `alias`) and its parameters; '1' when unfiltered."""
        parts, params = [], []
        if self.since:
            parts.append(f"{alias}.published >= ?")
            params.append(self.since)
        if self.until:
            parts.append(f"{alias}.published < ?")
            params.append(self.until)
        if self.site:
            parts.append(f"{alias}.site = ?")
            params.append(self.site.lower().removeprefix("www."))
        return (" AND ".join(parts) or "1"), params


@dataclass
class ReportData:
    filters: Filters
    totals: dict = field(default_factory=dict)
    runs: list[tuple] = field(default_factory=list)  # (id, started_at, status, fetched, failed, new, figures)
    page_kinds: list[tuple] = field(default_factory=list)  # (error_kind or 'ok', pages)
    last_errors: list[tuple] = field(default_factory=list)  # (fetched_at, url, error_kind, error)
    coverage: list[tuple] = field(default_factory=list)  # (site, lang, articles, first, last)
    per_day: list[tuple] = field(default_factory=list)  # (day, lang, articles)
    usd_by_metric: list[tuple] = field(default_factory=list)  # (period, metric, total_usd, figures)
    period: str = "month"  # "day" when the data spans under ~4 months
    biggest: list[tuple] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)  # (entity, kind or 'unlisted', articles, figures, money_usd)
    stories: list[tuple] = field(default_factory=list)  # (story_id, articles, langs, sites, first, title, url)


Step = Callable[[str], None]
BIGGEST = 25  # figures listed


def _one_per_story(rows: list[tuple], limit: int) -> list[tuple]:
    """The largest figures, each story's figure once (the first edition seen), with how many
    editions gave it appended to the row."""
    seen: dict[tuple, int] = {}
    out: list[list] = []
    for row in rows:
        key = (row[11], row[3], round(math.log(row[0]) / math.log(1.005)))
        if key in seen:
            out[seen[key]][-1] += 1
            continue
        if len(out) < limit:
            seen[key] = len(out)
            out.append([*row, 1])
    return [tuple(r) for r in out]
STEPS = ("totals", "crawl health", "coverage", "figures over time", "biggest figures", "entities", "stories")


def collect(db: sqlite_utils.Database, filters: Filters, on_step: Step | None = None) -> ReportData:
    """Run the report's queries; `on_step(name)` is called before each (for a progress bar)."""
    step = on_step or (lambda name: None)
    where, params = filters.where()
    data = ReportData(filters)

    def q(sql: str, extra: list | None = None) -> list[tuple]:
        return db.execute(sql, [*params, *(extra or [])]).fetchall()

    step("totals")
    articles, first, last = q(f"SELECT COUNT(*), MIN(published), MAX(published) FROM articles a WHERE {where}")[0]
    figures, usd = q(f"SELECT COUNT(*), SUM(f.value_usd IS NOT NULL) FROM figures f JOIN articles a"
                     f" ON a.id = f.article_id WHERE {where} AND f.first_mention IS NOT 0")[0]
    data.totals = {"articles": articles, "first": first, "last": last, "figures": figures, "figures_usd": usd or 0,
                   "sites": q(f"SELECT COUNT(DISTINCT site) FROM articles a WHERE {where}")[0][0]}
    step("crawl health")
    data.runs = db.execute("SELECT id, started_at, status, pages_fetched, pages_failed, articles_new, figures"
                           " FROM runs ORDER BY id DESC LIMIT 60").fetchall()[::-1]
    data.page_kinds = db.execute("SELECT COALESCE(error_kind, 'ok'), COUNT(*) FROM pages GROUP BY 1"
                                 " ORDER BY 2 DESC").fetchall()
    data.last_errors = db.execute("SELECT fetched_at, url, error_kind, error FROM pages WHERE error IS NOT NULL"
                                  " ORDER BY id DESC LIMIT 10").fetchall()
    step("coverage")
    data.coverage = q(f"SELECT site, COALESCE(lang, '?'), COUNT(*), MIN(substr(published, 1, 10)),"
                      f" MAX(substr(published, 1, 10)) FROM articles a WHERE {where}"
                      f" GROUP BY site, lang ORDER BY 3 DESC LIMIT 50")
    data.per_day = q(f"SELECT substr(published, 1, 10) AS day, COALESCE(lang, '?'), COUNT(*) FROM articles a"
                     f" WHERE {where} AND published IS NOT NULL GROUP BY day, lang ORDER BY day")
    step("figures over time")
    span_days = len({row[0] for row in data.per_day})
    data.period = "day" if span_days <= 120 else "month"
    width = 10 if data.period == "day" else 7
    # A story told in three editions (or syndicated) counts each of its figures once: figures are
    # grouped per story, metric and USD value in 0.5% (logarithmic) steps, as story_figures does.
    data.usd_by_metric = q(
        f"SELECT period, metric, SUM(usd), COUNT(*) FROM (SELECT MIN(substr(a.published, 1, {width})) AS period,"
        f" COALESCE(f.metric, 'other') AS metric, MAX(f.value_usd) AS usd FROM figures f"
        f" JOIN articles a ON a.id = f.article_id WHERE {where} AND f.kind = 'money' AND f.first_mention = 1"
        f" AND f.value_usd > 0 AND a.published IS NOT NULL"
        f" GROUP BY COALESCE(a.story_id, -a.id), 2, CAST(round(ln(f.value_usd) / ln(1.005)) AS INTEGER))"
        f" GROUP BY period, metric ORDER BY period")
    step("biggest figures")
    ranked = q(
        f"SELECT f.value_usd, f.text, f.currency, f.metric, f.entity, f.entity_source, a.title, a.url,"
        f" substr(a.published, 1, 10), a.lang,"
        f" substr(a.text, f.sentence_start + 1, MIN(f.sentence_end - f.sentence_start, 400)),"
        f" COALESCE(a.story_id, -a.id) FROM figures f"
        f" JOIN articles a ON a.id = f.article_id WHERE {where} AND f.kind = 'money' AND f.first_mention = 1"
        f" AND f.value_usd > 0 ORDER BY f.value_usd DESC LIMIT ?", [BIGGEST * 20])
    data.biggest = _one_per_story(ranked, BIGGEST)
    step("entities")
    data.entities = q(
        f"SELECT f.entity, COALESCE(f.entity_kind, 'unlisted'), COUNT(DISTINCT f.article_id), COUNT(*),"
        f" SUM(CASE WHEN f.kind = 'money' THEN f.value_usd END) FROM figures f JOIN articles a ON a.id = f.article_id"
        f" WHERE {where} AND f.entity IS NOT NULL AND f.first_mention = 1 GROUP BY f.entity, f.entity_kind"
        f" ORDER BY 3 DESC, 4 DESC LIMIT 25")
    step("stories")
    data.stories = q(
        f"SELECT a.story_id, COUNT(*), group_concat(DISTINCT a.lang), group_concat(DISTINCT a.site),"
        f" MIN(substr(a.published, 1, 10)), MIN(a.title), MIN(a.url) FROM articles a"
        f" WHERE {where} AND a.story_id IS NOT NULL GROUP BY a.story_id"
        f" HAVING COUNT(DISTINCT COALESCE(a.lang, '')) > 1 ORDER BY 5 DESC, 2 DESC LIMIT 30")
    return data
