"""Score the extractor on the real-report set, tune and held-out halves apart.

``tests/data/real_reports/gold.jsonl`` holds, for each passage of a published
Arabic report, its address, outlet, publication day, the passage's length and
SHA-256, tags and the hand-coded records; the articles' text is not in the
repository.  A reader who has brought the passages back from the addresses
(one UTF-8 file ``<id>.txt`` per passage, exactly the annotated span) points
this script at that directory.  Each text is checked against the length and
checksum in ``gold.jsonl``; passages that are missing or differ are listed and
left out, the others are read with :func:`analysis.extract_events` (published
day from ``gold.jsonl``) and scored with :func:`analysis.score_records`.

Printed for ``tune`` and ``heldout`` separately: record precision, recall and
F1; the window-exact and count-triple-exact rates over matched records;
location F1 over matched records (mean per matched pair of the F1 between the
two place sets; two empty sets agree); ``overall``, the mean of record F1,
window exact, count exact and location F1; the same per tag; and the
no-event passages that got records.

Place names the gold keeps in Arabic (places the gazetteer lacked when the set
was annotated) and Arabic names in the extractor's output are compared after
Arabic normalisation (:func:`analysis.normalize`) and, when the gazetteer in
use knows the name, as its canonical English name: a gazetteer that grows
scores its new places on both sides alike.

Usage::

    python scripts/score_real_reports.py --texts DIR
    REAL_REPORTS_TEXTS=DIR python scripts/score_real_reports.py
    python scripts/score_real_reports.py --texts DIR --misses tune   # differences, one half

Only the package's top-level API is used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import analysis as an

GOLD = an.ROOT_DIR / "tests" / "data" / "real_reports" / "gold.jsonl"
ENV_TEXTS = "REAL_REPORTS_TEXTS"
SPLITS = ("tune", "heldout")


# --- reading the set -------------------------------------------------------------------


def load_gold(path: str | Path = GOLD) -> list[dict[str, Any]]:
    """Read ``gold.jsonl``; one passage per line.

    Raises
    ------
    ValueError
        If a line is not JSON (file and line named).
    """
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {n}: not JSON ({err.msg})") from err
    return out


def sha256(text: str) -> str:
    """Hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class TextCheck:
    """Texts found for the gold passages: usable ones and the problems."""

    texts: dict[str, str]
    missing: list[str]
    mismatched: list[str]


def check_texts(gold: Iterable[Mapping[str, Any]], directory: str | Path) -> TextCheck:
    """Read ``<id>.txt`` for every passage and compare length and checksum.

    Parameters
    ----------
    gold : iterable of mapping
        Passages with ``id``, ``length`` and ``sha256``.
    directory : str or pathlib.Path
        Directory of the brought-back texts.

    Returns
    -------
    TextCheck
        ``texts`` (id -> text) for the passages that match; ``missing`` and
        ``mismatched`` list the others with the reason.
    """
    root = Path(directory)
    check = TextCheck({}, [], [])
    for item in gold:
        file = root / f"{item['id']}.txt"
        if not file.is_file():
            check.missing.append(f"{item['id']}: no file {file.name}")
            continue
        text = file.read_text(encoding="utf-8")
        if len(text) != item["length"] or sha256(text) != item["sha256"]:
            check.mismatched.append(
                f"{item['id']}: length {len(text)} (expected {item['length']}), "
                f"sha256 {'matches' if sha256(text) == item['sha256'] else 'differs'}"
            )
            continue
        check.texts[item["id"]] = text
    return check


# --- comparing places --------------------------------------------------------------------


def place_canonicalizer() -> Callable[[str], str]:
    """Return a function mapping one place name to its comparable form.

    English names are kept; Arabic names are normalised and, where the
    gazetteer in use knows them, replaced by the canonical English name.
    """
    names: dict[str, str] = {}
    try:
        gazetteer = an.load_gazetteer()
        names = {name: gazetteer.places[i].name_en for name, i in gazetteer.names.items()}
    except (AttributeError, TypeError, IndexError):  # another gazetteer layout: no lookup
        names = {}

    def canonical(name: str) -> str:
        name = name.strip()
        if not any("\u0600" <= ch <= "\u06ff" for ch in name):
            return name
        folded = " ".join(an.normalize(name).split())
        return names.get(folded, folded)

    return canonical


def _places(value: Any, canonical: Callable[[str], str]) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [canonical(p) for p in str(value).split(";") if p.strip() and p.strip() != "<NA>"]


def with_canonical_places(records: Iterable[Mapping[str, Any]], canonical: Callable[[str], str]):
    """Return copies of ``records`` whose ``location`` names are in comparable form."""
    out = []
    for rec in records:
        copy = dict(rec)
        copy["location"] = ";".join(_places(rec.get("location"), canonical))
        out.append(copy)
    return out


def place_f1(predicted: Any, gold: Any) -> float:
    """F1 between two ``;``-joined place lists taken as sets (both empty: 1.0)."""
    p = {x for x in str(predicted or "").split(";") if x}
    g = {x for x in str(gold or "").split(";") if x}
    if not p and not g:
        return 1.0
    hit = len(p & g)
    return 2 * hit / (len(p) + len(g))


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Scores:
    """Scores of one group of passages."""

    passages: int
    gold_records: int
    predicted_records: int
    precision: float
    recall: float
    f1: float
    window: float
    count: float
    location_f1: float

    @property
    def overall(self) -> float:
        """Mean of record F1, window exact, count exact and location F1."""
        return (self.f1 + self.window + self.count + self.location_f1) / 4


def score_group(
    passages: list[dict[str, Any]], predicted: Mapping[str, list[dict[str, Any]]]
) -> Scores:
    """Score predicted records of ``passages`` (gold records in ``records``)."""
    report = an.score_records(predicted, passages)
    pair_f1 = []
    for item in passages:
        pred = predicted.get(item["id"], [])
        for i, j in an.match_records(pred, item["records"]):
            pair_f1.append(place_f1(pred[i].get("location"), item["records"][j].get("location")))
    rates = report.field_rates
    return Scores(
        passages=report.passages,
        gold_records=report.gold_records,
        predicted_records=report.predicted_records,
        precision=report.precision,
        recall=report.recall,
        f1=report.f1,
        window=rates["window"],
        count=rates["count"],
        location_f1=sum(pair_f1) / len(pair_f1) if pair_f1 else 1.0,
    )


def extract(passages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Run the extractor on each passage (``text``, ``published``)."""
    predicted = {}
    for item in passages:
        frame = an.extract_events(item["text"], published=item["published"])
        predicted[item["id"]] = frame.to_dict(orient="records")
    return predicted


def table(rows: list[tuple[str, Scores]]) -> str:
    """Markdown table of scores, one row per group."""
    head = (
        "| group | passages | gold / predicted | precision | recall | record F1 "
        "| window exact | count exact | location F1 | overall |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {name} | {s.passages} | {s.gold_records} / {s.predicted_records} | "
        f"{s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.window:.2f} | "
        f"{s.count:.2f} | {s.location_f1:.2f} | {s.overall:.2f} |\n"
        for name, s in rows
    )
    return head + body


def misses(passages: list[dict[str, Any]], predicted: Mapping[str, list[dict[str, Any]]]) -> str:
    """Every difference between predicted and gold records, passage by passage."""
    keys = (
        "event_type",
        "date_start",
        "date_end",
        "count",
        "count_low",
        "count_high",
        "location",
        "admin1",
    )

    def show(rec: Mapping[str, Any]) -> str:
        parts = []
        for k in keys:
            v = rec.get(k)
            if hasattr(v, "date") and not isinstance(v, str):
                v = str(v.date())
            parts.append(f"{k}={v}")
        return ", ".join(parts)

    lines = []
    for item in passages:
        report = an.score_records({item["id"]: predicted.get(item["id"], [])}, [item])
        if not report.misses:
            continue
        lines.append(f"## {item['id']} ({', '.join(item['tags'])})")
        for miss in report.misses:
            lines.append(f"- {miss['what']}")
            if "gold" in miss:
                lines.append(f"  - gold: {show(miss['gold'])}")
            if "predicted" in miss:
                lines.append(f"  - predicted: {show(miss['predicted'])}")
    return "\n".join(lines) + "\n"


def run(gold_path: str | Path, texts_dir: str | Path, show_misses: str | None = None) -> str:
    """Check the texts, extract, score; return the printed report."""
    gold = load_gold(gold_path)
    check = check_texts(gold, texts_dir)
    canonical = place_canonicalizer()
    passages = []
    for item in gold:
        if item["id"] not in check.texts:
            continue
        records = with_canonical_places(item["records"], canonical)
        passages.append(dict(item, text=check.texts[item["id"]], records=records))
    predicted = {
        pid: with_canonical_places(recs, canonical) for pid, recs in extract(passages).items()
    }

    out = [
        f"Real-report set: {len(gold)} passages in {Path(gold_path).name}; "
        f"{len(passages)} texts match, {len(check.missing)} missing, "
        f"{len(check.mismatched)} differ.\n"
    ]
    for problem in check.missing + check.mismatched:
        out.append(f"- {problem}\n")
    rows = []
    for split in SPLITS:
        group = [p for p in passages if p["split"] == split]
        if group:
            rows.append((split, score_group(group, predicted)))
    out.append("\n" + table(rows))
    for split in SPLITS:
        group = [p for p in passages if p["split"] == split]
        tags = sorted({t for p in group for t in p["tags"]})
        per_tag = [(t, score_group([p for p in group if t in p["tags"]], predicted)) for t in tags]
        out.append(f"\nPer tag, {split}:\n\n" + table(per_tag))
        noisy = [
            f"{p['id']} ({len(predicted[p['id']])})"
            for p in group
            if not p["records"] and predicted[p["id"]]
        ]
        negatives = sum(not p["records"] for p in group)
        out.append(
            f"\nNo-event passages of {split} that got records: "
            f"{len(noisy)} of {negatives}" + (f": {', '.join(noisy)}" if noisy else "") + "\n"
        )
    if show_misses:
        group = [p for p in passages if p["split"] == show_misses]
        out.append(f"\nDifferences, {show_misses}:\n\n" + misses(group, predicted))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--texts",
        default=os.environ.get(ENV_TEXTS),
        help=f"directory of <id>.txt passages (default: ${ENV_TEXTS})",
    )
    parser.add_argument("--gold", default=str(GOLD), help="gold.jsonl (default: the shipped set)")
    parser.add_argument("--misses", choices=SPLITS, help="also list the differences of one half")
    args = parser.parse_args(argv)
    if not args.texts:
        parser.error(f"no texts directory: pass --texts DIR or set {ENV_TEXTS}")
    if not Path(args.texts).is_dir():
        parser.error(f"--texts {args.texts}: not a directory")
    print(run(args.gold, args.texts, args.misses), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
