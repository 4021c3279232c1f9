"""Draw the verification sample of the 2024 record drive (docs/data.md, verification log).

Ten rows of ``seeds/badia_2024/badia_2024_events_added.csv`` are drawn at random
with a fixed seed, so that the draw can be repeated and audited; each drawn row
is then re-checked by hand against its report (date, count, place, actor, URL)
and the outcome written in the verification log of ``docs/data.md``.

Usage::

    python scripts/draw_verification_sample.py          # print the draw
    python scripts/draw_verification_sample.py --ids    # only the event ids, one a line
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from analysis.config import BADIA_2024_DIR

ADDED = BADIA_2024_DIR / "badia_2024_events_added.csv"
SEED = 2024_15
"""Seed of the draw (the year and the issue number): never change it after the log is written."""
SIZE = 10
"""Rows drawn."""
SHOWN = ("event_id", "date_start", "date_end", "event_type", "count", "count_qualifier",
         "actor", "places", "killed", "source_url")


def draw(path=ADDED, seed: int = SEED, size: int = SIZE) -> pd.DataFrame:
    """Return ``size`` rows of the added file drawn without replacement, in file order.

    The draw depends only on the seed and on the number of rows of the file:
    rows are chosen by position with :func:`numpy.random.default_rng`.
    """
    rows = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(len(rows), size=size, replace=False))
    return rows.iloc[picked].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    """Print the drawn rows (or only their ids)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", action="store_true", help="print only the event ids")
    args = parser.parse_args(argv)
    sample = draw()
    if args.ids:
        print("\n".join(sample["event_id"]))
    else:
        with pd.option_context("display.width", 250, "display.max_colwidth", 70):
            print(f"seed {SEED}, {SIZE} of the rows of {ADDED.name}")
            print(sample[list(SHOWN)].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
