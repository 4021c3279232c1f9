"""Scoring extracted records against annotated passages (analysis.extraction.scoring)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.extraction.scoring import (
    compare_records,
    load_annotated,
    match_records,
    score_extractor,
    score_records,
)


def _rec(
    kind="attack",
    start="2024-03-01",
    end=None,
    count=1,
    low=1,
    high=1,
    location="Palmyra",
    admin1="Homs",
    actor="Islamic State",
):
    return {
        "event_type": kind,
        "date_start": start,
        "date_end": end or start,
        "count": count,
        "count_low": low,
        "count_high": high,
        "location": location,
        "admin1": admin1,
        "actor": actor,
    }


def _passage(pid, records):
    return {"id": pid, "published": "2024-03-05", "text": "", "records": records}


def test_records_match_only_by_type_and_overlapping_windows():
    gold = [_rec("attack", "2024-03-01"), _rec("airstrike", "2024-03-02", "2024-03-04")]
    pred = [
        _rec("airstrike", "2024-03-04", "2024-03-05"),  # overlaps on the 4th
        _rec("attack", "2024-03-02"),  # no overlap with the attack
        _rec("sweep", "2024-03-01"),
    ]  # no sweep annotated
    assert match_records(pred, gold) == [(0, 1)]


def test_the_matching_prefers_the_pairing_with_more_agreeing_fields():
    gold = [_rec(count=3, low=3, high=3), _rec(count=1, low=1, high=1)]
    pred = [_rec(count=1, low=1, high=1), _rec(count=3, low=3, high=3)]
    assert match_records(pred, gold) == [(1, 0), (0, 1)]


def test_precision_recall_and_field_rates_count_what_they_say():
    gold = {
        "p1": [_rec(), _rec("airstrike", count=None, low=2, high=None)],
        "p2": [_rec(location="Palmyra;al-Sukhnah", admin1="Homs")],
        "neg": [],
    }
    pred = {
        "p1": [_rec(), _rec("airstrike", count=None, low=2, high=None, location="Palmyra;Homs")],
        "p2": [_rec(location="al-Sukhnah;Palmyra", admin1="Homs", actor="")],
        "neg": [_rec("sweep")],
    }
    passages = [_passage(k, v) for k, v in gold.items()]
    report = score_records(pred, passages)
    assert (report.matched, report.predicted_records, report.gold_records) == (3, 4, 3)
    assert report.precision == pytest.approx(3 / 4)
    assert report.recall == 1.0
    assert report.f1 == pytest.approx(2 * 0.75 / 1.75)
    rates = report.field_rates
    assert rates["window"] == 1.0
    assert rates["count"] == 1.0
    assert rates["places"] == pytest.approx(1 / 3)  # p1 extra place; p2 order differs
    assert rates["places_set"] == pytest.approx(2 / 3)  # the order does not count here
    assert rates["governorates"] == 1.0
    assert rates["actor"] == pytest.approx(2 / 3)
    assert (report.negatives, report.negatives_clean) == (1, 0)


def test_a_passage_with_no_prediction_is_all_misses(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(
        json.dumps(_passage("p1", [_rec()]), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    report = score_extractor(path, extractor=lambda text, published: [])
    assert (report.matched, report.recall) == (0, 0.0)
    assert [m["what"] for m in report.misses] == ["missed record"]
    assert len(load_annotated(path)) == 1


def test_compare_records_puts_pairs_and_leftovers_side_by_side():
    reference = pd.DataFrame([_rec(count=2, low=2, high=2), _rec("sweep", "2024-03-03")])
    extracted = [_rec(count=3, low=3, high=3), _rec("airstrike")]
    before = reference.copy()
    side = compare_records(extracted, reference)
    pd.testing.assert_frame_equal(reference, before)
    assert side["pairing"].tolist() == ["both", "reference only", "extracted only"]
    assert side["event_type"].tolist() == ["attack", "sweep", "airstrike"]
    first = side.iloc[0]
    assert (first["count_extracted"], first["count_reference"]) == (3, 2)
    assert not first["count"]
    assert first["window"]
    assert first["places"]
    assert side.iloc[1][["window", "count"]].isna().all()
