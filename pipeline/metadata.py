"""Article metadata that trafilatura misses or gets wrong on Chinese news pages.

Read from the parsed page before extraction prunes it: JSON-LD and meta dates, the
date printed under the headline ("29 1 月, 2026"), bylines ("撰文:Frank,麦通 MSX",
"作者：", "文 |", "By X and Y"), the headline without the site-name suffix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from lxml import html as lxml_html

from pipeline.dates import date_from_url, find_date, normalize_iso

META_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "weibo: article:create_at", "release_date",
)
META_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")

# A byline line: a role word, a separator, then the names. 来源 (source) is not an author.
BYLINE_RE = re.compile(
    r"^\s*(?:撰文|作者|文|编译|編譯|编辑|編輯|记者|記者|撰稿|责编|責編|整理|译者|譯者|Author|Written by)\s*"
    r"[:：|｜丨/]\s*(?P<names>.+?)\s*$"
    r"|^\s*(?:By|BY|by)\s+(?P<en>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+)*"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+)*)*)\s*$"
)
NAME_SPLIT_RE = re.compile(r"\s*(?:[,，、&/;；]|\band\b|\s和\s|和|及|與|与)\s*")
# Noise after the names in a byline: "作者：张三 | 来源：xx", "文 | 李四 2026-01-01"
BYLINE_TAIL_RE = re.compile(r"\s*(?:[|｜丨]|来源|來源|出品|发布|發布|\d{4}[-/年]).*$")
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
    description: str | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _meta_content(tree: lxml_html.HtmlElement, keys: tuple[str, ...]) -> str | None:
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if key in keys and node.get("content"):
            found.setdefault(key, node.get("content").strip())
    for key in keys:
        if key in found:
            return found[key]
    return None


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


def _ld_author(article: dict | None) -> str | None:
    if not article:
        return None
    author = article.get("author")
    people = author if isinstance(author, list) else [author]
    names = []
    for person in people:
        if isinstance(person, dict) and person.get("name"):
            names.append(str(person["name"]).strip())
        elif isinstance(person, str) and person.strip():
            names.append(person.strip())
    return ", ".join(names) or None


def split_names(names: str) -> list[str]:
    """"Frank,麦通 MSX" -> ["Frank", "麦通 MSX"]; "A and B" -> ["A", "B"]."""
    names = BYLINE_TAIL_RE.sub("", names).strip()
    return [n.strip(" ·.") for n in NAME_SPLIT_RE.split(names) if n.strip(" ·.")]


def parse_byline(line: str) -> str | None:
    """The author names in a byline line, joined with ", ", or None if it is not a byline."""
    if len(line) > 80:
        return None
    m = BYLINE_RE.match(line)
    if not m:
        return None
    names = split_names(m.group("names") or m.group("en") or "")
    names = [n for n in names if 0 < len(n) <= 40]
    return ", ".join(names) or None


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


def _first_byline(texts: list[str]) -> str | None:
    for text in texts:
        for line in text.splitlines():
            author = parse_byline(line.strip())
            if author:
                return author
    return None


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


def read_page_meta(tree: lxml_html.HtmlElement, url: str, fetched_at: datetime | None = None) -> PageMeta:
    """Everything we read from the page ourselves; call before extraction prunes the tree."""
    html_lang = tree.get("lang") or tree.get("xml:lang")
    h1_node = next(iter(tree.iter("h1")), None)
    h1 = " ".join(h1_node.text_content().split()) if h1_node is not None else None
    title_node = next(iter(tree.iter("title")), None)
    og_title = _meta_content(tree, ("og:title", "twitter:title"))
    title = og_title or (" ".join(title_node.text_content().split()) if title_node is not None else None)
    site_name = _meta_content(tree, ("og:site_name", "application-name"))
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href").strip()
            break
    objects = _json_ld_objects(tree)
    article = _ld_article(objects)
    og_type = _meta_content(tree, ("og:type",))

    published, source = None, None
    if article and article.get("datePublished"):
        published, source = normalize_iso(str(article["datePublished"])), "json-ld"
    if not published:
        published, source = normalize_iso(_meta_content(tree, META_DATE_KEYS)), "meta"
    near_title = _text_after(h1_node, 600) if h1_node is not None else ""
    if not published:
        for node in tree.xpath("//article//time[@datetime] | //time[@datetime]")[:1]:
            published, source = normalize_iso(node.get("datetime")), "time"
    if not published and near_title:
        year_hint = date_from_url(url)
        default_year = int(year_hint[:4]) if year_hint else (fetched_at.year if fetched_at else None)
        published, source = find_date(near_title, reference=fetched_at, default_year=default_year), "text"
    if not published:
        published, source = date_from_url(url), "url"
    modified = article.get("dateModified") if article else None
    modified = normalize_iso(str(modified)) if modified else normalize_iso(_meta_content(tree, META_MODIFIED_KEYS))

    return PageMeta(
        title=clean_title(title, site_name, h1), h1=h1, html_lang=html_lang, site_name=site_name,
        canonical=canonical, published=published, date_source=source if published else None,
        modified=modified, ld_author=_ld_author(article), byline=_first_byline([near_title]),
        og_type=og_type, ld_types=_ld_types(objects),
        meta_author=_meta_content(tree, ("author", "article:author", "dc.creator", "byl")),
        description=_meta_content(tree, ("og:description", "description", "twitter:description")),
        image=_meta_content(tree, ("og:image", "twitter:image")),
        categories=_link_texts(tree, "category") or _split_keywords(_meta_content(tree, ("article:section",))),
        tags=_link_texts(tree, "tag", exclude="category") or _split_keywords(_meta_content(tree, ("article:tag", "keywords"))),
    )


def byline_in_text(text: str, lines: int = 5) -> str | None:
    """A byline among the first lines of extracted article text."""
    head = "\n".join(text.splitlines()[:lines])
    return _first_byline([head])
