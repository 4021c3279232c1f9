"""Records beside their evidence, and as CSV or JSON (analysis.extraction.output)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extraction import extract_events, format_records, tabulate_evidence


def test_format_records_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="format"):
        format_records(extract_events("", "2024-01-01"), "xml")  # type: ignore[arg-type]


def test_tabulate_evidence_puts_each_record_beside_its_words():
    text = (
        "شنت المقاتلات الروسية أمس بين 5 و8 غارات على تدمر. "
        "ونفذت خلايا داعش منذ بداية العام عشرات الهجمات في السخنة."
    )
    recs = extract_events(text, "2024-10-06")
    before = recs.copy()
    table = tabulate_evidence(recs)
    pd.testing.assert_frame_equal(recs, before)
    assert table["event_type"].tolist() == ["airstrike", "attack"]
    assert table["window"].tolist() == ["2024-10-05", "2024-01-01..2024-10-06"]
    assert table["count"].tolist() == ["5 to 8", "at least 20"]
    assert table["is_aggregate"].tolist() == [False, True]
    for row, rec in zip(
        table.itertuples(), recs.sort_values("evidence_start").itertuples(), strict=True
    ):
        start, end = map(int, row.offsets.split("-"))
        assert text[start:end] == row.evidence == rec.evidence
