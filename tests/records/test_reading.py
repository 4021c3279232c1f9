"""Files as users produce them: each one is read, or refused with its name and why."""

from __future__ import annotations

import csv
import gzip
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.records import reading
from analysis.records.loading import load_events
from analysis.records.reading import FileFormatError, read_raw_csv
from analysis.records.validating import EventValidationError

HEADER = "event_id,event_type,date_start,date_end,count\n"
ROW = "a1,attack,2024-10-02,2024-10-02,1\n"
ROW2 = "a2,sweep,2024-10-03,2024-10-03,1\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_an_empty_file_names_the_file(tmp_path):
    for text in ("", "\n\n  \n"):
        path = write(tmp_path, "empty.csv", text)
        with pytest.raises(FileFormatError, match=r"empty\.csv: the file is empty"):
            load_events(path)


def test_a_truncated_gzip_names_the_file(tmp_path):
    whole = gzip.compress((HEADER + ROW * 200).encode())
    path = tmp_path / "events.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(
        FileFormatError, match=r"events\.csv\.gz: not a readable gzip file: .*trunc"
    ):
        load_events(path)


def test_a_gz_that_is_not_gzip_names_the_file(tmp_path):
    path = write(tmp_path, "events.csv.gz", HEADER + ROW)
    with pytest.raises(FileFormatError, match=r"events\.csv\.gz: not a readable gzip file"):
        load_events(path)


def test_the_ucdp_reader_names_a_truncated_gzip_too(tmp_path):
    from analysis.sources.ucdp import read_ucdp_ged

    whole = gzip.compress(b"id,year\n" + b"1,2019\n" * 500)
    path = tmp_path / "ged.csv.gz"
    path.write_bytes(whole[:-20])
    with pytest.raises(FileFormatError, match=r"ged\.csv\.gz: not a readable gzip file"):
        read_ucdp_ged(path)


def test_an_unbalanced_quote_names_the_file_and_the_line(tmp_path):
    path = write(
        tmp_path, "events.csv", HEADER + ROW + 'a2,attack,2024-10-03,2024-10-03,"1\n' + ROW2
    )
    with pytest.raises(
        FileFormatError, match=r"events\.csv, line 3: a quoted field .* never closed"
    ):
        load_events(path)


def test_a_bare_carriage_return_in_a_field_loads_as_written(tmp_path):
    frame = pd.DataFrame(
        {
            "event_id": ["a1", "a2"],
            "event_type": ["attack", "attack"],
            "date_start": ["2024-10-02", "2024-10-03"],
            "date_end": ["2024-10-02", "2024-10-03"],
            "count": ["1", "2"],
            "notes": ["first line\rsecond line", "plain"],
        }
    )
    path = tmp_path / "events.csv"
    frame.to_csv(path, index=False)  # pandas writes the \r unquoted
    assert b"line\rsecond" in path.read_bytes()
    events = load_events(path)
    assert events["event_id"].tolist() == ["a1", "a2"]
    assert events.loc[0, "notes"] == "first line\rsecond line"
    events, rejects, _ = load_events(path, errors="reject")
    assert len(events) == 2
    assert rejects.empty


def test_a_semicolon_file_is_diagnosed_not_listed_as_missing_columns(tmp_path):
    path = write(tmp_path, "excel.csv", HEADER.replace(",", ";") + ROW.replace(",", ";"))
    with pytest.raises(FileFormatError, match=r"excel\.csv, line 1: the delimiter looks like ;"):
        load_events(path)
    tabbed = write(tmp_path, "tabs.csv", HEADER.replace(",", "\t") + ROW.replace(",", "\t"))
    with pytest.raises(FileFormatError, match="the delimiter looks like a tab"):
        load_events(tabbed)


def test_a_duplicated_header_names_the_duplicates(tmp_path):
    path = write(tmp_path, "dup.csv", HEADER.replace("count", "count,count") + ROW[:-1] + ",2\n")
    with pytest.raises(FileFormatError, match=r"dup\.csv, line 1: .*\['count'\] more than once"):
        load_events(path)


def test_a_frame_with_a_duplicated_column_is_refused_naming_it():
    frame = pd.DataFrame([["a", "attack", "2024-10-02", "2024-10-02", "1", "2"]])
    frame.columns = ["event_id", "event_type", "date_start", "date_end", "count", "count"]
    with pytest.raises(EventValidationError, match=r"column 'count': \[duplicate_column\]"):
        load_events(frame)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_numbers_are_physical_lines_after_blank_lines_and_multiline_fields(tmp_path, newline):
    rows = [
        HEADER.strip(),
        ROW.strip(),
        "",  # a blank line mid-file
        "  ",
        'a2,attack,2024-10-03,2024-10-03,"1"',
        'a3,attack,2024-10-04,2024-10-04,"one',  # a field over two lines
        'line"',
        "a4,attack,2024-10-05,2024-10-01,1",  # line 8: date_end before date_start
    ]
    path = write(tmp_path, "events.csv", newline.join(rows) + newline)
    frame, lines = read_raw_csv(path)
    assert frame["event_id"].tolist() == ["a1", "a2", "a3", "a4"]
    assert list(lines) == [2, 5, 6, 8]
    with pytest.raises(EventValidationError) as info:
        load_events(path)
    assert f"{path}, line 8, row 3, column 'date_end'" in str(info.value)
    assert "line 6, row 2" in str(info.value)  # a3's count 'one\nline' is not a number


def test_rows_with_too_few_or_too_many_fields_are_rejected_rows(tmp_path):
    text = HEADER + ROW + "a2,attack,2024-10-03\n" + "a3,attack,2024-10-03,2024-10-03,1,7\n" + ROW2
    path = write(tmp_path, "events.csv", text.replace("a2,sweep", "a4,sweep"))
    events, rejects, problems = load_events(path, errors="reject")
    assert events["event_id"].tolist() == ["a1", "a4"]
    assert rejects["line"].tolist() == [3, 4]
    assert set(problems.loc[problems["rule"] == "field_count", "value"]) == {
        "3 fields",
        "6 fields",
    }
    with pytest.raises(
        EventValidationError, match=r"line 3, row 1, value '3 fields': \[field_count\]"
    ):
        load_events(path)


def test_trailing_empty_fields_are_not_a_problem(tmp_path):
    path = write(tmp_path, "events.csv", HEADER + ROW.strip() + ",,\n")
    assert load_events(path)["event_id"].tolist() == ["a1"]


def test_an_unreadable_parquet_file_names_the_file(tmp_path):
    path = write(tmp_path, "events.parquet", "this is not parquet")
    with pytest.raises(FileFormatError, match=r"events\.parquet: not a readable Parquet file"):
        load_events(path)


@pytest.mark.parametrize("suffix", [".csv.bz2", ".csv.xz", ".csv.zip"])
def test_other_compressions_read_like_plain_csv(tmp_path, suffix):
    plain = write(tmp_path, "events.csv", HEADER + ROW + ROW2)
    path = tmp_path / f"events{suffix}"
    pd.read_csv(plain, dtype=str).to_csv(path, index=False)
    pd.testing.assert_frame_equal(load_events(path), load_events(plain))
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(
        FileFormatError, match=rf"events{suffix.replace('.', r'[.]')}: not a readable"
    ):
        load_events(path)


cells = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t;')), max_size=6)


@given(
    st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.lists(st.integers(0, 9), max_size=3),
)
def test_the_array_scan_finds_the_records_the_csv_module_finds(rows, newline, blanks):
    # Two ways to find each record's line and number of fields: the array scan
    # for well-quoted files, the csv module for the rest.  Where the array scan
    # answers, it must give what the csv module gives.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["h1", "h2", "h3"], *rows])
    lines = buffer.getvalue().split(newline)
    for at in blanks:  # blank lines between records
        if 1 <= at < len(lines) and not lines[at - 1].count('"') % 2:
            lines.insert(at, "")
    text, _ = reading._protect_bare_cr(newline.join(lines))
    fast, exact = reading._scan_fast(text), reading._scan_records(text)
    if fast is not None:
        assert (fast.header, fast.header_line) == (exact.header, exact.header_line)
        assert fast.lines == exact.lines
        assert fast.fields == exact.fields


def test_a_quote_inside_an_unquoted_field_is_left_to_the_csv_module(tmp_path):
    text = HEADER + 'a1,attack,2024-10-02,2024-10-02,1\na2,at"tack,2024-10-02,2024-10-02,1\n'
    assert reading._scan_fast(text) is None
    path = write(tmp_path, "events.csv", text)
    _, rejects, _ = load_events(path, errors="reject")
    assert rejects["event_type"].tolist() == ['at"tack']
    assert rejects["line"].tolist() == [3]
