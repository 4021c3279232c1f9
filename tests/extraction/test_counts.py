"""How many: count wording by the guidelines' table (analysis.extraction.counts)."""

from __future__ import annotations

import pytest

from analysis.extraction import extract_records


def _one(text: str, published: str) -> dict:
    recs = extract_records(text, published)
    assert len(recs) == 1, recs
    return recs[0]


def _triple(rec: dict) -> tuple:
    return rec["count"], rec["count_low"], rec["count_high"]


@pytest.mark.parametrize(
    ("wording", "triple"),
    [
        ("30 غارة جوية", (30, 30, 30)),
        ("٣٠ غارة جوية", (30, 30, 30)),
        ("ثماني غارات", (8, 8, 8)),
        ("ثلاث عشرة غارة", (13, 13, 13)),
        ("خمس وعشرين غارة", (25, 25, 25)),
        ("أكثر من 30 غارة", (31, 31, None)),
        ("ما يزيد على عشرين غارة", (21, 21, None)),
        ("ما لا يقل عن 12 غارة", (12, 12, None)),
        ("12 غارة على الأقل", (12, 12, None)),
        ("نحو 40 غارة", (40, None, None)),
        ("قرابة الـ 40 غارة", (40, None, None)),
        ("حوالي 40 غارة", (40, None, None)),
        ("بحوالي 40 غارة", (40, None, None)),
        ("زهاء 40 غارة", (40, None, None)),
        ("بين 20 و25 غارة", (None, 20, 25)),
        ("عشرات الغارات", (None, 20, None)),
        ("عدة غارات", (None, 2, None)),
        ("عدداً من الغارات", (None, 2, None)),
        ("سلسلة غارات", (None, 2, None)),
        ("غارات", (None, 2, None)),
        ("غارة", (1, 1, 1)),
        ("غارتين", (2, 2, 2)),
        ("وسبع غارات", (7, 7, 7)),
        ("وخمس وعشرين غارة", (25, 25, 25)),
        ("ألف غارة", (1000, 1000, 1000)),
        ("أكثر من ألف غارة", (1001, 1001, None)),
        ("3 آلاف غارة", (3000, 3000, 3000)),
        ("ثلاثة آلاف غارة", (3000, 3000, 3000)),
        ("ألفي غارة", (2000, 2000, 2000)),
        ("ألفين وخمسمئة غارة", (2500, 2500, 2500)),
        ("1,200 غارة", (1200, 1200, 1200)),
        ("مئتي غارة", (200, 200, 200)),
        ("آلاف الغارات", (None, 2000, None)),
    ],
)
def test_count_wording_follows_the_table(wording, triple):
    rec = _one(f"شنت المقاتلات الروسية اليوم {wording} على مواقع في بادية تدمر.", "2024-05-01")
    assert _triple(rec) == tuple(None if v is None else float(v) for v in triple)


def test_more_than_a_thousand_strikes_since_the_start_of_the_year():
    rec = _one("نفذت الطائرات الروسية أكثر من ألف غارة منذ بداية العام", "2024-10-06")
    assert _triple(rec) == (1001.0, 1001.0, None)
    assert rec["is_aggregate"]
    assert rec["notes"] == ""


@pytest.mark.parametrize(
    ("wording", "quoted", "low"),
    [
        ("1.5 ألف غارة", "1.5 ألف", 1.0),
        ("مليون غارة", "مليون", 1.0),
        ("2.5 غارات", "2.5", 2.0),
        ("0 غارة", "0", 1.0),
    ],
)
def test_a_number_that_cannot_be_read_is_flagged_not_taken_as_one(wording, quoted, low):
    rec = _one(f"شنت المقاتلات الروسية اليوم {wording} على مواقع في بادية تدمر.", "2024-05-01")
    assert _triple(rec) == (None, low, None)
    assert f"a number phrase could not be read ({quoted!r})" in rec["notes"]
    assert quoted in rec["evidence"]


def test_aircraft_and_casualty_numbers_are_not_counts():
    rec = _one(
        "نفذت ثماني طائرات روسية اليوم غارات على البلعاس، ما أدى إلى مقتل 12 عنصراً.", "2024-05-01"
    )
    assert _triple(rec) == (None, 2.0, None)
    assert "8 aircraft" in rec["notes"]


def test_a_weekday_name_is_not_a_number():
    rec = _one("شن التنظيم ليل الأحد-الاثنين هجوماً على حاجز قرب السخنة.", "2024-07-02")
    assert _triple(rec) == (1.0, 1.0, 1.0)
