"""Reading Arabic reports into event records (analysis.extraction.extract)."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import (
    EXTRACTION_DEV_SET,
    EXTRACTION_HELDOUT_SET,
    SEED_ARTICLE_RECORDS,
    SEED_ARTICLE_TEXT,
)
from analysis.extraction.extract import (
    PUBLISHED_RANGE,
    cli,
    extract_events,
    extract_events_batch,
    extract_records,
    format_records,
    load_gazetteer,
    tabulate_evidence,
)
from analysis.extraction.scoring import TARGETED_FIELDS, load_annotated, score_extractor
from analysis.records.schema import COLUMN_ORDER
from analysis.records.validating import validate_events
from analysis.sources.provenance import read_provenance

FIELDS = [
    "event_type",
    "date_start",
    "date_end",
    "count",
    "count_low",
    "count_high",
    "location",
    "admin1",
    "actor",
]


def _one(text: str, published: str) -> dict:
    recs = extract_records(text, published)
    assert len(recs) == 1, recs
    return recs[0]


def _triple(rec: dict) -> tuple:
    return rec["count"], rec["count_low"], rec["count_high"]


# --- the annotated sets -------------------------------------------------------------


def test_dev_set_meets_the_targets():
    report = score_extractor(EXTRACTION_DEV_SET)
    assert report.passages == 40
    assert report.f1 >= 0.95, report.misses
    for name in TARGETED_FIELDS:
        assert report.field_rates[name] >= 0.9, (name, report.misses)
    assert report.negatives_clean == report.negatives


def test_heldout_set_is_synthetic_and_meets_a_floor():
    passages = load_annotated(EXTRACTION_HELDOUT_SET)
    assert len(passages) >= 15
    assert all(p.get("synthetic") is True for p in passages)
    report = score_extractor(EXTRACTION_HELDOUT_SET)
    assert report.f1 >= 0.85, report.misses
    for name in TARGETED_FIELDS:
        assert report.field_rates[name] >= 0.8, (name, report.misses)
    assert report.negatives_clean == report.negatives


def test_annotated_evidence_spans_are_exact():
    for path in (EXTRACTION_DEV_SET, EXTRACTION_HELDOUT_SET):
        for p in load_annotated(path):
            for r in p["records"]:
                assert p["text"][r["evidence_start"] : r["evidence_end"]] == r["evidence"]


def test_seed_article_gives_the_records_of_dev_001():
    dev = {p["id"]: p for p in load_annotated(EXTRACTION_DEV_SET)}["dev-001"]
    text = dev["text"]
    assert SEED_ARTICLE_TEXT.read_text(encoding="utf-8") == text
    got = extract_events(text, published=dev["published"], source="Al-Araby Al-Jadeed")
    assert len(got) == len(dev["records"]) == 4
    expected = pd.DataFrame(dev["records"])[FIELDS]
    expected["date_start"] = pd.to_datetime(expected["date_start"])
    expected["date_end"] = pd.to_datetime(expected["date_end"])
    expected = expected.replace({"": None})
    actual = got[FIELDS].copy()
    actual["event_type"] = actual["event_type"].astype(str)
    for col in ("location", "admin1", "actor"):
        actual[col] = actual[col].astype(object).where(actual[col].notna(), None)
    key = ["event_type", "date_start"]
    pd.testing.assert_frame_equal(
        actual.sort_values(key).reset_index(drop=True),
        expected.sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )
    # the two running totals are period aggregates, the campaign and the strikes are not
    agg = {
        (str(t), None if pd.isna(c) else float(c)): bool(a)
        for t, c, a in zip(got["event_type"], got["count"], got["is_aggregate"], strict=True)
    }
    assert agg == {
        ("airstrike", 31.0): False,
        ("sweep", 1.0): False,
        ("attack", None): True,
        ("sweep", 17.0): True,
    }
    assert "8 aircraft" in got.loc[got["event_type"] == "airstrike", "notes"].iloc[0]


def test_seed_article_gives_the_hand_coded_seed_records():
    meta = read_provenance(SEED_ARTICLE_TEXT)  # publication bracket, producer, URL
    text = SEED_ARTICLE_TEXT.read_text(encoding="utf-8")
    got = extract_events(
        text, published=meta["published"], source=meta["producer"], source_url=meta["url"]
    )
    hand = pd.read_csv(SEED_ARTICLE_RECORDS, dtype=str, keep_default_na=False)
    compared = [
        "event_type",
        "date_start",
        "date_end",
        "count",
        "count_low",
        "count_high",
        "location",
        "admin1",
    ]

    def tidy(frame: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(
            {
                "event_type": frame["event_type"].astype(str),
                "date_start": pd.to_datetime(frame["date_start"]).astype("datetime64[ns]"),
                "date_end": pd.to_datetime(frame["date_end"]).astype("datetime64[ns]"),
                **{
                    c: pd.to_numeric(frame[c].replace("", None)).astype(float)
                    for c in ("count", "count_low", "count_high")
                },
                **{
                    c: frame[c].astype(object).where(frame[c].notna(), "").astype(str)
                    for c in ("location", "admin1")
                },
                **{c: frame[c].astype(int) for c in ("evidence_start", "evidence_end")},
            }
        )
        return out.sort_values(["event_type", "date_start", "date_end"]).reset_index(drop=True)

    mine, theirs = tidy(got), tidy(hand)
    pd.testing.assert_frame_equal(mine[compared], theirs[compared])
    # each extracted evidence span lies inside the hand-coded span of its record
    assert (theirs["evidence_start"] <= mine["evidence_start"]).all()
    assert (mine["evidence_end"] <= theirs["evidence_end"]).all()
    assert got["is_machine_extracted"].all()


# --- counts ---------------------------------------------------------------------------


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


# --- dates ----------------------------------------------------------------------------


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
        ("هجوم في 99 أيار 2024", "99 أيار 2024", "no such day"),
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


# --- places and actors ----------------------------------------------------------------


def test_places_keep_text_order_and_drop_governorate_wide_areas():
    rec = _one(
        "شنت المقاتلات الروسية اليوم 5 غارات على محيط السخنة بريف حمص الشرقي "
        "وبادية الرصافة وأثريا بريف الرقة.",
        "2024-05-01",
    )
    assert rec["location"] == "al-Sukhnah;al-Rusafa;Ithriya"
    assert rec["admin1"] == "Homs;Raqqa;Hama"  # Ithriya is Hama in the gazetteer


def test_governorate_wide_areas_are_kept_when_nothing_is_more_specific():
    rec = _one("نفذت الطائرات الروسية اليوم غارات على بوادي حمص والرقة.", "2024-05-01")
    assert rec["location"] == "Homs;Raqqa"


def test_a_place_outside_the_gazetteer_is_kept_in_arabic_with_its_governorate():
    rec = _one(
        "هاجمت خلايا داعش اليوم نقطة في محيط بلدة الشميطية بريف دير الزور الغربي.", "2024-04-10"
    )
    assert rec["location"] == "الشميطية"
    assert rec["admin1"] == "Deir ez-Zor"
    assert "not in the gazetteer" in rec["notes"]


def test_place_names_match_whole_words_with_attached_prefixes_only():
    import re

    g = load_gazetteer()
    text = "وبالسخنه للرقه الكومه متدمر"  # normalised: ة is ه
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
    assert [g.places[i].name_en for _s, _e, i, _k in g.find(words, text)] == ["al-Sukhnah", "Raqqa"]


def test_a_head_governs_names_joined_to_its_first_by_and():
    rec = _one("شنت المقاتلات الروسية اليوم غارات على بادية معدان والجرنية.", "2024-04-10")
    assert rec["location"] == "Ma'dan;الجرنية"
    rec = _one("هاجمت خلايا داعش اليوم قرية الشميطية والعبد، بريف دير الزور.", "2024-04-10")
    assert rec["location"] == "الشميطية;العبد"
    # not a place: a common noun joined by and
    rec = _one("شنت المقاتلات الروسية اليوم غارات على بادية تدمر والمناطق.", "2024-04-10")
    assert rec["location"] == "Palmyra"


@pytest.mark.parametrize(
    "phrase", ["هجوم للتنظيم", "هجوم لتنظيم الدولة", "هجوم للدولة الإسلامية", "هجوم للخلايا"]
)
def test_islamic_state_is_named_after_an_attached_li(phrase):
    rec = _one(f"سجلت مصادر محلية اليوم {phrase} في بادية السخنة.", "2024-04-10")
    assert rec["actor"] == "Islamic State"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "قالت مصادر إن مقاتلات تابعة للتحالف الدولي قصفت أمس موقعاً في بادية البوكمال.",
            "US-led coalition",
        ),
        (
            "وذكر ناشطون أن الطائرات الحربية الروسية ضربت أمس مواقع في جبل البشري.",
            "Russian air force",
        ),
    ],
)
def test_aircraft_named_before_the_verb_make_a_strike(sentence, actor):
    rec = _one(sentence, "2024-04-10")
    assert (rec["event_type"], rec["actor"], rec["date_start"]) == (
        "airstrike",
        actor,
        dt.date(2024, 4, 9),
    )
    assert _triple(rec) == (None, 1.0, None)  # a verb gives at least one strike


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


def test_a_listed_road_is_one_place():
    rec = _one("نصب عناصر التنظيم اليوم كميناً على طريق تدمر - السخنة.", "2024-03-27")
    assert rec["location"] == "Palmyra-al-Sukhnah road"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("شنت المقاتلات الروسية اليوم غارة على تدمر.", "Russian air force"),
        ("شن الطيران الحربي السوري اليوم غارة على تدمر.", "Syrian air force"),
        ("شنت طائرات التحالف الدولي اليوم غارة على تدمر.", "US-led coalition"),
        ("أطلقت قوات النظام اليوم حملة تمشيط في بادية تدمر.", "Syrian government forces"),
        ("أطلقت قوات النظام بقيادة الفرقة 25 اليوم حملة تمشيط في بادية تدمر.", "25th Division"),
        ("أطلق لواء القدس اليوم حملة تمشيط في بادية تدمر.", "Liwa al-Quds"),
        ("أطلقت ميليشيا الدفاع الوطني اليوم حملة تمشيط في بادية تدمر.", "National Defence Forces"),
        ("هاجمت خلايا يُرجّح أنها تتبع لتنظيم داعش اليوم حاجزاً قرب تدمر.", "Islamic State"),
    ],
)
def test_actor_is_one_short_name(sentence, actor):
    assert _one(sentence, "2024-05-01")["actor"] == actor


# --- episodes and non-events -----------------------------------------------------------


def test_separate_attacks_are_separate_records_and_anaphora_adds_none():
    text = (
        "قتل خمسة عناصر أمس الخميس بكمين نصبته خلايا داعش قرب الطيبة. وفي هجوم منفصل "
        "مساء الخميس، هاجم عناصر التنظيم مقراً في قرية حسرات. وعلى إثر الهجومين، أطلقت "
        "قوات النظام اليوم الجمعة حملة تمشيط في بادية حمص."
    )
    recs = extract_records(text, "2024-04-19")
    assert [(r["event_type"], r["location"]) for r in recs] == [
        ("attack", "al-Taybah"),
        ("attack", "Hasrat"),
        ("sweep", "Homs"),
    ]


def test_a_summary_block_adds_no_record():
    text = (
        "استمع إلى الملخص\n- نفذت خلايا داعش 17 هجوماً.\n"
        "نفذت خلايا داعش قرابة 17 هجوماً منذ بداية العام في بادية حمص."
    )
    recs = extract_records(text, "2024-10-06")
    assert len(recs) == 1
    assert _triple(recs[0]) == (17.0, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "أجرت قوات النظام اليوم تدريبات بالذخيرة الحية شملت رمايات لمروحيات روسية قرب تدمر.",
        "تقدمت قوات النظام بإسناد جوي روسي نحو جبل البشري.",
        "قصفت قوات النظام بالمدفعية الثقيلة اليوم مواقع في جبل البشري.",
        "قتل راع بانفجار لغم من مخلفات الحرب في بادية السخنة.",
        "هدد قائد ميليشيا بإطلاق حملة عسكرية واسعة في بادية الشولا خلال الأيام المقبلة.",
        "دفعت قوات النظام بتعزيزات عسكرية إلى محيط حقل الضبيات.",
        "حلقت طائرات استطلاع روسية في أجواء بادية الرصافة.",
        "تحل اليوم ذكرى معركة الباغوز التي شهدت في 23 آذار 2019 غارات جوية مكثفة.",
        "ارتفعت حصيلة القتلى منذ مطلع العام إلى 564 شخصاً.",
        "مرت الطائرات الحربية فوق جبل البشري من دون أن تشن أي غارة.",
        "وانسحبت الدورية بدون أن يسجل أي هجوم على الطريق.",
        "",
        "   \n\n  ",
    ],
)
def test_non_events_give_no_record(text):
    assert extract_events(text, "2024-05-01").empty


# --- the frame, the identifiers, the command line ---------------------------------------


def test_frame_is_valid_machine_extracted_and_in_schema_order():
    dev = load_annotated(EXTRACTION_DEV_SET)
    frame = extract_events_batch([(p["text"], p["published"]) for p in dev])
    assert list(frame.columns[: len(COLUMN_ORDER)]) == list(COLUMN_ORDER)
    assert frame["is_machine_extracted"].all()
    assert len(validate_events(frame).rejects) == 0
    assert frame["event_id"].is_unique


def test_event_ids_are_deterministic_and_depend_on_the_source():
    text = "شنت المقاتلات الروسية اليوم غارة على تدمر."
    a = extract_records(text, "2024-05-01", source_url="https://example.org/a")
    b = extract_records(text, "2024-05-01", source_url="https://example.org/a")
    c = extract_records(text, "2024-05-01", source_url="https://example.org/b")
    assert a[0]["event_id"] == b[0]["event_id"] != c[0]["event_id"]
    assert a[0]["source_url"] == "https://example.org/a"


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


@pytest.mark.parametrize(
    "published", ["2024-05-02..2024-05-05", (dt.date(2024, 5, 2), "2024-05-05")]
)
def test_a_bracketed_publication_day_widens_every_window(published):
    text = "شنت المقاتلات الروسية أمس غارة على تدمر. وأطلقت قوات النظام حملة تمشيط في السخنة."
    recs = {r["event_type"]: r for r in extract_records(text, published)}
    # yesterday: published - 1 for each possible day; no date phrase: the bracket itself
    assert (recs["airstrike"]["date_start"], recs["airstrike"]["date_end"]) == (
        dt.date(2024, 5, 1),
        dt.date(2024, 5, 4),
    )
    assert (recs["sweep"]["date_start"], recs["sweep"]["date_end"]) == (
        dt.date(2024, 5, 2),
        dt.date(2024, 5, 5),
    )
    assert all(
        r["published"] is None and "2024-05-02..2024-05-05" in r["notes"] for r in recs.values()
    )
    assert recs["airstrike"]["date_precision"] == "days"
    # a one-day bracket is an ordinary date
    assert extract_records(text, "2024-05-02..2024-05-02") == extract_records(text, "2024-05-02")


def test_a_gazetteer_path_can_be_given(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name_en,name_ar,aliases_ar,admin1\nFoo,تدمر,,Homs\n", encoding="utf-8")
    assert _one("شنت المقاتلات الروسية اليوم غارة على تدمر.", "2024-05-01")["location"] == "Palmyra"
    rec = extract_records(
        "شنت المقاتلات الروسية اليوم غارة على تدمر.", "2024-05-01", gazetteer=path
    )[0]
    assert rec["location"] == "Foo"
    assert load_gazetteer() is load_gazetteer()  # compiled once


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_cli_writes_each_format(tmp_path, fmt):
    report = tmp_path / "report.txt"
    report.write_text("شنت المقاتلات الروسية أمس 3 غارات على تدمر.", encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli(
            [
                str(report),
                "--published",
                "2024-10-06",
                "--format",
                fmt,
                "--source-url",
                "https://example.org/r",
            ]
        )
    assert status == 0
    text = out.getvalue()
    if fmt == "csv":
        frame = pd.read_csv(io.StringIO(text))
        rows = frame.to_dict(orient="records")
    elif fmt == "json":
        rows = json.loads(text)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == 1
    assert rows[0]["date_start"] == "2024-10-05"
    assert rows[0]["count"] == 3
    assert rows[0]["source_url"] == "https://example.org/r"


def test_format_records_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="format"):
        format_records(extract_events("", "2024-01-01"), "xml")  # type: ignore[arg-type]


def test_cli_writes_to_a_file_and_rejects_a_bad_date(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("شنت المقاتلات الروسية أمس غارة على تدمر.", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert (
        cli([str(report), "--published", "2024-10-06", "--format", "jsonl", "-o", str(target)]) == 0
    )
    assert json.loads(target.read_text(encoding="utf-8"))["location"] == "Palmyra"
    err = io.StringIO()
    with redirect_stderr(err):
        assert cli([str(report), "--published", "06/10/2024"]) == 2
    assert "YYYY-MM-DD" in err.getvalue()


# --- properties -------------------------------------------------------------------------

_VOCAB = [
    "غارة",
    "غارات",
    "غارتين",
    "هجوم",
    "هجوماً",
    "الهجوم",
    "كمين",
    "حملة تمشيط",
    "عمليات تمشيط",
    "عملية",
    "نفذها التنظيم",
    "داعش",
    "خلايا",
    "المقاتلات الروسية",
    "قوات النظام",
    "أكثر من",
    "نحو",
    "بين",
    "و",
    "عشرات",
    "عدة",
    "30",
    "٣",
    "ثلاث عشرة",
    "على الأقل",
    "اليوم",
    "أمس",
    "أمس الأول",
    "يوم الأربعاء الفائت",
    "ليل الأحد-الاثنين",
    "خلال الـ72 ساعة الماضية",
    "منذ بداية العام",
    "خلال شهر آب",
    "12 آذار",
    "في 3 من الشهر الجاري",
    "منذ كانون الثاني",
    "بادية",
    "باديتي",
    "محيط",
    "قرية",
    "تدمر",
    "السخنة",
    "والرصافة",
    "بريف",
    "حمص",
    "دير الزور",
    "طريق تدمر - السخنة",
    "الشميطية",
    "،",
    ".",
    "\n",
    "- ",
    "استمع إلى الملخص",
    "تدريبات",
    "هدد",
    "لغم",
    "زرعه",
    "مخلفات الحرب",
    "ثمانية طائرات",
    "بقيادة",
    "الفرقة 25",
    "ـ",
    "ّ",
]
_arabicish = st.lists(st.one_of(st.sampled_from(_VOCAB), st.text(max_size=4)), max_size=40).map(
    " ".join
)


def _check_spans(text: str, records: list[dict]) -> None:
    for rec in records:
        assert text[rec["evidence_start"] : rec["evidence_end"]] == rec["evidence"]
        assert rec["evidence_start"] < rec["evidence_end"]
        assert rec["date_start"] <= rec["date_end"]


@given(st.text(max_size=300))
def test_any_unicode_string_gives_records_or_nothing(text):
    records = extract_records(text, "2024-10-06")
    assert isinstance(records, list)
    _check_spans(text, records)


@given(_arabicish, st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_report_like_text_gives_records_with_exact_evidence(text, published):
    _check_spans(text, extract_records(text, published))


@settings(max_examples=15, deadline=None)
@given(
    st.one_of(_arabicish, st.text(max_size=200)),
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_any_text_gives_a_valid_frame_or_an_empty_one(text, published):
    # fewer examples: each call validates its frame (the schema check is the slow part)
    frame = extract_events(text, published)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMN_ORDER)
    assert frame["is_machine_extracted"].all()
    _check_spans(text, frame.to_dict(orient="records"))


# --- the one-pass scanner is a faithful shortcut --------------------------------------


def _scan_equals_finditer(text: str) -> None:
    from analysis.extraction.arabic import normalize_text
    from analysis.extraction.extract import _SCANNED, _TOKEN, _scan_words

    norm = normalize_text(text).text
    words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
    fast = _scan_words(norm, words)
    for (pattern, _heads), got in zip(_SCANNED, fast, strict=True):
        assert [m.span() for m in got] == [m.span() for m in pattern.finditer(norm)], pattern


def test_scanner_finds_what_finditer_finds_on_the_annotated_sets():
    for path in (EXTRACTION_DEV_SET, EXTRACTION_HELDOUT_SET):
        for p in load_annotated(path):
            _scan_equals_finditer(p["text"])


@given(_arabicish)
def test_scanner_finds_what_finditer_finds_on_report_like_text(text):
    _scan_equals_finditer(text)


def test_tabulate_evidence_puts_each_record_beside_its_words():
    text = (
        "شنت المقاتلات الروسية أمس بين 5 و8 غارات على تدمر. "
        "ونفذت خلايا داعش منذ بداية العام عشرات الهجمات في السخنة."
    )
    recs = extract_events(text, "2024-10-06")
    before = recs.copy()
    table = tabulate_evidence(recs)
    pd.testing.assert_frame_equal(recs, before)
    assert table["event_type"].tolist() == ["airstrike", "attack"]
    assert table["window"].tolist() == ["2024-10-05", "2024-01-01..2024-10-06"]
    assert table["count"].tolist() == ["5 to 8", "at least 20"]
    assert table["is_aggregate"].tolist() == [False, True]
    for row, rec in zip(
        table.itertuples(), recs.sort_values("evidence_start").itertuples(), strict=True
    ):
        start, end = map(int, row.offsets.split("-"))
        assert text[start:end] == row.evidence == rec.evidence


@given(
    _arabicish,
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 1)),
    st.integers(min_value=1, max_value=20),
)
def test_a_bracket_window_covers_the_windows_of_its_first_and_last_day(text, first, days):
    last = first + dt.timedelta(days=days)
    wide = extract_records(text, (first, last))
    _check_spans(text, wide)
    for day in (first, last):
        ends = {(r["event_type"], r["evidence_start"]): r for r in extract_records(text, day)}
        for rec in wide:
            one = ends.get((rec["event_type"], rec["evidence_start"]))
            if one is not None:
                assert rec["date_start"] <= one["date_start"] <= one["date_end"] <= rec["date_end"]
            assert rec["published"] is None
