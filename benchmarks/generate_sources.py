"""SYNTHETIC ACLED and UCDP GED files for the reader benchmarks: seeded, labelled, never real.

ACLED's terms forbid redistributing its rows and a UCDP release is larger than
the repository should hold, so the readers are timed on files written here by
a random number generator, in the sources' own layouts:

- an ACLED export in the current 31-column layout, ``event_date`` written as
  the export tool writes it (``15 March 2024``), 85% of rows at day precision,
  10% week, 5% month; actors, event types and governorates drawn from short
  lists of names as ACLED spells them;
- a UCDP GED file in the 49-column layout of GED 23.1 and later, ISO dates,
  headlines made from templates of the length of real ones (mean ~150
  characters), so that the headline classifier does real work.

Every identifier starts with ``SYN`` and every note or headline with
``SYNTHETIC``: no row can pass for a real event.  The values are plausible in
shape only; the events, places and numbers are invented.

Run ``python benchmarks/generate_sources.py 200000`` to write both files to
``benchmarks/data/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: make `analysis` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.config import BENCHMARKS_DIR
from analysis.sources.acled import ACLED_COLUMNS
from analysis.sources.ucdp import GED_231_COLUMNS

DATA_DIR = BENCHMARKS_DIR / "data"
"""Where generated files go (git-ignored)."""

FIRST_DAY = np.datetime64("2017-01-01", "D")
DAYS = 8 * 365

_PLACES = (
    # (location, ACLED admin1, UCDP adm_1, latitude, longitude): invented pairings
    ("Tadmor", "Homs", "Homs governorate", 34.56, 38.28),
    ("Al Sukhnah", "Homs", "Homs governorate", 34.88, 38.87),
    ("Al Mayadin", "Deir ez Zor", "Deir ez Zor governorate", 35.02, 40.45),
    ("Hajin", "Deir ez Zor", "Deir ez Zor governorate", 34.69, 40.83),
    ("Resafa", "Ar-Raqqa", "Ar Raqqah governorate", 35.63, 38.76),
    ("Ithriya", "Hama", "Hamah governorate", 35.35, 37.76),
    ("Khanasser", "Aleppo", "Aleppo governorate", 35.78, 37.50),
    ("Saraqab", "Idleb", "Idlib governorate", 35.86, 36.80),
    ("Douma", "Rural Damascus", "Rif Dimashq governorate", 33.57, 36.40),
)

_ACLED_KINDS = (
    # (disorder_type, event_type, sub_event_type, actor1, inter1, actor2, inter2)
    ("Political violence", "Explosions/Remote violence", "Air/drone strike",
     "Military Forces of Russia (2000-)", "External/Other forces",
     "Islamic State (Syria)", "Rebel group"),
    ("Political violence", "Violence against civilians", "Attack",
     "Islamic State (Syria)", "Rebel group", "Civilians (Syria)", "Civilians"),
    ("Political violence", "Battles", "Armed clash",
     "Islamic State (Syria)", "Rebel group", "Military Forces of Syria (2000-2024)",
     "State forces"),
    ("Political violence", "Battles", "Armed clash",
     "QSD: Syrian Democratic Forces", "Rebel group", "Islamic State (Syria)", "Rebel group"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Unidentified Armed Group (Syria)", "Rebel group", "Military Forces of Syria (2000-2024)",
     "State forces"),
    ("Strategic developments", "Strategic developments", "Other",
     "Military Forces of Syria (2000-2024)", "State forces", "", ""),
    ("Demonstrations", "Protests", "Peaceful protest",
     "Protesters (Syria)", "Protesters", "", ""),
)
_ACLED_WEIGHTS = (0.2, 0.15, 0.2, 0.1, 0.15, 0.1, 0.1)

_NOTE_TEMPLATES = (
    "SYNTHETIC: On {d} {m}, fighters were reported near {p}; {k} people were said to be "
    "killed. The report is invented for a benchmark and names no real event.",
    "SYNTHETIC: Government forces and allied militias launched a combing operation in the "
    "desert east of {p} on {d} {m}. No casualties were invented for this row.",
    "SYNTHETIC: Aircraft struck positions around {p} on {d} {m}, according to an invented "
    "source; {k} fatalities are a random number drawn for the benchmark.",
    "SYNTHETIC: An explosive device went off on a road near {p} on {d} {m}, killing {k}. "
    "This note is made up by a random number generator.",
)

_HEADLINE_TEMPLATES = (
    "SYNTHETIC: Warplanes target positions near {p}, {k} killed",
    "SYNTHETIC: IS ambush kills {k} soldiers near {p}; clashes continue in the desert",
    "SYNTHETIC: Clashes between government forces and insurgents around {p} leave {k} dead",
    "SYNTHETIC: Security campaign sweeps the desert east of {p} after attacks on {d} {m}",
    "SYNTHETIC: Explosive device kills {k} civilians on a road near {p}; an invented "
    "headline of the length of a real one, made for a benchmark",
)

_UCDP_SIDES = (
    # (type_of_violence, conflict_name, side_a, side_b)
    ("1", "Syria: Government", "Government of Syria", "Syrian insurgents"),
    ("1", "Syria: IS", "Government of Syria", "IS"),
    ("2", "IS - SDF", "IS", "SDF"),
    ("3", "IS - Civilians", "IS", "Civilians"),
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _texts(templates: tuple[str, ...], rng: np.random.Generator, n: int,
           places: np.ndarray, deaths: np.ndarray) -> list[str]:
    kind = rng.integers(0, len(templates), n)
    day = rng.integers(1, 29, n)
    month = rng.integers(0, 12, n)
    return [templates[t].format(d=d, m=_MONTHS[m], p=p, k=k)
            for t, d, m, p, k in zip(kind, day, month, places, deaths, strict=True)]


def acled_synthetic(n: int, *, seed: int = 0) -> pd.DataFrame:
    """Make ``n`` SYNTHETIC rows of an ACLED export (current 31-column layout), as strings.

    Examples
    --------
    >>> rows = acled_synthetic(5)
    >>> list(rows.columns) == list(ACLED_COLUMNS), rows["event_id_cnty"].str.startswith("SYN").all()
    (True, True)
    """
    rng = np.random.default_rng(seed)
    days = FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")
    dates = pd.DatetimeIndex(days)
    kinds = rng.choice(len(_ACLED_KINDS), n, p=_ACLED_WEIGHTS)
    kind = [_ACLED_KINDS[k] for k in kinds]
    place = [_PLACES[i] for i in rng.integers(0, len(_PLACES), n)]
    deaths = rng.poisson(1.5, n)
    frame = pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{i}" for i in range(1, n + 1)],
            "event_date": dates.strftime("%d %B %Y"),
            "year": dates.year.astype(str),
            "time_precision": rng.choice(["1", "2", "3"], n, p=[0.85, 0.10, 0.05]),
            "disorder_type": [k[0] for k in kind],
            "event_type": [k[1] for k in kind],
            "sub_event_type": [k[2] for k in kind],
            "actor1": [k[3] for k in kind],
            "assoc_actor_1": "",
            "inter1": [k[4] for k in kind],
            "actor2": [k[5] for k in kind],
            "assoc_actor_2": "",
            "inter2": [k[6] for k in kind],
            "interaction": [f"{k[4]}-{k[6]}" if k[6] else k[4] for k in kind],
            "civilian_targeting": "",
            "iso": "760",
            "region": "Middle East",
            "country": "Syria",
            "admin1": [p[1] for p in place],
            "admin2": "",
            "admin3": "",
            "location": [p[0] for p in place],
            "latitude": [f"{p[3] + d:.4f}" for p, d in zip(place, rng.normal(0, 0.05, n),
                                                           strict=True)],
            "longitude": [f"{p[4] + d:.4f}" for p, d in zip(place, rng.normal(0, 0.05, n),
                                                            strict=True)],
            "geo_precision": rng.choice(["1", "2", "3"], n),
            "source": "Synthetic Source",
            "source_scale": "National",
            "notes": _texts(_NOTE_TEMPLATES, rng, n, np.array([p[0] for p in place]), deaths),
            "fatalities": deaths.astype(str),
            "tags": "",
            "timestamp": (1_700_000_000 + rng.integers(0, 10**7, n)).astype(str),
        }
    )
    return frame[list(ACLED_COLUMNS)]


def ucdp_synthetic(n: int, *, seed: int = 0) -> pd.DataFrame:
    """Make ``n`` SYNTHETIC rows of a UCDP GED file (49-column layout of GED >= 23.1).

    Examples
    --------
    >>> rows = ucdp_synthetic(5)
    >>> list(rows.columns) == list(GED_231_COLUMNS), rows["source_headline"].str.startswith(
    ...     "SYNTHETIC").all()
    (True, True)
    """
    rng = np.random.default_rng(seed + 1)
    start = FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")
    date_prec = rng.choice(["1", "2", "3", "4", "5"], n, p=[0.7, 0.1, 0.1, 0.07, 0.03])
    width = np.select([date_prec == "1", date_prec == "2", date_prec == "3", date_prec == "4"],
                      [0, 3, 6, 29], 200)
    end = start + width.astype("timedelta64[D]")
    sides = [_UCDP_SIDES[i] for i in rng.integers(0, len(_UCDP_SIDES), n)]
    place = [_PLACES[i] for i in rng.integers(0, len(_PLACES), n)]
    deaths = rng.poisson(2.0, (n, 4))
    best = deaths.sum(axis=1)
    ids = np.arange(1, n + 1)
    frame = pd.DataFrame(
        {
            "id": ids.astype(str),
            "relid": [f"SYN-{i}" for i in ids],
            "year": pd.DatetimeIndex(start).year.astype(str),
            "active_year": "1",
            "code_status": "Clear",
            "type_of_violence": [s[0] for s in sides],
            "conflict_dset_id": "299",
            "conflict_new_id": "299",
            "conflict_name": [s[1] for s in sides],
            "dyad_dset_id": "1",
            "dyad_new_id": "1",
            "dyad_name": [f"{s[2]} - {s[3]}" for s in sides],
            "side_a_dset_id": "1",
            "side_a_new_id": "1",
            "side_a": [s[2] for s in sides],
            "side_b_dset_id": "2",
            "side_b_new_id": "2",
            "side_b": [s[3] for s in sides],
            "number_of_sources": "1",
            "source_article": "SYNTHETIC article",
            "source_office": "Synthetic Office",
            "source_date": pd.DatetimeIndex(start).strftime("%Y-%m-%d"),
            "source_headline": _texts(_HEADLINE_TEMPLATES, rng, n,
                                      np.array([p[0] for p in place]), best),
            "source_original": "Synthetic Source",
            "where_prec": "1",
            "where_coordinates": [f"{p[0]} town" for p in place],
            "where_description": "",
            "adm_1": [p[2] for p in place],
            "adm_2": "",
            "latitude": [f"{p[3]:.6f}" for p in place],
            "longitude": [f"{p[4]:.6f}" for p in place],
            "geom_wkt": "",
            "priogrid_gid": "179714",
            "country": "Syria",
            "country_id": "652",
            "region": "Middle East",
            "event_clarity": "1",
            "date_prec": date_prec,
            "date_start": pd.DatetimeIndex(start).strftime("%Y-%m-%d"),
            "date_end": pd.DatetimeIndex(end).strftime("%Y-%m-%d"),
            "deaths_a": deaths[:, 0].astype(str),
            "deaths_b": deaths[:, 1].astype(str),
            "deaths_civilians": deaths[:, 2].astype(str),
            "deaths_unknown": deaths[:, 3].astype(str),
            "best": best.astype(str),
            "high": (best + rng.integers(0, 3, n)).astype(str),
            "low": np.maximum(best - rng.integers(0, 3, n), 0).astype(str),
            "gwnoa": "652",
            "gwnob": "",
        }
    )
    return frame[list(GED_231_COLUMNS)]


def source_path(source: str, n: int) -> Path:
    """Where the SYNTHETIC file of a source (``acled`` or ``ucdp``) with ``n`` rows goes."""
    return DATA_DIR / f"synthetic_{source}_{n}.csv"


def write_sources(n: int, *, seed: int = 0) -> dict[str, Path]:
    """Write (once) the SYNTHETIC ACLED and UCDP files of ``n`` rows; return their paths."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    paths = {}
    for source, make in (("acled", acled_synthetic), ("ucdp", ucdp_synthetic)):
        path = source_path(source, n)
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            make(n, seed=seed).to_csv(tmp, index=False)
            tmp.replace(path)
        paths[source] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="rows per file")
    args = parser.parse_args(argv)
    for source, path in write_sources(args.n).items():
        print(f"{source}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
