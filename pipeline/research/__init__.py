"""What researchers do with the file: search it, re-derive it with newer code, export it, summarise it.

Each function takes an open database and returns plain data; cli.py prints it.

    search.py     full-text search (trigram FTS5, LIKE for short terms)
    reprocess.py  re-derive articles from raw HTML, or figures from text (--figures-only)
    export.py     CSV, JSON lines, Parquet
    stats.py      counts per site, language, day; runs and errors
    datasette.py  Datasette metadata and canned queries
"""

from pipeline.research.datasette import CANNED_QUERIES, datasette_metadata
from pipeline.research.export import EXPORTABLE, export
from pipeline.research.reprocess import ReprocessReport, reprocess
from pipeline.research.search import SearchHit, search
from pipeline.research.stats import stats

__all__ = ["CANNED_QUERIES", "EXPORTABLE", "ReprocessReport", "SearchHit", "datasette_metadata", "export",
           "reprocess", "search", "stats"]
