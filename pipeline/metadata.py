"""Article metadata that trafilatura misses or gets wrong on Chinese news pages.

Read from the parsed page before extraction prunes it: JSON-LD and meta dates, the
date printed under the headline ("29 1 月, 2026"), bylines ("撰文:Frank,麦通 MSX",
"作者：", "文 |", "By X and Y"), the headline without the site-name suffix.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from pipeline.bylines import find_author, first_byline, plausible
from pipeline.dates import date_from_url, find_date, normalize_iso

META_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "weibo: article:create_at", "release_date",
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


def _json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    objects: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
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


def _names_of(value: object) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD author value: a string, an object or a list of them."""
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = ", ".join(map(str, name))
            kind = item.get("@type")
            kinds = " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")
            if isinstance(name, str) and name.strip():
                (people if "Person" in kinds or not kinds else orgs).append(name.strip())
        elif isinstance(item, str) and item.strip() and "://" not in item:
            people.append(item.strip())
    return people, orgs


def _ld_author(article: dict | None, objects: list[dict] = ()) -> tuple[str | None, str | None]:
    """(people, organisation) authors of the article object, else of any object that has one.

    Organisations are kept apart: a publisher that names itself as author is used only when
    no person is named anywhere else on the page.
    """
    for obj in ([article] if article else []) + [o for o in objects if o is not article]:
        people, orgs = _names_of(obj.get("author") or obj.get("creator"))
        if people or orgs:
            return ", ".join(people) or None, ", ".join(orgs) or None
    return None, None


# Elements that hold the author's name by markup: rel=author links, itemprop=author, and the
# class names themes give bylines. Read in document order; the first plausible name wins.
_AUTHOR_NODES = etree.XPath(
    "//a[contains(@rel, 'author')] | //*[@itemprop='author'] | //a[contains(@href, '/author/') or contains(@href, '/authors/')]"
    " | //@class[contains(., 'uthor') or contains(., 'byline')]/..")
_AUTHOR_CLASS = re.compile(r"byline|author[-_]?name|post-author|entry-author|article-author|author-link", re.I)
_BY_PREFIX = re.compile(r"^\s*(?:(?:written|posted|published|reviewed)\s+)?by\s*[:：]?\s+", re.I)
_BYLINE_STOP = re.compile(r"\s*(?:[|•·]|\bon\s+\w+\s+\d|\b(?:updated|published|posted)\b|"
                          r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$", re.I | re.S)


_NOT_A_PERSON = re.compile(r"\b(?:staff|team|editors?|editorial|newsroom|desk|admin|administrator|webmaster|"
                           r"contributors?|press|media|news|inc|ltd|llc|gmbh|corp)\b\.?", re.I)


_NOT_A_NAME = re.compile(
    r"^(?:by|the author|authors?|(?:written|posted|authored)(?: by)?|view (?:all|more)(?: posts)?.*|more posts.*|"
    r"see (?:all|more).*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\w+(?:\.\w+){2,}|"
    r"insights from|contributors?|guest|anonymous|unknown|admin)$", re.I)


# Link and button texts that sit where bylines do: "■ 该作者文章", "中国新闻网 文章 总阅读", "More posts".
_UI_TEXT = re.compile(r"[■□●◆▶►»]|文章|阅读|閱讀|查看|更多|评论|評論|\b(?:posts|articles|more|follow|subscribe)\b", re.I)


def clean_author(value: str | None) -> str | None:
    """An author string without "By"/"Author" before it and dates or job titles after a bar."""
    if not value:
        return None
    value = html_lib.unescape(" ".join(value.replace(";", ",").split()))
    value = re.sub(r"^\s*(?:authors?|(?:written|posted|authored|reviewed)\s+by|by)\s*[:：]?\s+", "", value, flags=re.I)
    if _NOT_A_NAME.match(value) or _UI_TEXT.search(value):
        return None
    value = _BYLINE_STOP.sub("", value).strip(" ,:-–—")
    return value or None


def choose_author(candidates: list[str | None], site_name: str | None) -> str | None:
    """The first candidate that names a person; one that names the site, an organisation or a
    desk ("Staff", "Editorial Team") only when no candidate names a person."""
    site = (site_name or "").strip().lower()
    fallback = None
    for candidate in candidates:
        name = plausible(clean_author(candidate))
        if not name:
            continue
        if name.lower() == site or _NOT_A_PERSON.search(name):
            fallback = fallback or name
            continue
        return name
    return fallback


# trafilatura's byline rules (xpaths.AUTHOR_XPATHS) in three tiers, found by their attribute
# values in C and ranked in Python: its own XPaths call a Python regex on every element.
_AUTHORISH = etree.XPath(
    "//@class[contains(., 'uthor') or contains(., 'yline') or contains(., 'writer') or contains(., 'screenname')"
    " or contains(., 'username') or contains(., 'posted-by') or contains(., 'submitted-by') or . = 'byl' or . = 'BBL']"
    " | //@id[contains(., 'uthor')] | //@itemprop[contains(., 'author')] | //@data-component[contains(., 'Byline')]")
_TIER1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_TIER2_NAME = re.compile(r"author|channel-name|submitted-by|posted-by|journalist-name")
_IN_COMMENTS = re.compile(r"comment|respond|reply|discussion", re.I)


def author_by_class(tree: lxml_html.HtmlElement) -> str | None:
    """The text of the best element named like a byline (class/id/itemprop "author",
    "byline", "writer"...), outside comment sections; the rules trafilatura uses."""
    ranked: list[tuple[int, int, lxml_html.HtmlElement]] = []
    for order, value in enumerate(_AUTHORISH(tree)):
        node = value.getparent()
        if node is None or not isinstance(node.tag, str):
            continue
        cls, ident, prop = node.get("class") or "", node.get("id") or "", node.get("itemprop") or ""
        if node.tag in ("a", "address", "div", "link", "p", "span", "strong") and (
                ident == "author" or cls == "author" or prop == "author name" or _TIER1_CLASS.search(cls)):
            tier = 1
        elif node.tag in ("a", "div", "h3", "h4", "p", "span") and (
                cls in ("byline", "username", "byl", "BBL") or "author" in prop or _TIER2_NAME.search(ident + " " + cls)):
            tier = 2
        else:
            tier = 3
        ranked.append((tier, order, node))
    for _, _, node in sorted(ranked, key=lambda item: item[:2])[:30]:
        if any(_IN_COMMENTS.search((a.get("class") or "") + " " + (a.get("id") or "")) for a in node.iterancestors()):
            continue
        text = " ".join(" ".join(node.itertext()).split())
        if 2 < len(text) < 120:
            return text
    return None


def dom_author(tree: lxml_html.HtmlElement) -> str | None:
    """The author named by markup: <a rel="author">, itemprop="author" (its itemprop="name"
    when it has one), or a byline element ("By Ann Lee | Senior Writer | July 2, 2025")."""
    for node in _AUTHOR_NODES(tree)[:40]:
        if node.tag != "a" and node.get("itemprop") != "author" and not _AUTHOR_CLASS.search(node.get("class") or ""):
            continue
        if node.tag == "a" and "author" not in (node.get("rel") or "") and "/author" not in (node.get("href") or "") \
                and not _AUTHOR_CLASS.search(node.get("class") or ""):
            continue
        if node.get("itemprop") == "author":
            named = node.xpath(".//*[@itemprop='name']")
            if named:
                node = named[0]
            elif node.tag == "meta":
                continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > 120:
            continue
        text = _BYLINE_STOP.sub("", _BY_PREFIX.sub("", text)).strip(" ,:-–—")
        if 2 <= len(text) <= 60 and not any(ch.isdigit() for ch in text) and len(text.split()) <= 6:
            return text
    return None


def _text_after(node: lxml_html.HtmlElement, limit: int) -> str:
    """Text that follows `node` in document order, up to `limit` characters."""
    parts: list[str] = []
    size = 0
    current = node
    while current is not None and size < limit:
        for sibling in current.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style"):
                continue
            text = " ".join(t.strip() for t in sibling.itertext() if t.strip())
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


def _link_texts(tree: lxml_html.HtmlElement, rel_word: str, exclude: str | None = None) -> tuple[str, ...]:
    """Texts of <a rel="..."> links carrying rel_word (WordPress: rel="category tag", rel="tag")."""
    out: dict[str, None] = {}
    for a in tree.iter("a"):
        rel = (a.get("rel") or "").lower().split()
        if rel_word in rel and (exclude is None or exclude not in rel):
            text = " ".join(a.text_content().split())
            if text and len(text) <= 60:
                out.setdefault(text, None)
    return tuple(out)


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


def read_page_meta(tree: lxml_html.HtmlElement, url: str, fetched_at: datetime | None = None) -> PageMeta:
    """Everything we read from the page ourselves; call before extraction prunes the tree."""
    html_lang = tree.get("lang") or tree.get("xml:lang")
    metas = _metas(tree)
    h1_node = next(iter(tree.iter("h1")), None)
    h1 = " ".join(h1_node.text_content().split()) if h1_node is not None else None
    title_node = next(iter(tree.iter("title")), None)
    og_title = _meta_content(metas, ("og:title", "twitter:title"))
    title = og_title or (" ".join(title_node.text_content().split()) if title_node is not None else None)
    site_name = _meta_content(metas, ("og:site_name", "application-name"))
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href").strip()
            break
    objects = _json_ld_objects(tree)
    article = _ld_article(objects)
    og_type = _meta_content(metas, ("og:type",))

    published, source = None, None
    if article and article.get("datePublished"):
        published, source = normalize_iso(str(article["datePublished"])), "json-ld"
    if not published:
        published, source = normalize_iso(_meta_content(metas, META_DATE_KEYS)), "meta"
    if not published:
        published = next((normalize_iso(str(o["datePublished"])) for o in objects if o.get("datePublished")), None)
        source = "json-ld"
    near_title = _text_after(h1_node, 600) if h1_node is not None else ""
    if published and _UTC_STAMP.search(published) and near_title:
        # a UTC timestamp may fall on the next day of the page's own: the date printed under
        # the headline is in the page's time zone
        printed = find_date(near_title, reference=fetched_at)
        if printed and _one_day_apart(printed, published):
            published, source = printed, "text"
    if not published:
        for node in tree.xpath("//article//time[@datetime] | //time[@datetime]")[:1]:
            published, source = normalize_iso(node.get("datetime")), "time"
    year_hint = date_from_url(url)
    default_year = int(year_hint[:4]) if year_hint else (fetched_at.year if fetched_at else None)
    if not published and near_title:
        published, source = find_date(near_title, reference=fetched_at, default_year=default_year), "text"
    url_date = date_from_url(url)
    if not published and url_date:
        published, source = url_date, "url"
    modified = article.get("dateModified") if article else None
    modified = normalize_iso(str(modified)) if modified else normalize_iso(_meta_content(metas, META_MODIFIED_KEYS))

    ld_author, ld_org = _ld_author(article, objects)
    byline = first_byline(near_title)
    if not published:
        source = None
    return PageMeta(
        title=clean_title(title, site_name, h1), h1=h1, html_lang=html_lang, site_name=site_name,
        canonical=canonical, published=published, date_source=source if published else None,
        modified=modified, ld_author=ld_author, byline=byline,
        og_type=og_type, ld_types=_ld_types(objects),
        meta_author=_meta_content(metas, META_AUTHOR_KEYS), ld_org=ld_org, dom_author=dom_author(tree),
        class_author=author_by_class(tree),
        description=_meta_content(metas, ("og:description", "description", "twitter:description")),
        image=_meta_content(metas, ("og:image", "twitter:image")),
        categories=_link_texts(tree, "category") or _split_keywords(_meta_content(metas, ("article:section",))),
        tags=_link_texts(tree, "tag", exclude="category") or _split_keywords(_meta_content(metas, ("article:tag", "keywords"))),
        # the page's text is only searched when structured data leaves the date or author open
        page_text=page_lines(tree) if source in (None, "url", "text") or not (byline or ld_author) else "",
        default_year=default_year, fetched_at=fetched_at,
        link_texts=frozenset("".join(a.text_content().split()) for a in _LONG_ANCHORS(tree)),
    )


_LONG_ANCHORS = etree.XPath("//a[string-length(normalize-space(.)) >= 8]")
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
           "section", "article", "header", "footer", "blockquote", "dd", "dt", "pre", "center", "span"}
_INVISIBLE = {"script", "style", "noscript", "head", "template", "select", "option"}


def page_lines(tree: lxml_html.HtmlElement) -> str:
    """All visible text of the page in document order, a line per block element."""
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


def _find_loose(text: str, needle: str, last: bool = False) -> re.Match | None:
    """`needle` in `text` with any whitespace, and the table bars and list dashes extraction
    adds ("| 投身外交 | 罗银胜 |", "- 关注"), allowed between its characters."""
    pattern = re.compile(_LOOSE_GAP.join(map(re.escape, needle)))
    if not last:
        return pattern.search(text)
    found = None
    for found in pattern.finditer(text):
        pass
    return found


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
    # the nearest date above the article wins: search the lines before it from the bottom up
    for line in reversed(before.splitlines()):
        found = find_date(line, reference=meta.fetched_at, default_year=meta.default_year)
        if found:
            return found
    for line in after.splitlines()[:5]:
        found = find_date(line, reference=meta.fetched_at, default_year=meta.default_year)
        if found:
            return found
    return None


def author_near_article(head: str, tail: str) -> str | None:
    return find_author(head, tail)


def byline_in_text(text: str, lines: int = 5) -> str | None:
    """A byline among the first lines of extracted article text."""
    head = "\n".join(text.splitlines()[:lines])
    return first_byline(head)
