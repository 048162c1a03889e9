"""Text repairs after trafilatura: dropped headings and lists put back, a foreign tail cut."""

from __future__ import annotations

import pytest
import trafilatura
from lxml import html as lxml_html

from pipeline.extract import extract
from pipeline.textrepair import restore_dropped, restore_sections, trim_foreign_tail


def _para(i: int) -> str:
    return f"<p>Paragraph {i} explains one more part of the story in enough words to count as prose here.</p>"


def _page(body: str) -> str:
    return f"<html><head><title>A story</title></head><body><div class='wrap'>{body}</div></body></html>"


# no <article>, no content class: trafilatura's wild-text pass, which keeps only the <p>s
FRAMELESS = _page("<div class='post-area'>" + _para(1) + _para(2) + "<h2>What the tests found</h2>" + _para(3)
                  + "<ul><li>The first finding is stated here</li><li>The second finding is stated here</li></ul>"
                  + _para(4) + "</div>")


def test_trafilatura_alone_drops_the_heading_and_the_list() -> None:
    text = trafilatura.extract(FRAMELESS) or ""
    assert "Paragraph 4" in text and "What the tests found" not in text and "first finding" not in text


def test_extract_restores_heading_and_list_in_place() -> None:
    article = extract(FRAMELESS, "https://example.com/2024/05/story.html", require_article=False)
    assert article is not None
    lines = article.text.splitlines()
    assert lines.index("What the tests found") == lines.index(next(x for x in lines if "Paragraph 2" in x)) + 1
    assert "- The first finding is stated here" in lines
    assert lines.index("- The second finding is stated here") < lines.index(next(x for x in lines if "Paragraph 4" in x))


def _kept(tree: lxml_html.HtmlElement) -> str:
    """The page's <p>s as trafilatura's wild-text pass gives them."""
    return "\n".join(" ".join(p.text_content().split()) for p in tree.iter("p"))


def test_link_lists_scripts_and_copies_are_not_restored() -> None:
    tree = lxml_html.fromstring(_page(
        "<div>" + _para(1)
        + "<ul><li><a href='/a'>Another story title</a></li><li><a href='/b'>A second story title</a></li></ul>"
        + _para(2) + "<div><style>.gallery { margin: auto; float: left; }</style></div>"
        + "<blockquote>Paragraph 1 explains one more part of the story in enough words to count as prose here.</blockquote>"
        + _para(3) + "</div>"))
    text = _kept(tree)
    assert restore_dropped(tree, text) == text


def test_blocks_outside_the_kept_run_are_not_restored() -> None:
    tree = lxml_html.fromstring(_page("<div><h2>Newsletter sign-up for readers</h2>" + _para(1) + _para(2)
                                      + "<ul><li>Share on a social network site</li></ul></div>"))
    text = _kept(tree)
    assert restore_dropped(tree, text) == text


def test_chinese_heading_between_paragraphs_is_restored() -> None:
    para = "<p>{}</p>".format
    tree = lxml_html.fromstring(_page(
        "<div>" + para("北京时间周一，交易所公布了新的规则，市场参与者对此反应不一，分析人士认为影响有限。")
        + "<h3>市场反应</h3>" + para("多家机构在报告中指出，新规则将在下个月生效，并将逐步扩大到更多品种。") + "</div>"))
    text = _kept(tree)
    assert restore_dropped(tree, text).splitlines()[1] == "市场反应"


def test_a_tail_from_outside_the_article_element_is_cut() -> None:
    tree = lxml_html.fromstring(_page(
        "<main><div class='body'>" + _para(1) + _para(2) + _para(3) + "<p>Short closing line.</p></div></main>"
        "<div class='site'><p>Copyright 2024 Example Media Group. All rights reserved.</p></div>"))
    text = _kept(tree)
    trimmed = trim_foreign_tail(tree, text)
    assert trimmed.splitlines()[-1] == "Short closing line."
    assert "Copyright" in text and "Copyright" not in trimmed


def test_a_tail_inside_the_article_element_is_kept() -> None:
    tree = lxml_html.fromstring(_page(
        "<div class='body'>" + _para(1) + _para(2) + _para(3)
        + "<div class='note'><p>Copyright 2024 Example Media Group. All rights reserved.</p></div></div>"))
    text = _kept(tree)
    assert trim_foreign_tail(tree, text) == text


@pytest.mark.parametrize("part", ["blockquote", "ol", "ul"])
def test_a_list_or_quote_holding_most_paragraphs_is_not_the_article_element(part: str) -> None:
    """A long quoted passage or a list of <p> items can hold most of the kept paragraphs; the
    article's element is still the block around it, and its closing section is the article's."""
    inner = "".join(f"<li>{_para(i)}</li>" for i in range(1, 6)) if part != "blockquote" \
        else "".join(_para(i) for i in range(1, 6))
    tree = lxml_html.fromstring(_page(
        f"<div class='body'><{part}>{inner}</{part}><h2>Further reading</h2>"
        "<p>These are a few of the newsletters that are worth a reader's time.</p></div>"
        "<div class='site'><p>Copyright 2024 Example Media Group. All rights reserved.</p></div>"))
    text = _kept(tree)
    trimmed = trim_foreign_tail(tree, text)
    assert "worth a reader's time" in trimmed and "Copyright" not in trimmed


def test_on_a_forum_thread_the_list_of_posts_is_the_threads_element() -> None:
    """A forum's posts are the items of a list: on a page that declares a thread, that list is
    the element, and the sign-up prompt after it is cut; on an article it would be kept."""
    posts = "".join(f"<li class='post'>{_para(i)}{_para(i + 10)}</li>" for i in range(1, 6))
    tree = lxml_html.fromstring(_page(
        f"<div class='topic'><ul class='posts'>{posts}</ul>"
        "<div class='guest-cta'><p>It looks like you are interested in this conversation, but you "
        "have no account yet.</p></div></div>"))
    text = _kept(tree)
    assert "no account yet" not in trim_foreign_tail(tree, text, discussion=True)
    assert trim_foreign_tail(tree, text, discussion=True).endswith(_kept(lxml_html.fromstring(_para(15))))
    assert trim_foreign_tail(tree, text) == text


def test_a_list_that_runs_on_into_the_next_column_is_not_cut() -> None:
    """A two-column layout splits one list over two blocks: the second block's items follow the
    first's, and they are the article's, though outside the element of its paragraphs."""
    tree = lxml_html.fromstring(_page(
        "<main><div>" + _para(1) + _para(2) + _para(3) + "<ul><li>Belts</li><li>Exhaust system</li></ul></div>"
        "<div class='columns-5050'><ul><li>Hoses</li><li>Wiper blades</li></ul></div></main>"))
    text = _kept(tree) + "\n- Belts\n- Exhaust system\n- Hoses\n- Wiper blades"
    assert trim_foreign_tail(tree, text) == text
    # the same second block after a paragraph is a tail of its own, and goes
    text = _kept(tree) + "\n- Hoses\n- Wiper blades"
    assert trim_foreign_tail(tree, text) == _kept(tree)


def test_a_related_list_after_the_articles_last_list_is_still_cut() -> None:
    """A list of linked headlines after the article's closing list is a teaser block, not the
    article's list run on into a second column."""
    tree = lxml_html.fromstring(_page(
        "<main><div>" + _para(1) + _para(2) + _para(3) + "<ul><li>Belts</li><li>Exhaust system</li></ul></div>"
        "<div class='more'><ul><li><a href='/a'>Rates rise again</a> What the bank said</li>"
        "<li><a href='/b'>Stocks slip</a> The index fell</li></ul></div></main>"))
    text = _kept(tree) + "\n- Belts\n- Exhaust system\n- Rates rise again What the bank said\n- Stocks slip The index fell"
    assert trim_foreign_tail(tree, text) == _kept(tree) + "\n- Belts\n- Exhaust system"


def test_the_text_in_main_after_a_banners_paragraphs_is_kept() -> None:
    """A shop prints its shipping notice once per currency, in a banner above <main>: those are
    most of the kept paragraphs, but the short text inside <main> after them is the page's."""
    notices = "".join(f"<p>Free standard shipping on orders over {n}0 in currency number {n}, see the page.</p>"
                      for n in range(1, 9))
    terms = "<p>Receive ten percent off a set of three to five products at all our shops and online.</p>"
    tree = lxml_html.fromstring(_page(f"<div class='promo-bar'>{notices}</div><main><h1>Promo terms</h1>{terms}</main>"))
    text = _kept(tree)
    assert trim_foreign_tail(tree, text) == text
    # the same text after the banner, with no <main> to say where the page is, is a tail
    tree = lxml_html.fromstring(_page(f"<div class='promo-bar'>{notices}</div><div>{terms}</div>"))
    assert "Receive ten percent" not in trim_foreign_tail(tree, _kept(tree))


def test_a_footer_line_that_main_also_says_is_still_cut() -> None:
    """Only a paragraph's worth of the tail inside <main> stops the cut: a footer's "Contact us"
    is told in a <main> sentence too, and it is still the footer's."""
    notices = "".join(_para(i) for i in range(1, 6))
    tree = lxml_html.fromstring(_page(
        f"<div class='story'>{notices}</div><main><p>Contact us when the order is late.</p></main>"
        "<footer><p>Contact us</p></footer>"))
    story = "\n".join(" ".join(p.text_content().split()) for p in tree.find_class("story")[0].iter("p"))
    assert trim_foreign_tail(tree, story + "\nContact us") == story


def test_too_few_paragraphs_to_place_the_article_cut_nothing() -> None:
    tree = lxml_html.fromstring(_page("<div>" + _para(1) + _para(2) + "</div><div><p>Elsewhere on the site.</p></div>"))
    text = _kept(tree)
    assert trim_foreign_tail(tree, text) == text


def test_a_section_block_like_its_kept_siblings_is_restored() -> None:
    section = "<div class='section-body'><h2>Part {0}</h2>{1}{2}</div>".format
    tree = lxml_html.fromstring(_page(
        "<div class='article'>" + section(1, _para(1), _para(2)) + section(2, _para(3), _para(4))
        + section(3, _para(5), _para(6)) + "<div class='promo'><p>Get the newsletter for more stories like this one, every week.</p></div>"
        + section(4, _para(7), _para(8)) + "</div>"))
    kept = "\n".join(" ".join(p.text_content().split()) for p in tree.iter("p")
                     if any(f"Paragraph {i} " in p.text_content() for i in (1, 2, 3, 4, 7, 8)))
    lines = restore_sections(tree, kept).splitlines()
    assert lines[4:7] == ["Part 3", " ".join(lxml_html.fromstring(_para(5)).text_content().split()),
                          " ".join(lxml_html.fromstring(_para(6)).text_content().split())]
    assert not any("newsletter" in line for line in lines)  # a block of another class stays out


def test_paragraphs_flattened_into_a_table_row_anchor_nothing() -> None:
    tree = lxml_html.fromstring(_page("<table><tr><td>" + _para(1) + "<h3>A heading in the cell</h3>" + _para(2)
                                      + "</td></tr></table>"))
    row = "| " + " ".join(" ".join(p.text_content().split()) for p in tree.iter("p")) + " |"
    assert restore_dropped(tree, row) == row


_TOLD = "The central bank raised its main rate by half a point on Tuesday."
_NEW1 = "Inflation has stayed above the target for three years in a row now."
_NEW2 = "Markets had expected a smaller move from the policy committee this week."


def _frameless(block: str) -> str:
    paras = "".join(f"<p>Paragraph {i} tells of the economy and of the many things that happen in it every day.</p>"
                    for i in range(6))
    return (f"<html><body><div><p>{_TOLD}</p>{paras}{block}"
            "<p>Later paragraph one tells more about the economy and the markets today.</p>"
            "<p>Later paragraph two tells even more about what the policy makers said.</p></div></body></html>")


@pytest.mark.parametrize("block", [f"<dl><dd>{_TOLD}</dd><dd>{_NEW1}</dd><dd>{_NEW2}</dd></dl>",
                                   f"<h3>Why it matters <span>{_TOLD}</span> {_NEW1} {_NEW2}</h3>"])
def test_a_restored_block_never_tells_a_sentence_twice(block: str) -> None:
    article = extract(_frameless(block), "https://example.org/x", require_article=False)
    assert article is not None and article.text.count(_TOLD) == 1


@pytest.mark.parametrize(("block", "word"), [
    ("<h3>Share this story</h3>", "Share this"),
    ("<ul class='post-tags tags'><li>Economy</li><li>Central banks</li></ul>", "Central banks"),
    ("<h2 style='display:none'>Hidden heading text</h2>", "Hidden heading"),
    ("<ul aria-hidden='true'><li>Hidden list item one</li><li>Hidden list item two</li></ul>", "Hidden list"),
    ("<p class='byline author-name'>By John Smith, Senior Economics Correspondent</p>", "John Smith"),
])
def test_page_furniture_between_kept_paragraphs_is_not_restored(block: str, word: str) -> None:
    article = extract(_frameless(block), "https://example.org/x", require_article=False)
    assert article is not None and word not in article.text


def test_a_heading_between_kept_paragraphs_still_comes_back() -> None:
    article = extract(_frameless("<h2>What comes next for rates</h2>"), "https://example.org/x", require_article=False)
    assert article is not None and "What comes next for rates" in article.text


def test_a_page_of_thousands_of_paragraphs_is_left_as_trafilatura_gave_it() -> None:
    from pipeline.textrepair import MAX_PAGE_PARAGRAPHS, repair_text

    n = MAX_PAGE_PARAGRAPHS + 1
    tree = lxml_html.fromstring("<html><body><div>" + "".join(
        f"<p>Paragraph number {i} of a very long page about markets and rates.</p><h2>Heading {i}</h2>"
        for i in range(n)) + "</div></body></html>")
    text = "\n".join(f"Paragraph number {i} of a very long page about markets and rates." for i in range(n))
    assert repair_text(tree, text) == text
