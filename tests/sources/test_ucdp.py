"""Reading UCDP GED files: no row lost, counts match the reference, loud errors."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.config import GAZETTEER, UCDP_BADIA_MONTHLY_REFERENCE, UCDP_DIR, UCDP_GED_SYRIA
from analysis.records.reading import LayoutError
from analysis.records.validating import EventValidationError, Validated, validate_events
from analysis.sources.places import BADIA_GOVERNORATES, normalise_governorate
from analysis.sources.ucdp import (
    DATE_PRECISION_BY_DATE_PREC,
    GED_231_COLUMNS,
    GED_SYRIA_COLUMNS,
    detect_ucdp_layout,
    read_ucdp_ged,
    ucdp_to_events,
)

GED_231_SAMPLE = UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz"
GED_251_MINIMAL = UCDP_DIR / "ucdp_ged251_yearly_random_sample_syria_minimal.csv"
BADIA = BADIA_GOVERNORATES


@pytest.fixture(scope="module")
def syria_raw() -> pd.DataFrame:
    return pd.read_csv(UCDP_GED_SYRIA, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def syria_events() -> pd.DataFrame:
    return read_ucdp_ged(UCDP_GED_SYRIA)


@pytest.mark.slow
def test_reading_the_syria_file_loses_no_row(syria_raw, syria_events):
    assert len(syria_raw) == 16566
    assert len(syria_events) == 16566
    assert syria_events["source_id"].tolist() == syria_raw["id"].tolist()
    assert (syria_events["count"] == 1).all()
    assert set(syria_events["event_type"]) <= {"airstrike", "sweep", "attack", "other"}


@pytest.mark.slow
def test_monthly_is_counts_in_the_badia_match_the_reference(syria_events):
    """Events whose side_a or side_b has the word IS, per month of date_start x adm_1
    x conflict, in the five Badia governorates, counted by the package's
    count_events; the reference was derived from the raw file by another route."""
    from analysis.counting import count_events

    ev = syria_events
    is_involved = ev["ucdp_side_a"].str.contains(r"\bIS\b") | ev["ucdp_side_b"].str.contains(
        r"\bIS\b"
    )
    badia = ev[is_involved & ev["admin1"].isin(BADIA)]
    counts = count_events(badia, freq="MS", by=["admin1", "ucdp_conflict_id"], allocate="start")
    ours = (
        counts.groupby(["period", "admin1", "ucdp_conflict_id"], as_index=False, observed=True)
        .agg(events=("count", "sum"))
        .query("events > 0")
        .assign(
            month=lambda d: d["period"].dt.strftime("%Y-%m"),
            conflict_new_id=lambda d: d["ucdp_conflict_id"].astype(int),
        )
    )
    deaths = (
        badia.assign(
            month=badia["date_start"].dt.strftime("%Y-%m"),
            conflict_new_id=badia["ucdp_conflict_id"].astype(int),
        )
        .groupby(["month", "admin1", "conflict_new_id"], as_index=False)
        .agg(deaths_best=("killed", "sum"))
    )
    key = ["month", "admin1", "conflict_new_id"]
    ours = ours[[*key, "events"]].merge(deaths, on=key, how="outer", validate="1:1")
    ref = pd.read_csv(UCDP_BADIA_MONTHLY_REFERENCE)
    ref = ref.assign(admin1=ref["adm_1"].map(normalise_governorate))[
        [*key, "events", "deaths_best"]
    ]
    ours = ours.sort_values(key, ignore_index=True)
    ref = ref.sort_values(key, ignore_index=True)
    assert ref["events"].sum() == 5200
    pd.testing.assert_frame_equal(ours, ref, check_dtype=False)


@pytest.mark.slow
def test_every_syria_governorate_maps_to_a_gazetteer_style_name(syria_raw, syria_events):
    gazetteer = set(pd.read_csv(GAZETTEER)["admin1"])
    names = set(syria_events["admin1"].dropna())
    assert gazetteer <= names  # every gazetteer governorate is spelled the same way
    assert not any("overnorate" in n for n in names)
    assert syria_events["admin1"].isna().sum() == (syria_raw["adm_1"] == "").sum()


def test_the_ged_231_sample_reads_with_its_49_columns():
    events = read_ucdp_ged(GED_231_SAMPLE)
    raw = pd.read_csv(GED_231_SAMPLE, dtype=str, keep_default_na=False)
    assert list(raw.columns) == list(GED_231_COLUMNS)
    assert len(events) == len(raw) == 265
    assert events["source_id"].tolist() == raw["id"].tolist()
    # deaths: best/low/high as killed/killed_low/killed_high
    pd.testing.assert_series_equal(
        events["killed_high"], raw["high"].astype(float), check_names=False
    )


def test_layouts_are_detected_from_columns():
    assert detect_ucdp_layout(GED_SYRIA_COLUMNS) == "ged_syria"
    assert detect_ucdp_layout(GED_231_COLUMNS) == "ged_231"
    assert detect_ucdp_layout([*GED_SYRIA_COLUMNS, "extra"]) == "ged_syria"


def test_a_file_of_another_layout_is_refused_naming_missing_columns():
    with pytest.raises(LayoutError) as info:
        read_ucdp_ged(GED_251_MINIMAL)
    message = str(info.value)
    assert GED_251_MINIMAL.name in message
    for column in ("date_prec", "side_a", "source_headline", "date_start"):
        assert column in message


@pytest.fixture
def small_ged(tmp_path, syria_raw):
    """Write the first rows of the real Syria file, edited by the test, to a CSV."""

    def write(edit=None, n=6):
        frame = syria_raw.head(n).copy()
        if edit is not None:
            frame = edit(frame)
        path = tmp_path / "ged.csv"
        frame.to_csv(path, index=False)
        return path

    return write


def test_a_missing_column_is_named(small_ged):
    path = small_ged(lambda f: f.drop(columns=["date_prec"]))
    with pytest.raises(LayoutError, match=r"ged\.csv.*misses 1: date_prec"):
        read_ucdp_ged(path)


def test_a_bad_date_is_named_with_file_line_row_and_value(small_ged):
    def edit(f):
        f.loc[2, "date_start"] = "2016-13-45"
        return f

    path = small_ged(edit)
    with pytest.raises(EventValidationError) as info:
        read_ucdp_ged(path)
    message = str(info.value)
    assert "ged.csv" in message
    for part in ("line 4", "row 2", "'date_start'", "2016-13-45"):
        assert part in message


def test_rejects_keep_every_row(small_ged):
    def edit(f):
        f.loc[1, "date_end"] = "not a date"
        f.loc[4, "date_prec"] = "9"
        return f

    result = read_ucdp_ged(small_ged(edit), errors="reject")
    assert isinstance(result, Validated)
    assert len(result.events) + len(result.rejects) == 6
    assert result.rejects["row"].tolist() == [1, 4]
    assert set(result.problems["rule"]) == {"date_unparseable", "date_precision"}


def test_errors_option_is_checked(small_ged):
    with pytest.raises(ValueError, match="errors must be"):
        read_ucdp_ged(small_ged(), errors="ignore")


@pytest.mark.parametrize(("date_prec", "precision"), sorted(DATE_PRECISION_BY_DATE_PREC.items()))
def test_date_prec_becomes_precision_and_the_window_is_kept(small_ged, date_prec, precision):
    def edit(f):
        f["date_prec"] = date_prec
        f.loc[0, "date_start"], f.loc[0, "date_end"] = "2016-01-01", "2016-01-31"
        return f

    events = read_ucdp_ged(small_ged(edit))
    assert (events["date_precision"] == precision).all()
    assert events.loc[0, "date_start"] == pd.Timestamp("2016-01-01")
    assert events.loc[0, "date_end"] == pd.Timestamp("2016-01-31")


def test_fields_map_to_the_schema(syria_raw):
    row = syria_raw.head(1)
    got = ucdp_to_events(row).events.iloc[0]
    assert got["event_id"] == "ucdp-214797"
    assert got["source_id"] == "214797"
    assert got["evidence"] == row.loc[0, "source_headline"]
    assert got["source"] == "UCDP GED; SOHR"
    assert got["admin1"] == "Homs"
    assert got["location"] == "Teir Maaleh village"
    assert (got["killed"], got["killed_low"], got["killed_high"]) == (4.0, 4.0, 4.0)
    assert "Syria: Government" in got["notes"]
    assert "where_prec 1" in got["notes"]
    assert got["ucdp_adm_1"] == "Homs Governorate"


def test_deaths_keep_ucdps_low_best_and_high_as_given(syria_raw, syria_events):
    # best -> killed, low -> killed_low, high -> killed_high, even where UCDP's three
    # figures are out of order (101 rows of the Syria file)
    for column, theirs in (("killed", "best"), ("killed_low", "low"), ("killed_high", "high")):
        np.testing.assert_array_equal(syria_events[column], syria_raw[theirs].astype(float))
    odd = (syria_events["killed_low"] > syria_events["killed"]) | (
        syria_events["killed"] > syria_events["killed_high"]
    )
    assert odd.sum() == 101


def test_records_are_canonical_validation_changes_nothing():
    events = read_ucdp_ged(GED_231_SAMPLE)
    checked = validate_events(events)
    assert len(checked.rejects) == 0
    pd.testing.assert_frame_equal(checked.events, events)


def test_the_coverage_is_the_files_own_span(syria_raw):
    read = ucdp_to_events(syria_raw.head(50))
    assert (read.coverage.start, read.coverage.end) == (
        pd.Timestamp(syria_raw.head(50)["date_start"].min()).date(),
        pd.Timestamp(syria_raw.head(50)["date_end"].max()).date(),
    )
    assert read.layout == "ged_syria"


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("id", "", "required_value"),
        ("date_end", "2015-12-31", "date_order"),
        ("best", "about ten", "number_unparseable"),
        ("high", "-2", "negative"),
        ("longitude", "238.1", "longitude_range"),
    ],
)
def test_each_bad_value_is_named_with_its_ged_column(small_ged, column, value, rule):
    def edit(f):
        f.loc[3, column] = value
        return f

    result = read_ucdp_ged(small_ged(edit), errors="reject")
    assert result.problems[["row", "line", "column", "rule"]].values.tolist() == [
        [3, 5, column, rule]
    ]
    assert len(result.events) == 5


def test_a_repeated_id_is_named(small_ged):
    def edit(f):
        f.loc[4, "id"] = f.loc[1, "id"]
        return f

    result = read_ucdp_ged(small_ged(edit), errors="reject")
    assert result.rejects["row"].tolist() == [1, 4]
    assert set(result.problems["rule"]) == {"duplicate_id"}


def test_mapping_does_not_mutate_its_input(syria_raw):
    raw = syria_raw.head(20).copy()
    before = raw.copy()
    ucdp_to_events(raw)
    pd.testing.assert_frame_equal(raw, before)


def test_actor_and_target_follow_the_classified_direction():
    raw = pd.DataFrame(
        [
            dict.fromkeys(GED_SYRIA_COLUMNS, "")
            | {
                "id": "1",
                "side_a": "Government of Syria",
                "side_b": "IS",
                "source_headline": "IS ambush kills 9 soldiers near Palmyra",
                "deaths_a": "9",
                "deaths_b": "0",
                "deaths_civilians": "0",
                "date_prec": "1",
                "date_start": "2016-03-01",
                "date_end": "2016-03-01",
            }
        ]
    )
    got = ucdp_to_events(raw).events.iloc[0]
    assert (got["event_type"], got["actor"], got["target"]) == (
        "attack",
        "IS",
        "Government of Syria",
    )
    assert re.fullmatch(r"ucdp-1", got["event_id"])


def test_rows_with_the_wrong_number_of_fields_are_rejected_not_read(small_ged):
    path = small_ged()
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] += ",extra"  # row 1
    lines[5] = lines[5].rsplit(",", 2)[0]  # row 4
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_ucdp_ged(path, errors="reject")
    assert len(result.events) + len(result.rejects) == 6
    assert result.rejects["row"].tolist() == [1, 4]
    assert result.rejects["line"].tolist() == [3, 6]
    field_count = result.problems[result.problems["rule"] == "field_count"]
    assert field_count["row"].tolist() == [1, 4]
    with pytest.raises(EventValidationError) as info:
        read_ucdp_ged(path)
    message = str(info.value)
    assert "ged.csv, line 3, row 1" in message
    assert "[field_count] a row must have as many fields as the header" in message
