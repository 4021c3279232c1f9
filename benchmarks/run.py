"""Benchmarks: time and memory of counting, loading, extraction, figures and import.

Usage (from the repository root)::

    python benchmarks/run.py                  # `make bench`: everything, writes REPORT.md
    python benchmarks/run.py --dask-records 0 # the same without the 10^8 Dask run
                                              # (the report keeps the last one's figures)
    python benchmarks/run.py --dask-only      # the 10^8 Dask run alone, into the report
    python benchmarks/run.py --quick          # 10^5 records only; prints, writes nothing
    python benchmarks/run.py --readers        # the ACLED and UCDP readers only; prints
    python benchmarks/run.py --only files,extract,readers
                                              # re-run those cases into the report; the
                                              # others keep the last full run's figures

The full run generates SYNTHETIC data sets into ``benchmarks/data/``
(git-ignored; 10^7 records take ~1 GB of CSV and Parquet, the 10^8-record
partitioned Parquet set ~1.1 GB), once; later runs reuse them.  It takes about
10-20 minutes on 2 cores, most of it the baselines and the 10^8 run.

All records are SYNTHETIC (``benchmarks/generate.py``).  Each case runs in a
fresh subprocess, so that its peak memory is its own: the worker loads its
input, resets the kernel's peak-RSS mark (``/proc/self/clear_refs``), runs the
case once under ``tracemalloc``, and reports the peak RSS above the input
(``VmHWM - VmRSS`` before the run) and tracemalloc's peak beside the input
frame's own size.  It then checks the result (each baseline must equal
``count_events``' result) and only then times the repeats; the table shows
medians.  Results are kept in ``benchmarks/results.json`` and rendered into
``benchmarks/REPORT.md``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd

from analysis.config import BENCHMARKS_DIR, ROOT_DIR
from benchmarks import baselines
from benchmarks.generate import data_path, generate_events, write_files, write_partitioned
from benchmarks.generate_sources import write_sources

RESULTS = BENCHMARKS_DIR / "results.json"
REPORT = BENCHMARKS_DIR / "REPORT.md"
HEAVY_MODULES = ("statsmodels", "matplotlib", "seaborn", "scipy", "dask", "pandera",
                 "duckdb", "polars", "sklearn", "numba")
DATE_RANGE_SAMPLE = 20_000
LARGE_DASK_RECORDS = 10**8
READER_ROWS = 200_000
READER_TARGET = 50_000  # rows per second
MB = 1 << 20


# --------------------------------------------------------------------- cases
def count_daily(events: Any) -> pd.DataFrame:
    """The headline case: daily counts spread over windows, by type x admin1."""
    from analysis.counting import count_events

    return count_events(events, freq="D", by=["admin1"], allocate="spread")


def count_monthly_start(events: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts, each record on its window's first day, by type x admin1."""
    from analysis.counting import count_events

    return count_events(events, freq="MS", by=["admin1"], allocate="start")


BASELINES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "duckdb_unnest": baselines.count_daily_duckdb,
    "pandas_repeat_explode": baselines.count_daily_pandas_explode,
    "polars_date_ranges_explode": baselines.count_daily_polars,
}
_PREIMPORT = {"duckdb_unnest": "duckdb", "polars_date_ranges_explode": "polars"}


def check_baselines(events: pd.DataFrame) -> dict[str, int]:
    """Check every baseline (the date-range loop included) against ``count_events``.

    Raises AssertionError on the first disagreement.  Returns the number of
    non-empty cells each baseline found.
    """
    counted = count_daily(events)
    found = {}
    for name, fn in {**BASELINES, "pandas_date_range_loop":
                     baselines.count_daily_date_range_loop}.items():
        result = fn(events)
        baselines.compare_with_count_events(result, counted)
        found[name] = len(result)
    return found


def _expected_total(events: pd.DataFrame) -> float:
    counted = events.loc[~events["is_aggregate"].to_numpy(dtype=bool)]
    return float(baselines._effective_count(counted).sum())


def _check_total(result: pd.DataFrame, events: pd.DataFrame) -> str:
    expected = _expected_total(events)
    np.testing.assert_allclose(result["count"].sum(), expected, rtol=1e-9)
    return f"total count conserved ({expected:,.1f})"


def _read_acled(path: str) -> Any:
    from analysis.sources.acled import read_acled

    return read_acled(path)


def _read_ucdp_ged(path: str) -> Any:
    from analysis.sources.ucdp import read_ucdp_ged

    return read_ucdp_ged(path)


def _plain_read_csv(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


READERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "read_acled": ("acled", _read_acled),
    "pandas_read_csv_acled": ("acled", _plain_read_csv),
    "read_ucdp_ged": ("ucdp", _read_ucdp_ged),
    "pandas_read_csv_ucdp": ("ucdp", _plain_read_csv),
}
"""Reader cases: name -> (SYNTHETIC source file, function of its path)."""


def _run_reader(spec: dict[str, Any]) -> dict[str, Any]:
    """Time a source reader (or a plain ``pandas.read_csv``) on a SYNTHETIC file."""
    source, fn = READERS[spec["case"]]
    path = str(spec["path"])
    fn(path)  # warm imports and the file cache
    result, mem = _measure(lambda: fn(path))
    rows = spec["n"]
    assert len(result) == rows, (len(result), rows)  # a reader raises on any rejected row
    check = f"{rows:,} rows"
    if spec["case"].startswith("read_"):
        kinds = result["event_type"].value_counts().sort_index()
        check = f"{rows:,} records: " + ", ".join(f"{k} {v:,}" for k, v in kinds.items())
    del result
    out = {"source": source, "file_mb": Path(path).stat().st_size / MB, "rows": rows,
           "check": check, **mem}
    out["times"] = _time(lambda: fn(path), spec.get("repeats", 3))
    return out


# -------------------------------------------------------------------- worker
def _proc_status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _measure(fn: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Run ``fn`` once; return its result and its memory above the current RSS."""
    gc.collect()
    before = _proc_status_kb("VmRSS")
    reset = _reset_peak()
    tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    peak = _proc_status_kb("VmHWM")
    return result, {
        "first_run_s": seconds,
        "rss_before_mb": before / 1024,
        "peak_rss_mb": peak / 1024,
        "extra_rss_mb": (peak - before) / 1024 if reset else float("nan"),
        "tracemalloc_peak_mb": traced / MB,
    }


_CPU_TIMES: list[float] = []
"""CPU seconds (all threads of the process) of each run timed by :func:`_time`."""


def _time(fn: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    _CPU_TIMES.clear()
    for _ in range(repeats):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        _CPU_TIMES.append(time.process_time() - c0)
    return times


def _release_memory() -> None:
    """Give back memory that reading left in Arrow's pool, so RSS shows what is held."""
    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()


def _frame_mb(frame: pd.DataFrame, columns: list[str] | None = None) -> float:
    part = frame if columns is None else frame[columns]
    return float(part.memory_usage(deep=True).sum()) / MB


_COUNTED_COLUMNS = ["event_type", "is_aggregate", "date_start", "date_end", "count",
                    "count_low", "count_high", "admin1"]


def run_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one case in this (fresh) process; return its measurements."""
    case, n, repeats = spec["case"], spec.get("n"), spec.get("repeats", 3)
    out: dict[str, Any] = {"case": case, "n": n, "load_before": os.getloadavg()}
    if case in ("count_daily", "count_monthly_start", *BASELINES):
        import analysis.counting.count  # noqa: F401  (imports are not part of the case)

        if case in _PREIMPORT:
            __import__(_PREIMPORT[case])
        events = pd.read_parquet(spec["path"])
        _release_memory()
        out["input_mb"] = _frame_mb(events)
        out["input_read_mb"] = _frame_mb(events, _COUNTED_COLUMNS)
        fn = {"count_daily": count_daily, "count_monthly_start": count_monthly_start,
              **BASELINES}[case]
        result, mem = _measure(lambda: fn(events))
        out.update(mem)
        if case in BASELINES:
            baselines.compare_with_count_events(result, count_daily(events))
            out["check"] = "equal to count_events (count to 1e-9, records exactly)"
        else:
            out["check"] = _check_total(result, events)
        out["rows_out"] = len(result)
        del result
        out["times"] = _time(lambda: fn(events), repeats)
    elif case == "count_options":
        out.update(_run_options(spec))
    elif case == "pandas_date_range_loop":
        events = pd.read_parquet(spec["path"]).head(spec.get("sample", DATE_RANGE_SAMPLE))
        result = baselines.count_daily_date_range_loop(events)
        baselines.compare_with_count_events(result, count_daily(events))
        out["check"] = f"equal to count_events on the {len(events):,}-record sample"
        sample_times = _time(lambda: baselines.count_daily_date_range_loop(events), repeats)
        out["sample"] = len(events)
        out["sample_times"] = sample_times
        out["times"] = [t * n / len(events) for t in sample_times]
        _CPU_TIMES[:] = [t * n / len(events) for t in _CPU_TIMES]
        out["extrapolated"] = True
    elif case == "count_daily_dask":
        out.update(_run_dask(spec))
    elif case.startswith(("file_counts_", "duckdb_file_", "plain_read_")):
        run = {"f": _run_file_counts, "d": _run_duckdb_file, "p": _run_plain_read}[case[0]]
        out.update(run(spec))
    elif case in ("load_csv", "load_parquet"):
        from analysis.records.loading import load_events

        path = spec["path"]
        load_events(generate_events(10, seed=1))  # warm the imports
        result, mem = _measure(lambda: load_events(path))
        out.update(mem)
        out["input_mb"] = _frame_mb(result)
        out["file_mb"] = Path(path).stat().st_size / MB
        out["check"] = f"{len(result):,} rows loaded"
        del result
        out["times"] = _time(lambda: load_events(path), repeats)
    elif case == "extract_events":
        from benchmarks.bench_extract import bench_extract  # from the extraction work

        t0 = time.perf_counter()
        out["extract"] = bench_extract(spec["n_articles"])
        out["times"] = [time.perf_counter() - t0]
        out["peak_rss_mb"] = _proc_status_kb("VmHWM") / 1024
        out["check"] = f"{out['extract'].get('records', '?')} records found"
    elif case == "figures":
        out.update(_run_figures(repeats))
    elif case in READERS:
        out.update(_run_reader(spec))
    else:
        raise ValueError(f"unknown case {case!r}")
    out["load_after"] = os.getloadavg()
    if "times" in out:
        out["median_s"] = statistics.median(out["times"])
    if _CPU_TIMES:
        out["cpu_times"] = list(_CPU_TIMES)
        out["median_cpu_s"] = statistics.median(_CPU_TIMES)
    return out


def _run_file_counts(spec: dict[str, Any]) -> dict[str, Any]:
    """From the file to daily counts: ``count_events(load_events(path))``, every row validated."""
    from analysis.records.loading import load_events

    path = spec["path"]
    load_events(generate_events(10, seed=1))  # warm the imports
    events = load_events(path)
    out: dict[str, Any] = {"check": _check_total(count_daily(events), events),
                           "file_mb": Path(path).stat().st_size / MB}
    del events
    _release_memory()
    result, mem = _measure(lambda: count_daily(load_events(path)))
    out.update(mem)
    out["rows_out"] = len(result)
    del result
    out["times"] = _time(lambda: count_daily(load_events(path)), spec.get("repeats", 3))
    return out


def _run_plain_read(spec: dict[str, Any]) -> dict[str, Any]:
    """``pandas.read_csv`` or ``pandas.read_parquet`` of the file: nothing checked."""
    path = spec["path"]
    read = pd.read_csv if spec["case"].endswith("csv") else pd.read_parquet
    result, mem = _measure(lambda: read(path))
    out: dict[str, Any] = {**mem, "file_mb": Path(path).stat().st_size / MB,
                           "check": f"{len(result):,} rows read, no value checked"}
    del result
    out["times"] = _time(lambda: read(path), spec.get("repeats", 3))
    return out


def _run_duckdb_file(spec: dict[str, Any]) -> dict[str, Any]:
    """DuckDB from the same file to the same daily counts, checked against ``count_events``."""
    import duckdb  # noqa: F401  (imports are not part of the case)

    path = spec["path"]
    result = baselines.count_daily_duckdb_file(path)
    events = pd.read_parquet(spec["parquet"])  # the same records, as generated
    baselines.compare_with_count_events(result, count_daily(events))
    del events, result
    _release_memory()
    out: dict[str, Any] = {"check": "equal to count_events (count to 1e-9, records exactly)",
                           "file_mb": Path(path).stat().st_size / MB}
    result, mem = _measure(lambda: baselines.count_daily_duckdb_file(path))
    out.update(mem)
    out["rows_out"] = len(result)
    del result
    out["times"] = _time(lambda: baselines.count_daily_duckdb_file(path), spec.get("repeats", 3))
    return out


OPTION_SWEEP: list[dict[str, Any]] = [
    {"freq": "D"},
    {"freq": "D", "by": "admin1", "allocate": "spread_integer"},
    {"freq": "D", "by": "admin1", "start": "2018-01-01", "end": "2019-12-31"},
    {"freq": "W-FRI", "by": "admin1"},
    {"freq": "MS", "by": "admin1", "allocate": "end"},
    {"freq": "QS", "by": "admin1", "include_aggregates": True},
    {"freq": "YS", "by": ["admin1", "date_precision"], "allocate": "start"},
]
"""Other options of ``count_events``, each timed once on the same records."""


def _run_options(spec: dict[str, Any]) -> dict[str, Any]:
    from analysis.counting import count_events, count_report

    events = pd.read_parquet(spec["path"])
    _release_memory()
    count_events(events.head(1000))  # warm up
    runs = []
    for options in OPTION_SWEEP:
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = count_events(events, **options)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        report = count_report(result)
        kept = events if options.get("include_aggregates") else events.loc[
            ~events["is_aggregate"].to_numpy(dtype=bool)]
        expected = float(baselines._effective_count(kept).sum()) - report.count_outside_window
        if options.get("allocate") == "spread_integer":  # each series' total is rounded
            by = [options["by"]] if isinstance(options.get("by"), str) else options.get("by", [])
            series = result.groupby(["event_type", *by], observed=True).ngroups
            assert abs(result["count"].sum() - expected) <= 0.5 * series
        else:
            np.testing.assert_allclose(result["count"].sum(), expected, rtol=1e-9)
        runs.append({"options": options, "s": wall, "cpu_s": cpu, "rows_out": len(result)})
    return {"runs": runs, "times": [r["s"] for r in runs],
            "check": "each: total count = records' counts less the part outside the window "
            "(spread_integer: within 0.5 per series, whose totals are rounded)"}


def _run_dask(spec: dict[str, Any]) -> dict[str, Any]:
    import dask
    import dask.dataframe as dd

    import analysis.counting.count  # noqa: F401

    out: dict[str, Any] = {"workers": spec.get("workers", 2),
                           "path": os.path.relpath(spec["path"], ROOT_DIR)}
    with dask.config.set(scheduler="threads", num_workers=out["workers"]):
        frame = dd.read_parquet(spec["path"])
        out["partitions"] = frame.npartitions
        result, mem = _measure(lambda: count_daily(frame))
        out.update(mem)
        out["rows_out"] = len(result)
        out["result_count_total"] = float(result["count"].sum())
        out["result_records_total"] = int(result["records"].sum())
        del result
        if spec.get("repeats", 1) > 1:
            out["times"] = _time(lambda: count_daily(frame), spec["repeats"] - 1)
        else:
            out["times"] = [mem["first_run_s"]]
        out["peak_rss_total_mb"] = _proc_status_kb("VmHWM") / 1024
        if spec.get("check_pandas"):
            events = pd.read_parquet(spec["path"])
            expected = count_daily(events)
            pd.testing.assert_frame_equal(count_daily(frame), expected, check_exact=False,
                                          rtol=1e-9)
            out["check"] = "equal to count_events on the same records read whole (pandas)"
        else:
            # Independent totals, partition by partition: the spread count
            # conserves each record's count and a record covers n days.
            kept = frame[~frame["is_aggregate"]]
            total = kept.map_partitions(
                lambda p: pd.Series([_expected_total(p)])).sum().compute()
            days = ((kept["date_end"] - kept["date_start"]).dt.days + 1).sum().compute()
            np.testing.assert_allclose(out["result_count_total"], float(total), rtol=1e-9)
            assert out["result_records_total"] == int(days), "record-days differ"
            out["check"] = "total count and record-days equal to independent totals"
    return out


def _run_figures(repeats: int) -> dict[str, Any]:
    import resource

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "analysis", "figures"], cwd=ROOT_DIR,
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "MPLBACKEND": "Agg"})
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            return {"error": done.stderr[-2000:], "times": times}
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"times": times, "peak_rss_mb": peak, "check": "exit status 0"}


_IMPORT_PROBE = """
import json, sys, time
t0 = time.perf_counter(); import pandas; t1 = time.perf_counter()
import analysis; t2 = time.perf_counter()
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))
analysis.count_events; analysis.load_events; t3 = time.perf_counter()
heavy_use = sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"pandas": t1 - t0, "analysis": t2 - t1, "first_use": t3 - t2,
                  "heavy_after_import": heavy, "heavy_after_first_use": heavy_use}))
"""

_MODULE_PROBE = """
import json, sys, importlib
import pandas, numpy
before = set(sys.modules)
importlib.import_module(MODULE)
new = {m.split('.')[0] for m in set(sys.modules) - before}
print(json.dumps(sorted(new & set(HEAVY))))
"""


def measure_import(repeats: int) -> dict[str, Any]:
    """Time ``import pandas`` then ``import analysis`` in fresh interpreters."""
    code = _IMPORT_PROBE.replace("HEAVY", repr(HEAVY_MODULES))
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT_DIR, capture_output=True,
                              text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    modules = {}
    for path in sorted((ROOT_DIR / "analysis").glob("*.py")):
        if path.stem in ("__init__", "__main__"):
            continue
        name = f"analysis.{path.stem}"
        probe = _MODULE_PROBE.replace("HEAVY", repr(HEAVY_MODULES)).replace("MODULE", repr(name))
        done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT_DIR, capture_output=True,
                              text=True, check=False)
        modules[name] = (json.loads(done.stdout.strip().splitlines()[-1])
                         if done.returncode == 0 else "import failed")
    return {
        "case": "import", "repeats": repeats,
        "pandas_median_s": statistics.median(r["pandas"] for r in runs),
        "analysis_median_s": statistics.median(r["analysis"] for r in runs),
        "first_use_median_s": statistics.median(r["first_use"] for r in runs),
        "heavy_after_import": runs[-1]["heavy_after_import"],
        "heavy_after_first_use": runs[-1]["heavy_after_first_use"],
        "heavy_by_module": modules,
        "load_before": os.getloadavg(),
    }


# -------------------------------------------------------------------- parent
def _spawn(spec: dict[str, Any]) -> dict[str, Any]:
    print(f"  {spec['case']:<28} n={spec.get('n')!s:<10}", end="", flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--worker", json.dumps(spec, default=str)],
        cwd=ROOT_DIR, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        print(" FAILED")
        return {"case": spec["case"], "n": spec.get("n"), "error": done.stderr[-3000:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f" median {result.get('median_s', float('nan')):8.3f} s"
          f"  extra RSS {result.get('extra_rss_mb', float('nan')):8.1f} MB")
    return result


def machine() -> dict[str, Any]:
    """Machine and software figures for the report."""
    import importlib.metadata as md

    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = float("nan")
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        ram = int(meminfo.read_text().split("MemTotal:")[1].split()[0]) / (1 << 20)
    versions = {}
    for package in ("numpy", "pandas", "pyarrow", "dask", "duckdb", "polars"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)),
        "cpu": cpu, "ram_gb": round(ram, 1),
        "python": platform.python_version(), "platform": platform.platform(),
        "versions": versions, "load_average": os.getloadavg(),
    }


def extraction_available() -> bool:
    """Whether the extractor and its benchmark (``bench_extract``) are present."""
    import importlib.util

    return (importlib.util.find_spec("analysis.extraction.extract") is not None
            and (BENCHMARKS_DIR / "bench_extract.py").exists())


def figures_available() -> bool:
    """Whether ``python -m analysis figures`` has a figures registry to run."""
    import importlib.util

    return importlib.util.find_spec("analysis.figures.registry") is not None


def run_all(*, quick: bool, sizes: tuple[int, ...] | None = None) -> dict[str, Any]:
    """Run every case; return the results (not written anywhere)."""
    sizes = sizes or ((10**5,) if quick else (10**5, 10**6, 10**7))
    results: list[dict[str, Any]] = []
    for n in sizes:
        print(f"{n:,} records")
        subprocess.run([sys.executable, "-m", "benchmarks.generate", str(n)], cwd=ROOT_DIR,
                       check=True, capture_output=True)
        path = data_path(n, "parquet")
        many = 3 if quick else (7 if n < 10**7 else 5)
        few = 2 if quick else (5 if n < 10**7 else 3)
        for case in ("count_daily", "count_monthly_start"):
            results.append(_spawn({"case": case, "n": n, "repeats": many, "path": path}))
        if n == max(sizes):
            results.append(_spawn({"case": "count_options", "n": n, "path": path}))
        for case in BASELINES:
            results.append(_spawn({"case": case, "n": n, "repeats": few, "path": path}))
        results.append(_spawn({"case": "pandas_date_range_loop", "n": n, "repeats": 1,
                               "path": path, "sample": 2_000 if quick else DATE_RANGE_SAMPLE}))
        if n >= 10**6 or quick:
            parts = write_partitioned(n, chunk_size=max(n // 10, 1))
            results.append(_spawn({"case": "count_daily_dask", "n": n, "repeats": few,
                                   "path": parts, "check_pandas": True}))
        results += run_file_cases(n, repeats=min(few, 3), quick=quick)
    if extraction_available():
        n_articles = 20 if quick else 500
        results.append(_spawn({"case": "extract_events", "n": n_articles,
                               "n_articles": n_articles}))
    else:
        results.append({"case": "extract_events", "error": "not measured: "
                        "analysis.extraction.extract or benchmarks/bench_extract.py is not there"})
    if quick:
        results.append({"case": "figures", "error": "not measured (--quick)"})
    elif figures_available():
        results.append(_spawn({"case": "figures", "repeats": 3}))
    else:
        results.append({"case": "figures", "error": "not measured: `python -m analysis "
                        "figures` is not available (no analysis/figures.py)"})
    results += run_readers(READER_ROWS if not quick else 20_000, repeats=3 if quick else 5)
    print("import analysis")
    results.append(measure_import(5 if quick else 9))
    return {"machine": machine(), "quick": quick, "results": results}


def run_file_cases(n: int, *, repeats: int, quick: bool = False) -> list[dict[str, Any]]:
    """File to counts beside DuckDB (from 10^6), load_events beside a plain read (to 10^6)."""
    print(f"{n:,} records, from files")
    results = []
    files = write_files(n)
    cases = []
    if n >= 10**6 or quick:
        cases += [f"{kind}_{fmt}" for fmt in ("csv", "parquet")
                  for kind in ("file_counts", "duckdb_file")]
    if n <= 10**6:
        cases += [f"{kind}_{fmt}" for fmt in ("csv", "parquet") for kind in ("load", "plain_read")]
    for case in cases:
        fmt = case.rsplit("_", 1)[1]
        results.append(_spawn({"case": case, "n": n, "repeats": repeats, "path": files[fmt],
                               "parquet": files["parquet"]}))
    return results


GROUPS = ("files", "extract", "readers")
"""Groups of cases that ``--only`` re-runs alone."""


def _group(result: dict[str, Any]) -> str | None:
    case = str(result.get("case", ""))
    if case.startswith(_FILE_CASES):
        return "files"
    if case == "extract_events":
        return "extract"
    return "readers" if case in READERS else None


def run_groups(groups: set[str], previous: dict[str, Any],
               save: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Re-run some groups of cases; keep every other case's figures from the last full run.

    The report is saved after each step, so an interrupted run leaves what it
    measured (a case not reached shows as not measured).
    """
    kept = [r for r in previous.get("results", []) if _group(r) not in groups]
    last = previous.get("rerun", {}).get("others_from") or previous["machine"]["date_utc"]
    data = {"machine": machine(), "quick": False, "results": kept,
            "rerun": {"groups": sorted(groups), "others_from": last,
                      # a re-run of a re-run keeps the load of the full run its others come from
                      "others_load": previous.get("rerun", {}).get("others_load")
                      or previous["machine"]["load_average"]},
            "dask_large": previous.get("dask_large")}
    steps: list[Callable[[], list[dict[str, Any]]]] = []
    if "extract" in groups:
        steps.append(lambda: [_spawn({"case": "extract_events", "n": 500, "n_articles": 500})])
    if "readers" in groups:
        steps.append(run_readers)
    if "files" in groups:
        for n in (10**5, 10**6, 10**7):
            steps.append(lambda n=n: run_file_cases(n, repeats=3 if n < 10**7 else 1))
    for step in steps:
        data["results"] = data["results"] + step()
        save(data)
    return data


def run_readers(n: int = READER_ROWS, *, repeats: int = 5) -> list[dict[str, Any]]:
    """Time the ACLED and UCDP readers beside a plain ``pandas.read_csv`` of the same files."""
    print(f"source readers, {n:,} SYNTHETIC rows")
    paths = write_sources(n)
    return [_spawn({"case": case, "n": n, "repeats": repeats, "path": paths[source]})
            for case, (source, _) in READERS.items()]


def run_dask_only(n: int, *, workers: int, chunk_size: int) -> dict[str, Any]:
    """Generate (once) a partitioned data set of ``n`` records and count it with Dask."""
    print(f"{n:,} records, partitioned, {workers} workers")
    t0 = time.perf_counter()
    parts = write_partitioned(n, chunk_size=chunk_size)
    print(f"  data set ready in {time.perf_counter() - t0:.0f} s: {parts}")
    return _spawn({"case": "count_daily_dask", "n": n, "repeats": 1, "path": parts,
                   "workers": workers, "check_pandas": False})


# -------------------------------------------------------------------- report
def _fmt(value: Any, spec: str = ".3f") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return format(value, spec)


def _loop_sample(results: list[dict[str, Any]]) -> int:
    return next((r["sample"] for r in results if "sample" in r), DATE_RANGE_SAMPLE)


def _verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**not met**", None: "not measured"}[ok]


def _targets(data: dict[str, Any]) -> list[str]:
    """The targets, each with the figure of this run that decides it."""
    results = data["results"]

    def find(case: str, n: int | None = None) -> dict[str, Any] | None:
        return next((r for r in results if r.get("case") == case and "error" not in r
                     and (n is None or r.get("n") == n)), None)

    n = max((r["n"] for r in results if r.get("case") == "count_daily" and "median_s" in r),
            default=None)
    head, duck = find("count_daily", n), find("duckdb_unnest", n)
    lines = ["## Targets", "",
             "| target | measured | verdict |", "|---|---|---|"]
    if head:
        lines.append(f"| {n:,} records, daily spread by type x admin1: median <= 0.5 s | "
                     f"{head['median_s']:.3f} s, CPU {_fmt(head.get('median_cpu_s'))} s (runs: "
                     f"{', '.join(f'{t:.2f}' for t in head['times'])}; first "
                     f"{head['first_run_s']:.2f}) | {_verdict(head['median_s'] <= 0.5)} |")
        ratio = duck["median_s"] / head["median_s"] if duck else None
        lines.append(f"| same, >= 8x faster than DuckDB in the same run | "
                     f"{_fmt(ratio, '.1f')}x (DuckDB {_fmt(duck and duck['median_s'])} s) | "
                     f"{_verdict(None if ratio is None else ratio >= 8)} |")
        whole = head["peak_rss_mb"] / head["input_mb"]
        extra = head["extra_rss_mb"]
        lines.append(f"| same, peak memory under twice the input frame's | peak RSS of the "
                     f"whole process {head['peak_rss_mb']:.0f} MB = {whole:.2f}x the input "
                     f"frame ({head['input_mb']:.0f} MB); the count itself added "
                     f"{extra:.0f} MB = {extra / head['input_mb']:.2f}x | {_verdict(whole < 2)} |")
    big = data.get("dask_large")
    if big and "error" not in big:
        gb = big["peak_rss_total_mb"] / 1024
        lines.append(f"| {big['n']:,} records from partitioned Parquet via Dask on "
                     f"{big['workers']} threads: peak memory < 4 GB | {gb:.2f} GB, "
                     f"{big['median_s']:.0f} s | {_verdict(gb < 4)} |")
    else:
        lines.append("| 10^8 records via Dask: peak memory < 4 GB | "
                     f"{'failed' if big else 'not run'} | {_verdict(False if big else None)} |")
    imp = find("import")
    if imp:
        lines.append(f"| `import analysis` adds < 0.3 s to `import pandas` | "
                     f"{imp['analysis_median_s']:.3f} s | "
                     f"{_verdict(imp['analysis_median_s'] < 0.3)} |")
    fig = find("figures")
    lines.append("| `make figures` under 20 s | " + (
        f"{fig['median_s']:.1f} s (`python -m analysis figures`) | "
        f"{_verdict(fig['median_s'] < 20)} |" if fig else "– | not measured |"))
    lines += _file_targets(results)
    for case in ("read_acled", "read_ucdp_ged"):
        r = find(case)
        if r:
            rate = r["rows"] / r["median_s"]
            lines.append(f"| `{case}`: {r['rows']:,} SYNTHETIC rows at >= "
                         f"{READER_TARGET:,} rows/s | {rate:,.0f} rows/s "
                         f"({r['median_s']:.2f} s; CPU "
                         f"{_fmt(r.get('median_cpu_s'), '.2f')} s) | "
                         f"{_verdict(rate >= READER_TARGET)} |")
    lines += ["", "The machine's 2 cores are shared with other engineers' work: the load "
              "average beside each case says how busy it was.", ""]
    return lines


def _reader_lines(results: list[dict[str, Any]]) -> list[str]:
    """The section on reading ACLED and UCDP files, if those cases ran."""
    runs = [r for r in results if r.get("case") in READERS]
    if not runs:
        return []
    plain = {r["source"]: r for r in runs if r["case"].startswith("pandas") and "median_s" in r}
    lines = [
        "## Reading ACLED and UCDP files",
        "",
        "`read_acled` and `read_ucdp_ged` on SYNTHETIC files in the sources' own layouts",
        "(`benchmarks/generate_sources.py`: ACLED's current 31-column export with dates as",
        "`15 March 2024`; UCDP GED 23.1's 49 columns), from the file to validated records",
        "(every row checked, typed and classified), beside a plain `pandas.read_csv` of the",
        "same file.  *rows/s* is rows over the median wall time; *CPU rows/s* over the",
        "median CPU time of the process, which says what the work costs when the shared",
        "machine is busy.",
        "",
        "| case | rows | file MB | median s | CPU s | rows/s | CPU rows/s | x plain read "
        "| load avg | check |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        if "error" in r:
            lines.append(f"| {r['case']} | {r.get('n', 0):,} | failed | | | | | | | "
                         f"{r['error'].strip().splitlines()[-1][:80]} |")
            continue
        base = plain.get(r["source"])
        ratio = r["median_s"] / base["median_s"] if base and base is not r else None
        cpu = r.get("median_cpu_s")
        lines.append(
            f"| {r['case']} | {r['rows']:,} | {r['file_mb']:.0f} | {r['median_s']:.2f} | "
            f"{_fmt(cpu, '.2f')} | {r['rows'] / r['median_s']:,.0f} | "
            f"{_fmt(cpu and r['rows'] / cpu, ',.0f')} | {_fmt(ratio, '.1f')} | "
            f"{r['load_before'][0]:.2f} | {r['check']} |"
        )
    lines.append("")
    return lines


# Over the complexity limit on purpose: one optional section per case, in report order;
# split into functions, the report would no longer read top to bottom.
_FILE_CASES = ("file_counts_", "duckdb_file_", "plain_read_", "load_")
"""Cases reported in the section on files, not in the counting table."""


def _find(results: list[dict[str, Any]], case: str,
          n: int | None = None) -> dict[str, Any] | None:
    return next((r for r in results if r.get("case") == case and "error" not in r
                 and "median_s" in r and (n is None or r.get("n") == n)), None)


def _file_targets(results: list[dict[str, Any]]) -> list[str]:
    """Rows of the targets table on reading files: to counts beside DuckDB, loading, extraction."""
    lines = []
    for fmt, times in (("csv", 2), ("parquet", 3)):
        ours = _find(results, f"file_counts_{fmt}", 10**6)
        duck = _find(results, f"duckdb_file_{fmt}", 10**6)
        ratio = duck["median_s"] / ours["median_s"] if ours and duck else None
        measured = (f"{ratio:.2f}x (ours {ours['median_s']:.2f} s, CPU "
                    f"{_fmt(ours.get('median_cpu_s'), '.2f')} s; DuckDB {duck['median_s']:.2f} s, "
                    f"CPU {_fmt(duck.get('median_cpu_s'), '.2f')} s)" if ratio else "–")
        lines.append(f"| 1,000,000 records, {fmt.upper()} file -> daily counts by type x admin1: "
                     f">= {times}x faster than DuckDB from the same file | {measured} | "
                     f"{_verdict(None if ratio is None else ratio >= times)} |")
    for fmt in ("csv", "parquet"):
        load = _find(results, f"load_{fmt}", 10**6)
        plain = _find(results, f"plain_read_{fmt}", 10**6)
        ratio = load["median_s"] / plain["median_s"] if load and plain else None
        measured = (f"{ratio:.1f}x (`load_events` {load['median_s']:.2f} s, CPU "
                    f"{_fmt(load.get('median_cpu_s'), '.2f')} s; `pandas.read_"
                    f"{fmt}` {plain['median_s']:.2f} s, CPU "
                    f"{_fmt(plain.get('median_cpu_s'), '.2f')} s)" if ratio else "–")
        lines.append(f"| `load_events`, 1,000,000 records from {fmt.upper()}: within 4x of a "
                     f"plain pandas read of the same file | {measured} | "
                     f"{_verdict(None if ratio is None else ratio <= 4)} |")
    extract = _find(results, "extract_events")
    x = extract["extract"] if extract else {}
    call, batch = x.get("seed_extract_events_call_ms"), x.get("extract_events_batch_ms_per_article")
    ratio = call / batch if call and batch else None
    per_cpu = x.get("extract_events_batch_articles_per_cpu_s")
    cpu = f"; CPU {1000 / per_cpu:.2f} ms per article" if per_cpu else ""
    measured = (f"{ratio:.1f}x (one call on the seed article {call} ms, best of 20; "
                f"`extract_events_batch` {batch} ms per article, best of "
                f"{x.get('repeats', '?')} runs{cpu})" if ratio else "–")
    lines.append(f"| one `extract_events` call within 5x of the per-article time of "
                 f"`extract_events_batch` | {measured} | "
                 f"{_verdict(None if ratio is None else ratio <= 5)} |")
    return lines


def _file_lines(results: list[dict[str, Any]]) -> list[str]:
    """The section on reading files: to counts beside DuckDB, and loading beside a plain read."""
    sizes = sorted({r["n"] for r in results if str(r.get("case", "")).startswith(_FILE_CASES)
                    and r.get("n")})
    if not sizes:
        return []
    lines = [
        "## From a file to counts",
        "",
        "*ours* is `count_events(load_events(path), freq=\"D\", by=[\"admin1\"])`: the file",
        "read, every value of every row checked and typed (the rules of",
        "`analysis.records.validating`), then counted.  *DuckDB* reads the same file with",
        "its own `read_csv` (type detection) or `read_parquet`, checks nothing, and",
        "computes the same daily table with `unnest(range(n))`; its result was checked",
        "equal to `count_events`' before it was timed.  *plain read* is",
        "`pandas.read_csv` / `pandas.read_parquet` of the file, nothing checked.  Medians",
        "of the runs, wall and CPU seconds (all threads of the process).",
        "",
        "| file | records | MB | ours s | ours CPU s | DuckDB s | DuckDB CPU s "
        "| DuckDB / ours | `load_events` s | plain read s | load / plain | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for fmt in ("csv", "parquet"):
            ours = _find(results, f"file_counts_{fmt}", n)
            duck = _find(results, f"duckdb_file_{fmt}", n)
            load, plain = _find(results, f"load_{fmt}", n), _find(results, f"plain_read_{fmt}", n)
            some = ours or duck or load or plain
            if some is None:
                continue
            ratio = duck["median_s"] / ours["median_s"] if ours and duck else None
            share = load["median_s"] / plain["median_s"] if load and plain else None
            lines.append(
                f"| {fmt.upper()} | {n:,} | {some.get('file_mb', float('nan')):.0f} | "
                f"{_fmt(ours and ours['median_s'], '.2f')} | "
                f"{_fmt(ours and ours.get('median_cpu_s'), '.2f')} | "
                f"{_fmt(duck and duck['median_s'], '.2f')} | "
                f"{_fmt(duck and duck.get('median_cpu_s'), '.2f')} | {_fmt(ratio, '.2f')} | "
                f"{_fmt(load and load['median_s'], '.2f')} | "
                f"{_fmt(plain and plain['median_s'], '.2f')} | {_fmt(share, '.1f')} | "
                f"{some['load_before'][0]:.2f} |"
            )
    failed = [r for r in results if str(r.get("case", "")).startswith(_FILE_CASES)
              and "error" in r]
    for r in failed:
        lines.append(f"\n{r['case']} ({r.get('n', 0):,}) failed: "
                     f"`{r['error'].strip().splitlines()[-1][:120]}`")
    lines.append("")
    return lines


def render_report(data: dict[str, Any]) -> str:  # noqa: C901
    """The Markdown report of a full run (and of the large Dask run, if made)."""
    m = data["machine"]
    results = data["results"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python benchmarks/run.py` (`make bench`); do not edit by hand.",
        "Every record is SYNTHETIC, made by `benchmarks/generate.py` (seed 0): windows of",
        "1–30 days, 4 event types, 14 governorates, 20% of counts with bounds or open.",
        "",
        "## Machine",
        "",
        f"- {m['date_utc']}; {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu']}, "
        f"{m['ram_gb']} GB RAM; Python {m['python']} on {m['platform']}",
        "- " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        "- The machine is shared: the load average (1, 5, 15 min) is shown beside each "
        f"case; at the start it was {', '.join(f'{x:.2f}' for x in m['load_average'])}.",
    ]
    rerun = data.get("rerun")
    if rerun:
        lines.append(
            f"- This run re-ran only the cases of {', '.join(rerun['groups'])} (`python "
            f"benchmarks/run.py --only {','.join(rerun['groups'])}`); every other case "
            f"(counting, Dask, figures, import) keeps its figures from the full run of "
            f"{rerun['others_from']} (load at its start "
            f"{', '.join(f'{x:.2f}' for x in rerun['others_load'])})."
        )
    lines.append("")
    lines += _targets(data)
    headline = {r["n"]: r for r in results if r.get("case") == "count_daily" and "median_s" in r}
    lines += [
        "## Counting",
        "",
        "`count_daily` is `count_events(events, freq=\"D\", by=[\"admin1\"])` (spread over",
        "each window, per day x event type x governorate); `count_monthly_start` is",
        "`freq=\"MS\", allocate=\"start\"`.  The baselines compute the same daily table; each",
        "was checked equal to `count_events`' result (count to 1e-9, records exactly)",
        "before it was timed.  *x slower* is the baseline's median over `count_daily`'s.",
        "*CPU s* is the median CPU time of the process over the same runs (all threads):",
        "on a busy shared machine it says what the work costs when wall time cannot.",
        "Memory: *extra RSS* is the peak resident memory above what the process held",
        "with the input loaded (fresh process per case); *tracemalloc* is the peak of",
        "Python and NumPy allocations (Arrow's own allocations are not traced);",
        "*input* is the events frame's `memory_usage(deep=True)` (all 10 columns; the",
        "8 columns counting reads are about 70% of it).",
        "",
        "| case | records | median s | CPU s | runs | x slower | extra RSS MB "
        "| tracemalloc MB | input MB | extra / input | load avg | check |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        if r.get("case") in ("import", "figures", "extract_events", "count_options"):
            continue
        if str(r.get("case", "")).startswith(_FILE_CASES):
            continue
        n = r.get("n")
        if "error" in r:
            lines.append(f"| {r['case']} | {n:,} | failed | | | | | | | | | "
                         f"{r['error'].strip().splitlines()[-1][:80]} |")
            continue
        base = headline.get(n)
        ratio = (r["median_s"] / base["median_s"] if base and r["case"] != "count_daily"
                 and r["case"].startswith(("duckdb", "pandas", "polars")) else None)
        name = r["case"] + (" (extrapolated)" if r.get("extrapolated") else "")
        if r["case"] == "count_daily_dask":
            name += f" ({r['partitions']} partitions, {r['workers']} threads)"
        extra = r.get("extra_rss_mb")
        share = extra / r["input_mb"] if extra is not None and r.get("input_mb") else None
        lines.append(
            f"| {name} | {n:,} | {_fmt(r['median_s'])} | {_fmt(r.get('median_cpu_s'))} | "
            f"{len(r['times'])} | "
            f"{_fmt(ratio, '.1f')} | {_fmt(extra, '.0f')} | "
            f"{_fmt(r.get('tracemalloc_peak_mb'), '.0f')} | {_fmt(r.get('input_mb'), '.0f')} | "
            f"{_fmt(share, '.2f')} | {r['load_before'][0]:.2f} | {r.get('check', '')} |"
        )
    lines += [
        "",
        "The `pd.date_range` + `explode` loop was run on the first "
        f"{_loop_sample(results):,} records",
        "only and its time scaled linearly to the full size (it is linear in the",
        "number of records); running it whole at 10^7 would take many minutes.",
        "",
    ]
    for r in results:
        if r.get("case") == "count_options":
            said = ("failed: " + r["error"].strip().splitlines()[-1] if "error" in r
                    else r["check"])
            lines += [f"Other options of `count_events` on the same {r['n']:,} records, one run "
                      f"each (wall and CPU seconds; {said}):",
                      "", "| options | s | CPU s | rows out |", "|---|---:|---:|---:|"]
            for run in r.get("runs", []):
                opts = ", ".join(f"{k}={v!r}" for k, v in run["options"].items())
                lines.append(f"| `{opts}` | {run['s']:.2f} | {run['cpu_s']:.2f} | "
                             f"{run['rows_out']:,} |")
            lines.append("")
    big = data.get("dask_large")
    if big:
        lines += [
            "## 10^8 records through the Dask path",
            "",
            f"`count_events(dask.dataframe.read_parquet(...), freq=\"D\", by=[\"admin1\"])` on "
            f"{big['n']:,} SYNTHETIC records in {big.get('partitions', '?')} Parquet files, "
            f"Dask's threaded scheduler with {big.get('workers', '?')} workers, run once.",
            "",
        ]
        if "error" in big:
            lines.append(f"Failed: `{big['error'].strip().splitlines()[-1]}`")
        else:
            lines += [
                f"- wall time {big['median_s']:.1f} s; peak resident memory of the whole "
                f"process {big['peak_rss_total_mb'] / 1024:.2f} GB (`VmHWM`); "
                f"{big['rows_out']:,} output rows",
                f"- check: {big['check']}",
                f"- load average before/after: {big['load_before'][0]:.2f} / "
                f"{big['load_after'][0]:.2f}; run at {big.get('date_utc', '?')}",
            ]
        lines.append("")
    lines += _file_lines(results)
    lines += _reader_lines(results)
    lines += ["## Loading, extraction, figures, import", ""]
    for r in results:
        if r.get("case") == "extract_events":
            if "error" in r:
                lines.append(f"- `extract_events`: {r['error']}")
            else:
                x = r["extract"]
                lines.append(
                    f"- Extraction on {x.get('n_articles', r['n'])} SYNTHETIC Arabic articles "
                    f"(`benchmarks/bench_extract.py`, ~{x.get('mean_article_bytes', '?')} "
                    f"bytes each, one core): `extract_events_batch` "
                    f"{x.get('extract_events_batch_articles_per_s', '?')} articles/s, "
                    f"`extract_records` {x.get('extract_records_articles_per_s', '?')} "
                    f"articles/s, `extract_events` per article "
                    f"{x.get('extract_events_per_call_articles_per_s', '?')} articles/s; "
                    f"{x.get('records', '?')} records found; whole case "
                    f"{r['median_s']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB."
                )
        elif r.get("case") == "figures":
            if "error" in r:
                lines.append(f"- `python -m analysis figures`: {r['error'].strip()[-200:]}")
            else:
                lines.append(f"- `python -m analysis figures` (every figure, fresh process): "
                             f"median {r['median_s']:.1f} s over {len(r['times'])} runs, "
                             f"peak RSS {r['peak_rss_mb']:.0f} MB")
        elif r.get("case") == "import":
            lines.append(
                f"- `import analysis` after `import pandas`: median "
                f"{r['analysis_median_s']:.3f} s (pandas itself {r['pandas_median_s']:.3f} s; "
                f"first use of `count_events` and `load_events` "
                f"{r['first_use_median_s']:.3f} s more), {r['repeats']} fresh interpreters. "
                f"Heavy modules loaded by `import analysis`: "
                f"{', '.join(r['heavy_after_import']) or 'none'}; after first use of "
                f"`count_events`/`load_events`: {', '.join(r['heavy_after_first_use']) or 'none'}."
            )
            loaded = {k: v for k, v in r["heavy_by_module"].items() if v}
            lines.append("- Heavy libraries each module imports at its top: " + (
                "; ".join(f"`{k}`: {', '.join(v) if isinstance(v, list) else v}"
                          for k, v in loaded.items()) or "none") + ".")
    for r in results:
        if r.get("case", "").startswith("load_") and "median_s" in r:
            lines.append(
                f"- `load_events` from {r['case'][5:].upper()} ({r['n']:,} records, "
                f"{r['file_mb']:.0f} MB file): median {r['median_s']:.2f} s, extra RSS "
                f"{r['extra_rss_mb']:.0f} MB; {r['check']}"
            )
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="10^5 records only, no large Dask run; prints, writes no file")
    parser.add_argument("--dask-records", type=int, default=None,
                        help="records of the large Dask run from partitioned Parquet "
                        "(default 10^8; 0 skips it and keeps the last one's figures)")
    parser.add_argument("--dask-only", action="store_true",
                        help="run only the large Dask case and update the report")
    parser.add_argument("--workers", type=int, default=2, help="Dask threads (large run)")
    parser.add_argument("--chunk-size", type=int, default=5_000_000,
                        help="records per Parquet file of the large run")
    parser.add_argument("--sizes", help="comma-separated record counts (for trying out; "
                        "prints, writes no file)")
    parser.add_argument("--readers", action="store_true",
                        help="only the ACLED and UCDP reader cases; prints, writes no file")
    parser.add_argument("--only", help="re-run only these groups of cases, comma-separated "
                        f"({', '.join(GROUPS)}), and update the report; every other case "
                        "keeps its last figures (the report says from which run)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(run_worker(json.loads(args.worker)), default=float))
        return 0
    if args.readers:
        print("\n".join(_reader_lines(run_readers())))
        return 0
    sizes = tuple(int(float(x)) for x in args.sizes.split(",")) if args.sizes else None
    trial = args.quick or sizes is not None
    dask_records = args.dask_records
    if dask_records is None:
        dask_records = 0 if trial else LARGE_DASK_RECORDS
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if args.only:
        groups = set(args.only.split(","))
        if not groups <= set(GROUPS) or not previous:
            parser.error(f"--only takes {', '.join(GROUPS)} and needs a previous full run")
        data = run_groups(groups, previous, save=_save)
        dask_records = 0
    elif args.dask_only:
        data = previous or {"machine": machine(), "quick": False, "results": []}
    else:
        data = run_all(quick=args.quick, sizes=sizes)
        data["dask_large"] = None if trial else previous.get("dask_large")
    if dask_records:
        result = run_dask_only(dask_records, workers=args.workers, chunk_size=args.chunk_size)
        result["date_utc"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        data["dask_large"] = result
    report = render_report(data)
    print()
    print(report)
    if trial and not args.dask_only:
        return 0
    _save(data)
    print(f"wrote {REPORT.relative_to(ROOT_DIR)} and {RESULTS.relative_to(ROOT_DIR)}")
    return 0


def _save(data: dict[str, Any]) -> None:
    RESULTS.write_text(json.dumps(data, indent=1, default=float) + "\n")
    REPORT.write_text(render_report(data))


if __name__ == "__main__":
    sys.exit(main())
