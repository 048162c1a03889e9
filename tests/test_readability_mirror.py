from __future__ import annotations

import copy

import lxml.html
from lxml import etree
from trafilatura import readability_lxml

from pipeline.extract import parse_html
from pipeline.readability_mirror import fast_document
from tests.conftest import real_pages


def _dropped_alike(tree: lxml.html.HtmlElement) -> None:
    fast = fast_document(readability_lxml)
    assert fast is not None, "trafilatura's remove_unlikely_candidates changed: re-mirror readability_mirror"
    theirs, ours = copy.copy(tree), copy.copy(tree)
    readability_lxml.Document(theirs).remove_unlikely_candidates()
    fast(ours).remove_unlikely_candidates()
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_mirror_drops_what_readability_drops():
    _dropped_alike(lxml.html.document_fromstring(
        "<html class='menu'><body class='sidebar'><!-- c --><div class='comment-list' id='main'>a</div>"
        "<div class='' id='footer'>b<p id='x'>c</p></div><div class='Sidebar' id=''>d</div>tail"
        "<ul class='menu'><li class='rss'>e</li></ul><p>f</p></body></html>"))
    for url, html in real_pages(6):
        _dropped_alike(parse_html(html, url))


def test_cascade_runs_the_mirror():
    from pipeline.extract import _STAGES

    assert _STAGES is not None
    assert _STAGES.compare_extraction.__globals__["try_readability"].__globals__["ReadabilityDocument"] \
        is not readability_lxml.Document
