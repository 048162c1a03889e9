"""Repairs to trafilatura's text from the page's own structure: blocks it dropped, a tail it took from outside.

trafilatura's main pass, when it finds no article frame, falls back to collecting the page's
paragraphs one by one, and that pass takes no headings and no lists: an article comes back
as its <p>s alone, its subheadings and bullet points gone. `restore_dropped` puts them back:
a heading, list, quote or paragraph that sits between two paragraphs trafilatura kept, under
the same parent, is part of the same run of prose. `trim_foreign_tail` does the opposite at
the end of the text: trailing lines that are not in the element holding the article's kept
paragraphs (footers, consent notes, bios outside the article) go.

`restore_sections` puts back a whole section block of the same tag and class as sibling
sections trafilatura kept. All work on the tree after trafilatura ran (it edits it only to
remove comment and related-post sections) and match text with white space removed, so
Chinese and English alike. `_restore_leading_headings` puts back the headings that open a
block of kept paragraphs; `number_ordered_lists` gives an ordered list's items the page's
numbers. `repair_text` runs them all on one reading of the page.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from pipeline.boilerplate import BOILERPLATE_NAME_RE, LABEL_LINES, RELATED_HEADINGS
from pipeline.nodetext import text_of

_PARAGRAPHS = etree.XPath("/descendant::p")
# what may have been dropped from between two kept paragraphs
RESTORABLE = {"h2", "h3", "h4", "h5", "h6", "ul", "ol", "p", "blockquote", "dl"}
# elements whose text is one line (list items, cells, headings): the units of the duplicate test
_LINE_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "td", "th", "figcaption"}
_BLOCKS = _LINE_TAGS | {"div", "ul", "ol", "br", "tr", "table", "section", "figure", "dl"}
MIN_KEPT_PARAGRAPH = 30  # characters (punctuation and spaces aside) for a paragraph to anchor a run
MAX_RESTORED_LINK_SHARE = 0.5  # a block that is mostly links is navigation, not prose
MAX_KNOWN_SHARE = 0.3  # a block whose lines are mostly in the text already is a copy, not a gap
# control characters and zero-width marks, which trafilatura drops from its text
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]+")
_CODE = {"script", "style", "noscript", "template", "textarea"}  # text no reader sees
# the repairs compare each paragraph with the whole text: past these a page is left as
# trafilatura gave it, so that a page of 20,000 paragraphs costs no more than it did
MAX_PAGE_PARAGRAPHS = 1500
MAX_TEXT_CHARS = 60_000
_SENTENCE = re.compile(r"[^。！？!?.]+[。！？!?.]")
MIN_SENTENCE = 20  # characters (white space aside) for a sentence to count as already told
_FURNITURE_NAME = re.compile(r"(?:^|[\s_-])(?:tags?|byline|author[\s_-]?name|caption|wp-caption|menu|nav|"
                             r"ad[\s_-]?label|credit)(?:$|[\s_-])", re.I)


def _hidden_or_furniture(node: lxml_html.HtmlElement) -> bool:
    """Hidden (hidden, aria-hidden, display:none) or named as page furniture (share, ads, tags,
    bylines...) anywhere in the block: what trafilatura dropped on purpose stays dropped."""
    for element in node.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("hidden") is not None or element.get("aria-hidden") == "true" \
                or "display:none" in (element.get("style") or "").replace(" ", "").lower():
            return True
        name = f"{element.get('class') or ''} {element.get('id') or ''}"
        if name.strip() and (BOILERPLATE_NAME_RE.search(name) or _FURNITURE_NAME.search(name)):
            return True
    return False


def _tells_known(line: str, known: str, known_lines: list[str]) -> bool:
    """A sentence of the line is in the text already, or a line of the text is inside it:
    restoring it would tell something twice. A page furniture label ("Share this story",
    "Related posts") is never restored either."""
    if LABEL_LINES.search(line) or RELATED_HEADINGS.search(line) or _SHARE_LABEL.search(line):
        return True
    if any(len(key := _key(m.group())) >= MIN_SENTENCE and key in known for m in _SENTENCE.finditer(line)):
        return True
    key = _key(line)
    return any(len(known_line) >= MIN_SENTENCE and known_line in key for known_line in known_lines)


_SHARE_LABEL = re.compile(r"^\s*(?:share|follow|subscribe|sign\s+up|分享|关注|關注|订阅|訂閱)\b.{0,40}$", re.I)


def _key(text: str) -> str:
    """Text without white space and table bars: what survives trafilatura's line formatting
    (list bullets stay, but a list item's text is still found inside its line)."""
    # both drop characters one by one, so either may go first: white space first leaves a
    # shorter text to search, often ASCII (a no-break space was its only other character)
    flat = "".join(text.split())
    # every _INVISIBLE character is unprintable: a printable text (told in C, faster than the
    # regex's scan) has none
    if not flat.isascii() and not flat.isprintable():
        flat = _INVISIBLE.sub("", flat)
    return flat.replace("|", "")


def _line_key(line: str) -> str:
    """A line of trafilatura's text as _key gives its element: without the list bullet."""
    return _key(line).lstrip("-")


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


def _block_lines(node: lxml_html.HtmlElement, known: str, known_lines: list[str]) -> list[str]:
    """The block's lines, none of which tells a sentence the text already has (or the block
    comes back not at all: a copy with a word changed is still a copy)."""
    if node.tag in ("ul", "ol"):
        lines = [f"- {line}" for item in node.iter("li") if (line := _flat_text(item))]
    elif node.tag == "dl":
        lines = [line for item in node.iter("dt", "dd") if (line := _flat_text(item))]
    else:
        lines = [line] if (line := _flat_text(node)) else []
    return [] if any(_tells_known(line, known, known_lines) for line in lines) else lines


class _Repair:
    """trafilatura's lines and their keys, the page's paragraphs it kept, and the blocks to
    insert after each line: one reading of the text and of the page's <p>s for all repairs."""

    def __init__(self, tree: lxml_html.HtmlElement, text: str,
                 paragraphs: list[lxml_html.HtmlElement] | None = None) -> None:
        self.tree = tree
        self.lines = text.splitlines()
        self.keys = [_line_key(line) for line in self.lines]
        self.known = "".join(self.keys)
        self.after: dict[int, list[str]] = {}
        # kept <p> -> its key, in page order; not those trafilatura flattened into a table row,
        # whose neighbours may be in that row too, in a form the keys do not find
        self.kept: dict[lxml_html.HtmlElement, str] = {}
        prose = "".join(key for line, key in zip(self.lines, self.keys, strict=True) if not line.startswith("|"))
        for para in _PARAGRAPHS(tree) if paragraphs is None else paragraphs:
            content = text_of(para)
            if len(content) < MIN_KEPT_PARAGRAPH:
                continue  # its key, the text less some characters, is shorter still
            key = _key(content)
            if len(key) >= MIN_KEPT_PARAGRAPH and key in prose:
                self.kept[para] = key

    def insert_after(self, anchor_key: str, lines: list[str]) -> None:
        """Put lines after the line that holds the start of anchor_key (when one does)."""
        head = anchor_key[:40]
        at = next((i for i, key in enumerate(self.keys) if head in key), None)
        if at is not None and lines:
            self.after.setdefault(at, []).extend(lines)
            self.known += _key("".join(lines))

    def insert_before(self, anchor_key: str, lines: list[str]) -> None:
        """Put lines before the line that holds the start of anchor_key, when one does and a
        line of text comes before it (nothing goes above the text's first line)."""
        head = anchor_key[:40]
        at = next((i for i, key in enumerate(self.keys) if head in key), None)
        if at and lines:
            self.after.setdefault(at - 1, []).extend(lines)
            self.known += _key("".join(lines))

    def text(self) -> str:
        out: list[str] = []
        for i, line in enumerate(self.lines):
            out.append(line)
            out.extend(self.after.get(i, ()))
        return "\n".join(out)


def _parents_in_page_order(state: _Repair) -> list[lxml_html.HtmlElement]:
    """The parents of the kept paragraphs, once each, in page order. Not a set: a set of
    elements iterates in the order of their memory addresses, so two blocks restored after
    the same line (repeated template sections with the same text) came out in an order that
    changed from one process to the next, and with it the stored text and its hash."""
    return list(dict.fromkeys(para.getparent() for para in state.kept))


def _restore_dropped(state: _Repair) -> None:
    for parent in _parents_in_page_order(state):
        if parent is None:
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        kept = [i for i, child in enumerate(children) if child in state.kept]
        if len(kept) < 2 or kept[-1] - kept[0] < 2:
            continue
        anchor = kept[0]
        for i in range(kept[0] + 1, kept[-1]):
            child = children[i]
            if child in state.kept:
                anchor = i
                continue
            if child.tag not in RESTORABLE:
                continue
            if not _restorable(child, state):
                continue
            restored = _block_lines(child, state.known, state.keys)
            key = _key("".join(restored))  # its visible text: a <style> or <script> inside says nothing
            if key and key not in state.known:
                state.insert_after(state.kept[children[anchor]], restored)


def _restorable(node: lxml_html.HtmlElement, state: _Repair) -> bool:
    """A dropped block worth putting back: it has text the kept text does not, and is not mostly
    links, mostly told already, hidden or page furniture."""
    key = _key(node.text_content())
    return bool(key) and key not in state.known and _link_share(node, key) <= MAX_RESTORED_LINK_SHARE \
        and _known_share(node, state.known) <= MAX_KNOWN_SHARE and not _hidden_or_furniture(node)


def restore_dropped(tree: lxml_html.HtmlElement, text: str) -> str:
    """The text with the headings, lists and paragraphs trafilatura left out from between
    two paragraphs it kept (same parent), each put after the kept paragraph before it."""
    if not text:
        return text
    state = _Repair(tree, text)
    _restore_dropped(state)
    return state.text()


_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
MAX_LEADING_HEADINGS = 2  # a section's heading and its subheading


def _restore_leading_headings(state: _Repair) -> None:
    """Put back the headings that open a block of kept paragraphs (a section's <h3> and <h4>
    directly before its first kept <p>), when text comes before that block: trafilatura's
    paragraph pass drops them as it drops the headings between paragraphs."""
    for parent in _parents_in_page_order(state):
        if parent is None:
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        first = next(i for i, child in enumerate(children) if child in state.kept)
        leading: list[lxml_html.HtmlElement] = []
        for child in reversed(children[max(0, first - MAX_LEADING_HEADINGS):first]):
            if child.tag not in _HEADINGS:
                break
            leading.insert(0, child)
        lines: list[str] = []
        for heading in leading:
            key = _key(heading.text_content())
            if not key or key in state.known or _link_share(heading, key) > MAX_RESTORED_LINK_SHARE \
                    or _hidden_or_furniture(heading):
                lines = []
                break
            lines.extend(_block_lines(heading, state.known, state.keys))
        if lines and len(lines) == len(leading):
            state.insert_before(state.kept[children[first]], lines)


_LISTS = {"ul", "ol", "dl"}


def _restore_closing_lists(state: _Repair) -> None:
    """Put back the lists that directly follow the last kept paragraph of a block (an article
    or section that ends "...as follows:" and its bullet points): trafilatura's paragraph pass
    drops them. Lists of links, hidden ones and page furniture stay dropped."""
    for parent in _parents_in_page_order(state):
        if parent is None:
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        last = max(i for i, child in enumerate(children) if child in state.kept)
        anchor = state.kept[children[last]]
        for child in children[last + 1:]:
            if child.tag not in _LISTS:
                break
            if not _restorable(child, state):
                break
            restored = _block_lines(child, state.known, state.keys)
            if not restored:
                break
            state.insert_after(anchor, restored)  # after the lines put there before it


SECTION_DEPTH = 3  # how far above a kept paragraph a repeated section block may sit


def _signature(node: lxml_html.HtmlElement) -> tuple[str, str]:
    return node.tag, node.get("class") or ""


def _section_lines(node: lxml_html.HtmlElement, known: str) -> list[str]:
    """The section's one-line elements in order, links-only ones and known ones left out."""
    out = []
    for element in node.iter(*_LINE_TAGS):
        if next(element.iterchildren(*_LINE_TAGS), None) is not None:
            continue
        line = _flat_text(element)
        key = _key(line)
        if not key or key in known or _link_share(element, key) > MAX_RESTORED_LINK_SHARE:
            continue
        out.append(f"- {line}" if element.tag == "li" else line)
    return out


def _restore_sections(state: _Repair) -> None:
    last_key: dict[lxml_html.HtmlElement, str] = {}  # a block holding kept paragraphs -> the last one
    for para, key in state.kept.items():
        node = para
        for _ in range(SECTION_DEPTH):
            node = node.getparent()
            if node is None or node.getparent() is None:
                break
            last_key[node] = key
    done: set[lxml_html.HtmlElement] = set()
    for section in list(last_key):
        parent = section.getparent()
        if parent is None or parent in done:
            continue
        done.add(parent)
        children = [child for child in parent if isinstance(child.tag, str)]
        kept = [i for i, child in enumerate(children) if child in last_key]
        if len(kept) < 2:
            continue
        signatures = {_signature(children[i]) for i in kept}
        anchor = kept[0]
        for i in range(kept[0] + 1, kept[-1]):
            child = children[i]
            if child in last_key:
                anchor = i
                continue
            if _signature(child) not in signatures or next(child.iter("p"), None) is None:
                continue
            key = _key(child.text_content())
            if not key or _link_share(child, key) > MAX_RESTORED_LINK_SHARE \
                    or _known_share(child, state.known) > MAX_KNOWN_SHARE or _hidden_or_furniture(child):
                continue
            lines = _section_lines(child, state.known)
            if not any(_tells_known(line, state.known, state.keys) for line in lines):
                state.insert_after(last_key[children[anchor]], lines)


def restore_sections(tree: lxml_html.HtmlElement, text: str) -> str:
    """The text with whole sections put back that trafilatura left out: a block of the same
    tag and class as sibling blocks whose paragraphs it kept, standing between two of them
    (an article built of repeated section templates, one of which its rules threw away)."""
    if not text:
        return text
    state = _Repair(tree, text)
    _restore_sections(state)
    return state.text()


CONTAINER_SHARE = 0.7  # the article's element holds this share of the kept paragraphs' text
MIN_ANCHORS = 3  # kept paragraphs needed before any line is judged to be outside the article
MAX_TRIMMED_SHARE = 0.3  # never cut more than this share of the text
# a list or a quote is a part of an article, never its element: the share of kept paragraphs
# one holds (a long quoted passage, a list of items with <p>s in them) says where the article
# is no better than the block above it, and the text after it is the article's still. A forum
# thread is the exception: its posts are the items of a list, and that list is the thread.
_PART_TAGS = frozenset({"ul", "ol", "li", "dl", "dt", "dd", "blockquote"})


def _trim_foreign_tail(state: _Repair, text: str, discussion: bool = False) -> str:
    if len(state.kept) < MIN_ANCHORS:
        return text
    weights: dict[lxml_html.HtmlElement, int] = {}
    total = 0
    for para, key in state.kept.items():
        total += len(key)
        for ancestor in para.iterancestors():
            weights[ancestor] = weights.get(ancestor, 0) + len(key)
    depth = {node: sum(1 for _ in node.iterancestors()) for node, w in weights.items()
             if w >= CONTAINER_SHARE * total and (discussion or node.tag not in _PART_TAGS)}
    if not depth:
        return text
    container = max(depth, key=lambda node: depth[node])
    inside = _key(container.text_content())
    lines = text.splitlines()
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        key = _line_key(lines[i])
        if key and key in inside:
            break
        cut = i
    if cut == len(lines):
        return text
    if cut and lines[cut - 1].startswith("- ") and lines[cut].startswith("- ") \
            and not _is_link_item(state.tree, _line_key(lines[cut])):
        return text  # one list run on into the next block: a layout of columns, the article's still
    if _tail_in_landmark_without(container, state.tree, [_line_key(line) for line in lines[cut:]]):
        return text
    kept = "\n".join(lines[:cut]).rstrip()
    if len(_key(kept)) < (1 - MAX_TRIMMED_SHARE) * len(_key(text)):
        return text
    return kept


LINK_ITEM_SHARE = 0.5  # an item whose text is this much link text is a teaser, not a list's item


def _is_link_item(tree: lxml_html.HtmlElement, key: str) -> bool:
    """True when the list item of this key opens with a link or is mostly the text of its
    links: a related-stories list (a linked headline, a teaser) after the article's own last
    list, not that list run on into the next column."""
    if not key:
        return False
    for item in tree.iter("li"):
        text = _key(item.text_content())
        if text == key:
            links = [_key(a.text_content()) for a in item.iter("a")]
            opens = next((link for link in links if link), "")
            return bool(opens) and text.startswith(opens) or sum(map(len, links)) >= LINK_ITEM_SHARE * len(text)
    return False


def _tail_in_landmark_without(container: lxml_html.HtmlElement, tree: lxml_html.HtmlElement,
                              keys: list[str]) -> bool:
    """True when a line of the tail is inside the page's <main> (or role=main) and the element
    of the kept paragraphs is outside it: the paragraphs were mostly a banner's or a menu's (a
    shop's shipping notice in twenty currencies), and the short text in <main> after them is
    the page's own, whatever its share."""
    landmark = next(tree.iter("main"), None)
    if landmark is None:
        landmark = next(iter(tree.xpath("//*[@role='main']")), None)
    if landmark is None or container is landmark or landmark in container.iterancestors():
        return False
    inside = _key(landmark.text_content())
    # a paragraph's worth of text: a short footer line ("Contact us") may be told in <main> too
    return any(len(key) >= MIN_KEPT_PARAGRAPH and key in inside for key in keys)


def trim_foreign_tail(tree: lxml_html.HtmlElement, text: str, discussion: bool = False) -> str:
    """The text without its trailing lines that lie outside the article's element: the
    deepest element that holds most of the kept paragraphs (on a forum thread, a list of
    posts may be that element; elsewhere a list or a quote is only a part of it)."""
    if not text:
        return text
    return _trim_foreign_tail(_Repair(tree, text), text, discussion)


def _ordered_items(tree: lxml_html.HtmlElement) -> dict[str, int]:
    """Key of each item of the page's ordered lists -> its number (an <ol> as trafilatura leaves
    it, a <list rend="ol">, too); an item told in two places with two numbers is left out."""
    numbers: dict[str, int] = {}
    doubtful: set[str] = set()
    for node in tree.iter("ol", "list"):
        if (node.tag == "list" and node.get("rend") != "ol") or node.get("reversed") is not None:
            continue
        start = node.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for item in node:
            if not isinstance(item.tag, str) or item.tag not in ("li", "item"):
                continue
            key = _key(_flat_text(item))
            if key and numbers.setdefault(key, number) != number:
                doubtful.add(key)
            number += 1
    for key in doubtful:
        del numbers[key]
    return numbers


_NUMBERED = re.compile(r"^\s*\(?\d+(?:[.):]|\s)")


def number_ordered_lists(tree: lxml_html.HtmlElement, text: str) -> str:
    """The text with each item of an ordered list numbered as the page numbers it ("1. ...")
    instead of trafilatura's "- " bullet: the number is part of what a reader sees (step 3 of
    5), and an item that carries its own number keeps it alone."""
    if "- " not in text:
        return text
    numbers = _ordered_items(tree)
    if not numbers:
        return text
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("- "):
            continue
        item = line[2:]
        number = numbers.get(_key(item))
        if number is not None and not _NUMBERED.match(item):
            lines[i] = f"{number}. {item}"
    return "\n".join(lines)


def repair_text(tree: lxml_html.HtmlElement, text: str, discussion: bool = False) -> str:
    """restore_dropped, restore_sections and trim_foreign_tail, in turn, on one reading of the
    page, then number_ordered_lists; a page past MAX_PAGE_PARAGRAPHS or MAX_TEXT_CHARS is left
    as trafilatura gave it. `discussion`: the page declares itself a forum thread or a post."""
    if not text or len(text) > MAX_TEXT_CHARS:
        return text
    paragraphs = _PARAGRAPHS(tree)
    if len(paragraphs) > MAX_PAGE_PARAGRAPHS:
        return text
    state = _Repair(tree, text, paragraphs)
    _restore_dropped(state)
    _restore_sections(state)
    _restore_leading_headings(state)
    _restore_closing_lists(state)
    return number_ordered_lists(tree, _trim_foreign_tail(state, state.text(), discussion))
