"""Benchmark: articles per second through the Arabic extractor, on one core.

The articles are SYNTHETIC: each is about 3 kB of Arabic composed, by a seeded
random generator, from the passages of the synthetic held-out set
(``tests/data/extraction_heldout.jsonl``) and from sentence templates filled with
gazetteer places, numbers in words or digits and relative dates.  None of them
is a real report.

Usage::

    python benchmarks/bench_extract.py            # 2,000 articles; prints the result
    python benchmarks/bench_extract.py --n 500 --json
    python benchmarks/bench_extract.py --report   # also writes benchmarks/extract_report.md
    python benchmarks/bench_extract.py --scaling  # also times very long inputs (a minute)

``bench_extract(n_articles)`` returns the measurements as a dict and writes
nothing, so the benchmark runner (``benchmarks/run.py``) can import and call it.
``bench_scaling()`` times the extractor on SYNTHETIC inputs made by repeating a
few words 10,000 to 100,000 times, to show that its time grows linearly with
the length of the input.  Everything runs in one process on one core (the
extractor is single-threaded).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `analysis` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.config import BENCHMARKS_DIR, EXTRACTION_HELDOUT_SET, SEED_ARTICLE_TEXT
from analysis.extraction import (
    extract_events,
    extract_events_batch,
    extract_records,
    load_gazetteer,
)
from analysis.extraction.extract import records_to_frame

ARTICLE_CHARS = 3000
"""Target size of an article in bytes of UTF-8 (about 1,650 Arabic characters)."""

_PLACES = ["تدمر", "السخنة", "جبل البشري", "الرصافة", "أثريا", "كباجب", "الشولا", "التبني",
           "معدان", "جب الجراح", "حقل الشاعر", "عقيربات", "الطيبة", "الكوم", "المسرب",
           "البوكمال", "الميادين", "القريتين", "خناصر", "الشميطية", "الصوامع"]
_HEADS = ["بادية", "محيط", "منطقة", "قرية", "بلدة", ""]
_COUNTS = ["3", "١٢", "أكثر من 30", "نحو عشرين", "ثلاث عشرة", "عشرات", "عدة", "بين 5 و8",
           "ما لا يقل عن 7", "خمس وعشرين"]
_DATES = ["اليوم", "أمس", "أمس الأول", "يوم الأربعاء الفائت", "ليل الأحد-الاثنين",
          "خلال الـ72 ساعة الماضية", "في 12 آذار", "منذ بداية العام", "خلال شهر آب الماضي",
          "صباح اليوم الخميس", "مساء أمس السبت"]
_TEMPLATES = [
    "شنت المقاتلات الروسية {date} {count} غارة جوية على مواقع لخلايا تنظيم داعش في {place}.",
    "نفذت خلايا تنظيم داعش {date} هجوماً على نقطة عسكرية لقوات النظام قرب {place}، "
    "ما أدى إلى مقتل أربعة عناصر.",
    "أطلقت قوات النظام بقيادة الفرقة 25 {date} حملة تمشيط في {place} بحثاً عن خلايا التنظيم.",
    "وقالت مصادر محلية إن التعزيزات العسكرية وصلت إلى {place} وسط استنفار أمني.",
    "نصب عناصر التنظيم {date} كميناً لدورية مشتركة على الطريق المؤدي إلى {place}.",
    "وأحصى المرصد {count} هجمات لخلايا التنظيم {date} في {place}.",
]


def generate_articles(n_articles: int, seed: int = 0) -> list[tuple[str, str]]:
    """Compose ``n_articles`` synthetic Arabic articles of about 3 kB each.

    Parameters
    ----------
    n_articles : int
        How many articles.
    seed : int
        Seed of the random generator (the output is reproducible).

    Returns
    -------
    list of (str, str)
        ``(text, published)`` pairs; every text is synthetic.
    """
    rng = random.Random(seed)
    with EXTRACTION_HELDOUT_SET.open(encoding="utf-8") as fh:
        passages = [json.loads(line) for line in fh if line.strip()]
    out: list[tuple[str, str]] = []
    for _ in range(n_articles):
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        parts: list[str] = []
        while len("\n".join(parts).encode("utf-8")) < ARTICLE_CHARS:
            if rng.random() < 0.4:
                parts.append(rng.choice(passages)["text"])
            else:
                head = rng.choice(_HEADS)
                place = f"{head} {rng.choice(_PLACES)}".strip()
                parts.append(rng.choice(_TEMPLATES).format(
                    date=rng.choice(_DATES), count=rng.choice(_COUNTS), place=place))
        out.append(("\n".join(parts), published))
    return out


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1) if seconds > 0 else float("inf")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _timed(fn: Any, repeats: int) -> tuple[float, float, float, Any]:
    """Run ``fn`` ``repeats`` times: best wall and CPU seconds, median CPU, last result."""
    walls, cpus, result = [], [], None
    for _ in range(max(1, repeats)):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus), statistics.median(cpus), result


def bench_extract(n_articles: int = 2000, seed: int = 0, per_call_articles: int = 50,
                  repeats: int = 3) -> dict[str, Any]:
    """Time the extractor on synthetic articles; return the measurements.

    Three paths are timed, each over the same articles after one warm-up
    article: ``extract_records`` (the rule engine, plain dicts),
    ``extract_events`` called per article (each call builds and validates its
    own frame) and ``extract_events_batch`` (one validation for all articles,
    the path for a year of reports).  Writes nothing.

    Parameters
    ----------
    n_articles : int
        How many articles to generate and extract.
    seed : int
        Seed of the article generator.
    per_call_articles : int
        How many of them to time through one ``extract_events`` call each.
    repeats : int
        Each path but the per-call one runs this many times; the best and the
        median are reported (the machine is shared).

    Returns
    -------
    dict
        Article count and mean size, records found, seconds and articles per
        second of each path, and the machine.
    """
    articles = generate_articles(n_articles, seed)
    gaz = load_gazetteer()
    extract_events(articles[0][0], articles[0][1], gazetteer=gaz)  # warm caches and imports
    t_records, c_records, cm_records, n_records = _timed(
        lambda: sum(len(extract_records(t, p, gazetteer=gaz)) for t, p in articles), repeats)
    t_batch, c_batch, cm_batch, batch = _timed(
        lambda: extract_events_batch(articles, gazetteer=gaz), repeats)
    per_call = articles[: min(len(articles), per_call_articles)]
    t_frames, c_frames, _cm, _ = _timed(
        lambda: [extract_events(t, p, gazetteer=gaz) for t, p in per_call], 1)
    # the real seed article (about 4 kB), for comparison with the synthetic ones
    seed_text = SEED_ARTICLE_TEXT.read_text(encoding="utf-8")
    n_seed = max(1, min(n_articles, 500))
    _t, c_seed, _cm, seed_records = _timed(
        lambda: [len(extract_records(seed_text, "2024-10-06", gazetteer=gaz))
                 for _ in range(n_seed)][-1], repeats)
    # the fixed cost of one call: the seed article through extract_events, and its parts
    seed_dicts = extract_records(seed_text, "2024-10-06", gazetteer=gaz)
    one_call = min(_timed(lambda: extract_events(seed_text, "2024-10-06", gazetteer=gaz), 1)[0]
                   for _ in range(20))
    one_rules = min(_timed(lambda: extract_records(seed_text, "2024-10-06", gazetteer=gaz), 1)[0]
                    for _ in range(20))
    one_frame = min(_timed(lambda: records_to_frame(seed_dicts), 1)[0] for _ in range(20))
    return {
        "synthetic": True,
        "n_articles": n_articles,
        "mean_article_bytes": round(sum(len(t.encode("utf-8")) for t, _ in articles)
                                    / max(1, n_articles)),
        "records": n_records,
        "batch_records": len(batch),
        "extract_records_s": round(t_records, 3),
        "extract_records_articles_per_s": _rate(n_articles, t_records),
        "extract_records_articles_per_cpu_s": _rate(n_articles, c_records),
        "extract_records_articles_per_cpu_s_median": _rate(n_articles, cm_records),
        "extract_events_batch_s": round(t_batch, 3),
        "extract_events_batch_articles_per_s": _rate(n_articles, t_batch),
        "extract_events_batch_articles_per_cpu_s": _rate(n_articles, c_batch),
        "extract_events_batch_articles_per_cpu_s_median": _rate(n_articles, cm_batch),
        "repeats": repeats,
        "extract_events_per_call_articles": len(per_call),
        "extract_events_per_call_s": round(t_frames, 3),
        "extract_events_per_call_articles_per_s": _rate(len(per_call), t_frames),
        "extract_events_per_call_articles_per_cpu_s": _rate(len(per_call), c_frames),
        "seed_article_bytes": len(seed_text.encode("utf-8")),
        "seed_article_records": seed_records,
        "seed_article_repeats": n_seed,
        "seed_article_per_cpu_s": _rate(n_seed, c_seed),
        "seed_extract_events_call_ms": round(one_call * 1000, 1),
        "seed_extract_records_call_ms": round(one_rules * 1000, 1),
        "seed_records_to_frame_ms": round(one_frame * 1000, 1),
        "extract_events_batch_ms_per_article": round(t_batch / max(1, n_articles) * 1000, 2),
        "cpu": _cpu_model(),
        "cpus_on_machine": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
    }


SCALING_UNITS: dict[str, str] = {
    "one sentence of strikes (غارة)": "غارة ",
    "strikes with a date phrase each": "اليوم غارة ",
    "a record per sentence, with a date": "في 12 آذار هجوم. ",
    "a run of full stops": ".",
}
"""SYNTHETIC inputs for :func:`bench_scaling`: each is repeated many times."""


def bench_scaling(repetitions: tuple[int, ...] = (10_000, 50_000, 100_000)) -> dict[str, Any]:
    """Time ``extract_records`` on each of :data:`SCALING_UNITS` repeated n times.

    Parameters
    ----------
    repetitions : tuple of int
        How many times each unit is repeated.

    Returns
    -------
    dict
        ``{unit name: [{"repetitions", "characters", "cpu_s", "records"}, ...]}``
        (one run each; CPU seconds of this process).
    """
    gaz = load_gazetteer()
    extract_records("غارة اليوم", "2024-10-06", gazetteer=gaz)
    out: dict[str, Any] = {}
    for name, unit in SCALING_UNITS.items():
        rows = []
        for n in repetitions:
            text = unit * n
            c0 = time.process_time()
            found = extract_records(text, "2024-10-06", gazetteer=gaz)
            rows.append({"repetitions": n, "characters": len(text),
                         "cpu_s": round(time.process_time() - c0, 2), "records": len(found)})
        out[name] = rows
    return out


def format_scaling(result: dict[str, Any]) -> str:
    """Write the measurements of :func:`bench_scaling` as a Markdown table."""
    lines = ["## Time against the length of the input", "",
             "SYNTHETIC inputs: one unit repeated n times; one run each, CPU seconds.", "",
             "| input | repetitions | characters | CPU seconds | per 100,000 characters |",
             "|---|---:|---:|---:|---:|"]
    for name, rows in result.items():
        for r in rows:
            per = r["cpu_s"] / max(1, r["characters"]) * 100_000
            lines.append(f"| {name} | {r['repetitions']:,} | {r['characters']:,} "
                         f"| {r['cpu_s']} | {per:.2f} |")
    return "\n".join(lines) + "\n"


def format_report(result: dict[str, Any]) -> str:
    """Write the measurements as a short Markdown report."""
    lines = [
        "# Extraction speed",
        "",
        "Generated by `python benchmarks/bench_extract.py --report`. The articles are",
        "**synthetic** (composed by a seeded generator from the synthetic held-out",
        "passages and sentence templates; no real report), about 3 kB of UTF-8 each.",
        "One process, one core. The machine is shared (other jobs ran at the same",
        "time), so wall-clock rates understate what one free core does; the CPU-time",
        "rate (articles per second of this process's own CPU time) is the one-core",
        "figure. The 1-minute load average at the end of the run is given.",
        "",
        f"Each of the first two paths ran {result['repeats']} times: best and median.",
        "",
        "| path | articles | best wall seconds | articles per wall second (best) "
        "| articles per CPU second (best / median) |",
        "|---|---|---|---|---|",
        f"| `extract_records` (rule engine, plain dicts) | {result['n_articles']} "
        f"| {result['extract_records_s']} | {result['extract_records_articles_per_s']} "
        f"| {result['extract_records_articles_per_cpu_s']} / "
        f"{result['extract_records_articles_per_cpu_s_median']} |",
        f"| `extract_events_batch` (one validated frame for all) | {result['n_articles']} "
        f"| {result['extract_events_batch_s']} | {result['extract_events_batch_articles_per_s']} "
        f"| {result['extract_events_batch_articles_per_cpu_s']} / "
        f"{result['extract_events_batch_articles_per_cpu_s_median']} |",
        f"| `extract_events` once per article (a validated frame each; one run) "
        f"| {result['extract_events_per_call_articles']} "
        f"| {result['extract_events_per_call_s']} "
        f"| {result['extract_events_per_call_articles_per_s']} "
        f"| {result['extract_events_per_call_articles_per_cpu_s']} |",
        "",
        f"The real seed article ({result['seed_article_bytes']} bytes, "
        f"{result['seed_article_records']} records), extracted {result['seed_article_repeats']} "
        f"times with `extract_records`: {result['seed_article_per_cpu_s']} per CPU second "
        "(best run). "
        "The synthetic articles are denser in events than real reports "
        f"({round(result['records'] / max(1, result['n_articles']), 1)} records per article), "
        "so they are the harder case.",
        "",
        "Target: at least 200 articles per second on one core for a year of reports",
        f"(`extract_events_batch`). Mean article size {result['mean_article_bytes']} bytes; "
        f"{result['records']} records found.",
        "",
        f"Machine: {result['cpu']}, {result['cpus_on_machine']} CPUs (shared), "
        f"load average {result['load_average_1min']}; Python {result['python']}.",
        "",
        "`extract_events` called per article pays the fixed cost of",
        "`analysis.records.validating.validate_events` on every call; to extract many reports,",
        "call `extract_events_batch` once. One call on the seed article (best of 20):",
        f"{result['seed_extract_events_call_ms']} ms, of which the rules "
        f"(`extract_records`) {result['seed_extract_records_call_ms']} ms and the validated "
        f"frame (`records_to_frame`) {result['seed_records_to_frame_ms']} ms; "
        f"`extract_events_batch` above: {result['extract_events_batch_ms_per_article']} ms "
        "per article.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark and print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of articles")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--report", action="store_true",
                        help="also write benchmarks/extract_report.md")
    parser.add_argument("--scaling", action="store_true",
                        help="also time very long synthetic inputs (about a minute)")
    args = parser.parse_args(argv)
    result = bench_extract(args.n)
    if args.scaling:
        result["scaling"] = bench_scaling()
    if args.report:
        report = format_report(result)
        if args.scaling:
            report += "\n" + format_scaling(result["scaling"])
        (BENCHMARKS_DIR / "extract_report.md").write_text(report, encoding="utf-8")
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:42s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
