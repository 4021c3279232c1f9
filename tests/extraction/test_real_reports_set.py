"""The real-report evaluation set: gold.jsonl is well formed, and the scorer checks texts.

The set ships facts only (address, outlet, day, length, checksum, records); the
articles' text stays with the reader.  These tests read the shipped file and run
the scoring script's text check on texts generated here (synthetic strings, not
report text).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys

import pandas as pd
import pytest

import analysis as an

DATA = an.ROOT_DIR / "tests" / "data" / "real_reports"
GOLD = DATA / "gold.jsonl"
SCRIPT = an.ROOT_DIR / "scripts" / "score_real_reports.py"
FIELDS = {
    "id",
    "split",
    "url",
    "outlet",
    "published",
    "language",
    "length",
    "sha256",
    "tags",
    "records",
    "notes",
}
RECORD_FIELDS = {
    "event_type",
    "date_start",
    "date_end",
    "count",
    "count_low",
    "count_high",
    "location",
    "admin1",
    "actor",
    "is_aggregate",
    "evidence_start",
    "evidence_end",
    "notes",
}
TAGS = {
    "headline_retell",
    "total_breakdown",
    "running_mention",
    "count_phrasing",
    "date_away",
    "place_leak",
    "place_cut",
    "gazetteer_missing",
    "admin1_trap",
    "vocabulary",
    "non_event",
    "plain",
}


@pytest.fixture(scope="module")
def gold():
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_passage_has_the_fields_and_no_article_text(gold):
    assert len(gold) >= 40
    for item in gold:
        assert set(item) == FIELDS, item["id"]
        assert item["language"] == "ar"
        assert item["split"] in {"tune", "heldout", "fresh"}
        assert re.fullmatch(r"[0-9a-f]{64}", item["sha256"]), item["id"]
        assert isinstance(item["length"], int)
        assert item["length"] > 0
        assert item["url"].startswith(("http://", "https://"))
        assert item["tags"], item["id"]
        assert set(item["tags"]) <= TAGS, item["id"]
        day = dt.date.fromisoformat(item["published"])
        assert dt.date(2019, 1, 1) <= day <= dt.date(2024, 12, 31)
        for rec in item["records"]:
            assert set(rec) == RECORD_FIELDS, item["id"]
            assert 0 <= rec["evidence_start"] < rec["evidence_end"] <= item["length"]


def test_ids_and_checksums_are_unique(gold):
    assert len({g["id"] for g in gold}) == len(gold)
    assert len({g["sha256"] for g in gold}) == len(gold)


def test_both_halves_hold_records_and_no_event_passages(gold):
    for split in ("tune", "heldout", "fresh"):
        half = [g for g in gold if g["split"] == split]
        assert sum(len(g["records"]) for g in half) >= 35, split
        assert any(not g["records"] for g in half), split
    assert sum(len(g["records"]) for g in gold) >= 70


def test_records_validate_as_event_records(gold):
    rows = []
    for item in gold:
        for k, rec in enumerate(item["records"]):
            row = {key: rec[key] for key in RECORD_FIELDS - {"is_aggregate"}}
            row.update(
                event_id=f"{item['id']}-{k}",
                is_aggregate=rec["is_aggregate"],
                published=item["published"],
                source_url=item["url"],
                source=item["outlet"],
            )
            rows.append(row)
    result = an.validate_events(pd.DataFrame(rows))
    assert result.rejects.empty, result.problems.to_string()
    assert len(result.events) == len(rows)


def test_record_windows_end_by_publication(gold):
    for item in gold:
        for rec in item["records"]:
            assert rec["date_start"] <= rec["date_end"] <= item["published"], item["id"]


def _script():
    name = "score_real_reports"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_the_scorer_keeps_matching_texts_and_reports_the_others(tmp_path):
    script = _script()
    good, bad = "نص تجريبي أول", "نص تجريبي ثان"  # generated here, not report text
    gold = [
        {"id": "a", "length": len(good), "sha256": script.sha256(good)},
        {"id": "b", "length": len(bad), "sha256": script.sha256(bad)},
        {"id": "c", "length": 3, "sha256": "0" * 64},
    ]
    (tmp_path / "a.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b.txt").write_text(bad + " ", encoding="utf-8")
    check = script.check_texts(gold, tmp_path)
    assert check.texts == {"a": good}
    assert [m.split(":")[0] for m in check.mismatched] == ["b"]
    assert [m.split(":")[0] for m in check.missing] == ["c"]
