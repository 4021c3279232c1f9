"""How many: the count and its bounds from the words before a trigger.

The guidelines' table: an exact number in digits or words gives it exactly;
أكثر من N gives N+1 with no upper bound; ما لا يقل عن N (or N ... على الأقل)
gives at least N; نحو N gives about N, with no bounds; بين N و M the bounds N
and M; عشرات at least 20, مئات 200, آلاف 2,000, عدة and bare plurals at least
2; the dual exactly 2; a singular exactly 1.  A number phrase the table cannot
read (1.5 ألف, مليون, 0) leaves the count unknown, and says where it was.

Examples
--------
>>> from analysis.extraction.arabic import normalize
>>> norm = normalize("شنت المقاتلات أكثر من 30 غارة")
>>> r = read_count(norm, "airstrike", "noun_sg", norm.index("غاره"), len(norm), 0)
>>> (r.count, r.low, r.high), norm[r.start : len(norm)]
((31.0, 31.0, None), 'اكثر من 30 غاره')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from analysis.extraction import lexicon_dates_counts
from analysis.extraction.arabic import (
    NOT_BEFORE,
    NUMBER,
    normalize,
    normalize_pattern,
    parse_number,
)

Triple = tuple[float | None, float | None, float | None]
"""(count, count_low, count_high); None where unknown or unbounded."""

_QUALIFIER_ALT: Final[str] = "|".join(
    r"\s+".join(k.split()) for k in lexicon_dates_counts.COUNT_QUALIFIERS
)
_VAGUE_ALT: Final[str] = "".join(
    rf"|(?P<{name}>[وب]?(?:{words})){after}"
    for name, words, after, _ in lexicon_dates_counts.VAGUE_COUNTS
)
COUNT_BEFORE: Final = re.compile(
    normalize_pattern(
        rf"{NOT_BEFORE}(?:(?P<between>بين\s+(?:ال\s*(?=\d))?(?P<a>{NUMBER})\s+و\s*(?:ال\s*(?=\d))?"
        rf"(?P<b>{NUMBER}))"
        rf"|(?P<qual>(?:[وبل]?(?:{_QUALIFIER_ALT}))\s+)?"
        r"(?:(?:[وبل]?ال|[وبل])\s*(?=\d)|[وف](?=[^\W\d_]))?"
        rf"(?P<n>{NUMBER}){_VAGUE_ALT})"
        r"\s*$"
    )
)
"""Count wording that ends a text (the text just before a trigger)."""

UNREAD_NUMBER: Final = re.compile(
    normalize_pattern(
        rf"(?:(?<![^\W_])[وبل]?\d[\d.,٫٬]*(?:\s*(?:{lexicon_dates_counts.THOUSAND_WORDS}))?"
        rf"|(?<![^\W_])[وبل]?(?:{lexicon_dates_counts.LARGE_NUMBER_WORDS}))\s*$"
    )
)
"""A number just before the count wording or the trigger that the table cannot read
(a decimal, a million, a zero): the count is then unknown, and the record says so."""

_AT_LEAST_AFTER: Final = re.compile(
    normalize_pattern(r"(?:\s+[^\s،,.]+){0,2}?\s+" + lexicon_dates_counts.AT_LEAST_AFTER)
)
_NAMED_BY_NUMBER: Final = re.compile(
    r"(?<![^\W_])[وبل]?(?:"
    + "|".join(normalize(w) for w in lexicon_dates_counts.NAMED_BY_NUMBER)
    + r")\s*(?:ال)?\s*$"
)
_QUALIFIERS: Final[dict[str, str]] = {
    normalize(k): v for k, v in lexicon_dates_counts.COUNT_QUALIFIERS.items()
}
_VAGUE_LOW: Final[dict[str, float]] = {
    name: float(low) for name, _, _, low in lexicon_dates_counts.VAGUE_COUNTS
}
_BY_QUALIFIER: Final[dict[str, Callable[[int], Triple]]] = {
    "more": lambda n: (float(n + 1), float(n + 1), None),
    "atleast": lambda n: (float(n), float(n), None),
    "about": lambda n: (float(n), None, None),
    "less": lambda n: (None, 1.0, float(n - 1) if n > 1 else 1.0),
}

AIRCRAFT_COUNT: Final = re.compile(
    normalize_pattern(rf"{NOT_BEFORE}(?P<n>{NUMBER})\s+" + lexicon_dates_counts.AIRCRAFT)
)
"""A number of aircraft (kept in notes, never used as a strike count)."""


@dataclass(frozen=True)
class CountReading:
    """What the words around one trigger say about how many.

    Attributes
    ----------
    count, low, high : float or None
        The count triple by the guidelines' table.
    start : int
        Where the count wording starts in the normalised text (the trigger's
        start when there is none).
    explicit : bool
        Whether the words give the number (a number, a quantity word, a dual).
    unread : (int, int) or None
        Span of a number phrase that was there but could not be read; the count
        is then unknown, bounded below as the trigger's form allows.
    """

    count: float | None
    low: float | None
    high: float | None
    start: int
    explicit: bool
    unread: tuple[int, int] | None = None


def read_count(
    norm: str, kind: str, form: str, start: int, end: int, sentence_start: int
) -> CountReading:
    """Read the count of the trigger at ``norm[start:end]`` from the words before it.

    Parameters
    ----------
    norm : str
        The normalised text.
    kind, form : str
        The trigger's event kind and form (``noun_sg``, ``noun_dual`` ...).
    start, end : int
        The trigger's span (its start includes attached prefixes).
    sentence_start : int
        Where its sentence starts: count wording never reaches further back.

    Returns
    -------
    CountReading
    """
    before = norm[max(sentence_start, start - 60) : start]
    offset = start - len(before)
    m = COUNT_BEFORE.search(before)
    if m is not None and m.group("n"):
        named = _NAMED_BY_NUMBER.search(before, 0, m.start("n"))
        if named is not None:  # الفرقة 25 حملة: the number names the division
            before = before[: named.start()]
            m = None
    # a number left of what the table read, or in place of it (1.5 ألف، مليون، 0)
    unread = UNREAD_NUMBER.search(before, 0, m.start() if m else len(before))
    if unread is not None:
        u_end = unread.start() + len(unread.group().rstrip())
        if m is not None and m.group("n"):  # 1.5 ألف: quote the whole phrase
            u_end = m.end("n")
        span = (offset + unread.start(), offset + u_end)
        by_form = _read_table(norm, kind, form, start, end, before, None)
        return _unknown(by_form, span)
    reading = _read_table(norm, kind, form, start, end, before, m)
    if m and m.group("n") and reading.start == start:  # the number was there but read as nothing
        return _unknown(reading, (offset + m.start("n"), offset + m.end("n")))
    return reading


def _unknown(reading: CountReading, span: tuple[int, int]) -> CountReading:
    """Make the count unknown, with the lower bound ``reading`` allows (at least 1)."""
    low = reading.low if reading.low is not None else 1.0
    return CountReading(None, low, None, span[0], True, span)


def _read_table(
    norm: str, kind: str, form: str, start: int, end: int, before: str, m: re.Match[str] | None
) -> CountReading:
    """Count by the guidelines' table from the wording ``m`` matched before a trigger."""
    if m is not None:
        triple = _wording_triple(m, norm, end)
        if triple is not None:
            return CountReading(*triple, start - len(before) + m.start(), True)
    triple, explicit = _form_triple(kind, form)
    return CountReading(*triple, start, explicit)


def _wording_triple(m: re.Match[str], norm: str, end: int) -> Triple | None:
    """Return the triple the matched count wording gives (None if it gives none)."""
    if m.group("between"):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is not None and b is not None:
            return (None, float(min(a, b)), float(max(a, b)))
    if m.group("n"):
        n = parse_number(m.group("n"))
        if n:
            return _qualified(n, m.group("qual"), norm, end)
    for name, low in _VAGUE_LOW.items():
        if m.group(name):
            return (None, low, None)
    return None


def _qualified(n: int, qualifier: str | None, norm: str, end: int) -> Triple:
    """Bound a number ``n`` as its qualifier (أكثر من، نحو ...) or a following على الأقل says."""
    qual = " ".join((qualifier or "").split())
    if qual not in _QUALIFIERS:  # an attached و، ب or ل (لأكثر من 40)
        qual = re.sub(r"^[وبل](?=[اعمنحقزيل])", "", qual)
    how = _BY_QUALIFIER.get(_QUALIFIERS.get(qual, ""))
    if how is not None:
        return how(n)
    if _AT_LEAST_AFTER.match(norm, end, min(len(norm), end + 40)):
        return (float(n), float(n), None)
    return (float(n), float(n), float(n))


def _form_triple(kind: str, form: str) -> tuple[Triple, bool]:
    """Return the triple a trigger's form gives when no wording does, and if it is explicit."""
    if form == "noun_dual":
        return (2.0, 2.0, 2.0), True
    if form == "noun_campaign" or (kind == "sweep" and form == "noun_sg"):
        return (1.0, 1.0, 1.0), False
    if form in ("noun_pl", "noun_ref"):
        return (None, 2.0, None), False
    if form == "verb_air":
        return (None, 1.0, None), False
    return (1.0, 1.0, 1.0), False


COUNT_AFTER: Final = re.compile(
    normalize_pattern(
        rf"[^.،؛!?؟\n]{{0,90}}?(?<![^\W_])(?P<qual>(?:[وبل]?(?:{_QUALIFIER_ALT}))\s+)?"
        rf"(?:[وبل](?=\d)|(?:إلى|الى)\s+)?(?P<n>{NUMBER})(?P<next>\s+[^\s،,.]+)?"
    )
)
"""A number after a trigger counted by عدد (بلغ عدد الغارات ... أكثر من 600)."""
_NUMBER_OF: Final = re.compile(normalize_pattern(r"(?<![^\W_])(?:[وبل]?عدد)\s+(?:ال)?$"))


def count_after(
    norm: str, start: int, end: int, sentence_end: int, is_noun: Callable[[str], bool]
) -> CountReading | None:
    """Read the count given after a trigger named by عدد ("the number of strikes ... reached N").

    Parameters
    ----------
    norm : str
        The normalised text.
    start, end : int
        The trigger's span (prefixes included).
    sentence_end : int
        Where its sentence ends.
    is_noun : callable
        Whether a word after the number is a noun it counts (another trigger, people,
        vehicles): then the number is not this trigger's.

    Returns
    -------
    CountReading or None
        None when the trigger is not named by عدد or no number follows in its clause.
    """
    if not _NUMBER_OF.search(norm[max(0, start - 8) : start]):
        return None
    m = COUNT_AFTER.match(norm, end, sentence_end)
    if m is None:
        return None
    nxt = (m.group("next") or "").strip()
    if nxt and is_noun(nxt):
        return None
    n = parse_number(m.group("n"))
    if not n:
        return None
    return CountReading(*_qualified(n, m.group("qual"), norm, m.end("n")), start, True)


def aircraft_count(norm: str, start: int, end: int) -> int | None:
    """Return the first readable number of aircraft in ``norm[start:end]`` (None if none)."""
    for m in AIRCRAFT_COUNT.finditer(norm, start, end):
        n = parse_number(m.group("n"))
        if n:
            return n
    return None
