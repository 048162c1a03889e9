"""Article or not: the signals a page gives about what it is, and one decision over them.

A crawler meets far more than articles: service and product pages, forum threads,
documentation, category pages and listings. Storing them as articles fills the research
database with price lists and menus. `read_signals` reads what the page says about itself
(schema.org types in JSON-LD and microdata, og:type, a published date and an author) and
what its structure shows (shop markup, code blocks and doc navigation, post-and-reply
markup, repeated teaser cards, prose paragraphs); `judge_page` turns those into a kind and
the name of the signal that decided, so every decision can be explained and tested on
literal signals. No rule names a site, a word of one site's menus, or a URL of the
benchmark pages: only page structure, schema.org semantics and the shape of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import log1p

from lxml import etree
from lxml import html as lxml_html

from pipeline.models import PageKind

# schema.org types that say "this page is one piece of writing".
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
    "LiveBlogPosting", "SatiricalArticle", "AdvertiserContentArticle", "Blog", "SocialMediaPosting",
})
# Types that say "this page is something else", by the kind they point to. TechArticle and
# APIReference are documentation: schema.org files them under Article, a news crawl does not.
OTHER_TYPES = {
    "Product": "other", "ProductGroup": "other", "Offer": "other", "AggregateOffer": "other",
    "SoftwareApplication": "other", "MobileApplication": "other", "WebApplication": "other",
    "DiscussionForumPosting": "other", "QAPage": "other", "TechArticle": "other", "APIReference": "other",
    "Course": "other", "JobPosting": "other", "Event": "other", "ProfilePage": "other",
    "Service": "other", "RealEstateListing": "other", "Recipe": "other",
    "CollectionPage": "listing", "SearchResultsPage": "listing",
}
# class/id words (split on spaces, "-" and "_") of shop pages (cart, price, checkout), doc
# sites (tables of contents, doc sidebars, highlighted code) and forums (posts with replies,
# quotes, signatures, votes). Whole words, looked up in sets: a regex per class value is slow.
SHOP_WORDS = frozenset({"cart", "addtocart", "checkout", "basket", "price", "prices", "pricing", "sku", "quantity",
                        "qty", "variant", "variants", "woocommerce", "shopify", "wishlist", "minicart"})
DOC_WORDS = frozenset({"toc", "toctree", "doc", "docs", "documentation", "sphinx", "sphinxsidebar", "docsearch",
                       "highlight", "codehilite", "rst", "wy", "language", "apiref", "docusaurus", "mkdocs", "gitbook"})
FORUM_WORDS = frozenset({"reply", "replies", "postbody", "message", "messagetext", "bbcode", "bbwrapper", "forum",
                         "thread", "topic", "signature", "quote", "username", "userinfo", "postprofile", "posthead",
                         "vote", "votes", "answer", "answers", "upvote", "likes"})
_WORD_SPLIT = re.compile(r"[\s_-]+")
_DOC_GENERATORS = re.compile(r"sphinx|mkdocs|docusaurus|gitbook|vuepress|vitepress|docsy|readthedocs|jekyll-theme-docs|"
                             r"hugo-book|starlight|nextra|antora|doxygen|javadoc", re.I)
_FORUM_GENERATORS = re.compile(r"vbulletin|phpbb|discourse|xenforo|invision|mybb|smf|vanilla|flarum|nodebb", re.I)
_PRICE_TEXT = re.compile(r"(?:[$€£¥]\s?\d{1,5}(?:[.,]\d{2})?(?!\d)|\b\d{1,5}[.,]\d{2}\s?(?:USD|EUR|GBP|€))")
_CART_TEXT = re.compile(r"^\s*(?:add\s+to\s+(?:cart|bag|basket)|buy\s+(?:it\s+)?now|in\s+den\s+warenkorb|"
                        r"ajouter\s+au\s+panier|añadir\s+al\s+carrito|加入购物车|立即购买)\s*$", re.I)

_LD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]')
_ITEMTYPES = etree.XPath("//@itemtype")
_NAMES = etree.XPath("//@class | //@id")
_CODE = etree.XPath("//pre | //code")
_BUTTON_TEXTS = etree.XPath("//button | //input[@type='submit']/@value")
_GENERATOR = etree.XPath("//meta[@name='generator']/@content")
_PARAGRAPHS = etree.XPath("//p[string-length(.) >= 50]")
_TIMES = etree.XPath("count(//time) + count(//*[starts-with(@itemprop, 'date')])")
_CONTROLS = etree.XPath("count(//form) + count(//input[not(@type='hidden')]) + count(//select) + count(//button)")
_HEADINGS = etree.XPath("count(//h2) + count(//h3) + count(//h4)")
_PHONES = etree.XPath("count(//a[starts-with(@href, 'tel:')])")
_ARTICLES = etree.XPath("count(//article)")
_NAV_BLOCKS = etree.XPath("//nav | //aside")
_BODY_CLASS = etree.XPath("string(//body/@class)")
_CMS_POST = re.compile(r"\b(?:single-post|postid-\d+|single-format-\w+|post-template\S*|node-type-article|"
                       r"page-node-type-article|single-article|article-template\S*)\b", re.I)
_CMS_PAGE = re.compile(r"\b(?:page-id-\d+|page-template\S*|node-type-page|page-node-type-page|"
                       r"single-product|product-template\S*|archive|category|tag|home|blog)\b", re.I)
_LD_TYPE = re.compile(r'"@type"\s*:\s*(?:"([^"]+)"|\[([^\]]*)\])')


@dataclass(frozen=True)
class PageSignals:
    """What one page says and shows about its kind; each field is one named signal."""

    types: tuple[str, ...] = ()  # schema.org types of JSON-LD and microdata, e.g. ("NewsArticle",)
    linked_text: float = 0.0  # share of the extracted text that is link text, in document order
    og_type: str | None = None
    dated: bool = False  # a published date in structured data or a <time> element
    printed_date: bool = False  # a date printed under the headline
    authored: bool = False  # an author in structured data or a byline line
    shop_marks: int = 0  # elements named cart/price/checkout..., "Add to cart" buttons, printed prices
    code_blocks: int = 0  # <pre> and <code> elements
    doc_marks: int = 0  # elements named toc/docs/sidebar..., a docs generator
    forum_marks: int = 0  # elements named reply/post-body/quote/signature..., a forum generator
    long_paragraphs: int = 0  # <p> with 150+ characters of text (a Han character counts three)
    times: int = 0  # <time> elements and itemprop date* (a thread has one per post)
    controls: int = 0  # <form>, <input>, <select>, <button>: pages to act on, not to read
    headings: int = 0  # h2-h4 in the whole page
    phone_links: int = 0  # tel: links: a business to call, not a story to read
    article_elements: int = 0  # <article> elements (one for a story, many for a listing)
    nav_links: int = 0  # links in the largest <nav> or <aside> (a doc site's page tree is long)
    cms_post: bool = False  # body class of a CMS post template (single-post, postid-N, node-type-article)
    cms_page: bool = False  # body class of a CMS page template (page-id-N, page-template, node-type-page)
    headline_words: float = 0.0  # words in the <h1>, two Han characters counting one
    listing_url: bool = False  # a category, tag, archive, search or /page/N URL
    front_page: bool = False  # the site's root
    text_weight: int = 0  # of the extracted text
    prose_share: float = 0.0  # share of the extracted text in lines of 60+ characters
    link_share: float = 0.0  # share of the extracted text in lines that are whole link texts
    truncated_lines: int = 0  # extracted lines cut off with "…" (teaser excerpts)
    linked_headings: int = 0  # h2-h5 holding a link, left after pruning (teaser titles)


MIN_ARTICLE_WEIGHT = 300  # text weight below which no page is an article (a Han character counts three)


def read_types(tree: lxml_html.HtmlElement) -> tuple[str, ...]:
    """Every schema.org @type in the page's JSON-LD (at any depth) and microdata itemtypes.

    Read with a regular expression rather than a JSON parser: broken JSON-LD (trailing commas,
    HTML comments) is common, and only the type names are wanted here.
    """
    found: dict[str, None] = {}
    for node in _LD_SCRIPTS(tree):
        for single, many in _LD_TYPE.findall(node.text or ""):
            for name in ([single] if single else re.findall(r'"([^"]+)"', many)):
                found.setdefault(name.rsplit("/", 1)[-1].rsplit(":", 1)[-1], None)
    for value in _ITEMTYPES(tree):
        for url in value.split():
            found.setdefault(url.rstrip("/").rsplit("/", 1)[-1], None)
    return tuple(found)


def structure_marks(tree: lxml_html.HtmlElement) -> dict[str, int]:
    """Counts of shop, docs and forum markup and of prose paragraphs in the unpruned page."""
    shop = docs = forum = 0
    for value in _NAMES(tree):
        words = set(_WORD_SPLIT.split(value.lower()))
        shop += not words.isdisjoint(SHOP_WORDS)
        docs += not words.isdisjoint(DOC_WORDS)
        forum += not words.isdisjoint(FORUM_WORDS)
    for item in _BUTTON_TEXTS(tree):
        if _CART_TEXT.match(item if isinstance(item, str) else item.text_content()):
            shop += 3
    generator = " ".join(_GENERATOR(tree))
    if _DOC_GENERATORS.search(generator):
        docs += 20
    if _FORUM_GENERATORS.search(generator):
        forum += 20
    body_class = _BODY_CLASS(tree)
    long_paragraphs = 0
    for p in _PARAGRAPHS(tree):
        text = p.text_content()
        if len(text) >= 50 and _weight(text) >= 150 and not _PRICE_TEXT.search(text):
            long_paragraphs += 1
    return {"shop_marks": shop, "doc_marks": docs, "forum_marks": forum, "code_blocks": len(_CODE(tree)),
            "long_paragraphs": long_paragraphs,
            "times": int(_TIMES(tree)), "controls": int(_CONTROLS(tree)), "headings": int(_HEADINGS(tree)),
            "phone_links": int(_PHONES(tree)), "article_elements": int(_ARTICLES(tree)),
            "nav_links": max((sum(1 for _ in block.iter("a")) for block in _NAV_BLOCKS(tree)), default=0),
            "cms_post": bool(_CMS_POST.search(body_class)), "cms_page": bool(_CMS_PAGE.search(body_class))}


_HAN = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")


def _weight(text: str) -> int:
    text = text.strip()
    return len(text) + 2 * len(_HAN.findall(text))


def features(s: PageSignals) -> dict[str, float]:
    """The model's inputs: booleans as 0/1, counts on a log scale (ten posts are not ten times one)."""
    og = (s.og_type or "").lower()
    return {
        "article_type": float(any(t in ARTICLE_TYPES for t in s.types)),
        "og_article": float(og == "article"),
        "og_website": float(og in ("website", "blog")),
        "dated": float(s.dated),
        "printed_date": float(s.printed_date),
        "authored": float(s.authored),
        "shop": log1p(s.shop_marks),
        "code": log1p(s.code_blocks),
        "docs": log1p(s.doc_marks),
        "posts": log1p(s.forum_marks),
        "times": log1p(s.times),
        "controls": log1p(s.controls),
        "paragraphs": log1p(s.long_paragraphs),
        "sections": log1p(s.headings) - log1p(s.long_paragraphs),
        "length": log1p(s.text_weight),
        "prose": s.prose_share,
        "teasers": log1p(s.linked_headings),
        "link_lines": s.link_share,
        "cut_lines": float(s.truncated_lines >= 3),
        "phones": log1p(s.phone_links),
        "article_elements": log1p(s.article_elements),
        "nav_links": log1p(s.nav_links),
        "cms_post": float(s.cms_post),
        "cms_page": float(s.cms_page),
        "headline": log1p(s.headline_words),
    }


# Trained by bench/train_pagekind.py (logistic regression on standardised features, WCXB dev
# pages with even ids and ../shared/realpages); rerun it to reproduce these numbers.
# name: (mean, scale, weight). A positive weight pulls towards "article".
WEIGHTS: dict[str, tuple[float, float, float]] = {
    'authored': (0.5336, 0.4989, 0.8192),
    'printed_date': (0.1202, 0.3251, 0.6793),
    'article_type': (0.3101, 0.4625, 0.6511),
    'sections': (0.1369, 1.3154, -0.5951),
    'controls': (2.3123, 1.2497, -0.5604),
    'length': (8.6831, 1.0453, 0.4962),
    'prose': (0.8916, 0.1555, 0.4858),
    'code': (0.2867, 1.0443, -0.4381),
    'posts': (0.7204, 1.111, -0.4235),
    'dated': (0.5207, 0.4996, 0.423),
    'headline': (1.7583, 0.7927, 0.3719),
    'cms_post': (0.2222, 0.4157, 0.3473),
    'cms_page': (0.137, 0.3438, -0.3236),
    'og_article': (0.5323, 0.499, 0.2898),
    'teasers': (0.6813, 1.0667, -0.2368),
    'times': (0.3706, 0.7371, -0.1541),
    'og_website': (0.2028, 0.4021, -0.1505),
    'nav_links': (2.7473, 1.7142, -0.1329),
    'shop': (0.5619, 1.2498, -0.128),
    'paragraphs': (2.5476, 1.1471, 0.1181),
    'cut_lines': (0.0233, 0.1507, -0.1033),
    'article_elements': (0.5888, 0.8979, -0.0869),
    'phones': (0.1938, 0.4787, 0.0769),
    'docs': (0.5679, 1.1427, -0.057),
    'link_lines': (0.0107, 0.0445, 0.0243),
}
BIAS = 1.1051
THRESHOLD = -2.3964
# The name each feature goes by in kind_signal, by the direction it pulled.
SIGNAL_NAMES = {
    "article_type": "json-ld", "og_article": "og:type", "og_website": "og:type", "dated": "dated",
    "printed_date": "dated", "authored": "byline", "shop": "shop", "code": "docs", "docs": "docs",
    "posts": "posts", "times": "posts", "controls": "controls", "paragraphs": "prose", "sections": "sections",
    "length": "prose", "prose": "prose", "teasers": "teasers", "link_lines": "teasers", "cut_lines": "teasers",
    "phones": "phone-links", "article_elements": "teasers", "nav_links": "docs", "cms_post": "cms-template",
    "cms_page": "cms-template", "headline": "headline",
}


def article_score(s: PageSignals) -> tuple[float, dict[str, float]]:
    """The model's score (above THRESHOLD: an article) and each feature's part in it."""
    parts = {name: weight * (value - WEIGHTS[name][0]) / WEIGHTS[name][1]
             for name, value in features(s).items() if name in WEIGHTS
             for weight in (WEIGHTS[name][2],)}
    return BIAS + sum(parts.values()), parts


LINKS_ONLY = 0.8  # this share of the text in link texts: a link list, not prose


def hard_rule(s: PageSignals) -> tuple[PageKind, str] | None:
    """What the page says about itself, when that settles it (rules 1-3 of judge_page)."""
    if s.text_weight < MIN_ARTICLE_WEIGHT:
        return PageKind.OTHER, "short"
    article_types = [t for t in s.types if t in ARTICLE_TYPES]
    other_types = [t for t in s.types if t in OTHER_TYPES]
    og = (s.og_type or "").lower()
    if other_types and not article_types:
        first = other_types[0]
        return PageKind(OTHER_TYPES[first]), f"json-ld:{first}"
    if (og.startswith("product") or og == "profile") and not article_types:
        return PageKind.OTHER, "og:type"
    if s.linked_text >= LINKS_ONLY and not article_types:
        return PageKind.LISTING, "links"  # a page that is nothing but links is no article, however long
    if (s.front_page or s.listing_url) and not article_types and og != "article":
        return PageKind.LISTING, "url"  # a page that declares itself an article is judged on its merits
    return None


def judge_page(s: PageSignals) -> tuple[PageKind, str]:
    """The page's kind and the signal that decided it.

    Hard rules first, because they are what the page says about itself:
    1. Too little text for any article: other ("short").
    2. A schema.org type that is not writing (Product, Offer, SoftwareApplication,
       DiscussionForumPosting, QAPage, TechArticle, CollectionPage...) and no article type
       beside it: that kind ("json-ld:Product"); og:type product or profile: other ("og:type").
    3. The site's root, or a category/tag/archive/search URL, unless the page declares itself
       an article (an article type, og:type article): listing ("url").
    Then a small logistic model over the page's structure (`features`, `WEIGHTS`): article
    types and og:type article, a published date and a byline pull towards article; shop
    markup, code blocks in doc navigation, posts with replies and many dates, forms, teaser
    headings and short sections pull away. The signal named is the feature that pulled
    hardest in the direction of the decision; a page judged not an article whose strongest
    pull was teaser titles is a listing, any other is other.
    """
    decided = hard_rule(s)
    if decided is not None:
        return decided
    article_types = [t for t in s.types if t in ARTICLE_TYPES]
    score, parts = article_score(s)
    values = features(s)
    if score >= THRESHOLD:
        return PageKind.ARTICLE, _signal(parts, values, article_types, toward_article=True) or "prose"
    signal = _signal(parts, values, article_types, toward_article=False) or "no-prose"
    return (PageKind.LISTING if signal == "teasers" else PageKind.OTHER), signal


def _signal(parts: dict[str, float], values: dict[str, float], article_types: list[str],
            toward_article: bool) -> str | None:
    """The name of the feature present on the page that pulled hardest towards the decision
    (an absent form or date explains nothing, so only features the page has are named)."""
    present = {name: part if toward_article else -part for name, part in parts.items() if values[name] > 0}
    name = max(present, key=lambda feature: present[feature], default=None)
    if name is None or present[name] <= 0:
        return None
    signal = SIGNAL_NAMES[name]
    return f"json-ld:{article_types[0]}" if signal == "json-ld" and article_types else signal
