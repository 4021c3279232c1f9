"""Loading CSV (with and without BOM, Arabic text, compressed) and Parquet."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from analysis.records.loading import load_events
from analysis.records.validating import EventValidationError

HEADER = "event_id,event_type,date_start,date_end,count,count_low,count_high,location,notes\n"
ROWS = (
    'a1,airstrike,2024-10-03,2024-10-06,31,31,,سبخة الكوم;جبل العمور,"ثمانية طائرات"\n'
    "a2,sweep,2024-10-02,2024-10-02,1,1,1,al-Rusafa,\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_or_without_bom_reads_arabic_text(tmp_path, bom):
    path = tmp_path / "events.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + (HEADER + ROWS).encode("utf-8"))
    events = load_events(path)
    assert events["event_id"].tolist() == ["a1", "a2"]
    assert events.loc[0, "location"] == "سبخة الكوم;جبل العمور"
    assert events.loc[0, "notes"] == "ثمانية طائرات"
    assert pd.isna(events.loc[0, "count_high"])


def test_gzipped_csv_and_parquet_give_the_same_records(tmp_path):
    csv = tmp_path / "events.csv"
    csv.write_text(HEADER + ROWS, encoding="utf-8")
    gz = tmp_path / "events.csv.gz"
    gz.write_bytes(gzip.compress((HEADER + ROWS).encode()))
    from_csv = load_events(csv)
    parquet = tmp_path / "events.parquet"
    from_csv.to_parquet(parquet)
    pd.testing.assert_frame_equal(load_events(gz), from_csv)
    pd.testing.assert_frame_equal(load_events(parquet), from_csv)


def test_error_names_the_file_line_of_a_row_after_a_multiline_field(tmp_path):
    path = tmp_path / "events.csv"
    bad = "a3,attack,2024-10-05,2024-10-04,1,1,1,,\n"
    multiline = 'a0,attack,2024-10-01,2024-10-01,1,1,1,,"two\nlines"\n'
    path.write_text(HEADER + multiline + ROWS + bad, encoding="utf-8")
    with pytest.raises(EventValidationError) as info:
        load_events(path)
    # header is line 1, a0 spans lines 2-3, a1 line 4, a2 line 5, a3 line 6
    assert f"{path}, line 6, row 3, column 'date_end'" in str(info.value)


def test_reject_mode_returns_valid_rows_and_rejects(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + ROWS + "a3,raid,2024-10-05,2024-10-05,1,1,1,,\n", encoding="utf-8")
    events, rejects, problems = load_events(path, errors="reject")
    assert len(events) + len(rejects) == 3
    assert rejects[["row", "line", "event_id"]].values.tolist() == [[2, 4, "a3"]]
    assert problems.loc[0, "file"] == str(path)


def test_non_utf8_file_is_a_clear_error(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((HEADER + ROWS).encode("utf-8").replace(b"al-Rusafa", b"al-Rus\xe1fa"))
    with pytest.raises(ValueError, match=r"events.csv: line \d+: byte .* is not valid UTF-8"):
        load_events(path)


def test_unsupported_suffix_and_unknown_errors_mode(tmp_path):
    path = tmp_path / "events.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="unsupported file type"):
        load_events(path)
    with pytest.raises(ValueError, match="errors must be"):
        load_events(pd.DataFrame(), errors="ignore")  # type: ignore[call-overload]
