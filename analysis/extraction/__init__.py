"""Extraction: Arabic news reports into event records, and the scorer.

One module per job, in the order a report goes through them:

- :mod:`~analysis.extraction.arabic`: normalisation with offsets, numbers,
  months and weekdays.
- :mod:`~analysis.extraction.lexicon`: the word lists and phrase patterns of events,
  their conditions, actors, places and page structure, as data.
- :mod:`~analysis.extraction.lexicon_dates_counts`: date phrases and count wording, as data.
- :mod:`~analysis.extraction.structure`: words, the lead summary, sentences, clauses.
- :mod:`~analysis.extraction.scanner`: many patterns found in one pass over the words.
- :mod:`~analysis.extraction.gazetteer`: the gazetteer, its lookup, places in a report.
- :mod:`~analysis.extraction.mentions`: trigger words and their conditions; actors.
- :mod:`~analysis.extraction.counts`: the count and its bounds from the wording.
- :mod:`~analysis.extraction.dates`: date phrases resolved against publication.
- :mod:`~analysis.extraction.layout`: where things are in a report (lines, lead, headings).
- :mod:`~analysis.extraction.episodes`: mentions grouped into units, units into episodes.
- :mod:`~analysis.extraction.assembly`: a report read into records, with evidence.
- :mod:`~analysis.extraction.extract`: the public verbs (records, frames, batches).
- :mod:`~analysis.extraction.output`: records beside their evidence; CSV and JSON.
- :mod:`~analysis.extraction.cli`: ``python -m analysis extract``.
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
        "tabulate_evidence": "analysis.extraction.output",
        "load_gazetteer": "analysis.extraction.gazetteer",
        "format_records": "analysis.extraction.output",
        "PUBLISHED_RANGE": "analysis.extraction.dates",
        "score_extractor": "analysis.extraction.scoring",
        "score_records": "analysis.extraction.scoring",
        "score_by_tag": "analysis.extraction.scoring",
        "score_table": "analysis.extraction.scoring",
        "error_table": "analysis.extraction.scoring",
        "place_canonicalizer": "analysis.extraction.scoring",
        "place_f1": "analysis.extraction.scoring",
        "compare_records": "analysis.extraction.scoring",
        "load_annotated": "analysis.extraction.scoring",
        "match_records": "analysis.extraction.scoring",
        "normalize": "analysis.extraction.arabic",
        "normalize_text": "analysis.extraction.arabic",
        "parse_number": "analysis.extraction.arabic",
        "parse_month": "analysis.extraction.arabic",
    },
)
