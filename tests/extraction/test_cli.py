"""The command python -m analysis extract (analysis.extraction.cli)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pandas as pd
import pytest

from analysis.extraction.cli import cli


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_cli_writes_each_format(tmp_path, fmt):
    report = tmp_path / "report.txt"
    report.write_text("شنت المقاتلات الروسية أمس 3 غارات على تدمر.", encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli(
            [
                str(report),
                "--published",
                "2024-10-06",
                "--format",
                fmt,
                "--source-url",
                "https://example.org/r",
            ]
        )
    assert status == 0
    text = out.getvalue()
    if fmt == "csv":
        frame = pd.read_csv(io.StringIO(text))
        rows = frame.to_dict(orient="records")
    elif fmt == "json":
        rows = json.loads(text)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == 1
    assert rows[0]["date_start"] == "2024-10-05"
    assert rows[0]["count"] == 3
    assert rows[0]["source_url"] == "https://example.org/r"


def test_cli_writes_to_a_file_and_rejects_a_bad_date(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("شنت المقاتلات الروسية أمس غارة على تدمر.", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert (
        cli([str(report), "--published", "2024-10-06", "--format", "jsonl", "-o", str(target)]) == 0
    )
    assert json.loads(target.read_text(encoding="utf-8"))["location"] == "Palmyra"
    err = io.StringIO()
    with redirect_stderr(err):
        assert cli([str(report), "--published", "06/10/2024"]) == 2
    assert "YYYY-MM-DD" in err.getvalue()
