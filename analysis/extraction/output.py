"""Records for people and files: beside their evidence, or as CSV and JSON.

Examples
--------
>>> from analysis.extraction import extract_events
>>> recs = extract_events("شنت المقاتلات الروسية أمس 3 غارات على تدمر.", "2024-10-06")
>>> tabulate_evidence(recs)[["evidence", "count"]].values.tolist()
[['أمس 3 غارات على تدمر', '3']]
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    import pandas as pd

OutputFormat = Literal["csv", "json", "jsonl"]
OUTPUT_FORMATS: Final[tuple[str, ...]] = ("csv", "json", "jsonl")


def _describe_count(count: Any, low: Any, high: Any) -> str:
    """Say a count triple in words: ``31``, ``at least 20``, ``about 17``, ``5 to 8``."""
    import pandas as pd

    c, lo, hi = (None if v is None or pd.isna(v) else float(v) for v in (count, low, high))

    def fmt(v: float) -> str:
        return str(int(v)) if v == int(v) else str(v)

    if c is not None and lo == c and hi == c:
        return fmt(c)
    if lo is not None and hi is not None:
        return f"{fmt(lo)} to {fmt(hi)}"
    if lo is not None:
        return f"at least {fmt(lo)}"
    if c is not None:
        return f"about {fmt(c)}"
    return ""


def tabulate_evidence(events: pd.DataFrame) -> pd.DataFrame:
    """Put each record beside the words of the report it rests on, for review.

    Parameters
    ----------
    events : pandas.DataFrame
        Records from :func:`extract_events` (or any frame with the schema's
        columns).  Not modified.

    Returns
    -------
    pandas.DataFrame
        One row per record, in the order of the text: ``evidence`` (the exact
        span), ``offsets`` (``start-end``), ``event_type``, ``window``
        (``YYYY-MM-DD`` or ``first..last``), ``count`` in words (``31``,
        ``at least 20``, ``about 17``, ``5 to 8``), ``places``,
        ``governorates``, ``actor``, ``is_aggregate`` and ``notes``.

    Examples
    --------
    >>> from analysis.extraction import extract_events
    >>> recs = extract_events("شنت المقاتلات الروسية أمس أكثر من 30 غارة على تدمر.",
    ...                       published="2024-10-06")
    >>> print(tabulate_evidence(recs).iloc[0].drop(["evidence", "notes"]).to_string())
    offsets                     22-50
    event_type              airstrike
    window                 2024-10-05
    count                 at least 31
    places                    Palmyra
    governorates                 Homs
    actor           Russian air force
    is_aggregate                False
    """
    import pandas as pd

    def day(v: Any) -> str:
        return "" if v is None or pd.isna(v) else pd.Timestamp(v).date().isoformat()

    def text(v: Any) -> str:
        return "" if v is None or pd.isna(v) else str(v)

    rows = []
    for rec in events.sort_values("evidence_start", kind="stable").to_dict(orient="records"):
        d0, d1 = day(rec["date_start"]), day(rec["date_end"])
        rows.append(
            {
                "evidence": text(rec["evidence"]),
                "offsets": f"{rec['evidence_start']}-{rec['evidence_end']}",
                "event_type": text(rec["event_type"]),
                "window": d0 if d0 == d1 else f"{d0}..{d1}",
                "count": _describe_count(rec["count"], rec["count_low"], rec["count_high"]),
                "places": text(rec["location"]),
                "governorates": text(rec["admin1"]),
                "actor": text(rec["actor"]),
                "is_aggregate": bool(rec["is_aggregate"]),
                "notes": text(rec["notes"]),
            }
        )
    columns = [
        "evidence",
        "offsets",
        "event_type",
        "window",
        "count",
        "places",
        "governorates",
        "actor",
        "is_aggregate",
        "notes",
    ]
    return pd.DataFrame(rows, columns=columns)


def _frame_to_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for rec in frame.to_dict(orient="records"):
        row: dict[str, Any] = {}
        for key, v in rec.items():
            k = str(key)
            if hasattr(v, "isoformat") and not isinstance(v, str):
                row[k] = v.date().isoformat() if hasattr(v, "date") else v.isoformat()
            elif v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("<NA>", "NaT"):
                row[k] = None
            elif hasattr(v, "item"):
                row[k] = v.item()
            else:
                row[k] = v
        rows.append(row)
    return rows


def format_records(frame: pd.DataFrame, fmt: OutputFormat = "csv") -> str:
    """Write records as CSV, a JSON array or JSON lines.

    Parameters
    ----------
    frame : pandas.DataFrame
        Records as returned by :func:`extract_events`.
    fmt : {'csv', 'json', 'jsonl'}
        Output format.  Dates are ISO strings, missing values empty (CSV) or
        null (JSON).

    Returns
    -------
    str

    Examples
    --------
    >>> from analysis.extraction import extract_events
    >>> f = extract_events("غارة روسية اليوم على تدمر", "2024-02-20")
    >>> import json
    >>> json.loads(format_records(f, "jsonl"))["date_start"]
    '2024-02-20'
    """
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    rows = _frame_to_rows(frame)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(frame.columns), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else v for k, v in r.items()})
    return buf.getvalue()
