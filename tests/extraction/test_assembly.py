"""Episodes into records (analysis.extraction.assembly)."""

from __future__ import annotations

from analysis.extraction import extract_records


def _triple(rec: dict) -> tuple:
    return rec["count"], rec["count_low"], rec["count_high"]


def test_separate_attacks_are_separate_records_and_anaphora_adds_none():
    text = (
        "قتل خمسة عناصر أمس الخميس بكمين نصبته خلايا داعش قرب الطيبة. وفي هجوم منفصل "
        "مساء الخميس، هاجم عناصر التنظيم مقراً في قرية حسرات. وعلى إثر الهجومين، أطلقت "
        "قوات النظام اليوم الجمعة حملة تمشيط في بادية حمص."
    )
    recs = extract_records(text, "2024-04-19")
    assert [(r["event_type"], r["location"]) for r in recs] == [
        ("attack", "al-Taybah"),
        ("attack", "Hasrat"),
        ("sweep", "Homs"),
    ]


def test_a_summary_block_adds_no_record():
    text = (
        "استمع إلى الملخص\n- نفذت خلايا داعش 17 هجوماً.\n"
        "نفذت خلايا داعش قرابة 17 هجوماً منذ بداية العام في بادية حمص."
    )
    recs = extract_records(text, "2024-10-06")
    assert len(recs) == 1
    assert _triple(recs[0]) == (17.0, None, None)
