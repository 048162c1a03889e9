"""HTML bytes to text, choosing the charset in the order browsers and w3lib use.

Order: byte-order mark, HTTP Content-Type charset, <meta> charset, then detection with
charset-normalizer. A declared charset that does not decode the bytes cleanly is passed
over for the next one, because sites mislabel (a GB2312 label on GBK bytes is common).
One departure from browsers: bytes that are valid UTF-8 and not plain ASCII are read as
UTF-8 whatever the label says, because GB18030 and cp1252 "decode" almost any bytes, so a
wrong GBK or Latin-1 label on a UTF-8 page would otherwise give silent mojibake, while
non-ASCII text in another charset is almost never valid UTF-8 by accident.
GB2312/GBK are read as GB18030 and Big5 as Big5-HKSCS: the supersets browsers use.

Labels are read as the WHATWG Encoding Standard reads them (webencodings, html5lib's table):
an unknown label (`base64`, `cp037`, a typo) is ignored, not handed to whatever Python codec
shares its name; `iso-8859-1` and `ascii` mean windows-1252; a `utf-16` label on bytes that
hold no UTF-16 (a meta tag a browser can read is ASCII, so not UTF-16) means UTF-8.
"""

from __future__ import annotations

import codecs
import re

import webencodings

# WHATWG encoding name -> the Python codec that decodes what browsers decode
_CODECS = {"gbk": "gb18030", "big5": "big5hkscs", "x-user-defined": "cp1252", "utf-16le": "utf-16-le",
           "utf-16be": "utf-16-be"}
_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.I)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I
)
_WRAPPER_ENCODING = re.compile(rb"<text[^>]+encoding=[\"']([A-Za-z0-9_.\-]+)", re.I)


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset label (WHATWG labels), or None when the
    label is not one a browser knows, or names the 'replacement' encoding (HZ, ISO-2022-KR)."""
    if not name:
        return None
    encoding = webencodings.lookup(name.strip().strip("\"'"))
    if encoding is None or encoding.name == "replacement":
        return None
    return codecs.lookup(_CODECS.get(encoding.name, encoding.codec_info.name)).name


def _plausible(body: bytes, encoding: str) -> bool:
    """A declared UTF-16 must show UTF-16's zero bytes: ASCII markup in UTF-16 is half zeros."""
    return not encoding.startswith("utf-16") or body[:1024].count(0) >= min(len(body), 1024) // 8


def header_charset(content_type: str | None) -> str | None:
    m = _HEADER_CHARSET.search(content_type or "")
    return normalize_charset(m.group(1)) if m else None


def meta_charset(body: bytes) -> str | None:
    head = body[:4096]
    m = _META_CHARSET.search(head) or _WRAPPER_ENCODING.search(head)
    return normalize_charset(m.group(1).decode("ascii", "replace")) if m else None


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises: the last resort decodes with replacement characters."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace"), encoding
    if not body.isascii():
        text = _strict(body, "utf-8")
        if text is not None:
            return text, "utf-8"
    declared = [c if _plausible(body, c) else "utf-8"
                for c in (header_charset(content_type), meta_charset(body)) if c]
    for encoding in dict.fromkeys(declared):
        text = _strict(body, encoding)
        if text is not None:
            return text, encoding
    for encoding in dict.fromkeys(declared):
        # a few invalid bytes in a correctly labelled page (common in old GB2312 pages) are
        # better replaced than given to detection, which may pick a Cyrillic code page
        text = body.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(8, len(body) // 500):
            return text, encoding
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    detected = _detect(body)
    if detected:
        text = _strict(body, detected)
        if text is not None:
            return text, detected
    fallback = declared[0] if declared else (detected or "utf-8")
    return body.decode(fallback, errors="replace"), fallback


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: only mislabelled pages need it

    best = from_bytes(body[:200_000]).best()
    return normalize_charset(best.encoding) if best else None
