"""Declared coverage: read from a sidecar, carried by the loaders, taken by count_events."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pandas as pd
import pytest

import analysis as an
from analysis.config import BADIA_2024_RECORD, BADIA_2024_REPORTED_TOTALS
from analysis.sources.provenance import Coverage, ProvenanceError, read_coverage, sidecar_path


def test_the_2024_record_declares_2024():
    cov = read_coverage(BADIA_2024_RECORD)
    assert (cov.start, cov.end) == (dt.date(2024, 1, 1), dt.date(2024, 10, 31))
    assert cov.source == BADIA_2024_RECORD
    assert "November" in cov.note
    assert (cov.series, cov.gaps) == (None, ())
    # the sidecar itself may be named
    assert read_coverage(sidecar_path(BADIA_2024_RECORD)) == cov


def test_the_loader_gives_the_record_and_its_coverage():
    events = an.load_badia_2024()
    assert len(events) == 133
    assert events["source_url"].notna().all()
    assert an.load_badia_2024_coverage() == read_coverage(BADIA_2024_RECORD)
    assert isinstance(an.load_badia_2024_coverage(), an.Coverage)
    # the 2023 rows lie before the coverage
    before = events["date_end"] < "2024-01-01"
    assert before.sum() == 4


def test_load_totals_reads_the_merged_totals():
    totals = an.load_totals()
    assert len(totals) == len(an.load_reported_totals(BADIA_2024_REPORTED_TOTALS))
    cep = totals[(totals["source"] == "CEP") & (totals["metric"] == "attacks")]
    assert len(cep) >= 9


def test_a_file_of_several_series_needs_one_picked_and_lists_them():
    with pytest.raises(ProvenanceError, match=r"coverage per series; pick one with series="):
        read_coverage(BADIA_2024_REPORTED_TOTALS)
    with pytest.raises(ProvenanceError, match=r"source=CEP, metric=attacks, kind=period"):
        read_coverage(BADIA_2024_REPORTED_TOTALS)
    with pytest.raises(ProvenanceError, match=r"picks 2 series"):
        read_coverage(BADIA_2024_REPORTED_TOTALS, series={"source": "SOHR", "metric": "killed"})
    with pytest.raises(ProvenanceError, match=r"picks no series"):
        read_coverage(BADIA_2024_REPORTED_TOTALS, series={"source": "ACLED"})


def test_a_series_runs_from_its_first_month_to_its_last_with_its_gaps():
    cep = read_coverage(
        BADIA_2024_REPORTED_TOTALS, series={"source": "CEP", "metric": "attacks", "kind": "period"}
    )
    assert (cep.start, cep.end) == (dt.date(2024, 1, 1), dt.date(2024, 11, 30))
    assert cep.gaps == ("2024-02", "2024-08")
    assert cep.series == "source=CEP, metric=attacks, kind=period"
    assert "Searched without finding: 2024-02, 2024-08" in cep.note
    mei = read_coverage(BADIA_2024_REPORTED_TOTALS, series={"source": "MEI (Charles Lister)"})
    assert (mei.start, mei.end, mei.gaps) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30), ())


def _copy_with_coverage(tmp_path, coverage):
    data = tmp_path / "events.csv"
    shutil.copy(BADIA_2024_RECORD, data)
    meta = json.loads(sidecar_path(BADIA_2024_RECORD).read_text(encoding="utf-8"))
    if coverage is None:
        meta.pop("coverage")
    else:
        meta["coverage"] = coverage
    sidecar_path(data).write_text(json.dumps(meta), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("coverage", "message"),
    [
        (None, r"declares no coverage"),
        ({"start": "2024-01-01"}, r"coverage lacks end"),
        (
            {"start": "2024-13-01", "end": "2024-12-31"},
            r"coverage start '2024-13-01' is not a date",
        ),
        ({"start": "2024-05-01", "end": "2024-04-30"}, r"coverage ends \(2024-04-30\) before"),
    ],
)
def test_a_missing_or_broken_coverage_is_a_clear_error(tmp_path, coverage, message):
    data = _copy_with_coverage(tmp_path, coverage)
    with pytest.raises(ProvenanceError, match=message):
        read_coverage(data)


def test_coverage_is_a_small_frozen_value():
    cov = read_coverage(BADIA_2024_RECORD)
    with pytest.raises(AttributeError):
        cov.start = dt.date(2020, 1, 1)  # type: ignore[misc]
    assert str(cov) == "2024-01-01..2024-10-31 (declared for events_2024_record.csv)"
    assert isinstance(cov, Coverage)


def _seed_sidecars():
    from analysis.config import SEEDS_DIR

    return sorted(SEEDS_DIR.rglob("*.meta.json"))


@pytest.mark.parametrize("side", _seed_sidecars(), ids=lambda p: p.name)
def test_every_seed_declares_its_coverage_or_says_why_it_has_none(side):
    meta = json.loads(side.read_text(encoding="utf-8"))
    declared, none = meta.get("coverage"), meta.get("coverage_none")
    assert (declared is None) != (none is None), f"{side.name}: coverage or coverage_none"
    if none is not None:
        assert len(none) > 20
        with pytest.raises(ProvenanceError, match="declares no coverage"):
            read_coverage(side)
    elif "series" in declared:
        for entry in declared["series"]:
            pick = {k: entry[k] for k in ("source", "metric", "kind")}
            cov = read_coverage(side, series=pick)
            assert cov.start <= cov.end
    else:
        cov = read_coverage(side)
        assert cov.start <= cov.end
        assert cov.note


def test_ucdp_coverage_is_the_release_span_and_holds_every_event():
    from analysis.config import UCDP_GED_SYRIA

    cov = read_coverage(UCDP_GED_SYRIA)
    assert (cov.start, cov.end) == (dt.date(2016, 1, 1), dt.date(2019, 11, 30))
    ucdp = an.load_ucdp_badia()
    assert ucdp["date_start"].min().date() >= cov.start
    assert ucdp["date_end"].max().date() <= cov.end
    counted = an.count_events(ucdp, freq="MS", coverage=cov)
    assert counted["period"].min() == pd.Timestamp("2016-01-01")
    assert counted["period"].max() == pd.Timestamp("2019-11-01")
    report = an.count_report(counted)
    assert (report.records_counted, report.outside_window) == (len(ucdp), 0)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (("2024-01-01",), "must be a Coverage or a"),
        ("2024", "must be a Coverage or a"),
        (("2024-01-01", None), "lacks a day"),
        (("2024-01-01", "soon"), "cannot be read"),
        (("2024-10-31", "2024-01-01"), "ends \\(2024-01-01\\) before it starts \\(2024-10-31\\)"),
    ],
)
def test_one_reading_of_a_coverage_for_counting_campaigns_and_figures(given, message):
    from analysis.sources.provenance import coverage_days

    with pytest.raises(ValueError, match=f"^plot: .*{message}"):
        coverage_days(given, "plot")
    declared = an.load_badia_2024_coverage()
    assert coverage_days(declared) == (declared.start, declared.end)
    assert coverage_days(("2024-01-01", dt.date(2024, 10, 31))) == (declared.start, declared.end)
