"""The one notion of a URL and of a host: frontier, politeness, robots, extract and discover use these.

    normalize_url  one article has one URL (courlan, tracking parameters dropped)
    host_key       the host a request goes to: politeness slots and delays, frontier.host
    site_of        the site a URL belongs to: host_key without a leading www.
    same_site      is a URL on one of these sites (or a subdomain of one)?

Two notions and only two: a *host* is where requests go (www.a.example and a.example are
two hosts, each with its own delay), a *site* is what a budget or a same-site rule counts
(www.a.example/x and a.example/y are one site).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan
import idna

# Query parameters that only track clicks: dropped so one article has one URL.
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "spm", "ref", "ref_src",
                   "from", "share", "sharer", "utm_id"}


_ASCII_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


@functools.lru_cache(maxsize=16384)
def valid_host(host: str) -> bool:
    """True for an address literal or a host name every label of which is valid: LDH ASCII
    (underscores allowed, as browsers allow them) or IDNA (UTS 46) for Unicode and xn-- labels.
    An emoji host or a broken punycode label fails here rather than deep inside a fetch."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if not host or len(host) > 253:
        return False
    for label in labels:
        if label.isascii() and not label.lower().startswith("xn--"):
            if not _ASCII_LABEL.fullmatch(label):
                return False
            continue
        try:
            idna.encode(label, uts46=True)
        except (idna.IDNAError, UnicodeError, ValueError):
            return False
    return True


@functools.lru_cache(maxsize=16384)
def normalize_url(url: str) -> str | None:
    """Absolute http(s) URL without fragment, tracking parameters or user:password, host
    lowercased; None for anything that is not a fetchable URL (bad host, bad port).

    Cached: a site's menus give the same links on every page of a crawl."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:  # a malformed IPv6 literal, a bad port: not a URL we can fetch
        return None
    if parts.scheme.lower() not in ("http", "https") or not hostname or not valid_host(hostname):
        return None
    if "@" in parts.netloc:  # credentials are never stored or sent on: keep only host and port
        url = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    try:
        # not strict: strict mode keeps only a list of common parameters, which turns
        # news.asp?newsid=123 and view.php?tid=5 into one URL for every article of the site
        normal = courlan.normalize_url(url, strict=False)
    except (ValueError, TypeError):
        return None
    normal = normal.split("#", 1)[0]
    query = "&".join(p for p in urlsplit(normal).query.split("&")
                     if p and p.split("=", 1)[0].lower() not in TRACKING_PARAMS)
    normal = normal.split("?", 1)[0] + (f"?{query}" if query else "")
    if not urlsplit(normal).path:
        normal += "/"
    return normal


def absolute_url(base: str, href: str) -> str | None:
    """`href` resolved against `base` and normalised; None when either is not a usable URL
    (urljoin itself raises on a malformed IPv6 literal such as http://[::1:bad/)."""
    try:
        return normalize_url(urljoin(base, href))
    except ValueError:
        return None


def host_key(url: str) -> str:
    """The lowercased host name a request to `url` goes to ('' when it has none).

    The port is left out on purpose: two ports of one host are one machine to be polite to.
    """
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_of(url: str) -> str:
    """The site `url` belongs to: its host without a leading www."""
    return host_key(url).removeprefix("www.")


def same_site(url: str, sites: Iterable[str]) -> bool:
    """True when url's site is one of `sites` (as site_of gives them) or a subdomain of one."""
    site = site_of(url)
    return any(site == s or site.endswith("." + s) for s in sites)
