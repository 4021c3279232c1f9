"""The published totals gathered after the first compilation, their amendments, the merge."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

import analysis as an

ROOT = an.ROOT_DIR


def _load_script(name: str):
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


merge_script = _load_script("merge_reported_totals")
FIRST, ADDED = merge_script.FIRST, merge_script.ADDED
AMENDMENTS, MERGED = merge_script.AMENDMENTS, merge_script.MERGED


@pytest.fixture(scope="module")
def first() -> pd.DataFrame:
    return an.load_reported_totals(FIRST)


@pytest.fixture(scope="module")
def added() -> pd.DataFrame:
    return an.load_reported_totals(ADDED)


@pytest.fixture(scope="module")
def merged() -> pd.DataFrame:
    return an.load_reported_totals(MERGED)


def _raw(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_added_rows_load_with_the_totals_reader_in_the_first_files_columns(added):
    raw = _raw(ADDED)
    assert list(raw.columns) == list(_raw(FIRST).columns)
    assert len(added) == len(raw) > 0
    assert added["value"].tolist() == raw["value"].astype(float).tolist()


@pytest.mark.parametrize("path", [ADDED, AMENDMENTS, MERGED], ids=lambda p: p.name)
def test_sidecar_checksum_matches_the_file(path):
    meta = an.read_provenance(path)
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert list(meta["columns"]) == list(_raw(path).columns)


def test_merged_table_is_what_the_script_writes():
    assert MERGED.read_bytes().decode("utf-8") == merge_script.merge()


def test_merged_table_holds_every_input_row_once_in_order(first, added, merged):
    assert len(merged) == len(first) + len(added)
    origins = [f"{FIRST.name}:{n}" for n in first["line"]] + [
        f"{ADDED.name}:{n}" for n in added["line"]
    ]
    assert merged["origin"].tolist() == origins
    untouched = merged["amendments"] == ""
    raw_first, raw_merged = _raw(FIRST), _raw(MERGED)
    for column in raw_first.columns:
        head = raw_merged[column].iloc[: len(raw_first)]
        assert head[untouched.iloc[: len(raw_first)].to_numpy()].tolist() == (
            raw_first[column][untouched.iloc[: len(raw_first)].to_numpy()].tolist()
        ), column
    assert (
        raw_merged.iloc[len(raw_first) :][raw_first.columns]
        .reset_index(drop=True)
        .equals(_raw(ADDED))
    )


def test_every_amendment_lands_on_the_cell_its_reason_names(merged):
    amendments = _raw(AMENDMENTS)
    assert amendments["amendment_id"].is_unique
    by_line = merged.iloc[: len(_raw(FIRST))].set_index("line")
    for amend in amendments.itertuples():
        row = by_line.loc[int(amend.line)]
        assert row[amend.column] == amend.new_value
        assert amend.amendment_id in row["amendments"].split(";")
        if amend.column == "qualifier":
            # The qualifier amendments are CEP's 'at least' monthly figures for 2024.
            assert row["source"] == "CEP"
            assert row["metric"] in ("attacks", "killed", "wounded")
            assert row["period_start"].strftime("%Y-%m") in amend.reason


def test_no_added_row_repeats_a_figure_of_the_first_file(first, added):
    key = ["source", "metric", "kind", "period_start", "period_end", "area", "value"]
    repeated = added[key].merge(first[key], how="inner")
    assert repeated.empty, repeated


def _cep_months(frame: pd.DataFrame, metric: str) -> set[str]:
    rows = frame[(frame["source"] == "CEP") & (frame["metric"] == metric)]
    rows = rows[(rows["kind"] == "period") & (rows["period_start"].dt.year == 2024)]
    return set(rows["period_start"].dt.strftime("%Y-%m"))


def test_cep_months_with_attacks_reach_the_floor_and_each_has_its_high_quality_count(first, added):
    both = pd.concat([first, added])
    attack_months = _cep_months(both, "attacks")
    assert len(attack_months) >= 9
    assert _cep_months(both, "high_quality_attacks") == attack_months


def test_high_quality_attacks_never_exceed_the_months_attacks(merged):
    cep = merged[(merged["source"] == "CEP") & (merged["kind"] == "period")]
    table = cep.pivot_table(index="period_start", columns="metric", values="value")
    both = table.dropna(subset=["attacks", "high_quality_attacks"])
    assert len(both) >= 9
    assert (both["high_quality_attacks"] <= both["attacks"]).all()


def _sohr_operation_dates(frame: pd.DataFrame) -> set[pd.Timestamp]:
    rows = frame[
        (frame["source"] == "SOHR")
        & (frame["metric"] == "operations")
        & (frame["kind"] == "cumulative")
        & (frame["area"] == "")
    ]
    return set(rows["period_end"])


def test_sohr_operations_snapshots_reach_the_floor_and_the_added_ones_are_new(first, added):
    old, new = _sohr_operation_dates(first), _sohr_operation_dates(added)
    assert len(old | new) >= 15
    assert not old & new  # every added snapshot is a new as-of date


def _negative_intervals(merged: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    sohr = merged[(merged["source"] == "SOHR") & (merged["kind"] == "cumulative")]
    found = set()
    for (metric, area), _ in sohr.groupby(["metric", "area"]):
        implied = an.implied_counts(merged, source="SOHR", metric=metric, area=area)
        for row in implied[implied["count"] < 0].itertuples():
            interval = f"{row.interval_start.date()}..{row.interval_end.date()}"
            found.add((metric, area, interval, row.note))
    return found


def test_implied_counts_fall_only_where_the_sidecar_documents_a_conflict(merged):
    found = _negative_intervals(merged)
    assert all(note for *_, note in found)  # the reader flags every fall
    declared = {
        (c["metric"], c["area"], c["interval"])
        for c in an.read_provenance(MERGED)["conflicts"]
        if c["source"] == "SOHR"
    }
    assert {(m, a, i) for m, a, i, _ in found} == declared


def test_implied_sohr_operations_add_up_to_each_running_total(merged):
    implied = an.implied_counts(merged, source="SOHR", metric="operations")
    rows = merged[
        (merged["source"] == "SOHR")
        & (merged["metric"] == "operations")
        & (merged["kind"] == "cumulative")
        & (merged["area"] == "")
    ].sort_values("period_end")
    assert implied["count"].cumsum().tolist() == rows["value"].tolist()
    assert implied["interval_start"].iloc[0] == pd.Timestamp("2024-01-01")
    gaps = implied["interval_start"].iloc[1:].to_numpy() - implied["interval_end"].iloc[:-1]
    assert (gaps == pd.Timedelta(days=1)).all()


def _months_by_series(path: Path) -> dict[tuple[str, str, str], list[str]]:
    frame = an.load_reported_totals(path)
    frame = frame[frame["area"] == ""]
    out: dict[tuple[str, str, str], set[str]] = {}
    for row in frame.itertuples():
        if row.kind == "period":
            months = pd.period_range(row.period_start, row.period_end, freq="M")
        else:
            months = pd.PeriodIndex([row.period_end], freq="M")
        out.setdefault((row.source, row.metric, row.kind), set()).update(map(str, months))
    return {key: sorted(value) for key, value in out.items()}


@pytest.mark.parametrize("path", [ADDED, MERGED], ids=lambda p: p.name)
def test_declared_coverage_is_the_months_the_file_holds(path):
    coverage = an.read_provenance(path)["coverage"]["series"]
    declared = {(c["source"], c["metric"], c["kind"]): c["months"] for c in coverage}
    assert declared == _months_by_series(path)
    for entry in coverage:
        assert not set(entry.get("not_found", [])) & set(entry["months"])


# --- the merge script refuses what it must ------------------------------------------


@pytest.fixture
def inputs(tmp_path):
    """Copies of the three input files, to break one at a time."""
    for path in (FIRST, ADDED, AMENDMENTS):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _merge(folder: Path) -> str:
    return merge_script.merge(folder / FIRST.name, folder / ADDED.name, folder / AMENDMENTS.name)


def _edit_csv(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_the_copied_inputs_merge_as_the_committed_ones(inputs):
    assert _merge(inputs) == MERGED.read_bytes().decode("utf-8")


def test_an_amendment_whose_old_value_does_not_match_is_refused(inputs):
    def edit(rows):
        rows[1][4] = "about"  # A01's old_value; line 2 holds 'exact'

    _edit_csv(inputs / AMENDMENTS.name, edit)
    with pytest.raises(merge_script.MergeError) as err:
        _merge(inputs)
    message = str(err.value)
    assert "line 2 (A01)" in message
    assert "column 'qualifier' holds 'exact'" in message
    assert "old_value 'about'" in message


def test_an_amendment_of_a_missing_line_or_column_is_refused(inputs):
    def edit(rows):
        rows[1][2] = "999"
        rows[2][3] = "colour"

    _edit_csv(inputs / AMENDMENTS.name, edit)
    with pytest.raises(merge_script.MergeError, match="2 amendment problem") as err:
        _merge(inputs)
    assert "has no row on line 999" in str(err.value)
    assert "'colour': not a column" in str(err.value)


def test_an_added_row_repeating_a_first_file_row_is_refused(inputs):
    with FIRST.open(encoding="utf-8", newline="") as fh:
        repeated = list(csv.reader(fh))[34]  # line 35

    _edit_csv(inputs / ADDED.name, lambda rows: rows.append(repeated))
    with pytest.raises(merge_script.MergeError, match=r"duplicates .* line 35"):
        _merge(inputs)


def test_a_second_running_total_for_an_as_of_date_is_refused(inputs):
    def edit(rows):
        clash = list(rows[1 + 20])  # any cumulative SOHR row of the added file
        assert clash[3] == "cumulative"
        assert clash[0] == "SOHR"
        clash[7] = str(int(clash[7]) + 1)
        rows.append(clash)

    _edit_csv(inputs / ADDED.name, edit)
    with pytest.raises(merge_script.MergeError, match="a second running total as of"):
        _merge(inputs)
