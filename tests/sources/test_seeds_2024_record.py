"""The 2024 event record: added rows, further reports, amendments and the merged file.

The numbers the record promises (dated launches, records dated 2024, distinct
report URLs) are computed here from the files, so that a change to any seed
file that breaks them fails a test.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re

import pandas as pd
import pytest

import analysis as an
from analysis.config import BADIA_2024_DIR, BADIA_2024_EVENTS_RAW, ROOT_DIR
from analysis.sources.provenance import compute_sha256, sidecar_path

ADDED = BADIA_2024_DIR / "badia_2024_events_added.csv"
SOURCES = BADIA_2024_DIR / "badia_2024_event_sources.csv"
AMENDMENTS = BADIA_2024_DIR / "badia_2024_amendments.csv"
RECORD = BADIA_2024_DIR / "events_2024_record.csv"
NEW_FILES = (ADDED, SOURCES, AMENDMENTS, RECORD)

# What the record promises: launches dated within windows of at most 14 days, from
# December 2023 to October 2024; records dated 2024; distinct report URLs.
LAUNCH_PERIOD = (pd.Timestamp("2023-12-01"), pd.Timestamp("2024-10-31"))
MAX_LAUNCH_WINDOW_DAYS = 14
LAUNCHES_REQUIRED = 7
RECORDS_2024_REQUIRED = 100
URLS_2024_REQUIRED = 80


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _load_build_script():
    path = ROOT_DIR / "scripts" / "build_badia_2024_record.py"
    spec = importlib.util.spec_from_file_location("build_badia_2024_record", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def record() -> pd.DataFrame:
    return an.load_events(RECORD)


@pytest.fixture(scope="module")
def dated_2024(record) -> pd.DataFrame:
    inside = (record["date_start"].dt.year == 2024) & (record["date_end"].dt.year == 2024)
    return record[inside]


def test_merged_record_validates_with_no_rejects():
    checked = an.validate_events(_read(RECORD), source=RECORD)
    assert len(checked.rejects) == 0, checked.problems.to_string()
    assert len(checked.events) == len(_read(BADIA_2024_EVENTS_RAW)) + len(_read(ADDED))


def test_build_script_reproduces_the_committed_record():
    script = _load_build_script()
    assert script.build_record_csv() == RECORD.read_text(encoding="utf-8")


def test_every_record_has_a_url(record):
    assert record["source_url"].notna().all()
    assert record["source_url"].str.match(r"https?://\S+$").all()
    for urls in record["other_urls"].fillna(""):
        assert all(re.match(r"https?://\S+$", u) for u in urls.split(";") if u)


def test_other_urls_never_repeat_the_source_url(record):
    for own, others in zip(record["source_url"], record["other_urls"].fillna(""), strict=True):
        listed = [u for u in others.split(";") if u]
        assert own not in listed
        assert len(listed) == len(set(listed))


def test_acceptance_records_and_urls_dated_2024(dated_2024):
    assert len(dated_2024) >= RECORDS_2024_REQUIRED
    assert dated_2024["source_url"].nunique() >= URLS_2024_REQUIRED


def _launches(record):
    sweeps = record[record["event_type"] == "sweep"]
    lo, hi = LAUNCH_PERIOD
    return sweeps[(sweeps["date_start"] >= lo) & (sweeps["date_end"] <= hi)]


def test_at_least_seven_launches_are_dated_within_fourteen_days(record):
    launches = _launches(record)
    widths = (launches["date_end"] - launches["date_start"]).dt.days + 1
    assert (widths <= MAX_LAUNCH_WINDOW_DAYS).all(), launches[
        ["event_id", "date_start", "date_end"]
    ]
    assert len(launches) >= LAUNCHES_REQUIRED


def test_the_june_launch_window_holds_both_reports(record):
    june = record.set_index("event_id").loc["B24-047"]
    assert june["date_start"] == pd.Timestamp("2024-06-01")
    assert june["date_end"] == pd.Timestamp("2024-06-13")  # Bissan FM's 13 June
    assert june["date_start"] <= pd.Timestamp("2024-06-05")  # Al-Watan: over a week before
    assert june["amended"] == "date_start;date_end;date_precision"


def test_added_rows_keep_the_sample_layout_and_new_ids():
    added, sample = _read(ADDED), _read(BADIA_2024_EVENTS_RAW)
    assert list(added.columns) == [*sample.columns, "other_urls", "coding"]
    assert set(added["event_id"]).isdisjoint(sample["event_id"])
    assert added["event_id"].is_unique
    assert all(re.fullmatch(r"B24-1\d\d", e) for e in added["event_id"])
    assert set(added["coding"]) <= {"machine-read, reviewed", "hand-coded"}


def test_further_reports_name_sample_events_and_new_urls():
    sources, sample = _read(SOURCES), _read(BADIA_2024_EVENTS_RAW)
    assert set(sources["event_id"]) <= set(sample["event_id"])
    own = dict(zip(sample["event_id"], sample["source_url"], strict=True))
    for row in sources.itertuples():
        assert row.url.startswith("http")
        assert row.url != own[row.event_id]
    assert not sources.duplicated(["event_id", "url"]).any()


def test_amendments_name_the_sample_values_they_replace():
    amendments, sample = _read(AMENDMENTS), _read(BADIA_2024_EVENTS_RAW).set_index("event_id")
    for a in amendments.itertuples():
        assert sample.loc[a.event_id, a.column] == a.old_value
        assert a.reason.strip()
        assert a.url.startswith("http")


def test_an_amendment_whose_old_value_is_stale_stops_the_build():
    script = _load_build_script()
    sample = _read(BADIA_2024_EVENTS_RAW)
    stale = _read(AMENDMENTS)
    stale.loc[0, "old_value"] = "1999-01-01"
    with pytest.raises(ValueError, match="old_value"):
        script.apply_amendments(sample, stale)


def test_dozens_gives_a_lower_bound_of_twenty(record):
    row = record.set_index("event_id").loc["B24-154"]
    assert pd.isna(row["count"])
    assert row["count_low"] == 20
    assert pd.isna(row["count_high"])


_PREFIX = re.compile(
    r"^(near|north of|south of|east of|west of|north-east of|north-west of|"
    r"south-east of|south-west of|outskirts of|between)\s+"
)
_SUFFIX = re.compile(
    r"\s+(desert|deserts|countryside|area|range|ridge|road|city|town|village|province)$"
)
_TOO_WIDE = {"", "homs", "eastern homs", "deir ez-zor", "raqqa", "hama", "central syria"}


def _place_keys(location: str) -> set[str]:
    keys = set()
    for part in (location or "").split(";"):
        key = re.sub(r"\(.*?\)", "", part).strip().lower()
        key = _PREFIX.sub("", key)
        key = _SUFFIX.sub("", _SUFFIX.sub("", key)).replace("al-", "").strip()
        keys.add(key)
    return keys - _TOO_WIDE


def test_no_event_is_in_two_files_without_a_note(record):
    rows = record.assign(location=record["location"].fillna(""), notes=record["notes"].fillna(""))
    unnoted = []
    for a, b in itertools.combinations(rows.to_dict("records"), 2):
        if a["origin"] == b["origin"] or a["event_type"] != b["event_type"]:
            continue
        if a["date_start"] > b["date_end"] or b["date_start"] > a["date_end"]:
            continue
        if not _place_keys(a["location"]) & _place_keys(b["location"]):
            continue
        if a["event_id"] not in b["notes"] and b["event_id"] not in a["notes"]:
            unnoted.append((a["event_id"], b["event_id"]))
    assert unnoted == []


_QUOTED = re.compile(r"(?:^|[\s(])'([^']+?)'(?=[\s.,;:)]|$)")  # not possessives


def test_notes_quote_no_more_than_a_short_phrase():
    texts = [*_read(ADDED)["notes"], *_read(SOURCES)["notes"], *_read(AMENDMENTS)["reason"]]
    for text in texts:
        for quoted in _QUOTED.findall(text):
            assert len(quoted.split()) <= 6, quoted


@pytest.mark.parametrize("path", NEW_FILES, ids=lambda p: p.name)
def test_new_sidecars_match_their_files_and_state_coverage(path):
    meta = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert meta["sha256"] == compute_sha256(path)
    assert list(meta["columns"]) == list(_read(path).columns)
    coverage = meta["coverage"]
    assert pd.Timestamp(coverage["start"]) <= pd.Timestamp(coverage["end"])
    assert coverage["note"].strip()
