"""trafilatura's content selectors, the same elements found without an XPath callback into Python per element.

trafilatura's main extractor (2.3) finds the article container with BODY_XPATH and prunes it
with OVERALL_DISCARD_XPATH; its baseline, html2txt and justext input drop page furniture with
BASIC_CLEAN_XPATH. Their EXSLT `re:test()` terms are callbacks into Python, made for every
div, p, span and section of the page (every element, for BASIC_CLEAN_XPATH), attributes or
not: a fifth of the cost of extracting a page. Here the candidates that carry one of the
tested attributes are selected first, without a callback per element (by lxml's tag iterator
where they are of a few tags, _Tagged; by a test of each element of lxml's walk for
BASIC_CLEAN_XPATH, _TaggedOrNamed; else by an XPath; a missing attribute is the empty string,
which none of the patterns matches: checked at import), and the same regular expressions,
verbatim, judge each candidate's attribute values once per process (class values repeat).

`fast_stages()` gives the trafilatura functions extract.py's cascade calls (extract_content,
compare_extraction, justext_rescue, baseline, html2txt, the recall retry) as copies bound to
these selectors and to one another, plus a prune_unwanted_nodes that skips its guard's read of
the whole text when nothing matched: trafilatura's modules are left as they are, so
trafilatura.extract elsewhere in the process is itself. Used only while trafilatura's
expressions hash to those mirrored here (_MIRRORS_OF); otherwise its own functions run.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import re
import textwrap
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

Selector = Callable[[etree._Element], list]
MAX_CACHED_VERDICTS = 10_000  # attribute-value tuples remembered per selector and process (a few MB at most)


def _first_of(element: etree._Element, first: str, second: str) -> str:
    """XPath's string(@first|@second): the value of whichever of the two comes first in the
    tag (libxml2 keeps attributes in source order), else ''."""
    return _first_of_values(element, first, second, element.get(first), element.get(second))


def _first_of_values(element: etree._Element, first: str, second: str, a: str | None, b: str | None) -> str:
    """_first_of, given the two values (a key function has read them already)."""
    if a is None:
        return b or ""
    if b is None:
        return a
    for key in element.keys():
        if key == first:
            return a
        if key == second:
            return b
    return a


class _Tagged:
    """descendant::*[self::a or self::b][@x or @y] (_elements), found by lxml's tag iterator: its
    walk matches the tags in C, where each `self::` and `@` test costs libxml2 an XPath evaluation
    on every element of the tree (several times the cost, on the tag sets below)."""

    def __init__(self, tags: Sequence[str], attributes: Sequence[str]) -> None:
        self._tags, self._attributes = tuple(tags), tuple(attributes)
        self._xpath = etree.XPath(_elements(tags, attributes))  # for a tree that is no element
        self.path = self._xpath.path

    def __call__(self, tree: Any) -> list:
        if not isinstance(tree, etree._Element):
            return self._xpath(tree)
        attributes = self._attributes
        if len(attributes) == 2:  # most sets: tested without a loop
            first, second = attributes
            return [element for element in tree.iterdescendants(*self._tags)
                    if element.get(first) is not None or element.get(second) is not None]
        return [element for element in tree.iterdescendants(*self._tags)
                if any(element.get(name) is not None for name in attributes)]


class _TaggedOrNamed:
    """descendant::*[self::a or self::b or @x or @y]: elements of these tags or with one of these
    attributes, tested in Python on lxml's walk of the elements (libxml2 evaluates each `self::`
    and `@` test of the XPath as an expression of its own, on every element)."""

    def __init__(self, tags: Sequence[str], attributes: Sequence[str]) -> None:
        self._tags, self._attributes = frozenset(tags), tuple(attributes)
        tests = [f"self::{tag}" for tag in tags] + [f"@{name}" for name in attributes]
        self.path = f"descendant::*[{' or '.join(tests)}]"
        self._xpath = etree.XPath(self.path)  # for a tree that is no element

    def __call__(self, tree: Any) -> list:
        if not isinstance(tree, etree._Element):
            return self._xpath(tree)
        tags, attributes = self._tags, self._attributes
        return [element for element in tree.iterdescendants(etree.Element)
                if element.tag in tags or any(element.get(name) is not None for name in attributes)]


def _candidate_search(candidates: str | tuple[Sequence[str], Sequence[str]] | _TaggedOrNamed) -> Callable[[Any], list]:
    """The search for an expression, for (tags, attributes) as _elements spells them, or a _TaggedOrNamed."""
    if isinstance(candidates, _TaggedOrNamed):
        return candidates
    return etree.XPath(candidates) if isinstance(candidates, str) else _Tagged(*candidates)


class _Judged:
    """Candidates from a C-only XPath (or _Tagged, _TaggedOrNamed), kept when `verdict(key(element))`
    holds, memoised on the key; a verdict of None leaves it to `refine(element)` (a test of the
    element's content, not memoised)."""

    def __init__(self, candidates: str | tuple[Sequence[str], Sequence[str]] | _TaggedOrNamed,
                 key: Callable[[etree._Element], tuple],
                 verdict: Callable[[tuple], bool | None], first_only: bool, source: str,
                 refine: Callable[[etree._Element], bool] | None = None) -> None:
        self._candidates = _candidate_search(candidates)
        self._key, self._verdict, self._refine, self._first_only = key, verdict, refine, first_only
        self._seen: dict[tuple, bool | None] = {}
        self._source = source

    def __call__(self, tree: etree._Element) -> list:
        return self.kept(self._candidates(tree))

    def kept(self, candidates: list) -> list:
        """The candidates selected (by their verdict, memoised, or their refinement), in order."""
        seen, key, verdict, refine = self._seen, self._key, self._verdict, self._refine
        kept = []
        for element in candidates:
            values = key(element)
            if values in seen:
                hit = seen[values]
            else:
                if len(seen) > MAX_CACHED_VERDICTS:
                    seen.clear()
                hit = seen[values] = verdict(values)
            if hit or (hit is None and refine is not None and refine(element)):
                kept.append(element)
                if self._first_only:
                    break
        return kept

    def __str__(self) -> str:  # trafilatura logs the expression that found the body
        return self._source


def _search(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    compiled = re.compile(pattern, flags)
    if compiled.search(""):
        raise ValueError(f"{pattern!r} matches a missing attribute; the candidates' prefilter would miss elements")
    return lambda value: compiled.search(value) is not None


def _elements(tags: Sequence[str] | None, attributes: Sequence[str]) -> str:
    """descendant::*[self::a or self::b][@x or @y]: elements of these tags (any, for None) with
    one of these attributes."""
    of_tags = f"[{' or '.join(f'self::{tag}' for tag in tags)}]" if tags is not None else ""
    return f"descendant::*{of_tags}[{' or '.join(f'@{name}' for name in attributes)}]"


_CONTAINERS = ("article", "div", "main", "section")  # BODY_XPATH's blocks: self::article or self::div...
# OVERALL_DISCARD_XPATH's two candidate sets, as (tags, attributes). (One search for both
# costs more: the second's candidates are most of the first's, judged twice in Python.)
_BOILERPLATE_CANDIDATES = (("div", "item", "list", "p", "section", "span"),
                           ("id", "class", "role", "data-component", "data-lp-replacement-content"))
_DISCARD_CANDIDATES = {"boilerplate": _BOILERPLATE_CANDIDATES, "hidden": (None, ("id", "class", "style", "aria-hidden"))}

# BODY_XPATH[0]: .//*[...][1] is the first match of each parent, so its first hit in document
# order (all _extract takes of it) is the page's first match
_article_id = _search("(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text")
_article_class = _search("post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|"
                         "article-?text|articleText|(?:entry|page|text|article|art)-content|article__content|"
                         "article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container")
_BODY_ARTICLE = _Judged(
    (_CONTAINERS, ("class", "id", "itemprop")),
    lambda e: (e.get("id"), e.get("class"), e.get("itemprop")),
    lambda v: (v[1] in ("post", "entry") or v[2] == "articleBody" or v[0] == "articleContent"
               or _article_id(v[0] or "") or _article_class(v[1] or "")),
    first_only=True, source="BODY_XPATH[0], article content classes")

_story_id = _search("^primary|story-body")
_fulltext = _search("fulltext", re.IGNORECASE)
_story_class = _search("^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post|"
                       "main-column|wpb_text_column|story-body|field-body")
_BODY_STORY = _Judged(
    (_CONTAINERS, ("role", "id", "class")),
    lambda e: (e.get("id"), e.get("class"), e.get("role")),
    lambda v: (v[2] == "article" or v[0] in ("article", "story")
               or v[1] in ("postarea", "art-postcontent", "text", "cell", "story")
               or _story_id(v[0] or "") or _fulltext(v[1] or "") or _story_class(v[1] or "")),
    first_only=True, source="BODY_XPATH[2], story classes")

_main_id = _search("content-main|content-body|contentBody")
_main_class = _search("content[-_]main|content(?:-|__)body")
_CM, _CP = str.maketrans("CM", "cm"), str.maketrans("CP", "cp")
_BODY_MAIN = _Judged(
    (_CONTAINERS, ("id", "class")),
    lambda e: (e.get("id"), e.get("class")),
    lambda v: (v[0] == "content" or v[1] == "content" or _main_id(v[0] or "") or _main_class(v[1] or "")
               or "main-content" in (v[0] or "").translate(_CM) or "main-content" in (v[1] or "").translate(_CM)
               or "page-content" in (v[1] or "").translate(_CP)),
    first_only=True, source="BODY_XPATH[3], main content classes")


class _MainBlock:
    """BODY_XPATH[4]: the first article, div or section whose class, id or role starts with "main",
    and the first <main>, in document order; found in one walk of lxml's tag iterator, which
    stops once it has both."""

    path = ("(.//*[self::article or self::div or self::section][starts-with(@class, 'main') or starts-with(@id, 'main')"
            " or starts-with(@role, 'main')])[1]|(.//main)[1]")

    def __init__(self) -> None:
        self._xpath = etree.XPath(self.path)  # for a tree that is no element

    def __call__(self, tree: Any) -> list:
        if not isinstance(tree, etree._Element):
            return self._xpath(tree)
        found: list = []
        block = main = False
        for element in tree.iterdescendants("article", "div", "section", "main"):
            if element.tag == "main":
                if not main:
                    main = True
                    found.append(element)
            elif not block and ((element.get("class") or "").startswith("main") or (element.get("id") or "").startswith(
                    "main") or (element.get("role") or "").startswith("main")):
                block = True
                found.append(element)
            if block and main:
                break
        return found


_BODY_MAIN_BLOCK = _MainBlock()

_consent = _search("cookie")
_BOTH = ("^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author")
_discard_id = _search(_BOTH + "|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|"
                      "message-container|premium|^ad-")
_discard_class = _search(_BOTH + "|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|"
                         "(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|"
                         "Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|"
                         "next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info|"
                         "user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options|expand|"
                         "obfuscated|blurred|mol-factbox|yin|zlylin|nfoline")
_N = str.maketrans("N", "n")


# key functions of the largest candidate sets: each attribute read once, _first_of's order
# looked up only where both attributes are there
def _boilerplate_key(e: etree._Element, get: Callable) -> tuple:
    ident, cls = get("id"), get("class")
    return (ident, cls, get("role"), get("data-component"), get("data-lp-replacement-content") is not None,
            _first_of_values(e, "id", "class", ident, cls))


def _hidden_key(e: etree._Element, get: Callable) -> tuple:
    ident, cls, style = get("id"), get("class"), get("style")
    return (ident, cls, style, get("aria-hidden"), _first_of_values(e, "id", "class", ident, cls),
            _first_of_values(e, "id", "style", ident, style))


def _basic_clean_key(e: etree._Element, get: Callable) -> tuple:
    cls, ident, tag = get("class"), get("id"), e.tag
    return (tag in _ALWAYS_CLEANED, tag == "div", _first_of_values(e, "class", "id", cls, ident), cls, ident)


_DISCARD_BOILERPLATE = _Judged(
    _BOILERPLATE_CANDIDATES,
    lambda e: _boilerplate_key(e, e.get),
    lambda v: (v[4] or "nav" in (v[2] or "").translate(_N) or "MostPopularStories" in (v[3] or "")
               or _consent(v[5]) or _discard_id(v[0] or "") or _discard_class(v[1] or "")),
    first_only=False, source="OVERALL_DISCARD_XPATH[0], boilerplate classes")

_hidden = _search("hidden")
_comments_id = _search("reader-comments|akismet")
_hidden_class = _search("^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|"
                        " hidden| hide|noprint|notloaded")
_DISCARD_HIDDEN = _Judged(
    _elements(*_DISCARD_CANDIDATES["hidden"]),
    lambda e: _hidden_key(e, e.get),
    lambda v: (v[1] == "comments-title" or v[4].startswith("reply-") or _hidden(v[5])
               or "display:none" in (v[2] or "") or "display: none" in (v[2] or "")
               or _comments_id(v[0] or "") or _hidden_class(v[1] or "") or v[3] == "true"),
    first_only=False, source="OVERALL_DISCARD_XPATH[1], hidden and comment blocks")

# TEASER_DISCARD_XPATH and DISCARD_IMAGE_ELEMENTS (prune_unwanted_sections): the same blocks as the
# boilerplate ones, by a word in their id or class (`contains(translate(@id, 'T', 't'), 'teaser')`)
_T = str.maketrans("T", "t")
_TEASERS = _Judged(
    (_BOILERPLATE_CANDIDATES[0], ("id", "class")),
    lambda e: (e.get("id"), e.get("class")),
    lambda v: "teaser" in (v[0] or "").translate(_T) or "teaser" in (v[1] or "").translate(_T),
    first_only=False, source="TEASER_DISCARD_XPATH, teasers")
_CAPTIONS = _Judged(
    (_BOILERPLATE_CANDIDATES[0], ("id", "class")),
    lambda e: (e.get("id"), e.get("class")),
    lambda v: "caption" in (v[0] or "") or "caption" in (v[1] or ""),
    first_only=False, source="DISCARD_IMAGE_ELEMENTS, captions")

# xpaths.RAW_TREE_PRUNE_XPATH and REMOVE_COMMENTS_AND_LISTS_XPATH, run on the whole raw page;
# each candidate set as (tags, attributes), which RawPrune's one search of the page unites
_SIDEBARS = ("div", "section", "aside")
_COMMENT_TAGS = ("div", "list", "section", "details", "ol", "ul")
_RAW_CANDIDATES = {"appended": (_SIDEBARS, ("id", "class")), "share": (_SIDEBARS, ("class",)),
                   "comments": (_COMMENT_TAGS, ("id", "class"))}
_appended = _search("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_zox_appended = _search("mvp-post-add-(?:box|wrap)")
_APPENDED_ARTICLES = _Judged(
    _RAW_CANDIDATES["appended"],
    lambda e: (e.get("id"), e.get("class")),
    # infinite-scroll containers go unless they hold the headline; Zox News's appended posts always
    lambda v: (True if _zox_appended(v[0] or "") or _zox_appended(v[1] or "")
               else None if _appended(v[0] or "") or _appended(v[1] or "") else False),
    first_only=False, source="RAW_TREE_PRUNE_XPATH[0], appended articles",
    refine=lambda e: e.find(".//h1") is None)
_SHARE_BUTTONS = _Judged(
    _RAW_CANDIDATES["share"],
    lambda e: (e.get("class"),),
    lambda v: "elementor-share-buttons" in v[0],
    first_only=False, source="RAW_TREE_PRUNE_XPATH[1], share buttons")
_comment_id = _search("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_comment_list_id = _search("^(?:[Cc]omment(?!ary)|comol)")
_comment_class = _search("^[Cc]omment(?!ary)|(?:article|post)-comments")
_COMMENT_BLOCKS = _Judged(
    _RAW_CANDIDATES["comments"],
    lambda e: (e.get("id"), e.get("class"), e.tag in ("ol", "ul")),
    lambda v: ((_comment_id(v[0] or "") or _comment_class(v[1] or ""))
               and (not v[2] or _comment_list_id(v[0] or "") or _comment_class(v[1] or ""))),
    first_only=False, source="REMOVE_COMMENTS_AND_LISTS_XPATH, comment blocks and lists")

# settings.BASIC_CLEAN_XPATH (baseline, html2txt and justext's input): a union, so document order
_consent_banner = _search("cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
                          "|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr",
                          re.IGNORECASE)
_ALWAYS_CLEANED = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg", "template"})
_BASIC_CLEAN = _Judged(
    _TaggedOrNamed(("aside", "fencedframe", "footer", "script", "style", "svg", "template"), ("class", "id")),
    lambda e: _basic_clean_key(e, e.get),
    lambda v: (v[0] or (v[1] and "footer" in v[2]) or _consent_banner(v[3] or "") or _consent_banner(v[4] or "")),
    first_only=False, source="BASIC_CLEAN_XPATH, page furniture and consent banners")

# sha256 (first 16 hex digits) of the .path of trafilatura's expressions these mirror, in order
_MIRRORS_OF = {"BODY_XPATH": "1cbf719d5948b3bb", "OVERALL_DISCARD_XPATH": "e0f0992fedd02ac1",
               "TEASER_DISCARD_XPATH": "ebb02f066626551d", "DISCARD_IMAGE_ELEMENTS": "cb1ab981e44913f7",
               "BASIC_CLEAN_XPATH": "db6c25acd08aef99", "RAW_TREE_PRUNE_XPATH": "06426494c87a26ac",
               "REMOVE_COMMENTS_AND_LISTS_XPATH": "9cc18d34e6e2d258"}


def _digest(expressions: Sequence[Any]) -> str:
    paths = "\x00".join(getattr(x, "path", "") for x in expressions)
    return hashlib.sha256(paths.encode()).hexdigest()[:16]


def selectors(module: types.ModuleType) -> dict[str, list] | None:
    """BODY_XPATH and OVERALL_DISCARD_XPATH for `module` (trafilatura.main_extractor) with the
    re:test() expressions replaced, or None when trafilatura's expressions are not those mirrored;
    TEASER_DISCARD_XPATH and DISCARD_IMAGE_ELEMENTS too, each while it is the one mirrored."""
    body, discard = getattr(module, "BODY_XPATH", None), getattr(module, "OVERALL_DISCARD_XPATH", None)
    if body is None or discard is None or len(body) != 5 or len(discard) != 2:
        return None
    if _digest(body) != _MIRRORS_OF["BODY_XPATH"] or _digest(discard) != _MIRRORS_OF["OVERALL_DISCARD_XPATH"]:
        return None
    found = {"BODY_XPATH": [_BODY_ARTICLE, body[1], _BODY_STORY, _BODY_MAIN, _BODY_MAIN_BLOCK],
             "OVERALL_DISCARD_XPATH": [_DISCARD_BOILERPLATE, _DISCARD_HIDDEN]}
    for name, mirror in (("TEASER_DISCARD_XPATH", _TEASERS), ("DISCARD_IMAGE_ELEMENTS", _CAPTIONS)):
        theirs = getattr(module, name, None)
        if isinstance(theirs, list) and _digest(theirs) == _MIRRORS_OF[name]:
            found[name] = [mirror]
    return found


def basic_clean_selector(module: types.ModuleType) -> Selector | None:
    """BASIC_CLEAN_XPATH of `module` (trafilatura.baseline) replaced, or None when it is not the one mirrored."""
    expression = getattr(module, "BASIC_CLEAN_XPATH", None)
    if expression is None or _digest([expression]) != _MIRRORS_OF["BASIC_CLEAN_XPATH"]:
        return None
    return _BASIC_CLEAN


def raw_prunes(module: types.ModuleType) -> tuple[list, list] | None:
    """RAW_TREE_PRUNE_XPATH and REMOVE_COMMENTS_AND_LISTS_XPATH of `module` (trafilatura.core)
    replaced, or None when they are not those mirrored."""
    prune, comments = getattr(module, "RAW_TREE_PRUNE_XPATH", None), getattr(module, "REMOVE_COMMENTS_AND_LISTS_XPATH", None)
    if prune is None or comments is None or _digest(prune) != _MIRRORS_OF["RAW_TREE_PRUNE_XPATH"] \
            or _digest(comments) != _MIRRORS_OF["REMOVE_COMMENTS_AND_LISTS_XPATH"]:
        return None
    return [_APPENDED_ARTICLES, _SHARE_BUTTONS], [_COMMENT_BLOCKS]


class RawPrune:
    """trafilatura's raw-tree prunes as its cascade runs them (RAW_TREE_PRUNE_XPATH's expressions,
    then REMOVE_COMMENTS_AND_LISTS_XPATH's unless told not to), each expression's elements deleted
    before the next is judged, from one search of the page for the candidates of all three
    instead of one each. The same tree results: an element a later expression selects inside one
    already deleted is deleted from that detached block, which the page no longer holds."""

    def __init__(self, stages: Sequence[tuple[_Judged, tuple[Sequence[str], Sequence[str]]]], first_stage: int) -> None:
        tags = list(dict.fromkeys(tag for _, (names, _) in stages for tag in names))
        attributes = tuple(dict.fromkeys(name for _, (_, names) in stages for name in names))
        self._candidates = _Tagged(tags, attributes)
        # each stage's own tag set (None: all the search's) and attributes (None: any of the search's)
        self._stages = [(judged, None if set(own_tags) == set(tags) else frozenset(own_tags),
                         None if set(own_attributes) == set(attributes) else tuple(own_attributes))
                        for judged, (own_tags, own_attributes) in stages]
        self._first_stage = first_stage  # how many of the stages are RAW_TREE_PRUNE_XPATH's

    def __call__(self, tree: Any, comments: bool = True) -> Any:
        from trafilatura.xml import delete_element

        candidates = self._candidates(tree)
        for judged, tags, attributes in self._stages if comments else self._stages[:self._first_stage]:
            fitting = candidates if tags is None else [element for element in candidates if element.tag in tags]
            if attributes is not None:
                fitting = [element for element in fitting if any(element.get(name) is not None for name in attributes)]
            for element in judged.kept(fitting):
                delete_element(element)
        return tree


def raw_prune(module: types.ModuleType) -> RawPrune | None:
    """A RawPrune of trafilatura.core's raw-tree prunes, or None when they are not those mirrored."""
    if raw_prunes(module) is None:
        return None
    return RawPrune([(_APPENDED_ARTICLES, _RAW_CANDIDATES["appended"]), (_SHARE_BUTTONS, _RAW_CANDIDATES["share"]),
                     (_COMMENT_BLOCKS, _RAW_CANDIDATES["comments"])], first_stage=2)


def prune_unwanted_nodes(tree: Any, nodelist: Sequence[Callable], with_backup: bool = False) -> Any:
    """trafilatura.htmlprocessing.prune_unwanted_nodes, without reading the whole text of the
    tree for its over-pruning guard when no expression matched (nothing to prune then)."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes as theirs
    from trafilatura.xml import delete_element

    if not with_backup:
        for expression in nodelist:
            for subtree in expression(tree):
                delete_element(subtree)
        return tree
    matches = dict.fromkeys(elem for expression in nodelist for elem in expression(tree))
    if not matches:
        return tree
    return theirs(tree, [lambda _tree: list(matches)], with_backup=True)


def _rebound(module: types.ModuleType, names: tuple[str, ...], overrides: dict[str, Any]) -> dict[str, Any]:
    """Copies of module's functions `names` that see `overrides` instead of those module globals
    (and one another's copies); the module itself is not changed."""
    namespace = dict(vars(module))
    namespace.update(overrides)
    copies = {}
    for name in names:
        original = vars(module)[name]
        copy = types.FunctionType(original.__code__, namespace, original.__name__, original.__defaults__,
                                  original.__closure__)
        copy.__kwdefaults__ = original.__kwdefaults__
        copy.__doc__ = original.__doc__
        copies[name] = copy
    namespace.update(copies)
    return copies


@dataclass(frozen=True)
class Stages:
    """The trafilatura stages extract.py's cascade calls."""

    extract_content: Callable
    compare_extraction: Callable
    justext_rescue: Callable
    baseline: Callable
    html2txt: Callable
    recall_retry: Callable
    prepare_tree: Callable  # (converted tree, the cleaned tree before conversion that compare_extraction reads)


def trafilatura_stages() -> Stages:
    """trafilatura's own stages, as its modules define them."""
    from trafilatura import core

    return Stages(core.extract_content, core.compare_extraction, core.justext_rescue, core.baseline, core.html2txt,
                  core._recall_retry, core._prepare_tree)


class CleanedLater:
    """The cleaned, unconverted copy of a page that trafilatura's _prepare_tree keeps for
    compare_extraction, made only if compare_extraction asks for it: it hands it to justext
    alone, which runs on few pages, while the copy cost every page a tree copy. Made as
    _prepare_tree made it (tree_cleaning of a copy of the same, unchanged, raw tree)."""

    def __init__(self, tree: Any, options: Any) -> None:
        self._tree, self._options = tree, options

    def made(self) -> Any:
        from copy import copy

        from trafilatura.htmlprocessing import tree_cleaning

        return tree_cleaning(copy(self._tree), self._options)


def _prepare_tree_lazily(tree: Any, options: Any, url: str | None) -> tuple[Any, CleanedLater]:
    """trafilatura.core._prepare_tree with its backup copy made on demand (CleanedLater)."""
    from copy import copy

    from trafilatura.htmlprocessing import convert_tags, tree_cleaning

    return convert_tags(tree_cleaning(copy(tree), options), options, url), CleanedLater(tree, options)


def _on_demand(justext_rescue: Callable) -> Callable:
    """justext_rescue taking a CleanedLater too (compare_extraction's justext input)."""
    def rescue(tree: Any, options: Any) -> Any:
        return justext_rescue(tree.made() if isinstance(tree, CleanedLater) else tree, options)
    return rescue


def _prepares_as_mirrored(core: types.ModuleType) -> bool:
    """True while trafilatura's _prepare_tree is the one _prepare_tree_lazily mirrors (it copies,
    cleans, copies, converts) and compare_extraction hands its cleaned tree to justext alone."""
    from trafilatura import external

    prepare, compare = getattr(core, "_prepare_tree", None), getattr(external, "compare_extraction", None)
    if not isinstance(prepare, types.FunctionType) or not isinstance(compare, types.FunctionType):
        return False
    return (prepare.__code__.co_names == ("tree_cleaning", "copy", "convert_tags")
            and compare.__code__.co_varnames[:1] == ("cleaned_tree",)
            and _uses_only_in(compare, "cleaned_tree", "justext_rescue"))


def _uses_only_in(function: types.FunctionType, name: str, callee: str) -> bool:
    """Whether `function` reads its argument `name` only as the first argument of calls to `callee`
    (read off its syntax tree; False when its source cannot be read)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    reads = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == name]
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == callee and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == name]
    return len(reads) == len(calls) >= 1


# what each module's copied functions are: the ones that reach a mirrored selector, and their callers
_COPIED = {
    "main_extractor": ("extract_content", "_extract", "prune_unwanted_sections", "recover_wild_text"),
    "baseline": ("basic_cleaning", "baseline", "html2txt"),
    "external": ("justext_rescue", "compare_extraction"),
    "core": ("_extract_and_compare", "_recall_retry"),
}


def fast_stages() -> Stages | None:
    """trafilatura's stages bound to the selectors above, or None when they do not fit this trafilatura."""
    try:  # the package's name "baseline" is its function's: the modules by their full names
        modules = {name: importlib.import_module(f"trafilatura.{name}") for name in _COPIED}
    except ImportError:
        return None
    main_extractor, baseline, external, core = (modules[name] for name in _COPIED)
    content, basic = selectors(main_extractor), basic_clean_selector(baseline)
    if content is None or basic is None or not all(
            isinstance(vars(modules[module]).get(name), types.FunctionType)
            for module, names in _COPIED.items() for name in names):
        return None
    extractor = _rebound(main_extractor, _COPIED["main_extractor"],
                         {**content, "prune_unwanted_nodes": prune_unwanted_nodes})
    cleaning = _rebound(baseline, _COPIED["baseline"], {"BASIC_CLEAN_XPATH": basic})
    external_overrides = {"basic_cleaning": cleaning["basic_cleaning"], "prune_unwanted_nodes": prune_unwanted_nodes,
                          "OVERALL_DISCARD_XPATH": content["OVERALL_DISCARD_XPATH"]}
    readability = _fast_readability(external)
    if readability is not None:
        external_overrides["try_readability"] = readability
    comparison = _rebound(external, _COPIED["external"], external_overrides)
    cascade = _rebound(core, _COPIED["core"], {"extract_content": extractor["extract_content"],
                                               "compare_extraction": comparison["compare_extraction"]})
    compare, prepare = comparison["compare_extraction"], core._prepare_tree
    if _prepares_as_mirrored(core):  # its cleaned copy made only for justext
        compare = _rebound(external, ("compare_extraction",), {
            **external_overrides, "justext_rescue": _on_demand(comparison["justext_rescue"])})["compare_extraction"]
        prepare = _prepare_tree_lazily
    return Stages(extractor["extract_content"], compare, comparison["justext_rescue"],
                  cleaning["baseline"], cleaning["html2txt"], cascade["_recall_retry"], prepare)


def _fast_readability(external: types.ModuleType) -> Callable | None:
    """external.try_readability running readability_mirror's Document, or None where that does
    not fit (another readability method, or a try_readability that does not use the module's)."""
    from trafilatura import readability_lxml

    from pipeline.readability_mirror import fast_document

    document, function = fast_document(readability_lxml), vars(external).get("try_readability")
    if document is None or not isinstance(function, types.FunctionType) \
            or vars(external).get("ReadabilityDocument") is not readability_lxml.Document \
            or "ReadabilityDocument" not in function.__code__.co_names:
        return None
    return _rebound(external, ("try_readability",), {"ReadabilityDocument": document})["try_readability"]


# trafilatura.utils.INVALID_XML_CHARS, which repair_faulty_html removes from every page before
# parsing, and the characters it matches (tested against every code point)
_INVALID_XML_PATTERN = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]"
INVALID_XML_CHARS = (*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0e, 0x20)), "\ufffe", "\uffff")


class _RareCharacters:
    """A character-class pattern whose sub() first asks, one `in` per character, whether the text
    holds any of them: a page almost never does, and those searches (memchr-like, in C) cost
    half the class scan over a whole page that the regex makes."""

    def __init__(self, pattern: re.Pattern, characters: Sequence[str]) -> None:
        self.pattern, self.characters = pattern, characters

    def sub(self, repl: str, string: str, count: int = 0) -> str:
        if any(char in string for char in self.characters):
            return self.pattern.sub(repl, string, count)
        return string


def repair_faulty_html() -> Callable[[str, str], str]:
    """trafilatura.utils.repair_faulty_html, bound to a _RareCharacters of its INVALID_XML_CHARS
    while that is the pattern mirrored here; else trafilatura's own."""
    from trafilatura import utils

    theirs = utils.repair_faulty_html
    pattern = getattr(utils, "INVALID_XML_CHARS", None)
    if not isinstance(pattern, re.Pattern) or pattern.pattern != _INVALID_XML_PATTERN or pattern.flags != re.UNICODE \
            or not isinstance(theirs, types.FunctionType):
        return theirs
    return _rebound(utils, ("repair_faulty_html",),
                    {"INVALID_XML_CHARS": _RareCharacters(pattern, INVALID_XML_CHARS)})["repair_faulty_html"]
