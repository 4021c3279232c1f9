"""Dates as users write them: a year or a month is a window, never a single day."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.records.dates import parse_dates
from analysis.records.loading import load_events
from analysis.records.validating import RULES, EventValidationError

HEADER = "event_id,event_type,date_start,date_end,date_precision,count\n"


def load_one(tmp_path, start: str, end: str, precision: str = "", errors: str = "raise"):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + f"a1,attack,{start},{end},{precision},1\n", encoding="utf-8")
    return load_events(path, errors=errors)


@pytest.mark.parametrize(
    ("start", "end", "window", "precision"),
    [
        ("2024", "2024", ("2024-01-01", "2024-12-31"), "year"),
        ("2024-10", "2024-10", ("2024-10-01", "2024-10-31"), "month"),
        ("2024-02", "2024-02", ("2024-02-01", "2024-02-29"), "month"),
        ("2023", "2024-03", ("2023-01-01", "2024-03-31"), "year"),
        ("2024-10", "2024-10-15", ("2024-10-01", "2024-10-15"), "month"),
        ("2024-10-03", "2024-12", ("2024-10-03", "2024-12-31"), "month"),
    ],
)
def test_a_year_or_a_month_becomes_its_window_and_precision(
    tmp_path, start, end, window, precision
):
    events = load_one(tmp_path, start, end)
    got = (str(events.loc[0, "date_start"].date()), str(events.loc[0, "date_end"].date()))
    assert got == window
    assert events.loc[0, "date_precision"] == precision


def test_a_year_window_spreads_over_the_whole_year_when_counted(tmp_path):
    from analysis.counting import count_events

    events = load_one(tmp_path, "2024", "2024")
    monthly = count_events(events, freq="MS", event_types=["attack"])
    assert len(monthly) == 12
    assert monthly["count"].sum() == pytest.approx(1.0)
    assert monthly["count"].iloc[0] == pytest.approx(31 / 366)


@pytest.mark.parametrize(("precision", "kept"), [("year", "year"), ("month", "month")])
def test_a_given_precision_as_coarse_or_coarser_is_kept(tmp_path, precision, kept):
    events = load_one(tmp_path, "2024-10", "2024-10", precision)
    assert events.loc[0, "date_precision"] == kept


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [("2024", "2024", "day"), ("2024", "2024", "month"), ("2024-10", "2024-10", "week")],
)
def test_a_given_precision_finer_than_the_dates_rejects_the_row(tmp_path, start, end, precision):
    events, _, problems = load_one(tmp_path, start, end, precision, errors="reject")
    assert events.empty
    assert problems["rule"].tolist() == ["precision_mismatch"]
    assert problems.loc[0, "value"] == f"date_precision={precision}, date_start={start}, " + (
        f"date_end={end}"
    )
    with pytest.raises(EventValidationError, match=r"line 2, row 0, column 'date_precision'"):
        load_one(tmp_path, start, end, precision)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("2300-01-01", "date_range"),
        ("0024-10-02", "date_range"),
        ("1500", "date_range"),
        ("2024-13", "date_unparseable"),
        ("2024-10-02T10:00+03:00", "date_timezone"),
        ("2024-10-02T07:00:00Z", "date_timezone"),
        ("2024-10-32", "date_unparseable"),
    ],
)
def test_a_bad_date_among_good_ones_is_a_rejected_row_never_a_crash(tmp_path, value, rule):
    path = tmp_path / "events.csv"
    rows = [
        "a1,attack,2024-10-01,2024-10-01,,1",
        f"a2,attack,{value},2024-10-03,,1",
        "a3,attack,2024-10-04,2024-10-04,,1",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    events, rejects, problems = load_events(path, errors="reject")
    assert events["event_id"].tolist() == ["a1", "a3"]
    assert rejects["event_id"].tolist() == ["a2"]
    assert rule in problems["rule"].tolist()
    with pytest.raises(EventValidationError) as info:
        load_events(path)
    message = str(info.value)
    assert f"{path}, line 3, row 1, column 'date_start', value {value!r}: [{rule}]" in message
    assert RULES[rule] in message


def test_a_year_or_month_in_published_is_a_problem_not_a_day():
    raw = pd.DataFrame(
        {
            "event_id": ["a"],
            "event_type": ["attack"],
            "date_start": ["2024-10-02"],
            "date_end": ["2024-10-02"],
            "count": ["1"],
            "published": ["2024-10"],
        }
    )
    _, _, problems = load_events(raw, errors="reject")
    assert problems[["column", "rule"]].values.tolist() == [["published", "date_partial"]]


def test_typed_dates_out_of_range_or_zoned_are_rejected_rows():
    raw = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "event_type": ["attack", "attack"],
            "date_start": pd.array(["2024-10-02", "2300-01-01"], dtype="datetime64[s]"),
            "date_end": pd.to_datetime(["2024-10-02", "2024-10-02"]).tz_localize("Asia/Damascus"),
            "count": [1.0, 1.0],
        }
    )
    _, rejects, problems = load_events(raw, errors="reject")
    assert rejects["row"].tolist() == [0, 1]
    assert set(zip(problems["row"], problems["rule"], strict=True)) == {
        (0, "date_timezone"),
        (1, "date_timezone"),
        (1, "date_range"),
    }


def test_parse_dates_keeps_a_time_of_day_to_its_day_and_says_how_each_was_written():
    parsed = parse_dates(pd.Series(["2024-10-02T23:59", " 2024 ", "2024-10", None]), window="end")
    assert [str(d.date()) for d in parsed.days[:3]] == ["2024-10-02", "2024-12-31", "2024-10-31"]
    assert parsed.forms.tolist()[:3] == ["day", "year", "month"]
    assert pd.isna(parsed.days.iloc[3])
    assert parsed.problems == {}
