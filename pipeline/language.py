"""Article language from its text and <html lang>: zh-Hans vs zh-Hant vs en, not just "zh".

Script decides first (Han, kana, Hangul, Cyrillic, Latin); for Chinese, characters that
exist only in one of the two standard forms decide Simplified vs Traditional, because
<html lang> is often missing or wrong (a zh-CN theme serving a Traditional article).
"""

from __future__ import annotations

import re

# Frequent characters whose Simplified and Traditional forms differ (pairs in the same order).
SIMPLIFIED = ("们这为国说时会来对发经资币亿万与长开场个后过还没进见问间现实关东车门电话让认"
              "给种点学机动样体业头钱总数据价银财产营净币涨跌额应该亚欧币纳称务为际区块链盘")
TRADITIONAL = ("們這為國說時會來對發經資幣億萬與長開場個後過還沒進見問間現實關東車門電話讓認"
               "給種點學機動樣體業頭錢總數據價銀財產營淨幣漲跌額應該亞歐幣納稱務為際區塊鏈盤")
_SIMP = set(SIMPLIFIED) - set(TRADITIONAL)
_TRAD = set(TRADITIONAL) - set(SIMPLIFIED)
# one character class each: counted in C (a loop over the text's characters costs far more)
_SIMP_CHARS = re.compile("[" + "".join(sorted(_SIMP)) + "]")
_TRAD_CHARS = re.compile("[" + "".join(sorted(_TRAD)) + "]")
# each script's characters, and the Latin letters ([A-Za-z\u00c0-\u024f]), counted by the run (a
# word, a clause of Han), not a match each: fewer matches
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7af]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN_RUNS = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# any of _HAN, _KANA, _HANGUL, _CYRILLIC: an English text has none, told in one scan instead of four
_OTHER_SCRIPTS = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|that|for|with|on|was|said|as|by)\b", re.I)


def chinese_variant(text: str) -> str | None:
    """"zh-Hans" or "zh-Hant" by which form's characters the text uses more; None on a tie."""
    simp = len(_SIMP_CHARS.findall(text))
    trad = len(_TRAD_CHARS.findall(text))
    if simp == trad:
        return None
    return "zh-Hans" if simp > trad else "zh-Hant"


def _from_html_lang(html_lang: str | None) -> str | None:
    if not html_lang:
        return None
    tag = html_lang.strip().replace("_", "-").lower()
    if tag.startswith("zh"):
        if any(x in tag for x in ("hant", "-tw", "-hk", "-mo")):
            return "zh-Hant"
        return "zh-Hans"
    return tag.split("-")[0] or None


def detect_lang(text: str, html_lang: str | None = None) -> str | None:
    """BCP 47-ish tag: "zh-Hans", "zh-Hant", "en", "ja", "ko", "ru", or the <html lang> primary tag."""
    sample = text[:5000]
    han = kana = hangul = cyrillic = 0
    if _OTHER_SCRIPTS.search(sample) is not None:
        han = sum(map(len, _HAN.findall(sample)))
        kana = sum(map(len, _KANA.findall(sample)))
        hangul = sum(map(len, _HANGUL.findall(sample)))
        cyrillic = sum(map(len, _CYRILLIC.findall(sample)))
        latin = sum(map(len, _LATIN_RUNS.findall(sample)))
    else:
        # with no Han, kana, Hangul or Cyrillic, the only question asked of the count is
        # "latin > 20": the runs are counted until it holds, not over the whole sample
        latin = 0
        for run in _LATIN_RUNS.finditer(sample):
            latin += run.end() - run.start()
            if latin > 20:
                break
    declared = _from_html_lang(html_lang)
    if kana > 20 and kana > han * 0.1:
        return "ja"
    if hangul > 20 and hangul > han:
        return "ko"
    if han > 20 and han * 2 > latin:
        return chinese_variant(sample) or (declared if declared and declared.startswith("zh") else "zh-Hans")
    if cyrillic > 20 and cyrillic > latin:
        return "ru"
    if latin > 20:
        if declared and not declared.startswith("zh"):
            return declared
        words = len(sample.split())
        if words and len(_EN_WORDS.findall(sample)) / words > 0.05:
            return "en"
        return declared if declared and not declared.startswith("zh") else None
    return declared
