"""Root-anchored paths: the one place where the project's folders are named.

Notebooks, tests, scripts and the figure registry import these constants
instead of writing paths of their own.
"""

from __future__ import annotations

from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parent.parent
"""The repository root (the folder holding ``pyproject.toml``)."""

SEEDS_DIR = ROOT_DIR / "seeds"
"""Immutable input data with provenance sidecars; see ``seeds/README.md``."""

FIGURES_DIR = ROOT_DIR / "figures"
"""Every figure, rebuilt by ``make figures`` (``python -m analysis figures``)."""

NOTEBOOKS_DIR = ROOT_DIR / "notebooks"
"""Thin notebooks that import :mod:`analysis` and display its results."""

BENCHMARKS_DIR = ROOT_DIR / "benchmarks"
"""Benchmark scripts and their committed reports."""

VALIDATION_DIR = ROOT_DIR / "validation"
"""Simulation studies and golden numbers computed by an independent route."""
