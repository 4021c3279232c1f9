"""Counting: event records into complete daily, weekly and monthly counts.

- :mod:`~analysis.counting.core`: :func:`count_events` and :func:`count_report`.
- :mod:`~analysis.counting.scaling`: the same counts from a Dask DataFrame,
  partition by partition.

Examples
--------
>>> from analysis import counting
>>> counting.ALLOCATIONS
('spread', 'spread_integer', 'start', 'end')
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "count_events": "analysis.counting.core",
        "count_report": "analysis.counting.core",
        "CountReport": "analysis.counting.core",
        "ALLOCATIONS": "analysis.counting.core",
        "FREQ_ALIASES": "analysis.counting.core",
        "COUNT_COLUMNS": "analysis.counting.core",
        "count_events_dask": "analysis.counting.scaling",
    },
)
