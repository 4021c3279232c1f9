"""Build the merged 2024 event record: the sample, its amendments, the added rows.

Reads, in ``seeds/badia_2024/`` (all kept exactly as gathered, never edited):

- ``badia_2024_events.csv``: the 72-row sample, converted with
  ``scripts/convert_badia_events.py`` (the same rules, the same code);
- ``badia_2024_amendments.csv``: documented corrections of sample rows (one
  row per changed column: ``event_id, column, old_value, new_value, reason,
  url``).  Each is applied here only if the sample still holds ``old_value``;
- ``badia_2024_events_added.csv``: the rows added in the 2024 record drive, in
  the sample's layout plus ``other_urls`` and ``coding``;
- ``badia_2024_event_sources.csv``: further reports of the same events
  (``event_id, url, outlet, published, notes``), merged into ``other_urls``.

and writes ``seeds/badia_2024/events_2024_record.csv``: every record in the
schema of :mod:`analysis.records.schema` (the columns of ``events.csv``) followed by

- ``other_urls``: the record's other reports, ";"-separated, without repeats
  and without its ``source_url``;
- ``coding``: ``machine-read, reviewed`` or ``hand-coded`` for added rows,
  ``sample`` for the rows of the sample (coded before this drive);
- ``origin``: the file the row comes from;
- ``amended``: the columns an amendment changed, else empty.

Counts follow ``convert_bounds`` of the conversion script, plus one wording it
does not need for the sample: ``count_qualifier`` ``dozens`` with an empty
count gives ``count_low`` 20 (extraction/GUIDELINES.md: عشرات).  Anything that
fits no rule stops the build with an error naming the row.  The output is
validated with :func:`analysis.records.validating.validate_events`; a single reject
stops the build.

Usage::

    python scripts/build_badia_2024_record.py           # rewrite events_2024_record.csv
    python scripts/build_badia_2024_record.py --check   # exit 1 if the committed file differs
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd

from analysis.config import BADIA_2024_DIR, BADIA_2024_EVENTS_RAW
from analysis.records.validating import EventValidationError, validate_events

ADDED = BADIA_2024_DIR / "badia_2024_events_added.csv"
"""The rows added in the 2024 record drive (raw layout + other_urls, coding)."""
SOURCES = BADIA_2024_DIR / "badia_2024_event_sources.csv"
"""Further reports of events already in a file (event_id, url, outlet, published, notes)."""
AMENDMENTS = BADIA_2024_DIR / "badia_2024_amendments.csv"
"""Documented corrections of sample rows."""
RECORD = BADIA_2024_DIR / "events_2024_record.csv"
"""The merged, canonical 2024 record this script writes."""

CODINGS = ("machine-read, reviewed", "hand-coded")
"""Allowed values of ``coding`` in the added rows."""
EXTRA_COLUMNS = ("other_urls", "coding", "origin", "amended")
"""Columns the merged file carries after the schema columns."""
AMENDABLE = ("date_start", "date_end", "date_precision", "places", "governorate", "killed",
             "wounded", "count", "count_qualifier", "notes")
"""Raw columns an amendment may change (identity columns such as event_id may not)."""


def _load_conversion() -> ModuleType:
    """Import ``scripts/convert_badia_events.py`` (the scripts folder is not a package)."""
    path = Path(__file__).with_name("convert_badia_events.py")
    spec = importlib.util.spec_from_file_location("convert_badia_events", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONVERT = _load_conversion()


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def apply_amendments(
    raw: pd.DataFrame, amendments: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Return ``raw`` with the amendments applied, and the changed columns per event_id.

    The input frames are not modified.

    Raises
    ------
    ValueError
        If an amendment names an unknown row or a column it may not change, if
        its ``old_value`` is not the row's current value, or if it has no
        reason or no URL.
    """
    out = raw.copy()
    changed: dict[str, list[str]] = {}
    index = {eid: i for i, eid in enumerate(out["event_id"])}
    for a in amendments.to_dict("records"):
        where = f"{AMENDMENTS.name}, event_id {a['event_id']!r}, column {a['column']!r}"
        if a["event_id"] not in index:
            raise ValueError(f"{where}: no such row in {BADIA_2024_EVENTS_RAW.name}")
        if a["column"] not in AMENDABLE:
            raise ValueError(f"{where}: not an amendable column ({', '.join(AMENDABLE)})")
        if not a["reason"].strip() or not a["url"].strip():
            raise ValueError(f"{where}: an amendment needs a reason and a URL")
        i = index[a["event_id"]]
        current = out.loc[i, a["column"]]
        if current != a["old_value"]:
            raise ValueError(f"{where}: old_value {a['old_value']!r} is not the row's {current!r}")
        out.loc[i, a["column"]] = a["new_value"]
        changed.setdefault(a["event_id"], []).append(a["column"])
    return out, changed


def convert_added(added: pd.DataFrame) -> pd.DataFrame:
    """Convert the added rows like the sample, handling the ``dozens`` wording too.

    Raises
    ------
    ValueError
        If a column is missing, a ``coding`` is not one of :data:`CODINGS`, or a
        row's count fits no rule.
    """
    missing = [c for c in (*CONVERT.RAW_COLUMNS, "other_urls", "coding") if c not in added.columns]
    if missing:
        raise ValueError(f"{ADDED.name}: missing column(s) {missing}")
    bad = added.loc[~added["coding"].isin(CODINGS), "event_id"].tolist()
    if bad:
        raise ValueError(f"{ADDED.name}: coding must be one of {CODINGS}; rows {bad}")
    probe = added[list(CONVERT.RAW_COLUMNS)].copy()
    dozens = (probe["count_qualifier"] == "dozens") & (probe["count"] == "")
    # convert_bounds knows no 'dozens': give it a plural wording for those rows,
    # then set their bounds here and put the row's own notes back.
    probe.loc[dozens, ["count_qualifier", "notes"]] = ["", "several"]
    out = CONVERT.convert_badia_events(probe)
    out["notes"] = added["notes"].to_numpy()
    out.loc[dozens.to_numpy(), ["count", "count_low", "count_high"]] = ["", "20", ""]
    return out


def _merge_urls(own: str, *groups: list[str]) -> str:
    seen: list[str] = []
    for group in groups:
        for item in group:
            url = item.strip()
            if url and url != own and url not in seen:
                seen.append(url)
    return ";".join(seen)


def build_record() -> pd.DataFrame:
    """Return the merged record as strings, columns of ``events.csv`` + :data:`EXTRA_COLUMNS`.

    Raises
    ------
    ValueError
        If an input breaks a rule (see the module docstring), an event_id
        repeats, or an extra URL names an unknown event.
    """
    raw = _read(BADIA_2024_EVENTS_RAW)
    amended_raw, changed = apply_amendments(raw, _read(AMENDMENTS))
    sample = CONVERT.convert_badia_events(amended_raw)
    sample["other_urls"] = ""
    sample["coding"] = "sample"
    sample["origin"] = BADIA_2024_EVENTS_RAW.name
    sample["amended"] = [";".join(changed.get(e, [])) for e in sample["event_id"]]

    added_raw = _read(ADDED)
    added = convert_added(added_raw)
    added["other_urls"] = added_raw["other_urls"].to_numpy()
    added["coding"] = added_raw["coding"].to_numpy()
    added["origin"] = ADDED.name
    added["amended"] = ""

    record = pd.concat([sample, added], ignore_index=True)
    dupes = record.loc[record["event_id"].duplicated(), "event_id"].tolist()
    if dupes:
        raise ValueError(f"event_id repeated across files: {dupes}")

    sources = _read(SOURCES)
    unknown = sorted(set(sources["event_id"]) - set(record["event_id"]))
    if unknown:
        raise ValueError(f"{SOURCES.name}: unknown event_id(s) {unknown}")
    extra = sources.groupby("event_id", sort=False)["url"].apply(list).to_dict()
    record["other_urls"] = [
        _merge_urls(own, str(mine).split(";"), extra.get(eid, []))
        for eid, own, mine in zip(record["event_id"], record["source_url"], record["other_urls"],
                                  strict=True)
    ]
    return record[[*CONVERT.OUTPUT_COLUMNS, *EXTRA_COLUMNS]]


def build_record_csv() -> str:
    """Return the text of ``events_2024_record.csv``, validated against the schema.

    Raises
    ------
    analysis.records.validating.EventValidationError
        If any merged row breaks the schema.
    """
    record = build_record()
    checked = validate_events(record, source=f"{RECORD.name} (built)")
    if len(checked.rejects):
        raise EventValidationError(checked.problems, len(record))
    return record.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``seeds/badia_2024/events_2024_record.csv``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed output differs from a fresh build")
    args = parser.parse_args(argv)
    text = build_record_csv()
    if args.check:
        same = RECORD.exists() and RECORD.read_text(encoding="utf-8") == text
        print(f"{RECORD}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    RECORD.write_text(text, encoding="utf-8")
    print(f"wrote {RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
