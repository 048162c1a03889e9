"""Money and percent figures in Chinese and English news text.

`extract_figures(text)` is the entry point: every figure with its span, value or range,
currency, qualifier, and the sentence and context that say what it measures.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources

from pipeline.figures.context import add_context
from pipeline.figures.scan import find_money, find_percent, scan
from pipeline.models import Figure

__all__ = ["MAX_TEXT_CHARS", "extract_figures", "figure_text", "figures_version", "find_money", "find_percent",
           "scan"]

# The figure step of a stored article reads at most this much of its text (articles.figures_chars
# says how much it read), so a 6 MB page of 60,000 paragraphs costs about a second, not minutes.
MAX_TEXT_CHARS = 200_000


def figure_text(text: str) -> str:
    """The part of an article's text the figure step reads: all of it, up to MAX_TEXT_CHARS."""
    return text[:MAX_TEXT_CHARS]


@functools.cache
def figures_version() -> str:
    """`figures.extractor_version`: the pipeline version and a digest of this package's code and
    word lists, so a changed rule is seen as a new version without anyone bumping a number
    (`reprocess --figures-only --outdated-only` then re-derives exactly the stale rows)."""
    from pipeline import __version__

    digest = hashlib.sha256()
    folders = [resources.files("pipeline.figures")]
    while folders:  # the package and its data folders, in a stable order
        for entry in sorted(folders.pop().iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                folders.append(entry)
            elif entry.is_file() and entry.name.endswith((".py", ".txt", ".json", ".tsv", ".toml")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"figures {__version__}+{digest.hexdigest()[:12]}"


def extract_figures(text: str, context: bool = True, published: str | None = None) -> list[Figure]:
    """Every money and percent figure in `text`, in order of position.

    With `context`, each figure also carries its sentence, metric, direction, subject, period
    and role; `published` (the article's ISO date) resolves relative periods such as 去年 or
    "next year", which stay null without it.
    """
    figures = scan(text)
    return add_context(text, figures, published) if context else figures
