"""Scoring extracted records against annotated passages (analysis.extraction.scoring)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.extraction.scoring import (
    ERROR_CATEGORIES,
    compare_records,
    error_table,
    load_annotated,
    match_records,
    place_canonicalizer,
    place_f1,
    score_by_tag,
    score_extractor,
    score_records,
    score_table,
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
    # location F1: p1 {Palmyra, Homs} against {Palmyra} is 2/3, the others agree
    assert report.location_f1 == pytest.approx((1 + 2 / 3 + 1) / 3)
    f1 = 2 * 0.75 / 1.75
    assert report.overall == pytest.approx((f1 + 1 + 1 + (1 + 2 / 3 + 1) / 3) / 4)
    assert report.error_categories == {
        "missed record": 0,
        "extra record": 1,
        "window": 0,
        "count": 0,
        "location": 1,
        "negative with records": 1,
    }


def test_error_categories_count_missed_records_and_differing_fields():
    gold = [_rec(), _rec(start="2024-03-03"), _rec("airstrike", count=5, low=5, high=5)]
    pred = [_rec(start="2024-03-01", end="2024-03-02"), _rec("airstrike", count=4, low=4, high=4)]
    report = score_records({"p": pred}, [_passage("p", gold)])
    assert report.error_categories["missed record"] == 1
    assert report.error_categories["window"] == 1
    assert report.error_categories["count"] == 1
    assert report.error_categories["extra record"] == 0
    table = error_table([("set", report)])
    assert table.splitlines()[0] == "| group | " + " | ".join(ERROR_CATEGORIES) + " |"
    assert table.splitlines()[2] == "| set | 1 | 0 | 1 | 1 | 0 | 0 |"


def test_place_f1_compares_place_sets():
    assert place_f1("Palmyra;al-Sukhnah", "al-Sukhnah;Palmyra") == 1.0
    assert place_f1("", "") == 1.0
    assert place_f1("Palmyra", "") == 0.0
    assert place_f1("Palmyra;Homs", "Palmyra") == pytest.approx(2 / 3)


def test_places_compare_in_canonical_form_when_asked():
    gold = [_rec(location="تدمر;قرية مجهولة")]
    pred = [_rec(location="Palmyra;قريه مجهولة")]
    plain = score_records({"p": pred}, [_passage("p", gold)])
    assert plain.location_f1 == 0.0
    canonical = place_canonicalizer()
    assert canonical("بادية تدمر") == "Palmyra"
    same = score_records({"p": pred}, [_passage("p", gold)], canonical)
    assert same.location_f1 == 1.0
    assert same.field_rates["places"] == 1.0


def test_scores_by_tag_count_each_passage_under_each_of_its_tags():
    passages = [
        dict(_passage("a", [_rec()]), tags=["plain", "date_away"]),
        dict(_passage("b", [_rec()]), tags=["date_away"]),
    ]
    pred = {"a": [_rec()], "b": [_rec(start="2024-02-01")]}
    by_tag = score_by_tag(pred, passages)
    assert list(by_tag) == ["date_away", "plain"]
    assert (by_tag["plain"].matched, by_tag["plain"].gold_records) == (1, 1)
    assert (by_tag["date_away"].matched, by_tag["date_away"].gold_records) == (1, 2)
    assert by_tag["plain"].overall == 1.0
    lines = score_table(list(by_tag.items())).splitlines()
    assert lines[2].startswith("| date_away | 2 | 2 / 2 | 0.50 | 0.50 | 0.50 |")
    assert lines[3] == "| plain | 1 | 1 / 1 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 |"


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
