"""Records: the one event-record model, its validation and loading.

Every stage reads and writes the same record: ``event_id``, the date window
``date_start``..``date_end``, ``count`` with its bounds, place, governorate,
actor, source and evidence (``docs/schema.md``).

- :mod:`~analysis.records.schema`: the columns, their kinds and the supported values.
- :mod:`~analysis.records.dates`: dates, and the windows of a year or a month.
- :mod:`~analysis.records.validating`: :func:`validate_events`, one error for every bad row.
- :mod:`~analysis.records.loading`: :func:`load_events` from CSV or Parquet.
- :mod:`~analysis.records.reading`: raw CSV reading shared with the source readers.

Examples
--------
>>> from analysis import records
>>> records.EVENT_TYPES
('airstrike', 'sweep', 'attack', 'other')
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "COLUMNS": "analysis.records.schema",
        "COLUMN_ORDER": "analysis.records.schema",
        "EVENT_TYPES": "analysis.records.schema",
        "EventType": "analysis.records.schema",
        "validate_events": "analysis.records.validating",
        "EventValidationError": "analysis.records.validating",
        "Validated": "analysis.records.validating",
        "load_events": "analysis.records.loading",
        "LayoutError": "analysis.records.reading",
        "FileFormatError": "analysis.records.reading",
    },
)
