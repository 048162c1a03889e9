"""Publication dates as news pages print them (Chinese, English, European month names) to ISO 8601.

Handles "29 1 月, 2026" (the WordPress zh theme format), "2026年1月29日 08:30",
"2026-01-29 08:30", "2026/01/29", "29.01.2026", "7/5/2005 9:23 PM", "02-12-2025", "04-Aug-2021", "1月29日" (year from
context), "3 小时前", "昨天", "January 29, 2026", "29 Jan 2026", and "November 2015" given as a page's
date (to the month). Pure functions: the caller gives the
reference time, and the page's locale where it decides the order of day and month (day_first_locale).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_WORD = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
               r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_TIME = (r"(?:(?:\s[-–|]\s|[\sT,])*+(?:(?:at|à|às|a\s+las|um|alle|om)\s+)?(?P<ampm>上午|下午|晚上)?\s*(?P<hh>\d{1,2})[:：](?P<mm>\d{2})(?::\d{2})?"
         r"(?:\s*(?P<pm>[AaPp])\.?[Mm]\.?)?)?")
# Month names of the European languages a news page may print its date in (Spanish, Portuguese,
# French, German, Italian, Dutch) that English does not share: full names, and abbreviations,
# which are read only where a date's punctuation marks them ("04-ago-2021", "7 de set. de 2023"),
# since some are English words ("5 set 2024")
_EUROPEAN_FULL = (
    "enero janeiro janvier januar jänner gennaio januari",
    "febrero fevereiro février fevrier februar febbraio februari",
    "marzo março marco mars märz maerz maart",
    "abril avril aprile",
    "mayo maio mai maggio mei",
    "junio junho juin juni giugno",
    "julio julho juillet juli luglio",
    "agosto août aout augustus",
    "septiembre setiembre setembro septembre settembre",
    "octubre outubro octobre oktober ottobre",
    "noviembre novembro novembre",
    "diciembre dezembro décembre decembre dezember dicembre",
)
_EUROPEAN_SHORT = ("ene janv gen", "fev févr fevr", "mär mrz mrt", "abr avr", "mag", "giu", "juil lug", "ago",
                   "sept set", "okt ott", "", "dic dez déc")
_EUROPEAN_MONTHS = {word: number for number, words in enumerate(zip(_EUROPEAN_FULL, _EUROPEAN_SHORT, strict=True),
                                                                 start=1) for word in " ".join(words).split()}


def _alternation(words: str, group: str) -> str:
    return f"(?P<{group}>" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


_EUROPEAN_MONTH = (rf"(?:{_alternation(' '.join(_EUROPEAN_FULL), 'emon')}\.?"
                   rf"|(?<=-){_alternation(' '.join(_EUROPEAN_SHORT), 'eshort')}(?=-\d)"
                   rf"|(?<=de\s){_alternation(' '.join(_EUROPEAN_SHORT), 'eshort2')}\.(?=\s+de\s))\.?")
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

PATTERNS = [
    # 2026年1月29日, 2026 年 1 月 29 日 08:30
    re.compile(rf"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号號]?{_TIME}"),
    # 2026-01-29 08:30, 2026/1/29, 2026.01.29
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d){_TIME}"),
    # 7/5/2005 9:23:57 PM (month first, as ASP.NET and US sites print it; 17/9/2004 is day first,
    # and so is 7/5/2005 on a page in a day-first locale)
    re.compile(rf"(?<![\d/])(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>(?:19|20)\d\d)(?![\d/]){_TIME}"),
    # 02-12-2025 (day first, as the Netherlands, India and much of Europe print it with hyphens; month
    # first on a page in a month-first locale, en-US; two-digit day and month, as CMSs print them,
    # so a score or a code "3-1-2024" is not a date)
    re.compile(rf"(?<![\w-])(?P<d>\d\d)-(?P<m>\d\d)-(?P<y>(?:19|20)\d\d)(?![\d-]){_TIME}"),
    # 29.01.2026 (day first, as German, Russian and most of Europe print it; two-digit day and month,
    # as CMSs print them, so a version or section number "3.6.2010" is not a date; a full stop may end it)
    re.compile(rf"(?<![\w.])(?P<d>\d\d)\.(?P<m>\d\d)\.(?P<y>(?:19|20)\d\d)(?!\d|\.\d){_TIME}"),
    # 29 1 月, 2026 (WordPress with the zh locale)
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>\d{{1,2}})\s*月\s*,?\s*(?P<y>(?:19|20)\d\d){_TIME}"),
    # January 29, 2026 / Jan. 29 2026
    re.compile(rf"\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d){_TIME}", re.I),
    # 29 January 2026 / 27 Jan, 2026 / 3rd of March 2025 / 04-Aug-2021 (as HubSpot and Oracle print it)
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:(?:st|nd|rd|th)(?:\s+of)?)?(?:\s+|-){_MONTH_WORD}(?:,?\s+|-)(?P<y>(?:19|20)\d\d)"
               rf"{_TIME}", re.I),
    # 4 de agosto de 2021, 04-ago-2021, 4. März 2021, 1er août 2021, 4 maggio 2021
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|er)?(?:\s+de)?(?:\s+|-){_EUROPEAN_MONTH}(?:\s+de)?(?:,?\s+|-)"
               rf"(?P<y>(?:19|20)\d\d){_TIME}", re.I),
]
_MONTH_FIRST, _DAY_FIRST_HYPHEN = PATTERNS[2], PATTERNS[3]  # the numeric orders a locale decides
# 1月29日: a year must come from context
MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号號]{_TIME}")
RELATIVE = re.compile(r"(?P<n>\d+|[一二三四五六七八九十两]+)\s*(?P<unit>秒|分钟|分鐘|小时|小時|天|日)前"
                      r"|(?P<word>刚刚|剛剛|今天|昨天|前天)"
                      r"|(?P<en>\d+)\s+(?P<enunit>minute|hour|day|week)s?\s+ago", re.I)
# "Updated: January 2, 2026", "Last modified on", "更新于": the date after such a label is not
# when the article was published, so find_date passes over it.
_UPDATE_LABEL = re.compile(r"(?:\b(?:last\s+)?(?:updated|modified|revised|edited|reviewed)(?:\s+on)?|"
                           r"更新(?:时间|時間|于|於)?|修改(?:时间|時間|于|於)?|最后更新)\s*[:：]?\s*$", re.I)
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-]?(?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?:/|[^\d])")
# /2023/october/03/, /2025/dec/05/ (the month spelt out, as some CMSs and The Guardian write it)
URL_WORD_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
                           r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
                           r"/(?P<d>[0-3]?\d)(?:/|[^\d])", re.I)


YEAR = re.compile(r"(?:19|20)\d\d")  # in every full date of PATTERNS: a text without one has none
FIRST_NEWS_YEAR = 1990  # the text patterns accept 19xx and 20xx; machine dates get the same floor


def _build(y: int, m: int, d: int, hh: str | None = None, mm: str | None = None, pm: bool | None = False) -> str | None:
    """The ISO date (and time) of its parts; `pm` True after "PM"/"下午", None after "AM" (12:04am
    is four minutes past midnight), False when the clock is 24-hour."""
    if m > 12 >= d:  # a day-first date in a month-first pattern: 17/9/2004
        m, d = d, m
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if hh is not None and mm is not None:
        if pm is not False and not 1 <= int(hh) <= 12:  # "13:05 am" is no 12-hour clock's time: the date alone
            return day.isoformat()
        hour = int(hh) % 12 + 12 if pm else int(hh) % 12 if pm is None else int(hh)
        if hour < 24 and int(mm) < 60:
            return f"{day.isoformat()}T{hour:02d}:{int(mm):02d}:00"
    return day.isoformat()


def _is_pm(m: re.Match) -> bool | None:
    """True after PM, 下午 or 晚上, None after AM or 上午, False with neither (as _build reads it)."""
    if m.group("ampm") in ("下午", "晚上") or (m.group("pm") or "").lower() == "p":
        return True
    return None if m.group("ampm") == "上午" or (m.group("pm") or "").lower() == "a" else False


def _month(m: re.Match) -> int:
    named = m.groupdict()
    if named.get("mon"):
        return _MONTHS[named["mon"][:3].lower()]
    word = named.get("emon") or named.get("eshort") or named.get("eshort2")
    if word:
        return _EUROPEAN_MONTHS[word.lower()]
    return int(m.group("m"))


def find_date(text: str, reference: datetime | None = None, default_year: int | None = None,
              updates: bool = True, day_first: bool | None = None) -> str | None:
    """The first full date in `text` as ISO 8601 (a datetime when a time follows it). A date
    labelled as an update ("Updated: ...", "更新于") is passed over for any other full date,
    and taken only when the text prints no other (then it is the only date the page gives),
    unless `updates` is False.

    `day_first` is the page's locale's order (day_first_locale): True reads 03/10/2023 as
    3 October, False reads 03-10-2023 as March 10; None keeps each pattern's own order.

    A month and day without a year take `default_year`; relative dates ("3 小时前")
    count back from `reference`. Returns None when nothing parses.
    """
    best: tuple[int, str] | None = None
    labelled: tuple[int, str] | None = None  # an "Updated: ..." date, used only when no other is printed
    for pattern in PATTERNS if YEAR.search(text) else ():  # every full date has a 19xx or 20xx year
        swap = (pattern is _MONTH_FIRST and day_first) or (pattern is _DAY_FIRST_HYPHEN and day_first is False)
        for m in pattern.finditer(text):
            month, mday = (int(m.group("d")), _month(m)) if swap else (_month(m), int(m.group("d")))
            built = _build(int(m.group("y")), month, mday, m.group("hh"), m.group("mm"), _is_pm(m))
            if not built:
                continue
            if not _UPDATE_LABEL.search(text, max(0, m.start() - 24), m.start()):
                if best is None or m.start() < best[0]:
                    best = (m.start(), built)
                break
            if labelled is None or m.start() < labelled[0]:
                labelled = (m.start(), built)
    best = best or (labelled if updates else None)
    if best:
        return best[1]
    if labelled:  # a labelled date and updates not wanted: not a month-day or relative guess either
        return None
    if default_year:
        day = MONTH_DAY.search(text)
        if day:
            return _build(default_year, int(day.group("m")), int(day.group("d")), day.group("hh"), day.group("mm"),
                          _is_pm(day))
    if reference:
        ago = RELATIVE.search(text)
        if ago:
            return _relative(ago, reference)
    return None


def printed_days(text: str) -> set[str]:
    """Every day (YYYY-MM-DD) a full date in `text` may name: which dates a page shows its reader,
    so that a structured date it never prints can be told apart. A numeric date counts in both
    orders ("09.10.2024" is 10 September on some US themes, 9 October in Europe)."""
    days: set[str] = set()
    for pattern in PATTERNS if YEAR.search(text) else ():
        for m in pattern.finditer(text):
            month, mday = _month(m), int(m.group("d"))
            orders = {(month, mday)} if m.groupdict().get("m") is None else {(month, mday), (mday, month)}
            days.update(built for mon, day in orders if (built := _build(int(m.group("y")), mon, day)))
    return days


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in ("两",):
        return 2
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return _CN_DIGIT.get(text, 0)


def _relative(m: re.Match, reference: datetime) -> str | None:
    """The date a relative phrase points to from the reference time; None when it points before
    the calendar begins ("150000 weeks ago")."""
    try:
        return _relative_from(m, reference)
    except OverflowError:
        return None


def _relative_from(m: re.Match, reference: datetime) -> str:
    if m.group("word"):
        days = {"刚刚": 0, "剛剛": 0, "今天": 0, "昨天": 1, "前天": 2}[m.group("word")]
        return (reference - timedelta(days=days)).date().isoformat()
    if m.group("en"):
        n, unit = int(m.group("en")), m.group("enunit").lower()
        delta = {"minute": timedelta(minutes=n), "hour": timedelta(hours=n), "day": timedelta(days=n),
                 "week": timedelta(weeks=n)}[unit]
    else:
        n, unit = _cn_int(m.group("n")), m.group("unit")
        delta = {"秒": timedelta(seconds=n), "分钟": timedelta(minutes=n), "分鐘": timedelta(minutes=n),
                 "小时": timedelta(hours=n), "小時": timedelta(hours=n), "天": timedelta(days=n),
                 "日": timedelta(days=n)}[unit]
    when = reference - delta
    return when.date().isoformat() if unit in ("天", "日", "day", "week") else when.isoformat(timespec="minutes")


def date_from_url(url: str) -> str | None:
    """/2026/01/29/, /20260129 or /2026/jan/29/ in a URL path."""
    m = URL_DATE.search(url + "/")
    if m:
        return _build(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    m = URL_WORD_DATE.search(url + "/")
    return _build(int(m.group("y")), _MONTHS[m.group("mon")[:3].lower()], int(m.group("d"))) if m else None


# Regions that print a numeric date month first (en-US, es-US...); English of other regions prints
# it day first, "en" alone says nothing of the country, and Canada prints both orders
_MONTH_FIRST_REGIONS = {"us", "ph", "fm", "mh", "pw", "um", "as", "gu", "mp", "pr", "vi"}
_MIXED_REGIONS = {"ca"}
# Languages whose numeric dates are day first (dd/mm/yyyy, dd.mm.yyyy); year-first ones (zh, ja,
# ko, hu, lt) and tags that are no language ("cn", a region) say nothing
_DAY_FIRST_LANGUAGES = set(
    "fr de es it pt nl ru pl cs sk da no nb nn sv fi el tr ro bg uk be hr sr bs sl mk sq et lv is ga cy "
    "ca eu gl he iw ar fa ur id ms vi th hi bn ta te mr gu kn ml pa sw af az kk uz ka hy mt lb".split())


def _language_and_region(tag: str) -> tuple[str, str | None]:
    """The language and region subtags of a locale tag ("en-Latn-US" -> en, us; "zh_CN" -> zh, cn)."""
    subtags = tag.strip().lower().replace("_", "-").split("-")
    for sub in subtags[1:]:
        if len(sub) == 1:
            break  # an extension ("-u-ca-gregory") or private use: no region after it
        if (len(sub) == 2 and sub.isalpha()) or (len(sub) == 3 and sub.isdigit()):
            return subtags[0], sub
    return subtags[0], None


def day_first_locale(tag: str | None) -> bool | None:
    """Whether a page in locale `tag` (html lang, og:locale: "en-GB", "fr_FR", "en-US",
    "en-Latn-US") writes a numeric date day first: True for en-GB, en-AU, fr, de, es, ru...;
    False for en-US; None when the tag does not say ("en" alone, en-CA, a year-first language,
    an unknown or malformed tag)."""
    if not tag:
        return None
    language, region = _language_and_region(tag)
    if region in _MIXED_REGIONS:
        return None
    if region in _MONTH_FIRST_REGIONS:
        return False
    if language == "en":
        return True if region else None
    return True if language in _DAY_FIRST_LANGUAGES else None


# The UTC offsets (hours, standard and summer time) of the regions a locale may name where one
# range covers the whole region; a region not listed may lie anywhere from UTC-12 to UTC+14
# No "us": en-US is WordPress's default language tag, kept by English sites the world over
# (Sydney, Lagos, Manila), so it says nothing of a page's region.
_REGION_ZONES: dict[str, tuple[float, float]] = {
    "cn": (8, 8), "tw": (8, 8), "hk": (8, 8), "mo": (8, 8), "sg": (8, 8), "my": (8, 8),
    "jp": (9, 9), "kr": (9, 9), "in": (5.5, 5.5), "gb": (0, 1), "ie": (0, 1), "de": (1, 2), "fr": (1, 2),
    "it": (1, 2), "nl": (1, 2), "be": (1, 2), "at": (1, 2), "ch": (1, 2), "se": (1, 2), "pl": (1, 2),
}
ANY_ZONE = (-12.0, 14.0)


def locale_zones(tag: str | None) -> tuple[float, float]:
    """The UTC offsets a page in locale `tag` ("en-US", "zh_CN") can be dated in: its region's
    (lowest, highest), else ANY_ZONE (no region, or one that spans more)."""
    region = _language_and_region(tag)[1] if tag else None
    return _REGION_ZONES.get(region, ANY_ZONE) if region else ANY_ZONE


def normalize_iso(value: str | None, day_first: bool | None = None) -> str | None:
    """A machine-readable date (meta, JSON-LD, <time datetime>) to ISO 8601, or None. A value
    that is not ISO ("02-12-2025") is read as find_date reads it, in the page's `day_first` order."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) in (10, 13):  # a Unix timestamp, in seconds or milliseconds
        stamp = datetime.fromtimestamp(int(value[:10]), tz=timezone.utc)
        return stamp.isoformat() if FIRST_NEWS_YEAR <= stamp.year <= datetime.now().year + 1 else None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return find_date(value, day_first=day_first)
    if not FIRST_NEWS_YEAR <= parsed.year <= datetime.now().year + 1:
        return None  # "0001-01-01T00:00:00" is a CMS's empty date, not a publication date
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


# "Posted on", "Published:", "Date published", "发布时间：", "发表于": a label that says the date
# after it is when the piece appeared, wherever on the page the theme prints it (often in a
# footer line under the text, where the nearest-date search above the article does not look).
_PUBLISHED_LABEL = re.compile(
    r"(?:\b(?:(?:originally\s+|first\s+)?(?:posted|published)(?:\s+(?:on|at|date))?|date\s+published|"
    r"publish(?:ed)?\s+date|publication\s+date|released(?:\s+on)?)|"
    r"发布时间|發布時間|發佈時間|发布日期|發布日期|发布于|發布於|发表于|發表於|发表时间|發表時間|发文时间)"
    r"\s*[:：]?\s*", re.I)
# "Last updated: November 13, 2025": taken only when the page prints no published date at all
_UPDATED_LABEL = re.compile(r"(?:\b(?:last\s+)?(?:updated|modified|revised)(?:\s+on)?|更新(?:时间|時間|于|於)|"
                            r"最后更新|最後更新)\s*[:：]?\s*", re.I)


def labelled_date(text: str, reference: datetime | None = None,
                  day_first: bool | None = None) -> tuple[str, bool] | None:
    """(date, is an update) of the first date printed right after a "published" label in the
    page's text, else after an "updated" label; None when neither labels a date.

    The date must follow its label closely (within a few characters): a label ends a line in
    some themes, so the next 40 characters are searched. An update date is second best: a page
    that says only when it was last updated gives no other date, and says that much; an
    unlabelled date that begins the update's line is the published one.
    `day_first` is the page's numeric date order, as for find_date.
    """
    for label, is_update in ((_PUBLISHED_LABEL, False), (_UPDATED_LABEL, True)):
        for m in label.finditer(text):
            window = text[m.end():m.end() + 40]
            found = find_date(window, reference=reference, updates=False, day_first=day_first)
            if found and _starts_near(window, found):
                first = _before_update(text, m.start(), reference, day_first) if is_update else None
                return (first, False) if first else (found, is_update)
    return None


def _before_update(text: str, label_at: int, reference: datetime | None, day_first: bool | None) -> str | None:
    """An unlabelled date that begins the update label's line ("December 3, 2025. Updated:
    December 7, 2025", "Mar 5, 2025 · Last updated Apr 2"): the date the piece appeared."""
    start = text.rfind("\n", 0, label_at) + 1
    if label_at - start > 40:
        return None
    return find_date(text[start:label_at], reference=reference, updates=False, day_first=day_first)


# "This article was originally published on 26 Sep 2019 ... but has been regularly updated",
# "Originally posted November 12, 2024", "本文首发于2023年5月1日": the page says when the piece first
# appeared, which a republished or regularly updated piece's byline no longer shows. The label
# begins its line or follows "this <piece> was": in a story's prose "the novel was first
# published on ..." dates something else.
_ORIGINAL_LABEL = re.compile(r"\b(?:originally|first)\s+(?:published|posted)(?:\s+(?:on|at))?\s*[:：]?\s*"
                             r"|(?P<zh>(?:本文|原文)(?:首发|首發|发表|發表|发布|發布)(?:于|於))\s*[:：]?\s*", re.I)
_THIS_PIECE = re.compile(r"\bthis\s+(?:\w+\s+){1,2}(?:was|is)\s+$", re.I)


def original_date(text: str, reference: datetime | None = None, day_first: bool | None = None,
                  label_before: int | None = None) -> str | None:
    """The full date printed right after the first "originally published" label in the page's
    text that dates anything, or None. `day_first` is the page's numeric date order, as for
    find_date; with `label_before`, only a label that starts before that offset counts."""
    for m in _ORIGINAL_LABEL.finditer(text):
        if label_before is not None and m.start() >= label_before:
            break
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not (m.group("zh") or not before.strip() or _THIS_PIECE.search(before[-40:])):
            continue
        window = text[m.end():m.end() + 40]
        found = find_date(window, reference=reference, updates=False, day_first=day_first)
        if found and _starts_near(window, found):
            return found
    return None


# "November 2015", "2015年11月": a month and year alone on their line; "Date", "Published:" on
# the line before it or before it on its line
_DATE_LABEL = r"(?:date|published(?:\s+on)?|posted(?:\s+on)?|issued|发布日期|發布日期|日期)\s*[:：]?"
_MONTH_YEAR_LINE = re.compile(rf"^(?P<label>{_DATE_LABEL}\s*)?"
                              rf"(?:{_MONTH_WORD},?\s+(?P<y>(?:19|20)\d\d)|(?P<cy>(?:19|20)\d\d)\s*年\s*(?P<m>\d{{1,2}})\s*月)$",
                              re.I)
_DATE_LABEL_LINE = re.compile(rf"^{_DATE_LABEL}$", re.I)


def month_dated(article_text: str, page_text: str, reference: datetime | None = None) -> str | None:
    """"YYYY-MM" of the month and year a page that prints no full date gives as its date: alone on
    the article's first line (a monthly column's dateline), or labelled as its date in the page
    ("Date / November 2003", "Published: March 2022"). A month and year elsewhere (in a
    headline, a sentence, an archive menu) dates nothing; nor does one after `reference`'s year
    (the fetch time; else now)."""
    first = next((line.strip() for line in article_text.splitlines() if line.strip()), "")
    found = _MONTH_YEAR_LINE.match(first)
    if found is None:
        previous = ""
        for line in page_text.splitlines():
            found = _MONTH_YEAR_LINE.match(line)
            if found and (found.group("label") or _DATE_LABEL_LINE.match(previous)):
                break
            previous, found = line, None
    if found is None:
        return None
    month = _month(found) if found.group("y") else int(found.group("m"))
    year = int(found.group("y") or found.group("cy"))
    latest = (reference or datetime.now()).year
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and year <= latest else None


_DIGIT_OR_MONTH = re.compile(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)


def _starts_near(window: str, found: str) -> bool:
    """The date begins within the first few characters after the label ("Posted on  | 3 May"),
    not somewhere further in a sentence that happens to follow it."""
    first = _DIGIT_OR_MONTH.search(window)
    return first is not None and first.start() <= 6
