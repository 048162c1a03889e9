"""Money and percent figures in Chinese and English news text.

`extract_figures(text)` is the entry point: every figure with its span, value or range,
currency, qualifier, and the sentence and context that say what it measures.
"""

from __future__ import annotations

from pipeline.figures.context import add_context
from pipeline.figures.money import find_money
from pipeline.figures.percent import find_percent
from pipeline.figures.scan import scan
from pipeline.models import Figure

__all__ = ["extract_figures", "find_money", "find_percent", "scan"]


def extract_figures(text: str, context: bool = True) -> list[Figure]:
    """Every money and percent figure in `text`, in order of position.

    With `context`, each figure also carries its sentence, metric, direction and subject.
    """
    figures = scan(text)
    return add_context(text, figures) if context else figures
