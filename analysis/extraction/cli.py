"""The command ``python -m analysis extract``: one report file into records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.extraction.dates import parse_bracket
from analysis.extraction.extract import extract_events
from analysis.extraction.output import OUTPUT_FORMATS, format_records


def cli(argv: list[str]) -> int:
    """Run ``python -m analysis extract REPORT --published YYYY-MM-DD [options]``.

    Reads the report (UTF-8; ``-`` for standard input), extracts its records and
    writes them to standard output or ``-o FILE``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``extract``.  ``--published`` also takes a bracket
        ``FIRST..LAST`` when the publication day is known only within a range.

    Returns
    -------
    int
        0 on success, 2 on a usage error (a bad ``--published`` date or an
        unreadable file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> report = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> _ = report.write_text("شنت المقاتلات الروسية أمس غارتين على تدمر.", encoding="utf-8")
    >>> cli([str(report), "--published", "2024-10-06", "--format", "jsonl"])  # doctest: +ELLIPSIS
    {"event_id": "ext-...", "event_type": "airstrike", ..., "date_start": "2024-10-05", ...}
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m analysis extract",
        description="Read an Arabic report into event records (machine-extracted, for review).",
    )
    parser.add_argument("report", help="the report as a UTF-8 text file, or - for stdin")
    parser.add_argument(
        "--published",
        required=True,
        help="publication date of the report, YYYY-MM-DD "
        "(or FIRST..LAST when known only within a bracket)",
    )
    parser.add_argument("--source-url", default=None, help="address of the report")
    parser.add_argument("--source", default=None, help="outlet name")
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default="csv")
    parser.add_argument("-o", "--output", default=None, help="write here instead of stdout")
    args = parser.parse_args(argv)
    try:
        published = parse_bracket(args.published)
    except ValueError as err:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"error: {err}\n")
        return 2
    try:
        if args.report == "-":
            text = sys.stdin.read()
        else:
            text = Path(args.report).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        sys.stderr.write(f"error: cannot read {args.report}: {err}\n")
        return 2
    frame = extract_events(text, published, source_url=args.source_url, source=args.source)
    out = format_records(frame, args.format)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0
