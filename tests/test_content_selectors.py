"""The content selectors find the elements trafilatura's re:test() XPaths find, on real pages and
on attribute values made to sit on the edges of their regular expressions; trafilatura's stages
bound to them give what its own give."""

from __future__ import annotations

import copy
import importlib
import itertools

import lxml.html
import pytest
from lxml import etree
from trafilatura import core, external, main_extractor
from trafilatura.settings import Extractor

from pipeline import content_selectors
from pipeline.extract import parse_html
from tests.conftest import real_pages

baseline = importlib.import_module("trafilatura.baseline")  # the package's "baseline" is the function


def _cleaned(tree: lxml.html.HtmlElement, url: str) -> lxml.html.HtmlElement:
    """The tree as extract_content receives it: trafilatura's cleaning and tag conversion."""
    options = Extractor(output_format="python", comments=False, tables=True, dedup=False, url=url, with_metadata=False)
    return core._prepare_tree(tree, options, url)[0]


def _agree(tree: etree._Element) -> int:
    """Assert every mirrored selector gives trafilatura's elements on `tree`; returns the matches seen."""
    ours = content_selectors.selectors(main_extractor)
    assert ours is not None, "trafilatura's BODY_XPATH or OVERALL_DISCARD_XPATH changed: re-mirror content_selectors"
    seen = 0
    for k, (theirs, mine) in enumerate(zip(main_extractor.BODY_XPATH, ours["BODY_XPATH"], strict=True)):
        want = next((node for node in theirs(tree) if node is not None), None)
        got = mine(tree)
        assert (got[0] if got else None) is want, f"BODY_XPATH[{k}]"
        seen += want is not None
    for k, (theirs, mine) in enumerate(zip(main_extractor.OVERALL_DISCARD_XPATH, ours["OVERALL_DISCARD_XPATH"],
                                           strict=True)):
        want = theirs(tree)
        assert mine(tree) == want, f"OVERALL_DISCARD_XPATH[{k}]"
        seen += len(want)
    for name in ("TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS"):
        assert name in ours, f"trafilatura's {name} changed: re-mirror content_selectors"
        want = [node for expression in getattr(main_extractor, name) for node in expression(tree)]
        assert [node for expression in ours[name] for node in expression(tree)] == want, name
        seen += len(want)
    basic = content_selectors.basic_clean_selector(baseline)
    assert basic is not None, "trafilatura's BASIC_CLEAN_XPATH changed: re-mirror content_selectors"
    want = baseline.BASIC_CLEAN_XPATH(tree)
    assert basic(tree) == want, "BASIC_CLEAN_XPATH"
    return seen + len(want)


def test_selectors_find_trafilaturas_elements_on_real_pages():
    seen = 0
    for url, html in real_pages(4):
        seen += _agree(parse_html(html, url))
        seen += _agree(_cleaned(parse_html(html, url), url))
    assert seen > 1000  # the pages do exercise the selectors


# values on the edges of the patterns: anchors, optional parts, case, the first of two attributes
_VALUES = ["", "post", "entry", "article-content", "art-content", "article__body", "articlebody", "articleBody",
           "body-text", "post_text", "postentry", "post-entry", "postcontent", "ArticleContent", "article",
           "article x", "x article y", "primary", "x-primary", "story-content", "storycontent", "single-post",
           "FullText", "FULLTEXT", "fulltext", "text", "cell", "story", "content", "content_main",
           "content__body", "Main-Content", "mAin-content", "Page-Content", "page-Content", "sharing", "reshare",
           "social", "cookie", "Cookie", "footer", "Footer", "nav", "Nav", "menu", "ad-slot", "x ad-slot",
           "xad-", "head ad foot", "dfpAd", "dfpad", "widget", "byline", "related", "elated", "more-on",
           "meta", "hidden", "x hidden", "hide-x", "x-hide-y", "nocomments", "reply-box", "x-reply-y",
           "message", "akismet", "reader-comments", "comments-title", "yin", "bmdh", "jp-x", "premium",
           "cookie-banner", "Cookie_Notice", "cookienotice", "notice--cookie", "CONSENT-MANAGER", "onetrust-x",
           "moove_gdpr", "site-footer", "cookies-not-set", "teaser", "Teaser-box", "x-TEASER", "teaSer", "caption",
           "Caption", "wp-caption-text", "main", "main-column", "x main"]


def _edge_page() -> lxml.html.HtmlElement:
    blocks = []
    for tag, (first, second), value in itertools.product(
            ("div", "section", "article", "main", "p", "span", "aside", "footer", "li"),
            (("id", "class"), ("class", "id"), ("id", "style"), ("style", "id")), _VALUES):
        if tag == "footer" and value:  # a footer is always cleaned: one of each is enough
            continue
        other = "display:none" if "style" in (first, second) and value == "hidden" else "plain"
        blocks.append(f'<{tag} {first}="{value}" {second}="{other}">x</{tag}>')
        blocks.append(f'<{tag} {first}="plain" {second}="{value}">x</{tag}>')
    for attributes in ('role="Navigation"', 'role="article"', 'role="main"', 'itemprop="articleBody"',
                       'data-component="MostPopularStoriesList"', "data-lp-replacement-content",
                       'data-lp-replacement-content=""', 'aria-hidden="true"', 'aria-hidden="false"',
                       'style="display: none"', 'style="color: red"'):
        blocks.append(f"<div {attributes}>x</div><span {attributes}>y</span>")
    blocks += ["<template><p>t</p></template>", "<svg><g/></svg>", "<script>s</script>", "<style>s</style>",
               "<fencedframe></fencedframe>"]
    return lxml.html.document_fromstring("<html><body>" + "".join(blocks) + "</body></html>")


def test_selectors_agree_on_attribute_values_at_the_edges_of_the_patterns():
    tree = _edge_page()
    assert _agree(tree) > 300
    # each body selector's first hit, with the earlier blocks taken away one by one
    body = tree.find("body")
    for _ in range(120):
        body.remove(body[0])
        _agree(tree)


def test_stages_bound_to_the_selectors_give_trafilaturas_results():
    fast, own = content_selectors.fast_stages(), content_selectors.trafilatura_stages()
    assert fast is not None
    options = Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)
    recall = Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)
    recall.focus = "recall"
    for url, html in real_pages(5):
        ours_body, ours_text = fast.extract_content(_cleaned(parse_html(html, url), url), options)
        theirs_body, theirs_text = own.extract_content(_cleaned(parse_html(html, url), url), options)
        assert (ours_text, etree.tostring(ours_body)) == (theirs_text, etree.tostring(theirs_body)), url
        for stage in ("html2txt", "baseline"):
            ours, theirs = getattr(fast, stage)(parse_html(html, url)), getattr(own, stage)(parse_html(html, url))
            if stage == "baseline":
                ours, theirs = ours[1:], theirs[1:]  # text and length
            assert ours == theirs, (stage, url)
        ours_body, ours_text = fast.justext_rescue(parse_html(html, url), options)
        theirs_body, theirs_text = own.justext_rescue(parse_html(html, url), options)
        assert ours_text == theirs_text, url
        assert fast.recall_retry(parse_html(html, url), recall, url)[1] == own.recall_retry(parse_html(html, url),
                                                                                              recall, url)[1], url
    # trafilatura's modules are left alone
    assert main_extractor.BODY_XPATH[0].__class__ is etree.XPath
    assert baseline.BASIC_CLEAN_XPATH.__class__ is etree.XPath
    assert external.basic_cleaning is baseline.basic_cleaning
    assert core.extract_content is main_extractor.extract_content


def test_other_expressions_fall_back_to_trafilaturas_own(monkeypatch):
    changed = [etree.XPath(".//div[@class='post']"), *main_extractor.BODY_XPATH[1:]]
    monkeypatch.setattr(main_extractor, "BODY_XPATH", changed)
    assert content_selectors.selectors(main_extractor) is None
    assert content_selectors.fast_stages() is None
    monkeypatch.undo()
    assert content_selectors.fast_stages() is not None
    monkeypatch.setattr(baseline, "BASIC_CLEAN_XPATH", etree.XPath(".//aside"))
    assert content_selectors.basic_clean_selector(baseline) is None
    assert content_selectors.fast_stages() is None


def test_raw_tree_prunes_find_what_trafilaturas_find():
    from pipeline.extract import _RAW_PRUNE

    ours_prunes = content_selectors.raw_prunes(core)
    assert ours_prunes is not None, "trafilatura's raw-tree prunes changed: re-mirror content_selectors"
    assert isinstance(_RAW_PRUNE, content_selectors.RawPrune)  # the cascade runs the mirrored prunes
    values = ["comment", "comments", "Comment-list", "commentary", "Commentary-box", "commentAry", "x-comment",
              "comol", "disqus_thread", "dsq-comments", "post-comments", "my-article-comments", "Comments",
              "mvp-post-add-box", "mvp-post-add-wrap", "mvp-post-add-x", "infinite-scroll", "infinitescroll",
              "infinite_scroll", "elementor-share-buttons", "plain"]
    blocks = []
    for value in values:
        for tag in ("div", "section", "aside", "ul", "ol", "details", "p"):
            for inner in ("", "<h1>t</h1>", "<div><h1>t</h1></div>"):
                blocks += [f'<{tag} class="{value}">{inner}x</{tag}>', f'<{tag} id="{value}">{inner}x</{tag}>',
                           f'<{tag} class="{value}" id="plain">x</{tag}>', f'<{tag} id="{value}" class="plain">x</{tag}>',
                           f'<{tag} class="plain" id="{value}">{inner}x</{tag}>']
    page = parse_html("<html><body>" + "".join(blocks) + "<div id='comment'><div class='comments'>x</div></div>"
                      + "</body></html>", "https://x.example/")
    pairs = list(zip(core.RAW_TREE_PRUNE_XPATH + core.REMOVE_COMMENTS_AND_LISTS_XPATH,
                     ours_prunes[0] + ours_prunes[1], strict=True))
    found = 0
    for theirs, ours in pairs:
        assert ours(page) == theirs(page)
        found += len(ours(page))
    assert found > 100
    for url, html in real_pages(6):
        tree = parse_html(html, url)
        for theirs, ours in pairs:
            assert ours(tree) == theirs(tree), url


def test_a_pattern_matching_a_missing_attribute_is_refused():
    with pytest.raises(ValueError, match="missing attribute"):
        content_selectors._search("x?")


def test_prune_skips_the_guard_only_when_nothing_matched():
    from trafilatura.htmlprocessing import prune_unwanted_nodes as theirs

    html = "<html><body><div class='a'>one</div><div class='b'>two <span class='a'>three</span></div></body></html>"
    for expression in (etree.XPath(".//*[@class='a']"), etree.XPath(".//*[@class='none']")):
        for with_backup in (True, False):
            mine_tree, their_tree = (lxml.html.document_fromstring(html) for _ in range(2))
            content_selectors.prune_unwanted_nodes(mine_tree, [expression], with_backup=with_backup)
            theirs(their_tree, [expression], with_backup=with_backup)
            assert etree.tostring(mine_tree) == etree.tostring(their_tree)


def test_repair_without_the_scan_gives_trafilaturas_repair(monkeypatch):
    import re
    import sys

    from trafilatura import utils

    pattern = utils.INVALID_XML_CHARS
    assert set(content_selectors.INVALID_XML_CHARS) == {chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))}
    ours = content_selectors.repair_faulty_html()
    assert ours is not utils.repair_faulty_html and utils.INVALID_XML_CHARS is pattern  # a copy; theirs untouched
    pages = [html for _, html in real_pages(3)] + [
        "<!DOCTYPE html>\n<html/>\n<body><p>a\x01b\x0cc\ufffed\x1f</p></body>",
        "<html><body><p>tab\tline\nreturn\r é 中文 \U0001f600</p></body></html>", "\x00", ""]
    for html in pages:
        beginning = html[:50].lower()
        assert ours(html, beginning) == utils.repair_faulty_html(html, beginning)
    assert ours("<html>\x08</html>", "<html>") == "<html></html>"
    # another pattern in trafilatura: its own function
    monkeypatch.setattr(utils, "INVALID_XML_CHARS", re.compile(r"[\x00-\x08]"))
    assert content_selectors.repair_faulty_html() is utils.repair_faulty_html


def test_one_search_raw_prune_leaves_the_tree_trafilaturas_prunes_leave():
    from pipeline.extract import _RAW_PRUNE

    assert isinstance(_RAW_PRUNE, content_selectors.RawPrune)
    # blocks each expression selects, nested in one another across the expressions' order, tails and all
    nested = ("<html><body><div id='main'><p>a</p>"
              "<div class='infinite-scroll'>t1<section class='elementor-share-buttons'>s<div id='comments'>c</div></section>"
              "tail1</div>tail2<aside class='elementor-share-buttons x'><ul class='comment-list'><li>c</li></ul></aside>"
              "<div class='mvp-post-add-box'><h1>h</h1><div id='comment-7'>c</div></div>"
              "<div class='infinite-scroll'><h1>kept</h1><ol id='comments'><li>c</li></ol>tail3</div>"
              "<div id='infinite-scroll-2'><div id='comments-9'><h1>c</h1></div>kept: its h1 is judged first</div>"
              "<ul class='commentary'><li>kept</li></ul><p>end</p></div></body></html>")
    pages = [html for _, html in real_pages(6)] + [nested]
    changed = 0
    for html in pages:
        for comments in (True, False):
            ours, theirs = parse_html(html, "https://x.example/"), parse_html(html, "https://x.example/")
            before = etree.tostring(theirs)
            _RAW_PRUNE(ours, comments)
            core.prune_unwanted_nodes(theirs, core.RAW_TREE_PRUNE_XPATH)
            if comments:
                core.prune_unwanted_nodes(theirs, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
            assert etree.tostring(ours) == etree.tostring(theirs)
            changed += etree.tostring(theirs) != before
    assert changed >= 6
    tree = parse_html(nested, "https://x.example/")
    _RAW_PRUNE(tree, comments=False)
    assert tree.xpath("//ol[@id='comments']") and not tree.xpath("//*[@class='elementor-share-buttons x']")
    _RAW_PRUNE(tree)
    assert tree.xpath("//*[@id='infinite-scroll-2']") and not tree.xpath("//*[@id='comments-9']")


def test_the_cleaned_copy_made_on_demand_is_the_one_prepare_tree_keeps(monkeypatch):
    fast, own = content_selectors.fast_stages(), content_selectors.trafilatura_stages()
    assert fast is not None and fast.prepare_tree is not core._prepare_tree
    options = Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)
    short = ("<html><body><div class='nav'><a href='/'>Home</a></div><div><p>Only a short note here.</p>"
             "<p>And a second line of it.</p></div><footer>Footer</footer></body></html>")
    justext_runs = 0
    for url, html in [*real_pages(4), ("https://x.example/", short)]:
        ours_tree, theirs_tree = parse_html(html, url), parse_html(html, url)
        ours_converted, later = fast.prepare_tree(ours_tree, options, url)
        theirs_converted, backup = own.prepare_tree(theirs_tree, options, url)
        assert isinstance(later, content_selectors.CleanedLater)
        assert etree.tostring(ours_converted) == etree.tostring(theirs_converted), url
        assert etree.tostring(later.made()) == etree.tostring(backup), url
        body, text = own.extract_content(theirs_converted, options)
        ours = fast.compare_extraction(later, copy.copy(ours_tree), copy.deepcopy(body), text, options)
        theirs = own.compare_extraction(backup, copy.copy(theirs_tree), copy.deepcopy(body), text, options)
        assert ours[1] == theirs[1], url
        justext_runs += len(text) < options.min_extracted_size
    assert justext_runs >= 1  # the short page's text asks justext, which reads the copy
    # a _prepare_tree that is not the one mirrored: trafilatura's own, with its own copy
    monkeypatch.setattr(core, "_prepare_tree", lambda tree, options, url: (tree, tree))
    assert content_selectors.fast_stages().prepare_tree is core._prepare_tree


def test_tagged_candidates_are_the_xpath_ones():
    from lxml import etree
    from lxml import html as lxml_html

    from pipeline.content_selectors import _elements, _Tagged

    tree = lxml_html.document_fromstring(
        "<html><body><div id='a'><section class=''><div>x</div><ul class='c'><li id='l'>y</li></ul></section></div>"
        "<!-- c --><aside role='r'><div class='d' id='e'></div></aside></body></html>")
    for tags, attributes in ((("div", "section", "ul"), ("id", "class")), (("div", "aside"), ("role", "id", "class"))):
        found = _Tagged(tags, attributes)
        expected = etree.XPath(_elements(tags, attributes))
        for context in (tree, tree.find("body"), tree.find(".//section"), tree.getroottree()):
            assert found(context) == expected(context)
    assert [e.get("id") for e in _Tagged(("div", "section", "ul"), ("id", "class"))(tree)] == ["a", None, None, "e"]
    either = content_selectors._TaggedOrNamed(("aside", "ul"), ("id", "role"))
    for context in (tree, tree.find("body"), tree.getroottree()):
        assert either(context) == etree.XPath(either.path)(context)
    assert [e.tag for e in either(tree)] == ["div", "ul", "li", "aside", "div"]
