from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipeline.dates import date_from_url, find_date, normalize_iso, printed_days

REF = datetime(2026, 1, 29, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("29 1 月, 2026", "2026-01-29"),
    ("in 其他 · 29 1 月, 2026 Reading Time", "2026-01-29"),
    ("2026年1月29日", "2026-01-29"),
    ("发布于 2026 年 1 月 29 日 08:30", "2026-01-29T08:30:00"),
    ("2026-01-29 08:30", "2026-01-29T08:30:00"),
    ("2026/1/9", "2026-01-09"),
    ("2026.01.29", "2026-01-29"),
    ("January 29, 2026", "2026-01-29"),
    ("Jan. 29 2026", "2026-01-29"),
    ("27 Jan, 2026", "2026-01-27"),
    ("Published 3 March 2025 at 14:05", "2025-03-03T14:05:00"),
    ("发布日期： 7/5/2005 9:23:57 PM", "2005-07-05T21:23:00"),  # month first, as ASP.NET prints it
    ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:00"),
    ("17/9/2004", "2004-09-17"),  # a day over 12 first: day first
    ("12.12.2025", "2025-12-12"),  # day first with dots, as most of Europe prints it
    ("Veröffentlicht am 03.02.2025, 10:30", "2025-02-03T10:30:00"),
    ("Veröffentlicht am 15.01.2026.", "2026-01-15"),  # a full stop may end the sentence
    ("3rd March 2025", "2025-03-03"),
    ("on the 21st of June, 2024", "2024-06-21"),
    ("By FlowGuard on 04-Aug-2021 5:11:10", "2021-08-04T05:11:00"),  # day-month-year with hyphens
    # month names of other European languages
    ("By FlowGuard EMEA on 04-ago-2021 5:11:10", "2021-08-04T05:11:00"),
    ("Publicado el 4 de agosto de 2021", "2021-08-04"),
    ("Publié le 1er août 2021 à 10:30", "2021-08-01T10:30:00"),
    ("Veröffentlicht am 4. März 2021", "2021-03-04"),
    ("Pubblicato il 12 dicembre 2025", "2025-12-12"),
    ("Gepubliceerd op 3 mei 2024", "2024-05-03"),
    ("7 de set. de 2023", "2023-09-07"),
])
def test_full_dates(text, expected):
    assert find_date(text) == expected


def test_month_day_takes_year_from_context():
    assert find_date("1月29日 星期四", default_year=2026) == "2026-01-29"
    assert find_date("1月29日") is None


def test_relative_dates():
    assert find_date("3 小时前", reference=REF) == "2026-01-29T09:00+00:00"
    assert find_date("2 天前", reference=REF) == "2026-01-27"
    assert find_date("昨天 10:00", reference=REF) == "2026-01-28"
    assert find_date("5 hours ago", reference=REF) == "2026-01-29T07:00+00:00"
    assert find_date("2 weeks ago", reference=REF) == "2026-01-15"


def test_numbers_that_only_look_like_dates_are_not_dates():
    # a version or section number is no day-first date; "of" follows only an ordinal day
    for text in ("version 1.12.2020 released", "Firefox 3.6.2010", "see section 4.3.2020",
                 "Top 10 of May 2025 list", "Part 2 of June 2024", "Top 5 set 2024 lists", "3 gen 2021 chips"):
        assert find_date(text) is None, text
    # a relative date before the calendar's start is none, not a crash
    assert find_date("Posted 150000 weeks ago", reference=REF) is None
    assert find_date("99999999999 weeks ago", reference=REF) is None
    # digits int() cannot read are no Unix timestamp
    assert normalize_iso("²²²²²²²²²²") is None


def test_invalid_dates_are_rejected():
    assert find_date("2026年13月45日") is None
    assert find_date("v2.0.1 build 2026") is None
    assert find_date("release v1.2.2020") is None  # a version number, not 1 February 2020
    assert find_date("1.12.2025.3") is None


def test_unix_timestamps_in_structured_data():
    assert normalize_iso("1736676000") == "2025-01-12T10:00:00+00:00"
    assert normalize_iso("1736676000000") == "2025-01-12T10:00:00+00:00"
    assert normalize_iso("0000000000") is None


def test_url_and_iso():
    assert date_from_url("https://x.com/2026/01/29/slug/") == "2026-01-29"
    assert date_from_url("https://x.com/news/20260129/abc.html") == "2026-01-29"
    assert date_from_url("https://x.com/news/abc") is None
    assert normalize_iso("2026-01-27T14:05:00Z") == "2026-01-27T14:05:00+00:00"
    assert normalize_iso("2026-01-27") == "2026-01-27"
    assert normalize_iso("0001-01-01T00:00:00Z") is None  # a CMS's empty date
    assert normalize_iso("9999-12-31") is None


def test_afternoon_times():
    assert find_date("2026年1月29日 下午3:15") == "2026-01-29T15:15:00"
    assert find_date("Jan 29, 2026, 3:15 p.m.") == "2026-01-29T15:15:00"


def test_a_date_labelled_as_an_update_gives_way_to_the_published_one():
    # the update comes first in the line, the published date after it: the published one is taken
    assert find_date("Updated: January 2, 2026 · Published December 22, 2022") == "2022-12-22"
    assert find_date("Last modified on 2026-01-02 | 2022-12-22") == "2022-12-22"
    assert find_date("更新于 2026年1月2日 发布于 2022年12月22日") == "2022-12-22"


def test_an_update_date_alone_is_used_unless_refused():
    assert find_date("Updated October 23, 2025") == "2025-10-23"
    assert find_date("Updated October 23, 2025", updates=False) is None
    assert find_date("Updated: 10/23/2025", default_year=2025, updates=False) is None


def test_labelled_dates_published_before_updated():
    from pipeline.dates import labelled_date

    assert labelled_date("Posted on 15/12/2025 at 19:00 by x") == ("2025-12-15T19:00:00", False)
    assert labelled_date("发布时间：2026-01-29 08:30 来源：新华社") == ("2026-01-29T08:30:00", False)
    assert labelled_date("Last updated: November 13, 2025") == ("2025-11-13", True)
    # a published label anywhere beats an update label printed first
    assert labelled_date("Updated Dec 18, 2025 · 12 min read\nPublished: June 17, 2025") == ("2025-06-17", False)
    # a label in a sentence with a year somewhere after it labels nothing
    assert labelled_date("We published the report. In 2020 it grew.") is None


def test_hyphenated_numeric_dates_are_day_first():
    # 02-12-2025 as the Netherlands, India and much of Europe print it; a phone or part number is no date
    assert find_date("Bence Kovács · 02-12-2025") == "2025-12-02"
    assert find_date("25-12-2025") == "2025-12-25"
    assert find_date("call 555-12-2025-1") is None


def test_the_page_locale_orders_day_and_month():
    from pipeline.dates import day_first_locale

    assert [day_first_locale(t) for t in ("en-GB", "en_AU", "fr", "de-DE", "EN-GB")] == [True] * 5
    assert [day_first_locale(t) for t in ("en-US", "en", "zh-CN", "ja", "en-CA", None, "")] == \
        [False, None, None, None, None, None, None]
    assert find_date("03/10/2023", day_first=True) == "2023-10-03"
    assert find_date("03/10/2023") == "2023-03-10"  # month first, as US sites and ASP.NET print it
    assert find_date("03/10/2023", day_first=False) == "2023-03-10"
    assert find_date("03-10-2023", day_first=False) == "2023-03-10"
    # a number over 12 decides whatever the locale says
    assert find_date("12/25/2025", day_first=True) == "2025-12-25"
    assert find_date("25/12/2025", day_first=False) == "2025-12-25"
    # words and year-first dates have one reading
    assert find_date("2025/03/10", day_first=True) == "2025-03-10"
    assert find_date("March 10, 2025", day_first=True) == "2025-03-10"


def test_url_with_the_month_spelt_out():
    assert date_from_url("https://www.wine.example/blog/2023/october/03/how-many-wine-types/") == "2023-10-03"
    assert date_from_url("https://www.paper.example/books/2025/dec/05/best-science-fiction") == "2025-12-05"
    assert date_from_url("https://x.example/2025/marketing/05/plan") is None


def test_an_unlabelled_date_before_the_update_label_is_the_published_one():
    from pipeline.dates import labelled_date

    text = "Interview by Sylvia Bishop\nDecember 3, 2025. Updated: December 7, 2025\nRelated books"
    assert labelled_date(text) == ("2025-12-03", False)
    # a date far back in a sentence is not the line's own date
    prose = "The award was first given on March 1, 2020, and the shortlist is long this year. Updated: May 2, 2025"
    assert labelled_date(prose) == ("2025-05-02", True)


@pytest.mark.parametrize(("tag", "day_first"), [
    ("en-GB", True), ("EN_gb", True), ("fr_FR", True), ("de", True), ("en-150", True),
    ("en-US", False), ("en-Latn-US", False), ("en-US-u-ca-gregory", False), ("es-US", False),
    ("en", None), ("en-CA", None), ("zh-Hant-TW", None), ("cn", None), ("x-klingon", None), ("", None),
])
def test_a_locale_tag_says_the_day_order_only_where_it_can(tag: str, day_first: bool | None) -> None:
    from pipeline.dates import day_first_locale

    assert day_first_locale(tag) is day_first


@pytest.mark.parametrize("text", ["Apple iPad 9. Gen. 2021 128GB", "Vol. 12 Mag. 2019", "won 6 set. 2024",
                                  "Call 1-12-2020 now", "won 3-1-2024 series"])
def test_product_names_scores_and_codes_are_no_dates(text: str) -> None:
    assert find_date(text) is None


def test_a_long_run_of_spaces_after_a_date_is_read_in_linear_time() -> None:
    import time

    start = time.process_time()
    assert find_date("2026-01-29" + " " * 200_000 + "x") == "2026-01-29"
    assert time.process_time() - start < 1.0  # was quadratic: minutes


def test_a_month_spelt_out_in_a_url_must_be_a_month() -> None:
    from pipeline.dates import date_from_url

    assert date_from_url("https://x.org/2023/october/03/a") == "2023-10-03"
    assert date_from_url("https://x.org/2024/sept/15/x") == "2024-09-15"
    assert date_from_url("https://x.org/2023/jane/05/a") is None
    assert date_from_url("https://x.org/2024/mary/15/") is None


def test_printed_days_reads_every_date_and_numeric_ones_in_both_orders():
    text = "Posted 09.10.2024 by Ann\nRelated: November 4th, 2025 · 2026年1月29日 · score 3-1-2024"
    assert printed_days(text) == {"2024-09-10", "2024-10-09", "2025-11-04", "2026-01-29"}
    assert printed_days("no year here, 12 May") == set()


def test_an_originally_published_label_dates_the_first_appearance():
    from pipeline.dates import original_date

    assert original_date("This article was originally published on\n26 Sep 2019 at 4:12pm\nbut has been "
                         "regularly updated to keep the information current.") == "2019-09-26T16:12:00"
    assert original_date("Share\nOriginally Posted November 12, 2024\nLast updated February 20, 2025") == "2024-11-12"
    assert original_date("编者按\n本文首发于2023年5月1日，略有改动。") == "2023-05-01"
    # in a story's prose the label dates something else; without a full date after it, it dates nothing
    assert original_date("The novel was first published on 12 March 1998 in London.") is None
    assert original_date("Originally published in JMIR Mhealth and Uhealth (2019).") is None
    assert original_date("Quote:\nOriginally Posted by osowens\nI can tell") is None


def test_a_month_and_year_given_as_the_date_date_the_page_to_the_month():
    from pipeline.dates import month_dated

    # a monthly column's dateline opens the text; a report's metadata labels its date
    assert month_dated("November 2015\nI often hear audiophiles dissing noise-canceling headphones.", "") == "2015-11"
    assert month_dated("New technologies.", "Publication Type\nReport\nDate\nNovember 2003\nAuthor(s)") == "2003-11"
    assert month_dated("正文。", "发布日期：2015年11月\n正文。") == "2015-11"
    # a month and year in a headline, a sentence or an archive menu dates nothing
    assert month_dated("Best laptops of March 2026\nWe tested 40.", "Archives\nNovember 2003\nOctober 2003") is None
    assert month_dated("In November 2015 the firm began.", "Published in November 2015 by the firm.") is None


def test_a_locales_region_bounds_its_time_zone():
    from pipeline.dates import ANY_ZONE, locale_zones

    assert locale_zones("en-GB") == (0, 1) and locale_zones("zh_CN") == (8, 8) and locale_zones("de-DE") == (1, 2)
    assert locale_zones("en-US") == ANY_ZONE  # WordPress's default tag: no region of its own
    # no region, a region spanning more zones, an extension: anywhere from UTC-12 to UTC+14
    assert locale_zones("en") == locale_zones("en-AU") == locale_zones("en-u-ca-gregory") == locale_zones(None) == ANY_ZONE


def test_twelve_am_is_midnight_and_a_dash_may_part_the_date_from_its_time():
    assert find_date("January 11, 2025, 12:04am") == "2025-01-11T00:04:00"
    assert find_date("January 11, 2025, 12:04pm") == "2025-01-11T12:04:00"
    assert find_date("2025年1月11日 上午12:30") == "2025-01-11T00:30:00"  # 上午 is AM
    assert find_date("May 2, 2024 13:05 am") == "2024-05-02"  # no 12-hour time: the date alone
    assert find_date("2026年1月29日 下午3:30") == "2026-01-29T15:30:00"
    # Drupal's "Thu, 09/25/2025 - 11:38", RFI's "06/02/2022 - 13:48"
    assert find_date("Thu, 09/25/2025 - 11:38") == "2025-09-25T11:38:00"
    assert find_date("发表时间： 06/02/2022 - 13:48", day_first=True) == "2022-02-06T13:48:00"
    assert find_date("2026-01-29 - 3-1 win") == "2026-01-29"
