"""Published totals: loading them, and counts implied by running totals."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.config import BADIA_2024_TOTALS
from analysis.sources.totals import TotalsError, implied_counts, load_reported_totals


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return load_reported_totals()


def test_every_row_is_loaded_with_typed_values(totals):
    raw = pd.read_csv(BADIA_2024_TOTALS, dtype=str, keep_default_na=False)
    assert len(totals) == len(raw) == 74
    assert totals["period_start"].dtype.kind == "M"
    assert totals["value"].tolist() == raw["value"].astype(float).tolist()
    assert totals["line"].tolist() == list(range(2, 76))


def test_sohr_operations_intervals_match_hand_computation(totals):
    """Worked by hand from SOHR's running totals of ISIS operations in 2024
    (as-of date, total): Jan 31 ~23, Feb 15 ~41, Mar 6 ~68, Mar 20 ~82, Apr 19 117,
    Jun 15 ~134, Jun 22 ~140, Jun 30 ~155, Aug 17 174, Nov 10 ~208 (~ = approx)."""
    got = implied_counts(totals, source="SOHR", metric="operations")
    expected = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(
                [
                    "2024-01-01",
                    "2024-02-01",
                    "2024-02-16",
                    "2024-03-07",
                    "2024-03-21",
                    "2024-04-20",
                    "2024-06-16",
                    "2024-06-23",
                    "2024-07-01",
                    "2024-08-18",
                ]
            ).astype("datetime64[ns]"),
            "interval_end": pd.to_datetime(
                [
                    "2024-01-31",
                    "2024-02-15",
                    "2024-03-06",
                    "2024-03-20",
                    "2024-04-19",
                    "2024-06-15",
                    "2024-06-22",
                    "2024-06-30",
                    "2024-08-17",
                    "2024-11-10",
                ]
            ).astype("datetime64[ns]"),
            # Feb 16-29 is 14 days in 2024 + Mar 1-6; Apr 20-30 11 + May 31 + Jun 15; ...
            "days": [31, 15, 20, 14, 30, 57, 7, 8, 48, 85],
            "count": [23.0, 18, 27, 14, 35, 17, 6, 15, 19, 34],
        }
    )
    pd.testing.assert_frame_equal(got[list(expected.columns)], expected)
    assert got["count"].sum() == 208  # the last running total
    pd.testing.assert_series_equal(
        got["rate"], expected["count"] / expected["days"], check_names=False
    )


def test_approximate_as_of_dates_widen_the_rate(totals):
    got = implied_counts(totals, source="SOHR", metric="operations", approx_days=3)
    first, apr, jun = got.iloc[0], got.iloc[4], got.iloc[6]
    # Jan 1 (exact origin) .. ~Jan 31: 31 days +/- 3
    assert (first["days_min"], first["days_max"]) == (28, 34)
    assert first["rate_low"] == pytest.approx(23 / 34)
    assert first["rate_high"] == pytest.approx(23 / 28)
    # ~Mar 20 .. Apr 19 (exact): only the start moves
    assert (apr["days_min"], apr["days_max"]) == (27, 33)
    # ~Jun 15 .. ~Jun 22: both ends move; the interval cannot shrink below a day
    assert (jun["days_min"], jun["days_max"]) == (1, 13)
    assert jun["rate_high"] == 6.0
    exact = implied_counts(totals, source="SOHR", metric="operations", approx_days=0)
    assert (exact["rate_low"] == exact["rate"]).all()
    assert (exact["rate_high"] == exact["rate"]).all()


def test_qualified_totals_bound_the_count(totals):
    # 'more than 350' government-side dead by May 21, then exactly 404 by Aug 17
    got = implied_counts(totals, source="SOHR", metric="killed_government_side")
    assert got["count"].tolist() == [351.0, 53.0]
    assert got["count_low"].tolist() == [351.0, 0.0]
    assert got["count_high"].tolist() == [float("inf"), 53.0]
    assert got["days"].tolist() == [142, 88]


def test_about_totals_have_unknown_bounds(totals):
    got = implied_counts(totals, source="Al-Araby Al-Jadeed", metric="sweep_campaigns")
    assert got["count"].tolist() == [17.0]
    assert got[["count_low", "count_high"]].isna().all(axis=None)


def test_area_breakdowns_are_their_own_series(totals):
    homs = implied_counts(totals, source="SOHR", metric="operations", area="Homs")
    assert homs["count"].tolist() == [51.0]
    assert homs["interval_end"].tolist() == [pd.Timestamp("2024-04-19")]


def test_sources_and_metrics_are_never_mixed(totals):
    with pytest.raises(TotalsError, match=r"mix metrics .*never combined"):
        implied_counts(totals, source="SOHR")
    # two sources under one metric name still count different things
    relabelled = totals.assign(metric=totals["metric"].replace({"attacks": "operations"}))
    with pytest.raises(TotalsError, match=r"mix sources \['Al Mayadeen English', 'SOHR'\]"):
        implied_counts(relabelled, metric="operations")
    with pytest.raises(TotalsError, match="available"):
        implied_counts(totals, source="CEP", metric="attacks")  # CEP has no running totals


def test_running_totals_from_different_origins_are_refused(totals):
    rows = totals[
        (totals["source"] == "SOHR")
        & (totals["metric"] == "operations")
        & (totals["area"] == "")
        & (totals["kind"] == "cumulative")
    ].copy()
    rows.loc[rows.index[0], "period_start"] = pd.Timestamp("2023-12-01")
    with pytest.raises(TotalsError, match="different origins"):
        implied_counts(rows)


def test_conflicting_totals_for_one_day_are_refused(totals):
    rows = totals[
        (totals["source"] == "SOHR")
        & (totals["metric"] == "operations")
        & (totals["area"] == "")
        & (totals["kind"] == "cumulative")
    ]
    twin = rows.iloc[[0]].assign(value=24.0)
    with pytest.raises(TotalsError, match="two different totals as of 2024-01-31"):
        implied_counts(pd.concat([rows, twin]))


def test_a_falling_total_is_kept_and_flagged(totals):
    rows = totals[
        (totals["source"] == "SOHR")
        & (totals["metric"] == "operations")
        & (totals["area"] == "")
        & (totals["kind"] == "cumulative")
    ].copy()
    rows.loc[rows.index[1], "value"] = 20.0  # below the previous 23
    got = implied_counts(rows)
    assert len(got) == len(rows)
    assert got.loc[1, "count"] == -3
    assert "fell" in got.loc[1, "note"]


def test_implied_counts_does_not_mutate_its_input(totals):
    before = totals.copy()
    implied_counts(totals, source="SOHR", metric="killed")
    pd.testing.assert_frame_equal(totals, before)


def test_negative_approx_days_is_refused(totals):
    with pytest.raises(ValueError, match="approx_days"):
        implied_counts(totals, source="SOHR", metric="operations", approx_days=-1)


def _write(tmp_path, edit):
    raw = pd.read_csv(BADIA_2024_TOTALS, dtype=str, keep_default_na=False)
    path = tmp_path / "totals.csv"
    edit(raw).to_csv(path, index=False)
    return path


def test_a_missing_column_is_named(tmp_path):
    path = _write(tmp_path, lambda r: r.drop(columns=["end_precision"]))
    with pytest.raises(TotalsError, match=r"missing column.*end_precision"):
        load_reported_totals(path)


def test_bad_values_are_all_named_with_line_and_rule(tmp_path):
    def edit(r):
        r.loc[3, "period_end"] = "2024-02-30"
        r.loc[5, "value"] = "many"
        r.loc[7, "kind"] = "running"
        return r

    with pytest.raises(TotalsError) as info:
        load_reported_totals(_write(tmp_path, edit))
    message = str(info.value)
    assert "3 problem(s)" in message
    assert "line 5, row 3, column 'period_end', value '2024-02-30'" in message
    assert "line 7, row 5, column 'value', value 'many'" in message
    assert "column 'kind', value 'running': must be one of period, cumulative" in message


def test_a_file_of_another_layout_is_refused():
    from analysis.config import GAZETTEER

    with pytest.raises(TotalsError, match="missing column"):
        load_reported_totals(GAZETTEER)


def test_implied_per_period_spreads_each_interval_over_its_days(totals):
    """Worked by hand: SOHR's 18 operations of 1-15 Feb (15 days) and 27 of
    16 Feb-6 Mar (20 days, 1.35 a day) put 18 + 14 x 1.35 = 36.9 in February
    and 6 x 1.35 = 8.1 plus 14 x 1.0 (7-20 Mar, 14 in 14 days) and 11 x 35/30
    (21-31 Mar) in March."""
    from analysis.sources.totals import implied_per_period

    sohr = implied_counts(totals, source="SOHR", metric="operations")
    monthly = implied_per_period(sohr).set_index("period")
    assert monthly.loc["2024-02-01", "count"] == pytest.approx(18 + 14 * 1.35)
    assert monthly.loc["2024-03-01", "count"] == pytest.approx(6 * 1.35 + 14 + 11 * 35 / 30)
    assert monthly["count"].sum() == pytest.approx(sohr["count"].sum())
    # the range comes from the approximate dates: January's end is approximate
    # (31 days, 28..34), so 23 / 34 .. 23 / 28 a day
    assert monthly.loc["2024-01-01", "count_low"] == pytest.approx(31 * 23 / 34)
    assert monthly.loc["2024-01-01", "count_high"] == pytest.approx(31 * 23 / 28)
    assert (monthly["count_low"] <= monthly["count"]).all()
    assert (monthly["count"] <= monthly["count_high"]).all()
    # the intervals end on 10 November: November is only partly covered
    assert monthly.loc["2024-11-01", ["days", "days_covered"]].tolist() == [30, 10]


def test_implied_per_period_weeks_and_bad_freq(totals):
    from analysis.sources.totals import implied_per_period

    sohr = implied_counts(totals, source="SOHR", metric="operations")
    weekly = implied_per_period(sohr, freq="W-FRI")
    assert (weekly["period"].dt.day_of_week == 5).all()  # ACLED weeks start on Saturday
    assert weekly["count"].sum() == pytest.approx(sohr["count"].sum())
    with pytest.raises(ValueError, match="freq '2W' is not supported"):
        implied_per_period(sohr, freq="2W")
    with pytest.raises(ValueError, match="freq 'ME' is not supported"):  # periods start-labelled
        implied_per_period(sohr, freq="ME")
    pd.testing.assert_frame_equal(implied_per_period(sohr, freq="M"), implied_per_period(sohr))


def test_a_row_with_the_wrong_number_of_fields_is_named(tmp_path):
    path = _write(tmp_path, lambda r: r)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] += ",extra"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TotalsError) as info:
        load_reported_totals(path)
    message = str(info.value)
    assert "1 problem(s)" in message
    assert "totals.csv, line 5, row 3, value" in message
    assert "a row must have as many fields as the header" in message
