"""When: date phrases and publication dates (analysis.extraction.dates)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.extraction import PUBLISHED_RANGE, extract_events, extract_records
from analysis.extraction.arabic import normalize
from analysis.extraction.dates import (
    DATE_PATTERNS,
    DATE_PRIORITY,
    Unresolved,
    find_dates,
    resolve_date,
)


def _one(text: str, published: str) -> dict:
    recs = extract_records(text, published)
    assert len(recs) == 1, recs
    return recs[0]


@pytest.mark.parametrize(
    ("phrase", "published", "window"),
    [
        ("اليوم", "2024-05-05", ("2024-05-05", "2024-05-05")),
        ("أمس", "2024-05-05", ("2024-05-04", "2024-05-04")),
        ("أمس الأول", "2024-05-05", ("2024-05-03", "2024-05-03")),
        ("يوم الأربعاء الفائت", "2024-10-06", ("2024-10-02", "2024-10-02")),
        ("يوم الأحد الماضي", "2024-05-05", ("2024-04-28", "2024-04-28")),  # strictly before
        ("اليوم الأحد", "2024-05-05", ("2024-05-05", "2024-05-05")),
        ("أمس السبت", "2024-05-05", ("2024-05-04", "2024-05-04")),
        ("ليل السبت-الأحد", "2024-05-05", ("2024-05-04", "2024-05-05")),
        ("ليل الخميس-الجمعة", "2024-05-05", ("2024-05-02", "2024-05-03")),
        ("خلال الـ72 ساعة الماضية", "2024-10-06", ("2024-10-03", "2024-10-06")),
        ("خلال الـ 36 ساعة الماضية", "2024-10-06", ("2024-10-04", "2024-10-06")),
        ("في 12 آذار", "2024-05-05", ("2024-03-12", "2024-03-12")),
        ("في 12 مارس", "2024-05-05", ("2024-03-12", "2024-03-12")),
        ("في 28 كانون الأول", "2024-01-05", ("2023-12-28", "2023-12-28")),
        ("في 3 من الشهر الجاري", "2024-05-05", ("2024-05-03", "2024-05-03")),
        ("مساء الخميس 18 نيسان/أبريل", "2024-04-20", ("2024-04-18", "2024-04-18")),
        # phrases published reports use
        ("قبل أسبوع", "2024-05-03", ("2024-04-26", "2024-04-26")),
        ("قبل يومين", "2020-05-23", ("2020-05-21", "2020-05-21")),
        ("الليلة الماضية", "2024-06-01", ("2024-05-31", "2024-05-31")),
        ("أول أمس", "2024-05-05", ("2024-05-03", "2024-05-03")),
        ("في اليوم الثاني من الشهر الجاري", "2024-12-19", ("2024-12-02", "2024-12-02")),
        ("في الرابع من الشهر الجاري", "2021-10-08", ("2021-10-04", "2021-10-04")),
        ("في الحادي والعشرين من الشهر الماضي", "2024-12-19", ("2024-11-21", "2024-11-21")),
        ("منذ يوم السبت حتى مساء الإثنين", "2024-12-19", ("2024-12-14", "2024-12-16")),
        ("منذ يوم السبت", "2024-12-19", ("2024-12-14", "2024-12-19")),
        ("خلال الـ24 ساعة الفائتة", "2022-12-31", ("2022-12-30", "2022-12-31")),
        ("خلال اليومين الماضيين", "2024-12-19", ("2024-12-17", "2024-12-19")),
        ("ومنتصف الشهر الماضي", "2021-11-14", ("2021-10-01", "2021-10-31")),
        ("السبت", "2023-02-12", ("2023-02-11", "2023-02-11")),  # a weekday standing alone
        ("ليلة أمس الثلاثاء 17 ديسمبر", "2024-12-19", ("2024-12-17", "2024-12-17")),
    ],
)
def test_dates_resolve_against_publication(phrase, published, window):
    rec = _one(f"شنت خلايا داعش {phrase} هجوماً على حاجز في بادية السخنة.", published)
    assert (str(rec["date_start"]), str(rec["date_end"])) == window
    assert not rec["is_aggregate"]


@pytest.mark.parametrize(
    ("phrase", "published", "window"),
    [
        ("منذ بداية العام", "2024-10-06", ("2024-01-01", "2024-10-06")),
        ("منذ مطلع الشهر الجاري", "2024-03-10", ("2024-03-01", "2024-03-10")),
        ("منذ كانون الثاني الماضي", "2024-05-21", ("2024-01-01", "2024-05-21")),
        ("خلال شهر آب", "2024-09-01", ("2024-08-01", "2024-08-31")),
        ("خلال شهر آب", "2024-08-20", ("2024-08-01", "2024-08-20")),  # not over yet
        ("خلال شهر تشرين الأول الماضي", "2024-11-01", ("2024-10-01", "2024-10-31")),
        ("خلال شهر ديسمبر", "2024-02-01", ("2023-12-01", "2023-12-31")),
        ("هذا العام", "2021-10-20", ("2021-01-01", "2021-10-20")),
        ("خلال شهر", "2024-09-10", ("2024-08-11", "2024-09-10")),  # the last 30 days
    ],
)
def test_period_totals_are_aggregates(phrase, published, window):
    rec = _one(f"نفذ تنظيم داعش 40 هجوماً {phrase} في بادية حمص.", published)
    assert (str(rec["date_start"]), str(rec["date_end"])) == window
    assert rec["is_aggregate"]


def test_no_date_phrase_means_the_publication_day_with_a_flag():
    rec = _one("قتل ثلاثة عناصر في هجوم لخلايا داعش قرب السخنة.", "2024-04-10")
    assert rec["date_start"] == rec["date_end"] == dt.date(2024, 4, 10)
    assert "publication day" in rec["notes"]


@pytest.mark.parametrize(
    ("text", "quoted", "reason"),
    [
        ("نفذت الطائرات غارات في 31 شباط", "31 شباط", "no such day"),
        ("هجوم لداعش في 99 أيار 2024", "99 أيار 2024", "no such day"),
        ("نفذ تنظيم داعش هجوماً في 40 من الشهر الجاري", "40 من الشهر الجاري", "no such day"),
        ("نفذ تنظيم داعش 40 هجوماً منذ بداية عام 2030", "منذ بداية عام 2030", "after publication"),
        ("نفذ تنظيم داعش هجوماً خلال 999999 يوما الماضية", "999999 يوما", "reaches back"),
    ],
)
def test_a_date_phrase_that_cannot_be_resolved_is_quoted_in_the_flag(text, quoted, reason):
    rec = _one(text, "2024-10-06")
    assert rec["date_start"] == rec["date_end"] == dt.date(2024, 10, 6)
    assert "a date phrase was found but could not be resolved" in rec["notes"]
    assert quoted in rec["notes"]
    assert reason in rec["notes"]
    assert "no date phrase" not in rec["notes"]


def test_date_phrases_take_an_attached_and():
    recs = extract_records(
        "هاجمت خلايا داعش يوم السبت نقطة في بادية السخنة. "
        "وصباح الأحد، استهدفت الخلايا دورية قرب تدمر.",
        "2024-04-15",
    )
    assert [(r["date_start"], r["location"]) for r in recs] == [
        (dt.date(2024, 4, 13), "al-Sukhnah"),
        (dt.date(2024, 4, 14), "Palmyra"),
    ]
    assert _one("واليوم شنت المقاتلات الروسية غارة على تدمر.", "2024-04-10")[
        "date_start"
    ] == dt.date(2024, 4, 10)


@pytest.mark.parametrize(
    "published",
    ["2024-13-01", "yesterday", "", None, 20240101, "2024-05-09..2024-05-02", "2024-05-01..x"],
)
def test_a_bad_publication_date_is_a_clear_error(published):
    with pytest.raises(ValueError, match="published"):
        extract_events("غارة على تدمر", published)


@pytest.mark.parametrize(
    "published",
    ["0001-01-02", dt.date(1, 1, 2), "1679-01-01..9999-12-31", "2262-01-01", dt.date(9999, 12, 31)],
)
def test_a_publication_date_outside_the_supported_range_is_a_clear_error(published):
    with pytest.raises(ValueError, match=r"published: .* outside the supported range 1679-01-01"):
        extract_events("نفذت خلايا داعش اليوم هجوماً", published)
    with pytest.raises(ValueError, match="published"):
        extract_records("نفذت خلايا داعش اليوم هجوماً", published)


def test_the_ends_of_the_supported_range_give_valid_frames():
    first, last = PUBLISHED_RANGE
    for published in (first, last):
        frame = extract_events("نفذ تنظيم داعش 3 هجمات خلال العام الماضي", published)
        assert len(frame) == 1
        assert frame["date_start"].iloc[0].date() == dt.date(published.year - 1, 1, 1)


def test_published_accepts_dates_and_timestamps():
    text = "شنت المقاتلات الروسية أمس غارة على تدمر."
    for published in (dt.date(2024, 5, 2), pd.Timestamp("2024-05-02"), "2024-05-02"):
        assert extract_records(text, published)[0]["date_start"] == dt.date(2024, 5, 1)


@pytest.mark.parametrize("published", [None, pd.NaT, float("nan"), np.datetime64("NaT")])
def test_a_missing_publication_date_is_a_clear_error(published):
    with pytest.raises(ValueError, match=r"published: .* no publication date is known"):
        extract_events("نفذت خلايا داعش اليوم هجوماً", published)
    with pytest.raises(ValueError, match="published"):
        extract_records("نفذت خلايا داعش اليوم هجوماً", ("2024-10-01", published))


def _kept_by_the_plain_rule(norm: str, published: dt.date):
    """Every phrase resolved, then kept by priority and length unless it overlaps a kept one."""
    found, unresolved = [], []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(norm):
            d = resolve_date(kind, m, published)
            if isinstance(d, Unresolved):
                unresolved.append(d)
            elif d is not None:
                found.append(d)
    found.sort(key=lambda d: (-DATE_PRIORITY[d.kind], -(d.end - d.start), d.start))
    taken = []
    for d in found:
        if all(d.end <= t.start or d.start >= t.end for t in taken):
            taken.append(d)
    left = [
        u
        for u in sorted(set(unresolved), key=lambda u: (u.start, u.end))
        if all(u.end <= t.start or u.start >= t.end for t in taken)
    ]
    return sorted(taken, key=lambda d: d.start), left


_DATE_WORDS = [
    "اليوم",
    "أمس",
    "الأول",
    "يوم",
    "الأحد",
    "الماضي",
    "ليل",
    "-",
    "الاثنين",
    "في",
    "12",
    "31",
    "آذار",
    "شباط",
    "2019",
    "عام",
    "منذ",
    "بداية",
    "العام",
    "خلال",
    "شهر",
    "آب",
    "الـ72",
    "ساعة",
    "الماضية",
    "الأيام",
    "3",
    "من",
    "الشهر",
    "الجاري",
    "و",
]


@given(
    st.lists(st.sampled_from(_DATE_WORDS), max_size=25).map(" ".join),
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_overlapping_date_phrases_are_settled_by_priority_then_length(text, published):
    norm = normalize(text)
    assert find_dates(norm, published) == _kept_by_the_plain_rule(norm, published)


@pytest.mark.parametrize("phrase", ["قبل أيام", "مؤخراً", "في الآونة الأخيرة"])
def test_a_phrase_that_names_no_day_dates_to_publication_and_says_so(phrase):
    rec = _one(f"هاجمت خلايا داعش {phrase} حاجزاً في بادية السخنة.", "2024-05-05")
    assert rec["date_start"] == rec["date_end"] == dt.date(2024, 5, 5)
    assert "names no day" in rec["notes"]
    # another date phrase of the sentence wins
    rec = _one(f"هاجمت خلايا داعش {phrase} يوم الجمعة حاجزاً في بادية السخنة.", "2024-05-05")
    assert rec["date_start"] == dt.date(2024, 5, 3)


def test_the_day_a_statement_was_made_does_not_date_the_event_it_tells():
    # the statement of today dates nothing; the event told with its own day keeps it
    rec = _one("قال المرصد اليوم إن خلايا داعش هاجمت أمس حاجزاً قرب السخنة.", "2024-05-05")
    assert rec["date_start"] == dt.date(2024, 5, 4)
    # a statement made before publication dates the event as it is
    rec = _one("أعلنت وزارة الدفاع أمس أن المقاتلات شنت غارات على تدمر.", "2024-05-05")
    assert rec["date_start"] == dt.date(2024, 5, 4)


def test_a_channel_named_today_is_not_a_date():
    rec = _one(
        "عرضت قناة روسيا اليوم قبل يومين مشاهد لقوات النظام أثناء تمشيط بادية حمص.", "2020-05-23"
    )
    assert (rec["event_type"], rec["date_start"]) == ("sweep", dt.date(2020, 5, 21))
