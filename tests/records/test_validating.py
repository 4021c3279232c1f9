"""Each validation rule: the row is rejected and the message names file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.records.loading import load_events
from analysis.records.validating import RULES, EventValidationError, validate_events


def good_rows(n: int = 2) -> dict[str, list[str]]:
    return {
        "event_id": [f"e{i}" for i in range(n)],
        "event_type": ["attack"] * n,
        "date_start": ["2024-10-02"] * n,
        "date_end": ["2024-10-03"] * n,
        "count": ["1"] * n,
        "count_low": ["1"] * n,
        "count_high": ["1"] * n,
    }


def with_value(column: str, value: str, row: int = 1) -> pd.DataFrame:
    data = good_rows(3)
    data.setdefault(column, [""] * 3)
    data[column][row] = value
    return pd.DataFrame(data)


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("date_start", "2024-02-30", "date_unparseable"),
        ("date_end", "yesterday", "date_unparseable"),
        ("date_end", "2024-10-01", "date_order"),
        ("count", "-3", "negative"),
        ("count", "thirty", "number_unparseable"),
        ("count_low", "5", "bounds_order"),
        ("event_type", "raid", "event_type"),
        ("date_precision", "fortnight", "date_precision"),
        ("latitude", "134.5", "latitude_range"),
        ("longitude", "-200", "longitude_range"),
        ("is_aggregate", "maybe", "boolean_unparseable"),
        ("evidence_start", "3.5", "integer"),
        ("published", "06/10/2024", "date_unparseable"),
        ("event_type", "", "required_value"),
        ("count", "inf", "not_finite"),
        ("count_low", "inf", "not_finite"),
        ("count_high", "-inf", "not_finite"),
        ("killed", "1e400", "not_finite"),
        ("count", "1e10", "above_maximum"),
        ("count_high", "2000000000", "above_maximum"),
        ("killed", "1000000000000", "above_maximum"),
        ("evidence_start", "1e30", "above_maximum"),
        ("date_end", "2023", "date_order"),  # the year 2023 ends before 2024-10-02
        ("date_start", "2262-01-01", "date_range"),
    ],
)
def test_each_rule_rejects_the_row_and_names_row_column_value(column, value, rule):
    raw = with_value(column, value)
    result = validate_events(raw, source="events.csv")
    assert len(result.events) == 2
    assert result.rejects["row"].tolist() == [1]
    # bounds_order is reported on `count`, showing the whole triple as the value
    reported = "count" if rule == "bounds_order" else column
    found = result.problems.set_index(["row", "column", "rule"])
    assert (1, reported, rule) in found.index
    assert value in found.loc[(1, reported, rule), "value"]
    column = reported
    with pytest.raises(EventValidationError) as info:
        load_events(raw)
    message = str(info.value)
    assert "row 1" in message
    assert f"column {column!r}" in message
    assert f"[{rule}]" in message
    assert RULES[rule] in message


def test_an_infinite_count_high_is_an_open_bound_not_a_problem():
    raw = with_value("count_high", "inf")
    result = validate_events(raw)
    assert result.problems.empty
    assert result.events.loc[1, "count_high"] == float("inf")


def test_an_infinite_count_no_longer_erases_the_other_records():
    # A count of inf used to pass and turn every later day of its series into NaN.
    from analysis.counting import count_events

    raw = pd.DataFrame(good_rows(3))
    raw["date_start"] = ["2024-10-01", "2024-10-02", "2024-10-03"]
    raw["date_end"] = raw["date_start"]
    raw.loc[0, ["count", "count_low", "count_high"]] = ["inf", "inf", "inf"]
    events, rejects, _ = load_events(raw, errors="reject")
    assert rejects["row"].tolist() == [0]
    assert count_events(events, event_types=["attack"])["count"].tolist() == [1.0, 1.0]


def test_count_and_low_both_missing_is_rejected():
    raw = with_value("count", "")
    raw.loc[1, "count_low"] = ""
    result = validate_events(raw)
    assert result.problems["rule"].tolist() == ["count_missing"]
    assert result.problems["column"].tolist() == ["count"]
    assert result.problems["row"].tolist() == [1]
    with pytest.raises(
        EventValidationError,
        match=r"row 1, column 'count', value 'count=, count_low=': \[count_missing\]",
    ):
        load_events(raw)


def test_open_count_with_low_bound_is_valid():
    raw = with_value("count", "")
    raw.loc[1, ["count_low", "count_high"]] = ["20", ""]
    result = validate_events(raw)
    assert result.problems.empty
    assert result.events.loc[1, "count_low"] == 20


def test_duplicate_ids_reject_every_copy():
    raw = pd.DataFrame(good_rows(3))
    raw.loc[2, "event_id"] = "e0"
    result = validate_events(raw, source="x.csv")
    assert sorted(result.rejects["row"]) == [0, 2]
    assert set(result.problems["rule"]) == {"duplicate_id"}
    assert set(result.problems["column"]) == {"event_id"}
    with pytest.raises(
        EventValidationError,
        match=r"row 0, column 'event_id', value 'e0': \[duplicate_id\][\s\S]*"
        r"row 2, column 'event_id', value 'e0': \[duplicate_id\]",
    ) as info:
        load_events(raw)
    assert "row 1," not in str(info.value)


def test_missing_required_columns_raise_naming_each_column():
    raw = pd.DataFrame(good_rows()).drop(columns=["date_end", "count"])
    with pytest.raises(EventValidationError) as info:
        validate_events(raw, source="events.csv")
    message = str(info.value)
    assert "events.csv" in message
    assert "column 'date_end'" in message
    assert "column 'count'" in message
    assert "[missing_column]" in message


def test_every_bad_row_is_listed_not_just_the_first():
    raw = pd.DataFrame(good_rows(5))
    raw.loc[[1, 3, 4], "date_start"] = "garbage"
    with pytest.raises(EventValidationError) as info:
        load_events(raw)
    assert info.value.problems["row"].tolist() == [1, 3, 4]
    for row in (1, 3, 4):
        assert f"row {row}," in str(info.value)


def test_valid_plus_rejected_rows_add_up_to_the_input():
    raw = pd.DataFrame(good_rows(6))
    raw.loc[0, "count"] = "-1"
    raw.loc[2, "event_type"] = "bombing"
    raw.loc[2, "date_end"] = "2024-01-01"
    raw.loc[5, "latitude"] = "95"
    result = validate_events(raw)
    assert len(result.events) + len(result.rejects) == len(raw)
    assert result.rejects["row"].tolist() == [0, 2, 5]
    assert "event_type: event_type" in result.rejects.loc[1, "problems"]
    assert "date_end: date_order" in result.rejects.loc[1, "problems"]


def test_input_frame_is_not_modified():
    raw = with_value("count", "x")
    before = raw.copy(deep=True)
    validate_events(raw)
    pd.testing.assert_frame_equal(raw, before)


def test_typed_columns_and_canonical_order():
    raw = pd.DataFrame(good_rows(1)).assign(extra_column=["kept"])
    events = validate_events(raw).events
    assert list(events.columns[:5]) == [
        "event_id",
        "event_type",
        "is_aggregate",
        "date_start",
        "date_end",
    ]
    assert events.columns[-1] == "extra_column"
    assert str(events["date_start"].dtype) == "datetime64[ns]"
    assert isinstance(events["event_type"].dtype, pd.CategoricalDtype)
    assert events["count"].dtype == "float64"
    assert not events.loc[0, "is_aggregate"]


def test_typed_input_from_parquet_like_frames_is_accepted():
    raw = pd.DataFrame(
        {
            "event_id": ["a"],
            "event_type": ["sweep"],
            "date_start": pd.to_datetime(["2024-10-02"]),
            "date_end": pd.to_datetime(["2024-10-02"]),
            "count": [1],
            "is_aggregate": [False],
        }
    )
    assert validate_events(raw).problems.empty
