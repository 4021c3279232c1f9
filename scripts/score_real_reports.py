"""Score the extractor on the real-report set, tune and held-out halves apart.

``tests/data/real_reports/gold.jsonl`` holds, for each passage of a published
Arabic report, its address, outlet, publication day, the passage's length and
SHA-256, tags and the hand-coded records; the articles' text is not in the
repository.  A reader who has brought the passages back from the addresses
(one UTF-8 file ``<id>.txt`` per passage, exactly the annotated span) points
this script at that directory.  Each text is checked against the length and
checksum in ``gold.jsonl``; passages that are missing or differ are listed and
left out, the others are read with :func:`analysis.extract_events` (published
day from ``gold.jsonl``) and scored with :func:`analysis.score_records`,
:func:`analysis.score_by_tag` and :func:`analysis.score_table` (the measures
are defined in :mod:`analysis.extraction.scoring`).

Printed for ``tune``, ``heldout`` and ``fresh`` separately, and for ``all``
passages together (``fresh`` is the held-out set: annotated after the
extractor's tuning on the other two ended, and scored once): record precision,
recall and F1; the window-exact and count-triple-exact rates over matched
records; location F1 over matched
records (mean per matched pair of the F1 between the two place sets; two empty
sets agree); ``overall``, the mean of record F1, window exact, count exact and
location F1; the errors by category; the same scores per tag; and the no-event
passages that got records.

Place names the gold keeps in Arabic (places the gazetteer lacked when the set
was annotated) and Arabic names in the extractor's output are compared in the
form :func:`analysis.place_canonicalizer` gives them: normalised Arabic, or
the canonical English name where the gazetteer in use knows the name, so that
a gazetteer that grows scores its new places on both sides alike.

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
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import analysis as an

GOLD = an.ROOT_DIR / "tests" / "data" / "real_reports" / "gold.jsonl"
ENV_TEXTS = "REAL_REPORTS_TEXTS"
SPLITS = ("tune", "heldout", "fresh")


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


# --- scoring ----------------------------------------------------------------------------


def extract(passages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Run the extractor on each passage (``text``, ``published``)."""
    predicted = {}
    for item in passages:
        frame = an.extract_events(item["text"], published=item["published"])
        predicted[item["id"]] = frame.to_dict(orient="records")
    return predicted


def misses(
    passages: list[dict[str, Any]],
    predicted: Mapping[str, list[dict[str, Any]]],
    canonical: Callable[[str], str] | None = None,
) -> str:
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
        report = an.score_records({item["id"]: predicted.get(item["id"], [])}, [item], canonical)
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
    canonical = an.place_canonicalizer()
    passages = [
        dict(item, text=check.texts[item["id"]]) for item in gold if item["id"] in check.texts
    ]
    predicted = extract(passages)

    out = [
        f"Real-report set: {len(gold)} passages in {Path(gold_path).name}; "
        f"{len(passages)} texts match, {len(check.missing)} missing, "
        f"{len(check.mismatched)} differ.\n"
    ]
    for problem in check.missing + check.mismatched:
        out.append(f"- {problem}\n")
    halves = {split: [p for p in passages if p["split"] == split] for split in SPLITS}
    rows = [
        (split, an.score_records(predicted, group, canonical))
        for split, group in halves.items()
        if group
    ]
    if len(rows) > 1:  # several groups: the whole set too
        rows.append(("all", an.score_records(predicted, passages, canonical)))
    out.append("\n" + an.score_table(rows))
    out.append("\nErrors by category:\n\n" + an.error_table(rows))
    for split, group in halves.items():
        if not group:
            continue
        per_tag = an.score_by_tag(predicted, group, canonical)
        out.append(f"\nPer tag, {split}:\n\n" + an.score_table(list(per_tag.items())))
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
        group = halves[show_misses]
        out.append(f"\nDifferences, {show_misses}:\n\n" + misses(group, predicted, canonical))
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
