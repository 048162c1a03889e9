"""Which code produced a stored row: `articles.extractor_version` (text and metadata) and
`figures.extractor_version` (pipeline.figures.figures_version), kept apart so a new figure
rule re-derives figures from stored text without re-extracting any HTML."""

from __future__ import annotations

from importlib import metadata

from pipeline import __version__

# read from the installed metadata, not trafilatura.__version__: importing the store must not load trafilatura
EXTRACTOR_VERSION = f"pipeline {__version__}; trafilatura {metadata.version('trafilatura')}"
