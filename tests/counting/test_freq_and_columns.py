"""What pandas users type: M, Q, Y and the end-labelled ME, QE, YE; hints for columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.counting import FREQ_ALIASES, count_events

EVENTS = pd.DataFrame(
    {
        "event_type": ["attack", "attack", "sweep"],
        "date_start": pd.to_datetime(["2023-12-20", "2024-02-27", "2024-05-01"]),
        "date_end": pd.to_datetime(["2024-01-10", "2024-03-03", "2024-05-01"]),
        "count": [22.0, 6.0, 1.0],
        "admin1": ["Homs", "Raqqa", "Homs"],
    }
)


@pytest.mark.parametrize(("alias", "same_as"), [("M", "MS"), ("Q", "QS"), ("Y", "YS")])
def test_m_q_y_are_the_start_labelled_months_quarters_years(alias, same_as):
    got = count_events(EVENTS, freq=alias, by="admin1")
    pd.testing.assert_frame_equal(got, count_events(EVENTS, freq=same_as, by="admin1"))
    assert (got["period"].dt.day == 1).all()


@pytest.mark.parametrize(
    ("alias", "same_as", "labels"),
    [
        ("ME", "MS", ["2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]),
        ("QE", "QS", ["2023-12-31", "2024-03-31", "2024-06-30"]),
        ("YE", "YS", ["2023-12-31", "2024-12-31"]),
    ],
)
def test_me_qe_ye_are_the_same_periods_labelled_by_their_last_day(alias, same_as, labels):
    got = count_events(EVENTS, freq=alias, by="admin1")
    start_labelled = count_events(EVENTS, freq=same_as, by="admin1")
    pd.testing.assert_frame_equal(got.drop(columns="period"), start_labelled.drop(columns="period"))
    assert got["period"].drop_duplicates().dt.strftime("%Y-%m-%d").tolist()[: len(labels)] == (
        labels
    )
    expected = start_labelled["period"].dt.to_period(FREQ_ALIASES[alias]).dt.end_time
    np.testing.assert_array_equal(got["period"].to_numpy(), expected.dt.normalize().to_numpy())


def test_an_end_label_is_the_calendar_end_and_days_say_what_is_covered():
    # The coverage ends on 15 March: March is still labelled 31 March, with 15 days.
    got = count_events(EVENTS, freq="ME", start="2024-01-01", end="2024-03-15")
    attack = got[got["event_type"] == "attack"]
    assert attack["period"].dt.strftime("%m-%d").tolist() == ["01-31", "02-29", "03-31"]
    assert attack["days"].tolist() == [31, 29, 15]
    assert attack["count"].tolist() == pytest.approx([10.0, 3.0, 3.0])


def test_the_week_and_day_aliases_are_unchanged():
    for freq in ("D", "W", "W-FRI"):
        counts = count_events(EVENTS, freq=freq)
        assert counts["count"].sum() == pytest.approx(29.0)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        ("governorate", "admin1"),
        ("Province", "admin1"),
        ("region", "admin1"),
        ("type", "event_type"),
        ("date", "date_start"),
        ("admin_1", "admin1"),
        ("evnt_type", "event_type"),
    ],
)
def test_a_missing_by_column_names_the_close_one(wrong, hint):
    with pytest.raises(
        ValueError, match=rf"lack the column\(s\) \['{wrong}'\]; did you mean '{hint}'\?"
    ):
        count_events(EVENTS, by=wrong)


def test_no_hint_when_nothing_is_close():
    with pytest.raises(ValueError, match=r"lack the column\(s\) \['weather'\]$"):
        count_events(EVENTS, by="weather")
    # a synonym whose column the records lack is no hint either
    with pytest.raises(ValueError, match=r"\['governorate'\]$"):
        count_events(EVENTS.drop(columns="admin1"), by="governorate")
