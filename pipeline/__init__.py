"""Crawl crypto and finance news into SQLite, with every money and percent figure."""

__version__ = "0.1.0"
