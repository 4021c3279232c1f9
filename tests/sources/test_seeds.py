"""The shipped seeds: exact copies, hand-coded records, the scripted conversion."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re

import pandas as pd
import pytest

from analysis.config import (
    BADIA_2024_EVENTS,
    BADIA_2024_EVENTS_RAW,
    BADIA_2024_TOTALS,
    GAZETTEER,
    ROOT_DIR,
    SEED_ARTICLE_RECORDS,
    SEED_ARTICLE_TEXT,
    UCDP_BADIA_MONTHLY_REFERENCE,
    UCDP_DIR,
    UCDP_GED_SYRIA,
)
from analysis.records.validating import validate_events


def _load_script(name: str):
    path = ROOT_DIR / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COPIES = (
    SEED_ARTICLE_TEXT,
    BADIA_2024_EVENTS_RAW,
    BADIA_2024_TOTALS,
    GAZETTEER,
    UCDP_GED_SYRIA,
    UCDP_BADIA_MONTHLY_REFERENCE,
    UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz",
    UCDP_DIR / "ucdp_ged251_yearly_random_sample_syria_minimal.csv",
)
"""Seed files kept exactly as they were obtained (the others are derived or compiled here)."""


@pytest.mark.parametrize("seed", COPIES, ids=lambda p: p.name)
def test_seed_copies_are_byte_identical_to_their_sources(seed):
    """Each copy's sidecar records the sha256 of its source file, taken when the file was
    copied into seeds/; the copy must still have it, byte for byte."""
    sidecar = json.loads(seed.with_name(seed.name + ".meta.json").read_text(encoding="utf-8"))
    assert re.fullmatch("[0-9a-f]{64}", sidecar["sha256"])
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == sidecar["sha256"]


def test_seed_article_records_load_and_their_evidence_is_exact():
    text = SEED_ARTICLE_TEXT.read_text(encoding="utf-8")
    raw = pd.read_csv(SEED_ARTICLE_RECORDS, dtype=str, keep_default_na=False)
    checked = validate_events(raw, source=SEED_ARTICLE_RECORDS)
    assert len(checked.rejects) == 0
    events = checked.events
    assert len(events) == 4
    for rec in events.itertuples():
        assert text[rec.evidence_start : rec.evidence_end] == rec.evidence


def test_seed_article_records_follow_the_guidelines():
    raw = pd.read_csv(SEED_ARTICLE_RECORDS, dtype=str, keep_default_na=False)
    events = validate_events(raw).events.set_index("event_id")
    strike = events.loc["seed000-01"]
    assert strike["event_type"] == "airstrike"
    # 'more than 30' -> 31, 31, open
    assert (strike["count"], strike["count_low"]) == (31, 31)
    assert pd.isna(strike["count_high"])
    # 72 hours before a publication day in 2024-10-04..2024-10-08: the union window
    assert strike["date_start"] == pd.Timestamp("2024-10-01")
    assert strike["date_end"] == pd.Timestamp("2024-10-08")
    assert "eight Russian warplanes" in strike["notes"]
    assert strike["admin1"] == "Homs;Raqqa;Hama;Deir ez-Zor"

    sweep = events.loc["seed000-02"]
    assert sweep["event_type"] == "sweep"
    assert sweep["date_start"] == sweep["date_end"] == pd.Timestamp("2024-10-02")
    assert pd.Timestamp("2024-10-02").day_name() == "Wednesday"
    assert not sweep["is_aggregate"]

    aggregates = events[events["is_aggregate"]]
    assert sorted(aggregates.index) == ["seed000-03", "seed000-04"]
    assert aggregates.loc["seed000-03", "count_low"] == 20  # 'dozens' of attacks
    assert pd.isna(aggregates.loc["seed000-03", "count"])
    assert aggregates.loc["seed000-04", "count"] == 17  # 'about 17' campaigns
    assert pd.isna(aggregates.loc["seed000-04", "count_low"])


def test_seed_article_places_are_gazetteer_names_with_their_governorates():
    gaz = pd.read_csv(GAZETTEER, dtype=str, keep_default_na=False)
    governorate = dict(zip(gaz["name_en"], gaz["admin1"], strict=True))
    raw = pd.read_csv(SEED_ARTICLE_RECORDS, dtype=str, keep_default_na=False)
    for rec in raw.itertuples():
        if not rec.location:
            continue
        places = rec.location.split(";")
        assert set(places) <= set(governorate)
        expected = list(dict.fromkeys(governorate[p] for p in places))
        assert rec.admin1.split(";") == expected


def test_badia_conversion_reproduces_the_committed_file():
    script = _load_script("convert_badia_events")
    assert script.build_events_csv() == BADIA_2024_EVENTS.read_text(encoding="utf-8")


def test_badia_conversion_keeps_every_row_and_validates():
    raw = pd.read_csv(BADIA_2024_EVENTS_RAW, dtype=str, keep_default_na=False)
    converted = pd.read_csv(BADIA_2024_EVENTS, dtype=str, keep_default_na=False)
    assert converted["event_id"].tolist() == raw["event_id"].tolist()
    checked = validate_events(converted, source=BADIA_2024_EVENTS)
    assert len(checked.events) == len(raw) == 72


@pytest.mark.parametrize(
    ("count", "qualifier", "notes", "expected"),
    [
        ("1", "exact", "", ("1", "1", "1")),
        ("30", "at_least", "'More than 30' raids on Sunday.", ("31", "31", "")),
        ("5", "at_least", "killed 'at least 5'", ("5", "5", "")),
        ("17", "about", "", ("17", "", "")),
        ("", "approx_range", "", None),
        ("20", "approx_range", "between 20 and 25 strikes", ("", "20", "25")),
        ("", "", "'A series' of strikes, no count.", ("", "2", "")),
        ("", "", "'Intensive' strikes, no count.", ("", "2", "")),
    ],
)
def test_badia_count_qualifiers_become_bounds(count, qualifier, notes, expected):
    script = _load_script("convert_badia_events")
    if expected is None:
        with pytest.raises(ValueError, match="event_id 'X'"):
            script.convert_bounds(count, qualifier, notes, event_id="X")
    else:
        assert script.convert_bounds(count, qualifier, notes, event_id="X") == expected


@pytest.mark.parametrize(
    ("count", "qualifier", "notes"),
    [
        ("", "", "no wording recorded"),  # nothing says how many: no silent default
        ("30", "at_least", "raids on Sunday"),  # notes do not say which
        ("3", "roughly", ""),  # unknown qualifier
        ("three", "exact", ""),
    ],
)
def test_badia_conversion_refuses_rows_it_cannot_read(count, qualifier, notes):
    script = _load_script("convert_badia_events")
    with pytest.raises(ValueError, match="event_id 'B24-999'"):
        script.convert_bounds(count, qualifier, notes, event_id="B24-999")


def test_badia_conversion_rejects_a_file_missing_columns():
    script = _load_script("convert_badia_events")
    raw = pd.read_csv(BADIA_2024_EVENTS_RAW, dtype=str, keep_default_na=False)
    with pytest.raises(ValueError, match="count_qualifier"):
        script.convert_badia_events(raw.drop(columns="count_qualifier"))


def test_badia_conversion_does_not_mutate_its_input():
    script = _load_script("convert_badia_events")
    raw = pd.read_csv(BADIA_2024_EVENTS_RAW, dtype=str, keep_default_na=False)
    before = raw.copy()
    script.convert_badia_events(raw)
    pd.testing.assert_frame_equal(raw, before)


def test_seed_strike_record_spreads_its_count_over_its_window():
    from analysis.counting import count_events
    from analysis.records.loading import load_events

    events = load_events(SEED_ARTICLE_RECORDS)
    strike = events[events["event_id"] == "seed000-01"]
    daily = count_events(strike, freq="D")
    air = daily[daily["event_type"] == "airstrike"].reset_index(drop=True)
    # 'more than 30' in 'the past 72 hours', publication bracketed 4..8 October:
    # 31 strikes shared over the 8 days 1..8 October, lower bound 31, no upper bound
    assert air["period"].tolist() == list(pd.date_range("2024-10-01", "2024-10-08"))
    assert air["count"].tolist() == [31 / 8] * 8
    assert air["count_low"].tolist() == [31 / 8] * 8
    assert (air["count_high"] == float("inf")).all()
    assert air["count"].sum() == 31


def test_seed_aggregates_stay_out_of_counts_unless_asked():
    from analysis.counting import count_events
    from analysis.records.loading import load_events

    events = load_events(SEED_ARTICLE_RECORDS)
    kept = count_events(events, freq="YS")
    by_type = kept.groupby("event_type", observed=True)["count"].sum()
    assert by_type["airstrike"] == 31
    assert by_type["sweep"] == 1  # the 2 October campaign, not the 'about 17'
    assert by_type["attack"] == 0  # 'dozens' of attacks is a period aggregate
    both = count_events(events, freq="YS", include_aggregates=True)
    by_type = both.groupby("event_type", observed=True)
    assert by_type["count"].sum()["sweep"] == 1 + 17
    assert by_type["count_low"].sum()["attack"] == 20
