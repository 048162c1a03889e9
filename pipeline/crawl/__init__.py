"""The crawl: which page next, how politely, and what becomes of it.

    crawler.py     crawl(config, seeds): the public entry; the Crawl object runs the loop
    scheduler.py   the frontier table: queued -> fetching -> done | failed | skipped, retries
    politeness.py  per-host slots and delays, robots Crawl-delay, per-site budgets (injectable clock)
    sites.py       which configured site a URL or host belongs to
    sources.py     sitemaps and feeds into the frontier, lastmod compared as UTC times
    record.py      a fetched page into the database with its frontier state, in one transaction
    processing.py  process_page in this process, or (--processes N) in a pool of worker processes
    summary.py     the run's counters

Each page's own steps are page.process_page; the crawl alone knows the order of pages.
"""

from pipeline.crawl.crawler import Crawl, crawl
from pipeline.crawl.summary import RunSummary

__all__ = ["Crawl", "RunSummary", "crawl"]
