"""python -m analysis count: the API's numbers, in a file or on stdout, the report on stderr."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import analysis as an
from analysis.config import BADIA_2024_RECORD, BADIA_2024_REPORTED_TOTALS, UCDP_DIR
from analysis.counting.cli import cli
from analysis.sources.acled import ACLED_COLUMNS

UCDP_SAMPLE = UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz"


def read_back(path) -> pd.DataFrame:
    """A counts CSV as pandas reads it, with the API's dtypes for comparison."""
    return pd.read_csv(path, parse_dates=["period"], keep_default_na=False, na_values=[""])


def as_written(counts: pd.DataFrame) -> pd.DataFrame:
    """The API's frame with the types a CSV can hold (categories as text)."""
    out = counts.copy()
    out["event_type"] = out["event_type"].astype(str)
    for column in out.columns:
        if out[column].dtype == "string" or isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def assert_same(written: pd.DataFrame, counts: pd.DataFrame) -> None:
    expected = as_written(counts)
    for column in written.columns:
        if written[column].dtype == object:
            written[column] = written[column].where(written[column].notna(), None)
    pd.testing.assert_frame_equal(
        written, expected, check_exact=True, check_dtype=False, check_datetimelike_compat=True
    )


def test_deaths_per_week_per_governorate_on_the_declared_coverage(tmp_path, capsys):
    out = tmp_path / "deaths.csv"
    argv = [str(BADIA_2024_RECORD), "--freq", "W-FRI", "--by", "admin1", "--value", "killed"]
    status = cli([*argv, "--coverage-from", str(BADIA_2024_RECORD), "--output", str(out)])
    assert status == 0
    counts = an.count_events(
        an.load_events(BADIA_2024_RECORD),
        freq="W-FRI",
        by="admin1",
        value="killed",
        coverage=an.read_coverage(BADIA_2024_RECORD),
    )
    assert_same(read_back(out), counts)
    captured = capsys.readouterr()
    assert captured.out == ""
    report = captured.err.splitlines()
    assert report[0] == "records_in: 133"
    assert "outside_window: 4" in report
    assert "records_no_killed: " + str(an.count_report(counts).records_no_count) in report
    assert any(line.startswith("note: coverage 2024-01-01..2024-12-31") for line in report)


@pytest.mark.parametrize("multi", ["split", "each", "joint"])
def test_stdout_csv_equals_the_api_for_every_option(tmp_path, capsys, multi):
    events = tmp_path / "events.csv"
    pd.DataFrame(
        {
            "event_id": ["a", "b", "c"],
            "event_type": ["attack", "airstrike", "attack"],
            "date_start": ["2024-01-01", "2024-01-05", "2024-02-10"],
            "date_end": ["2024-01-06", "2024-01-12", "2024-02-10"],
            "count": ["2", "", "1"],
            "count_low": ["", "31", ""],
            "count_high": ["", "", ""],
            "admin1": ["Homs;Raqqa", "Homs", "Deir ez-Zor"],
        }
    ).to_csv(events, index=False)
    argv = [str(events), "--freq", "ME", "--by", "admin1", "--multi", multi]
    argv += ["--allocate", "spread_integer", "--start", "2024-01-04", "--end", "2024-02-29"]
    assert cli(argv) == 0
    captured = capsys.readouterr()
    path = tmp_path / "stdout.csv"
    path.write_text(captured.out, encoding="utf-8")
    counts = an.count_events(
        an.load_events(events),
        freq="ME",
        by="admin1",
        multi=multi,
        allocate="spread_integer",
        start="2024-01-04",
        end="2024-02-29",
    )
    assert_same(read_back(path), counts)
    report = captured.err.splitlines()
    assert "partly_outside: 1" in report
    assert f"multi: {multi}" in report
    assert f"records_multi: {0 if multi == 'joint' else 1}" in report


def test_a_parquet_output_holds_the_api_frame(tmp_path):
    out = tmp_path / "counts.parquet"
    argv = [str(BADIA_2024_RECORD), "--freq", "MS", "--by", "admin1,actor", "-o", str(out)]
    assert cli(argv) == 0
    counts = an.count_events(an.load_badia_2024(), freq="MS", by=["admin1", "actor"])
    got = pd.read_parquet(out)
    pd.testing.assert_frame_equal(got, counts, check_exact=True, check_dtype=False)
    assert an.count_report(got) == an.count_report(counts)


def test_ucdp_files_count_as_the_api_does(tmp_path, capsys):
    out = tmp_path / "ucdp.csv"
    argv = [str(UCDP_SAMPLE), "--input-format", "ucdp", "--freq", "YE", "--value", "killed"]
    assert cli([*argv, "--by", "admin1", "--output", str(out)]) == 0
    counts = an.count_events(an.read_ucdp_ged(UCDP_SAMPLE), freq="YE", by="admin1", value="killed")
    assert_same(read_back(out), counts)
    assert capsys.readouterr().err.startswith("records_in: ")


def acled_export(path) -> None:
    """A SYNTHETIC ACLED export (made-up rows in ACLED's layout; not real events)."""
    rows = []
    for i, (day, admin1, kind, deaths) in enumerate(
        [
            ("2024-03-15", "Homs", "Air/drone strike", "3"),
            ("2024-03-16", "Deir ez-Zor", "Armed clash", "0"),
            ("2024-03-23", "Homs", "Air/drone strike", "5"),
        ]
    ):
        row = dict.fromkeys(ACLED_COLUMNS, "")
        row.update(
            event_id_cnty=f"SYNTH{i}",
            event_date=day,
            year="2024",
            time_precision="1",
            disorder_type="Political violence",
            event_type="Explosions/Remote violence" if "strike" in kind else "Battles",
            sub_event_type=kind,
            actor1="Military Forces of Russia (2000-)",
            country="Syria",
            admin1=admin1,
            location=admin1,
            latitude="34.5",
            longitude="38.3",
            geo_precision="1",
            source="Synthetic Source",
            notes="SYNTHETIC TEST ROW, not a real event.",
            fatalities=deaths,
            timestamp="1710000000",
        )
        rows.append(row)
    pd.DataFrame(rows).to_csv(path, index=False)


def test_acled_files_count_as_the_api_does(tmp_path, capsys):
    export = tmp_path / "acled.csv"
    acled_export(export)
    out = tmp_path / "weekly.csv"
    argv = [str(export), "--input-format", "acled", "--freq", "W-FRI", "--by", "admin1"]
    assert cli([*argv, "--value", "killed", "--output", str(out)]) == 0
    counts = an.count_events(an.read_acled(export), freq="W-FRI", by="admin1", value="killed")
    assert_same(read_back(out), counts)
    assert read_back(out)["killed"].sum() == 8.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--freq", "fortnight"], "freq 'fortnight' is not supported"),
        (["--by", "governorate"], "did you mean 'admin1'"),
        (["--output", "counts.xlsx"], "write a .csv or .parquet file"),
        (["--coverage-from", str(BADIA_2024_REPORTED_TOTALS)], "pick one with series="),
        (["--series", "source=CEP"], "give that too"),
        (["--start", "2023-06-01", "--coverage-from", str(BADIA_2024_RECORD)], "outside the"),
    ],
)
def test_bad_options_are_one_clear_line_on_stderr(capsys, argv, message):
    assert cli([str(BADIA_2024_RECORD), *argv]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert message in captured.err


def test_a_missing_file_is_named(tmp_path, capsys):
    assert cli([str(tmp_path / "nothing.csv")]) == 1
    assert "nothing.csv" in capsys.readouterr().err


def test_the_command_runs_from_the_shell(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "count", str(BADIA_2024_RECORD), "--freq", "QE"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    path = tmp_path / "quarters.csv"
    path.write_text(out.stdout, encoding="utf-8")
    assert_same(read_back(path), an.count_events(an.load_badia_2024(), freq="QE"))
    assert out.stderr.startswith("records_in: 133\n")
    listing = subprocess.run(
        [sys.executable, "-m", "analysis"], capture_output=True, text=True, check=False
    )
    assert "count" in listing.stdout
