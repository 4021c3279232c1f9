"""Extraction: Arabic news reports into event records, and the scorer.

- :mod:`~analysis.extraction.arabic`: normalisation with offsets, numbers,
  months and weekdays.
- :mod:`~analysis.extraction.extract`: the rule-based extractor and its command line.
- :mod:`~analysis.extraction.scoring`: extracted records against annotated passages.

Examples
--------
>>> from analysis import extraction
>>> extraction.normalize("غاراتٌ")
'غارات'
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "extract_events": "analysis.extraction.extract",
        "extract_events_batch": "analysis.extraction.extract",
        "extract_records": "analysis.extraction.extract",
        "tabulate_evidence": "analysis.extraction.extract",
        "load_gazetteer": "analysis.extraction.extract",
        "format_records": "analysis.extraction.extract",
        "PUBLISHED_RANGE": "analysis.extraction.extract",
        "score_extractor": "analysis.extraction.scoring",
        "score_records": "analysis.extraction.scoring",
        "compare_records": "analysis.extraction.scoring",
        "load_annotated": "analysis.extraction.scoring",
        "match_records": "analysis.extraction.scoring",
        "normalize": "analysis.extraction.arabic",
        "normalize_text": "analysis.extraction.arabic",
        "parse_number": "analysis.extraction.arabic",
        "parse_month": "analysis.extraction.arabic",
    },
)
