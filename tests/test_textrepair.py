"""textrepair's own steps on small pages: ordered lists numbered as the page numbers them."""

from __future__ import annotations

from lxml import html as lxml_html

from pipeline.extract import extract
from pipeline.textrepair import number_ordered_lists, repair_text

INTRO = "<p>To keep your dishes safe during the move, follow this packing process from start to finish.</p>"
STEPS = ["Line the bottom of a medium box with crumpled paper", "Wrap each plate on its own sheet",
         "Seal the box and store the plates on their edge"]


def _tree(body: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><body><article>{body}</article></body></html>")


def test_ordered_list_items_get_their_numbers() -> None:
    tree = _tree(INTRO + "<ol>" + "".join(f"<li>{step}</li>" for step in STEPS) + "</ol>")
    text = "intro\n" + "\n".join(f"- {step}" for step in STEPS)
    assert number_ordered_lists(tree, text).splitlines()[1:] == [f"{i}. {step}" for i, step in enumerate(STEPS, 1)]


def test_bullets_and_self_numbered_items_stay_as_they_are() -> None:
    tree = _tree("<ul><li>An unordered point</li></ul><ol start='3'><li>3. Already numbered</li>"
                 "<li>Fourth step</li></ol>")
    text = "- An unordered point\n- 3. Already numbered\n- Fourth step"
    assert number_ordered_lists(tree, text) == "- An unordered point\n- 3. Already numbered\n4. Fourth step"


def test_extract_numbers_an_ordered_list() -> None:
    body = "".join(f"<p>{INTRO[3:-4]} Part {i} of the story goes on in more words.</p>" for i in range(4))
    html = (f"<html><head><title>Packing</title></head><body><article><h1>Packing</h1>{body}<ol>"
            + "".join(f"<li>{step}</li>" for step in STEPS) + f"</ol>{body}</article></body></html>")
    article = extract(html, "https://example.com/2024/05/packing-guide", require_article=False)
    assert article is not None
    assert "\n2. Wrap each plate on its own sheet\n" in article.text


def _para(i: int) -> str:
    return f"<p>Paragraph {i} explains one more part of the story in enough words to count as prose here.</p>"


def test_the_heading_that_opens_a_block_of_kept_paragraphs_comes_back() -> None:
    # no <article>, no content class: trafilatura's paragraph pass, which keeps the <p>s only
    blocks = "".join(f"<div class='company'><h3>Company {i}: what sets it apart</h3>{_para(2 * i)}{_para(2 * i + 1)}</div>"
                     for i in range(1, 4))
    html = (f"<html><head><title>Ten companies</title></head><body><div class='wrap'><div class='post-area'>"
            f"{_para(0)}{blocks}</div></div></body></html>")
    article = extract(html, "https://example.com/2024/05/ten-companies", require_article=False)
    assert article is not None
    lines = article.text.splitlines()
    assert lines.index("Company 2: what sets it apart") == lines.index(_para(4)[3:-4]) - 1
    assert lines.count("Company 1: what sets it apart") == 1


def test_the_lists_that_close_a_block_of_kept_paragraphs_come_back() -> None:
    steps = "".join(f"<li>Step {i} of the budget is written out here</li>" for i in range(1, 4))
    links = "".join(f"<li><a href='/story-{i}'>Another story worth reading {i}</a></li>" for i in range(1, 4))
    html = (f"<html><head><title>Budgets</title></head><body><div class='wrap'><div class='post-area'>"
            f"{_para(1)}{_para(2)}<p>To make a budget that lasts the whole year, take these steps:</p><ul>{steps}</ul>"
            f"<ol><li>Then review it each month with the family</li></ol><ul>{links}</ul></div></div></body></html>")
    article = extract(html, "https://example.com/2024/05/budgets", require_article=False)
    assert article is not None
    lines = article.text.splitlines()
    assert lines[-4:] == ["- Step 1 of the budget is written out here", "- Step 2 of the budget is written out here",
                          "- Step 3 of the budget is written out here", "1. Then review it each month with the family"]
    assert "Another story" not in article.text


def test_blocks_restored_after_the_same_line_come_in_page_order_every_time() -> None:
    # two template sections with the same paragraphs, each with its own dropped heading: both
    # headings go after the same line, and must do so in page order in every process, not in
    # the order of the elements' memory addresses
    one = "The quarterly report covers revenue, margins and the outlook for the year."
    two = "Analysts expect the company to keep its guidance unchanged for next quarter."
    page = "<html><body>" + "".join(
        f'<div class="section"><p>{one}</p><h3>Heading {name}</h3><p>{two}</p></div>' for name in "ABCDEF"
    ) + "</body></html>"
    results = set()
    keep_alive = []
    for round_ in range(40):
        keep_alive.append([lxml_html.fromstring("<div><p>x</p></div>") for _ in range(round_)])  # move addresses
        results.add(repair_text(lxml_html.fromstring(page), f"{one}\n{two}"))
    assert results == {"\n".join([one] + [f"Heading {name}" for name in "ABCDEF"] + [two])}


def test_every_invisible_character_is_unprintable():
    # _key skips the _INVISIBLE regex on a printable text: that must drop nothing
    from pipeline.textrepair import _INVISIBLE, _key

    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    invisible = "".join(_INVISIBLE.findall(every))
    assert invisible and not any(char.isprintable() for char in invisible)
    assert _key("a\u200bb | c\u00add") == "abcd" and _key("“quoted” 中文") == "“quoted”中文"
