from lxml import html as lxml_html

from pipeline.nodetext import text_of


def test_text_of_reads_what_text_content_reads():
    tree = lxml_html.fromstring(
        "<div><a href='/'>Home</a><a></a><a href='/x'>Read <b>more</b> now</a><p>one &amp; two</p>"
        "<h2>Title<!-- note --> end</h2><span> </span></div>")
    for node in tree.iter():
        if isinstance(node.tag, str):  # not the comment
            assert text_of(node) == node.text_content()
    assert text_of(tree.find("a")) == "Home"
    assert text_of(tree.findall("a")[1]) == ""
