"""Datasette metadata: table and column descriptions (from schema_docs) and canned queries."""

from __future__ import annotations


def datasette_metadata(database: str = "news") -> dict:
    """Datasette metadata for the database file named `database`.db: descriptions and canned queries."""
    from pipeline.schema_docs import TABLES

    tables = {name: {"description": about, "columns": columns} for name, (about, columns) in TABLES.items()}
    return {
        "title": "Crypto and finance news: articles and figures",
        "description": "Articles crawled by pipeline, with every money and percent figure traced to its sentence.",
        "databases": {database: {"tables": tables, "queries": CANNED_QUERIES}},
    }


CANNED_QUERIES = {
    "usd_capex_by_company": {
        "title": "USD capital expenditure figures, largest first",
        "sql": "SELECT published, subject, text, value, low, high, approx, title, url FROM figures_in_context"
               " WHERE currency = 'USD' AND metric = 'capex' ORDER BY COALESCE(value, high) DESC",
    },
    "btc_percent_changes_by_week": {
        "title": "Percent changes reported for bitcoin, per week",
        "sql": "SELECT strftime('%Y-%W', day) AS week, direction, COUNT(*) AS figures, AVG(value) AS mean_value"
               " FROM figures_in_context WHERE kind = 'percent' AND direction IS NOT NULL"
               " AND (subject IN ('BTC', 'Bitcoin', '比特币', '比特幣') OR sentence LIKE '%比特币%'"
               " OR sentence LIKE '%bitcoin%') GROUP BY week, direction ORDER BY week",
    },
    "search_articles": {
        "title": "Search articles (three or more characters: 资本支出, capex)",
        "sql": "SELECT a.published, a.title, a.url, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
               " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :query"
               " ORDER BY rank LIMIT 50",
    },
    "figures_of_a_month": {
        "title": "Figures of one metric in one month",
        "sql": "SELECT day, site, subject, text, value, currency, sentence FROM figures_in_context"
               " WHERE metric = :metric AND day LIKE :month || '%' ORDER BY day",
    },
}
