"""What the crawler may fetch next: links out of a page (selectolax), sitemaps (defusedxml), feeds (feedparser).

URLs are normalised by urls.normalize_url, so one article has one URL.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from pipeline.errors import FetchError
from pipeline.urls import absolute_url, normalize_url

SKIP_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".pdf", ".zip", ".gz", ".mp4",
                   ".mp3", ".css", ".js", ".woff", ".woff2", ".ttf", ".xml", ".json", ".apk", ".dmg", ".exe")


# Links every CMS page carries that never lead to an article: feeds, comment-reply and search
# URLs, APIs, logins, AMP/embed/print copies, Cloudflare's e-mail protection. WordPress alone
# puts a /feed/ and a ?replytocom= on every post; following them costs requests and warnings.
NOT_A_PAGE_PATH = re.compile(r"/(?:feed|rss|atom|trackback|embed|amp|print|wp-json|wp-admin|wp-includes|cdn-cgi|"
                             r"comment-page-\d+|(?:wp-login|xmlrpc|wp-cron|wp-comments-post)\.php)(?:/|$)", re.I)
NOT_A_PAGE_PARAMS = {"replytocom", "like_comment", "s", "print", "redirect_to", "action", "amp", "output"}


def is_page_link(url: str) -> bool:
    """False for a URL that is a feed, an API, a search, a login or a copy of a page in another format."""
    parts = urlsplit(url)
    if NOT_A_PAGE_PATH.search(parts.path):
        return False
    for param in parts.query.split("&"):
        key, _, value = param.partition("=")
        if key.lower() == "s" and value.startswith(("/", "%2F", "%2f")):
            continue  # ThinkPHP's routing, common on Chinese sites: index.php?s=/news/detail/id/123
        if key.lower() in NOT_A_PAGE_PARAMS:
            return False
    return True


_REFRESH_URL = re.compile(r"url\s*=\s*(\S+)", re.I)


def _parsed(html: str | LexborHTMLParser) -> LexborHTMLParser:
    return html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)


def links(html: str | LexborHTMLParser, base_url: str) -> list[str]:
    """Every distinct followable link on the page, in document order, normalised.

    A meta refresh target counts as a link (old sites move pages that way). Skips rel=nofollow,
    javascript:/mailto: links, obvious non-HTML files (images, PDFs, archives) and CMS plumbing
    (is_page_link), which would only cost requests that extract nothing. `html` may be the
    page parsed already (links, alternates and feed_links can share one parse).
    """
    tree = _parsed(html)
    base = base_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = absolute_url(base_url, base_tag.attributes.get("href") or "") or base_url
    hrefs = []
    for node in tree.css("meta[http-equiv]"):  # <meta http-equiv="refresh" content="0; url=/moved/">
        if (node.attributes.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL.search(node.attributes.get("content") or "")
            if m:
                hrefs.append(m.group(1).strip("'\" "))
    hrefs += [node.attributes.get("href") or "" for node in tree.css("a[href]")
              if "nofollow" not in (node.attributes.get("rel") or "").lower()]
    seen: dict[str, None] = {}
    for href in dict.fromkeys(hrefs):  # menus are often written twice (desktop and mobile)
        url = absolute_url(base, href)
        if url and not urlsplit(url).path.lower().endswith(SKIP_EXTENSIONS) and is_page_link(url):
            seen.setdefault(url, None)
    return list(seen)


# Paths of pages that list articles rather than being one: a language's home page (/, /en/,
# /zh-tw/), categories, tags, authors, archives and their pages. An hreflang alternate to one
# of these says "this site has an edition in that language", not "this story in that language".
_LISTING_PATH = re.compile(r"^/(?:[a-z]{2}(?:[-_][a-z]{2,4})?/?)?$|/(?:category|tag|tags|author|page|topics?|"
                           r"archives?|search)(?:/|$)|^/(?:index|home)(?:\.\w+)?$", re.I)


def alternates(html: str | LexborHTMLParser, base_url: str) -> list[tuple[str, str]]:
    """(hreflang, URL) of the other language editions a page names with
    <link rel="alternate" hreflang="...">, in document order, normalised.

    Leaves out the page itself, feeds, and alternates that point at a home or listing page
    (a site-wide language switcher, not an edition of this article).
    """
    tree = _parsed(html)
    own = normalize_url(base_url)
    found: dict[str, str] = {}
    for node in tree.css("link[rel][hreflang][href]"):
        attrs = node.attributes
        if "alternate" not in (attrs.get("rel") or "").lower().split():
            continue
        if (attrs.get("type") or "").split(";")[0].strip().lower() in FEED_TYPES:
            continue
        url = absolute_url(base_url, attrs.get("href") or "")
        lang = (attrs.get("hreflang") or "").strip()
        if not url or not lang or url == own or _LISTING_PATH.search(urlsplit(url).path or "/"):
            continue
        found.setdefault(url, lang)
    return [(lang, url) for url, lang in found.items()]


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_links(html: str | LexborHTMLParser, base_url: str) -> list[str]:
    """The site's feeds a page announces (<link rel="alternate" type="application/rss+xml">),
    without comment feeds, which list comments rather than articles."""
    tree = _parsed(html)
    found: dict[str, None] = {}
    for node in tree.css("link[rel][href]"):
        attrs = node.attributes
        if "alternate" not in (attrs.get("rel") or "").lower().split():
            continue
        if (attrs.get("type") or "").split(";")[0].strip().lower() not in FEED_TYPES:
            continue
        url = absolute_url(base_url, attrs.get("href") or "")
        about = urlsplit(url).path.lower() + " " + (attrs.get("title") or "").lower() if url else ""
        if url and not any(word in about for word in ("comment", "评论", "評論")):
            found.setdefault(url, None)
    return list(found)


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None  # ISO 8601 as the sitemap gives it (lastmod, or news:publication_date)


@dataclass(frozen=True)
class Sitemap:
    entries: list[SitemapEntry]
    children: list[str]  # sitemap index: further sitemaps to read


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def inflate(body: bytes, limit: int) -> bytes:
    """A gzipped sitemap's bytes, refusing to inflate past `limit` (a gzip bomb)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit:
        raise FetchError(f"gzipped sitemap inflates past {limit} bytes")
    return out


def parse_sitemap(body: bytes, base_url: str, limit: int = 50 * 1024 * 1024) -> Sitemap:
    """URLs (with lastmod) of a sitemap or sitemap index, Google News sitemaps included.

    XML is parsed with defusedxml, so entity-expansion and external-entity tricks fail;
    malformed XML raises FetchError with the parser's reason.
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    try:
        root = ElementTree.fromstring(inflate(body, limit))
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise FetchError(f"malformed sitemap XML: {exc}") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise FetchError(f"broken gzip in sitemap: {exc}") from exc
    entries: list[SitemapEntry] = []
    children: list[str] = []
    kind = _local(root.tag)
    for item in root:
        loc = lastmod = None
        for child in item.iter():
            name = _local(child.tag)
            if name == "loc" and child.text and loc is None:
                loc = child.text.strip()
            elif name in ("lastmod", "publication_date") and child.text:
                lastmod = lastmod or child.text.strip()
        url = absolute_url(base_url, loc) if loc else None
        if not url:
            continue
        if kind == "sitemapindex":
            children.append(url)
        else:
            entries.append(SitemapEntry(url, lastmod))
    return Sitemap(entries, children)


def parse_feed(body: bytes, base_url: str) -> list[SitemapEntry]:
    """Article links of an RSS or Atom feed, with their publication dates (feedparser)."""
    import feedparser

    feed = feedparser.parse(body)
    if feed.bozo and not feed.entries:
        raise FetchError(f"unreadable feed: {feed.get('bozo_exception')}")
    out = []
    for entry in feed.entries:
        url = absolute_url(base_url, entry.get("link") or "")
        if url:
            out.append(SitemapEntry(url, entry.get("published") or entry.get("updated")))
    return out
