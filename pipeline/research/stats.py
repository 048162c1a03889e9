"""The counts a researcher, or whoever runs cron, wants first."""

from __future__ import annotations

from collections import Counter

import sqlite_utils


def stats(db: sqlite_utils.Database, runs: int = 5) -> dict:
    """Counts a researcher (or whoever runs cron) wants first."""
    q = lambda sql: db.execute(sql).fetchall()  # noqa: E731
    return {
        "articles": q("SELECT COUNT(*) FROM articles")[0][0],
        "figures": q("SELECT COUNT(*) FROM figures")[0][0],
        "articles_by_site_lang": q("SELECT site, lang, COUNT(*) FROM articles GROUP BY site, lang ORDER BY 3 DESC"),
        "articles_by_day": q("SELECT substr(published, 1, 10) AS d, COUNT(*) FROM articles GROUP BY d"
                             " ORDER BY d DESC LIMIT 14"),
        "figures_by_kind_currency": q("SELECT kind, COALESCE(currency, unit, '%'), COUNT(*) FROM figures"
                                      " GROUP BY 1, 2 ORDER BY 3 DESC"),
        "runs": q(f"SELECT id, started_at, ended_at, status, pages_fetched, pages_failed, articles_new, errors"
                  f" FROM runs ORDER BY id DESC LIMIT {int(runs)}"),
        "errors": Counter(dict(q("SELECT error_kind, COUNT(*) FROM pages WHERE error IS NOT NULL GROUP BY 1"))),
    }
