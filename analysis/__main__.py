"""Command line: ``python -m analysis <command> [options]``.

Commands
--------
figures
    Rebuild every registered figure into ``figures/`` (what ``make figures`` runs).
extract
    Read an Arabic report into event records.
count
    Count a file of records (events, UCDP or ACLED) per period into a CSV or Parquet table.
schema
    Print the event-record schema as Markdown (``docs/schema.md``).

Each command's options: ``python -m analysis <command> --help``.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module whose ``cli(argv) -> int`` runs it, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "figures": ("analysis.figures.registry", "rebuild every figure in figures/ from seeds/"),
    "extract": ("analysis.extraction.cli", "read an Arabic report into event records"),
    "count": ("analysis.counting.cli", "count a file of records per period (CSV or Parquet)"),
    "schema": ("analysis.records.schema", "print the event-record schema as Markdown"),
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        print("usage: python -m analysis {" + ",".join(COMMANDS) + "} [options]\n")
        for name, (_, text) in COMMANDS.items():
            print(f"  {name:<8} {text}")
        return 0 if args and args[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return int(module.cli(args[1:]))


if __name__ == "__main__":
    sys.exit(main())
