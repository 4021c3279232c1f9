"""Provenance sidecars: reading them, source lines, checksum verification."""

from __future__ import annotations

import json
import shutil

import pytest

from analysis.config import (
    BADIA_2024_EVENTS,
    SEEDS_DIR,
    UCDP_BADIA_MONTHLY_REFERENCE,
    UCDP_GED_SYRIA,
)
from analysis.sources.provenance import (
    REQUIRED_KEYS,
    ProvenanceError,
    compute_sha256,
    list_seed_files,
    read_provenance,
    sidecar_path,
    source_line,
    verify_seeds,
)


def test_every_shipped_seed_file_has_a_matching_sidecar():
    files = verify_seeds()
    names = {p.name for p in files}
    assert {
        "000_d910dc413e6c6c9a.txt",
        "records.csv",
        "badia_2024_events.csv",
        "events.csv",
        "badia_2024_reported_totals.csv",
        "badia_gazetteer.csv",
        "ucdp_ged_syria_2016_2019.csv.gz",
    } <= names
    for path in files:
        meta = read_provenance(path)
        assert set(REQUIRED_KEYS) <= set(meta)
        assert meta["sha256"] == compute_sha256(path)


def test_readme_indexes_every_seed_file():
    readme = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    for path in list_seed_files():
        assert path.relative_to(SEEDS_DIR).as_posix() in readme


def test_source_line_joins_distinct_sources_once():
    line = source_line(UCDP_GED_SYRIA, UCDP_BADIA_MONTHLY_REFERENCE, BADIA_2024_EVENTS)
    assert line.startswith("Data: UCDP GED Syria 19.1 (CC BY 4.0); ")
    assert line.count("UCDP GED Syria") == 1
    assert line.count("Data:") == 1
    assert "badia_2024_events.csv" in line


def test_source_line_needs_a_file():
    with pytest.raises(ValueError, match="at least one"):
        source_line()


@pytest.fixture
def seed_copy(tmp_path):
    """A copy of two seed files with their sidecars."""
    for name in ("ucdp_ged_syria_is_badia_monthly_2016_2019.csv",):
        src = SEEDS_DIR / "ucdp" / name
        shutil.copy(src, tmp_path / name)
        shutil.copy(sidecar_path(src), sidecar_path(tmp_path / name))
    return tmp_path


def test_verify_seeds_passes_on_an_intact_copy(seed_copy):
    assert [p.name for p in verify_seeds(seed_copy)] == [
        "ucdp_ged_syria_is_badia_monthly_2016_2019.csv"
    ]


def test_verify_seeds_catches_a_changed_file(seed_copy):
    path = seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("2019-12,Homs governorate,1,x,1,0,0,0,0\n")
    with pytest.raises(ProvenanceError, match=r"sha256 .* does not match"):
        verify_seeds(seed_copy)


def test_verify_seeds_catches_a_file_without_sidecar(seed_copy):
    (seed_copy / "new.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ProvenanceError, match=r"new\.csv: no provenance sidecar"):
        verify_seeds(seed_copy)


def test_verify_seeds_catches_an_orphan_sidecar(seed_copy):
    (seed_copy / "gone.csv.meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ProvenanceError, match="does not exist"):
        verify_seeds(seed_copy)


def test_verify_seeds_catches_a_wrong_column_dictionary(seed_copy):
    side = sidecar_path(seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv")
    meta = json.loads(side.read_text(encoding="utf-8"))
    del meta["columns"]["kw_air"]
    side.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ProvenanceError, match="columns"):
        verify_seeds(seed_copy)


def test_read_provenance_names_missing_keys(seed_copy):
    side = sidecar_path(seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv")
    meta = json.loads(side.read_text(encoding="utf-8"))
    del meta["licence"], meta["citation"]
    side.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ProvenanceError, match=r"missing key.*licence, citation"):
        read_provenance(seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv")


def test_read_provenance_rejects_bad_json(seed_copy):
    side = sidecar_path(seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv")
    side.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProvenanceError, match="not valid JSON"):
        read_provenance(seed_copy / "ucdp_ged_syria_is_badia_monthly_2016_2019.csv")


def test_sidecars_and_readme_are_what_their_script_writes():
    import importlib.util

    from analysis.config import ROOT_DIR

    path = ROOT_DIR / "scripts" / "write_seed_sidecars.py"
    spec = importlib.util.spec_from_file_location("write_seed_sidecars", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for target, text in script.render_all().items():
        assert target.read_text(encoding="utf-8") == text, target


def test_citation_file_matches_the_package_and_cites_ucdp():
    import tomllib

    import yaml

    from analysis.config import ROOT_DIR

    citation = yaml.safe_load((ROOT_DIR / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == project["project"]["version"]
    assert citation["license"] == project["project"]["license"]
    titles = [r["title"] for r in citation["references"]]
    assert "Introducing the UCDP Georeferenced Event Dataset" in titles
