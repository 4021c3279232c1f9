"""Places in a report: the gazetteer, its word-by-word lookup, and names it lacks.

:func:`load_gazetteer` compiles the gazetteer table
(:func:`analysis.sources.places.gazetteer_rows`, the project's one geography)
into an index of normalised names; :meth:`Gazetteer.find` finds its names in a
text, leftmost-longest, with the prefixes Arabic attaches.  :func:`find_places`
adds the names after a place head (بادية، قرية، محيط ...) that the gazetteer
lacks, kept as the report spells them.

Examples
--------
>>> from analysis.extraction.arabic import normalize_text
>>> from analysis.extraction.structure import Tokens
>>> text = "غارات على بادية تدمر وقرية الشميطية"
>>> nt = normalize_text(text)
>>> [(p.name, p.admin1) for p in find_places(load_gazetteer(), text, nt, Tokens.of(nt.text))]
[('Palmyra', 'Homs'), ('الشميطية', '')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import (
    NOT_BEFORE,
    WEEKDAYS,
    Normalized,
    compile_words,
    normalize,
    normalize_pattern,
)
from analysis.extraction.structure import CLAUSE_END, TOKEN, SpanSet, Tokens

_JOIN: Final = re.compile(r"[\s\"()]*-?[\s\"()]*")
"""What may separate the words of one name: white space, quotes or brackets, and at most
one ``-`` (حقل "الثورة"، مثلث "حماة - حلب - الرقة")."""


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: canonical English name and governorate."""

    name_en: str
    admin1: str
    """Its governorate; several joined by ";" (a region, a road across a border); ""
    where the gazetteer does not know it (the passage's governorate is taken)."""
    is_governorate: bool
    """True for the entry that stands for a whole governorate (Homs, Raqqa, ...)."""
    is_region: bool = False
    """True for a region written as its governorates (مثلث حلب-حماة-الرقة)."""


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer name found in a normalised text.

    Attributes
    ----------
    start, end : int
        Span of the name in the normalised text (prefixes included).
    index : int
        Index of the place in :attr:`Gazetteer.places`.
    key : str
        The normalised name or alias that matched.
    """

    start: int
    end: int
    index: int
    key: str


@dataclass(frozen=True)
class Gazetteer:
    """Place names of the Badia, ready for matching.

    Build it once with :func:`load_gazetteer` and pass it to
    :func:`analysis.extraction.extract_events` to avoid rebuilding it.

    Attributes
    ----------
    places : tuple of Place
        The entries, in file order.
    names : dict
        Normalised name or alias, its words joined by one space -> index into
        :attr:`places`.
    max_words : int
        Words in the longest name.
    first_words : frozenset of str
        The first word of every name.
    """

    places: tuple[Place, ...]
    names: dict[str, int]
    max_words: int
    first_words: frozenset[str] = frozenset()
    _firsts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def _first_forms(self, word: str) -> tuple[str, ...]:
        """Return the forms of ``word`` (prefixes stripped) that begin some name."""
        firsts = self._firsts.get(word)
        if firsts is None:
            if len(self._firsts) > 200_000:  # bound the cache on very long runs
                self._firsts.clear()
            firsts = self._firsts[word] = tuple(
                v for v in _prefix_variants(word) if v in self.first_words
            )
        return firsts

    def find(self, tokens: Tokens, text: str) -> list[NameMatch]:
        """Leftmost-longest names in a tokenised text.

        Parameters
        ----------
        tokens : Tokens
            Word tokens of the normalised text.
        text : str
            The normalised text; the words of a name may be separated only by
            white space or one ``-``.

        Returns
        -------
        list of NameMatch
            Non-overlapping matches, in text order; the first word may carry
            the prefixes و ف ب ل ك (and لل for ال).

        Examples
        --------
        >>> g = build_gazetteer([{"name_en": "Palmyra", "name_ar": "تدمر", "admin1": "Homs"}])
        >>> g.find(Tokens.of("وبتدمر"), "وبتدمر")
        [NameMatch(start=0, end=6, index=0, key='تدمر')]
        """
        out: list[NameMatch] = []
        i, n = 0, len(tokens)
        while i < n:
            firsts = self._first_forms(tokens.words[i])
            hit = self._longest_at(tokens, text, i, firsts) if firsts else None
            if hit is None:
                i += 1
                continue
            out.append(hit[0])
            i += hit[1]
        return out

    def _longest_at(
        self, tokens: Tokens, text: str, i: int, firsts: tuple[str, ...]
    ) -> tuple[NameMatch, int] | None:
        """Return the longest name starting at word ``i``, and how many words it takes."""
        n = len(tokens)
        top = 1
        while (
            top < self.max_words
            and i + top < n
            and _JOIN.fullmatch(text, tokens.ends[i + top - 1], tokens.starts[i + top]) is not None
        ):
            top += 1
        for k in range(top, 0, -1):
            rest = tokens.words[i + 1 : i + k]
            for first in firsts:
                key = " ".join([first, *rest])
                idx = self.names.get(key)
                if idx is not None:
                    return NameMatch(tokens.starts[i], tokens.ends[i + k - 1], idx, key), k
        return None


@lru_cache(maxsize=1 << 16)
def _prefix_variants(word: str) -> tuple[str, ...]:
    """Return a word and its forms without attached و ف ب ل ك (لل -> ال)."""
    out = [word]
    bases = [word]
    if len(word) > 2 and word[0] in "وف":
        out.append(word[1:])
        bases.append(word[1:])
    for b in bases:
        if len(b) > 2 and b[0] in "بلك":
            out.append(b[1:])
        if len(b) > 3 and b.startswith("لل"):
            out.append("ال" + b[2:])
    return tuple(out)


def build_gazetteer(rows: list[dict[str, str]]) -> Gazetteer:
    """Index gazetteer rows (``name_en``, ``name_ar``, ``aliases_ar``, ``admin1``).

    Parameters
    ----------
    rows : list of dict
        One dict per gazetteer row, as read by :class:`csv.DictReader`.

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> g = build_gazetteer([{"name_en": "Palmyra", "name_ar": "تدمر",
    ...                       "aliases_ar": "بادية تدمر", "admin1": "Homs"}])
    >>> sorted(g.names)
    ['باديه تدمر', 'تدمر']
    """
    places: list[Place] = []
    names: dict[str, int] = {}
    max_words = 1
    for row in rows:
        name_en = (row.get("name_en") or "").strip()
        admin1 = (row.get("admin1") or "").strip()
        if not name_en:
            continue
        is_region = (row.get("kind") or "").strip() == "region"
        places.append(Place(name_en, admin1, name_en == admin1, is_region))
        for name in [row.get("name_ar") or "", *(row.get("aliases_ar") or "").split("|")]:
            words = TOKEN.findall(normalize(name))
            if words:
                names.setdefault(" ".join(words), len(places) - 1)
                max_words = max(max_words, len(words))
    return Gazetteer(tuple(places), names, max_words, frozenset(k.split(" ")[0] for k in names))


@lru_cache(maxsize=8)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and compile the gazetteer CSV (cached per path).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Defaults to :data:`analysis.config.GAZETTEER` (read by
        :func:`analysis.sources.places.gazetteer_rows`).

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> g = load_gazetteer()
    >>> sorted({p.admin1 for p in g.places if p.is_governorate})[:3]
    ['Aleppo', 'Deir ez-Zor', 'Hama']
    """
    from analysis.sources.places import gazetteer_rows

    return build_gazetteer(gazetteer_rows(path))


# ======================================================================================
# Places named in a report
# ======================================================================================

_HEAD: Final[str] = normalize_pattern(lexicon.PLACE_HEADS)
_UNKNOWN_PLACE: Final = re.compile(
    rf"{NOT_BEFORE}[وفبلك]?(?P<h1>{_HEAD})[\s\"]+(?:(?P<h2>{_HEAD})[\s\"]+)?"
    r"(?P<name>[ء-ي]{2,})(?![^\W_])"
)
_NAME_HEADS: Final[frozenset[str]] = frozenset(normalize(w) for w in lexicon.NAME_HEADS)
_WORD: Final[str] = r"[ء-ي]{2,}"
_ROAD: Final = re.compile(
    rf"{NOT_BEFORE}[وفبلك]?(?:ال)?{normalize_pattern(lexicon.ROAD)}[\s\"]+"
    rf"(?P<a>{_WORD}(?:\s+{_WORD})?)[\s\"]*-[\s\"]*(?P<b>{_WORD}(?:\s+{_WORD})?)(?![^\W_])"
)
_HOSPITAL: Final = compile_words(*lexicon.HOSPITALS)
_CLAUSE_OR_SENTENCE_END: Final = re.compile(r"[،,؛;:.!?؟\n]")
_NAME_STARTERS: Final[frozenset[str]] = frozenset(normalize(w) for w in lexicon.NAME_STARTERS)
_NOT_NAMES: Final[frozenset[str]] = frozenset(normalize(w) for w in lexicon.NOT_NAMES)
_NOT_PLACES: Final = re.compile(normalize_pattern(lexicon.NOT_PLACES))
_GOV_CONTEXT: Final = re.compile(normalize_pattern(lexicon.GOVERNORATE_CONTEXT + r"\s+$"))
_CITY: Final[str] = normalize(lexicon.CITY)
_CITY_BEFORE: Final = re.compile(normalize_pattern(lexicon.CITY + r"\s*$"))
_COORDINATED: Final = re.compile(r"\s+و(?P<name>ال[ء-ي]{2,})(?=\s*(?:[،,.؛:!?؟\n]|$))")
_HEAD_BEFORE: Final = re.compile(rf"(?:^|\s)[وفبلك]?{_HEAD}\s+(?:{_HEAD}\s+)?$")
_HEAD_START: Final = re.compile(rf"[وفبلك]?{_HEAD}\s")
_HEAD_AT: Final = re.compile(rf"[وفبلك]?{_HEAD}")


@dataclass(frozen=True, order=True)
class PlaceMention:
    """A place named in a report.

    Attributes
    ----------
    start, end : int
        Span of the name in the normalised text.
    name : str
        The gazetteer's English name, or the name as the report spells it.
    admin1 : str
        Its governorate ("" if the passage does not give one).
    is_wide : bool
        True for a governorate-wide area (بادية حمص), which a more specific
        place of the same record replaces.
    """

    start: int
    end: int
    name: str
    admin1: str
    is_wide: bool


def find_places(
    gaz: Gazetteer,
    original: str,
    nt: Normalized,
    tokens: Tokens,
    excluded: list[tuple[int, int]] | None = None,
) -> list[PlaceMention]:
    """Every place named in a report, in text order.

    Parameters
    ----------
    gaz : Gazetteer
        The compiled gazetteer.
    original : str
        The report as published.
    nt : Normalized
        Its normalised text.
    tokens : Tokens
        The words of the normalised text.
    excluded : list of (start, end), optional
        Normalised spans to leave out (the lead summary).

    Returns
    -------
    list of PlaceMention
        Gazetteer names (a governorate-wide one marked), then the names after
        a head that the gazetteer lacks, and names joined to a place by و under
        the same head ("بادية الباغوز والسوسة").
    """
    norm = nt.text
    excluded = [*(excluded or []), *_hospital_spans(norm)]
    found = _gazetteer_places(gaz, norm, tokens, excluded)
    governorates = _Governorates(norm, found)
    found = [
        replace(p, admin1=governorates.given_to(p.end)) if p.admin1 == "" else p for p in found
    ]
    found.extend(_unknown_places(original, nt, SpanSet(excluded), found, governorates))
    found.extend(_road_ends(original, nt, SpanSet(excluded), found, governorates))
    found.extend(_coordinated_places(original, nt, SpanSet(excluded), found, governorates))
    found.sort()
    return found


def _hospital_spans(norm: str) -> list[tuple[int, int]]:
    """Spans from a hospital word to the end of its clause: where casualties were taken."""
    out = []
    for m in _HOSPITAL.finditer(norm):
        end = _CLAUSE_OR_SENTENCE_END.search(norm, m.end(), m.end() + 80)
        out.append((m.start(), end.start() if end else min(len(norm), m.end() + 80)))
    return out


def _gazetteer_places(
    gaz: Gazetteer, norm: str, tokens: Tokens, excluded: list[tuple[int, int]]
) -> list[PlaceMention]:
    """Find the gazetteer's names in the text, outside blocked and excluded spans."""
    found: list[PlaceMention] = []
    blocked = SpanSet([m.span() for m in _NOT_PLACES.finditer(norm)] + excluded)
    for hit in gaz.find(tokens, norm):
        s = hit.start
        if blocked.covers(s):
            continue
        place = gaz.places[hit.index]
        if place.is_region:  # written as its governorates, each governorate-wide
            found.extend(
                PlaceMention(s, hit.end, gov, gov, True) for gov in place.admin1.split(";") if gov
            )
            continue
        wide = place.is_governorate and not hit.key.startswith(_CITY)
        if wide and _CITY_BEFORE.search(norm, max(0, s - 8), s):
            wide = False
        found.append(PlaceMention(s, hit.end, place.name_en, place.admin1, wide))
    return found


def _unknown_places(
    original: str,
    nt: Normalized,
    excluded: SpanSet,
    found: list[PlaceMention],
    governorates: _Governorates,
) -> list[PlaceMention]:
    """Find names after a place head that the gazetteer lacks, as the report spells them."""
    norm = nt.text
    known = SpanSet((p.start, p.end) for p in found)
    out: list[PlaceMention] = []
    for m in _UNKNOWN_PLACE.finditer(norm):
        s, e = m.span("name")
        if excluded.covers(s) or known.covers(s):
            continue
        name = m.group("name")
        if name in _NOT_NAMES or name in WEEKDAYS:
            continue
        end = _name_end(norm, name, e)
        if end is None:
            continue
        e = end
        head = m.group("h2") or m.group("h1")
        if head in _NAME_HEADS:  # حقل التيم، سد تويزين: the head is part of the name
            s = m.start("h2") if m.group("h2") else m.start("h1")
        admin1 = governorates.given_to(e)
        out.append(PlaceMention(s, e, _as_written(original, nt, s, e), admin1, False))
    return out


def _name_end(norm: str, first: str, end: int) -> int | None:
    """Return where a name that starts with ``first`` (ending at ``end``) ends.

    A word that begins names (أبو، وادي، سد، رسم ...) takes the next word too,
    and so on while each word taken begins names (سد وادي أبيض); None if it
    begins a name but nothing follows.
    """
    word = first
    while word in _NAME_STARTERS:
        nxt = _NEXT_WORD.match(norm, end)
        if nxt is None:
            return None
        word, end = nxt.group("w"), nxt.end()
    return end


_NEXT_WORD: Final = re.compile(r"[\s\"]+(?P<w>[ء-ي]{2,})(?![^\W_])")


def _road_ends(
    original: str,
    nt: Normalized,
    excluded: SpanSet,
    found: list[PlaceMention],
    governorates: _Governorates,
) -> list[PlaceMention]:
    """Find the ends of a road the gazetteer lacks (طريق الزملة - أثريا), as written."""
    norm = nt.text
    known = SpanSet((p.start, p.end) for p in found)
    out: list[PlaceMention] = []
    for m in _ROAD.finditer(norm):
        for group in ("a", "b"):
            s, e = m.span(group)
            words = m.group(group).split()
            if len(words) == 2 and words[0] not in _NAME_STARTERS:
                if group == "a":
                    s = m.start(group) + len(words[0]) + 1  # the end is the word before "-"
                else:
                    e = s + len(words[0])
                words = [words[-1]] if group == "a" else [words[0]]
            if excluded.covers(s) or known.covers(s) or known.covers(e - 1):
                continue
            if any(w in _NOT_NAMES or w in WEEKDAYS for w in words):
                continue
            admin1 = governorates.given_to(e)
            out.append(PlaceMention(s, e, _as_written(original, nt, s, e), admin1, False))
    return out


def _coordinated_places(
    original: str,
    nt: Normalized,
    excluded: SpanSet,
    found: list[PlaceMention],
    governorates: _Governorates,
) -> list[PlaceMention]:
    """Find names joined by و to a place under a head: "بادية الباغوز والسوسة".

    A joined name is one word (ال and letters) after و: a later joined name can
    lie inside an earlier one only by starting where it starts.
    """
    norm = nt.text
    known = SpanSet((p.start, p.end) for p in found)
    added: set[int] = set()
    out: list[PlaceMention] = []
    for p in sorted(found):
        s, e = p.start, p.end
        joined = _COORDINATED.match(norm, e)
        if joined is None or not (
            _HEAD_BEFORE.search(norm, max(0, s - 25), s) or _HEAD_START.match(norm, s)
        ):
            continue
        s2, e2 = joined.span("name")
        if excluded.covers(s2) or known.covers(s2) or s2 in added:
            continue
        if joined.group("name") in _NOT_NAMES:
            continue
        admin1 = governorates.given_to(e2)
        added.add(s2)
        out.append(PlaceMention(s2, e2, _as_written(original, nt, s2, e2), admin1, False))
    return out


def _as_written(original: str, nt: Normalized, start: int, end: int) -> str:
    """Return a name as the report spells it, without diacritics, tatweel or quotes.

    Quotes that set off part of a name (بئر "قصيبة") are not part of it.
    """
    o0, o1 = nt.span(start, end)
    kept = "".join(ch for ch in original[o0:o1] if normalize_pattern(ch) and ch not in _QUOTES)
    return " ".join(kept.split())


_QUOTES: Final[frozenset[str]] = frozenset("\"'“”«»„‟")


class _Governorates:
    """The governorate-wide places of a report (gazetteer names, in text order)."""

    def __init__(self, norm: str, found: list[PlaceMention]) -> None:
        self.norm = norm
        self.wide = [p for p in found if p.is_wide]
        self.starts = [p.start for p in self.wide]

    def given_to(self, end: int) -> str:
        """Return the governorate the passage gives a name ending at ``end`` (else "").

        A governorate-wide place that starts within 25 characters after the
        name, in the same clause, after ريف/بادية/محافظة or a direction, or
        with a head of its own (بريف حمص، بادية حمص).
        """
        norm = self.norm
        for p in self.wide[bisect_left(self.starts, end) : bisect_right(self.starts, end + 25)]:
            if CLAUSE_END.search(norm, end, p.start):
                continue
            if _GOV_CONTEXT.search(norm[end : p.start]) or _HEAD_AT.match(
                norm[p.start : p.start + 12]
            ):
                return p.admin1
        return ""
