"""extract(html, url) -> Article | None: the article text and metadata of one page.

trafilatura finds the main text; around it we add what news pages need: boilerplate
pruning before it runs, disclaimer removal after, our own dates, bylines, titles and
zh-Hans/zh-Hant/en language, and a decision whether the page is an article at all.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import inspect
import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from pipeline.boilerplate import (
    PageNames, clean_text, drop_repeats_twice, heading_keys, is_discussion, is_text_slug, name_values, prune_tree,
)
from pipeline.bylines import choose_author, may_name_a_starter, plausible, thread_starter
from pipeline.content_selectors import (
    RawPrune, Stages, fast_stages, raw_prune, repair_faulty_html, trafilatura_stages,
)
from pipeline.dates import labelled_date, month_dated, original_date
from pipeline.density import HEAVY_SCRIPT, block_text, densest_text, looks_like_page_dump, prose_container, weight
from pipeline.textrepair import repair_text
from pipeline.urls import absolute_url
from pipeline.errors import ExtractError
from pipeline.language import detect_lang
from pipeline.metadata import (
    PageMeta, _find_loose, around_article, author_near_article, byline_at_end, byline_in_text, date_near_article, read_page_meta,
)
from pipeline.models import Article, PageKind
from pipeline.pagekind import (
    PageSignals, calls_to_action, dated_lines, judge_page, read_types, structure_marks, voice,
)
from pipeline.versions import EXTRACTOR_VERSION  # noqa: F401  (re-exported for callers)

LOGGER = logging.getLogger(__name__)

# Listing pages by URL shape: categories, tags, authors, archives, search, pagination.
LISTING_PATH_RE = re.compile(
    r"/(?:category|categories|tag|tags|topics?|author|authors|search|list|column|专题|栏目)(?:/|$|\.\w{2,4}$)"
    r"|/archives?(?:\.\w{2,4})?(?:/(?:19|20)\d\d(?:/\d{1,2})?)?/?$|/archives?\.\w{2,4}\b"
    r"|/page/\d+/?$|[?&]s=",
    re.I,
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUNS = re.compile(r"[\u4e00-\u9fff]+")  # _HAN by the run: a Chinese line makes a match a run, not a character


def line_shares(text: str, link_texts: frozenset[str]) -> tuple[int, float, float, int]:
    """(the text's weight, its prose share, its link share, how many of its lines are cut off
    with "…"), in one pass over its lines that counts each line's Han characters once.

    The prose share is the share of the text in lines long enough to be prose (menus and link
    lists are short lines); the link share, the share in lines that are the whole text of a
    link (the titles of a listing)."""
    han_total = stripped_total = prose = total = linked = truncated = 0
    for line in text.splitlines():
        # a weight is characters plus two more per Han one; an ASCII line (most lines of an
        # English page, told in C) has none, and strip() takes none away
        han = 0 if line.isascii() else sum(map(len, _HAN_RUNS.findall(line)))
        han_total += han
        stripped = line.strip()
        weight, stripped_weight = len(line) + 2 * han, len(stripped) + 2 * han
        stripped_total += stripped_weight
        if stripped_weight >= 60:
            prose += stripped_weight
        total += weight
        if len(stripped) >= 8 and "".join(line.split()) in link_texts:
            linked += weight
        truncated += stripped.endswith(("…", "..."))  # "…", "..." or "……" with white space at most after it
    return (len(text) + 2 * han_total, prose / stripped_total if stripped_total else 0.0,
            linked / total if total else 0.0, truncated)


# link text -> the same without white space, made once per distinct text a process meets: a
# site's menus and footers repeat their links on every page
_FLAT_ANCHORS: dict[str, str] = {}
MAX_CACHED_ANCHORS = 50_000


def linked_text_share(text: str, anchors: list[str]) -> float:
    """Share of the text (white space aside) that is the text of the page's links, matched in
    document order: near 1 for a page that is nothing but links, low for prose with links in it."""
    flat = "".join(text.split())
    if not flat:
        return 0.0
    pos = matched = 0
    flats = _FLAT_ANCHORS
    if len(flats) > MAX_CACHED_ANCHORS:
        flats.clear()
    for anchor in anchors:
        words = flats.get(anchor)
        if words is None:
            words = flats[anchor] = "".join(anchor.split())
        if not words:
            continue
        at = flat.find(words, pos, pos + len(words) + 200)
        if at >= 0:
            matched += len(words)
            pos = at + len(words)
    return min(1.0, matched / len(flat))


# h2-h5 headings that hold a link and 10+ characters: counted in C, one scan per tag (a test
# of every element's name, or a node set handed to Python, costs several times more)
_LINKED_HEADINGS = etree.XPath(" + ".join(
    f"count(/descendant::{tag}[descendant::a][string-length(normalize-space(.)) >= 10])" for tag in ("h2", "h3", "h4", "h5")))


def page_signals(meta: PageMeta, marks: dict[str, int], types: tuple[str, ...], text: str, url: str,
                 linked_headings: int) -> PageSignals:
    """The signals judge_page decides on: the page's own metadata, its structure, the extracted text."""
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    # the URL the page gives itself (rel=canonical, og:url): what a saved page still says about
    # where it lives, the site's root or a category; a hint only, since CMS templates get it wrong
    own = urlsplit(absolute_url(url, meta.canonical or meta.og_url or "") or "")
    own_path = own.path + ("?" + own.query if own.query else "")
    text_weight, prose, links, truncated = line_shares(text, meta.link_texts)
    return PageSignals(
        declared_root=own.scheme in ("http", "https") and own.path in ("", "/") and not own.query,
        declared_listing=own.scheme in ("http", "https") and bool(LISTING_PATH_RE.search(own_path)),
        types=types, og_type=meta.og_type,
        dated=meta.date_source in ("json-ld", "meta", "time"), printed_date=meta.date_source == "text",
        authored=bool(meta.ld_author or meta.byline or meta.meta_author or meta.dom_author),
        meta_author_only=bool(meta.meta_author and not (meta.ld_author or meta.byline or meta.dom_author)),
        declared_published=meta.declared_published,
        modified_only=bool(meta.modified) and not meta.declared_published and meta.date_source not in ("text", "time"),
        listing_url=bool(LISTING_PATH_RE.search(path)),
        front_page=parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query,
        text_weight=text_weight, prose_share=prose, link_share=links, truncated_lines=truncated,
        linked_headings=linked_headings, headline_words=_headline_words(meta.h1), **marks,  # type: ignore[arg-type]
    )


def _headline_words(h1: str | None) -> float:
    """Words in the headline, two Han characters counting one (Chinese has no spaces)."""
    if not h1:
        return 0.0
    han = len(_HAN.findall(h1))
    return len(_HAN.sub(" ", h1).split()) + han / 2


def _html_classes() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes (HtmlElement, FormElement, HtmlComment...) chosen in C: lxml.html's
    own lookup is a Python method, called for every element each time Python first touches it (several
    thousand calls a page, in trafilatura's passes and ours). The same class for every lowercase tag
    without a namespace, which is what the HTML parser makes."""
    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup._default_element_classes)
    return lookup


# trafilatura.utils.HTML_PARSER's settings, with the lookup above
_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                               remove_pis=True)
_PARSER.set_element_class_lookup(_html_classes())


_REPAIR_FAULTY_HTML = repair_faulty_html()  # trafilatura's, without its scan of the page when it is clean


def _load_html(html: str) -> lxml_html.HtmlElement | None:
    """trafilatura.load_html's first pass on a decoded page, parsed with _PARSER; None wherever it
    would go on to another pass or reject the page (the caller then runs trafilatura's own)."""
    from trafilatura.utils import is_dubious_html

    beginning = html[:50].lower()
    try:
        tree = lxml_html.fromstring(_REPAIR_FAULTY_HTML(html, beginning), parser=_PARSER)
    except Exception:  # noqa: BLE001  (whatever load_html would catch or retry, it does so itself)
        return None
    if tree is None or len(tree) < 1 or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    return tree


# libxml2 (2.14) drops everything after a page's first </html>; a browser (HTML5's "after after
# body" mode) puts it back in the body. Themes that print a header template, </html> and all,
# before the article lose the article so.
_HTML_END = re.compile(r"</html\s*>", re.I)
_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.I)
_UNSEEN = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_STOP = re.compile(r"[.!?。！？](?:\s|$)")
MIN_LATE_RUN = 80  # characters of a text run between tags for it to be a paragraph, not a label
MIN_LATE_PROSE = 400  # characters of such paragraphs after </html>: a part of the article, not a footer's note


def _prose_after_end(html: str) -> bool:
    """True when paragraphs a reader sees follow the page's first </html> tag (one a script
    writes is text, not a tag). Menus and widgets there are left as libxml2 leaves them: gone,
    as they were before, page kinds read from the tree unchanged."""
    end = _HTML_END.search(html)
    while end is not None and _holds_prose(html[end.end():]):  # none after it: none after a later one
        if not _in_script(html, end.start()):
            return True
        end = _HTML_END.search(html, end.end())
    return False


def _holds_prose(markup: str) -> bool:
    """True when the markup has MIN_LATE_PROSE of paragraph text: runs of text between tags with a
    sentence stop (scripts, styles and comments aside)."""
    prose = 0
    for run in _TAG.split(_UNSEEN.sub(" ", markup)):
        run = " ".join(run.split())
        if len(run) >= MIN_LATE_RUN and _SENTENCE_STOP.search(run):
            prose += len(run)
            if prose >= MIN_LATE_PROSE:
                return True
    return False


def _in_script(html: str, at: int) -> bool:
    """True when position `at` of the page is inside a script or a comment."""
    before = html[:at].lower()
    return before.rfind("<script") > before.rfind("</script") or before.rfind("<!--") > before.rfind("-->")


def parse_html(html: str, url: str) -> lxml_html.HtmlElement:
    """The page's tree as trafilatura.load_html gives it, mended where the parse and the reader's
    browser part ways: the text after an early </html> is the page's too."""
    if not html or html.isspace():  # html.strip() empty, without the copy
        raise ExtractError(f"{url}: empty page")
    if _prose_after_end(html):
        html = _END_TAGS.sub(" ", html)
    tree = _parse(html, url)
    if _STREAM_MARK in html:
        _place_streamed(tree)
    return tree


# React's streaming server rendering (Next.js and others) sends the parts of a page that were
# not ready as hidden <div id="S:n"> blocks after the page, each with a script that moves it
# into its slot, a <template id="B:n"> (a Suspense boundary) or <template id="P:n"> (a
# segment), where a browser shows it. Left where the parser puts them, an article's sections
# sit in a row of hidden blocks after the page's footer, and extraction keeps the fragment
# that was ready.
_STREAM_MARK = 'id="S:'
_STREAMED = etree.XPath("//div[@hidden][starts-with(@id, 'S:')]")
_STREAM_SLOTS = etree.XPath("//template[starts-with(@id, 'B:') or starts-with(@id, 'P:')]")


def _place_streamed(tree: lxml_html.HtmlElement) -> None:
    """Move each streamed block into its slot, as the page's script does. Not a block that holds
    the page's frame (a <header> or <nav>: an app shell streamed whole), nor one whose slot
    lies inside such a block: those stay as parsed, which extraction reads as it did."""
    slots = {slot.get("id"): slot for slot in _STREAM_SLOTS(tree)}
    blocks = _STREAMED(tree)
    streamed = set(blocks)
    for block in blocks:
        if next(block.iter("header", "nav"), None) is not None:
            continue
        number = block.get("id", "")[2:]
        slot = slots.get("B:" + number)
        if slot is None:
            slot = slots.get("P:" + number)
        parent = None if slot is None else slot.getparent()
        if slot is None or parent is None or any(above in streamed for above in slot.iterancestors()):
            continue
        at = parent.index(slot)
        if block.text and block.text.strip():
            if at:
                parent[at - 1].tail = (parent[at - 1].tail or "") + block.text
            else:
                parent.text = (parent.text or "") + block.text
        parent[at:at] = list(block)
        slot.drop_tree()  # its tail stays
        block.drop_tree()


def _parse(html: str, url: str) -> lxml_html.HtmlElement:
    tree = _load_html(html)
    if tree is None:
        tree = trafilatura.load_html(html)
        if tree is None:  # trafilatura refuses documents that do not start like HTML (corpus wrappers)
            from trafilatura.utils import INVALID_XML_CHARS

            try:  # without the control characters libxml2's other parses never see (the pruning assumes so)
                tree = lxml_html.document_fromstring(INVALID_XML_CHARS.sub("", html))
            except (ValueError, etree.ParserError) as exc:
                raise ExtractError(f"{url}: not parseable as HTML ({exc})") from exc
    return tree


def extract(html: str, url: str, fetched_at: datetime | None = None, require_article: bool = True) -> Article | None:
    """The article on the page, or None when the page is not an article (a listing, a stub).

    With `require_article=False` a page judged not an article still comes back, its
    `page_kind` saying what it was judged to be. Figures are not extracted here: that is
    its own step (pipeline.figures), run on Article.text. Raises ExtractError when the HTML
    cannot be parsed at all.
    """
    tree = parse_html(html, url)
    names = name_values(tree)
    meta = read_page_meta(tree, url, fetched_at, names)
    types = read_types(tree, names)
    marks = structure_marks(tree, names)
    markup_author = meta.ld_author or meta.dom_author or meta.byline or plausible(meta.meta_author)
    theirs = None if markup_author or meta.class_author else _trafilatura_author(tree)
    discussion = is_discussion(types)
    # read before pruning (a thread's header may go with the page furniture), on pages marked as posts
    starter = thread_starter(tree) if marks["forum_marks"] >= MIN_FORUM_MARKS_FOR_STARTER and \
        may_name_a_starter(html) else None
    prune_tree(tree, names, discussion)
    _unmask_slug_ids(names)
    _unmask_content_blocks(names)
    linked_headings = int(_LINKED_HEADINGS(tree))
    # before trafilatura rewrites the tree; read before pruning, but for the links it cut into
    texts = names.anchor_texts
    anchors = [texts[a] if a in texts else a.text_content() for a in tree.iter("a")]
    table_layout = _maybe_table_layout(tree)
    # the tree is wanted after trafilatura only for htmldate, on an article with no date of
    # its own (a published date once found is never dropped)
    text, page_bound = _main_text(tree, url, keep_tree=not meta.published)
    listing = bool(LISTING_PATH_RE.search(urlsplit(url).path))
    short_text = None  # trafilatura's text, where a rescue replaced it
    dumped = table_layout and not listing and (not text.strip() or looks_like_page_dump(text))
    if not dumped:
        # trafilatura's own text, mended from the page's structure (see pipeline.textrepair)
        text = repair_text(tree, text, discussion)
        # trafilatura edits the tree only to prune comment and share blocks (its cleaning runs
        # on a copy), so the page's prose is read from it after trafilatura ran, where a cheap
        # bound says the text may be short of it
        if _may_be_under_extracted(text, page_bound, tree):
            container, prose = prose_container(tree)
            if container is not None and _under_extracted(text, prose):
                fuller = block_text(container)
                if weight(fuller) > weight(text):
                    text, short_text = fuller, text
    if dumped:
        # trafilatura gave nothing or the whole page: take the densest block when it holds
        # at least half of that text (less means the article spans several blocks). Not on
        # listing and archive pages, which have no one article to pick. trafilatura has
        # changed the tree, so the page is parsed again: rarer than copying every table page.
        backup = parse_html(html, url)
        prune_tree(backup, discussion=discussion)
        dense = densest_text(backup)
        if weight(dense) >= 0.5 * weight(text):
            text = dense
    if not text.strip():
        return None
    # the page's kind is read from what it says once, its repeated section labels aside
    headings = heading_keys(tree)
    text, once = _cleaned(text, meta.title, headings, discussion)
    if not text:
        return None
    kind, kind_signal = _judged(once, meta, marks, types, url, linked_headings, anchors)
    if short_text is not None:
        # the rescue mends an article's text; it does not make a page an article or stop it
        # being one (page kinds are read from trafilatura's text). A page trafilatura gave no
        # text has no kind of its own, and takes the rescued text's.
        short_text, short_once = _cleaned(short_text, meta.title, headings, discussion)
        if short_text:
            short_kind, short_signal = _judged(short_once, meta, marks, types, url, linked_headings, anchors)
            if not kind == short_kind == PageKind.ARTICLE:
                text, kind, kind_signal = short_text, short_kind, short_signal
    judged_article = kind == PageKind.ARTICLE
    if require_article and not judged_article:
        return None
    head, tail = around_article(meta.page_text, text)
    published, date_source = meta.published, meta.date_source
    if not published or date_source == "url":
        first_line = next((line.strip()[:20] for line in text.splitlines() if len(line.strip()) >= 8), "")
        near = date_near_article(meta, head, first_line)
        if near and (not published or near.startswith(published)):
            published, date_source = near, "text"  # a printed date: may add the time the URL lacks
    if not published or date_source == "url":
        labelled = labelled_date(meta.page_text, meta.fetched_at, meta.day_first)
        if labelled and (not published or labelled[0].startswith(published)):
            published, date_source = labelled[0], "updated" if labelled[1] else "text"
    if published and date_source in ("text", "url", "updated") and meta.page_text:
        # a republished piece's first date: in its text, above it, or on the line right after it
        # (not in a teaser further down the page)
        after = _line_after(tail, text)
        original = (original_date("\n".join((head, text)), meta.fetched_at, meta.day_first)
                    or original_date(after, meta.fetched_at, meta.day_first, label_before=after.find("\n") + 1))
        if original and original[:10] < published[:10]:
            published, date_source = original, "text"
    if not published:  # a page that gives only a month and year is dated to the month, not by htmldate's guess
        published, date_source = month_dated(text, meta.page_text, meta.fetched_at), "text"
    fallback_date = not published and judged_article
    # a thread's starter after what the text and JSON-LD say of their own author (a forum widget's
    # "Started by" can sit beside an article's comments); a CMS's declared author (<meta
    # name=author>) before a byline element's text, as trafilatura orders them: the element may
    # hold a username, a job title run into the name or a button
    author = choose_author([byline_in_text(text), meta.byline, meta.ld_author, starter, author_near_article(head, tail),
                            meta.meta_author, meta.dom_author, byline_at_end(text), meta.ld_org], meta.site_name)
    if author is None or author == meta.ld_org:
        # trafilatura's byline rules, and then its meta keys and JSON-LD reading (on the unpruned
        # page, read before pruning), only where ours found no person
        author = choose_author([_normalized(meta.class_author), theirs, author], meta.site_name)
    canonical = _canonical(url, meta.canonical)
    if fallback_date:
        published, date_source = _htmldate(tree), "htmldate"
    return Article(
        url=canonical,
        title=meta.title,
        text=text,
        author=author,
        published=published,
        date_source=date_source if published else None,
        lang=detect_lang(text, meta.html_lang),
        categories=meta.categories,
        tags=meta.tags,
        site_name=meta.site_name,
        description=meta.description,
        image=absolute_url(url, meta.image) if meta.image else None,
        page_kind=kind,
        kind_signal=kind_signal,
    )


def _unmask_slug_ids(names: PageNames) -> None:
    """Drop the ids that spell out their element's own heading ("menu-ideas-for-spring-weddings"
    on the section "Menu ideas for spring weddings"): table-of-contents anchors, which
    trafilatura's id rules and the repairs' furniture names read as what the block is for (a
    menu, a share bar, related posts), and so lose the article's section. Read from the page's
    id values already collected, not from another scan of the tree."""
    for value, node in names.ids:  # a class value is no id (the test below reads the id again)
        # most ids are no slug: the cheap tests first
        if ("-" in value or "_" in value) and node.tag in _SLUG_BLOCKS and value == node.get("id") \
                and _opens_with(node, value) and node.getparent() is not None and is_text_slug(value, node):
            del node.attrib["id"]


def _unmask_content_blocks(names: PageNames) -> None:
    """Take out of a block's class the words that made trafilatura take it for a widget when
    the block holds what a widget never does. A site builder's custom-HTML block (Webflow's
    "w-embed") is where its authors write their tables, and the share-widget rule (class
    "embed", meant for tweets and videos) threw the table away with it; an accordion whose
    class says where its icon sits (Kadence's "kt-accodion-icon-side-right") was dropped by the rule
    for icons ("-icon") with all its panes of prose. An "embed" block with no data table
    and an "-icon" block with no prose keep their class, and are dropped as before."""
    for value, node in zip(names, names.owners, strict=True):
        if ("embed" not in value and "-icon" not in value) or value != node.get("class"):
            continue  # the words first: reading the attribute of every named element costs more
        for word, holds in (("embed", _holds_data_table), ("-icon", _holds_paragraphs)):
            if word in value and holds(node):
                value = " ".join(part for part in value.split() if word not in part)
                node.set("class", value)


MIN_PROSE_PARAGRAPHS = 2  # paragraphs of prose (MIN_LATE_RUN long, a sentence stop) no icon or badge holds


def _holds_paragraphs(node: lxml_html.HtmlElement) -> bool:
    found = 0
    for para in node.iter("p"):
        text = para.text_content()
        if len(text) >= MIN_LATE_RUN and _SENTENCE_STOP.search(text):
            found += 1
            if found >= MIN_PROSE_PARAGRAPHS:
                return True
    return False


MIN_TABLE_ROWS = 2  # rows with two cells of text or more, for a table to hold data, not layout


def _holds_data_table(node: lxml_html.HtmlElement) -> bool:
    rows = 0
    for row in node.iter("tr"):
        if sum(1 for cell in row if cell.tag in ("td", "th") and cell.text_content().strip()) >= 2:
            rows += 1
            if rows >= MIN_TABLE_ROWS:
                return True
    return False


# the blocks trafilatura discards by their id (a heading or a list keeps its own)
_SLUG_BLOCKS = frozenset({"div", "section", "span", "p"})
_ID_WORD = re.compile(r"[^\W\d_]{2,}")


def _opens_with(node: lxml_html.HtmlElement, value: str) -> bool:
    """True when the id's first word is in the element's first piece of text (a section's
    heading): is_text_slug's whole test is then worth running."""
    first = _ID_WORD.search(value)
    if first is None:
        return False
    piece = next((text for text in node.itertext() if any(char.isalpha() for char in text)), "")  # not a "1."
    return first.group().lower() in piece.lower()


def _cleaned(text: str, title: str | None, headings: frozenset[str] = frozenset(),
             discussion: bool = False) -> tuple[str, str]:
    """The text as stored (boilerplate lines, repeats and the headline line gone), and the same
    with every line once, repeated section labels too (see boilerplate.drop_repeats_twice)."""
    kept, once = drop_repeats_twice(clean_text(text), headings, discussion)
    return _without_headline(kept, title), _without_headline(once, title)


def _judged(text: str, meta: PageMeta, marks: dict[str, int], types: tuple[str, ...], url: str,
            linked_headings: int, anchors: list[str]) -> tuple[PageKind, str]:
    """The page's kind, and the signal that decided it, read from this text of it."""
    we, you, reported = voice(text)
    signals = dataclasses.replace(page_signals(meta, marks, types, text, url, linked_headings),
                                  linked_text=linked_text_share(text, anchors), we_share=we, you_share=you,
                                  reported_share=reported, dated_lines=dated_lines(text),
                                  calls_to_action=marks["calls_to_action"] + calls_to_action(anchors))
    return judge_page(signals)


def _sequence_fits() -> bool:
    """True when this trafilatura's cascade is the one main_text mirrors (2.x: its stages, with
    comments off, as trafilatura_sequence runs them)."""
    try:
        from trafilatura import core
        from trafilatura.settings import Extractor
    except ImportError:
        return False
    stages = ("trafilatura_sequence", "_forum_thread_page", "_prepare_tree", "_recall_retry", "extract_content",
              "compare_extraction", "justext_rescue", "baseline", "html2txt", "prune_unwanted_nodes",
              "RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "ESCALATION_MAX_LENGTH",
              "ESCALATION_PAGE_SHARE", "ESCALATION_ACCEPT_RATIO", "ESCALATION_JUSTEXT_RATIO")
    wanted = {"min_output_size", "min_output_comm_size", "max_tree_size", "formatting", "min_extracted_size"}
    baseline = importlib.import_module("trafilatura.baseline")  # the package's name is its function's
    return (all(hasattr(core, name) for name in stages) and isinstance(getattr(baseline, "_BLOCK_ELEMS", None), set)
            and list(inspect.signature(core.trafilatura_sequence).parameters) == ["tree", "options", "url"]
            and wanted <= set(getattr(Extractor, "__slots__", ())))


_SEQUENCE_FITS = _sequence_fits()


def main_text(tree: lxml_html.HtmlElement, url: str, keep_tree: bool = True) -> str:
    """trafilatura's main text of the page (see _main_text)."""
    return _main_text(tree, url, keep_tree)[0]


def _main_text(tree: lxml_html.HtmlElement, url: str, keep_tree: bool = True) -> tuple[str, int]:
    """trafilatura's main text of the page: comments, tables and deduplication as configured here.

    Metadata is ours (metadata.py): trafilatura's own pass costs a third of its time and gets
    Chinese dates, bylines and titles wrong on these sites. trafilatura's cascade runs here stage
    by stage as bare_extraction runs it (the same steps and checks on what comes out), on a copy
    of the tree only when keep_tree says the tree is wanted afterwards, and with readability run
    only where its text could be chosen (see _readability_may_win). Also returns the bound on the
    length of the page's text that comparison read (_readable_length_bound), -1 where it did not.
    """
    if not _SEQUENCE_FITS:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                          include_tables=True, deduplicate=False)
        return (str(getattr(doc, "text", None) or "") if doc is not None else "", -1)  # a Document (a dict only when asked)
    from trafilatura.core import LOGGER as TRAFILATURA_LOGGER
    from trafilatura.xml import xmltotxt

    options = _extraction_options(url)
    try:
        body, text, bound = _cascade(copy.copy(tree) if keep_tree else tree, options, options.url)
        if options.max_tree_size and len(body) > options.max_tree_size:
            etree.strip_tags(body, "hi")
        if (options.max_tree_size and len(body) > options.max_tree_size) or len(text) < options.min_output_size:
            raise ValueError
    except (TypeError, ValueError):  # bare_extraction's "discarding data", said as it says it
        TRAFILATURA_LOGGER.warning("discarding data: %s", options.source)
        return "", -1
    return str(xmltotxt(body, options.formatting) or ""), bound


@functools.cache
def _options_template() -> Any:
    """trafilatura's options as _main_text sets them, for no URL: building them reads nine
    config values through ConfigParser (40 us), the same on every page."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)


def _extraction_options(url: str | None) -> Any:
    """Extractor(output_format="python", comments=False, tables=True, dedup=False, url=url,
    with_metadata=False): the template's copy with the page's URL, as Extractor sets it."""
    options = copy.copy(_options_template())
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


# trafilatura's raw-tree prunes from one search of the page, without an EXSLT call per element,
# while they are the ones content_selectors mirrors (else _cascade runs trafilatura's)
_RAW_PRUNE: RawPrune | None = raw_prune(importlib.import_module("trafilatura.core")) if _SEQUENCE_FITS else None


# trafilatura's stages with their re:test() selectors judged without a call into Python per
# element (content_selectors.py) while they are the ones mirrored there, else its own
_STAGES: Stages | None = (fast_stages() or trafilatura_stages()) if _SEQUENCE_FITS else None


def _cascade(tree: lxml_html.HtmlElement, options: Any, url: str | None) -> tuple[etree._Element, str, int]:
    """trafilatura_sequence with comments off (so no comment capture and no forum-post salvage):
    main extractor, comparison with readability and justext, baseline rescue, recall escalation.
    Also the page's _readable_length_bound where the comparison read it, else -1."""
    from trafilatura import core

    stages = _STAGES if _STAGES is not None else trafilatura_stages()
    is_forum = core._forum_thread_page(tree)
    comments = options.focus == "precision" or not is_forum
    if _RAW_PRUNE is not None:
        tree = _RAW_PRUNE(tree, comments)
    else:
        tree = core.prune_unwanted_nodes(tree, core.RAW_TREE_PRUNE_XPATH)
        if comments:
            tree = core.prune_unwanted_nodes(tree, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned_tree, cleaned_tree_backup = stages.prepare_tree(tree, options, url)
    if options.focus == "precision" and not is_forum:
        cleaned_tree = core.prune_unwanted_nodes(cleaned_tree, core.REMOVE_COMMENTS_XPATH)
    postbody, text = stages.extract_content(cleaned_tree, options)
    bound = -1
    if not options.fast:
        # readability left without a page returns nothing, which compare_extraction never
        # prefers: the rest of the comparison (justext on an unclean or short result) still runs
        if options.focus == "balanced" and text:
            bound = _readable_length_bound(tree)
        raw = copy.copy(tree) if _readability_may_win(tree, postbody, text, options, bound) else _empty_page()
        postbody, text = stages.compare_extraction(cleaned_tree_backup, raw, postbody, text, options)
    if len(text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = stages.baseline(tree)
        if b_len > len(text):
            postbody, text = b_body, b_text
    if (options.focus == "balanced" and 0 < len(text) < core.ESCALATION_MAX_LENGTH
            and len(text) < core.ESCALATION_PAGE_SHARE * _spaced_length_bound(tree)
            and len(text) < core.ESCALATION_PAGE_SHARE * _cleaned_length_bound(tree)
            and len(text) < core.ESCALATION_PAGE_SHARE * len(stages.html2txt(tree))):
        r_options = copy.copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:
            r_body, r_text = stages.recall_retry(tree, r_options, url)
        except Exception as err:  # noqa: BLE001  (trafilatura's own guard on the retry)
            LOGGER.warning("recall retry failed: %s %s", err, url)
        if not options.fast:
            try:
                j_body, j_text = stages.justext_rescue(copy.copy(tree), options)
            except Exception as err:  # noqa: BLE001  (trafilatura's own guard on justext)
                LOGGER.warning("justext candidate failed: %s %s", err, url)
        if len(j_text) > len(r_text) and len(j_text) > core.ESCALATION_JUSTEXT_RATIO * len(text):
            postbody, text = j_body, j_text
        elif len(r_text) >= options.min_extracted_size and len(r_text) > core.ESCALATION_ACCEPT_RATIO * len(text):
            postbody, text = r_body, r_text
    return postbody, text, bound


def _readability_may_win(tree: lxml_html.HtmlElement, body: etree._Element, text: str, options: Any,
                         bound: int = -1) -> bool:
    """False when trafilatura's comparison cannot prefer readability's text, so it need not run
    (a tenth of the cost of a page). In balanced mode readability's text wins over an extraction
    only when it is at least half as long and either over twice as long or, for an extraction
    without paragraph text or with more tables than paragraphs, over twice min_extracted_size;
    readability's text is part of the page's text without scripts and styles, so a page whose
    text is too short for both cannot give it that."""
    if options.focus != "balanced" or not text:
        return True
    if bound < 0:
        bound = _readable_length_bound(tree)
    if bound > 2 * len(text):
        return True
    deficient = not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p"))
    return deficient and bound > 2 * options.min_extracted_size and 2 * bound >= len(text)


def _readable_length_bound(tree: lxml_html.HtmlElement) -> int:
    """At least the length of any text readability can take from the page (white space runs
    made one space, scripts and styles dropped): the page's collapsed text less what its
    scripts and styles hold outside white space (dropping text never adds a word break)."""
    words = etree.tostring(tree, method="text", encoding="unicode").split()
    collapsed = sum(map(len, words)) + len(words) - 1 if words else 0  # len(" ".join(words))
    dropped = sum(_letters(elem.text) for elem in tree.iter("script", "style", "fencedframe") if elem.text)
    return collapsed - dropped


# the characters str.split splits at that are ASCII (str.isspace): the information separators too
_ASCII_SPACE = bytes(code for code in range(128) if chr(code).isspace())


def _letters(text: str) -> int:
    """Characters of the text outside white space (sum(map(len, text.split()))). An ASCII text (most
    scripts and styles, some a few hundred kB) is counted by deleting its white space bytes in C,
    without a string made for each of its words."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_SPACE))
    return sum(map(len, text.split()))


def _spaced_length_bound(tree: lxml_html.HtmlElement) -> int:
    """At least the length of html2txt's page text, without its copy of the page: it only drops
    elements and puts a space before the text and the tail of each block element, each space
    adding at most one word break to the page's text, and never more breaks than letters."""
    from trafilatura.baseline import _BLOCK_ELEMS

    body = tree.find(".//body")
    root = tree if body is None else body
    words = etree.tostring(root, method="text", encoding="unicode", with_tail=False).split()
    letters = sum(map(len, words))
    # one space per letter at worst; or the page's spaced words plus a space per block edge
    return min(2 * letters, letters + len(words) + 2 * sum(1 for _ in root.iter(*_BLOCK_ELEMS)))


@functools.cache
def _cleaned_text_xslt() -> etree.XSLT:
    """html2txt's page text without its copy of the page, by libxslt: the root's content, block
    elements spaced as html2txt spaces them, and without the elements its basic cleaning drops
    by their tag or a "footer" div (those it drops by a consent banner's name stay in)."""
    from trafilatura.baseline import _BLOCK_ELEMS

    dropped = "aside|fencedframe|footer|script|style|svg|template|div[contains(@class|@id, 'footer')]"
    return etree.XSLT(etree.XML(f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:for-each select="*"><xsl:apply-templates/></xsl:for-each></xsl:template>
<xsl:template match="{"|".join(sorted(_BLOCK_ELEMS))}"><xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
<xsl:template match="{dropped}" priority="2"/>
</xsl:stylesheet>"""))


def _cleaned_length_bound(tree: lxml_html.HtmlElement) -> float:
    """At least the length of html2txt's page text (a tenth of the cost): the text of its body
    (or of the tree, without one) as html2txt spaces it, less what it drops by tag or as a footer.
    html2txt's text is a subsequence of that text (it also drops consent banners and control
    characters), and the length of a text with its white space runs made one space only falls
    when characters go. Where libxslt gives up (its depth limit): no bound."""
    body = tree.find(".//body")
    try:
        text = bytes(_cleaned_text_xslt()(tree if body is None else body)).decode("utf-8")
    except (etree.XSLTApplyError, UnicodeDecodeError):
        return float("inf")
    words = text.split()
    return sum(map(len, words)) + len(words) - 1 if words else 0


# class and id words of posts, replies and threads (pagekind's forum marks) on a page before its
# thread-starter label is looked for: a forum's page has hundreds, an article's comment block a few
MIN_FORUM_MARKS_FOR_STARTER = 10
MIN_RESCUED_PROSE = 2000  # weight of prose (about 300 English words) below which a page keeps trafilatura's text
UNDER_EXTRACTION = 3  # the text is short when the page's prose container holds this many times its weight


def _may_be_under_extracted(text: str, page_bound: int, tree: lxml_html.HtmlElement) -> bool:
    """False when _under_extracted cannot hold whatever the page's prose: prose weighs at most
    the page's text length (`page_bound`; -1: not read), three times that where the page has
    Han, kana or Hangul (each weighs three). The page's own text is searched for those only
    where the length alone leaves no room and the text has none (a Chinese page's extraction
    may be an English byline)."""
    if page_bound < 0:
        return True
    if 3 * page_bound < MIN_RESCUED_PROSE:  # no room at either weight: the text's own is not read
        return False
    least = UNDER_EXTRACTION * weight(text)  # read once for both rooms (a non-ASCII text is scanned)
    if page_bound >= MIN_RESCUED_PROSE and least < page_bound:
        return True
    return least < 3 * page_bound and (HEAVY_SCRIPT.search(text) is not None or HEAVY_SCRIPT.search(
        etree.tostring(tree, method="text", encoding="unicode")) is not None)


def _under_extracted(text: str, prose: int) -> bool:
    """True when trafilatura's text is a small part of the page's prose: it kept a lead, a
    caption or the page's furniture and dropped the article, which sat in a block its rules
    discard (a theme's "footer" or "hidden" class, an accordion, markup a parser nested into
    <header> or <aside>). The whole of the prose container is then the better text."""
    return prose >= MIN_RESCUED_PROSE and UNDER_EXTRACTION * weight(text) < prose


def _empty_page() -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring("<html><body></body></html>")


def _line_after(tail: str, text: str) -> str:
    """The page's line that follows the article's last line (in `tail`, around_article's), and
    the start of the next, where a date a note gives may be printed; "" where it is not found."""
    last = next((line for line in reversed(text.splitlines()) if len(line.strip()) >= 8), "")
    found = _find_loose(tail, "".join(last.split())[-16:], last=True) if last else None
    if found is None:
        return ""
    line, _, more = tail[found.end():].lstrip().partition("\n")
    return f"{line}\n{more[:60]}"


def _canonical(url: str, declared: str | None) -> str:
    """The article's URL: its rel=canonical, normalised, unless that is the site's front page
    (a CMS template that gives every page the home page as canonical would make every
    article overwrite the last)."""
    if not declared:
        return url
    absolute = absolute_url(url, declared)
    if absolute is None:
        return url
    if urlsplit(absolute).path in ("", "/") and not urlsplit(absolute).query and urlsplit(url).path not in ("", "/"):
        return url
    return absolute


def _without_headline(text: str, title: str | None) -> str:
    """The text without a first line that repeats the headline: the title has its own column."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    first, title = first.strip(), title.strip()
    if first == title or (len(first) > 10 and title.startswith(first)):
        return rest.strip()
    return text


def _maybe_table_layout(tree: lxml_html.HtmlElement) -> bool:
    """Pages laid out with tables are the ones trafilatura dumps whole; only they get the dense-block fallback."""
    return next(tree.iter("td"), None) is not None


def _trafilatura_author(tree: lxml_html.HtmlElement) -> str | None:
    """trafilatura's author from its meta keys and its JSON-LD reading (cheap: no XPath search)."""
    from trafilatura.metadata import examine_meta, extract_meta_json

    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:  # its JSON-LD code trips on odd data
        LOGGER.debug("trafilatura JSON-LD metadata failed: %s", exc)
    return found.author


def _normalized(author: str | None) -> str | None:
    """An author as trafilatura cleans one (job titles, "By", e-mail addresses dropped)."""
    from trafilatura.json_metadata import normalize_authors

    return normalize_authors(None, author) if author else None


def _htmldate(tree: lxml_html.HtmlElement) -> str | None:
    """htmldate's quick guess, only for a page judged an article when it offers no date we can
    read ourselves (a crawl stores no other page, so no other pays for it).

    Given our tree, not the HTML: htmldate would parse the page a second time. The tree has
    been pruned of boilerplate, which leaves its head and the article's own markup, where the
    dates worth having are. Its extensive search (free text, dateparser) is not run: on the
    793 WCXB articles it found 3 more right dates than the quick one and 22 more wrong ones, at
    about 75 ms a call. htmldate cleans the tree it is given, so call this last.
    """
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError, AttributeError, IndexError, OverflowError) as exc:
        # htmldate raises assorted errors on odd pages; a date is optional
        LOGGER.debug("htmldate failed: %s", exc)
        return None
