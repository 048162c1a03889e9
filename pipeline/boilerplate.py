"""Boilerplate that survives inside article bodies, removed by structure and by common names.

Two passes: `prune_tree` drops blocks whose class or id names say what they are
(related posts, share bars, author boxes, newsletter boxes, ads, comments, post
navigation) or whose heading does ("相关阅读", "RelatedPosts", "Read more"), before
extraction; `clean_text` drops what can only be seen in the extracted text: the
disclaimer that closes so many Chinese crypto articles ("…提醒，…不构成任何投资建议"),
"原文链接" lines and leftover labels. Neither matches any one site's sentences.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml import html as lxml_html

from pipeline.density import HEAVY_SCRIPT, weight
from pipeline.nodetext import text_of

# class/id tokens (split on space, - and _) that name boilerplate blocks
BOILERPLATE_NAME_RE = re.compile(
    r"(?:^|[\s_-])(?:related(?:posts?|[\s_-]posts?|[\s_-]articles?|[\s_-]news)?|relatedposts|yarpp|crp|"
    r"share|sharing|sharedaddy|social|addtoany|a2a|jeg_share|"
    r"author[\s_-]?(?:box|bio|info|card)|about[\s_-]author|"
    r"newsletter|subscribe|subscription|mc4wp|"
    r"ads?(?=$|\s)|advert|advertisement|adsbygoogle|sponsor(?:ed)?|"
    r"ads?[_-](?:slot|unit|container|wrapper|banner|box|block|space|zone|area|placeholder|top|bottom|side|sidebar|"
    r"inline|leaderboard)|"
    r"comments?|comment[\s_-]respond|respond|disqus|"
    r"post[\s_-]navigation|prevnext|nav[\s_-]links|breadcrumbs?|"
    r"reading[\s_-]time|print[\s_-]?button|recommend(?:ed|ation)?s?|you[\s_-]may[\s_-]like|popular[\s_-]posts?)"
    r"(?:$|[\s_-])",
    re.I,
)
RELATED_HEADINGS = re.compile(
    r"^\s*(?:related\s*posts?|relatedposts|related\s*articles?|related|read\s*more|more\s*stories|"
    r"you\s*may\s*also\s*like|recommended|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|延伸阅读|延伸閱讀|"
    r"猜你喜欢|猜你喜歡|热门文章|熱門文章|相关新闻|相關新聞|往期回顾|往期回顧)\s*[:：]?\s*$",
    re.I,
)
DISCLAIMER_RE = re.compile(
    r"免责声明|免責聲明|风险提示|風險提示|不构成.{0,8}投资建议|不構成.{0,8}投資建議|不作为.{0,6}投资.{0,4}依据|"
    r"不作為.{0,6}投資.{0,4}依據|投资有风险|投資有風險|"
    r"^\s*disclaimer\b|not\s+(?:financial|investment)\s+advice|does\s+not\s+constitute|"
    r"for\s+informational\s+purposes\s+only|for\s+information\s+only|"
    r"不代表.{0,12}(?:立场|立場|观点|觀點)|仅代表作者|僅代表作者|转载请注明|轉載請註明|本文来自投稿|本文來自投稿|"
    r"views\s+(?:and\s+opinions\s+)?expressed\s+(?:here|in\s+this\s+article)|"
    r"should\s+not\s+be\s+(?:taken|construed)\s+as\s+.{0,40}advice|general\s+information\s+purposes|"
    r"^\s*disclosure\s*:",
    re.I,
)
LABEL_LINES = re.compile(
    r"^\s*(?:RelatedPosts|Related Posts?|Read more(?:Details)?|Previous Post|Next Post|Share(?: this)?|"
    r"分享到?|上一篇|下一篇|Please login to join discussion|A A|Reading Time:.*|Order Reprints|Print Article|"
    r"An error has occurred, please try again later\.?|This article has been sent to|返回\S{1,6}，?查看更多)\s*$"
    r"|^\s*(?:Related|Read more|Read also|Also read|See also|RELATED|READ MORE|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|"
    r"延伸閱讀|推荐阅读|推薦閱讀)\s*[:：].{0,160}$"
    r"|^\s*(?:原文链接|原文鏈接|本文链接|本文鏈接|原文地址|Original link)\s*[:：]",
    re.I,
)
_KEEP_TAGS = {"html", "body", "main", "article"}
_TITLE_END = re.compile(r"[。！？!?；;：:.]\s*$")  # a title has no closing punctuation; prose has
MAX_RELATED_TITLES = 12
# Selected in C by XPath: elements with a class or id (or the attributes bylines are found
# by), and short label-like elements. One scan of the page's elements serves the boilerplate
# names, the page-kind signals (microdata's itemprop and itemtype values too) and the two byline
# searches (bylines.author_by_class, dom_author).
_NAMED = etree.XPath(
    "/descendant::*[@class or @id or @itemprop or @itemtype or @data-component"
    " or self::a[contains(@rel, 'author') or contains(@href, '/author/') or contains(@href, '/authors/')]]")
_LINK_LISTS = etree.XPath("/descendant::ul[count(li) >= 3][count(descendant::a) >= 3]"
                         " | /descendant::ol[count(li) >= 3][count(descendant::a) >= 3]")
# Short text nodes: the related-posts heading is looked for among them, and its element is
# found from the text (asking XPath for every div's whole text is quadratic in nesting).
# Only texts that may match RELATED_HEADINGS are handed to Python: each of its phrases has 4+
# characters that are not white space.
# And only those whose first character (after the white space XPath strips) may open one: a
# phrase's first letter, or white space Python strips and XPath does not (a no-break space).
HEADING_FIRSTS = "rRyYmM相推延猜热熱往"  # first characters of RELATED_HEADINGS' phrases (tested)
UNSTRIPPED_SPACE = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"  # str.isspace(), XML-compatible, not XML white space (tested)
_SHORT_TEXTS = etree.XPath("/descendant::text()[string-length(.) <= 80][string-length(normalize-space(.)) >= 4]"
                           "[contains($firsts, substring(normalize-space(.), 1, 1))]")
_FIRSTS = HEADING_FIRSTS + UNSTRIPPED_SPACE
_LABEL_TAGS = {"h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "em", "div"}
# every text node as a plain string: XPath hands them over in C, where its string tests above
# cost libxml2 a string copy and an XPath object per text node and predicate
_TEXTS = etree.XPath("/descendant::text()", smart_strings=False)


def _may_hold_labels(tree: lxml_html.HtmlElement) -> bool:
    """False when no text node of the tree passes _short_labels' own test of a label (few pages have
    one): it then finds none, whatever _SHORT_TEXTS hands it, and that search need not run."""
    for text in _TEXTS(tree):
        if len(text) <= 80 and not text.isspace():  # a longer text or white space is no label
            label = text.strip()
            if len(label) <= 30 and RELATED_HEADINGS.match(label):
                return True
    return False


def _short_labels(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Elements (h2-h6, strong, b, p, span, em, div) whose whole text is a related-posts heading."""
    out: list[lxml_html.HtmlElement] = []
    if not _may_hold_labels(tree):
        return out
    for text in _SHORT_TEXTS(tree, firsts=_FIRSTS):
        label = text.strip()
        if len(label) > 30 or not RELATED_HEADINGS.match(label):
            continue
        owner = text.getparent()
        if owner is None:
            continue
        if text.is_tail:
            owner = owner.getparent()
        while owner is not None and owner.tag not in _LABEL_TAGS and owner.getparent() is not None \
                and owner.getparent().text_content().strip() == label:
            owner = owner.getparent()
        if owner is not None and owner.tag in _LABEL_TAGS and owner.text_content().strip() == label:
            out.append(owner)
    return out


def _link_density(node: lxml_html.HtmlElement, texts: dict) -> float:
    """Share of the block's text in its links; `texts` holds links' texts already read (PageNames.anchor_texts)."""
    text = len(node.text_content().strip())
    if not text:
        return 1.0
    links = sum(len((texts[a] if a in texts else text_of(a)).strip()) for a in node.iter("a"))
    return links / text


class PageNames(list):
    """Every class and id value of the page in document order (plain strings: the page-kind
    signals count them), with `owners`, the element of each value, and the elements the
    byline searches look at (`authorish`, `author_nodes`), all from one scan of the page."""

    owners: list
    authorish: list  # one entry per class/id/itemprop/data-component value named like a byline
    author_nodes: list  # rel=author and /author/ links, itemprop=author, class "…uthor…"/"byline"
    itemprops: list[str]  # every itemprop value, in document order (as //@itemprop finds them)
    itemtypes: list[str]  # every itemtype value, likewise
    ids: list[tuple[str, lxml_html.HtmlElement]]  # every id value and its element, in document order
    # every link's text_content() by its element, read once for the metadata's link texts, the
    # pruning's link densities and the page-kind signals' anchors; prune_tree drops the text of
    # a link it cuts into, which is then read again (the dict keeps the elements' proxies alive,
    # so lxml gives the same one for an element each time it is met)
    anchor_texts: dict
    body_length: int  # characters of the text of the tree's <body> (of the tree, without one)


def whole_document(tree: lxml_html.HtmlElement) -> bool:
    """True when walking the tree walks the whole document: the tree is its document's only
    top-level node (no second <html> the parser made of text after </html>, not a fragment),
    so what `/descendant::` XPath finds and what name_values read are the same elements."""
    return tree.getparent() is None and tree.getprevious() is None and tree.getnext() is None


def name_values(tree: lxml_html.HtmlElement) -> PageNames:
    """The page's class and id values and its byline candidates (see PageNames), read once
    for prune_tree, the page-kind signals and the metadata alike, before any pruning.

    Values come in document order (an element's class before its id: the consumers count
    them or use their element, so the order within one element does not matter)."""
    names = PageNames()
    owners: list = []
    authorish: list = []
    author_nodes: list = []
    itemprops: list[str] = []
    itemtypes: list[str] = []
    ids: list[tuple[str, lxml_html.HtmlElement]] = []
    classes = _CLASS_MARKS
    if len(classes) > MAX_CACHED_NAMES:
        classes.clear()
    for node in _NAMED(tree):
        get = node.get
        cls, ident, prop = get("class"), get("id"), get("itemprop")
        hits = 0
        byline_class = False
        if cls is not None:
            names.append(cls)
            owners.append(node)
            marks = classes.get(cls)
            if marks is None:
                marks = classes[cls] = (int(_authorish_class(cls)), "uthor" in cls or "byline" in cls)
            hits, byline_class = marks
        if ident is not None:
            names.append(ident)
            owners.append(node)
            ids.append((ident, node))
            hits += "uthor" in ident
        if prop is not None:
            itemprops.append(prop)
            hits += "author" in prop
        itemtype = get("itemtype")
        if itemtype is not None:
            itemtypes.append(itemtype)
        component = get("data-component")
        if component is not None and "Byline" in component:
            hits += 1
        if hits:
            authorish.extend([node] * hits)
        if prop == "author" or byline_class or (node.tag == "a" and (
                "author" in (get("rel") or "") or "/author/" in (href := get("href") or "") or "/authors/" in href)):
            author_nodes.append(node)
    names.owners, names.authorish, names.author_nodes = owners, authorish, author_nodes
    names.itemprops, names.itemtypes, names.ids = itemprops, itemtypes, ids
    names.anchor_texts = {a: text_of(a) for a in tree.iter("a")}
    body = tree.find("body")
    names.body_length = len((body if body is not None else tree).text_content())  # prune_tree's and the kind's
    return names


# class value -> (named like a byline for trafilatura's rules, names an author element), one
# search per distinct value a process (themes repeat their classes on every page)
_CLASS_MARKS: dict[str, tuple[int, bool]] = {}
_AUTHORISH_WORDS = re.compile("uthor|yline|writer|screenname|username|posted-by|submitted-by")


def _authorish_class(value: str) -> bool:
    """A class value trafilatura's byline rules look at (bylines.author_by_class ranks them)."""
    return value in ("byl", "BBL") or _AUTHORISH_WORDS.search(value) is not None


# Class values repeat within a page (every menu item, every card) and across a site's pages
# (one theme): each distinct value is searched once per process, up to this many kept.
MAX_CACHED_NAMES = 50_000
_BOILERPLATE_NAMES: dict[str, int] = {}  # value -> NOT_BOILERPLATE, COMMENT_ONLY or BOILERPLATE
NOT_BOILERPLATE, COMMENT_ONLY, BOILERPLATE = 0, 1, 2
_COMMENT_WORDS = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.I)
# schema.org types of a page that is itself a discussion thread: its "comment" blocks are
# the thread's posts, the page's content, not a comment section under an article
DISCUSSION_TYPES = frozenset({"DiscussionForumPosting", "SocialMediaPosting"})


def is_discussion(types: tuple[str, ...] | list[str]) -> bool:
    """True when the page's JSON-LD or microdata declares it a forum thread or social post."""
    return not DISCUSSION_TYPES.isdisjoint(types)


def _name_kind(value: str) -> int:
    """Whether a class/id value names boilerplate, and whether only by a comment word."""
    if not BOILERPLATE_NAME_RE.search(value):
        return NOT_BOILERPLATE
    # the value again without its comment words: does anything else in it name boilerplate?
    if _COMMENT_WORDS.search(value) and not BOILERPLATE_NAME_RE.search(_COMMENT_WORDS.sub(" ", value)):
        return COMMENT_ONLY
    return BOILERPLATE


_SLUG_TOKENS = re.compile(r"[^\W_]+")
MIN_SLUG_TOKENS = 3  # "related-posts" or "share-this" on a heading is the theme's name, not a slug


def is_text_slug(value: str, node: lxml_html.HtmlElement) -> bool:
    """True when an id is made of the element's own words ("h-what-is-social-shopping" on the
    heading "What is Social Shopping?"): a table-of-contents anchor, which says what the
    heading says, not what the block is for. A label ("Related posts", "Share this story")
    whose id spells it out is still boilerplate."""
    if value != node.get("id"):
        return False
    tokens = _SLUG_TOKENS.findall(value.lower())
    if len(tokens) < MIN_SLUG_TOKENS:
        return False
    pieces = _leading_text(node, SLUG_TEXT)
    text = " ".join("".join(pieces).split())[:SLUG_TEXT]
    if not text or RELATED_HEADINGS.match(text) or LABEL_LINES.match(text) or _CALL_TO_ACTION.match(text):
        return False
    # the words as the page shows them: its text nodes run together ("W" + "hat" of a drop cap),
    # and each apart (minified markup prints a heading and the paragraph after it with no space)
    words = set(_SLUG_TOKENS.findall(text.lower())) | set(
        _SLUG_TOKENS.findall(" ".join(" ".join(pieces).split())[:2 * SLUG_TEXT].lower()))
    # a leading "h" (WordPress's "h-") or a number may be the generator's own
    missing = [t for t in tokens if t not in words and not t.isdigit() and len(t) > 1]
    return not missing


SLUG_TEXT = 300  # characters of the element's text its id is matched against


def _leading_text(node: lxml_html.HtmlElement, size: int) -> list[str]:
    """The element's first text nodes, at least `size` characters besides white space (all of
    them when shorter): a slug is matched against the heading that opens a section, and reading
    a whole section's text for that costs as much as the section is long."""
    parts: list[str] = []
    letters = 0
    for piece in node.itertext():
        parts.append(piece)
        letters += sum(map(len, piece.split()))
        if letters > size:
            break
    return parts


_CODE_TAGS = ("pre", "code")


def in_code(node: lxml_html.HtmlElement) -> bool:
    """True inside a code listing: there class names are a highlighter's tokens ("hljs-comment",
    "token comment", "pl-c"), the kinds of words in the code, and never the page's furniture."""
    return node.tag == "code" or next(node.iterancestors(*_CODE_TAGS), None) is not None


_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})
_INTRO_BLOCKS = frozenset({"p", "div"})
MIN_INTRO_WORDS = 5  # "Many patches were sent for review:"; "Related Posts:", "Share this:" are labels
MIN_INTRO_WEIGHT = 15  # the same for Chinese, where words are not spaced: 以下是本月合并的补丁：


def _article_list(node: lxml_html.HtmlElement, prose_around: ProseAround) -> bool:
    """True for a list of links that is part of the article: one a sentence of it introduces
    ("Many patches were sent for review:", "Here are some of the courses you can take:"), or
    one told between two of its paragraphs (its sources, its examples, its steps), not a
    related-posts block, which a label or a lead heads ("Related Posts:", "Share this:",
    "You may also be interested in:", "更多相关报道：") or which follows the article. Only
    inside the page's <article> or <main> and outside its <nav>, <header>, <footer> and <aside>."""
    in_article = False
    for ancestor in node.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS:
            return False
        in_article = in_article or ancestor.tag in ("article", "main")
    if not in_article:
        return False
    intro, block = None, node
    while block is not None and block.tag not in _KEEP_TAGS:  # the list may be its wrapper's only child
        intro = block.getprevious()
        while intro is not None and not isinstance(intro.tag, str):  # comments, processing instructions
            intro = intro.getprevious()
        if intro is not None or block.getparent() is None or block.getparent().text and block.getparent().text.strip():
            break
        block = block.getparent()
    if intro is None:
        return False
    text = " ".join(intro.text_content().split())
    if _related_lead(text):
        return False
    if intro.tag in _INTRO_BLOCKS and text.endswith((":", "：")) and (
            len(text.split()) >= MIN_INTRO_WORDS or HEAVY_SCRIPT.search(text) and weight(text) >= MIN_INTRO_WEIGHT):
        return True
    return prose_around(block)


# the lead of a block of further reading, of follow and share links, in the languages we read
_CJK_RELATED_LEAD = re.compile(r"相关|相關|推荐|推薦|延伸|往期|更多|热门|熱門|猜你|关注|關注|分享")


def _related_lead(text: str) -> bool:
    return bool(RELATED_HEADINGS.match(text) or LABEL_LINES.match(text) or RELATED_LEAD_RE.match(text)
                or _CALL_TO_ACTION.match(text) or _CJK_RELATED_LEAD.search(text))


MIN_PROSE_PARAGRAPH = 100  # weight of a paragraph of the article around a list of its own


class ProseAround:
    """Whether a block has a paragraph of prose among its siblings before it and after it: read
    once per parent (a page of thousands of lists in one block reads each paragraph once)."""

    def __init__(self) -> None:
        self._parents: dict = {}

    def __call__(self, block: lxml_html.HtmlElement) -> bool:
        parent = block.getparent()
        if parent is None:
            return False
        known = self._parents.get(parent)
        if known is None:
            children = list(parent)
            prose = [child.tag == "p" and weight(child.text_content()) >= MIN_PROSE_PARAGRAPH for child in children]
            before, after, seen = [], [False] * len(children), False
            for flag in prose:
                before.append(seen)
                seen = seen or flag
            seen = False
            for at in range(len(children) - 1, -1, -1):
                after[at] = seen
                seen = seen or prose[at]
            known = self._parents[parent] = ({child: at for at, child in enumerate(children)}, before, after)
        index, before, after = known
        at = index[block]
        return before[at] and after[at]


_CALL_TO_ACTION = re.compile(r"^\s*(?:leave|post|add|write|join|share|follow|subscribe|sign\s+up|view|show|load)\b", re.I)


def prune_tree(tree: lxml_html.HtmlElement, names: PageNames | None = None, discussion: bool = False) -> int:
    """Remove boilerplate blocks in place; returns how many were removed.

    Never removes html/body/main/article, a block holding the page's <h1>, or a block
    holding over half the page's text: a theme that puts "share" in the article's own
    class must not lose the article. `names` is name_values(tree) when the caller has read
    it already (the tree unchanged since). On a `discussion` page (is_discussion) blocks
    named only "comment" stay: forum software names each post of the thread so; so do lists of links.
    """
    if names is None:
        names = name_values(tree)
    total = names.body_length or 1  # the tree is unchanged since name_values read it
    doomed = []
    seen: set = set()
    named = _BOILERPLATE_NAMES
    if len(named) > MAX_CACHED_NAMES:
        named.clear()
    texts = names.anchor_texts  # the links' texts, read before any pruning (the tree is unchanged since)
    for value, node in zip(names, names.owners, strict=True):
        kind = named.get(value)
        if kind is None:
            kind = named[value] = _name_kind(value)
        if kind == BOILERPLATE or (kind == COMMENT_ONLY and not discussion):
            if node.tag not in _KEEP_TAGS and node not in seen and not is_text_slug(value, node) \
                    and not in_code(node):
                seen.add(node)
                doomed.append(node)
    for node in _short_labels(tree):
        block = node.getparent()
        while block is not None and block.tag in ("h2", "h3", "h4", "em", "strong", "span"):
            block = block.getparent()
        if block is not None and block.tag not in _KEEP_TAGS and _link_density(block, texts) > 0.5:
            doomed.append(block)
        else:
            # the heading, and the titles under it when a theme prints them without links
            head = node
            while head.getparent() is not None and head.getparent().tag not in _KEEP_TAGS and \
                    head.getparent().text_content().strip() == node.text_content().strip():
                head = head.getparent()
            doomed.append(head)
            for taken, sibling in enumerate(head.itersiblings()):
                title = sibling.text_content().strip() if isinstance(sibling.tag, str) else ""
                if taken >= MAX_RELATED_TITLES or not title or len(title) > 80 or _TITLE_END.search(title):
                    break
                doomed.append(sibling)
    # lists of links (related stories, "more from"): navigation, not prose. Not on a thread:
    # there they are each post's own frame (post number, permalink, reactions), and without
    # them trafilatura no longer sees the posts as the page's main blocks
    blocks_doomed, prose_around = set(doomed), ProseAround()
    for node in () if discussion else _LINK_LISTS(tree):
        if _link_density(node, texts) > 0.7:
            # in a block already doomed (named "recommended", headed "Related"), a list goes with it
            if any(block in blocks_doomed for block in node.iterancestors()) or not _article_list(node, prose_around):
                doomed.append(node)
            else:
                # the article's own list is read as its text (links are not kept in it anyway):
                # trafilatura drops a list by its link density, however it is introduced
                for link in node.iter("a"):  # its links are no links of the page's any more
                    texts.pop(link, None)
                etree.strip_tags(node, "a")
    removed = 0
    for node in doomed:
        parent = node.getparent()
        if parent is None:
            continue
        size = len(node.text_content())
        own_names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if size > 500 and "comment" not in own_names and _link_density(node, texts) < 0.3:
            continue  # long prose is no share bar or ad slot, whatever its class says
        if node.tag != "h1" and next(node.iter("h1"), None) is None and size <= total / 2:
            for link in node.iterancestors("a"):  # a link this cuts into has another text now
                texts.pop(link, None)
            node.drop_tree()
            removed += 1
    return removed


# A closing block of legal notes: cut from its first line to the end. A one-line English
# "© 2019 AP. All rights reserved." is kept: news benchmarks count it as part of the body.
LEGAL_RE = re.compile(
    r"^\s*(?:【?反侵权公告|版权声明|版權聲明|版权所有|版權所有|This copy is for your personal, non-commercial use only)"
    r"|未经.{0,12}(?:授权|许可).{0,12}(?:转载|使用)|未經.{0,12}(?:授權|許可).{0,12}(?:轉載|使用)",
    re.I,
)
# Editor and contact lines that close Chinese and English articles.
TAIL_LINES = re.compile(
    r"^\s*[【\[(（]?\s*(?:文章|稿件|内容|內容|图片|圖片)?(?:责任编辑|責任編輯|编辑|編輯|实习编辑|校对|校對|审核|審核|审校|審校|来源|來源)"
    r"\s*[:：].{0,30}[】\])）]?\s*$"
    r"|^.{0,80}\b[\w.+-]+@[\w-]+\.[\w.]+\b.{0,40}$"
    r"|^\s*\(?(?:Edited by|Editing by|Reporting by|Additional reporting by|Writing by)\b.{0,120}$"
    r"|^.{0,40}(?:加入|关注|關注|订阅|訂閱|扫码|掃碼).{0,30}(?:社群|社區|社区|公众号|公眾號|官方|Telegram|Twitter|微信).{0,120}$",
)
MAX_LEGAL_TAIL_SHARE = 0.4  # legal notes are looked for in the last 40% of the text only
_SENTENCE_END = re.compile(r"[。！？!?]|\.\s")
MAX_DISCLAIMER_CHARS = 400


def _cut_disclaimer(line: str) -> str | None:
    """The line without a closing disclaimer, or None when the line has none.

    The disclaimer is cut from the start of the sentence that holds the first marker,
    and only when what follows is short enough to be a disclaimer and not an article
    that happens to say 投资建议 somewhere.
    """
    m = DISCLAIMER_RE.search(line)
    if not m:
        return None
    start = 0
    for end in _SENTENCE_END.finditer(line, 0, m.start()):
        start = end.end()
    if len(line) - start > MAX_DISCLAIMER_CHARS:
        return None
    return line[:start].rstrip()


# Header lines above the body: breadcrumbs, a bare date, a source credit. They are metadata,
# stored in their own columns; benchmarks leave them out of the article text too.
BREADCRUMB_RE = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|现在位置|當前位置|您的位置)\s*[:：]")
HEADER_NOISE_RE = re.compile(
    r"(?:发布时间|發布時間|发布日期|發佈日期|时间|時間|日期|更新时间|Published|Updated)?\s*[:：]?\s*"
    r"(?:(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\s*\d{1,2}\s*月,?\s*(?:19|20)\d\d)"
    r"(?:\s*\d{1,2}[:：]\d{2}(?::\d{2})?)?"
    r"|(?:来源|來源|出处|出處|Source)\s*[:：]\s*\S{1,30}",
    re.I,
)
HEADER_LINES = 4


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WRITTEN_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+(?:19|20)\d\d)?"
                 rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d|\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)\d\d)")
# English header metadata: "Updated on May 3, 2024", "Dec 8, 2023 · 8 min read", a bare "Published:"
ENGLISH_HEADER_NOISE_RE = re.compile(
    rf"(?:(?:last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*)?{_WRITTEN_DATE}"
    r"(?:\s*(?:at\s*)?\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?)?"
    r"|\b\d+\s*min(?:ute)?s?\.?\s+read\b|^\s*(?:published|updated|posted)\s*:?\s*$",
    re.I,
)
# a byline alone on its line ("By Jane Doe"), and the labels of a table of contents or a way back
HEADER_LABEL_RE = re.compile(
    r"^[\s\-•]*(?:[Bb]y|[Ww]ritten\s+by|[Rr]eviewed\s+by|[Pp]osted\s+by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$"
    r"|^\s*(?i:table\s+of\s+contents?|on\s+this\s+page|in\s+this\s+(?:article|post|guide)|jump\s+to|contents|"
    r"back\s+to\s+blog)\s*[:：]?\s*$"
)
_HEADER_PUNCTUATION = re.compile(r"[\s|｜/·•\-—:：()（）\[\]【】,]*")
_CJK_HEADER_PUNCTUATION = re.compile(r"[\s|｜/·•\-—:：()（）\[\]【】]*")


def only_matches(pattern: re.Pattern, punctuation: re.Pattern, line: str) -> bool:
    """What `rest = pattern.sub("", line); rest != line and not <punctuation's characters
    removed from rest>` says (`punctuation`: a class of them, repeated with *), without the sub's
    try at every position of a line of prose: sub's matches are found left to right, each
    from the run of punctuation where the one before ended, so a line where a character
    outside the class starts no match is not all matches, wherever the next one is."""
    at, matched, end = 0, False, len(line)
    while at < end:
        run = punctuation.match(line, at)  # a starred class: it always matches, if only nothing
        run_end = run.end() if run is not None else at
        if run_end == end:
            return matched
        for start in range(at, run_end + 1):  # sub's leftmost match from `at`, if it starts in the run
            found = pattern.match(line, start)
            if found is not None and found.end() > start:
                break
        else:
            return False  # line[run_end] is left over
        matched, at = True, found.end()
    return matched


def _is_english_header_noise(line: str) -> bool:
    """A date, reading time, byline or contents label alone on a line above the body: the
    article's metadata (stored in its own columns), no sentence of it."""
    return HEADER_LABEL_RE.match(line) is not None or only_matches(ENGLISH_HEADER_NOISE_RE, _HEADER_PUNCTUATION, line)


def _is_header_noise(line: str) -> bool:
    if BREADCRUMB_RE.match(line) or _is_english_header_noise(line):
        return True
    return only_matches(HEADER_NOISE_RE, _CJK_HEADER_PUNCTUATION, line)


_BUTTON_LABEL = re.compile(r"^\s*read\s*more\s*$", re.I)


def _teasers_button(lines: list[str], at: int, buttons: int) -> bool:
    """True when the "Read more" line at `at` closes the paragraph above it (a teaser's button,
    which goes as a label line) rather than heading a block of related titles: the text has
    `buttons` (2+) such lines, one per teaser, where a related block has one heading, and what
    follows a button is the page's next item, not titles to drop."""
    above = lines[at - 1].strip() if at else ""
    return buttons >= 2 and bool(_BUTTON_LABEL.match(lines[at])) and len(above) > 80 and bool(_TITLE_END.search(above))


def _drop_related_runs(lines: list[str]) -> list[str]:
    """A "RelatedPosts"/"相关阅读" line and the title-like lines under it (short, no closing
    punctuation): the block as text, for themes that print related titles without links."""
    out: list[str] = []
    buttons = sum(1 for line in lines if _BUTTON_LABEL.match(line))
    i = 0
    while i < len(lines):
        if RELATED_HEADINGS.match(lines[i].strip()) and not _teasers_button(lines, i, buttons):
            i += 1
            taken = 0
            while i < len(lines) and taken < MAX_RELATED_TITLES and lines[i].strip() and \
                    len(lines[i].strip()) <= 80 and not _TITLE_END.search(lines[i]):
                i += 1
                taken += 1
            continue
        out.append(lines[i])
        i += 1
    return out


# the lead-in of a closing block of further reading: "More from <site>:", "Related reads:",
# "If you liked this post you might also like:", "Up Next"
RELATED_LEAD_RE = re.compile(
    r"^\s*(?:more\s+(?:from|by|on|about|helpful|book|articles?|stories|posts|reading|guides?|recommendations?)\b|"
    r"related\b|you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy|be\s+interested|want\s+to\s+read)|if\s+you\s+(?:liked|enjoyed)\b|discover\s+more\b|"
    r"up\s+next\b|read\s+next\b|further\s+reading\b|recommended\s+(?:reading|articles?|posts)\b|"
    r"(?:this|these)\s+might\s+(?:also\s+)?(?:be\s+)?interest|keep\s+reading\b|popular\s+posts\b|latest\s+posts\b)"
    r".{0,60}$",
    re.I,
)
# a button's label as a line of its own: "Book a demo", "Read our full X review", "Enter email address"
BUTTON_LINE_RE = re.compile(
    r"^\s*(?:book\s+(?:a|your)\s+(?:free\s+)?(?:demo|call|consultation)|"
    r"request\s+(?:a|our)\s+(?:free\s+|custom\s+)?(?:demo|quote|ebook|consultation|estimate)|register\s+(?:now|today|here)|"
    r"subscribe\s+(?:now|today|to)\b|get\s+started\s*$|contact\s+us\s*$|live\s+chat\b|"
    r"start\s+(?:a|your)\s+(?:free\s+)?(?:quote|trial)|read\s+our\s+full\b.{0,60}\breview\b|"
    r"get\s+(?:a|your)\s+(?:free\s+)?(?:quote|demo|estimate)|schedule\s+(?:a|your)\s+(?:personalized\s+|free\s+)?demo|"
    r"enter\s+(?:your\s+)?email(?:\s+address)?\s*$)",
    re.I,
)
MAX_BUTTON_LINE = 80


def _is_button_line(line: str) -> bool:
    """A short line that is a button or form label (a call to action), not a sentence of the article."""
    return len(line.strip()) <= MAX_BUTTON_LINE and BUTTON_LINE_RE.match(line) is not None


RELATED_TAIL_LINES = 15  # the lead-in is looked for among the text's last lines only
MAX_RELATED_LEAD = 80
MAX_RELATED_ITEM = 140  # what follows the lead-in is titles and list items, no paragraph


def _cut_related_tail(lines: list[str]) -> list[str]:
    """The lines without a closing further-reading block: a lead-in line (RELATED_LEAD_RE)
    with nothing after it but title-length lines. A paragraph after it means the article
    goes on, and nothing is cut."""
    for i in range(max(0, len(lines) - RELATED_TAIL_LINES), len(lines)):
        line = lines[i].strip()
        if len(line) <= MAX_RELATED_LEAD and RELATED_LEAD_RE.match(line) and i > 0 \
                and all(len(rest.strip()) <= MAX_RELATED_ITEM for rest in lines[i + 1:]):
            return lines[:i]
    return lines


def clean_text(text: str) -> str:
    """Drop header metadata lines, related-title runs, label lines anywhere, and disclaimers at
    the end; and lines of white space only (a code block's indentation, trafilatura's), which
    carry no text."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = [line for line in lines[:HEADER_LINES] if not _is_header_noise(line)]
    lines = [line for line in _drop_related_runs(head + lines[HEADER_LINES:])
             if not LABEL_LINES.match(line) and not _is_button_line(line)]
    lines = _cut_related_tail(lines)
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if seen >= total * (1 - MAX_LEGAL_TAIL_SHARE) and LEGAL_RE.search(line):
            lines = lines[:i]
            break
        seen += len(line)
    while lines:
        if TAIL_LINES.match(lines[-1]):
            lines.pop()
            continue
        if not lines[-1].strip():
            lines.pop()
            continue
        kept = _cut_disclaimer(lines[-1])
        if kept is None:
            break
        if kept:
            lines[-1] = kept
            break
        lines.pop()
    return "\n".join(lines).strip()


_SENTENCES = re.compile(r"[^。！？!?.]+(?:[。！？!?]+|\.(?=\s|$)|$)")
# _SENTENCES in linear time (a "." may close a quote first: '... this bridge."'). A run that
# ends at a "." inside a word ("0.25") is no sentence:
# _SENTENCES backtracks through it from every one of its positions (quadratic on long lines
# full of decimals); here the run is taken once, possessively, and dropped when no end follows.
_SENTENCE_RUNS = re.compile(r"[^。！？!?.]++([。！？!?]+|\.[\"'”’)）]*(?=\s|$)|$)?")
MIN_REPEAT_WEIGHT = 20  # shorter lines ("Yes", "- Share", a list's "1 cup flour") may repeat legitimately


def _norm(text: str) -> str:
    """The text without white space and cell bars, list bullets stripped, lowercased."""
    return "".join(text.replace("|", " ").split()).strip("-*•").lower()


def _sentences(line: str) -> list[str]:
    """The line's sentences (table cells apart), normalised; short ones are left out."""
    out = []
    for cell in line.split("|"):
        for run in _SENTENCE_RUNS.finditer(cell):
            if run.group(1) is None:
                continue  # what _SENTENCES finds no sentence in
            norm = "".join(run.group().split()).strip("-*•").lower()  # _norm: a cell holds no bar
            if len(norm) >= 10:
                out.append(norm)
    return out


def heading_keys(tree: lxml_html.HtmlElement) -> frozenset[str]:
    """The page's <h2>-<h6> headings as drop_repeats compares lines: a line told again that is
    one of them heads a repeated section ("Key Features" under each of ten products)."""
    return frozenset(_norm(text_of(node)) for node in tree.iter("h2", "h3", "h4", "h5", "h6"))


def drop_repeats(text: str) -> str:
    """The text with each sentence once.

    Old table-layout pages give the article twice: once as paragraphs, and once flattened
    into one table row with the headline and the 发布时间 line ("| 标题 | 发布时间：… | 正文… |").
    A line whose sentences all appear in other lines is that copy and goes; so does a
    second copy of a line (a pull quote, a repeated caption, a block printed twice). Lines
    are never merged or split, so list items stay one per line; short lines may repeat, and
    so do a repeated section's labels (see _section_labels) and rows of data (_is_data_row),
    which two tables may share. Only a table row (a line with
    cell bars) is judged a container: a paragraph that retells sentences told in shorter
    ones (terms printed once per region, a recap) is prose a reader sees, and stays.
    """
    return drop_repeats_twice(text)[0]


def drop_repeats_twice(text: str, headings: frozenset[str] = frozenset(),
                       discussion: bool = False) -> tuple[str, str]:
    """drop_repeats' text, and the same text with the repeated labels gone too: what the page
    says once, which its kind is read from (a listing whose cards repeat one excerpt or one
    title is still a listing). `headings`: the page's heading keys (heading_keys), so that a
    repeated section's heading counts as its label. `discussion`: the page declares a thread,
    where an item told again in a later list is a reply quoting an earlier post, and goes."""
    lines = text.splitlines()
    keys = [_norm(line) for line in lines]
    data_rows = {i for i, line in enumerate(lines) if _is_data_row(line)}
    labels = _section_labels(keys, headings) | data_rows
    if not discussion:
        labels |= _template_items(lines, keys)
    # the sentences are read only to judge a table row (a line with a cell bar): a text with
    # no bar has none to judge, and its lines are not split into sentences at all
    per_line = [_sentences(line) for line in lines] if "|" in text else []
    where: dict[str, set[int]] = {}  # sentence -> the lines that hold it
    for i, sentences in enumerate(per_line):
        for sentence in sentences:
            where.setdefault(sentence, set()).add(i)
    out: list[str] = []
    once: list[str] = []
    seen_lines: set[str] = set()
    for i, line in enumerate(lines):
        key = keys[i]
        repeat = len(key) >= MIN_REPEAT_WEIGHT and key in seen_lines
        if repeat and i not in labels:
            continue
        seen_lines.add(key)
        # fewer than two sentences cannot give two held elsewhere; only a row is a copy, and not a
        # row of data, whose short cells ("Semaglutide", "Once weekly") the text's other lines may well name
        if "|" in line and i not in data_rows and len(sentences := per_line[i]) >= 2:
            count = len(sentences)
            elsewhere = [s for s in sentences if len(where[s]) > 1 and any(
                len(per_line[j]) < count for j in where[s] if j != i)]
            if len(elsewhere) >= 2 and sum(map(len, elsewhere)) >= 0.5 * sum(map(len, sentences)):
                continue  # a container of sentences that smaller lines hold: the flattened copy
        out.append(line)
        if not repeat:
            once.append(line)
    return "\n".join(out), "\n".join(once)


MIN_LABEL_REPEATS = 3  # a line told this often is a template's, once per section
MIN_HEADING_REPEATS = 2  # a page's heading told twice, each over its own section, is a template's too
MAX_LABEL_RUN = 2  # repeats back to back beyond this are a block printed twice
MAX_LABEL_WEIGHT = 120  # a label, a field or a step, not a paragraph (a Han character weighs 3)


# a label names a field: "Team size:", "Warm up: 10 minutes easy", "价格：". An interstitial
# told between paragraphs ("ADVERTISEMENT - CONTINUE READING BELOW", "Story continues below
# advertisement") has the layout of a label but not its colon, and goes as a repeat
_LABEL_SHAPE = re.compile(r"[:：]")


def _section_labels(keys: list[str], headings: frozenset[str] = frozenset()) -> set[int]:
    """Indexes of the repeats that label a repeated section ("Top Expert Recommendations:" under
    each of 50 tools, "Warm Up: 10 minutes easy" in each week of a plan): a short line with a
    colon told 3+ times, or one of the page's headings told twice or more, with the section's
    own lines between its copies. A run of repeats back to back is a block printed twice (a
    copy for another screen size), and a paragraph told twice a pull quote; neither is a label."""
    counts = Counter(keys)
    seen: set[str] = set()
    repeated = []
    for key in keys:
        repeated.append(len(key) >= MIN_REPEAT_WEIGHT and key in seen)
        seen.add(key)
    labels: set[int] = set()
    start = 0
    while start < len(keys):
        if not repeated[start]:
            start += 1
            continue
        end = start
        while end < len(keys) and repeated[end]:
            end += 1
        if end - start <= MAX_LABEL_RUN:
            labels.update(i for i in range(start, end) if weight(keys[i]) <= MAX_LABEL_WEIGHT and (
                keys[i] in headings and counts[keys[i]] >= MIN_HEADING_REPEATS
                or counts[keys[i]] >= MIN_LABEL_REPEATS and _LABEL_SHAPE.search(keys[i])))
        start = end
    return labels


def _template_items(lines: list[str], keys: list[str]) -> set[int]:
    """Indexes of list items told again in another list that has items of its own ("- Read my
    review of this property here." in each of twelve hotels' lists, "- Free shipping" in each
    plan's): the item is a line of the lists' template. A list whose items were all told
    before is a copy of an earlier one, and goes."""
    counts = Counter(keys)
    lists: list[list[int]] = []  # runs of list items, as line indexes
    list_of: dict[int, int] = {}
    for i, line in enumerate(lines):
        if line.lstrip().startswith("- "):
            if i - 1 not in list_of:
                lists.append([])
            lists[-1].append(i)
            list_of[i] = len(lists) - 1
    has_own = [any(counts[keys[j]] == 1 for j in run) for run in lists]  # once per list: linear
    first_told: dict[str, int | None] = {}  # key -> the list it was first told in (None: not in one)
    items: set[int] = set()
    for i, key in enumerate(keys):
        told = first_told.setdefault(key, list_of.get(i))
        # told first outside a list (a paragraph), a later item is that paragraph's copy
        if i in list_of and len(key) >= MIN_REPEAT_WEIGHT and told is not None and told != list_of[i] \
                and has_own[list_of[i]]:
            items.add(i)
    return items


# a cell that is a sentence, or holds one: it ends at a stop (a closing quote or bracket may
# follow: "工作。”", '."'), or a stop inside it opens another sentence, or it has a Chinese stop
_CELL_SENTENCE = re.compile(r"[.!?。！？…][\"'”’)）」』]*\s*$|[.!?][\"'”’]?\s+[\"“A-Z]|[。！？]")


def _is_data_row(line: str) -> bool:
    """A table row of short cells, none of them a sentence ("| Rest | 6 miles (s) | 9 miles (m) |",
    a head row over each week's table): data, which two tables, two weeks of a plan or two
    products may share, and whose cells the text's other lines may well name. A row with a
    paragraph or a sentence in a cell is prose, and may be a copy (the flattened body)."""
    return line.startswith("|") and all(
        weight(cell) <= MAX_LABEL_WEIGHT and not _CELL_SENTENCE.search(cell) for cell in line.split("|"))
