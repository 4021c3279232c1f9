"""SYNTHETIC event records for benchmarks: seeded, labelled, never real data.

Every record made here is invented by a random number generator so that the
counting code can be timed at sizes no real data set of the Badia reaches.
The records follow the canonical schema (:mod:`analysis.records.schema`) and look like
the real ones in shape only:

- windows of 1 to 30 days (uniform), starting anywhere in 2015-01-01..2024-12-01;
- the four event types and the fourteen governorates of Syria (uniform);
- counts: 80% exact point counts (1..20, with ``count_low == count == count_high``),
  8% "about N" (point only), 6% "between N and M" (bounds only, no point),
  6% "more than N" (point and low, open upper bound);
- 0.1% period aggregates (``is_aggregate``), which counting leaves out.

Every ``event_id`` starts with ``synthetic-``, so a synthetic record cannot pass
for a reported one (the optional ``source`` column is left out: at 10^7 rows a
repeated label would inflate the input frame and flatter the memory ratios).

Run ``python benchmarks/generate.py 1000000`` to write CSV and Parquet files to
``benchmarks/data/`` (git-ignored); ``--partitioned`` writes a partitioned
Parquet dataset chunk by chunk, never holding all rows in memory.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.config import BENCHMARKS_DIR
from analysis.records.schema import DATE_PRECISIONS, EVENT_TYPES

DATA_DIR = BENCHMARKS_DIR / "data"
"""Where generated files go (git-ignored)."""

GOVERNORATES: tuple[str, ...] = (
    "Aleppo", "Damascus", "Daraa", "Deir ez-Zor", "Hama", "Hasakah", "Homs", "Idlib",
    "Latakia", "Quneitra", "Raqqa", "Rif Dimashq", "Suwayda", "Tartus",
)
"""The fourteen governorates of Syria (names used only as synthetic labels)."""

FIRST_DAY = np.datetime64("2015-01-01", "D")
LAST_START = np.datetime64("2024-12-01", "D")
MAX_WINDOW_DAYS = 30

_STRING = pd.StringDtype()  # what validate_events gives string columns


def _strings(values: pa.Array) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string()))).astype(_STRING)


def generate_events(n: int, *, seed: int = 0, id_offset: int = 0) -> pd.DataFrame:
    """Make ``n`` SYNTHETIC records in the canonical schema's types.

    Parameters
    ----------
    n : int
        Number of records.
    seed : int
        Seed of the random generator: the same ``(n, seed, id_offset)`` gives
        the same frame.
    id_offset : int
        First number of ``event_id`` (``synthetic-<number>``), so that chunks
        of a large data set get distinct identifiers.

    Returns
    -------
    pandas.DataFrame
        Columns ``event_id, event_type, is_aggregate, date_start, date_end,
        date_precision, count, count_low, count_high, admin1`` in the types
        :func:`analysis.records.validating.validate_events` returns.

    Examples
    --------
    >>> frame = generate_events(1000, seed=1)
    >>> frame["event_id"].iloc[0]
    'synthetic-0'

    >>> bool(((frame["date_end"] - frame["date_start"]).dt.days < 30).all())
    True
    """
    rng = np.random.default_rng(seed)
    span = int((LAST_START - FIRST_DAY).astype(int)) + 1
    start = FIRST_DAY + rng.integers(0, span, n).astype("timedelta64[D]")
    length = rng.integers(1, MAX_WINDOW_DAYS + 1, n)
    end = start + (length - 1).astype("timedelta64[D]")

    point = rng.integers(1, 21, n).astype(np.float64)
    kind = rng.random(n)
    exact = kind < 0.80  # 0.80..0.88: "about N", a point count only
    between = (kind >= 0.88) & (kind < 0.94)
    more_than = kind >= 0.94
    count = np.where(between, np.nan, point)
    count_low = np.where(exact | more_than, point, np.nan)
    count_low = np.where(between, point, count_low)
    count_high = np.where(exact, point, np.nan)
    count_high = np.where(between, point + rng.integers(1, 10, n), count_high)

    precision = pd.Categorical.from_codes(
        np.select([length == 1, length <= 6, length <= 7], [0, 1, 2], 3),
        DATE_PRECISIONS,
    )
    ids = pc.binary_join_element_wise(
        "synthetic-", pc.cast(pa.array(np.arange(id_offset, id_offset + n)), pa.string()), ""
    )
    types = pd.Categorical.from_codes(rng.integers(0, len(EVENT_TYPES), n), EVENT_TYPES)
    admin1 = np.asarray(GOVERNORATES, dtype=object)[rng.integers(0, len(GOVERNORATES), n)]
    return pd.DataFrame(
        {
            "event_id": _strings(ids),
            "event_type": types,
            "is_aggregate": rng.random(n) < 0.001,
            "date_start": start.astype("datetime64[ns]"),
            "date_end": end.astype("datetime64[ns]"),
            "date_precision": precision,
            "count": count,
            "count_low": count_low,
            "count_high": count_high,
            "admin1": pd.Series(admin1, dtype=_STRING),
        }
    )


def generate_chunks(n: int, *, chunk_size: int, seed: int = 0) -> Iterator[pd.DataFrame]:
    """Yield ``n`` SYNTHETIC records in chunks of at most ``chunk_size`` rows.

    Chunk ``i`` is ``generate_events(size, seed=seed + i, id_offset=...)``, so
    identifiers stay unique and no more than one chunk is in memory at once.
    """
    for i, first in enumerate(range(0, n, chunk_size)):
        yield generate_events(min(chunk_size, n - first), seed=seed + i, id_offset=first)


def data_path(n: int, suffix: str, *, seed: int = 0) -> Path:
    """Path of the generated file for ``n`` records (``suffix`` 'csv' or 'parquet')."""
    return DATA_DIR / f"synthetic_events_{n}_seed{seed}.{suffix}"


def write_files(n: int, *, seed: int = 0, formats: tuple[str, ...] = ("csv", "parquet")) -> dict:
    """Write ``n`` SYNTHETIC records as CSV and/or Parquet, unless already there.

    Returns
    -------
    dict
        Format -> path.
    """
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    paths = {fmt: data_path(n, fmt, seed=seed) for fmt in formats}
    todo = [fmt for fmt, path in paths.items() if not path.exists()]
    if todo:
        frame = generate_events(n, seed=seed)
        for fmt in todo:
            tmp = paths[fmt].with_suffix(".tmp")
            if fmt == "csv":
                frame.to_csv(tmp, index=False, date_format="%Y-%m-%d")
            else:
                frame.to_parquet(tmp, index=False)
            tmp.replace(paths[fmt])
    return paths


def write_partitioned(
    n: int, *, chunk_size: int = 5_000_000, seed: int = 0, directory: Path | None = None
) -> Path:
    """Write ``n`` SYNTHETIC records as a directory of Parquet files, chunk by chunk.

    One file per chunk (``part-00000.parquet`` ...), written and released
    before the next is made; a ``_SUCCESS`` marker says the set is complete.
    """
    directory = directory or DATA_DIR / f"synthetic_events_{n}_seed{seed}_partitioned"
    if (directory / "_SUCCESS").exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    for i, chunk in enumerate(generate_chunks(n, chunk_size=chunk_size, seed=seed)):
        chunk.to_parquet(directory / f"part-{i:05d}.parquet", index=False, row_group_size=1 << 20)
        del chunk
    (directory / "_SUCCESS").write_text(f"{n} synthetic records, seed {seed}\n")
    return directory


def main(argv: list[str] | None = None) -> int:
    """Write SYNTHETIC record files; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--partitioned", action="store_true",
                        help="write a partitioned Parquet dataset, chunk by chunk")
    parser.add_argument("--chunk-size", type=int, default=5_000_000)
    args = parser.parse_args(argv)
    if args.partitioned:
        print(write_partitioned(args.n, chunk_size=args.chunk_size, seed=args.seed))
    else:
        for path in write_files(args.n, seed=args.seed).values():
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
