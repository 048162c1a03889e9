"""An element's text as text_content() reads it, without lxml's XPath call where that is not needed."""

from __future__ import annotations

from typing import Any


def text_of(node: Any) -> str:
    """node.text_content() (the string value of the element: all its text nodes, in order).

    An element without child nodes other than text (most links, headings, list items and
    paragraphs of plain text; a comment or an entity counts as a child) has no text but its
    own `.text`, which lxml reads without text_content()'s XPath string() evaluation (about
    1.5 us a call, several hundred calls a page)."""
    return node.text_content() if len(node) else node.text or ""
