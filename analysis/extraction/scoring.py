"""Measure extracted records against passages annotated by the guidelines.

An annotated set is a JSON-lines file, one passage per line: ``id``,
``published``, ``text`` and ``records`` (the hand-coded records, with
``event_type``, ``date_start``, ``date_end``, ``count``, ``count_low``,
``count_high``, ``location``, ``admin1``, ``actor`` ...).

How records are matched
-----------------------
Within each passage, a predicted and an annotated record *can* match when they
have the same ``event_type`` and their date windows overlap.  Among the
possible pairs, a one-to-one matching is chosen that first maximises the number
of matched pairs and then the number of agreeing fields (an optimal
assignment, :func:`scipy.optimize.linear_sum_assignment`; passages are scored
independently, so records never match across passages).  Matched pairs are
true positives; unmatched predictions are false positives and unmatched
annotations false negatives.  Precision, recall and F1 are micro-averaged over
all records of the set.

Field agreement on matched pairs
--------------------------------
- ``window``: ``date_start`` and ``date_end`` both equal.
- ``count``: ``count``, ``count_low`` and ``count_high`` all equal (empty equals
  empty).
- ``places``: ``location`` lists equal *as ordered lists*, the order being the
  order of the text, as the guidelines require; ``places_set`` (the same lists
  compared as sets) is reported beside it.
- ``governorates``: ``admin1`` equal as sets.
- ``actor``: equal strings (reported; no target).

Negatives: passages with no annotated record must yield no record;
``negatives_clean`` counts those that do.

Summary measures
----------------
- ``location_f1``: over matched pairs, the mean F1 between the two place
  *sets* (both empty counts as agreement): partial credit where ``places``
  gives none.
- ``overall``: the mean of record F1, window exact, count-triple exact and
  location F1.
- :attr:`ScoreReport.error_categories` counts the disagreements by kind
  (missed and extra records, windows, count triples, places, negatives with
  records); :func:`score_by_tag` scores the passages of each tag apart.

Place names can be compared in a common form (``canonical``): the real-report
set keeps places outside the gazetteer in Arabic, and
:func:`place_canonicalizer` maps any name the gazetteer knows, in either
script, to its English name, so that a gazetteer that grows scores its new
places alike on both sides.

Examples
--------
>>> gold = [{"id": "p1", "published": "2024-03-31", "text": "x", "records": [
...     {"event_type": "attack", "date_start": "2024-03-30", "date_end": "2024-03-30",
...      "count": 1, "count_low": 1, "count_high": 1, "location": "Palmyra",
...      "admin1": "Homs", "actor": "Islamic State"}]}]
>>> report = score_records({"p1": gold[0]["records"]}, gold)
>>> report.f1, report.field_rates["window"], report.overall
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import pandas as pd

FIELDS: Final[tuple[str, ...]] = (
    "window",
    "count",
    "places",
    "places_set",
    "governorates",
    "actor",
)
"""Per-field agreement rates, in report order."""

TARGETED_FIELDS: Final[tuple[str, ...]] = ("window", "count", "places", "governorates")
"""Fields with an agreement target (the issue's 'every per-field rate')."""

ERROR_CATEGORIES: Final[tuple[str, ...]] = (
    "missed record",
    "extra record",
    "window",
    "count",
    "location",
    "negative with records",
)
"""Kinds of disagreement :attr:`ScoreReport.error_categories` counts: records
missed or extra, matched pairs whose window, count triple or place set differ,
and no-event passages that got records."""

Canonical = Callable[[str], str]
"""Maps one place name to the form it is compared in."""


def load_annotated(path: str | Path) -> list[dict[str, Any]]:
    """Read an annotated JSON-lines set.

    Parameters
    ----------
    path : str or pathlib.Path
        One passage per line with ``id``, ``published``, ``text``, ``records``.

    Returns
    -------
    list of dict
        The passages in file order.

    Raises
    ------
    ValueError
        If a line is not JSON or lacks one of the four keys (file and line named).

    Examples
    --------
    >>> from analysis.config import EXTRACTION_DEV_SET
    >>> len(load_annotated(EXTRACTION_DEV_SET))
    40
    """
    passages = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {n}: not JSON ({err.msg})") from err
            missing = [k for k in ("id", "published", "text", "records") if k not in item]
            if missing:
                raise ValueError(f"{path}: line {n}: missing key(s) {', '.join(missing)}")
            passages.append(item)
    return passages


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number(value: Any) -> float | None:
    if _blank(value) or str(value) in ("<NA>", "NaN", "nan"):
        return None
    return float(value)


def _date(value: Any) -> str:
    if _blank(value):
        return ""
    if hasattr(value, "date") and not isinstance(value, str):
        value = value.date()
    return str(value)[:10]


def _names(value: Any) -> list[str]:
    if _blank(value) or str(value) == "<NA>":
        return []
    return [p.strip() for p in str(value).split(";") if p.strip()]


def _text(value: Any) -> str:
    return "" if _blank(value) or str(value) == "<NA>" else str(value).strip()


def place_f1(predicted: Any, gold: Any) -> float:
    """F1 between two ``;``-joined place lists taken as sets (both empty: 1.0).

    Examples
    --------
    >>> place_f1("Palmyra;al-Sukhnah", "al-Sukhnah;Palmyra"), place_f1("", "")
    (1.0, 1.0)
    >>> round(place_f1("Palmyra;Homs", "Palmyra"), 3)
    0.667
    """
    p, g = set(_names(predicted)), set(_names(gold))
    if not p and not g:
        return 1.0
    return 2 * len(p & g) / (len(p) + len(g))


def place_canonicalizer(gazetteer: Any = None) -> Canonical:
    """Return a function that maps a place name to its comparable form.

    English names are kept as they are; Arabic names are normalised
    (:func:`analysis.extraction.arabic.normalize`) and, where the gazetteer
    knows them (as a name or an alias), replaced by its English name.

    Parameters
    ----------
    gazetteer : Gazetteer, str or pathlib.Path, optional
        A compiled gazetteer or a CSV path; defaults to the project's
        (:func:`analysis.extraction.gazetteer.load_gazetteer`).

    Returns
    -------
    callable
        ``name -> comparable name``.

    Examples
    --------
    >>> canonical = place_canonicalizer()
    >>> canonical("تدمر"), canonical("Palmyra"), canonical("قرية مجهولة")
    ('Palmyra', 'Palmyra', 'قريه مجهوله')
    """
    from analysis.extraction.arabic import normalize
    from analysis.extraction.gazetteer import Gazetteer, load_gazetteer

    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    names = {name: gaz.places[i].name_en for name, i in gaz.names.items()}

    def canonical(name: str) -> str:
        name = name.strip()
        if not any("\u0600" <= ch <= "\u06ff" for ch in name):
            return name
        folded = " ".join(normalize(name).split())
        return names.get(folded, folded)

    return canonical


def _canonical_places(rec: Mapping[str, Any], canonical: Canonical | None) -> Mapping[str, Any]:
    """Return ``rec`` with its ``location`` names in comparable form (itself if no canonical)."""
    if canonical is None:
        return rec
    out = dict(rec)
    out["location"] = ";".join(canonical(p) for p in _names(rec.get("location")))
    return out


def _agreement(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, bool]:
    return {
        "window": (_date(pred.get("date_start")), _date(pred.get("date_end")))
        == (_date(gold.get("date_start")), _date(gold.get("date_end"))),
        "count": all(
            _number(pred.get(k)) == _number(gold.get(k))
            for k in ("count", "count_low", "count_high")
        ),
        "places": _names(pred.get("location")) == _names(gold.get("location")),
        "places_set": set(_names(pred.get("location"))) == set(_names(gold.get("location"))),
        "governorates": set(_names(pred.get("admin1"))) == set(_names(gold.get("admin1"))),
        "actor": _text(pred.get("actor")) == _text(gold.get("actor")),
    }


def _compatible(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if _text(pred.get("event_type")) != _text(gold.get("event_type")):
        return False
    p0, p1 = _date(pred.get("date_start")), _date(pred.get("date_end"))
    g0, g1 = _date(gold.get("date_start")), _date(gold.get("date_end"))
    return bool(p0 and p1 and g0 and g1) and p0 <= g1 and g0 <= p1


def match_records(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Match one passage's predicted records to its annotated records.

    Pairs must share ``event_type`` and have overlapping windows; the matching
    is one-to-one and maximises matched pairs, then agreeing fields.

    Parameters
    ----------
    predicted, gold : list of mapping
        Records of one passage.

    Returns
    -------
    list of (int, int)
        ``(predicted index, gold index)`` pairs, sorted by gold index.

    Examples
    --------
    >>> a = {"event_type": "attack", "date_start": "2024-01-02", "date_end": "2024-01-02"}
    >>> b = {"event_type": "attack", "date_start": "2024-01-05", "date_end": "2024-01-05"}
    >>> match_records([b, a], [a, b])
    [(1, 0), (0, 1)]
    """
    if not predicted or not gold:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n_fields = len(FIELDS)
    score = np.zeros((len(predicted), len(gold)))
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if _compatible(p, g):
                score[i, j] = (n_fields + 1) + sum(_agreement(p, g).values())
    rows, cols = linear_sum_assignment(score, maximize=True)
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if score[i, j] > 0]
    return sorted(pairs, key=lambda ij: ij[1])


@dataclass
class ScoreReport:
    """Scores of an extractor on an annotated set.

    Attributes
    ----------
    passages, negatives, negatives_clean : int
        Passages scored; those with no annotated record; those of them with no
        predicted record either.
    gold_records, predicted_records, matched : int
        Record totals and matched pairs.
    precision, recall, f1 : float
        Record-level scores (1.0 where the denominator is 0).
    field_rates : dict
        Agreement rate of each field of :data:`FIELDS` over matched pairs.
    location_f1_sum : float
        Sum over matched pairs of the F1 between their place sets
        (:attr:`location_f1` is its mean).
    misses : list of dict
        One entry per disagreement (unmatched record or differing field), for
        reading.
    """

    passages: int = 0
    negatives: int = 0
    negatives_clean: int = 0
    gold_records: int = 0
    predicted_records: int = 0
    matched: int = 0
    field_agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    location_f1_sum: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Matched / predicted."""
        return self.matched / self.predicted_records if self.predicted_records else 1.0

    @property
    def recall(self) -> float:
        """Matched / annotated."""
        return self.matched / self.gold_records if self.gold_records else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_rates(self) -> dict[str, float]:
        """Agreement rate of each field over matched pairs (1.0 with no pair)."""
        return {k: (v / self.matched if self.matched else 1.0) for k, v in self.field_agree.items()}

    @property
    def location_f1(self) -> float:
        """Mean over matched pairs of the F1 between their place sets (1.0 with no pair)."""
        return self.location_f1_sum / self.matched if self.matched else 1.0

    @property
    def overall(self) -> float:
        """Mean of record F1, window exact, count-triple exact and location F1."""
        rates = self.field_rates
        return (self.f1 + rates["window"] + rates["count"] + self.location_f1) / 4

    @property
    def error_categories(self) -> dict[str, int]:
        """How many disagreements of each kind of :data:`ERROR_CATEGORIES`.

        Examples
        --------
        >>> ScoreReport(gold_records=2, matched=1).error_categories["missed record"]
        1
        """
        out = dict.fromkeys(ERROR_CATEGORIES, 0)
        out["missed record"] = self.gold_records - self.matched
        out["extra record"] = self.predicted_records - self.matched
        out["window"] = self.matched - self.field_agree["window"]
        out["count"] = self.matched - self.field_agree["count"]
        out["location"] = self.matched - self.field_agree["places_set"]
        out["negative with records"] = self.negatives - self.negatives_clean
        return out

    def to_markdown(self, title: str = "") -> str:
        """Return the report as a Markdown table.

        Examples
        --------
        >>> print(ScoreReport().to_markdown().splitlines()[0])
        | measure | value |
        """
        lines = [f"### {title}", ""] if title else []
        lines += [
            "| measure | value |",
            "|---|---|",
            f"| passages (of which negatives) | {self.passages} ({self.negatives}) |",
            f"| annotated / predicted / matched records | {self.gold_records} / "
            f"{self.predicted_records} / {self.matched} |",
            f"| record precision | {self.precision:.3f} |",
            f"| record recall | {self.recall:.3f} |",
            f"| record F1 | {self.f1:.3f} |",
            f"| negatives with no record | {self.negatives_clean} / {self.negatives} |",
        ]
        for k, v in self.field_rates.items():
            lines.append(f"| field agreement: {k} | {v:.3f} |")
        lines.append(f"| location F1 (matched records) | {self.location_f1:.3f} |")
        lines.append(f"| overall | {self.overall:.3f} |")
        for k, n in self.error_categories.items():
            lines.append(f"| errors: {k} | {n} |")
        return "\n".join(lines) + "\n"


def score_records(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    passages: list[dict[str, Any]],
    canonical: Canonical | None = None,
) -> ScoreReport:
    """Score predicted records against annotated passages.

    Parameters
    ----------
    predicted : mapping
        Passage id -> its predicted records (dicts or frame rows as dicts); a
        passage missing from the mapping predicted nothing.
    passages : list of dict
        Annotated passages as read by :func:`load_annotated`.
    canonical : callable, optional
        Maps each place name of both sides to the form it is compared in
        (:func:`place_canonicalizer`); by default names are compared as written.

    Returns
    -------
    ScoreReport

    Examples
    --------
    >>> gold = [{"id": "neg", "published": "2024-01-01", "text": "", "records": []}]
    >>> r = score_records({"neg": [{"event_type": "attack", "date_start": "2024-01-01",
    ...                              "date_end": "2024-01-01"}]}, gold)
    >>> r.precision, r.negatives_clean
    (0.0, 0)
    """
    report = ScoreReport()
    for passage in passages:
        pid = passage["id"]
        gold = [_canonical_places(g, canonical) for g in passage["records"]]
        pred = [dict(_canonical_places(r, canonical)) for r in predicted.get(pid, [])]
        report.passages += 1
        report.gold_records += len(gold)
        report.predicted_records += len(pred)
        if not gold:
            report.negatives += 1
            report.negatives_clean += not pred
        pairs = match_records(pred, gold)
        report.matched += len(pairs)
        for i, j in pairs:
            agree = _agreement(pred[i], gold[j])
            report.location_f1_sum += place_f1(pred[i].get("location"), gold[j].get("location"))
            for k, ok in agree.items():
                report.field_agree[k] += ok
                if not ok and k in TARGETED_FIELDS:
                    report.misses.append(
                        {"id": pid, "what": f"field {k}", "gold": gold[j], "predicted": pred[i]}
                    )
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        report.misses += [
            {"id": pid, "what": "missed record", "gold": g}
            for j, g in enumerate(gold)
            if j not in matched_g
        ]
        report.misses += [
            {"id": pid, "what": "extra record", "predicted": p}
            for i, p in enumerate(pred)
            if i not in matched_p
        ]
    return report


def score_by_tag(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    passages: list[dict[str, Any]],
    canonical: Canonical | None = None,
) -> dict[str, ScoreReport]:
    """Score the passages of each tag apart (a passage counts under each of its ``tags``).

    Parameters
    ----------
    predicted, passages, canonical
        As for :func:`score_records`; each passage may have a list ``tags``.

    Returns
    -------
    dict
        Tag -> its :class:`ScoreReport`, tags in alphabetical order.

    Examples
    --------
    >>> passages = [{"id": "a", "published": "2024-01-01", "text": "", "records": [],
    ...              "tags": ["non_event"]}]
    >>> score_by_tag({"a": []}, passages)["non_event"].negatives_clean
    1
    """
    tags = sorted({t for p in passages for t in p.get("tags", [])})
    return {
        t: score_records(predicted, [p for p in passages if t in p.get("tags", [])], canonical)
        for t in tags
    }


def score_table(rows: Iterable[tuple[str, ScoreReport]]) -> str:
    """Return scores as a Markdown table, one row per named report.

    Columns: passages, gold / predicted records, precision, recall, record F1,
    window exact, count exact, location F1, overall.

    Examples
    --------
    >>> print(score_table([("none", ScoreReport())]).splitlines()[2])
    | none | 0 | 0 / 0 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 | 1.00 |
    """
    head = (
        "| group | passages | gold / predicted | precision | recall | record F1 "
        "| window exact | count exact | location F1 | overall |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {name} | {r.passages} | {r.gold_records} / {r.predicted_records} | "
        f"{r.precision:.2f} | {r.recall:.2f} | {r.f1:.2f} | {r.field_rates['window']:.2f} | "
        f"{r.field_rates['count']:.2f} | {r.location_f1:.2f} | {r.overall:.2f} |\n"
        for name, r in rows
    )
    return head + body


def error_table(rows: Iterable[tuple[str, ScoreReport]]) -> str:
    """Return the error categories as a Markdown table, one row per named report.

    Examples
    --------
    >>> print(error_table([("none", ScoreReport())]).splitlines()[0])
    | group | missed record | extra record | window | count | location | negative with records |
    """
    head = "| group | " + " | ".join(ERROR_CATEGORIES) + " |\n"
    head += "|---" * (len(ERROR_CATEGORIES) + 1) + "|\n"
    body = "".join(
        f"| {name} | " + " | ".join(str(n) for n in r.error_categories.values()) + " |\n"
        for name, r in rows
    )
    return head + body


def score_extractor(
    path: str | Path,
    extractor: Callable[..., Any] | None = None,
) -> ScoreReport:
    """Run an extractor over an annotated set and score it.

    Parameters
    ----------
    path : str or pathlib.Path
        An annotated JSON-lines set (:func:`load_annotated`).
    extractor : callable, optional
        ``extractor(text, published) -> DataFrame or list of dict``; defaults to
        :func:`analysis.extraction.extract_records`.

    Returns
    -------
    ScoreReport

    Examples
    --------
    >>> from analysis.config import EXTRACTION_DEV_SET
    >>> report = score_extractor(EXTRACTION_DEV_SET)
    >>> report.passages, report.f1 >= 0.95
    (40, True)
    """
    if extractor is None:
        from analysis.extraction.extract import extract_records

        extractor = extract_records
    passages = load_annotated(path)
    predicted: dict[str, list[Mapping[str, Any]]] = {}
    for passage in passages:
        out = extractor(passage["text"], passage["published"])
        if hasattr(out, "to_dict"):
            out = out.to_dict(orient="records")
        predicted[passage["id"]] = list(out)
    return score_records(predicted, passages)


_SIDE_BY_SIDE: Final[tuple[str, ...]] = (
    "date_start",
    "date_end",
    "count",
    "count_low",
    "count_high",
    "location",
    "admin1",
    "actor",
    "evidence",
)


def _rows(records: Any) -> list[dict[str, Any]]:
    if hasattr(records, "to_dict"):
        return list(records.to_dict(orient="records"))
    return [dict(r) for r in records]


def compare_records(extracted: Any, reference: Any) -> pd.DataFrame:
    """Put extracted records beside reference (hand-coded) records, field by field.

    Records are paired as the scorer pairs them (:func:`match_records`: same
    ``event_type``, overlapping windows, then most agreeing fields).  Neither
    input is modified.

    Parameters
    ----------
    extracted, reference : DataFrame or list of dict
        Records of one report, e.g. :func:`analysis.extraction.extract_events`
        output and ``seeds/seed_article/records.csv`` read with pandas.

    Returns
    -------
    pandas.DataFrame
        One row per pair or unpaired record, in reference order then the
        extras: ``pairing`` (``both``, ``extracted only``, ``reference only``),
        ``event_type``, each of ``date_start``, ``date_end``, ``count``,
        ``count_low``, ``count_high``, ``location``, ``admin1``, ``actor``,
        ``evidence`` as ``<field>_extracted`` and ``<field>_reference``, and
        the scorer's agreement flags ``window``, ``count``, ``places``,
        ``governorates``, ``actor`` (missing for unpaired rows).

    Examples
    --------
    >>> ours = [{"event_type": "attack", "date_start": "2024-03-30",
    ...          "date_end": "2024-03-30", "count": 2, "location": "Palmyra"}]
    >>> theirs = [{"event_type": "attack", "date_start": "2024-03-30",
    ...            "date_end": "2024-03-30", "count": 1, "location": "Palmyra"}]
    >>> side = compare_records(ours, theirs)
    >>> print(side.loc[0, ["pairing", "count_extracted", "count_reference", "count"]].to_string())
    pairing            both
    count_extracted       2
    count_reference       1
    count             False
    """
    import pandas as pd

    pred, gold = _rows(extracted), _rows(reference)
    pairs = match_records(pred, gold)
    by_gold = {j: i for i, j in pairs}
    order: list[tuple[int | None, int | None]] = [(by_gold.get(j), j) for j in range(len(gold))]
    paired = {i for i, _ in pairs}
    order += [(i, None) for i in range(len(pred)) if i not in paired]
    flags = ("window", "count", "places", "governorates", "actor")
    rows: list[dict[str, Any]] = []
    for i, j in order:
        p = pred[i] if i is not None else {}
        g = gold[j] if j is not None else {}
        both = i is not None and j is not None
        row: dict[str, Any] = {
            "pairing": "both" if both else ("extracted only" if j is None else "reference only"),
            "event_type": _text((p or g).get("event_type")),
        }
        for name in _SIDE_BY_SIDE:
            row[f"{name}_extracted"] = p.get(name)
            row[f"{name}_reference"] = g.get(name)
        agree = _agreement(p, g) if both else {}
        for name in flags:
            row[name] = agree.get(name, pd.NA)
        rows.append(row)
    columns = [
        "pairing",
        "event_type",
        *(f"{n}_{side}" for n in _SIDE_BY_SIDE for side in ("extracted", "reference")),
        *flags,
    ]
    return pd.DataFrame(rows, columns=columns)
