"""The accounting rule on files with junk in every column: valid + rejected == input rows.

The files are SYNTHETIC, generated here: every cell is a plausible value, a
value that breaks a rule (dates from 1500 to 2400, with and without time
zones; infinite, huge and negative numbers) or arbitrary text with commas,
quotes, line breaks and bare carriage returns.  Whatever the cells hold, every
input row is either a record or a rejected row, and the raise mode raises
nothing but :class:`~analysis.records.validating.EventValidationError`.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.records.loading import load_events
from analysis.records.validating import EventValidationError

COLUMNS = [
    "event_id",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "count",
    "count_low",
    "count_high",
    "admin1",
    "latitude",
    "killed",
    "is_aggregate",
    "published",
    "evidence_start",
    "notes",
]

junk = st.text(alphabet=st.sampled_from(list("abc 019-+.:,;\"'\t\n\rT\u00e9\u0639")), max_size=12)
years = st.integers(1500, 2400)
dates = st.one_of(
    st.builds(lambda y: f"{y:04d}", years),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", years, st.integers(0, 13)),
    st.builds(
        lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", years, st.integers(1, 12), st.integers(1, 31)
    ),
    st.builds(
        lambda y, m, d, h, zone: f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:30{zone}",
        years,
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.sampled_from(["", "Z", "+03:00", "-05:00", "+0530"]),
    ),
)
numbers = st.one_of(
    st.integers(-5, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["inf", "-inf", "nan", "1e400", "1e9", "1000000001", "2.5", ""]),
)
CELLS = {
    "event_type": st.sampled_from(["attack", "sweep", "airstrike", "other", "raid", ""]),
    "date_start": dates,
    "date_end": dates,
    "published": dates,
    "date_precision": st.sampled_from(["", "day", "days", "week", "month", "year", "?"]),
    "count": numbers,
    "count_low": numbers,
    "count_high": numbers,
    "latitude": numbers,
    "killed": numbers,
    "evidence_start": numbers,
    "is_aggregate": st.sampled_from(["", "true", "false", "maybe", "1"]),
}


@st.composite
def rows(draw) -> list[list[str]]:
    n = draw(st.integers(1, 12))
    out = []
    for i in range(n):
        row = []
        for col in COLUMNS:
            if col == "event_id":
                row.append(draw(st.sampled_from([f"e{i}", "e0", ""])))
                continue
            cell = CELLS.get(col, junk)
            row.append(draw(st.one_of(cell, junk) if col in CELLS else cell))
        out.append(row)
    return out


def write(rows: list[list[str]], writer: str, newline: str) -> bytes:
    if writer == "pandas":  # pandas leaves a bare \r unquoted
        text = pd.DataFrame(rows, columns=COLUMNS).to_csv(index=False, lineterminator=newline)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=newline).writerows([COLUMNS, *rows])
        text = buffer.getvalue()
    return text.encode("utf-8")


@settings(max_examples=40)
@given(rows(), st.sampled_from(["csv", "pandas"]), st.sampled_from(["\n", "\r\n"]))
def test_every_input_row_is_a_record_or_a_rejected_row(tmp_path_factory, data, writer, newline):
    path = tmp_path_factory.mktemp("junk") / "events.csv"
    path.write_bytes(write(data, writer, newline))
    events, rejects, problems = load_events(path, errors="reject")
    assert len(events) + len(rejects) == len(data)
    assert set(rejects["row"]) == set(problems["row"].dropna().astype(int))
    assert rejects["line"].notna().all()
    if rejects.empty:
        assert len(load_events(path)) == len(data)
    else:  # the raise mode raises the documented error, naming the file, and nothing else
        with pytest.raises(EventValidationError) as info:
            load_events(path)
        assert len(info.value.problems) == len(problems)
        assert str(path) in str(info.value)
    # The same strings as a frame (no file, no lines) account for every row too.
    frame = pd.DataFrame(data, columns=COLUMNS)
    events, rejects, _ = load_events(frame, errors="reject")
    assert len(events) + len(rejects) == len(data)
