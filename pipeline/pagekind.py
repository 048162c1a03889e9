"""Article or not: the signals a page gives about what it is, and one decision over them.

A crawler meets far more than articles: service and product pages, forum threads,
documentation, category pages and listings. Storing them as articles fills the research
database with price lists and menus. `read_signals` reads what the page says about itself
(schema.org types in JSON-LD and microdata, og:type, a published date and an author) and
what its structure shows (shop markup, code blocks and doc navigation, post-and-reply
markup, repeated teaser cards, prose paragraphs, share buttons and figures, how heavy the
page is, and whether the page is an entry of its own site's menu), how its prose speaks and what its own URL
is called (pagekind_prose: sales words, manual words, instructions, a headline slug or a
one-word one); `judge_page` turns those into a kind and
the name of the signal that decided, so every decision can be explained and tested on
literal signals. No rule names a site, a word of one site's menus, or a URL of the
benchmark pages: only page structure, schema.org semantics and the shape of prose.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from math import log, log1p
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipeline.boilerplate import MAX_CACHED_NAMES, whole_document
from pipeline.models import PageKind
from pipeline.nodetext import text_of
from pipeline.pagekind_prose import (  # noqa: F401  (voice, dated_lines, declared_slug: re-exported)
    calls_to_action, dated_lines, declared_address, declared_slug, heading_marks, prose_register, slug_of, voice,
)
from pipeline.pagekind_model import BIAS, SIGNAL_NAMES, THRESHOLD, WEIGHTS

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
# Service and landing pages are built from hero banners, feature grids, testimonials, pricing
# plans, FAQ accordions and contact forms; listings from cards, tiles, grids and pagination;
# articles from an entry/post/article body with a byline and a dateline (theme conventions
# shared by WordPress, Drupal, Bootstrap and page builders, not one site's names).
SERVICE_WORDS = frozenset({"testimonial", "testimonials", "cta", "hero", "pricing", "plan", "plans", "feature",
                           "features", "benefits", "faq", "faqs", "accordion", "service", "services", "wpcf7",
                           "clients", "partners", "logos", "quote"})
CARD_WORDS = frozenset({"card", "cards", "grid", "tile", "tiles", "teaser", "teasers", "pagination", "listing",
                        "loop", "results"})
# A menu marks the entry of the page being shown ("current", "active"): many such marks, and
# above all the page's own entry marked current (WordPress's current-menu-item and
# current_page_item, aria-current="page" outside a breadcrumb), say the page is one of the
# site's sections or services, reached from its menu; an article is not in the menu.
CURRENT_WORDS = frozenset({"current", "active"})
_OWN_ENTRY = re.compile(r"current[-_](?:menu|page)[-_]item")
# each class word's kinds as bits (shop 1, docs 2, forum 4, service 8, cards 16, current 32): one lookup a word
_WORD_KINDS: dict[str, int] = {}
for _bit, _words in enumerate((SHOP_WORDS, DOC_WORDS, FORUM_WORDS, SERVICE_WORDS, CARD_WORDS, CURRENT_WORDS)):
    for _word in _words:
        _WORD_KINDS[_word] = _WORD_KINDS.get(_word, 0) | 1 << _bit
# one alternation searched once per distinct class value (a substring test per name is slower)
_ARTICLE_CLASS = re.compile(r"entry-content|post-content|article-body|articlebody|article-content|story-body|"
                            r"byline|dateline|entry-meta|post-meta|post-date|entry-date|author")
_WORD_SPLIT = re.compile(r"[\s_-]+")
_DOC_GENERATORS = re.compile(r"sphinx|mkdocs|docusaurus|gitbook|vuepress|vitepress|docsy|readthedocs|jekyll-theme-docs|"
                             r"hugo-book|starlight|nextra|antora|doxygen|javadoc", re.I)
_FORUM_GENERATORS = re.compile(r"vbulletin|phpbb|discourse|xenforo|invision|mybb|smf|vanilla|flarum|nodebb", re.I)
_PRICE_TEXT = re.compile(r"(?:[$€£¥]\s?\d{1,5}(?:[.,]\d{2})?(?!\d)|\b\d{1,5}[.,]\d{2}\s?(?:USD|EUR|GBP|€))")
_PRICE_MARKS = ("$", "€", "£", "¥", "USD", "EUR", "GBP")  # one is in every price _PRICE_TEXT finds


def _has_price(text: str) -> bool:
    """_PRICE_TEXT found in the text, searched only where a currency mark is (a substring test in C
    per mark; the regex tries every digit of a paragraph)."""
    return any(mark in text for mark in _PRICE_MARKS) and _PRICE_TEXT.search(text) is not None
# Share buttons: links that post the page to a social network (the networks' own share
# endpoints, not any site's). Share widgets are the furniture of a story or a post.
_SHARE_HREF = re.compile(
    r"\b(?:facebook\.com/(?:sharer|share\.php|dialog/(?:share|feed))|(?:twitter|x)\.com/(?:intent/(?:tweet|post)|share)|"
    r"linkedin\.com/(?:shareArticle|sharing/share|cws/share)|pinterest\.\w+/pin/create|reddit\.com/submit|"
    r"weibo\.com/share|(?:api|web)\.whatsapp\.com/send|whatsapp://send|wa\.me/\?|t(?:elegram)?\.me/share|"
    r"tumblr\.com/(?:share|widgets/share)|vk\.com/share|connect\.qq\.com/widget/shareqq|qzone\.qq\.com/cgi-bin/qzshare|"
    r"news\.ycombinator\.com/submitlink|getpocket\.com/(?:save|edit)|addtoany\.com/(?:share|add_to)|"
    r"xing\.com/(?:spi/)?share|bsky\.app/intent|mastodonshare|line\.me/R/msg|social-plugins\.line\.me)", re.I)
# every share endpoint above has one of these in its address: searched first, since the whole
# alternation above is several times slower on a link that is no share button (most links)
_SHARE_HINT = re.compile(r"shar|intent|submit|send|pin/create|dialog/|getpocket|addtoany|msg|wa\.me|line\.me")
_CART_TEXT = re.compile(r"^\s*(?:add\s+to\s+(?:cart|bag|basket)|buy\s+(?:it\s+)?now|in\s+den\s+warenkorb|"
                        r"ajouter\s+au\s+panier|añadir\s+al\s+carrito|加入购物车|立即购买)\s*$", re.I)

# What documentation pages say around their text: a help centre asks whether the page helped,
# a docs site offers to edit it or lists what is on it (whole short texts of links, buttons,
# headings). Articles rarely carry these.
_DOC_PHRASE = re.compile(
    r"^\s*(?:was\s+this\s+(?:page|article|doc|document|section|information|content)\s+helpful\s*\??|"
    r"did\s+this\s+(?:answer\s+your\s+question|help|page\s+help)\s*\??|edit\s+(?:this\s+page|on\s+github)|"
    r"on\s+this\s+page|in\s+this\s+(?:article|guide|topic)|improve\s+this\s+(?:page|doc)|"
    r"table\s+of\s+contents|next\s+(?:page|topic|step)?\s*[→»>]|[←«<]\s*previous(?:\s+(?:page|topic))?)\s*$", re.I)
_DOC_PHRASE_TAGS = ("a", "button", "h2", "h3", "h4", "h5", "span", "p", "summary")

_LD_SCRIPTS = etree.XPath('/descendant::script[@type="application/ld+json"]')  # //script[...], in order
_ITEMTYPES = etree.XPath("//@itemtype", smart_strings=False)
# plain strings: a "smart" string of lxml's, which knows its element, costs more to make
_NAMES = etree.XPath("//@class | //@id", smart_strings=False)
_GENERATOR = etree.XPath("//meta[@name='generator']/@content")
_PARAGRAPHS = etree.XPath("//p[string-length(.) >= 50]")
_ITEMPROPS = etree.XPath("//@itemprop")
_HEADING_NODES = ("h1", "h2", "h3", "h4", "h5", "h6")
_LIST_ITEMS = etree.XPath("/descendant::li[not(ancestor::li)]")  # //li[...] in one axis step: a third less walk
_BODY_LENGTH = etree.XPath("string-length(//body)")
_NAV_BLOCKS = etree.XPath("//nav | //aside")
_NAV_LINKS = etree.XPath("count(.//a)")
_BODY_CLASS = etree.XPath("string(//body/@class)")
_ELEMENTS = etree.XPath("count(//*)")
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
    phone_links: int = 0  # tel: links; read, but not in the model: on WCXB it pulled towards "article"
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
    calls_to_action: int = 0  # links and buttons saying "Get a quote", "Book now", "Contact us"
    we_share: float = 0.0  # "we", "our", "us" per 100 words of the extracted text
    you_share: float = 0.0  # "you", "your" per 100 words of the extracted text
    dated_lines: int = 0  # short lines of the extracted text with a date or an age in them
    reported_share: float = 0.0  # "said", "told", "according to" per 100 words of the extracted text
    prose_run: int = 0  # most long <p> under one parent: an article body is one run of paragraphs
    service_marks: int = 0  # elements named hero/testimonial/pricing/faq/services...: a landing page
    card_marks: int = 0  # elements named card/grid/tile/teaser/pagination...: a listing
    article_marks: int = 0  # elements named entry-content/article-body/byline/dateline...: a post
    doc_phrases: int = 0  # "Was this page helpful?", "Edit this page", "On this page"...
    declared_published: bool = False  # a published-time meta, or datePublished on an article object
    modified_only: bool = False  # a modified date and no published one anywhere: a page kept up to date
    meta_author_only: bool = False  # the only author is a <meta name=author> (often the company)
    declared_root: bool = False  # rel=canonical or og:url names the site's root
    declared_listing: bool = False  # rel=canonical or og:url is a category, tag, archive or search URL
    declared_url: bool = False  # the page names its own URL (rel=canonical or og:url)
    slug_words: int = 0  # words in the last segment of that URL: a headline slug has many
    list_share: float = 0.0  # share of the page's text in list items (menus, feature lists, doc trees)
    question_headings: int = 0  # headings ending in "?": an FAQ or help page
    sales_headings: int = 0  # "Why choose us", "Our services", "How it works", "Pricing"...
    market_share: float = 0.0  # sales words ("solutions", "clients", "expert") per 100 words of long paragraphs
    doc_share: float = 0.0  # manual words ("parameter", "command", "install") per 100 words of long paragraphs
    imperative_share: float = 0.0  # share of those paragraphs' sentences opening with an instruction verb
    menu_entry: bool = False  # the page's own menu entry marked current (a section or service page)
    menu_links: int = 0  # links in a menu (not a breadcrumb) to the URL the page declares for itself
    current_marks: int = 0  # menu and tab entries marked current or active (classes, aria-current)
    elements: int = 0  # elements in the unpruned page: how heavy its template is
    share_links: int = 0  # links to a social network's share endpoint (share buttons)
    figures: int = 0  # <figure> elements
    blockquotes: int = 0  # <blockquote> elements


ELEMENTS_FLOOR = 400  # pages with fewer elements weigh as this many in the model
MIN_ARTICLE_WEIGHT = 300  # text weight below which no page is an article (a Han character counts three)


def read_types(tree: lxml_html.HtmlElement, names: list | None = None) -> tuple[str, ...]:
    """Every schema.org @type in the page's JSON-LD (at any depth) and microdata itemtypes (from
    `names`, boilerplate.name_values(tree), when the caller has read it).

    Read with a regular expression rather than a JSON parser: broken JSON-LD (trailing commas,
    HTML comments) is common, and only the type names are wanted here.
    """
    found: dict[str, None] = {}
    for node in _LD_SCRIPTS(tree):
        for single, many in _LD_TYPE.findall(node.text or ""):
            for name in ([single] if single else re.findall(r'"([^"]+)"', many)):
                found.setdefault(name.rsplit("/", 1)[-1].rsplit(":", 1)[-1], None)
    for value in _ITEMTYPES(tree) if names is None or not hasattr(names, "itemtypes") else names.itemtypes:
        for url in value.split():
            found.setdefault(url.rstrip("/").rsplit("/", 1)[-1], None)
    return tuple(found)


# class/id value -> (_WORD_KINDS bits of its words, a current-menu-item name, an _ARTICLE_CLASS name)
_NAME_MARKS: dict[str, tuple[int, bool, bool]] = {}


def _name_marks(value: str) -> tuple[int, bool, bool]:
    low = value.lower()
    mask = 0
    for word in _WORD_SPLIT.split(low):
        mask |= _WORD_KINDS.get(word, 0)
    return mask, bool(mask & 32) and bool(_OWN_ENTRY.search(low)), bool(_ARTICLE_CLASS.search(low))


def structure_marks(tree: lxml_html.HtmlElement, names: list | None = None) -> dict[str, Any]:
    """Counts of shop, docs and forum markup and of prose paragraphs in the unpruned page;
    `names` is the page's class and id values when the caller has read them already."""
    shop = docs = forum = service = cards = article = current = 0
    own_entry = False
    # class values repeat (every menu item, every card): each distinct one is counted once;
    # and across a site's pages (one theme): each is split once per process (_NAME_MARKS)
    known = _NAME_MARKS
    if len(known) > MAX_CACHED_NAMES:
        known.clear()
    for value, count in Counter(_NAMES(tree) if names is None else names).items():
        marks = known.get(value)
        if marks is None:
            marks = known[value] = _name_marks(value)
        mask, own_name, article_name = marks
        if mask:
            shop += count * (mask & 1)
            docs += count * (mask >> 1 & 1)
            forum += count * (mask >> 2 & 1)
            service += count * (mask >> 3 & 1)
            cards += count * (mask >> 4 & 1)
            if mask & 32:
                current += count
                own_entry = own_entry or own_name
        article += count * article_name
    own = declared_address(tree)
    tags = _tag_pass(tree, own, document=whole_document(tree), body_length=getattr(names, "body_length", None))
    parts = tags.pop("document")
    if parts is None:  # a fragment, or a document of several trees: its `//` reach, by XPath
        parts = DocumentParts(list(_GENERATOR(tree)), _BODY_CLASS(tree), _BODY_LENGTH(tree),
                              [(p, p.text_content()) for p in _PARAGRAPHS(tree)], _NAV_BLOCKS(tree))
    buttons = tags.pop("buttons")
    current += tags.pop("aria_current")
    own_entry = tags.pop("aria_page") or own_entry
    shop += 3 * sum(1 for text in buttons if _CART_TEXT.match(text))
    generator = " ".join(parts.generators)
    if _DOC_GENERATORS.search(generator):
        docs += 20
    if _FORUM_GENERATORS.search(generator):
        forum += 20
    body_class = parts.body_class
    long_paragraphs = 0
    parents: Counter = Counter()
    prose: list[str] = []
    for p, text in parts.paragraphs:
        if len(text) >= 50 and (len(text.strip()) >= 150 or _weight(text) >= 150):  # a weight is no less
            prose.append(text)
            if not _has_price(text):
                long_paragraphs += 1
                parents[p.getparent()] += 1
    declared_url, slug_words = slug_of(own)
    body_length = parts.body_length or 1.0
    list_length = sum(len(text_of(item)) for item in _LIST_ITEMS(tree))
    itemprops = _ITEMPROPS(tree) if names is None or not hasattr(names, "itemprops") else names.itemprops
    times = tags.pop("time") + sum(1 for value in itemprops if value.startswith("date"))
    return {"shop_marks": shop, "doc_marks": docs, "forum_marks": forum, "long_paragraphs": long_paragraphs,
            "prose_run": max(parents.values(), default=0), "service_marks": service, "card_marks": cards,
            "article_marks": article, "times": times, "menu_entry": own_entry, "current_marks": current,
            "elements": int(_ELEMENTS(tree)), **tags,
            "nav_links": int(max((_NAV_LINKS(block) for block in parts.navs), default=0)),
            "cms_post": bool(_CMS_POST.search(body_class)), "cms_page": bool(_CMS_PAGE.search(body_class)),
            "calls_to_action": calls_to_action(buttons), "declared_url": declared_url, "slug_words": slug_words,
            "list_share": min(1.0, list_length / body_length), **prose_register(prose)}


_ARIA_TAGS = frozenset({"a", "span", "button"})  # where aria-current is set (a menu's links, its current item)
_PASS_TAGS = ("pre", "code", "time", "form", "input", "select", "button", "article", "a", "span", "p", "summary",
              "figure", "blockquote", *_HEADING_NODES)
_COUNTED_HEADINGS = frozenset({"h2", "h3", "h4"})


@dataclass
class DocumentParts:
    """What structure_marks reads of the whole document: generator names, the first <body>'s class
    and text length, the <p> elements with their text (those of 50+ characters at least), the
    <nav> and <aside> blocks; as `//` XPath searches find them, in document order."""

    generators: list[str]
    body_class: str
    body_length: float
    paragraphs: list[tuple[Any, str]]
    navs: list


_DOCUMENT_TAGS = ("meta", "body", "nav", "aside")
# link address -> whether it is a share endpoint's, each distinct address searched once per
# process: a site's menu and footer links are the same on every one of its pages
_SHARE_HREFS: dict[str, bool] = {}
# an element's own short text -> whether it is a docs page's phrase, likewise once per distinct text
_DOC_TEXTS: dict[str, bool] = {}


def _tag_pass(tree: lxml_html.HtmlElement, own: str | None = None, document: bool = False,
              body_length: int | None = None) -> dict:
    """One walk over the elements the signals count (code, forms, headings, links...), instead of
    an XPath search of the whole tree for each: counts, doc phrases, button texts, heading marks;
    `own` is the URL the page declares, whose links in a menu are counted. With `document` (the
    tree is the whole document: whole_document) the walk also reads the DocumentParts, under
    "document"; else that is None. `body_length`: PageNames.body_length, when read already."""
    count: Counter = Counter()
    doc_phrases = phones = shares = menu_links = aria_current = 0
    aria_page = False
    me = _address_key(own) if own else None
    # the last segment of its path: a cheap test that most links fail before one is resolved
    tail = me[1].rsplit("/", 1)[-1] if me and me[1] != "/" else ""
    buttons: list[str] = []
    headings: list[str] = []
    generators: list[str] = []
    bodies: list = []
    paragraphs: list[tuple[Any, str]] = []
    navs: list = []
    share_hrefs, doc_texts = _SHARE_HREFS, _DOC_TEXTS
    if len(share_hrefs) > MAX_CACHED_NAMES:
        share_hrefs.clear()
    if len(doc_texts) > MAX_CACHED_NAMES:
        doc_texts.clear()
    for node in tree.iter(*_PASS_TAGS, *(_DOCUMENT_TAGS if document else ())):
        tag = node.tag
        if tag == "a" or tag == "span":  # most of the elements walked: uncounted, and read for these only
            text = node.text
            if text and len(text) <= 60:
                phrase = doc_texts.get(text)
                if phrase is None:
                    phrase = doc_texts[text] = _DOC_PHRASE.match(text) is not None
                doc_phrases += phrase
            marked = node.get("aria-current")
            if marked is not None and marked != "false":
                aria_current += 1
                aria_page = aria_page or (marked == "page" and not _in_breadcrumb(node))
            if tag == "a":
                href = node.get("href") or ""
                phones += href.startswith("tel:")
                share = share_hrefs.get(href)
                if share is None:
                    share = share_hrefs[href] = bool(_SHARE_HINT.search(href)) and bool(_SHARE_HREF.search(href))
                shares += share
                if tail and tail in href and href.rstrip("/").endswith(tail) and _address_key(href, own) == me \
                        and _in_menu(node):
                    menu_links += 1
            continue
        count[tag] += 1
        if document:
            if tag == "p":
                text = text_of(node)
                if len(text) >= 50:
                    paragraphs.append((node, text))
            elif tag in _DOCUMENT_TAGS:
                if tag == "meta":
                    if node.get("name") == "generator" and node.get("content") is not None:
                        generators.append(node.get("content"))
                elif tag == "body":
                    bodies.append(node)
                else:
                    navs.append(node)
                continue
        text = node.text
        if text and len(text) <= 60 and tag in _DOC_PHRASE_TAGS:
            phrase = doc_texts.get(text)
            if phrase is None:
                phrase = doc_texts[text] = _DOC_PHRASE.match(text) is not None
            doc_phrases += phrase
        if tag in _ARIA_TAGS:
            marked = node.get("aria-current")
            if marked is not None and marked != "false":
                aria_current += 1
                aria_page = aria_page or (marked == "page" and not _in_breadcrumb(node))
        if tag == "input":
            kind = node.get("type")
            count["hidden"] += kind == "hidden"
            if kind == "submit" and node.get("value") is not None:
                buttons.append(node.get("value"))
        elif tag == "button":
            buttons.append(text_of(node))
        elif tag in _HEADING_NODES:
            headings.append(text_of(node))
    return {"code_blocks": count["pre"] + count["code"], "time": count["time"],
            "controls": count["form"] + count["input"] - count["hidden"] + count["select"] + count["button"],
            "headings": sum(count[tag] for tag in _COUNTED_HEADINGS), "phone_links": phones,
            "article_elements": count["article"], "doc_phrases": doc_phrases, "buttons": buttons,
            "share_links": shares, "figures": count["figure"], "blockquotes": count["blockquote"],
            "menu_links": menu_links, "aria_current": aria_current, "aria_page": aria_page,
            "document": DocumentParts(generators, next((b.get("class") for b in bodies if b.get("class") is not None), ""),
                                      _body_length(tree, bodies, body_length), paragraphs, navs)
            if document else None, **heading_marks(headings)}


def _body_length(tree: lxml_html.HtmlElement, bodies: list, known: int | None) -> float:
    """Characters of the text of the first <body> (0.0 without one); `known` is that of the
    tree's own <body> child (PageNames.body_length), read already when that is the first."""
    if not bodies:
        return 0.0
    if known is not None and bodies[0] is tree.find("body"):
        return known
    return len(bodies[0].text_content())


def _address_key(href: str, base: str | None = None) -> tuple[str, str] | None:
    """(host without www., path without a trailing slash) of a link resolved against `base`:
    two addresses of one page compare equal."""
    try:
        parts = urlsplit(urljoin(base, href) if base else href)
    except ValueError:
        return None
    return parts.netloc.lower().removeprefix("www."), parts.path.rstrip("/") or "/"


_MENU_NAME = re.compile(r"menu|nav", re.I)


def _in_menu(node: Any) -> bool:
    """Whether the link sits in a menu (a <nav> or <header>, or an element named menu or nav)
    and not in a breadcrumb trail, which links every page to the sections above it."""
    in_menu = False
    for parent in node.iterancestors():
        names = f"{parent.get('class') or ''} {parent.get('id') or ''} {parent.get('aria-label') or ''}"
        if "breadcrumb" in names.lower():
            return False
        in_menu = in_menu or parent.tag in ("nav", "header") or bool(_MENU_NAME.search(names))
    return in_menu


def _in_breadcrumb(node: Any) -> bool:
    """Whether the element sits in a breadcrumb trail (class, id or label "breadcrumb", or a
    schema.org BreadcrumbList), where aria-current="page" marks the trail's end, not a menu entry."""
    for parent in node.iterancestors():
        for attribute in ("class", "id", "aria-label", "itemtype"):
            if "breadcrumb" in (parent.get(attribute) or "").lower():
                return True
    return False


_HAN_RUNS = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]+")  # counted by the run: fewer matches


def _weight(text: str) -> int:
    text = text.strip()
    if text.isascii():  # no Han, told in C
        return len(text)
    return len(text) + 2 * sum(map(len, _HAN_RUNS.findall(text)))


def features(s: PageSignals) -> dict[str, float]:
    """The model's inputs: booleans as 0/1, counts on a log scale (ten posts are not ten times one).

    On a page that nothing marks as an article (`unmarked`), how it speaks and what it asks of
    the reader weigh apart ("unmarked_we"...): a business page speaking as "we" and full of
    calls to action is a service page, an article by a company that dates and signs it is not.
    """
    base = _base_features(s)
    unmarked = base["unmarked"]
    for name in ("we", "you", "calls_to_action", "sections", "controls", "reported", "prose", "code", "docs", "nav_links"):
        base[f"unmarked_{name}"] = unmarked * base[name]
    return base


# WebPage and its kinds: a page described in JSON-LD. SEO plugins add an article object beside
# it for a post and leave a page (about, services, pricing) with the WebPage alone.
PAGE_TYPES = frozenset({"WebPage", "AboutPage", "ContactPage", "ItemPage", "MedicalWebPage", "CheckoutPage",
                        "FAQPage", "RealEstateListing"})
QUESTION_TYPES = frozenset({"FAQPage", "Question", "Answer"})
RATING_TYPES = frozenset({"AggregateRating", "Review", "Rating", "ItemList", "Brand"})


def _base_features(s: PageSignals) -> dict[str, float]:
    og = (s.og_type or "").lower()
    types = set(s.types)
    article_typed = not types.isdisjoint(ARTICLE_TYPES)
    return {
        "ld_page_only": float(not types.isdisjoint(PAGE_TYPES) and not article_typed),
        "ld_person": float("Person" in types),
        "ld_questions": float(not types.isdisjoint(QUESTION_TYPES)),
        "ld_ratings": float(not types.isdisjoint(RATING_TYPES)),
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
        "article_elements": log1p(s.article_elements),
        "nav_links": log1p(s.nav_links),
        "cms_post": float(s.cms_post),
        "cms_page": float(s.cms_page),
        "headline": log1p(s.headline_words),
        # nothing on the page says "article" (no article type, date, byline or post template):
        # most service, doc and listing pages, few articles; the other signals weigh more then
        "unmarked": float(not (any(t in ARTICLE_TYPES for t in s.types) or og == "article" or s.dated
                               or s.printed_date or s.authored or s.cms_post)),
        "calls_to_action": log1p(s.calls_to_action),
        "we": log1p(s.we_share),
        "you": log1p(s.you_share),
        "dated_lines": log1p(max(0, s.dated_lines - 1)),  # past the one of a byline
        "reported": log1p(s.reported_share),
        "prose_run": log1p(s.prose_run),
        "service_marks": log1p(s.service_marks),
        "card_marks": log1p(s.card_marks),
        "article_marks": log1p(s.article_marks),
        "doc_phrases": log1p(s.doc_phrases),
        "declared_published": float(s.declared_published),
        "modified_only": float(s.modified_only),
        "meta_author_only": float(s.meta_author_only),
        "declared_root": float(s.declared_root),
        "declared_listing": float(s.declared_listing),
        "declared_url": float(s.declared_url),
        "slug_words": log1p(s.slug_words),
        "list_share": s.list_share,
        "question_headings": log1p(s.question_headings),
        "sales_headings": log1p(s.sales_headings),
        "market_words": log1p(s.market_share),
        "doc_words": log1p(s.doc_share),
        "imperative": s.imperative_share,
        "menu_entry": float(s.menu_entry),
        "current_marks": log1p(s.current_marks),
        "menu_link": float(s.menu_links > 0),
        # how much heavier than ELEMENTS_FLOOR, on a log scale: a page of a few hundred elements
        # is as light as any (a test's literal page lighter still), and shows no weight to name
        "elements": log(max(ELEMENTS_FLOOR, s.elements) / ELEMENTS_FLOOR),
        "share_links": log1p(s.share_links),
        "figures": log1p(s.figures),
        "blockquotes": log1p(s.blockquotes),
    }




def article_score(s: PageSignals) -> tuple[float, dict[str, float]]:
    """The model's score (above THRESHOLD: an article) and each feature's part in it."""
    return _score(features(s))


def _score(values: dict[str, float]) -> tuple[float, dict[str, float]]:
    """article_score of the features' values (judge_page reads them too: computed once)."""
    parts = {name: weight * (value - WEIGHTS[name][0]) / WEIGHTS[name][1]
             for name, value in values.items() if name in WEIGHTS
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
    types and og:type article, a published date, a byline, share buttons and a headline slug in
    the page's own URL pull towards article; shop markup, code blocks in doc navigation, posts
    with replies and many dates, forms, teaser headings, short sections, sales and manual
    wording, a heavy template and the page being an entry of its own site's menu pull away. The signal named is the feature that pulled
    hardest in the direction of the decision; a page judged not an article whose strongest
    pull was teaser titles is a listing, any other is other.
    """
    decided = hard_rule(s)
    if decided is not None:
        return decided
    article_types = [t for t in s.types if t in ARTICLE_TYPES]
    values = features(s)
    score, parts = _score(values)
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
