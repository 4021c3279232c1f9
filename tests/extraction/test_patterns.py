"""What published reports do, on constructed passages (tests/data/extraction_patterns.jsonl).

Each passage reproduces, in the project's own words, one way real reports
differ from the first constructed passages (a headline that retells the body,
a total told with its parts, a date two sentences away, a place cut in two ...);
``scripts/write_extraction_patterns.py`` writes the file.  Every passage is a
test of its own: the extractor must give exactly its annotated records.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys

import pytest

import analysis as an
from analysis.config import EXTRACTION_PATTERNS_SET
from analysis.extraction import extract_records
from analysis.extraction.scoring import load_annotated, score_extractor

SCRIPT = an.ROOT_DIR / "scripts" / "write_extraction_patterns.py"
PASSAGES = load_annotated(EXTRACTION_PATTERNS_SET)


def _script():
    name = "write_extraction_patterns"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_the_file_is_what_the_script_writes_and_every_passage_says_it_is_synthetic():
    assert EXTRACTION_PATTERNS_SET.read_text(encoding="utf-8") == _script().build()
    assert len(PASSAGES) >= 40
    for item in PASSAGES:
        assert item["synthetic"] is True
        assert "not a real report" in item["note"]
        for rec in item["records"]:
            assert item["text"][rec["evidence_start"] : rec["evidence_end"]] == rec["evidence"]


def _key(rec: dict) -> tuple:
    def num(v):
        return None if v is None or math.isnan(v) else float(v)

    return (
        rec["event_type"],
        str(rec["date_start"]),
        str(rec["date_end"]),
        num(rec["count"]),
        num(rec["count_low"]),
        num(rec["count_high"]),
        frozenset(p for p in (rec["location"] or "").split(";") if p),
        bool(rec["is_aggregate"]),
    )


@pytest.mark.parametrize("item", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_each_pattern_gives_exactly_its_records(item):
    got = sorted(map(_key, extract_records(item["text"], item["published"])), key=repr)
    want = sorted(map(_key, item["records"]), key=repr)
    assert got == want, item["pattern"]


def test_the_pattern_set_scores_as_annotated():
    report = score_extractor(EXTRACTION_PATTERNS_SET)
    assert report.f1 == 1.0
    assert report.negatives_clean == report.negatives >= 4
    assert min(report.field_rates[k] for k in ("window", "count", "places_set")) == 1.0
    assert report.overall == 1.0


def test_the_pattern_file_is_json_lines_with_the_annotated_fields():
    for line in EXTRACTION_PATTERNS_SET.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert {"id", "published", "text", "records", "pattern"} <= set(item)
