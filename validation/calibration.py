"""Calibration under the null: how often do the 5% tests reject when nothing happens?

Simulates SYNTHETIC overdispersed counts with no trend and no campaign effect
(``analysis.stats.simulate``, seeded), runs ``fit_trend`` and ``event_study`` on
each, and reports the share of runs whose p-value is below 0.05, with a 95%
Wilson interval, beside a naive Poisson test on the same series.  A
well-calibrated test rejects in about 5% of runs; the naive Poisson test is
shown for contrast.  A coverage check of the trend interval at a known,
non-null rate ratio is included.

Run: ``python validation/calibration.py`` (about ten minutes on two cores;
``--sims`` to change the number of simulations).  Writes
``validation/calibration.md`` and the same numbers as ``calibration.json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.stats.eventstudy import event_study
from analysis.stats.simulate import SYNTHETIC_EVENT_TYPE, simulate_campaigns, simulate_counts
from analysis.stats.trends import fit_trend

HERE = Path(__file__).resolve().parent
REPORT = HERE / "calibration.md"


@dataclass
class Row:
    scenario: str
    test: str
    rejections: int
    sims: int
    seeds: str

    @property
    def rate(self) -> float:
        return self.rejections / self.sims

    def interval(self) -> tuple[float, float]:
        """Wilson 95% interval of the rejection rate."""
        z, n, p = 1.959964, self.sims, self.rate
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return centre - half, centre + half


def trend_null(sims: int, n_months: int, per_month: float, alpha: float, seed0: int) -> list[Row]:
    label = f"trend, null: {n_months} months, mean {per_month:g}/month, alpha {alpha:g}"
    seeds = f"series {seed0}..{seed0 + sims - 1}"
    nb = wald = pois = mk = 0
    for i in range(sims):
        sim = simulate_counts(
            n_months, freq="MS", base_rate=per_month * 12 / 365.2425, alpha=alpha, seed=seed0 + i
        )
        fit = fit_trend(sim)
        nb += fit.p_value < 0.05
        wald += bool(fit.model.pvalues[1] < 0.05)  # same alpha, plain Wald z: no small-sample rule
        mk += fit.mann_kendall.p_value < 0.05
        pois += fit_trend(sim, family="poisson").p_value < 0.05
    return [
        Row(label, "fit_trend negbin (p_value)", nb, sims, seeds),
        Row(
            label,
            "negbin, plain Wald z (fit_trend(...).model, no small-sample rule)",
            wald,
            sims,
            seeds,
        ),
        Row(label, "Mann-Kendall (beside fit_trend)", mk, sims, seeds),
        Row(label, "naive Poisson GLM (fit_trend family='poisson')", pois, sims, seeds),
    ]


def trend_coverage(sims: int, truth: float, seed0: int) -> list[Row]:
    label = f"trend, rate ratio {truth:g}/month: 36 months, mean ~30/month, alpha 0.3"
    seeds = f"series {seed0}..{seed0 + sims - 1}"
    miss = 0
    for i in range(sims):
        sim = simulate_counts(
            36, freq="MS", base_rate=1.0, rate_ratio=truth, alpha=0.3, seed=seed0 + i
        )
        fit = fit_trend(sim)
        miss += not (fit.ci_low <= truth <= fit.ci_high)
    return [Row(label, "95% CI misses the true rate ratio (should be ~5%)", miss, sims, seeds)]


def event_null(
    sims: int, rate: float, alpha: float, n_placebo: int, seed0: int, block: int = 1
) -> list[Row]:
    label = (
        f"event study, null: 366 days, 6 campaigns of 7 days, {rate:g} attacks/day, "
        f"alpha {alpha:g}"
        + (f" shared by {block}-day blocks (clustered in time)" if block > 1 else "")
        + ", pre = post = 28 days"
    )
    seeds = (
        f"campaigns {seed0}..{seed0 + sims - 1}, "
        f"series {seed0 + 50_000}..{seed0 + 50_000 + sims - 1}, placebo 0..{sims - 1}"
    )
    model = placebo = pois = 0
    for i in range(sims):
        camps = simulate_campaigns(6, n_days=366, duration_days=7, seed=seed0 + i)
        sim = simulate_counts(
            366, base_rate=rate, alpha=alpha, block_periods=block, seed=seed0 + 50_000 + i
        )
        study = event_study(sim, camps, outcome=SYNTHETIC_EVENT_TYPE, n_placebo=n_placebo, seed=i)
        model += study.pooled.p_value < 0.05
        placebo += study.pooled.placebo_p_value < 0.05
        pois += (
            event_study(
                sim, camps, outcome=SYNTHETIC_EVENT_TYPE, family="poisson", n_placebo=0
            ).pooled.p_value
            < 0.05
        )
    return [
        Row(label, "event_study negbin (p_value)", model, sims, seeds),
        Row(
            label, f"event_study placebo ({n_placebo} sets, placebo_p_value)", placebo, sims, seeds
        ),
        Row(label, "naive Poisson GLM (event_study family='poisson')", pois, sims, seeds),
    ]


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    versions = ", ".join(
        f"{p} {importlib.metadata.version(p)}" for p in ("numpy", "scipy", "pandas", "statsmodels")
    )
    return [
        f"- `nproc`: {nproc} (shared with other jobs while this ran)",
        f"- CPU: {cpu}",
        f"- Python {platform.python_version()} on {platform.system()}; {versions}",
    ]


def run(sims: int, n_placebo: int) -> tuple[list[Row], float]:
    start = time.perf_counter()
    rows: list[Row] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows += trend_null(sims, 24, 10.0, 0.5, seed0=100_000)
        rows += trend_null(sims, 12, 5.0, 0.5, seed0=200_000)
        rows += trend_coverage(sims, 0.97, seed0=300_000)
        rows += event_null(sims, 0.2, 1.0, n_placebo, seed0=400_000)
        rows += event_null(sims, 1.0, 1.0, n_placebo, seed0=500_000)
        rows += event_null(sims, 0.5, 0.5, n_placebo, seed0=600_000, block=14)
    return rows, time.perf_counter() - start


def report(
    rows: list[Row], seconds: float, sims: int, n_placebo: int, host: list[str] | None = None
) -> str:
    lines = [
        "# Calibration of the trend and event-study tests under the null",
        "",
        "Generated by `validation/calibration.py`; do not edit by hand (numbers also in",
        "`calibration.json`). All series are SYNTHETIC (negative binomial counts from",
        "`analysis.stats.simulate`, seeded), not data.",
        "",
        f"Each row: {sims} simulated series; the share whose 5% test rejected, with a 95%",
        "Wilson interval. A calibrated test rejects in about 5% of runs when there is",
        "nothing to find. Monthly `days` are calendar days; campaigns are placed at random",
        "(non-overlapping launches, windows may overlap) and have no effect on the counts.",
    ]
    for scenario in dict.fromkeys(r.scenario for r in rows):
        group = [r for r in rows if r.scenario == scenario]
        lines += [
            "",
            f"### {scenario}",
            "",
            f"Seeds: {group[0].seeds}.",
            "",
            "| test | rejected | rate | 95% interval |",
            "|---|---:|---:|---|",
        ]
        for r in group:
            lo, hi = r.interval()
            lines.append(
                f"| {r.test} | {r.rejections}/{r.sims} | {r.rate:.3f} | {lo:.3f}-{hi:.3f} |"
            )
    lines += [
        "",
        "## Reading",
        "",
        "- `fit_trend` (negative binomial, dispersion estimated, Pearson-scaled standard",
        "  error and Student t with n - 3 df) and `event_study` (the same small-sample rule,",
        "  and the placebo test) should sit near 0.05, or below it (a conservative test,",
        "  as on very short series); a rate well above 0.05 means the test finds effects",
        "  that are not there.",
        "- The naive Poisson tests reject more often the more the counts vary beyond",
        "  Poisson. With NB2 counts the variance is `mu * (1 + alpha * mu)`: at 0.2",
        "  attacks a day and alpha 1 that is only 1.2 times the Poisson variance and the",
        "  Poisson test is close to nominal; at 1 a day (2 times) or 10 a month (6 times)",
        "  it is not. A Poisson p < 0.05 on overdispersed counts is weak evidence.",
        "- The Mann-Kendall test assumes independent periods; on the simulated independent",
        "  series it is close to nominal, on real, autocorrelated series it is not.",
        "- The clustered scenario (one rate multiplier per 14-day block: quiet spells and",
        "  surges) breaks the day-level model's independence assumption. Compare its model",
        "  p-value row with its placebo row: where they differ, quote the placebo p-value,",
        "  which re-uses the series' own clustering.",
        "",
        "## Machine",
        "",
        *(machine() if host is None else [f"- {h}" for h in host]),
        f"- wall time: {seconds / 60:.1f} min for {sims} simulations per scenario "
        f"({n_placebo} placebo sets per event study), run under `nice`",
        "",
    ]
    return "\n".join(lines)


def to_json(rows: list[Row], seconds: float, sims: int, n_placebo: int) -> str:
    """The same numbers as :func:`report`, machine-readable."""
    out = {
        "note": "SYNTHETIC simulations; generated by validation/calibration.py",
        "sims": sims,
        "n_placebo": n_placebo,
        "wall_seconds": round(seconds, 1),
        "machine": [m.removeprefix("- ") for m in machine()],
        "rows": [
            {
                "scenario": r.scenario,
                "test": r.test,
                "rejections": r.rejections,
                "sims": r.sims,
                "rate": r.rate,
                "interval_95": list(r.interval()),
                "seeds": r.seeds,
            }
            for r in rows
        ],
    }
    return json.dumps(out, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sims", type=int, default=500)
    parser.add_argument("--placebo", type=int, default=199)
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument(
        "--render",
        action="store_true",
        help="rewrite the report's text from the numbers in calibration.json, without simulating",
    )
    args = parser.parse_args(argv)
    if args.render:
        saved = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        rows = [
            Row(r["scenario"], r["test"], r["rejections"], r["sims"], r["seeds"])
            for r in saved["rows"]
        ]
        text = report(
            rows, saved["wall_seconds"], saved["sims"], saved["n_placebo"], saved["machine"]
        )
        args.out.write_text(text, encoding="utf-8")
        print(text)
        return 0
    rows, seconds = run(args.sims, args.placebo)
    text = report(rows, seconds, args.sims, args.placebo)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        to_json(rows, seconds, args.sims, args.placebo), encoding="utf-8"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
