"""Links out of a page, normalised, with selectolax (lexbor): what the crawler may fetch next."""

from __future__ import annotations

from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

# Query parameters that only track clicks: dropped so one article has one URL.
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "spm", "ref", "ref_src",
                   "from", "share", "sharer", "utm_id"}
SKIP_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".pdf", ".zip", ".gz", ".mp4",
                   ".mp3", ".css", ".js", ".woff", ".woff2", ".ttf", ".xml", ".json", ".apk", ".dmg", ".exe")


def normalize_url(url: str) -> str | None:
    """Absolute http(s) URL without fragment or tracking parameters, host lowercased; else None."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    netloc = parts.hostname.lower()
    if parts.port and not ((parts.scheme == "http" and parts.port == 80) or
                           (parts.scheme == "https" and parts.port == 443)):
        netloc += f":{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def links(html: str, base_url: str) -> list[str]:
    """Every distinct followable link on the page, in document order, normalised.

    Skips rel=nofollow, javascript:/mailto: links and obvious non-HTML files (images, PDFs,
    archives), which would only cost requests that extract nothing.
    """
    tree = LexborHTMLParser(html)
    base = base_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(base_url, base_tag.attributes.get("href") or "")
    seen: dict[str, None] = {}
    for node in tree.css("a[href]"):
        rel = (node.attributes.get("rel") or "").lower()
        if "nofollow" in rel:
            continue
        href = node.attributes.get("href") or ""
        url = normalize_url(urljoin(base, href))
        if url is None or urlsplit(url).path.lower().endswith(SKIP_EXTENSIONS):
            continue
        seen.setdefault(url, None)
    return list(seen)


def feed_and_sitemap_links(html: str, base_url: str) -> list[str]:
    """RSS/Atom feeds a page announces with <link rel=alternate>."""
    tree = LexborHTMLParser(html)
    out = []
    for node in tree.css('link[rel="alternate"][href]'):
        kind = (node.attributes.get("type") or "").lower()
        if "rss" in kind or "atom" in kind:
            url = normalize_url(urljoin(base_url, node.attributes.get("href") or ""))
            if url:
                out.append(url)
    return out


def same_site(url: str, hosts: set[str]) -> bool:
    """True when url's host is one of `hosts` or a subdomain of one (www. ignored)."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return any(host == h or host.endswith("." + h) for h in hosts)


def site_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")
