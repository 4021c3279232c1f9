r"""Read CSV files of records as text, and finish the readers of outside data sets.

One CSV reader for every file the package reads (:func:`analysis.load_events`,
the UCDP GED and ACLED readers, the published totals): :func:`read_raw_csv`
returns every value exactly as written, as strings, with the physical line on
which each record starts.  What cannot be read names the file
(:class:`FileFormatError`): an empty file, a truncated or mislabelled
compressed file, a quote that is never closed, a header that names a column
twice or is separated by another delimiter.  A row with more or fewer fields
than the header is a problem of that row (rule ``field_count``), reported with
the others by :func:`finish` or :func:`analysis.load_events`.

Line numbers are physical lines (counted by ``\n``): blank lines are skipped
but counted, a quoted field may span lines, and a bare carriage return inside
a field (as pandas' ``to_csv`` writes one) is part of the value.

Two paths give the same result.  The fast one parses with Arrow's
multi-threaded CSV reader after an array scan of the bytes has found where
the records start; it is taken when that scan is sure and Arrow reads
exactly those records.  Everything else (a bare carriage return, a quote
inside an unquoted field, a row with the wrong number of fields, a line of
white space, bytes that are not UTF-8, a header that cannot be used) goes
the exact way, through the csv module's reading of the text, which names
the file and the line of whatever is wrong.

Examples
--------
>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "t.csv"
...     _ = path.write_text('a,b\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
...     frame, lines = read_raw_csv(path)
>>> frame["b"].tolist(), list(lines)
(['two\nlines', '4'], [2, 5])
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import lzma
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final, Literal, SupportsIndex, overload

import numpy as np
import pandas as pd

from analysis.records.validating import EventValidationError, Validated, validate_events

Errors = Literal["raise", "reject"]

_DELIMITERS: Final = (";", "\t", "|")
"""Delimiters that a file which should be comma-separated is often written with."""

_BARE_CR: Final = re.compile(r"\r(?!\n)")


class LayoutError(ValueError):
    """A file whose columns are not the layout a reader expects.

    The message names the file, the layout(s) tried and the missing columns.
    """


class FileFormatError(ValueError):
    """A file that cannot be read as a table of records.

    Raised for what no row of the file can be read past: not UTF-8, empty,
    a truncated or mislabelled compressed file, an unclosed quote, a header
    with a duplicated column or another delimiter.  The message names the
    file (and the line, where one is to blame).
    """


class RecordLines(Sequence[int]):
    """The 1-based physical line on which each record of a CSV file starts.

    A sequence of ints, one per record, held in a NumPy array
    (``numpy.asarray(lines)`` does not copy), with the problems of single
    records found while reading (a row with more or fewer fields than the
    header) in :attr:`problems`, ready for
    :func:`~analysis.records.validating.validate_events`.

    Examples
    --------
    >>> lines = RecordLines([2, 3, 5])
    >>> lines[2], len(lines), list(lines), lines.problems
    (5, 3, [2, 3, 5], [])
    """

    problems: list[dict[str, object]]

    def __init__(
        self, lines: Sequence[int] | np.ndarray, problems: list[dict[str, object]] | None = None
    ):
        self._lines = np.asarray(lines, dtype=np.int64)
        self.problems = problems or []

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: SupportsIndex) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> int | list[int]:
        if isinstance(index, slice):
            return self._lines[index].tolist()
        return int(self._lines[index])

    def __iter__(self) -> Iterator[int]:
        return iter(self._lines.tolist())

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        return self._lines if dtype is None else self._lines.astype(dtype)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RecordLines | list | tuple | np.ndarray):
            return bool(np.array_equal(self._lines, np.asarray(other)))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RecordLines({self._lines.tolist()!r}, problems={self.problems!r})"


def read_bytes(path: str | Path) -> bytes:
    """Return a file's bytes, decompressed by its suffix (``.gz``, ``.bz2``, ``.xz``, ``.zip``).

    Raises
    ------
    FileFormatError
        If a compressed file is truncated, corrupt or not in the format its
        suffix says, or a ``.zip`` does not hold exactly one file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    data = path.read_bytes()
    try:
        if suffix == ".gz":
            return gzip.decompress(data)
        if suffix == ".bz2":
            return bz2.decompress(data)
        if suffix == ".xz":
            return lzma.decompress(data)
        if suffix == ".zip":
            return _unzip(path, data)
    except FileFormatError:
        raise
    except (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile, ValueError) as err:
        kind = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}.get(suffix, "zip")
        why = "it ends before its end (truncated)" if isinstance(err, EOFError) else str(err)
        raise FileFormatError(f"{path}: not a readable {kind} file: {why}") from err
    return data


def _unzip(path: Path, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        if len(names) != 1:
            raise FileFormatError(f"{path}: a .zip must hold exactly one file, not {len(names)}")
        return archive.read(names[0])


def read_text(path: str | Path) -> str:
    """Return a text file's contents as UTF-8 (with or without BOM), decompressed.

    Raises
    ------
    FileFormatError
        If the bytes are not UTF-8, or a compressed file cannot be read.
    """
    return _decode(path, read_bytes(path))


def _decode(path: str | Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FileFormatError(
            f"{path}: line {line}: byte {data[err.start : err.start + 1]!r} (offset "
            f"{err.start}) is not valid UTF-8; save the file as UTF-8 (a spreadsheet's "
            "'CSV UTF-8')"
        ) from err


def read_raw_csv(path: str | Path) -> tuple[pd.DataFrame, RecordLines]:
    """Read a CSV file as strings, with the 1-based line where each record starts.

    Nothing is converted: empty cells are ``""``, so a reader sees every value
    exactly as written.  Blank lines are skipped (and counted in the line
    numbers).

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV file, optionally compressed (``.gz``, ``.bz2``, ``.xz``, ``.zip``).

    Returns
    -------
    frame : pandas.DataFrame
        All columns as strings, one row per record.  A row with fewer fields
        than the header has ``""`` in the rest; one with more keeps the first
        ones; both are named in ``lines.problems``.
    lines : RecordLines
        The line on which each record starts, and the rows with the wrong
        number of fields (rule ``field_count``).

    Raises
    ------
    FileFormatError
        If the file is empty, not UTF-8, a damaged compressed file, has an
        unclosed quote, a duplicated column name or another delimiter.
    """
    data = read_bytes(path)
    fast = _read_fast(data)
    if fast is not None:
        return fast
    return _read_exact(path, data)


def _read_exact(path: str | Path, data: bytes) -> tuple[pd.DataFrame, RecordLines]:
    """Read the text as the csv module does; name the file and line of whatever is wrong."""
    text = _decode(path, data)
    if not re.search(r"\S", text):
        raise FileFormatError(f"{path}: the file is empty; a CSV file starts with a header line")
    text, placeholder = _protect_bare_cr(text)
    scan = _scan_fast(text) or _scan_records(text)
    header = _check_header(path, scan)
    frame = _parse(path, text, scan)
    if len(frame) != len(scan.lines):  # the two readers disagree: trust the record scan
        frame = _frame_from_rows(text, header, frame.dtypes.iloc[0] if len(header) else object)
    frame.columns = pd.Index(header)
    if placeholder is not None:
        frame = _restore_bare_cr(frame, placeholder)
    problems: list[dict[str, object]] = [
        {
            "row": row,
            "column": None,
            "value": f"{fields} fields",
            "rule": "field_count",
        }
        for row, fields in enumerate(scan.fields)
        if fields != len(header)
    ]
    return frame, RecordLines(scan.lines, problems)


_BOM: Final = b"\xef\xbb\xbf"


def _read_fast(data: bytes) -> tuple[pd.DataFrame, RecordLines] | None:
    r"""Parse with Arrow's CSV reader where the byte scan is sure; else None (the exact way).

    Arrow splits records at every line break it sees outside quotes (a bare
    ``\r`` too), skips empty lines and refuses rows of the wrong width; what
    it would read differently from the csv module is left to the exact path,
    and so is any file where it finds another number of records than the scan.
    """
    layout = _layout(data)
    if layout is None:
        return None
    header, lines, quoted_newlines = layout
    import pyarrow as pa
    import pyarrow.csv as pv

    try:
        table = pv.read_csv(
            pa.py_buffer(data),
            parse_options=pv.ParseOptions(newlines_in_values=quoted_newlines),
            convert_options=pv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width, bytes that are not UTF-8
    if table.column_names != header or table.num_rows != len(lines):
        return None
    frame = table.to_pandas()
    frame.columns = pd.Index(header)
    return frame, RecordLines(lines)


def _layout(data: bytes) -> tuple[list[str], np.ndarray, bool] | None:
    r"""Find the header and the line where each record starts, by array operations on the bytes.

    Returns ``(header, lines, quoted_newlines)``, or None where Arrow might
    read the file otherwise than the csv module: no header of two or more
    distinct names, a bare ``\r``, quotes that are not well formed, a line of
    white space.
    """
    start = len(_BOM) if data.startswith(_BOM) else 0
    if len(data) <= start:
        return None
    arr = np.frombuffer(data, dtype=np.uint8)
    if b"\r" in data:
        after = np.flatnonzero(arr == _CR) + 1
        if after[-1] == len(arr) or not (arr[after] == _NEWLINE).all():
            return None  # a bare \r: Arrow would end a record there
    newlines = np.flatnonzero(arr == _NEWLINE)
    ends, quoted_newlines = newlines, False
    if b'"' in data:
        inside = _inside_quotes(arr, start, newlines)
        if inside is None:
            return None
        if inside.any():
            ends, quoted_newlines = newlines[~inside], True
    starts = np.concatenate([[start], ends + 1])
    stops = np.concatenate([ends, [len(arr)]])
    size = stops - starts
    empty = (size == 0) | ((size == 1) & (_bytes_at(arr, starts) == _CR))
    starts, stops = starts[~empty], stops[~empty]
    white = np.flatnonzero(_SPACE[_bytes_at(arr, starts)])  # lines that may hold only white space
    if not len(starts) or any(not data[starts[i] : stops[i]].strip() for i in white.tolist()):
        return None
    header = _header(data[starts[0] : stops[0]])
    if header is None:
        return None
    return header, np.searchsorted(newlines, starts[1:]) + 1, quoted_newlines


def _bytes_at(arr: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Return the bytes at ``positions``, a newline past the end (``arr`` is not copied)."""
    inside = positions < len(arr)
    if inside.all():
        return arr[positions]
    out = np.full(len(positions), _NEWLINE, dtype=np.uint8)
    out[inside] = arr[positions[inside]]
    return out


def _header(line: bytes) -> list[str] | None:
    """Return the header's names, or None for the exact path to judge (one column, repeats)."""
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    names = next(csv.reader([text]), [])
    if len(names) < 2 or len(set(names)) != len(names):
        return None
    return names


def _inside_quotes(arr: np.ndarray, start: int, newlines: np.ndarray) -> np.ndarray | None:
    """Whether each newline is inside a quoted field; None if the quotes are not well formed.

    Quotes are well formed when each opening quote starts a field (or
    doubles a closing one) and each closing quote ends it: then every quote
    toggles between quoted and unquoted, as Arrow and the csv module agree.
    """
    quotes = np.flatnonzero(arr == _QUOTE)
    if len(quotes) % 2:
        return None
    opening, closing = quotes[0::2], quotes[1::2]
    before = arr[np.maximum(opening - 1, 0)]
    starts_field = (opening == start) | (before == _COMMA) | (before == _NEWLINE)
    doubled = opening[1:] == closing[:-1] + 1
    starts_field[1:] |= doubled
    after = _bytes_at(arr, closing + 1)
    ends_field = (after == _COMMA) | (after == _NEWLINE) | (after == _CR)
    ends_field[:-1] |= doubled
    if not (starts_field.all() and ends_field.all()):
        return None
    return np.searchsorted(quotes, newlines) % 2 == 1


def _protect_bare_cr(text: str) -> tuple[str, str | None]:
    r"""Replace every bare ``\r`` by a character the text lacks, so no reader ends a line there."""
    if "\r" not in text or not _BARE_CR.search(text):
        return text, None
    placeholder = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return _BARE_CR.sub(placeholder, text), placeholder


def _restore_bare_cr(frame: pd.DataFrame, placeholder: str) -> pd.DataFrame:
    frame = frame.copy()
    for col in frame.columns:
        values = frame[col]
        if values.str.contains(placeholder, regex=False).any():
            frame[col] = values.str.replace(placeholder, "\r", regex=False)
    frame.columns = [str(c).replace(placeholder, "\r") for c in frame.columns]
    return frame


class _Scan:
    """What the csv module finds: the header, and each record's line and field count."""

    def __init__(self) -> None:
        self.header: list[str] = []
        self.header_line = 0
        self.lines: list[int] = []
        self.fields: list[int] = []
        self.last_start = 0


_QUOTE, _COMMA, _NEWLINE, _CR = ord('"'), ord(","), ord("\n"), ord("\r")
_SPACE: Final = np.isin(np.arange(256), [ord(" "), ord("\t"), ord("\r"), ord("\n")])
"""White space by byte value: a record of nothing else is a blank line."""


def _scan_fast(text: str) -> _Scan | None:
    """Find each record's line and field count with array operations, or None if unsure.

    Every quote toggles between quoted and unquoted, so a newline or comma
    after an even number of quotes ends a record or a field.  That is the CSV
    rule exactly when every opening quote starts a field (or doubles a quote
    inside one); a quote inside an unquoted field, or a quote never closed,
    returns None and the csv module reads the file instead.
    """
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    quotes = np.flatnonzero(data == _QUOTE)
    if len(quotes) % 2:
        return None
    opening, closing = quotes[0::2], quotes[1::2]
    before = data[np.maximum(opening - 1, 0)]
    field_start = (opening == 0) | (before == _COMMA) | (before == _NEWLINE)
    field_start[1:] |= opening[1:] == closing[:-1] + 1  # a doubled quote
    if not field_start.all():
        return None
    newlines = np.flatnonzero(data == _NEWLINE)
    if len(quotes):
        newlines_ending = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
    else:
        newlines_ending = newlines
    starts = np.concatenate([[0], newlines_ending + 1])
    stops = np.concatenate([newlines_ending, [len(data)]])
    # Blank records (nothing but white space) are skipped, as pandas skips them;
    # only a record that is empty or starts with white space can be one.
    maybe = np.flatnonzero(_SPACE[_bytes_at(data, starts)])
    blank = [i for i in maybe.tolist() if not data[starts[i] : stops[i]].tobytes().strip()]
    if blank:
        starts, stops = np.delete(starts, blank), np.delete(stops, blank)
    if not len(starts):
        return None
    commas = np.flatnonzero(data == _COMMA)
    if len(quotes):
        commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    fields = np.searchsorted(commas, stops) - np.searchsorted(commas, starts) + 1
    scan = _Scan()
    scan.header = next(csv.reader([data[starts[0] : stops[0]].tobytes().decode("utf-8")]))
    scan.header_line = int(np.searchsorted(newlines, starts[0])) + 1
    if fields[0] != len(scan.header):
        return None
    width = len(scan.header)
    scan.lines = (np.searchsorted(newlines, starts[1:]) + 1).tolist()
    for i in np.flatnonzero(fields[1:] > width):  # rows with more fields: few
        row = next(csv.reader([data[starts[i + 1] : stops[i + 1]].tobytes().decode("utf-8")]))
        if not any(f.strip() for f in row[width:]):
            fields[i + 1] = width  # empty fields after the last column hold nothing
    scan.fields = fields[1:].tolist()
    return scan


def _scan_records(text: str) -> _Scan:
    """Find where each record starts and how many fields it has (blank lines skipped).

    The csv module's reading, record by record: exact, and slower than
    :func:`_scan_fast`, which covers well-quoted files.
    """
    scan = _Scan()
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    physical: list[str] | None = None
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        scan.last_start = start
        if not row:
            continue
        if len(row) == 1 and not row[0].strip():
            # Blank unless quoted: look at the physical line (rare, so split lazily).
            physical = physical if physical is not None else text.split("\n")
            if '"' not in physical[start - 1]:
                continue
        if not scan.header_line:
            scan.header, scan.header_line = row, start
            continue
        scan.lines.append(start)
        fields = len(row)
        if fields > len(scan.header) and not any(f.strip() for f in row[len(scan.header) :]):
            fields = len(scan.header)  # empty fields after the last column hold nothing
        scan.fields.append(fields)
    return scan


def _check_header(path: str | Path, scan: _Scan) -> list[str]:
    """Return the header's names; raise if one repeats or another delimiter is used."""
    header = scan.header
    where = f"{path}, line {scan.header_line}"
    if len(header) == 1:
        for delimiter in _DELIMITERS:
            if delimiter in header[0] and len(header[0].split(delimiter)) > 1:
                shown = {"\t": "a tab"}.get(delimiter, delimiter)
                raise FileFormatError(
                    f"{where}: the delimiter looks like {shown}, not a comma (the header "
                    f"{header[0]!r} is one column); save the file comma-separated"
                )
    seen: dict[str, int] = {}
    for name in header:
        seen[name] = seen.get(name, 0) + 1
    repeated = [name for name, n in seen.items() if n > 1]
    if repeated:
        raise FileFormatError(
            f"{where}: the header names column(s) {repeated} more than once; each column "
            "must be named once"
        )
    return header


def _parse(path: str | Path, text: str, scan: _Scan) -> pd.DataFrame:
    """Parse the values with pandas' C reader, every value a string."""
    try:
        with warnings.catch_warnings():
            # A row with more fields than the header: pandas keeps the first ones
            # and warns, or skips it; the record scan names the row instead.
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            return pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_values=[],
                index_col=False,
                on_bad_lines="skip",  # then the counts differ, and the record scan reads
            )
    except pd.errors.ParserError as err:
        if "EOF inside string" in str(err):
            raise FileFormatError(
                f"{path}, line {scan.last_start}: a quoted field of the record starting on "
                "this line is never closed (an unbalanced quote)"
            ) from err
        raise FileFormatError(f"{path}: cannot be read as CSV: {err}") from err


def _frame_from_rows(text: str, header: list[str], dtype: Any) -> pd.DataFrame:
    """Read the records as the csv module does (blank lines skipped), as strings."""
    reader = csv.reader(io.StringIO(text, newline=""))
    physical = text.split("\n")
    previous_end = 0
    rows: list[list[str]] = []
    width = len(header)
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip() and '"' not in physical[start - 1]):
            continue
        rows.append((row + [""] * width)[:width])
    return pd.DataFrame(rows[1:], columns=range(width), dtype=dtype)


def missing_columns(columns: Sequence[str], required: Sequence[str]) -> list[str]:
    """Return the required columns that ``columns`` lacks, in the required order."""
    have = set(columns)
    return [c for c in required if c not in have]


def finish(
    frame: pd.DataFrame, *, source: str | Path, lines: list[int] | None, errors: Errors
) -> pd.DataFrame | Validated:
    """Validate a reader's canonical frame; raise on rejects or return them.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per input row, schema columns plus any reader extras.
    source : str or pathlib.Path
        The file the rows came from (named in every problem).
    lines : list of int, optional
        The 1-based line of each row; a :class:`RecordLines` also brings the
        rows with the wrong number of fields.
    errors : {'raise', 'reject'}
        ``raise``: return the events, or raise :class:`EventValidationError`
        listing every problem if any row is invalid.  ``reject``: return the
        :class:`~analysis.records.validating.Validated` triple.
    """
    if errors not in ("raise", "reject"):
        raise ValueError(f"errors must be 'raise' or 'reject', not {errors!r}")
    checked = validate_events(
        frame,
        source=str(source),
        line_numbers=lines,
        reading_problems=getattr(lines, "problems", None),
    )
    assert len(checked.events) + len(checked.rejects) == len(frame)
    if errors == "reject":
        return checked
    if len(checked.rejects):
        raise EventValidationError(checked.problems, len(frame))
    return checked.events
