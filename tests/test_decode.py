from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.decode import decode_html, meta_charset, normalize_charset

ZH = "比特币价格突破 9 万美元，以太坊同比增长 24%。"
HANT = "比特幣價格突破 9 萬美元，以太坊同比增長 24%，香港交易所成交額創新高。"


def page(charset_meta: str | None, text: str) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_gbk_page_with_meta_only():
    body = page("gb2312", ZH + "，镕".strip()).encode("gb18030")  # 镕 is GBK, not GB2312
    text, enc = decode_html(body, "text/html")
    assert enc == "gb18030" and ZH in text and "镕" in text


def test_big5_read_as_big5hkscs():
    body = page("big5", HANT).encode("big5hkscs")
    text, enc = decode_html(body, None)
    assert enc == "big5hkscs" and HANT in text


def test_header_wins_over_wrong_meta():
    body = page("utf-8", ZH).encode("gb18030")
    text, enc = decode_html(body, "text/html; charset=GBK")
    assert enc == "gb18030" and ZH in text


def test_utf8_bytes_with_wrong_gbk_label_stay_utf8():
    body = page("gbk", ZH).encode("utf-8")
    text, enc = decode_html(body, "text/html; charset=gbk")
    assert enc == "utf-8" and ZH in text


def test_no_charset_anywhere_is_detected():
    body = page(None, (ZH + "市场分析师认为，短期内比特币仍将维持震荡走势。") * 5).encode("gb18030")
    text, _ = decode_html(body, "text/html")
    assert ZH in text


def test_bom_wins():
    body = codecs.BOM_UTF8 + page("gbk", ZH).encode("utf-8")
    text, enc = decode_html(body, "text/html; charset=gbk")
    assert enc == "utf-8" and text.startswith("<html>")


def test_undecodable_bytes_never_raise():
    text, _ = decode_html(b"<html>\xff\xfe\xfa\x80\x81 broken", "text/html; charset=utf-8")
    assert "broken" in text


def test_charset_names():
    assert normalize_charset("GB2312") == "gb18030"
    assert normalize_charset("Big5") == "big5hkscs"
    assert normalize_charset("no-such-charset") is None
    assert meta_charset(b'<meta charset="utf-8">') == "utf-8"


def test_labels_are_read_as_browsers_read_them():
    body = page("base64", ZH).encode("utf-8")  # not a text encoding: ignored, never raises
    assert decode_html(body, None) == (page("base64", ZH), "utf-8")
    ascii_page = page("utf-16", "Bitcoin rose 4.6% to $91,250.").encode("ascii")
    assert decode_html(ascii_page, None) == (ascii_page.decode(), "utf-8")  # a utf-16 meta on ASCII means UTF-8
    assert decode_html(ascii_page, "text/html; charset=utf-16") == (ascii_page.decode(), "utf-8")
    real_utf16 = page(None, ZH).encode("utf-16-le")
    assert decode_html(real_utf16, "text/html; charset=utf-16le")[0] == page(None, ZH)
    for unknown in ("cp037", "rot13", "x-no-such-charset", "hex", "zlib"):
        assert normalize_charset(unknown) is None, unknown
    assert normalize_charset("ISO-8859-1") == "cp1252" and normalize_charset("gb2312") == "gb18030"
    assert normalize_charset("x-mac-roman") == "mac-roman" and normalize_charset("hz-gb-2312") is None
    latin = page("cp037", "Café crème").encode("cp1252")  # an unknown label: detection, not EBCDIC
    assert "Café" in decode_html(latin, None)[0]


LABELS = ["utf-8", "utf-16", "utf-16be", "gbk", "big5", "base64", "rot13", "x-user-defined", "hz-gb-2312", "",
          "iso-2022-jp", "shift_jis", "euc-kr", "koi8-r", "\x00", "utf-7", "utf-32", "idna", "punycode", "mbcs"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(LABELS), st.sampled_from(LABELS))
def test_any_bytes_and_labels_decode_without_raising(raw, meta_label, header_label):
    body = f'<meta charset="{meta_label}">'.encode() + raw
    text, encoding = decode_html(body, f"text/html; charset={header_label}")
    assert isinstance(text, str) and codecs.lookup(encoding)
