"""The package's public surface: every exported name resolves, import stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import analysis


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


def test_the_issue_example_runs():
    import pandas as pd

    import analysis as an

    events = an.load_events(
        pd.DataFrame(
            {
                "event_id": ["a"],
                "event_type": ["attack"],
                "date_start": ["2024-01-09"],
                "date_end": ["2024-01-09"],
                "count": ["1"],
                "admin1": ["Homs"],
            }
        )
    )
    daily = an.count_events(events, freq="D")
    monthly = an.count_events(events, freq="MS", by="admin1")
    assert daily["count"].sum() == monthly["count"].sum() == 1


def test_docs_schema_page_is_what_the_schema_writes():
    from analysis.config import DOCS_DIR
    from analysis.records.schema import schema_markdown

    page = (DOCS_DIR / "schema.md").read_text(encoding="utf-8")
    assert page == schema_markdown(), "regenerate: make docs"
