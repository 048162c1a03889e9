"""Each boilerplate rule on a small page or text, by structure and common names, not one site's sentences."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pipeline.boilerplate import clean_text, prune_tree
from pipeline.density import densest_text, looks_like_page_dump
from pipeline.extract import extract

BODY = ("比特币现货 ETF 本周录得净流入 12.5 亿美元，为连续第三周净流入，机构资金回流明显，市场情绪转向乐观。" * 3)


def pruned(markup: str) -> str:
    tree = lxml_html.document_fromstring(f"<html><body><article><h1>标题</h1><p>{BODY}</p>{markup}</article></body></html>")
    prune_tree(tree)
    return tree.text_content()


def test_blocks_named_as_boilerplate_go():
    for markup in ['<div class="post-share">分享到微博</div>', '<div id="jp-relatedposts">相关文章一</div>',
                   '<div class="author-box">作者简介</div>', '<div class="newsletter-signup">订阅</div>',
                   '<div class="ad-slot">广告</div>', '<div class="comments-area">评论</div>']:
        assert BODY in pruned(markup)
        inner = lxml_html.fromstring(markup).text_content()
        assert inner not in pruned(markup), markup


def test_a_highlighters_token_names_in_a_code_listing_are_not_boilerplate():
    # highlight.js and Prism name a code comment "hljs-comment" / "token comment": the listing's
    # own words, where the same name on a block outside the code is the page's comment thread
    listing = ('<pre><code class="language-bash"><span class="hljs-comment"># start tracking the project</span>\n'
               'git init\n<span class="token comment"># stage every changed file</span>\ngit add .</code></pre>')
    text = pruned(listing + '<div class="comments-area">评论一条</div>')
    assert "# start tracking the project" in text and "# stage every changed file" in text and "git add" in text
    assert "评论一条" not in text


def test_names_must_be_whole_tokens_and_prose_stays():
    assert "正文在这里" in pruned('<span id="ad_src8">正文在这里</span>')  # Sohu puts articles in ad_src spans
    long_prose = "这是正文的一部分，讲述市场的变化。" * 40
    assert long_prose in pruned(f'<div class="share-wrapper">{long_prose}</div>')


def test_link_lists_and_related_headings_go():
    links = "".join(f'<li><a href="/{i}">另一篇文章标题 {i}</a></li>' for i in range(4))
    assert "另一篇文章标题" not in pruned(f"<ul>{links}</ul>")
    assert "另一篇文章标题" not in pruned(f"<div><h3>相关阅读</h3>{links.replace('li', 'p')}</div>")
    assert "要点一" in pruned("<ul><li>要点一：营收增长</li><li>要点二：利润下降</li><li>要点三：指引上调</li></ul>")


def test_a_link_list_a_sentence_of_the_article_introduces_stays():
    links = "".join(f'<li><p><a href="https://forge.example/pulls/{i}">libgccjit: fix case {i}</a></p></li>'
                    for i in range(4))
    intro = "<p>Many patches were sent for review:</p>"
    assert "libgccjit: fix case 2" in pruned(f"{intro}<ul>{links}</ul>")
    assert "libgccjit: fix case 2" in pruned(f'{intro}<div class="ulist"><ul>{links}</ul></div>')  # wrapped
    assert "另一篇" in pruned('<p>以下是本月提交审核的几个补丁的列表：</p><ul>'
                            + "".join(f'<li><a href="/{i}">另一篇补丁 {i}</a></li>' for i in range(3)) + "</ul>")
    # a label heads a related-posts block, and the article's furniture is furniture whatever heads it
    assert "libgccjit: fix case 2" not in pruned(f"<p>Related Posts:</p><ul>{links}</ul>")
    assert "libgccjit: fix case 2" not in pruned(f"<p>Share this:</p><ul>{links}</ul>")
    assert "libgccjit: fix case 2" not in pruned(f"<p>See the patches below.</p><ul>{links}</ul>")
    assert "libgccjit: fix case 2" not in pruned(f"<aside>{intro}<ul>{links}</ul></aside>")
    # a lead of further reading or of follow links is no sentence of the article, in either language
    for lead in ("You may also be interested in these stories:", "Follow us on social media for more news:",
                 "Don’t miss these:", "更多相关报道：", "往期精彩内容回顾："):
        assert "libgccjit: fix case 2" not in pruned(f"<p>{lead}</p><ul>{links}</ul>"), lead
    # a heading is no introducing sentence; a comment between the sentence and its list is nothing
    assert "libgccjit: fix case 2" not in pruned(f"<h3>Many patches were sent for review:</h3><ul>{links}</ul>")
    assert "libgccjit: fix case 2" in pruned(f"{intro}<!-- list --><ul>{links}</ul>")
    # a list in a block doomed by its name goes with it, however it is introduced
    assert "libgccjit: fix case 2" not in pruned(f'<div class="recommended">{intro}<ul>{links}</ul></div>')
    # told between two paragraphs of the article, the list is the article's; after its end, not
    prose = "<p>" + "The runner's second stage compiles each crate with the new backend enabled. " * 2 + "</p>"
    assert "libgccjit: fix case 2" in pruned(f"{prose}<ul>{links}</ul>{prose}")
    assert "libgccjit: fix case 2" not in pruned(f"{prose}<ul>{links}</ul>")
    assert "libgccjit: fix case 2" not in pruned(f"{prose}<p>Read more</p><ul>{links}</ul>{prose}")
    assert "libgccjit: fix case 2" not in pruned(f"{prose}<h3>Related Stories</h3><ul>{links}</ul>{prose}")
    assert "libgccjit: fix case 2" not in pruned(f"{prose}<ul>{links}</ul><p>A short caption.</p>")
    chinese = "<p>监管机构表示，新规将在明年一季度生效，交易所需要提前完成系统改造和用户告知。</p>"  # 38 characters, weight 100+
    assert "libgccjit: fix case 2" in pruned(f"{chinese}<ul>{links}</ul>{chinese}")
    outside = lxml_html.document_fromstring(f"<html><body><article><p>{BODY}</p></article><div>{intro}<ul>{links}"
                                            "</ul></div></body></html>")
    prune_tree(outside)
    assert "libgccjit: fix case 2" not in outside.text_content()


def test_the_articles_own_link_list_reaches_the_text_one_item_a_line():
    # trafilatura drops a list by its link density; the article's own list is read as its text
    prose = "<p>" + "The backend now builds the standard library and passes most of the UI tests. " * 3 + "</p>"
    items = [f"libgccjit: support packed structs in case {i}" for i in range(5)]
    links = "".join(f'<li><a href="https://forge.example/pulls/{i}">{item}</a></li>' for i, item in enumerate(items))
    related = "".join(f'<li><a href="/post-{i}">Another story title number {i}</a></li>' for i in range(5))
    page = (f"<html><head><title>Progress report</title></head><body><main><article><h1>Progress report</h1>{prose}"
            f"<p>Many patches were sent for review:</p><ul>{links}</ul>{prose.replace('backend', 'compiler')}"
            f"<p>Related Posts:</p><ul>{related}</ul></article></main></body></html>")
    text = extract(page, "https://x.example/report", require_article=False).text
    assert all(any(line.strip(" -•") == item for line in text.splitlines()) for item in items), text
    assert "Another story title" not in text


def test_closing_disclaimer_legal_note_and_editor_lines_go():
    text = ("正文第一段。\n正文第二段，说明了很多事情。\n（责任编辑：魏喆）\n"
            "链捕手ChainCatcher提醒，请广大读者理性看待区块链，不构成任何形式投资建议。")
    assert clean_text(text) == "正文第一段。\n正文第二段，说明了很多事情。"
    legal = "正文。" * 50 + "\n反侵权公告：\n未经书面许可，擅自转载本报社作品的，将涉嫌侵权。\n陈律师 0432-62099222"
    assert clean_text(legal) == "正文。" * 50
    assert clean_text("Body text here.\nWrite to Al Root at allen.root@dowjones.com") == "Body text here."


def test_a_disclaimer_word_in_a_long_paragraph_does_not_cut_the_article():
    long_line = "分析师认为投资建议应当谨慎。" + "市场继续上涨，成交量放大。" * 60
    assert clean_text(long_line) == long_line


def test_header_lines_above_the_body_go():
    text = "当前位置：首页 > 新闻\n2022.01.20 16:31 来源：河南日报客户端\n正文第一段很长。\n2026年1月29日，他说了什么。"
    assert clean_text(text) == "正文第一段很长。\n2026年1月29日，他说了什么。"


def test_table_layout_dump_falls_back_to_the_densest_block():
    nav = "".join(f'<td><a href="/{i}">栏目{i}</a></td>' for i in range(30))
    page = (f"<html><body><table><tr>{nav}</tr></table><table><tr><td></td><td>{BODY}<br>{BODY}</td></tr></table>"
            f"<table><tr>{nav}</tr></table></body></html>")
    assert BODY in densest_text(lxml_html.document_fromstring(page))
    assert looks_like_page_dump("|  | 首页\\| 新闻 |\n|  |  |\n| 正文 |")
    assert not looks_like_page_dump("| Pos | Player | Points |\n| 1 | Kyle | 50 |\nA paragraph of prose.")


def test_headline_repeated_as_first_line_is_dropped():
    page = ("<html><head><title>Bitcoin ETFs log third week of inflows</title></head><body><article>"
            "<h1>Bitcoin ETFs log third week of inflows</h1><p>" + "Spot bitcoin ETFs drew $1.25 billion. " * 12 +
            "</p></article></body></html>")
    article = extract(page, "https://x.example/a", require_article=False)
    assert not article.text.startswith("Bitcoin ETFs log third week")


def test_related_titles_printed_as_plain_paragraphs_go():
    text = ("正文第一段，讲了很多内容。\nRelatedPosts\nBitget TradFi 功能升级,新增盈亏详情、杠杆提示等核心模块\n"
            "摩根大通:美元走弱未能提振比特币,因市场仍将其视为流动性敏感型风险资产\n"
            "与此同时,运营层面的指标同样呈现出典型的「量价齐升」特征:\n下一段正文。")
    assert clean_text(text) == ("正文第一段，讲了很多内容。\n与此同时,运营层面的指标同样呈现出典型的「量价齐升」特征:\n"
                                "下一段正文。")


def test_a_teasers_read_more_button_is_no_related_heading():
    teaser = "The Acer Nitro 16 may not have the performance of the MSI Katana 15, but its battery life is long."
    second = "The Asus ROG Zephyrus G14 is still the most refined 14-inch gaming laptop on the market today."
    details = "Pros\nFantastic performance\nCons\nSpeakers don't sound great"
    text = f"{teaser}\nRead More\n{details}\n{second}\nRead More\nPros\nExcellent display"
    assert clean_text(text) == f"{teaser}\n{details}\n{second}\nPros\nExcellent display"
    # told once, after the article's last paragraph or under a heading, "Read more" heads related
    # titles, which go with it
    assert clean_text(f"{teaser}\nRead more\nEthereum ETF odds jump after SEC shift\nSolana rallies") == teaser
    assert clean_text("Read more\nAnother story title\nA third story title\n" + teaser) == teaser
    assert clean_text(f"{teaser}\nLatest news\nRead more\nAnother story title") == f"{teaser}\nLatest news"


def test_related_heading_with_unlinked_titles_goes_with_its_titles():
    markup = ("<div><p>RelatedPosts</p><p>Bitget TradFi 功能升级,新增盈亏详情、杠杆提示等核心模块</p>"
              "<p>摩根大通:美元走弱未能提振比特币,因市场仍将其视为流动性敏感型风险资产</p></div>"
              "<p>与此同时,运营层面的指标同样呈现出典型的「量价齐升」特征:</p>")
    text = pruned(markup)
    assert "Bitget" not in text and "摩根大通" not in text and "RelatedPosts" not in text
    assert "量价齐升" in text


def test_contributor_and_source_notes_at_the_end_go():
    assert clean_text("正文一段很长的内容。\n本文来自投稿，不代表链捕手立场，转载请联系作者。\n文章来源：Odaily星球日报") == \
        "正文一段很长的内容。"
    assert clean_text("Body.\nThe views and opinions expressed here are solely those of the author.") == "Body."
    kept = "分析师表示，这一数字不代表市场整体趋势，投资者需关注后续数据。"
    assert clean_text("正文。\n" + kept) == "正文。\n" + kept


def test_english_crypto_news_inserts_and_closers_go():
    text = ("Bitcoin rose 5% on Monday as ETF inflows returned.\nRelated: Bitcoin price hits new high as ETFs buy\n"
            "Analysts expect more gains this week, citing strong demand.\n"
            "This article is for general information purposes and should not be taken as legal or investment advice.\n"
            "Edited by Jane Roe.")
    assert clean_text(text) == ("Bitcoin rose 5% on Monday as ETF inflows returned.\n"
                                "Analysts expect more gains this week, citing strong demand.")
    assert clean_text("正文很长的一段。\n欢迎加入律动 BlockBeats 官方社群：Telegram 订阅群：https://t.me/x") == "正文很长的一段。"


def test_flattened_table_copy_of_the_body_is_dropped():
    from pipeline.boilerplate import drop_repeats

    body = ["比特币矿工收入本月大幅下降，创下近两年来的最低水平。", "分析师认为主要原因是全网算力和挖矿难度持续上升。",
            "多家矿企表示将关停部分老旧矿机以降低电力成本。"]
    flattened = f"| 矿工收入的变化 | 发布时间：2005-01-02 | {''.join(body)} |"
    assert drop_repeats("\n".join([flattened] + body)) == "\n".join(body)
    assert drop_repeats("\n".join(body + [flattened])) == "\n".join(body)


def test_paragraph_retelling_shorter_ones_is_kept():
    """Terms printed once per region: the second region's paragraph retells sentences the first
    region's shorter paragraphs tell, but it is no flattened table row, and a reader sees both."""
    from pipeline.boilerplate import drop_repeats

    us = ["Receive 20% off your purchase of three qualifying skincare products to create a custom set.",
          "Discount will be automatically applied at checkout and cannot be combined with other offers."]
    uk = ("Receive 20% off your purchase of three qualifying skincare products to create a custom set. "
          "Discount will be automatically applied at checkout and cannot be combined with other offers. "
          "Online purchases are restricted to residents of the United Kingdom.")
    text = "\n".join(us + [uk])
    assert drop_repeats(text) == text


def test_labels_of_repeated_sections_are_kept_but_a_block_printed_again_goes():
    """A tools roundup prints the same label under each tool; a theme that prints the whole list
    again (a copy for small screens) gives its lines back to back, and that copy goes."""
    from pipeline.boilerplate import drop_repeats

    label = "Top Expert Recommendations:"
    tools = ["1. Multimeter", "A multimeter measures voltage, current and resistance for troubleshooting.", label,
             "- Fluke 117", "2. Wire Strippers", "Wire strippers remove the insulation from electrical wires.", label,
             "- Klein Tools 11055", "3. Voltage Tester", "A non-contact voltage tester tells you a wire is live.", label,
             "- Klein Tools NCVT-3P"]
    assert drop_repeats("\n".join(tools)).splitlines().count(label) == 3
    block = ["Pick a deck that suits your weight and riding style before anything else.", label,
             "Remote: Remote with screen and four speed modes"]
    out = drop_repeats("\n".join(block * 3)).splitlines()
    assert out == block
    # an interstitial has a label's layout, not its colon: told once
    ad = "ADVERTISEMENT - CONTINUE READING BELOW"
    story = [f"Paragraph {n} of the story, about the rate decision and what the markets made of it." for n in range(4)]
    text = "\n".join(line for pair in zip(story, [ad] * 4, strict=True) for line in pair)
    assert drop_repeats(text).splitlines().count(ad) == 1


def test_a_heading_over_each_section_and_the_rows_of_each_table_are_kept():
    """A roundup heads each product's section with the same <h3>; a training plan prints the
    same head row, and often the same rows, in each week's table. Both are the page's own
    layout; the same line with no heading on the page is a repeat, and goes."""
    from pipeline.boilerplate import drop_repeats_twice, heading_keys

    heading = "Key Features and User Experience"
    products = [line for n in range(1, 4) for line in (
        f"Robot vacuum number {n} cleans a flat of eighty square metres on one charge.", heading,
        f"The app of vacuum number {n} maps each room and lets you fence off the rugs.")]
    tree = lxml_html.fromstring("<div>" + "".join(f"<h3>{heading}</h3>" for _ in range(3)) + "</div>")
    kept, once = drop_repeats_twice("\n".join(products), heading_keys(tree))
    assert kept.splitlines().count(heading) == 3 and once.splitlines().count(heading) == 1
    assert drop_repeats_twice("\n".join(products))[0].splitlines().count(heading) == 1
    head, row = "| Monday | Tuesday | Wednesday | Thursday |", "| Rest | 6 miles (s) | 5 miles (m) | Rest |"
    weeks = ["Week one builds the base.", head, row, "Week two is the same again.", head, row]
    kept, once = drop_repeats_twice("\n".join(weeks))
    assert kept.splitlines() == weeks and once.splitlines().count(row) == 1
    # a row with a paragraph in a cell, told twice, is a copy, and goes
    prose = "| " + "The council voted on Monday to raise the levy, and the mayor said it would fund repairs. " * 2 + "|"
    assert drop_repeats_twice("\n".join(["Intro.", prose, "More.", prose]))[0].splitlines().count(prose) == 1


def test_repeated_lines_once_but_short_list_items_kept():
    from pipeline.boilerplate import drop_repeats

    quote = "“We will not sell a single coin this year,” the chief executive told investors on Monday."
    text = "\n".join(["Intro paragraph that says what happened and why it matters to readers.", quote,
                      "- 1 cup flour", "- 1 cup flour", "Closing paragraph about what comes next for the firm.", quote])
    out = drop_repeats(text).splitlines()
    assert out.count(quote) == 1 and out.count("- 1 cup flour") == 2


def _thread(ld_type: str, article: str = "") -> str:
    """A forum thread as Invision/XenForo print one: every post a "comment" block with a link list of its own."""
    posts = [("kerbal_fan", "The forum keeps giving me Bad Gateway errors since the studio news came out last week."),
             ("moderator_jo", "We know about the errors; the hosting company is moving the servers this weekend."),
             ("rocketeer", "Thanks for the update, it is good to hear the forum is not shutting down after all.")]
    blocks = "".join(
        f'<article id="comment-{n}_wrap" class="cPost ipsComment"><aside class="cAuthorPane">{user}</aside>'
        f'<ul class="ipsComment_meta"><li><a href="#c{n}">#{n}</a></li><li><a href="/share/{n}">Share</a></li>'
        f'<li><a href="/quote/{n}">Quote</a></li></ul>'
        f'<div class="cPost_contentWrap"><div data-role="commentContent"><p>{text}</p></div></div></article>'
        for n, (user, text) in enumerate(posts, 1))
    ld = f'{{"@context": "https://schema.org", "@type": "{ld_type}", "headline": "Bad Gateway errors"}}'
    return (f'<html><head><title>Bad Gateway errors</title><script type="application/ld+json">{ld}</script></head>'
            f'<body><nav><a href="/">Home</a></nav><h1>Bad Gateway errors</h1>{article}'
            f'<div id="comments" class="cTopicPostArea">{blocks}</div></body></html>')


def test_a_declared_thread_keeps_its_posts_named_comment():
    from pipeline.boilerplate import is_discussion, name_values
    from pipeline.pagekind import read_types

    tree = lxml_html.document_fromstring(_thread("DiscussionForumPosting"))
    assert is_discussion(read_types(tree))
    prune_tree(tree, name_values(tree), discussion=True)
    text = tree.text_content()
    assert "moving the servers this weekend" in text and "not shutting down after all" in text
    assert "#2" in text  # the post's own link list stays: trafilatura reads the posts by their frame
    article = extract(_thread("DiscussionForumPosting"), "https://forum.example/topic/1-bad-gateway/",
                      require_article=False)
    assert article is not None
    for words in ("Bad Gateway errors since the studio", "moving the servers", "not shutting down after all"):
        assert words in article.text


def test_comments_under_a_news_article_still_go():
    from pipeline.boilerplate import is_discussion, name_values
    from pipeline.pagekind import read_types

    tree = lxml_html.document_fromstring(_thread("NewsArticle", f"<article><p>{BODY * 4}</p></article>"))
    assert not is_discussion(read_types(tree))
    prune_tree(tree, name_values(tree))
    assert "moving the servers this weekend" not in tree.text_content()
    # a block named for a comment form and a share bar is boilerplate on a thread too
    tree = lxml_html.document_fromstring(
        f'<html><body><h1>标题</h1><div class="comment-post"><p>{BODY}</p></div>'
        '<div class="comment-share">分享到微博</div><div class="comments">楼主说得对，我也遇到了同样的问题，换了服务器才好。</div></body></html>')
    prune_tree(tree, name_values(tree), discussion=True)
    text = tree.text_content()
    assert "分享到微博" not in text and "楼主说得对" in text and BODY in text


def test_a_heading_whose_id_spells_its_own_words_stays():
    # WordPress and TOC plugins give each heading an id made of its words: "social" there names
    # the subject, not a share bar
    for markup in ['<h2 id="h-what-is-social-shopping">What is Social Shopping?</h2>',
                   '<h3 id="10-social-media-55">10. Social Media 55</h3>']:
        heading = lxml_html.fromstring(markup).text_content()
        assert heading in pruned(markup), markup


def test_a_label_whose_id_spells_it_out_still_goes():
    for markup in ['<h3 id="related-posts">Related posts</h3>', '<h3 id="leave-a-comment-below">Leave a comment below</h3>',
                   '<div id="share-this-story">Share this story</div>']:
        heading = lxml_html.fromstring(markup).text_content()
        assert heading not in pruned(markup), markup


def test_english_header_metadata_lines_go():
    body = "The first paragraph of the story says what happened, and why it matters."
    for line in ["By Jane Doe", "Dec 8, 2023 · 8 min read", "Updated on November 18, 2025", "13 MIN READ",
                 "Published:", "Table of Contents", "- Sep 26, 2022"]:
        assert clean_text(f"{line}\n{body}") == body, line
    kept = "By the end of May 2024, prices had doubled."
    assert clean_text(f"{kept}\n{body}") == f"{kept}\n{body}"


def test_a_closing_further_reading_block_goes():
    body = "The article ends with a paragraph that tells the reader what it all means, in full sentences."
    for lead in ["More from The Site:", "Related reads:", "If you liked this post you might also like:", "Up Next"]:
        text = f"{body}\n{lead}\n- Ten quick ways to fold a shirt\n- Why the bus was late again"
        assert clean_text(text) == body, lead
    goes_on = f"{body}\nRelated reads:\n{body} And then the story goes on at length, {body.lower()}"
    assert clean_text(goes_on) == goes_on


def test_button_labels_on_their_own_line_go():
    body = "The review says the laptop is fast, light and well made, and that its battery lasts all day."
    for label in ["Book a demo with Otter", "Read our full Acer Swift 16 AI review", "Enter email address", "Start a Quote"]:
        assert clean_text(f"{body}\n{label}\n{body} More.") == f"{body}\n{body} More.", label
    sentence = "Book a demo of any tool before you buy it, since most vendors offer a free trial for teams."
    assert clean_text(f"{body}\n{sentence}") == f"{body}\n{sentence}"


def _sub_leaves_only(pattern, punctuation: str, line: str) -> bool:
    """The plain statement only_matches makes fast: the sub removes something, and only punctuation is left."""
    import re

    rest = pattern.sub("", line)
    return rest != line and not re.sub(f"[{punctuation}]", "", rest)


def test_header_noise_is_the_sub_that_leaves_only_punctuation():
    import random

    from pipeline.boilerplate import (
        _CJK_HEADER_PUNCTUATION, _HEADER_PUNCTUATION, ENGLISH_HEADER_NOISE_RE, HEADER_NOISE_RE, only_matches,
    )

    pieces = ["Updated", "Published on", "last modified:", "May 3, 2024", "3rd March 2023", "12/05/2024", "Dec. 8",
              "at 10:30 pm", "8 min read", "5 minutes read", "2024-05-03", "2024年5月3日", "发布时间：", "来源：新华社",
              "Source: Reuters", "14:05", "posted", "the", "Bitcoin rose 5%", "年", "月", "3", "2024", ":", "：", " ",
              "  ", "·", "|", "｜", "-", "—", ",", "(", "）", "【", "】", "/", "\u3000", "\xa0", "x", "May", "read"]
    rng = random.Random(7)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(6000)]
    lines += ["", " ", "Published", "  Published :  ", "Posted by Ann", "May 3, 2024 · 8 min read"]
    english = "\\s|｜/·•\\-—:：()（）\\[\\]【】,"
    agree = {True: 0, False: 0}
    for line in lines:
        want = _sub_leaves_only(ENGLISH_HEADER_NOISE_RE, english, line)
        assert only_matches(ENGLISH_HEADER_NOISE_RE, _HEADER_PUNCTUATION, line) == want, repr(line)
        agree[want] += 1
        assert only_matches(HEADER_NOISE_RE, _CJK_HEADER_PUNCTUATION, line) == _sub_leaves_only(
            HEADER_NOISE_RE, english.removesuffix(","), line), repr(line)
    assert min(agree.values()) > 300  # both answers are exercised


def test_lines_of_white_space_only_are_dropped_and_indented_code_is_kept():
    """trafilatura gives a code block's indentation lines as lines of spaces: they carry no
    text, and a stored article has none; a code line's own indentation stays."""
    text = ("The reply shows how to read the file in one call, without a loop.\n"
            "            \n  \t\n"
            "    data = path.read_text()\n"
            "That is all the reading code takes, the poster said in the same thread.")
    assert clean_text(text).splitlines() == [
        "The reply shows how to read the file in one call, without a loop.", "    data = path.read_text()",
        "That is all the reading code takes, the poster said in the same thread."]


def test_an_item_of_each_sections_list_is_kept_and_a_list_printed_again_goes():
    """A hotel guide closes each hotel's list with the same "Read my review" item: a line of
    the lists' template, told once per list. A list whose items were all told before is a
    copy, and goes; and on a forum thread an item told again is a reply quoting a post."""
    from pipeline.boilerplate import drop_repeats_twice

    review = "- Read my review of this property here."
    hotels = [line for n in (1, 2, 3) for line in (
        f"Hotel number {n} sits on the beach, ten minutes from the old town by bus.",
        f"- Rooms from {n}00 euros a night in the high season", review)]
    kept, once = drop_repeats_twice("\n".join(hotels))
    assert kept.splitlines().count(review) == 3 and once.splitlines().count(review) == 1
    assert drop_repeats_twice("\n".join(hotels), discussion=True)[0].splitlines().count(review) == 1
    tips = ["- Book the ferry a week ahead in August", "- Carry cash for the island buses"]
    text = "\n".join(["Two tips for the islands, as the locals give them.", *tips, "The same tips again:", *tips])
    assert drop_repeats_twice(text)[0].splitlines() == text.splitlines()[:4]


def test_a_row_of_data_whose_cells_the_text_names_is_no_copy():
    """A drug table's row names what the paragraphs around it name ("Semaglutide", "Once
    weekly"); only a row with a paragraph in a cell can be the flattened copy of the body."""
    from pipeline.boilerplate import drop_repeats

    text = "\n".join(["Semaglutide", "It is sold under two brand names in most markets.", "Wegovy, Ozempic",
                      "How often patients take it:", "Once weekly",
                      "| Semaglutide | Wegovy, Ozempic | Adults, children 12+ | Injection | Once weekly |"])
    assert drop_repeats(text).splitlines() == text.splitlines()
    # short cells that are sentences of the body, flattened into one row, are still its copy
    body = ["市政府周一宣布提高税费。", "反对派认为调整来得太晚。"]
    flattened = "| 市政府提高税费 | 发布时间：2024-05-01 | " + " | ".join(body) + " |"
    assert drop_repeats("\n".join(body + [flattened])) == "\n".join(body)


@pytest.mark.parametrize("body", [
    ["他说：“今年要把各项工作落到实处，不走过场。”", "会议强调，各部门要“确保取得实效。”"],
    ['The mayor said: "We are proud of this bridge."', 'She added: "It will serve the city for a century."'],
])
def test_a_flattened_row_of_quoted_sentences_is_still_the_copy(body: list[str]) -> None:
    """Sentences that close on a quote mark ("工作。”", '."') are sentences: a row of them beside
    the headline and the 发布时间 line is the legacy copy of the body, not a row of data."""
    from pipeline.boilerplate import drop_repeats

    flattened = "| 某某公司召开年度工作会议 | 发布时间：2024-01-01 | " + " | ".join(body) + " |"
    assert drop_repeats("\n".join(body + [flattened])) == "\n".join(body)


def test_a_paragraph_told_again_as_a_list_item_goes():
    """The template rule is for items told in another list; a paragraph repeated as an item of a
    later list is a copy of that paragraph."""
    from pipeline.boilerplate import drop_repeats

    tip = "Always check the cancellation policy before you book a room for the summer."
    text = "\n".join([tip, "What every room here comes with:", "- Free breakfast on the terrace every day", f"- {tip}"])
    assert drop_repeats(text).splitlines() == text.splitlines()[:3]


def test_label_precheck_says_whether_short_labels_can_find_one():
    from pipeline.boilerplate import _may_hold_labels, _short_labels

    plain = lxml_html.document_fromstring("<html><body><h3>Latest posts</h3><p>Read more about it here.</p></body></html>")
    assert not _may_hold_labels(plain) and _short_labels(plain) == []
    labelled = lxml_html.document_fromstring("<html><body><h3>\u00a0Read more </h3><p>x</p></body></html>")
    assert _may_hold_labels(labelled) and [node.tag for node in _short_labels(labelled)] == ["h3"]


def test_weight_counts_each_heavy_character_of_a_run():
    from pipeline.density import weight

    assert weight("ab 中文字，かな 한국어 x") == 12 + 2 * 8
    assert weight("“quoted” text") == 12
