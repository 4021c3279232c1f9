"""Conflict events as time series.

``analysis`` turns event records (hand-coded, extracted from Arabic reports,
or read from UCDP and ACLED) into complete daily, weekly and monthly counts of
airstrikes, sweep operations and attacks, keeping each record's window, bounds
and source.

The public functions are imported lazily: ``import analysis`` stays light, and
pandas-heavy, statsmodels and matplotlib code loads on first use.

Examples
--------
>>> import analysis as an
>>> an.EVENT_TYPES
('airstrike', 'sweep', 'attack', 'other')
"""

from __future__ import annotations

import importlib
from typing import Any

from analysis.config import FIGURES_DIR, NOTEBOOKS_DIR, ROOT_DIR, SEEDS_DIR
from analysis.schema import COLUMNS, EVENT_TYPES

__version__ = "0.1.0"

# Public name -> module that defines it.  Add a line here when a module gains a
# public function; `tests/test_api.py` checks that every name resolves.
_LAZY: dict[str, str] = {
    "load_events": "analysis.loading",
    "validate_events": "analysis.validating",
    "EventValidationError": "analysis.validating",
    "Validated": "analysis.validating",
    "count_events": "analysis.counting",
    "count_report": "analysis.counting",
    "CountReport": "analysis.counting",
    "count_events_dask": "analysis.scaling",
    # Seeds, provenance and readers of outside formats.
    "read_provenance": "analysis.provenance",
    "source_line": "analysis.provenance",
    "verify_seeds": "analysis.provenance",
    "ProvenanceError": "analysis.provenance",
    "load_reported_totals": "analysis.totals",
    "implied_counts": "analysis.totals",
    "implied_per_period": "analysis.totals",
    "TotalsError": "analysis.totals",
    "read_ucdp_ged": "analysis.ucdp",
    "read_acled": "analysis.acled",
    "classify_event_type": "analysis.classifying",
    "LayoutError": "analysis._readers",
    # The shipped seeds, prepared for figures and notebooks.
    "BADIA_GOVERNORATES": "analysis.datasets",
    "seed_article_text": "analysis.datasets",
    "load_seed_records": "analysis.datasets",
    "load_badia_2024": "analysis.datasets",
    "load_totals": "analysis.datasets",
    "load_ucdp_badia": "analysis.datasets",
    "load_places": "analysis.datasets",
    # Figures: plot functions, the registry, the interactive explorer.
    "plot_counts": "analysis.plotting",
    "build_figure": "analysis.figures",
    "build_figures": "analysis.figures",
    "save_figure": "analysis.figures",
    "list_figures": "analysis.figures",
    "explore": "analysis.exploring",
    # Statistics for counts.
    "fit_trend": "analysis.trends",
    "TrendFit": "analysis.trends",
    "mann_kendall": "analysis.trends",
    "MannKendall": "analysis.trends",
    "decompose_series": "analysis.trends",
    "Decomposition": "analysis.trends",
    "lead_lag": "analysis.trends",
    "LeadLag": "analysis.trends",
    "detect_changepoints": "analysis.changepoints",
    "Changepoints": "analysis.changepoints",
    "campaigns": "analysis.campaigns",
    "Campaigns": "analysis.campaigns",
    "event_study": "analysis.eventstudy",
    "EventStudy": "analysis.eventstudy",
    "PooledEffect": "analysis.eventstudy",
    "simulate_counts": "analysis.simulate",
    "simulate_campaigns": "analysis.simulate",
    "SYNTHETIC_EVENT_TYPE": "analysis.simulate",
    # Arabic reports into records.
    "extract_events": "analysis.extraction",
    "extract_events_batch": "analysis.extraction",
    "PUBLISHED_RANGE": "analysis.extraction",
    "extract_records": "analysis.extraction",
    "tabulate_evidence": "analysis.extraction",
    "load_gazetteer": "analysis.extraction",
    "format_records": "analysis.extraction",
    "score_extractor": "analysis.scoring",
    "score_records": "analysis.scoring",
    "compare_records": "analysis.scoring",
    "load_annotated": "analysis.scoring",
    "match_records": "analysis.scoring",
    "normalize": "analysis.arabic",
    "normalize_text": "analysis.arabic",
    "parse_number": "analysis.arabic",
    "parse_month": "analysis.arabic",
}

__all__ = [  # noqa: PLE0604  (_LAZY is the one list of lazy names)
    "COLUMNS",
    "EVENT_TYPES",
    "FIGURES_DIR",
    "NOTEBOOKS_DIR",
    "ROOT_DIR",
    "SEEDS_DIR",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    """Import public functions on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
