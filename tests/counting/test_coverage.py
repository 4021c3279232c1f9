"""count_events(coverage=...): periods outside are no data, records outside are reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis as an
from analysis.counting import count_events, count_report
from analysis.sources.provenance import Coverage

EVENTS = pd.DataFrame(
    {
        "event_type": ["attack"] * 4,
        "date_start": pd.to_datetime(["2023-11-10", "2023-12-30", "2024-02-10", "2024-06-01"]),
        "date_end": pd.to_datetime(["2023-11-10", "2024-01-02", "2024-02-10", "2024-06-01"]),
        "count": [1.0, 4.0, 1.0, 1.0],
    }
)
COV = Coverage(dt.date(2024, 1, 1), dt.date(2024, 3, 31), "test", Path("gathered.csv"))


def test_periods_outside_the_coverage_are_absent_not_zero():
    monthly = count_events(EVENTS, freq="MS", coverage=COV, event_types=["attack"])
    assert monthly["period"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03"]
    assert monthly["count"].tolist() == [2.0, 1.0, 0.0]  # March: covered, nothing found
    report = count_report(monthly)
    assert (report.records_in, report.records_counted, report.outside_window) == (4, 2, 2)
    assert report.partly_outside == 1
    assert report.count_outside_window == pytest.approx(1 + 2 + 1)
    assert report.coverage == "gathered.csv"
    assert "as declared for gathered.csv" in report.notes[-1]


def test_a_pair_of_dates_is_a_coverage_too():
    pair = count_events(EVENTS, freq="MS", coverage=("2024-01-01", "2024-03-31"))
    declared = count_events(EVENTS, freq="MS", coverage=COV)
    pd.testing.assert_frame_equal(pair, declared)
    assert count_report(pair).coverage is None


def test_start_and_end_may_narrow_the_coverage_but_not_widen_it():
    narrowed = count_events(EVENTS, freq="MS", coverage=COV, start="2024-02-01")
    assert narrowed["period"].min() == pd.Timestamp("2024-02-01")
    assert count_report(narrowed).end == pd.Timestamp("2024-03-31")
    for kwargs in ({"start": "2023-12-01"}, {"end": "2024-04-30"}):
        with pytest.raises(ValueError, match=r"outside the coverage 2024-01-01..2024-03-31"):
            count_events(EVENTS, coverage=COV, **kwargs)


def test_a_coverage_with_gaps_is_refused():
    gappy = Coverage(COV.start, COV.end, "", Path("totals.csv"), "source=CEP", ("2024-02",))
    with pytest.raises(ValueError, match=r"has gaps \['2024-02'\]; count each covered stretch"):
        count_events(EVENTS, coverage=gappy)


@pytest.mark.parametrize("bad", ["2024", ("2024-01-01",), 7])
def test_a_coverage_of_another_kind_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="coverage must be a Coverage or a"):
        count_events(EVENTS, coverage=bad)


def test_the_2024_record_counted_on_its_declared_coverage():
    events = an.load_badia_2024()
    cov = an.load_badia_2024_coverage()
    monthly = count_events(events, freq="MS", coverage=cov)
    months = monthly["period"].drop_duplicates()
    assert months.dt.year.unique().tolist() == [2024]
    assert len(months) == 12
    report = count_report(monthly)
    assert report.outside_window == int((events["date_end"] < "2024-01-01").sum()) == 4
    assert report.records_counted + report.outside_window == report.records_in
    # the count inside plus what fell outside is every record's count
    assert monthly["count"].sum() + report.count_outside_window == pytest.approx(
        count_events(events, freq="MS")["count"].sum()
    )
    assert not np.isnan(monthly["count"]).any()
