"""The faster paths of extraction give what the plain ones give, on real pages of ../shared:
one scan for class names and byline candidates, page text by XSLT, trafilatura on our tree."""

from __future__ import annotations

from collections import Counter

import lxml.html
import trafilatura
from lxml import etree

from pipeline.boilerplate import name_values
from pipeline.extract import main_text, parse_html
from pipeline.metadata import _walked_lines, page_lines
from tests.conftest import real_pages


# The byline candidates as trafilatura's rules and our markup search select them, by XPath: the
# reference that name_values' one scan must agree with.
_AUTHORISH = etree.XPath(
    "//@class[contains(., 'uthor') or contains(., 'yline') or contains(., 'writer') or contains(., 'screenname')"
    " or contains(., 'username') or contains(., 'posted-by') or contains(., 'submitted-by') or . = 'byl' or . = 'BBL']"
    " | //@id[contains(., 'uthor')] | //@itemprop[contains(., 'author')] | //@data-component[contains(., 'Byline')]")
_AUTHOR_NODES = etree.XPath(
    "//a[contains(@rel, 'author')] | //*[@itemprop='author'] | //a[contains(@href, '/author/') or contains(@href, '/authors/')]"
    " | //@class[contains(., 'uthor') or contains(., 'byline')]/..")


def test_one_scan_finds_the_names_and_byline_candidates_the_xpaths_find():
    pages = real_pages(5)
    for url, html in pages:
        tree = parse_html(html, url)
        names = name_values(tree)
        by_xpath = tree.xpath("//@class | //@id")
        assert Counter(names) == Counter(str(value) for value in by_xpath), url
        assert Counter(zip(names, map(id, names.owners), strict=True)) == Counter((str(v), id(v.getparent())) for v in by_xpath)
        assert names.authorish == [value.getparent() for value in _AUTHORISH(tree)], url
        assert names.author_nodes == _AUTHOR_NODES(tree), url
        assert names.itemprops == tree.xpath("//@itemprop") and names.itemtypes == tree.xpath("//@itemtype"), url


def test_page_text_by_xslt_is_the_walked_text():
    for url, html in real_pages(3):
        tree = parse_html(html, url)
        assert page_lines(tree) == _walked_lines(tree), url
    # a comment's text is not the page's, the text after it is; a tail after </body> counts
    tree = lxml.html.document_fromstring("<html><body><p>a<!--x-->b</p><script>s</script>c<div>d</div></body></html>")
    assert page_lines(tree) == _walked_lines(tree) == "ab\nc\nd"


def test_trafilatura_on_our_tree_gives_what_bare_extraction_gives():
    for url, html in real_pages(6):
        kept = main_text(parse_html(html, url), url, keep_tree=True)
        doc = trafilatura.bare_extraction(parse_html(html, url), url=url, with_metadata=False,
                                          include_comments=False, include_tables=True, deduplicate=False)
        assert kept == ((doc.text or "") if doc is not None else ""), url
        assert main_text(parse_html(html, url), url, keep_tree=False) == kept, url


def test_short_label_prefilter_misses_no_related_heading(monkeypatch):
    from lxml import etree

    import pipeline.boilerplate as boilerplate

    pages = real_pages(2)
    html = ("<html><body><div><h3> Related Posts </h3><p>x</p></div><p><b>往期回顾：</b></p><span>READ MORE</span>"
            "<h4>\u00a0 You may also like</h4><em>\u3000推荐阅读</em><h5>Latest posts</h5></body></html>")
    trees = [parse_html(page, url) for url, page in pages] + [lxml.html.document_fromstring(html)]
    fast = [boilerplate._short_labels(tree) for tree in trees]
    monkeypatch.setattr(boilerplate, "_SHORT_TEXTS",
                        etree.XPath("//text()[string-length(normalize-space(.)) >= 2][string-length(.) <= 80]"))
    assert fast == [boilerplate._short_labels(tree) for tree in trees]
    assert [node.tag for node in fast[-1]] == ["h3", "b", "span", "h4", "em"]
    # the last-resort parse of a page trafilatura refuses keeps no control character either
    assert [node.tag for node in boilerplate._short_labels(parse_html("<h3>\x0cRelated posts</h3>", "https://x.example/"))] == ["h3"]


def _first_characters(nodes, ignore_case: bool) -> set[str]:
    """The characters a parsed regex can start with after its optional parts (literals and
    alternations; what RELATED_HEADINGS is made of). Fails on anything else."""
    import re._constants as sre

    firsts: set[str] = set()
    for op, arg in nodes:
        if op is sre.AT:
            continue
        if op is sre.MAX_REPEAT and arg[0] == 0:  # optional: its firsts, then what follows
            continue
        if op is sre.LITERAL:
            char = chr(arg)
            return firsts | ({char.lower(), char.upper()} if ignore_case else {char})
        if op is sre.BRANCH:
            return firsts.union(*(_first_characters(branch, ignore_case) for branch in arg[1]))
        if op is sre.SUBPATTERN:
            return firsts | _first_characters(arg[3], ignore_case)
        raise AssertionError(f"unexpected regex node {op}")
    raise AssertionError("a pattern that may match an empty string")


def test_short_label_prefilter_lets_through_every_heading_phrase_and_space():
    import re
    import re._parser
    import sys

    from pipeline.boilerplate import HEADING_FIRSTS, RELATED_HEADINGS, UNSTRIPPED_SPACE

    parsed = re._parser.parse(RELATED_HEADINGS.pattern, RELATED_HEADINGS.flags)
    assert _first_characters(list(parsed), bool(RELATED_HEADINGS.flags & re.I)) <= set(HEADING_FIRSTS)
    # white space str.strip() removes and XPath's normalize-space keeps (control characters are
    # taken out before every parse parse_html makes, and XPath refuses them in a string)
    assert set(UNSTRIPPED_SPACE) == {chr(c) for c in range(0x20, sys.maxunicode + 1)
                                     if chr(c).isspace() and chr(c) not in " \t\n\r"}


_ODD_PAGES = [
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',  # lxml refuses the str: bytes pass
    "<p>only</p>",  # no "html" in its first characters and one element: trafilatura refuses it
    "<div><p>a</p></div><p>b</p>",
    "<!DOCTYPE html/><html><body>x</body></html>",
    "<html/>\n<body><p>x</p></body>",
    "<html><body><form action='/s'><label>q</label><input name='q'><select><option>a</option></select>"
    "<textarea>t</textarea></form><!-- gone --><?pi gone?></body></html>",
]


def test_parse_html_gives_trafilaturas_tree_with_lxml_htmls_classes():
    from pipeline.extract import _load_html

    for url, html in [*real_pages(6), *(("https://x.example/", page) for page in _ODD_PAGES)]:
        ours, theirs = parse_html(html, url), trafilatura.load_html(html)
        if theirs is None:  # refused by trafilatura: lxml.html's own parse, as before
            assert _load_html(html) is None
            theirs = lxml.html.document_fromstring(html)
        assert etree.tostring(ours) == etree.tostring(theirs), url
        assert [type(node) for node in ours.iter()] == [type(node) for node in theirs.iter()], url
    assert _load_html(_ODD_PAGES[0]) is None  # left to trafilatura, which passes it as bytes
    form = parse_html(_ODD_PAGES[-1], "https://x.example/")
    assert isinstance(form.find(".//form"), lxml.html.FormElement)
    assert isinstance(form.find(".//input"), lxml.html.InputElement)
    assert isinstance(form.find(".//select"), lxml.html.SelectElement)
    assert isinstance(form.find(".//label"), lxml.html.LabelElement)
    # elements made later in the document get the classes too (trafilatura adds and copies elements)
    assert isinstance(etree.SubElement(form.find(".//body"), "textarea"), lxml.html.TextareaElement)
    assert type(etree.SubElement(form.find(".//body"), "hi")) is lxml.html.HtmlElement
