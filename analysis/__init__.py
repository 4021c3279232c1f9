"""Conflict events as time series.

``analysis`` turns event records (hand-coded, extracted from Arabic reports,
or read from UCDP and ACLED) into complete daily, weekly and monthly counts of
airstrikes, sweep operations and attacks, keeping each record's window, bounds
and source.

The package is grouped by stage, each subpackage with a public face of its own:

- :mod:`analysis.records`: the record model, validation, loading;
- :mod:`analysis.sources`: UCDP, ACLED, published totals, provenance, the shipped seeds;
- :mod:`analysis.counting`: records into complete counts per period;
- :mod:`analysis.stats`: trends, change points, campaigns, event studies, simulators;
- :mod:`analysis.extraction`: Arabic reports into records, and the scorer;
- :mod:`analysis.figures`: plot functions, the figure registry, the explorer.

Every public name of the stages is also here, at the top level, imported
lazily: ``import analysis`` stays light, and pandas-heavy, statsmodels and
matplotlib code loads on first use.

Examples
--------
>>> import analysis as an
>>> an.EVENT_TYPES
('airstrike', 'sweep', 'attack', 'other')
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from analysis.config import FIGURES_DIR, NOTEBOOKS_DIR, ROOT_DIR, SEEDS_DIR

if TYPE_CHECKING:
    import pandas as pd

    from analysis.stats.campaigns import Campaigns

__version__ = "0.1.0"

STAGES = ("records", "sources", "counting", "stats", "extraction", "figures")
"""The stage subpackages, in the order data flows through them."""

# Public name -> the stage face that exports it.  A stage's ``__init__`` is its
# one list of public names; `tests/test_api.py` checks that every name resolves.
_LAZY: dict[str, str] = {
    name: f"analysis.{stage}"
    for stage in STAGES
    for name in importlib.import_module(f"analysis.{stage}").__all__
}


def campaigns(events: pd.DataFrame, **options: Any) -> Campaigns:
    """Find sweep campaigns (deprecated name of :func:`analysis.find_campaigns`).

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events.
    **options
        Passed to :func:`analysis.find_campaigns`.

    Returns
    -------
    Campaigns
        What :func:`analysis.find_campaigns` returns.
    """
    warnings.warn(
        "analysis.campaigns is now analysis.find_campaigns; the old name will go",
        FutureWarning,
        stacklevel=2,
    )
    from analysis.stats.campaigns import find_campaigns

    return find_campaigns(events, **options)


__all__ = [  # noqa: PLE0604  (_LAZY is the one list of lazy names)
    "FIGURES_DIR",
    "NOTEBOOKS_DIR",
    "ROOT_DIR",
    "SEEDS_DIR",
    "STAGES",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    """Import public functions on first access (PEP 562)."""
    face = _LAZY.get(name)
    if face is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(face), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
