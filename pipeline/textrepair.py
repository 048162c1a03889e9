"""Repairs to trafilatura's text from the page's own structure: blocks it dropped, a tail it took from outside.

trafilatura's main pass, when it finds no article frame, falls back to collecting the page's
paragraphs one by one, and that pass takes no headings and no lists: an article comes back
as its <p>s alone, its subheadings and bullet points gone. `restore_dropped` puts them back:
a heading, list, quote or paragraph that sits between two paragraphs trafilatura kept, under
the same parent, is part of the same run of prose. `trim_foreign_tail` does the opposite at
the end of the text: trailing lines that are not in the element holding the article's kept
paragraphs (footers, consent notes, bios outside the article) go.

Both work on the tree after trafilatura ran (it edits it only to remove comment and
related-post sections) and match text with white space and punctuation removed, so Chinese
and English alike.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# parents of two or more paragraphs: where a run of prose lives
_PROSE_PARENTS = etree.XPath("//*[count(p) >= 2]")
_PARAGRAPHS = etree.XPath("//p")
# what may have been dropped from between two kept paragraphs
RESTORABLE = {"h2", "h3", "h4", "h5", "h6", "ul", "ol", "p", "blockquote", "dl"}
# elements whose text is one line (list items, cells, headings): the units of the duplicate test
_LINE_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "td", "th", "figcaption"}
_BLOCKS = _LINE_TAGS | {"div", "ul", "ol", "br", "tr", "table", "section", "figure", "dl"}
MIN_KEPT_PARAGRAPH = 30  # characters (punctuation and spaces aside) for a paragraph to anchor a run
MAX_RESTORED_LINK_SHARE = 0.5  # a block that is mostly links is navigation, not prose
MAX_KNOWN_SHARE = 0.3  # a block whose lines are mostly in the text already is a copy, not a gap
_NON_WORD = re.compile(r"\W+")
_CODE = {"script", "style", "noscript", "template", "textarea"}  # text no reader sees


def _key(text: str) -> str:
    """Text reduced to its letters and digits, lowercased: what survives any output formatting."""
    return _NON_WORD.sub("", text.lower())


def _flat_text(node: lxml_html.HtmlElement) -> str:
    """The element's text on one line, with a space wherever a block starts or ends."""
    parts: list[str] = []

    def walk(element: lxml_html.HtmlElement) -> None:
        if not isinstance(element.tag, str) or element.tag in _CODE:
            return  # comments and processing instructions too; the caller adds the tail
        block = element.tag in _BLOCKS
        if block:
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    walk(node)
    return " ".join("".join(parts).split())


def _link_share(node: lxml_html.HtmlElement, key: str) -> float:
    links = sum(len(_key(a.text_content())) for a in node.iter("a"))
    return links / len(key) if key else 1.0


def _known_share(node: lxml_html.HtmlElement, known: str) -> float:
    """Share of the block's one-line elements (by length) already in the text."""
    lines = [_key(e.text_content()) for e in node.iter(*_LINE_TAGS)
             if next(e.iterchildren(*_LINE_TAGS), None) is None] or [_key(node.text_content())]
    total = sum(map(len, lines))
    return sum(len(line) for line in lines if line and line in known) / total if total else 1.0


def _block_lines(node: lxml_html.HtmlElement) -> list[str]:
    if node.tag in ("ul", "ol"):
        return [f"- {line}" for item in node.iter("li") if (line := _flat_text(item))]
    line = _flat_text(node)
    return [line] if line else []


def restore_dropped(tree: lxml_html.HtmlElement, text: str) -> str:
    """The text with the headings, lists and paragraphs trafilatura left out from between
    two paragraphs it kept (same parent), each put after the kept paragraph before it."""
    if not text:
        return text
    lines = text.splitlines()
    line_keys = [_key(line) for line in lines]
    known = "".join(line_keys)
    after: dict[int, list[str]] = {}
    for parent in _PROSE_PARENTS(tree):
        children = [child for child in parent if isinstance(child.tag, str)]
        keys = [_key(child.text_content()) if child.tag in RESTORABLE else "" for child in children]
        kept = [i for i, (child, key) in enumerate(zip(children, keys, strict=True))
                if child.tag == "p" and len(key) >= MIN_KEPT_PARAGRAPH and key in known]
        if len(kept) < 2 or kept[-1] - kept[0] < 2:
            continue
        anchor = kept[0]
        for i in range(kept[0] + 1, kept[-1]):
            child, key = children[i], keys[i]
            if i in kept:
                anchor = i
                continue
            if not key or key in known or _link_share(child, key) > MAX_RESTORED_LINK_SHARE \
                    or _known_share(child, known) > MAX_KNOWN_SHARE:
                continue
            restored = _block_lines(child)
            key = _key("".join(restored))  # its visible text: a <style> or <script> inside says nothing
            if not key or key in known:
                continue
            head = keys[anchor][:40]
            at = next((j for j, line_key in enumerate(line_keys) if head in line_key), None)
            if at is None:
                continue
            after.setdefault(at, []).extend(restored)
            known += key
    if not after:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, ()))
    return "\n".join(out)


CONTAINER_SHARE = 0.7  # the article's element holds this share of the kept paragraphs' text
MIN_ANCHORS = 3  # kept paragraphs needed before any line is judged to be outside the article
MAX_TRIMMED_SHARE = 0.3  # never cut more than this share of the text


def trim_foreign_tail(tree: lxml_html.HtmlElement, text: str) -> str:
    """The text without its trailing lines that lie outside the article's element: the
    deepest element that holds most of the kept paragraphs."""
    lines = text.splitlines()
    if len(lines) < 2:
        return text
    known = _key(text)
    weights: dict[lxml_html.HtmlElement, int] = {}
    total = anchors = 0
    for para in _PARAGRAPHS(tree):
        key = _key(para.text_content())
        if len(key) < MIN_KEPT_PARAGRAPH or key not in known:
            continue
        anchors += 1
        total += len(key)
        for ancestor in para.iterancestors():
            weights[ancestor] = weights.get(ancestor, 0) + len(key)
    if anchors < MIN_ANCHORS:
        return text
    depth = {node: sum(1 for _ in node.iterancestors()) for node, w in weights.items() if w >= CONTAINER_SHARE * total}
    if not depth:
        return text
    container = max(depth, key=lambda node: depth[node])
    inside = _key(container.text_content())
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        key = _key(lines[i])
        if key and key in inside:
            break
        cut = i
    if cut == len(lines):
        return text
    kept = "\n".join(lines[:cut]).rstrip()
    if len(_key(kept)) < (1 - MAX_TRIMMED_SHARE) * len(known):
        return text
    return kept
