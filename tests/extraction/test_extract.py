"""The public verbs: extract_records, extract_events, extract_events_batch."""

from __future__ import annotations

import datetime as dt

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
from analysis.extraction import (
    extract_events,
    extract_events_batch,
    extract_records,
    load_gazetteer,
)
from analysis.extraction.arabic import normalize
from analysis.extraction.dates import consistent_days
from analysis.extraction.extract import _SURROGATE
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


# --- the frame, the identifiers ------------------------------------------------------


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


# every code point: lone surrogates, control characters, any script
_any_char = st.characters(blacklist_categories=())
_chunk = st.one_of(st.sampled_from(_VOCAB), st.text(_any_char, min_size=1, max_size=6))
# a few chunks, each repeated up to 200 times: very long runs of one thing
_long_runs = st.lists(st.tuples(_chunk, st.integers(1, 200)), max_size=4).map(
    lambda parts: " ".join(chunk * n for chunk, n in parts)
)


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(_arabicish, st.text(_any_char, max_size=300), _long_runs),
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_any_text_gives_a_valid_frame_never_an_exception(text, published):
    # fewer examples: each call validates its frame (the schema check is the slow part)
    frame = extract_events(text, published)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMN_ORDER)
    assert frame["is_machine_extracted"].all()
    for rec in frame.to_dict(orient="records"):
        start, end = rec["evidence_start"], rec["evidence_end"]
        assert rec["evidence"] == _SURROGATE.sub("\ufffd", text[start:end])
        assert rec["date_start"] <= rec["date_end"]


def test_a_lone_surrogate_is_stored_as_the_replacement_character_with_a_note():
    text = "شنت المقاتلات الروسية اليوم غارة \ud800 على تدمر."
    rec = extract_records(text, "2024-10-06")[0]
    assert rec["evidence"] == text[rec["evidence_start"] : rec["evidence_end"]]
    assert "\ud800" in rec["evidence"]  # the dicts keep the text as given
    row = extract_events(text, "2024-10-06").iloc[0]
    assert row["evidence"] == rec["evidence"].replace("\ud800", "\ufffd")
    assert "lone surrogates" in row["notes"]
    assert "U+FFFD in evidence" in row["notes"]
    assert extract_events("\ud800", "2024-10-06").empty
    assert (
        extract_events_batch([(text, "2024-10-06"), ("\udfff غارة اليوم", "2024-10-06")]).shape[0]
        == 2
    )


@given(
    _arabicish,
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 1)),
    st.integers(min_value=1, max_value=20),
)
def test_a_bracket_window_covers_the_windows_of_its_first_and_last_day(text, first, days):
    last = first + dt.timedelta(days=days)
    wide = extract_records(text, (first, last))
    _check_spans(text, wide)
    allowed = consistent_days(normalize(text), first, last)  # today's weekday may narrow it
    if len(allowed) == 1:
        return
    for day in (allowed[0], allowed[-1]):
        ends = {(r["event_type"], r["evidence_start"]): r for r in extract_records(text, day)}
        for rec in wide:
            one = ends.get((rec["event_type"], rec["evidence_start"]))
            if one is not None:
                assert rec["date_start"] <= one["date_start"] <= one["date_end"] <= rec["date_end"]
            assert rec["published"] is None


def test_a_weekday_named_for_today_narrows_a_publication_bracket():
    text = "نفذت خلايا داعش اليوم الخميس هجوماً على حاجز في بادية تدمر."
    # one Thursday in the bracket: the publication day is known
    rec = extract_records(text, "2024-04-24..2024-05-01")[0]
    assert (rec["date_start"], rec["date_end"], rec["published"]) == (
        dt.date(2024, 4, 25),
        dt.date(2024, 4, 25),
        dt.date(2024, 4, 25),
    )
    assert "makes it 2024-04-25" in rec["notes"]
    # the bracket starts the day after a Thursday: not that Thursday, a week too early
    rec = extract_records(text, "2024-04-26..2024-05-02")[0]
    assert (rec["date_start"], rec["date_end"]) == (dt.date(2024, 5, 2), dt.date(2024, 5, 2))
    # two Thursdays in the bracket: the window covers both, and nothing before the first
    rec = extract_records(text, "2024-04-25..2024-05-02")[0]
    assert (rec["date_start"], rec["date_end"]) == (dt.date(2024, 4, 25), dt.date(2024, 5, 2))
    # yesterday's weekday narrows it too
    rec = extract_records("هاجمت خلايا داعش أمس الأربعاء حاجزاً.", "2024-04-24..2024-05-01")[0]
    assert (rec["date_start"], rec["published"]) == (dt.date(2024, 4, 24), dt.date(2024, 4, 25))
