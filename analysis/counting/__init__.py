"""Counting: event records into complete daily, weekly and monthly counts.

- :mod:`~analysis.counting.count`: :func:`count_events` and :func:`count_report`,
  what a caller uses.
- :mod:`~analysis.counting.options`: the options of a count, checked in one
  place (:data:`ALLOCATIONS`, :data:`FREQ_ALIASES`, :data:`MULTI`,
  :data:`COUNT_COLUMNS`).
- :mod:`~analysis.counting.parts`, :mod:`~analysis.counting.engine`,
  :mod:`~analysis.counting.finishing`: the steps, from records read into
  arrays to difference arrays to the count frame and its :class:`CountReport`.
- :mod:`~analysis.counting.scaling`: the same counts from a Dask DataFrame,
  partition by partition.

Each module imports only the ones listed before it (``count`` reaches
``scaling`` lazily, for a Dask frame only).

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
        "count_events": "analysis.counting.count",
        "count_report": "analysis.counting.count",
        "CountReport": "analysis.counting.finishing",
        "ALLOCATIONS": "analysis.counting.options",
        "FREQ_ALIASES": "analysis.counting.options",
        "MULTI": "analysis.counting.options",
        "COUNT_COLUMNS": "analysis.counting.options",
        "count_events_dask": "analysis.counting.scaling",
    },
)
