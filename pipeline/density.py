"""A fallback for pages where trafilatura returns the whole page or nothing: the densest text block.

Old table-layout pages (forums, blogs, 2000s portals) keep the article in one <td> full of
<br>-separated text, where trafilatura either gives up or returns every cell. Here each
element is scored by the prose written directly in it (its text and the text of inline
children, links excluded), readability-style: a block's score also counts, halved, for
its parent, so an article split over many <p> wins as a whole. The best block's text is
returned line by line, without link-heavy lines.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

INLINE = {"font", "b", "strong", "i", "em", "span", "br", "u", "small", "big", "sup", "sub", "nobr", "wbr", "img"}
BLOCK_BREAKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
                "blockquote", "section", "article", "dd", "dt", "pre", "center"}
SKIP = {"script", "style", "noscript", "head", "title", "meta", "link", "select", "option", "textarea", "button",
        "form", "iframe", "nav", "footer", "header"}
HEAVY_SCRIPT = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")  # what weight() counts three times
# the same characters by the run: a Chinese text's runs hold ten or twenty characters each, so
# counting the runs' lengths makes that many fewer match strings than a match per character
_HEAVY_RUNS = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]+")


def weight(text: str) -> int:
    """Characters of text, a Han (or kana, Hangul) character counting as three Latin ones."""
    # str.split's white space is what \s matches (str.isspace), and splitting is several times
    # faster than a regex sub; heavy characters are no white space, so they are counted in place
    letters = sum(map(len, text.split()))
    if text.isascii():  # no heavy script
        return letters
    return letters + 2 * sum(map(len, _HEAVY_RUNS.findall(text)))


def _direct_text(node: lxml_html.HtmlElement) -> str:
    parts = [node.text or ""]
    for child in node:
        # a comment's or an entity's tag is a function, in no set of names: no isinstance test needed
        if child.tag in INLINE:
            parts.append(_direct_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _scores(tree: lxml_html.HtmlElement) -> dict:
    scores: dict[lxml_html.HtmlElement, float] = {}
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP or node.tag in INLINE or node.tag == "a":
            continue
        w = weight(_direct_text(node))
        if w < 60:
            continue
        scores[node] = scores.get(node, 0) + w
        parent = node.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + w / 2
    return scores


def _link_share(node: lxml_html.HtmlElement) -> float:
    total = weight(node.text_content())
    links = sum(weight(a.text_content()) for a in node.iter("a"))
    return links / total if total else 1.0


def best_blocks(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The top-scoring block and, readability-style, its siblings that hold prose too."""
    scores = _scores(tree)
    if not scores:
        return []
    best = max(scores, key=lambda block: scores[block])
    # an archive page holds several entries of the same weight: no block is *the* article
    related = set(best.iterancestors()) | set(best.iterdescendants())
    rival = max((v for k, v in scores.items() if k is not best and k not in related), default=0)
    if rival >= 0.5 * scores[best]:
        return []
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(60.0, scores[best] * 0.2)
    return [node for node in parent if node is best or (
        isinstance(node.tag, str) and scores.get(node, 0) >= threshold and _link_share(node) < 0.3)]


def _lines(node: lxml_html.HtmlElement, out: list[str], current: list[str], links: list[int]) -> None:
    if isinstance(node.tag, str) and node.tag in SKIP:
        return
    is_block = isinstance(node.tag, str) and node.tag in BLOCK_BREAKS
    if is_block:
        _flush(out, current, links)
    if node.text and isinstance(node.tag, str):
        current.append(node.text)
        if node.tag == "a":
            links[0] += weight(node.text)
    for child in node:
        _lines(child, out, current, links)
        if child.tail:
            current.append(child.tail)
    if is_block:
        _flush(out, current, links)


def _flush(out: list[str], current: list[str], links: list[int]) -> None:
    line = " ".join("".join(current).split())  # white space runs made one space, as \s+ -> " " and strip()
    if line:
        total = weight(line)
        if total and links[0] / total < 0.5:
            out.append(line)
    current.clear()
    links[0] = 0


def densest_text(tree: lxml_html.HtmlElement) -> str:
    """The text of the page's densest prose block, one line per block, link lines dropped."""
    out: list[str] = []
    for block in best_blocks(tree):
        current: list[str] = []
        _lines(block, out, current, [0])
        _flush(out, current, [0])
    return "\n".join(out)


MIN_PROSE_UNIT = 80  # weight of a block's own text for it to be a paragraph, not a label or a menu entry
MIN_UNIT_CHARS = -(-MIN_PROSE_UNIT // 3)  # a Han character weighs three: fewer characters never make a unit
_SENTENCE_STOP = re.compile(r"[.!?。！？]")
_NOT_UNITS = SKIP | INLINE | {"a"}  # a unit's text is read from the block, links aside
MOST_PROSE = 0.7  # share of the page's prose the container holds


def prose_container(tree: lxml_html.HtmlElement) -> tuple[lxml_html.HtmlElement | None, int]:
    """The innermost block holding most (MOST_PROSE) of the page's prose, and the weight of the
    prose in it; (None, 0) on a page without prose. Prose is text written in a block itself
    (inline children in, links out, as the density scores read it), a paragraph long and with
    a sentence stop: what an article is made of, where menus, teasers and widgets are labels
    and links. The container is where a reader would say the text of the page is."""
    held: dict[lxml_html.HtmlElement, int] = {}
    total = 0
    for node in tree.iter(etree.Element):  # every page pays for this walk: the cheap tests first
        if node.tag in _NOT_UNITS:
            continue
        text = _direct_text(node) if len(node) else node.text or ""
        if len(text) < MIN_UNIT_CHARS or not _SENTENCE_STOP.search(text):
            continue
        own = weight(text)
        if own < MIN_PROSE_UNIT:
            continue
        total += own
        held[node] = held.get(node, 0) + own
        for above in node.iterancestors():
            held[above] = held.get(above, 0) + own
    if not total:
        return None, 0
    body = tree.find("body")
    container = body if body is not None else tree
    while True:
        inner = next((child for child in container if held.get(child, 0) >= MOST_PROSE * total), None)
        if inner is None:
            return container, held.get(container, 0)
        container = inner


def block_text(node: lxml_html.HtmlElement) -> str:
    """A block's text, one line per block inside it, link lines and unseen elements dropped."""
    out: list[str] = []
    current: list[str] = []
    _lines(node, out, current, [0])
    _flush(out, current, [0])
    return "\n".join(out)


def looks_like_page_dump(text: str) -> bool:
    """True when extracted text is mostly table rows or short lines: a whole page, not an article."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return True
    # layout rows: empty cells or link separators; a data table in an article has neither
    layout_rows = sum(1 for line in lines if line.lstrip().startswith("|") and ("|  |" in line or "\\|" in line))
    return layout_rows / len(lines) > 0.2
