"""Root-anchored paths: the one place where the project's folders are named.

Notebooks, tests, scripts and the figure registry import these constants
instead of writing paths of their own.

The seeds, figures, notebooks and docs ship with the repository, not with the
installed package (a published report's text is among the seeds, and it is
not ours to redistribute).  In a checkout (``make setup`` installs the
package editable) the paths are the repository's.  Installed from a wheel,
the library works on your own files; the paths below then point to the
repository named by the ``BADIA_ANALYSIS_ROOT`` environment variable, or,
without it, any use of them (opening, reading, listing, writing) raises a
:class:`FileNotFoundError` that says so.

Examples
--------
>>> (SEEDS_DIR / "README.md").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT_ENV: str = "BADIA_ANALYSIS_ROOT"
"""Environment variable naming a checkout, for a package installed from a wheel."""

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent
_ABSENT = f"[badia-analysis repository: not installed, see {ROOT_ENV}]"


def _is_checkout(root: Path) -> bool:
    return (root / "pyproject.toml").is_file() and (root / "seeds").is_dir()


# PosixPath or WindowsPath: pathlib's concrete class of this platform.
class _AbsentRepositoryPath(type(Path())):  # type: ignore[misc]
    """A path of the repository in an installation without it: any use raises, and says why."""

    def __fspath__(self) -> str:
        # No errno: pathlib's exists() and is_file() pass the error on instead of
        # answering False, so every use of the path gives this message.
        raise FileNotFoundError(
            f"{self}: the seeds, figures and notebooks ship with the badia-analysis "
            "repository, not with the installed package. Clone the repository and run "
            f"`make setup` there, or set {ROOT_ENV} to a clone."
        )


def _root() -> Path:
    """Return the checkout of this package, the one ``BADIA_ANALYSIS_ROOT`` names, or none."""
    if _is_checkout(_PACKAGE_PARENT):
        return _PACKAGE_PARENT
    named: Any = os.environ.get(ROOT_ENV)
    if named and _is_checkout(Path(named)):
        return Path(named).resolve()
    # Code that copies the path into a plain Path loses the message above; the
    # folder's name then says it.
    return _AbsentRepositoryPath(_PACKAGE_PARENT / _ABSENT)


ROOT_DIR = _root()
"""The repository root (the folder holding ``pyproject.toml`` and ``seeds/``)."""

IN_REPOSITORY = not isinstance(ROOT_DIR, _AbsentRepositoryPath)
"""Whether the repository's folders are at hand (a checkout, or ``BADIA_ANALYSIS_ROOT``)."""

SEEDS_DIR = ROOT_DIR / "seeds"
"""Immutable input data with provenance sidecars; see ``seeds/README.md``."""

FIGURES_DIR = ROOT_DIR / "figures"
"""Every figure, rebuilt by ``make figures`` (``python -m analysis figures``)."""

NOTEBOOKS_DIR = ROOT_DIR / "notebooks"
"""Thin notebooks that import :mod:`analysis` and display its results."""

BENCHMARKS_DIR = ROOT_DIR / "benchmarks"
"""Benchmark scripts and their committed reports."""

VALIDATION_DIR = ROOT_DIR / "validation"
"""Simulation studies and golden numbers computed by an independent route."""

DOCS_DIR = ROOT_DIR / "docs"
"""Documentation: the schema, methods, classifier and extractor measurements."""

# Seed files.  Each has a ``<file>.meta.json`` provenance sidecar beside it.
SEED_ARTICLE_DIR = SEEDS_DIR / "seed_article"
SEED_ARTICLE_TEXT = SEED_ARTICLE_DIR / "000_d910dc413e6c6c9a.txt"
"""The seed report (Al-Araby Al-Jadeed, October 2024), exactly as given."""
SEED_ARTICLE_RECORDS = SEED_ARTICLE_DIR / "records.csv"
"""The seed report's records, hand-coded by the annotation guidelines."""

BADIA_2024_DIR = SEEDS_DIR / "badia_2024"
BADIA_2024_EVENTS_RAW = BADIA_2024_DIR / "badia_2024_events.csv"
"""The 2024 event sample as gathered (kept unchanged)."""
BADIA_2024_EVENTS = BADIA_2024_DIR / "events.csv"
"""The same sample as canonical records, built by ``scripts/convert_badia_events.py``."""
BADIA_2024_TOTALS = BADIA_2024_DIR / "badia_2024_reported_totals.csv"
"""Published aggregate figures (CEP, SOHR, CENTCOM, the seed report), as first compiled."""
BADIA_2024_RECORD = BADIA_2024_DIR / "events_2024_record.csv"
"""The 2024 record: the sample, its amendments and the added rows, merged by
``scripts/build_badia_2024_record.py``; its sidecar declares its coverage."""
BADIA_2024_REPORTED_TOTALS = BADIA_2024_DIR / "reported_totals.csv"
"""Every published total: the first compilation, its amendments and the added rows,
merged by ``scripts/merge_reported_totals.py``; its sidecar declares each series' coverage."""

GAZETTEER = SEEDS_DIR / "gazetteer" / "badia_gazetteer.csv"
"""Places of the Badia: English and Arabic names, governorate, coordinates."""
GAZETTEER_ADDED = SEEDS_DIR / "gazetteer" / "badia_gazetteer_added.csv"
"""Places (and spellings of shipped places) that published reports name, added to the
gazetteer; :func:`analysis.sources.places.gazetteer_rows` merges the two."""

UCDP_DIR = SEEDS_DIR / "ucdp"
UCDP_GED_SYRIA = UCDP_DIR / "ucdp_ged_syria_2016_2019.csv.gz"
"""UCDP GED Syria release, 2016-01-01..2019-11-30 (CC BY 4.0)."""
UCDP_BADIA_MONTHLY_REFERENCE = UCDP_DIR / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv"
"""Independently derived monthly counts of IS-involved events, to check ours against."""
EXTRACTION_DEV_SET = ROOT_DIR / "tests" / "data" / "extraction_dev.jsonl"
"""The 40 passages annotated with the extraction guidelines (a copy of the shared dev set)."""
EXTRACTION_HELDOUT_SET = ROOT_DIR / "tests" / "data" / "extraction_heldout.jsonl"
"""Synthetic passages composed and annotated for testing the extractor on unseen wording."""
EXTRACTION_PATTERNS_SET = ROOT_DIR / "tests" / "data" / "extraction_patterns.jsonl"
"""Synthetic passages that reproduce, in the project's own words, what published reports do
that the first passages did not (headlines, totals, dates away from the trigger ...)."""
