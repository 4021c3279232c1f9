"""The package's public surface: every exported name resolves, import stays light, and
installed without the repository it says where the seeds are."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis import config


def test_every_public_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_function"):
        analysis.no_such_function  # noqa: B018


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, analysis; "
        "heavy = [m for m in ('matplotlib', 'statsmodels', 'seaborn', 'scipy', 'pandera', "
        "'dask', 'pandas') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_readme_example_runs():
    import pandas as pd

    import analysis as an

    events = an.load_events(
        pd.DataFrame(
            {
                "event_id": ["a", "b", "c"],
                "event_type": ["attack", "attack", "airstrike"],
                "date_start": ["2023-11-20", "2024-01-09", "2024-01-10"],
                "date_end": ["2023-11-20", "2024-01-09", "2024-01-12"],
                "count": ["1", "1", "3"],
                "admin1": ["Homs", "Homs;Raqqa", "Raqqa"],
                "killed": ["2", "4", ""],
            }
        )
    )
    coverage = ("2024-01-01", "2024-03-31")
    daily = an.count_events(events, freq="D", coverage=coverage)
    monthly = an.count_events(events, freq="M", coverage=coverage)
    deaths = an.count_events(events, freq="W-FRI", by="admin1", value="killed", coverage=coverage)
    assert daily["count"].sum() == monthly["count"].sum() == 4  # the 2023 record is outside
    assert monthly["period"].dt.strftime("%Y-%m").unique().tolist() == [
        "2024-01",
        "2024-02",
        "2024-03",
    ]
    assert deaths.groupby("admin1")["killed"].sum().to_dict() == {"Homs": 2.0, "Raqqa": 2.0}
    assert deaths["records_no_killed"].sum() > 0
    assert an.count_report(monthly).outside_window == 1
    assert an.load_badia_2024_coverage().start.isoformat() == "2024-01-01"


def test_docs_schema_page_is_what_the_schema_writes():
    from analysis.config import DOCS_DIR
    from analysis.records.schema import schema_markdown

    page = (DOCS_DIR / "schema.md").read_text(encoding="utf-8")
    assert page == schema_markdown(), "regenerate: make docs"


# -- installed from a wheel, without the repository -------------------------------------

INSTALLED_PROBE = """
import pandas as pd
import analysis as an
from analysis import config
print(an.__file__)
print(config.IN_REPOSITORY)
events = an.load_events(pd.DataFrame({"event_id": ["a"], "event_type": ["attack"],
    "date_start": ["2024-01-09"], "date_end": ["2024-01-09"], "count": ["2"]}))
print(an.count_events(events, freq="D")["count"].sum())
for load in (an.load_badia_2024, an.load_places, an.load_totals):
    try:
        print(len(load()))
    except FileNotFoundError as error:
        print("missing:", error)
"""


@pytest.fixture(scope="module")
def site_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package laid out as a wheel installs it: the package folder alone."""
    site = tmp_path_factory.mktemp("site-packages")
    shutil.copytree(
        Path(analysis.__file__).parent, site / "analysis", ignore=shutil.ignore_patterns("__py*")
    )
    return site


def _installed(site: Path, *args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != config.ROOT_ENV}
    env["PYTHONPATH"] = str(site)
    if root is not None:
        env[config.ROOT_ENV] = str(root)
    return subprocess.run(
        [sys.executable, *args],
        cwd=site.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_installed_without_the_repository_the_library_works_and_seeds_are_explained(
    site_packages,
):
    out = _installed(site_packages, "-c", INSTALLED_PROBE)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == str(site_packages / "analysis" / "__init__.py")
    assert lines[1:3] == ["False", "2.0"]
    assert len(lines[3:]) == 3
    for line in lines[3:]:
        assert line.startswith("missing: ")
        assert "badia-analysis repository" in line, line
        assert str(site_packages) in line  # not a path into some other folder


def test_installed_without_the_repository_figures_stop_with_the_reason(site_packages, tmp_path):
    out = _installed(site_packages, "-m", "analysis", "figures", "places_map")
    assert out.returncode == 1
    assert "ship with the badia-analysis repository" in out.stderr
    assert config.ROOT_ENV in out.stderr
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in site_packages.iterdir()) == ["analysis"]  # nothing written


def test_installed_with_badia_analysis_root_the_seeds_are_the_checkout_s(site_packages):
    out = _installed(site_packages, "-c", INSTALLED_PROBE, root=config.ROOT_DIR)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1] == "True"
    assert lines[3] == str(len(analysis.load_badia_2024()))
    assert lines[4] == str(len(analysis.load_places()))
