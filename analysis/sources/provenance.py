"""Provenance of seed files: read sidecars, build source lines, verify checksums.

Every data file in ``seeds/`` has a JSON sidecar ``<file>.meta.json`` beside
it saying where the file comes from (title, producer, URL, publication and
access dates, licence, citation), its SHA-256 checksum, its language, a short
``source_line`` that a figure can print, and a column dictionary.  Figures
build their source line from these sidecars with :func:`source_line`, never by
hand; :func:`verify_seeds` checks that no seed file changed or lacks a sidecar.

A sidecar may also declare the data set's ``coverage``: the period its
gathering covered, so that a count can tell a period with no events from a
period nobody looked at.  :func:`read_coverage` reads it into a
:class:`Coverage`, which :func:`analysis.count_events` takes.

Examples
--------
>>> from analysis.config import UCDP_GED_SYRIA
>>> read_provenance(UCDP_GED_SYRIA)["licence"]
'CC BY 4.0'
>>> source_line(UCDP_GED_SYRIA)
'Data: UCDP GED Syria 19.1 (CC BY 4.0)'
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from analysis.config import SEEDS_DIR

SIDECAR_SUFFIX: Final[str] = ".meta.json"
"""A sidecar's name is its data file's name followed by this suffix."""

REQUIRED_KEYS: Final[tuple[str, ...]] = (
    "title",
    "producer",
    "url",
    "published",
    "accessed",
    "licence",
    "citation",
    "sha256",
    "language",
    "source_line",
    "columns",
)
"""Keys every sidecar must have (``columns`` may be empty for a text file)."""

SOURCE_LINE_PREFIX: Final[str] = "Data: "
"""How every ``source_line`` starts; :func:`source_line` keeps it once."""

_NOT_SEED_FILES: Final[frozenset[str]] = frozenset({"README.md"})


class ProvenanceError(ValueError):
    """A seed file without a valid sidecar, or whose checksum does not match."""


def sidecar_path(path: str | Path) -> Path:
    """Return the sidecar path of a data file.

    Parameters
    ----------
    path : str or pathlib.Path
        A seed data file.

    Returns
    -------
    pathlib.Path
        ``<path>.meta.json``.

    Examples
    --------
    >>> sidecar_path("seeds/gazetteer/badia_gazetteer.csv").name
    'badia_gazetteer.csv.meta.json'
    """
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def compute_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes.

    Examples
    --------
    >>> from analysis.config import SEED_ARTICLE_TEXT
    >>> len(compute_sha256(SEED_ARTICLE_TEXT))
    64
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_provenance(path: str | Path) -> dict[str, Any]:
    """Read the provenance sidecar of a seed file.

    Parameters
    ----------
    path : str or pathlib.Path
        The data file (not the sidecar).

    Returns
    -------
    dict
        The sidecar's fields; at least :data:`REQUIRED_KEYS`.

    Raises
    ------
    ProvenanceError
        If the sidecar is missing, is not a JSON object, or lacks a required key.

    Examples
    --------
    >>> from analysis.config import SEED_ARTICLE_TEXT
    >>> meta = read_provenance(SEED_ARTICLE_TEXT)
    >>> meta["producer"], meta["language"]
    ('Al-Araby Al-Jadeed', 'ar')
    """
    side = sidecar_path(path)
    if not side.is_file():
        raise ProvenanceError(f"{path}: no provenance sidecar ({side.name} is missing)")
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProvenanceError(f"{side}: not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise ProvenanceError(f"{side}: must hold a JSON object")
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise ProvenanceError(f"{side}: missing key(s) {', '.join(missing)}")
    if not str(meta["source_line"]).startswith(SOURCE_LINE_PREFIX):
        raise ProvenanceError(
            f"{side}: source_line {meta['source_line']!r} must start with {SOURCE_LINE_PREFIX!r}"
        )
    return meta


def source_line(*paths: str | Path) -> str:
    """Build a figure's source line from the sidecars of the files it uses.

    Parameters
    ----------
    *paths : str or pathlib.Path
        Seed files the figure draws on, in the order to cite them.  A file
        named twice, or two files with the same source line, is cited once.

    Returns
    -------
    str
        ``"Data: <line 1>; <line 2>; ..."``.

    Raises
    ------
    ValueError
        If no path is given.
    ProvenanceError
        If a file has no valid sidecar.

    Examples
    --------
    >>> from analysis.config import BADIA_2024_EVENTS, UCDP_GED_SYRIA
    >>> source_line(UCDP_GED_SYRIA, UCDP_GED_SYRIA)
    'Data: UCDP GED Syria 19.1 (CC BY 4.0)'
    >>> source_line(UCDP_GED_SYRIA, BADIA_2024_EVENTS).count("Data: ")
    1
    """
    if not paths:
        raise ValueError("source_line needs at least one seed file")
    parts: list[str] = []
    for path in paths:
        line = str(read_provenance(path)["source_line"])[len(SOURCE_LINE_PREFIX) :].strip()
        if line not in parts:
            parts.append(line)
    return SOURCE_LINE_PREFIX + "; ".join(parts)


def read_csv_header(path: str | Path) -> list[str]:
    """Return the column names on the first line of a CSV file, gzipped or not.

    Examples
    --------
    >>> from analysis.config import UCDP_GED_SYRIA
    >>> len(read_csv_header(UCDP_GED_SYRIA))
    41
    """
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    return next(csv.reader(io.StringIO(first)), [])


def list_seed_files(seeds_dir: str | Path = SEEDS_DIR) -> list[Path]:
    """Return every data file under ``seeds_dir`` (not READMEs, not sidecars), sorted.

    Examples
    --------
    >>> any(p.name == "badia_gazetteer.csv" for p in list_seed_files())
    True
    """
    root = Path(seeds_dir)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.name not in _NOT_SEED_FILES and not p.name.endswith(SIDECAR_SUFFIX)
    )


def verify_seeds(seeds_dir: str | Path = SEEDS_DIR) -> list[Path]:
    """Check that every seed file has a valid sidecar with a matching checksum.

    Also checks that every sidecar belongs to an existing file and that a CSV
    file's column dictionary names exactly the file's columns, in order.

    Parameters
    ----------
    seeds_dir : str or pathlib.Path, default :data:`analysis.config.SEEDS_DIR`
        The folder to check (recursively).

    Returns
    -------
    list of pathlib.Path
        The verified data files.

    Raises
    ------
    ProvenanceError
        Listing every problem found, one per line.

    Examples
    --------
    >>> files = verify_seeds()
    >>> len(files) >= 10
    True
    """
    root = Path(seeds_dir)
    problems: list[str] = []
    files = list_seed_files(root)
    for path in files:
        try:
            meta = read_provenance(path)
        except ProvenanceError as exc:
            problems.append(str(exc))
            continue
        actual = compute_sha256(path)
        if meta["sha256"] != actual:
            problems.append(
                f"{path}: sha256 {actual} does not match the sidecar's {meta['sha256']}"
            )
        if path.name.endswith((".csv", ".csv.gz")):
            header = read_csv_header(path)
            documented = list(meta["columns"])
            if header != documented:
                problems.append(
                    f"{path}: the sidecar's columns {documented} are not the file's "
                    f"columns {header}"
                )
    for side in sorted(root.rglob("*" + SIDECAR_SUFFIX)):
        data = side.with_name(side.name[: -len(SIDECAR_SUFFIX)])
        if not data.is_file():
            problems.append(f"{side}: sidecar of a file that does not exist ({data.name})")
    if problems:
        raise ProvenanceError(
            f"{root}: {len(problems)} provenance problem(s):\n  " + "\n  ".join(problems)
        )
    return files


@dataclass(frozen=True)
class Coverage:
    """The period a data set's gathering covered, as its sidecar declares it.

    Inside it, a period without records is a zero; outside it, there is no
    data.  Made by :func:`read_coverage`; :func:`analysis.count_events`
    takes it as ``coverage=``.

    Attributes
    ----------
    start, end : datetime.date
        First and last day covered (inclusive).
    note : str
        What the sidecar says about the coverage (how it was gathered, what is
        thin).
    source : pathlib.Path
        The data file whose sidecar declares it.
    series : str or None
        For a file of several series, the one this coverage is of
        (``'source=CEP, metric=attacks, kind=period'``); None otherwise.
    gaps : tuple of str
        Months (``'YYYY-MM'``) between ``start`` and ``end`` that the series
        does not cover; a count refuses a coverage with gaps.
    """

    start: dt.date
    end: dt.date
    note: str
    source: Path
    series: str | None = None
    gaps: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()} (declared for {self.source.name})"


def coverage_days(coverage: Any, caller: str = "coverage") -> tuple[dt.date, dt.date]:
    """Return the first and last day of a coverage: a :class:`Coverage` or a ``(start, end)`` pair.

    The one reading of ``coverage=`` that counting, campaigns and figures share.

    Parameters
    ----------
    coverage : Coverage or (start, end)
        Days as anything :class:`datetime.date` or pandas reads (``"2024-01-01"``).
    caller : str, optional
        Who asks, named in the error.

    Returns
    -------
    (datetime.date, datetime.date)

    Raises
    ------
    ValueError
        If ``coverage`` is neither, a day cannot be read, or it ends before it starts.

    Examples
    --------
    >>> coverage_days(("2024-01-01", "2024-10-31"))
    (datetime.date(2024, 1, 1), datetime.date(2024, 10, 31))
    >>> coverage_days(("2024-10-31", "2024-01-01"), "count_events")
    Traceback (most recent call last):
    ...
    ValueError: count_events: the coverage ends (2024-01-01) before it starts (2024-10-31)
    """
    import pandas as pd

    if isinstance(coverage, Coverage):
        first, last = coverage.start, coverage.end
    else:
        pair = (
            list(coverage)
            if isinstance(coverage, Iterable) and not isinstance(coverage, str | bytes)
            else []
        )
        if len(pair) != 2:
            raise ValueError(
                f"{caller}: coverage must be a Coverage or a (start, end) pair, not {coverage!r}"
            )
        first, last = pair
    try:
        days = pd.Timestamp(first), pd.Timestamp(last)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{caller}: a day of the coverage {coverage!r} cannot be read: {exc}"
        ) from None
    if pd.isna(days[0]) or pd.isna(days[1]):
        raise ValueError(f"{caller}: the coverage {coverage!r} lacks a day")
    lo, hi = days[0].date(), days[1].date()
    if hi < lo:
        raise ValueError(f"{caller}: the coverage ends ({hi}) before it starts ({lo})")
    return lo, hi


def read_coverage(path: str | Path, series: Mapping[str, str] | None = None) -> Coverage:
    """Read the coverage a data file's sidecar declares.

    A sidecar's ``coverage`` is either one period, ``{"start", "end",
    "note"}`` (dates ``YYYY-MM-DD``), or, for a file holding several series,
    ``{"rule", "series": [...]}``, one entry per series with the months it
    covers (``"months"``, ``"YYYY-MM"``) and the months searched without
    finding it (``"not_found"``).  Of such a file, pick one series with
    ``series``: its coverage runs from the first day of its first month to
    the last day of its last, and the months between that it lacks are its
    ``gaps``.

    Parameters
    ----------
    path : str or pathlib.Path
        The data file, or its sidecar (``<file>.meta.json``).
    series : mapping of str to str, optional
        For a per-series coverage, the fields that pick one series, e.g.
        ``{"source": "CEP", "metric": "attacks"}``.

    Returns
    -------
    Coverage
        The declared coverage.

    Raises
    ------
    ProvenanceError
        If the sidecar is missing or declares no coverage, if a date is not
        ``YYYY-MM-DD`` or the end is before the start, or if a per-series
        coverage is read without ``series`` (the message lists the series)
        or ``series`` picks none or several.

    Examples
    --------
    >>> from analysis.config import BADIA_2024_RECORD, BADIA_2024_REPORTED_TOTALS
    >>> cov = read_coverage(BADIA_2024_RECORD)
    >>> cov.start, cov.end
    (datetime.date(2024, 1, 1), datetime.date(2024, 10, 31))
    >>> cep = read_coverage(BADIA_2024_REPORTED_TOTALS, series={"source": "CEP",
    ...                     "metric": "attacks"})
    >>> cep.start, cep.end, cep.gaps
    (datetime.date(2024, 1, 1), datetime.date(2024, 11, 30), ('2024-02', '2024-08'))
    """
    data = Path(path)
    if data.name.endswith(SIDECAR_SUFFIX):
        data = data.with_name(data.name[: -len(SIDECAR_SUFFIX)])
    declared = read_provenance(data).get("coverage")
    side = sidecar_path(data)
    if not isinstance(declared, dict):
        raise ProvenanceError(f"{side}: declares no coverage (no 'coverage' object)")
    if "series" in declared:
        return _series_coverage(data, declared, series)
    if series is not None:
        raise ProvenanceError(f"{side}: declares one coverage for the whole file; drop series=")
    missing = [k for k in ("start", "end") if k not in declared]
    if missing:
        raise ProvenanceError(f"{side}: coverage lacks {', '.join(missing)}")
    start = _iso_day(declared["start"], side, "start")
    end = _iso_day(declared["end"], side, "end")
    if end < start:
        raise ProvenanceError(f"{side}: coverage ends ({end}) before it starts ({start})")
    return Coverage(start, end, str(declared.get("note", "")), data)


def _iso_day(value: Any, side: Path, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ProvenanceError(
            f"{side}: coverage {key} {value!r} is not a date (YYYY-MM-DD)"
        ) from None


def _describe_series(entry: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={entry[k]}" for k in ("source", "metric", "kind") if k in entry)


def _series_coverage(
    data: Path, declared: Mapping[str, Any], series: Mapping[str, str] | None
) -> Coverage:
    """Return the coverage of one series of a per-series ``coverage`` object."""
    side = sidecar_path(data)
    entries = [e for e in declared["series"] if isinstance(e, Mapping)]
    listed = "\n  ".join(_describe_series(e) for e in entries)
    if series is None:
        raise ProvenanceError(
            f"{side}: declares a coverage per series; pick one with series=, e.g. "
            f"series={{'source': ..., 'metric': ...}}, among:\n  {listed}"
        )
    chosen = [e for e in entries if all(str(e.get(k)) == str(v) for k, v in series.items())]
    if len(chosen) != 1:
        found = "no series" if not chosen else f"{len(chosen)} series"
        raise ProvenanceError(
            f"{side}: series={dict(series)} picks {found}; pick one of:\n  {listed}"
        )
    (entry,) = chosen
    try:
        months = sorted({dt.date.fromisoformat(f"{m}-01") for m in entry.get("months", [])})
    except ValueError as exc:
        raise ProvenanceError(f"{side}: a month of {_describe_series(entry)}: {exc}") from None
    if not months:
        raise ProvenanceError(f"{side}: {_describe_series(entry)} lists no months")
    first, last = months[0], months[-1]
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    covered = {m.strftime("%Y-%m") for m in months}
    gaps = tuple(m for m in _months(first, last) if m not in covered)
    note = str(declared.get("rule", ""))
    if entry.get("not_found"):
        note += f" Searched without finding: {', '.join(entry['not_found'])}."
    return Coverage(first, end, note.strip(), data, _describe_series(entry), gaps)


def _months(first: dt.date, last: dt.date) -> list[str]:
    """Every month from ``first`` to ``last`` (first days of months), as ``'YYYY-MM'``."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
