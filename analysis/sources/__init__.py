"""Sources: outside formats and the shipped seeds, read into records.

- :mod:`~analysis.sources.ucdp`, :mod:`~analysis.sources.acled`: UCDP GED and
  ACLED files into event records, checked and mapped a column at a time;
  :func:`read_acled_export` also gives an export's own coverage.
- :mod:`~analysis.sources.places`: the one geography: governorates and their
  spellings in every source, the gazetteer table, the IS actor patterns.
- :mod:`~analysis.sources.classifying`: the event type of a UCDP headline.
- :mod:`~analysis.sources.totals`: published running and period totals, and
  the counts they imply between snapshots.
- :mod:`~analysis.sources.provenance`: the seed sidecars and figure source lines.
- :mod:`~analysis.sources.datasets`: the shipped seeds, read once for figures,
  notebooks and your own analysis.

Examples
--------
>>> from analysis import sources
>>> "read_acled" in sources.__all__
True
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "read_ucdp_ged": "analysis.sources.ucdp",
        "read_acled": "analysis.sources.acled",
        "read_acled_export": "analysis.sources.acled",
        "SourceRecords": "analysis.sources._reading",
        "classify_event_type": "analysis.sources.classifying",
        "classify_event_types": "analysis.sources.classifying",
        "load_reported_totals": "analysis.sources.totals",
        "implied_counts": "analysis.sources.totals",
        "implied_per_period": "analysis.sources.totals",
        "TotalsError": "analysis.sources.totals",
        "read_provenance": "analysis.sources.provenance",
        "read_coverage": "analysis.sources.provenance",
        "Coverage": "analysis.sources.provenance",
        "source_line": "analysis.sources.provenance",
        "verify_seeds": "analysis.sources.provenance",
        "ProvenanceError": "analysis.sources.provenance",
        "BADIA_GOVERNORATES": "analysis.sources.places",
        "GOVERNORATES": "analysis.sources.places",
        "normalise_governorate": "analysis.sources.places",
        "normalise_governorates": "analysis.sources.places",
        "seed_article_text": "analysis.sources.datasets",
        "load_seed_records": "analysis.sources.datasets",
        "load_badia_2024": "analysis.sources.datasets",
        "load_badia_2024_coverage": "analysis.sources.datasets",
        "load_totals": "analysis.sources.datasets",
        "load_ucdp_badia": "analysis.sources.datasets",
        "load_places": "analysis.sources.places",
        "place_mentions": "analysis.sources.places",
    },
)
