"""Draw the seeded random sample of UCDP events to label by hand.

Population: every event of the UCDP GED Syria file whose dyad is
``Government of Syria - IS`` (side_a Government of Syria, side_b IS).  The
sample (240 events, seed 20241002) is written with empty ``label`` and
``reason`` columns; the labels are then filled in by a person reading each
headline, without running the classifier.  Each event is also assigned at
random to a ``tune`` half or a ``holdout`` half, so that any later tuning of
the classifier can be done on one half and measured on the other.

Usage::

    python scripts/sample_ucdp_for_labels.py --output tests/data/ucdp_hand_labels.csv

The committed labels file was made this way; rerunning reproduces every
column but ``label`` and ``reason`` (a test checks this).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import UCDP_GED_SYRIA

SEED = 20241002
SAMPLE_SIZE = 240
DYAD = "Government of Syria - IS"


def draw_sample(path: Path = UCDP_GED_SYRIA) -> pd.DataFrame:
    """Return the sample: ids, split, context for the labeller, empty ``label``, ``reason``.

    The context columns (date, place, deaths per side) are what a person
    reading the headline needs to tell which part of a multi-story headline
    is this event.
    """
    ged = pd.read_csv(path, dtype=str, keep_default_na=False)
    population = ged[ged["dyad_name"] == DYAD]
    rng = np.random.default_rng(SEED)
    rows = rng.choice(len(population), size=SAMPLE_SIZE, replace=False)
    sample = population.iloc[rows]
    split = np.where(rng.random(SAMPLE_SIZE) < 0.5, "tune", "holdout")
    return pd.DataFrame({
        "id": sample["id"].to_numpy(),
        "split": split,
        "date_start": sample["date_start"].to_numpy(),
        "adm_1": sample["adm_1"].to_numpy(),
        "where_coordinates": sample["where_coordinates"].to_numpy(),
        "deaths_a": sample["deaths_a"].to_numpy(),
        "deaths_b": sample["deaths_b"].to_numpy(),
        "deaths_civilians": sample["deaths_civilians"].to_numpy(),
        "headline": sample["source_headline"].to_numpy(),
        "label": "",
        "reason": "",
    })


def main(argv: list[str] | None = None) -> int:
    """Write the sample to ``--output``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    draw_sample().to_csv(args.output, index=False, lineterminator="\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
