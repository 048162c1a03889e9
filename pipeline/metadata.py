"""Article metadata that trafilatura misses or gets wrong on Chinese news pages.

Read from the parsed page before extraction prunes it: JSON-LD and meta dates, the
date printed under the headline ("29 1 月, 2026"), bylines ("撰文:Frank,麦通 MSX",
"作者：", "文 |", "By X and Y"), the headline without the site-name suffix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from pipeline.boilerplate import PageNames, name_values, whole_document
from pipeline.bylines import (
    BY_LABEL, LABEL_ONLY_RE, author_by_class, dom_author, find_author, first_byline, ld_authors, names_a_person,
)
from pipeline.dates import (
    ANY_ZONE, date_from_url, day_first_locale, find_date, locale_zones, normalize_iso, printed_days,
)

META_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "weibo: article:create_at", "release_date",
    "published", "published_date", "publication-date", "citation_publication_date", "citation_date", "dc.date.created",
)
META_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
                    "byl", "citation_author", "og:article:author", "article:author_name", "cxenseparse:author")
META_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")

TITLE_SEPARATORS = re.compile(r"\s+[|｜\-–—_·]\s+|\s*[|｜]\s*")


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    h1: str | None
    html_lang: str | None
    site_name: str | None
    canonical: str | None
    published: str | None
    date_source: str | None
    modified: str | None
    ld_author: str | None
    byline: str | None
    og_type: str | None
    ld_types: tuple[str, ...]
    meta_author: str | None = None
    ld_org: str | None = None  # an organisation named as the author in JSON-LD
    dom_author: str | None = None  # rel=author, itemprop=author, a byline element
    class_author: str | None = None  # an element named like a byline (trafilatura's rules)
    description: str | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    page_text: str = ""  # the whole page's visible text, a line per block: for dates and bylines
    link_texts: frozenset[str] = frozenset()  # texts of the page's links (8+ characters), whitespace-free
    default_year: int | None = None
    fetched_at: datetime | None = None
    day_first: bool | None = None  # the page's locale prints numeric dates day first (dates.day_first_locale)
    declared_published: bool = False  # a published-time <meta>, or datePublished on an article object
    og_url: str | None = None  # og:url: the page's own URL, as its canonical link is


def _metas(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Every <meta> by its lowercased property, name or itemprop (the first of each wins)."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if key and node.get("content"):
            found.setdefault(key, node.get("content").strip())
    return found


def _meta_content(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The first of `keys` the page has a <meta> for."""
    return next((metas[key] for key in keys if key in metas), None)


AUTHOR_LABELS = frozenset({"written by", "author", "authors", "by", "作者"})


def _card_author(metas: dict[str, str]) -> str | None:
    """The author a Twitter card names in its label/data pairs (Yoast SEO's "Written by" /
    "Ann Lee" beside "Est. reading time"), where no author <meta> does."""
    for number in range(1, 5):
        label = metas.get(f"twitter:label{number}")
        if label is None:
            return None
        if label.strip().lower() in AUTHOR_LABELS:
            return metas.get(f"twitter:data{number}")
    return None


_JSON_LD = etree.XPath('/descendant::script[@type="application/ld+json"]')


def _json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    objects: list[dict] = []
    for node in _JSON_LD(tree):
        try:
            data = json.loads(node.text_content() or "null")
        except (json.JSONDecodeError, ValueError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return objects


def _ld_types(objects: list[dict]) -> tuple[str, ...]:
    out = []
    for obj in objects:
        kind = obj.get("@type")
        out.extend(kind if isinstance(kind, list) else [kind] if kind else [])
    return tuple(str(k) for k in out)


def _ld_article(objects: list[dict]) -> dict | None:
    for obj in objects:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(str(k).endswith(("Article", "BlogPosting", "Report")) for k in kinds):
            return obj
    return None


def _stripped_text(node: lxml_html.HtmlElement, limit: int) -> str:
    """The element's stripped texts joined by spaces, empty ones out; read only until `limit`
    characters are joined (a block that holds the whole article is not read to its end):
    what _text_after keeps of it is its first `limit` characters at most."""
    pieces: list[str] = []
    length = -1  # of " ".join(pieces)
    for piece in node.itertext():
        piece = piece.strip()
        if piece:
            pieces.append(piece)
            length += len(piece) + 1
            if length >= limit:
                break
    return " ".join(pieces)


def _text_after(node: lxml_html.HtmlElement, limit: int) -> str:
    """Text that follows `node` in document order, up to `limit` characters."""
    parts: list[str] = []
    size = 0
    current = node
    while current is not None and size < limit:
        for sibling in current.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style"):
                continue
            text = _stripped_text(sibling, limit)
            if text:
                parts.append(text)
                size += len(text)
            if size >= limit:
                break
        current = current.getparent()
    return "\n".join(parts)[:limit]


def clean_title(title: str | None, site_name: str | None, h1: str | None) -> str | None:
    """The headline without " | Site Name" or " - Site" suffixes."""
    if not title:
        return h1
    if h1 and title.startswith(h1):
        return h1
    separators = list(TITLE_SEPARATORS.finditer(title))
    if separators:
        last = separators[-1]
        if site_name and title[last.end():].strip().lower() == site_name.strip().lower():
            return title[:last.start()].strip()
        if h1 and h1 in TITLE_SEPARATORS.split(title):
            return h1
    return title.strip()


def _category_and_tag_links(tree: lxml_html.HtmlElement,
                            texts: dict | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Texts of <a rel="..."> links carrying "category", and of those carrying "tag" but not
    "category" (WordPress: rel="category tag", rel="tag"), in one pass over the links; `texts`
    is every link's text by its element, in document order, when read already (PageNames.anchor_texts)."""
    categories: dict[str, None] = {}
    tags: dict[str, None] = {}
    for a in tree.iter("a") if texts is None else texts:
        rel = a.get("rel")
        if not rel:
            continue
        words = rel.lower().split()
        is_category = "category" in words
        if is_category or "tag" in words:
            text = " ".join((a.text_content() if texts is None else texts[a]).split())
            if text and len(text) <= 60:
                (categories if is_category else tags).setdefault(text, None)
    return tuple(categories), tuple(tags)


def _split_keywords(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(k.strip() for k in re.split(r"[,，;；]", value) if k.strip()))


_UTC_STAMP = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\+00:00|Z)$")


def _one_day_apart(a: str, b: str) -> bool:
    try:
        return abs((datetime.fromisoformat(a[:10]) - datetime.fromisoformat(b[:10])).days) == 1
    except ValueError:
        return False


def _local_day_of(local: str, utc_stamp: str, zones: tuple[float, float] = ANY_ZONE) -> bool:
    """Whether `local` is the day before or after a UTC timestamp's that a time zone between
    `zones` (UTC offsets in hours) shows: from UTC-12 to UTC+14, only a stamp before 12:00 UTC
    can be the previous local day and only one from 10:00 UTC the next (a permalink's draft date
    a day off is not); on a page whose region has its own range (en-GB: UTC+0 to +1) that range decides."""
    try:
        day, stamp = datetime.fromisoformat(local[:10]).date(), datetime.fromisoformat(utc_stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    shift, hour = (day - stamp.date()).days, stamp.hour + stamp.minute / 60
    return (shift == -1 and hour + zones[0] < 0) or (shift == 1 and hour + zones[1] >= 24)


def _in_zone(stamp: str, printed: str | None, zones: tuple[float, float]) -> str | None:
    """The UTC `stamp` in the time zone whose wall time `printed` gives for it (2022-02-06T12:48:06+00:00
    printed "06/02/2022 - 13:48" on a Paris page: 2022-02-06T13:48:06+01:00), or None when `printed`
    has no time or is off the stamp by other than whole quarter hours within `zones`."""
    if not printed or "T" not in printed:
        return None
    try:
        when, shown = datetime.fromisoformat(stamp.replace("Z", "+00:00")), datetime.fromisoformat(printed)
    except ValueError:
        return None
    if shown.tzinfo is not None:
        return None
    minutes = round((shown - when.replace(tzinfo=None, second=0, microsecond=0)).total_seconds() / 60)
    if not minutes or minutes % 15 or not zones[0] * 60 <= minutes <= zones[1] * 60:
        return None
    return when.astimezone(timezone(timedelta(minutes=minutes))).isoformat()


def _shown_wall_time(stamp: str, text: str, day_first: bool | None, zones: tuple[float, float]) -> str | None:
    """The UTC `stamp` in the page's own time zone, as the first date and time `text` prints shows
    it (_in_zone): read in the page's day order, else in the other, since only a reading that
    falls on the stamp's instant in some zone counts ("06/02/2022" is 6 February beside a
    2022-02-06 stamp on a zh page, whose locale says no order)."""
    for order in dict.fromkeys((day_first, True, False)):
        printed = find_date(text, updates=False, day_first=order)
        if not printed or "T" not in printed:
            return None  # no time printed: no clock to read, in either order
        local = _in_zone(stamp, printed, zones)
        if local:
            return local
    return None


def _printed_under_headline(near_title: str, fetched_at: datetime | None, day_first: bool | None) -> str | None:
    """A date not labelled as an update in the short lines (bylines, not paragraphs) under the headline."""
    for line in near_title.splitlines():
        if len(line) <= _BYLINE_LENGTH:
            found = find_date(line, reference=fetched_at, updates=False, day_first=day_first)
            if found:
                return found
    return None


_BYLINE_LENGTH = 200


def _line_heads(text: str) -> str:
    """The first characters of each line, where a byline prints its date ("By HNN Staff | November
    18, 2019 at 2:26 PM HST", which the story's text may follow on the same line): a date further
    into a line is one the story tells of, or a photo caption's."""
    return "\n".join(line[:_BYLINE_LENGTH] for line in text.splitlines())


_NOT_WORD = re.compile(r"[\W_]+")


def _bigrams(text: str) -> set[str]:
    text = _NOT_WORD.sub("", text.lower())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _resembles(heading: str, title: str | None, threshold: float) -> bool:
    """The character-bigram Jaccard similarity of a heading and the page's title reaches `threshold`
    (bigrams, so that Chinese titles compare as English ones do)."""
    a, b = _bigrams(heading), _bigrams(title or "")
    return bool(a and b) and len(a & b) / len(a | b) >= threshold


def _headline(tree: lxml_html.HtmlElement, title: str | None) -> lxml_html.HtmlElement | None:
    """The element that holds the article's headline, under which its byline and date are printed.

    The first h1 with text, if it resembles the page's title; else an h1 or h2 that closely
    does (a blog theme that gives its own name or its logo the h1, and the post's title an h2
    or a later h1); else the first h1, as the page gives it.
    """
    first = next(iter(tree.iter("h1")), None)
    h1s = [node for node in tree.iter("h1") if node.text_content().strip()]
    if h1s and (not title or _resembles(h1s[0].text_content(), title, 0.4)):
        return h1s[0]
    title_words = _NOT_WORD.sub("", (title or "").lower())
    for node in tree.iter("h1", "h2"):
        words = _NOT_WORD.sub("", node.text_content().lower())
        if words != title_words and title_words.endswith(words):
            continue  # the title's tail, "Markets | The Wall Street Journal": a channel or the site
        if _resembles(node.text_content(), title, 0.6) and not _in_page_furniture(node):
            return node
    return first


def _in_page_furniture(node: lxml_html.HtmlElement) -> bool:
    """Inside an aside, a nav or a footer: a sidebar's or a menu's heading is no headline."""
    return any(a.tag in ("aside", "nav", "footer") for a in node.iterancestors())


_DATED_TIMES = etree.XPath("/descendant::time[@datetime]")


def _time_nearest(tree: lxml_html.HtmlElement,
                  headline: lxml_html.HtmlElement | None) -> tuple[lxml_html.HtmlElement, int] | None:
    """The `<time datetime>` that shares the deepest container with the headline (the article's
    header or body), the first of those in document order, and how many levels above the
    headline that container is: a related post's or a menu's `<time>` may come first on the
    page, but sits in another part of it."""
    times = _DATED_TIMES(tree)
    if not times:
        return None
    if headline is None:
        return times[0], _FAR
    depth = {node: i for i, node in enumerate(headline.iterancestors())}  # 0: the headline's parent
    levels = [next((depth[a] for a in node.iterancestors() if a in depth), _FAR) for node in times]
    nearest = min(range(len(times)), key=levels.__getitem__)
    return times[nearest], levels[nearest]


_FAR = 1000  # no container shared with the headline
# a `<time>` in a container this close above the headline belongs to the article's header or
# body; further up, related posts and teasers share the container too
_BY_HEADLINE = 3


def _locale_day_first(tree: lxml_html.HtmlElement, metas: dict[str, str], self_hreflang: str | None) -> bool | None:
    """The page's numeric date order from its declared locale: html lang, og:locale, then the
    hreflang of the alternate link that points at the page itself ("en" in html lang, "EN-GB" there)."""
    for tag in (tree.get("lang") or tree.get("xml:lang"), metas.get("og:locale"), self_hreflang):
        order = day_first_locale(tag)
        if order is not None:
            return order
    return None


def _locale_zones(tree: lxml_html.HtmlElement, self_hreflang: str | None) -> tuple[float, float]:
    """The UTC offsets the page's region allows (dates.locale_zones), from html lang, else the
    hreflang of its own alternate link; not og:locale, which SEO plugins fill with en_US by default."""
    for tag in (tree.get("lang") or tree.get("xml:lang"), self_hreflang):
        zones = locale_zones(tag)
        if zones != ANY_ZONE:
            return zones
    return ANY_ZONE


def _links(tree: lxml_html.HtmlElement) -> tuple[str | None, list[tuple[str, str]]]:
    """The canonical link's href and every (hreflang, href) of the alternate links, in one pass."""
    canonical = None
    alternates: list[tuple[str, str]] = []
    for link in tree.iter("link"):
        rel, href = (link.get("rel") or "").lower(), (link.get("href") or "").strip()
        if not href:
            continue
        if rel == "canonical" and canonical is None:
            canonical = href
        elif rel == "alternate" and link.get("hreflang"):
            alternates.append((link.get("hreflang") or "", href))
    return canonical, alternates


def _structured_published(article: dict | None, objects: list[dict], metas: dict[str, str],
                          day_first: bool | None) -> tuple[str | None, str]:
    """JSON-LD datePublished of the article object, the published-time metas, any object's
    datePublished; a value that is not ISO ("02-12-2025") read in the page's day order."""
    if article and article.get("datePublished"):
        published = normalize_iso(str(article["datePublished"]), day_first)
        if published:
            return published, "json-ld"
    published = normalize_iso(_meta_content(metas, META_DATE_KEYS), day_first)
    if published:
        return published, "meta"
    return next((normalize_iso(str(o["datePublished"]), day_first) for o in objects if o.get("datePublished")),
                None), "json-ld"


@dataclass(frozen=True)
class _DateContext:
    """What the page gives that dates it besides its structured data."""
    near_title: str  # the text under the headline
    headline: lxml_html.HtmlElement | None
    url_date: str | None  # the date in the page's URL or the URL it declares
    fetched_at: datetime | None
    day_first: bool | None
    default_year: int | None
    modified: str | None  # the structured modified date
    zones: tuple[float, float] = ANY_ZONE  # the UTC offsets the page's locale allows (_locale_zones)
    modified_only_meta: bool = False  # its <meta> give when it was modified, and no published time


def _time_date(tree: lxml_html.HtmlElement, headline: lxml_html.HtmlElement | None, day_first: bool | None,
               within: int = _FAR, zones: tuple[float, float] = ANY_ZONE) -> str | None:
    """The date of the `<time datetime>` nearest the headline (its container at most `within`
    levels above it), in the page's time zone: the element's text, when it falls a day off a UTC
    datetime, is the day the reader sees."""
    found = _time_nearest(tree, headline)
    if found is None or found[1] > within:
        return None
    node = found[0]
    stamp = normalize_iso(node.get("datetime"), day_first)
    if not stamp or not _UTC_STAMP.search(stamp):
        return stamp
    shown = _shown_wall_time(stamp, node.text_content(), day_first, zones)
    if shown:
        return shown
    printed = find_date(node.text_content(), day_first=day_first)
    return printed if printed and _local_day_of(printed, stamp, zones) else stamp


def _labelled_update(node: lxml_html.HtmlElement) -> bool:
    """A `<time>` that its line labels an update ("Last Updated: <time>", itemprop=dateModified)."""
    if (node.get("itemprop") or "").lower() == "datemodified":
        return True
    # the line's text nodes joined by spaces: a label in its own element runs into the date in
    # text_content ("<span>Updated</span><time>January 25, 2026" reads "UpdatedJanuary 25")
    parent = node.getparent()
    text = " ".join(node.itertext())
    line = " ".join(parent.itertext()) if parent is not None else text
    return bool(_UPDATE_WORDS.search(line[:line.find(text) + len(text)][-80:]))


_UPDATE_WORDS = re.compile(r"\b(?:updated|modified|revised)\b|更新|修改", re.I)


def _shown_date(tree: lxml_html.HtmlElement, page: _DateContext) -> tuple[str, str] | None:
    """(date, source) the page shows by its headline: a `<time>` in the headline's container that
    its line does not label an update, else the first date not so labelled in the byline lines under it."""
    nearest = _time_nearest(tree, page.headline)
    if nearest and nearest[1] <= _BY_HEADLINE and not _labelled_update(nearest[0]):
        shown = _time_date(tree, page.headline, page.day_first, within=_BY_HEADLINE, zones=page.zones)
        if shown:
            return shown, "time"
    printed = _printed_under_headline(page.near_title, page.fetched_at, page.day_first)
    return (printed, "text") if printed else None


def _shown_instead(shown: tuple[str, str], published: str, modified: str | None) -> bool:
    """Whether the date shown by the headline may stand for a structured one the page does not print:
    not the modified date (a page that shows when it was last revised has still been published
    when its data says), nor one after it (a comment's, today's in the masthead), nor an earlier
    `<time>` while the page says it was modified since (a related post's, as likely)."""
    day, source = shown[0][:10], shown[1]
    if day == published[:10] or (modified and day >= modified[:10]):
        return False
    return not (source == "time" and day < published[:10] and modified and modified[:10] != published[:10])


def _published(tree: lxml_html.HtmlElement, structured: tuple[str | None, str],
               page: _DateContext) -> tuple[str | None, str | None]:
    """(published, source): the structured date, corrected by what the page prints, else the
    `<time>` nearest the headline, the date printed under it, the URL's date."""
    published, source = structured
    near_title, day_first = page.near_title, page.day_first
    if published and _UTC_STAMP.search(published):
        # a UTC timestamp may fall on the next day of the page's own: the date printed under the
        # headline, or the one in its address (a permalink takes the local date), is in the page's
        # time zone; a time printed with it gives the zone itself, and the instant is kept in it
        heads = _line_heads(near_title)
        shown = _shown_wall_time(published, heads, day_first, page.zones)
        if shown:
            published = shown
        else:
            printed = find_date(heads, reference=page.fetched_at, day_first=day_first)
            for local in (printed, page.url_date):
                if local and _local_day_of(local, published, page.zones):
                    published, source = local, "text" if local is printed else "url"
                    break
    if published and near_title:
        printed = _printed_under_headline(near_title, page.fetched_at, day_first)
        if printed and printed[:10] < published[:10] and not _one_day_apart(printed, published):
            # structured data that postdates the date printed in the byline is a republish or
            # a CMS's last-publish stamp: the byline says when the article first appeared
            published, source = printed, "text"
    if published and page.modified and published[:16] == page.modified[:16]:
        # a published stamp that is the modified one to the minute is when the page was last saved:
        # an earlier `<time>` by the headline says when it first appeared
        shown = _time_date(tree, page.headline, day_first, within=_BY_HEADLINE, zones=page.zones)
        if shown and shown[:10] < published[:10] and not _one_day_apart(shown, published):
            published, source = shown, "time"
    if published and source in ("json-ld", "meta") and published[:10] != page.url_date:
        by_headline = _shown_date(tree, page)
        if by_headline and _shown_instead(by_headline, published, page.modified) \
                and published[:10] not in printed_days(page_lines(tree)):
            # a structured date the page prints nowhere, and another by the headline that is not the
            # modified one either: the reader is shown when it appeared (the data keeps a draft's stamp)
            published, source = by_headline
    if published and source == "json-ld" and _known_by_revision(tree, published, page):
        published, source = page.modified, "updated"
    if not published:
        published, source = _time_date(tree, page.headline, day_first, zones=page.zones), "time"
    if not published and near_title:
        published, source = find_date(near_title, reference=page.fetched_at, default_year=page.default_year,
                                      day_first=day_first), "text"
    if not published and page.url_date:
        published, source = page.url_date, "url"
    return published, source if published else None


def _known_by_revision(tree: lxml_html.HtmlElement, published: str, page: _DateContext) -> bool:
    """A page whose <meta> declare only when it was modified (a CMS's evergreen page, not a post:
    SEO plugins give a published time to posts only) and that prints that date but never its
    JSON-LD datePublished: it presents itself by its revision, and the hidden date is the page's
    creation. Reads the page's text only for such pages."""
    if not (page.modified_only_meta and page.modified and page.modified[:10] > published[:10]):
        return False
    days = printed_days(page_lines(tree))
    return page.modified[:10] in days and published[:10] not in days


def read_page_meta(tree: lxml_html.HtmlElement, url: str, fetched_at: datetime | None = None,
                   names: PageNames | None = None) -> PageMeta:
    """Everything we read from the page ourselves; call before extraction prunes the tree.
    `names` is boilerplate.name_values(tree) when the caller has read it (its byline candidates)."""
    html_lang = tree.get("lang") or tree.get("xml:lang")
    metas = _metas(tree)
    h1_node = next(iter(tree.iter("h1")), None)
    h1 = " ".join(h1_node.text_content().split()) if h1_node is not None else None
    title_node = next(iter(tree.iter("title")), None)
    og_title = _meta_content(metas, ("og:title", "twitter:title"))
    title = og_title or (" ".join(title_node.text_content().split()) if title_node is not None else None)
    site_name = _meta_content(metas, ("og:site_name", "application-name"))
    canonical, alternates = _links(tree)
    objects = _json_ld_objects(tree)
    article = _ld_article(objects)
    og_type = _meta_content(metas, ("og:type",))

    headline = _headline(tree, title)
    near_title = _text_after(headline, 600) if headline is not None else ""
    # the URLs the page gives itself (rel=canonical, og:url, twitter:url) date it as its address
    # does: a saved page read from a file keeps /2025/12/15/ only there; some CMSs percent-encode
    # their slashes, and a canonical link may hold no URL at all
    own_urls = [unquote(u).rstrip("/") for u in (canonical, metas.get("og:url"), metas.get("twitter:url")) if u]
    year_hint = date_from_url(url) or next((d for d in map(date_from_url, own_urls) if d), None)
    default_year = int(year_hint[:4]) if year_hint else (fetched_at.year if fetched_at else None)
    self_hreflang = next((lang for lang, href in alternates if unquote(href).rstrip("/") in own_urls), None)
    day_first = _locale_day_first(tree, metas, self_hreflang)
    modified = article.get("dateModified") if article else None
    modified = normalize_iso(str(modified), day_first) if modified else \
        normalize_iso(_meta_content(metas, META_MODIFIED_KEYS), day_first)
    published, source = _published(tree, _structured_published(article, objects, metas, day_first), _DateContext(
        near_title, headline, year_hint, fetched_at, day_first, default_year, modified,
        _locale_zones(tree, self_hreflang), bool(_meta_content(metas, META_MODIFIED_KEYS))
        and not _meta_content(metas, META_DATE_KEYS)))

    ld_author, ld_org = ld_authors(article, objects)
    byline = first_byline(near_title)
    named = names_a_person([byline, ld_author], site_name)
    categories, tags = _category_and_tag_links(tree, getattr(names, "anchor_texts", None))
    by_markup = by_class = None
    if not named:
        names = names if names is not None else name_values(tree)
        by_markup, by_class = dom_author(names.author_nodes), author_by_class(names.authorish)
    return PageMeta(
        title=clean_title(title, site_name, h1), h1=h1, html_lang=html_lang, site_name=site_name,
        canonical=canonical, published=published, date_source=source if published else None,
        modified=modified, ld_author=ld_author, byline=byline,
        og_type=og_type, ld_types=_ld_types(objects),
        meta_author=_meta_content(metas, META_AUTHOR_KEYS) or _card_author(metas), ld_org=ld_org,
        # markup authors are searched for only when the byline and JSON-LD name no one (they come after them)
        dom_author=by_markup, class_author=by_class,
        description=_meta_content(metas, ("og:description", "description", "twitter:description")),
        image=_meta_content(metas, ("og:image", "twitter:image")),
        categories=categories or _split_keywords(_meta_content(metas, ("article:section",))),
        tags=tags or _split_keywords(_meta_content(metas, ("article:tag", "keywords"))),
        # the page's text is only searched when structured data leaves the date or author open
        page_text=page_lines(tree) if source in (None, "url", "text") or not (byline or ld_author) else "",
        default_year=default_year, fetched_at=fetched_at, day_first=day_first,
        og_url=_meta_content(metas, ("og:url",)),
        declared_published=bool((article and article.get("datePublished")) or _meta_content(metas, META_DATE_KEYS)),
        link_texts=_link_texts(tree, names),
    )


def _link_texts(tree: lxml_html.HtmlElement, names: PageNames | None) -> frozenset[str]:
    """The texts of the page's links of 8+ characters (XPath's normalize-space), white space
    removed. From the texts name_values read (the tree is unchanged since), where the tree is
    its whole document (so that it holds every link /descendant:: finds)."""
    texts = getattr(names, "anchor_texts", None)
    if texts is None or not whole_document(tree):
        return frozenset("".join(a.text_content().split()) for a in _LONG_ANCHORS(tree))
    out = set()
    for text in texts.values():  # the links in document order, as tree.iter("a") met them
        if len(text) < 8:
            continue  # both lengths below are at most the text's own (icons, "Home", "More")
        flat = "".join(text.split())
        # normalize-space keeps every character str.split drops but XML's four spaces (and puts
        # a space between words): at least as long as `flat`, so only a shorter one is measured
        if len(flat) >= 8 or len(" ".join(_XML_SPACES.split(text.strip(" \t\n\r")))) >= 8:
            out.add(flat)
    return frozenset(out)


_XML_SPACES = re.compile(r"[ \t\n\r]+")  # the white space normalize-space collapses


_LONG_ANCHORS = etree.XPath("/descendant::a[string-length(normalize-space(.)) >= 8]")
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
           "section", "article", "header", "footer", "blockquote", "dd", "dt", "pre", "center", "span"}
_INVISIBLE = {"script", "style", "noscript", "head", "template", "select", "option"}


def _page_text_xslt() -> etree.XSLT:
    blocks = "|".join(sorted(_BLOCKS))
    invisible = "|".join(sorted(_INVISIBLE))
    return etree.XSLT(etree.XML(f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="{blocks}"><xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
<xsl:template match="{invisible}|comment()|processing-instruction()"/>
</xsl:stylesheet>"""))


# page_lines' walk done by libxslt: the same text and block breaks, several times faster than
# a walk in Python over every element of the page
_PAGE_TEXT = _page_text_xslt()


def page_lines(tree: lxml_html.HtmlElement) -> str:
    """All visible text of the page in document order, a line per block element."""
    body = tree.find("body")
    root = body if body is not None else tree
    try:
        text = bytes(_PAGE_TEXT(root)).decode("utf-8")
    except (etree.XSLTApplyError, UnicodeDecodeError):  # libxslt's depth limit on a hostile page: walk it here
        return _walked_lines(tree)
    if root.tag in _BLOCKS:
        text = f"\n{text}\n"
    if root.tail:
        text += root.tail
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _walked_lines(tree: lxml_html.HtmlElement) -> str:
    """page_lines, walked in Python."""
    body = tree.find("body")
    parts: list[str] = []
    skip_depth = 0
    for event, node in etree.iterwalk(body if body is not None else tree, events=("start", "end", "comment", "pi")):
        tag = node.tag if isinstance(node.tag, str) else None
        if event in ("comment", "pi"):  # not the comment, but the text after it: "<!--x-->2005年1月2日"
            if not skip_depth and node.tail:
                parts.append(node.tail)
        elif event == "start":
            if tag in _INVISIBLE:
                skip_depth += 1
            elif not skip_depth:
                if tag in _BLOCKS:
                    parts.append("\n")
                if node.text:
                    parts.append(node.text)
        else:
            if tag in _INVISIBLE:
                skip_depth -= 1
            elif not skip_depth and tag in _BLOCKS:
                parts.append("\n")
            if not skip_depth and node.tail:
                parts.append(node.tail)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).splitlines() if line.strip())


_LOOSE_GAP = r"[\s|\-]*"


class Found(NamedTuple):
    """Where _find_loose found its needle: start() and end(), as a match gives them."""

    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop


MAX_LOOSE_CANDIDATES = 300  # places the needle's first character may start it, beyond which a regex searches


def _find_loose(text: str, needle: str, last: bool = False) -> Found | None:
    """`needle` in `text` with any whitespace, and the table bars and list dashes extraction
    adds ("| 投身外交 | 罗银胜 |", "- 关注"), allowed between its characters (the last match of
    a left-to-right scan, with `last`).

    A needle with no gap character of its own matches at a place in one way only (a gap before
    one of its characters can take none of it), so each place its first character holds is tried
    by hand: compiling its regex (about 140 us for 16 characters) cost more than the search."""
    if not needle or "|" in needle or "-" in needle or any(map(str.isspace, needle)) \
            or text.count(needle[0]) > MAX_LOOSE_CANDIDATES:
        return _find_loose_regex(text, needle, last)
    first, rest, size = needle[0], needle[1:], len(text)
    found = None
    at = text.find(first)
    while at >= 0:
        pos = at + 1
        for char in rest:
            while pos < size and (text[pos].isspace() or text[pos] in "|-"):  # _LOOSE_GAP's characters
                pos += 1
            if pos >= size or text[pos] != char:
                break
            pos += 1
        else:
            found = Found(at, pos)
            if not last:
                return found
            at = text.find(first, pos)  # a scan goes on after its match
            continue
        at = text.find(first, at + 1)
    return found


def _find_loose_regex(text: str, needle: str, last: bool = False) -> Found | None:
    """_find_loose by a regex of the needle's characters with _LOOSE_GAP between them."""
    pattern = re.compile(_LOOSE_GAP.join(map(re.escape, needle)))
    if not last:
        match = pattern.search(text)
    else:
        match = None
        for match in pattern.finditer(text):  # noqa: B007  (the last match is the one wanted)
            pass
    return None if match is None else Found(match.start(), match.end())


def around_article(page_text: str, article_text: str, before: int = 400, after: int = 300) -> tuple[str, str]:
    """(head, tail): page text just before and at the article's start, and at and after its end.

    The article is located by its first and last characters with whitespace ignored, since
    extraction may join or split lines differently from the page (and draw tables and lists);
    when its first or last line is not found as such (a table caption, a "关注" button that
    extraction moved), the next or previous line is tried.
    """
    lines = [_squeeze(line) for line in article_text.splitlines()]
    lines = [line for line in lines if line]
    if not page_text or len("".join(lines)) < 8:
        return "", ""
    first = last = None
    for skip in range(min(3, len(lines))):
        first = first or _find_loose(page_text, "".join(lines[skip:])[:16])
        last = last or _find_loose(page_text, "".join(lines[:len(lines) - skip])[-16:], last=True)
    head = page_text[max(0, first.start() - before):first.start() + after] if first else ""
    tail = page_text[max(0, last.end() - after):last.end() + before] if last else ""
    return head, tail


def _squeeze(text: str) -> str:
    return "".join(text.split()).replace("|", "").replace("-", "")


def date_near_article(meta: PageMeta, head: str, article_start: str) -> str | None:
    """The date printed just before the article's first line, else at its start."""
    cut = head.rfind(article_start) if article_start else -1  # the article sits at the end of head
    before, after = (head[:cut], head[cut:]) if cut >= 0 else (head, "")
    # the nearest date above the article wins: search the lines before it from the bottom up,
    # first for a date not labelled as an update ("Updated: ..."), then for any
    for updates in (False, True):
        for line in reversed(before.splitlines()):
            found = find_date(line, reference=meta.fetched_at, default_year=meta.default_year, updates=updates,
                              day_first=meta.day_first)
            if found:
                return found
        for line in after.splitlines()[:5]:
            found = find_date(line, reference=meta.fetched_at, default_year=meta.default_year, updates=updates,
                              day_first=meta.day_first)
            if found:
                return found
    return None


def author_near_article(head: str, tail: str) -> str | None:
    return find_author(head, tail)


def byline_in_text(text: str, lines: int = 5) -> str | None:
    """A byline among the first lines of extracted article text."""
    head = "\n".join(text.splitlines()[:lines])
    return first_byline(head)


MIN_LINES_FOR_END_BYLINE = 10  # a text this long has an end apart from its start


_AUTHOR_BOX = re.compile(rf"^\s*(?:{BY_LABEL}|reporting\s+by)\b", re.I)  # a credit that names its role


def byline_at_end(text: str, lines: int = 5) -> str | None:
    """A byline among the last lines of extracted article text: the author box a theme prints
    after the article ("Written by Cassidy Horton", then her bio), kept with the text. A bare
    "By …" there names a person only with two words or more (a travel guide's "By Air")."""
    all_lines = text.splitlines()
    if len(all_lines) <= MIN_LINES_FOR_END_BYLINE:
        return None
    last = all_lines[-lines:]
    for k, line in enumerate(last):
        found = first_byline("\n".join(last[k:k + 2]) if LABEL_ONLY_RE.match(line) else line)
        if found and (_AUTHOR_BOX.match(line) or len(found.split(",")[0].split()) >= 2):
            return found
    return None
