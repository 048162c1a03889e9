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
        "sql": "SELECT a.published, a.title, a.url, snippet(articles_fts, 1, '[', ']', '…', 44) AS snippet"
               " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :query"
               " ORDER BY rank LIMIT 50",
    },
    "figures_of_a_month": {
        "title": "Figures of one metric in one month",
        "sql": "SELECT day, site, subject, text, value, currency, sentence FROM figures_in_context"
               " WHERE metric = :metric AND day LIKE :month || '%' ORDER BY day",
    },
    "usd_by_metric_per_month": {
        "title": "Money figures in USD per month and metric (first mentions only, as the report draws them)",
        "sql": "SELECT substr(day, 1, 7) AS month, metric, COUNT(*) AS figures, SUM(value_usd) AS total_usd,"
               " MAX(value_usd) AS largest_usd FROM figures_in_context WHERE kind = 'money' AND first_mention = 1"
               " AND value_usd IS NOT NULL GROUP BY month, metric ORDER BY month, total_usd DESC",
    },
    "top_entities": {
        "title": "Most-mentioned entities (BTC, Bitcoin, 比特币 and 比特幣 count as one)",
        "sql": "SELECT entity, entity_kind, COUNT(*) AS figures, COUNT(DISTINCT article_id) AS articles,"
               " SUM(CASE WHEN kind = 'money' THEN value_usd END) AS money_usd FROM figures_in_context"
               " WHERE entity IS NOT NULL AND first_mention = 1 GROUP BY entity, entity_kind"
               " ORDER BY articles DESC, figures DESC LIMIT 100",
    },
    "figures_of_an_entity": {
        "title": "Figures about one entity, newest first",
        "sql": "SELECT day, site, lang, text, value_usd, metric, direction, entity_source, sentence, url"
               " FROM figures_in_context WHERE entity = :entity AND first_mention = 1 ORDER BY day DESC LIMIT 500",
    },
    "multi_language_stories": {
        "title": "Stories published in more than one language or on more than one site",
        "sql": "SELECT story_id, COUNT(*) AS articles, group_concat(DISTINCT lang) AS langs,"
               " group_concat(DISTINCT site) AS sites, MIN(published) AS first_published, MIN(title) AS a_title"
               " FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING COUNT(*) > 1"
               " ORDER BY first_published DESC",
    },
    "figures_of_a_story": {
        "title": "Each figure of one story once, with the editions that gave it",
        "sql": "SELECT kind, metric, text, currency, value, value_usd, articles, langs, urls FROM story_figures"
               " WHERE story_id = :story_id ORDER BY articles DESC, value_usd DESC",
    },
}
