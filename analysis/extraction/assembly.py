"""From mentions to records: episodes, their dates, places and actors, and the evidence.

:func:`extract_at` reads one report published on a known day.  It scans the
words once (:class:`~analysis.extraction.scanner.Scanner`) for triggers,
actors, irreal cues, negations and date phrases; keeps the mentions of events
(:mod:`analysis.extraction.mentions`); attaches each date phrase to the nearest
mention of its sentence and each place to the mention before it; groups the
mentions of one kind in one sentence into a :class:`Unit`; and lets weak and
referring units join the nearest record of their kind (:class:`Episode`).  Each
episode becomes one :class:`Record`, with the exact span of the report it rests
on as its evidence.

Examples
--------
>>> import datetime as dt
>>> [r.event_type for r in extract_at("غارة روسية اليوم على تدمر", dt.date(2024, 2, 20))]
['airstrike']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import Normalized, normalize_pattern, normalize_text
from analysis.extraction.counts import aircraft_count
from analysis.extraction.dates import DATE_PATTERNS, DATE_PRIORITY, Date, Unresolved, find_dates
from analysis.extraction.gazetteer import Gazetteer, PlaceMention, find_places, load_gazetteer
from analysis.extraction.mentions import (
    ACTOR_HEADS,
    ACTOR_RE,
    IRREALIS,
    IRREALIS_HEADS,
    NEGATION,
    TRIGGER_HEADS,
    TRIGGER_RE,
    Actors,
    Found,
    Mention,
    actor_for,
    actor_mention,
    trigger_mentions,
)
from analysis.extraction.scanner import Scanner, heads_of
from analysis.extraction.structure import CLAUSE_END, Sentences, SpanSet, Tokens, summary_spans

SCANNER: Final = Scanner(
    [
        (TRIGGER_RE, TRIGGER_HEADS),
        (ACTOR_RE, ACTOR_HEADS),
        (IRREALIS, IRREALIS_HEADS),
        (NEGATION, heads_of([NEGATION.pattern])),
        *((p, heads_of([p.pattern])) for _, p in DATE_PATTERNS),
    ]
)
"""The one pass over a report's words: triggers, actors, irreal cues, negations,
then the date phrases (in the order of
:data:`analysis.extraction.dates.DATE_PATTERNS`)."""

_EXTENT: Final = re.compile(normalize_pattern(lexicon.EXTENT))
"""Words by which a trigger-less sentence gives a campaign's extent."""
_QUOTED: Final = 5
"""At most this many unresolved date phrases are quoted in a record's notes."""


# ======================================================================================
# What a report is read into
# ======================================================================================


@dataclass(frozen=True)
class Record:
    """One extracted event record (the extractor's fields; the rest of the schema is empty).

    :meth:`as_row` gives the record as a dict of every schema column, in schema order.
    """

    event_id: str
    event_type: str
    is_aggregate: bool
    date_start: dt.date
    date_end: dt.date
    date_precision: str
    count: float | None
    count_low: float | None
    count_high: float | None
    actor: str
    location: str
    admin1: str
    source: str
    source_url: str
    published: dt.date | None
    notes: str
    evidence: str
    evidence_start: int
    evidence_end: int

    def as_row(self) -> dict[str, Any]:
        """Return the record as a dict with every schema column, in schema order."""
        return {
            "event_id": self.event_id,
            "event_type": self.event_type,
            "is_aggregate": self.is_aggregate,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "date_precision": self.date_precision,
            "count": self.count,
            "count_low": self.count_low,
            "count_high": self.count_high,
            "actor": self.actor,
            "target": "",
            "location": self.location,
            "admin1": self.admin1,
            "latitude": None,
            "longitude": None,
            "killed": None,
            "killed_low": None,
            "killed_high": None,
            "wounded": None,
            "source": self.source,
            "source_url": self.source_url,
            "source_id": "",
            "published": self.published,
            "notes": self.notes,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "is_machine_extracted": True,
        }


@dataclass(frozen=True)
class Unit:
    """The mentions of one event kind in one sentence (a separate marker starts another)."""

    kind: str
    sentence: int
    mentions: tuple[Mention, ...]

    @cached_property
    def primary(self) -> Mention:
        """The mention that speaks for the unit: the first explicit one, else the first noun."""
        nouns = [m for m in self.mentions if not m.form.startswith("verb")]
        for pool in (
            [m for m in self.mentions if m.explicit],
            [m for m in nouns if not m.referring],
            [m for m in self.mentions if not m.referring],
        ):
            if pool:
                return pool[0]
        return self.mentions[0]

    @cached_property
    def own_date(self) -> Date | None:
        """The date phrase attached to its mentions that is nearest to its primary mention."""
        prim = self.primary
        ds = [d for mt in self.mentions for d in mt.dates]
        if not ds:
            return None
        return min(ds, key=lambda d: (_distance(prim, d), -DATE_PRIORITY[d.kind]))

    @property
    def referring(self) -> bool:
        """Every mention only refers back."""
        return all(mt.referring for mt in self.mentions)


@dataclass(frozen=True)
class Episode:
    """One record to be: the unit that opens it, its date phrase, every unit that joined it."""

    unit: Unit
    date: Date | None
    units: list[Unit]  # grows while weaker units join


@dataclass(frozen=True)
class Report:
    """One report being read: the context each of its records is built in."""

    text: str
    nt: Normalized
    published: dt.date
    sentences: Sentences
    source_url: str | None
    source: str | None
    found: Found
    unresolved: list[Unresolved]
    """Date phrases that could not be resolved, sorted by where they start."""

    @property
    def norm(self) -> str:
        """The normalised text."""
        return self.nt.text

    @cached_property
    def _trigger_starts(self) -> list[int]:
        return [m.start() for m in self.found.triggers]

    @cached_property
    def _trigger_ends(self) -> list[int]:
        return [m.end() for m in self.found.triggers]

    @cached_property
    def _unresolved_starts(self) -> list[int]:
        return [u.start for u in self.unresolved]

    def between_triggers(self, start: int, end: int, sentence: int) -> tuple[int, int]:
        """Return the stretch of a sentence between the triggers around ``[start, end)``.

        From the end of the last trigger that ends at or before ``start`` to the
        start of the first that starts after ``end``, within the sentence.
        """
        s0, s1 = self.sentences.spans[sentence]
        i = bisect_right(self._trigger_ends, start) - 1
        j = bisect_right(self._trigger_starts, end)
        lo = max(s0, self._trigger_ends[i]) if i >= 0 else s0
        hi = min(s1, self._trigger_starts[j]) if j < len(self._trigger_starts) else s1
        return lo, hi

    def unresolved_in(self, sentences: set[int]) -> list[Unresolved]:
        """Return the unresolved date phrases that start in the given sentences, in order."""
        out: list[Unresolved] = []
        for si in sorted(sentences):
            s0, s1 = self.sentences.spans[si]
            lo = bisect_left(self._unresolved_starts, s0)
            hi = bisect_left(self._unresolved_starts, s1)
            out.extend(self.unresolved[lo:hi])
        return out


def _distance(mt: Mention, d: Date) -> int:
    """Characters between a mention (with its count wording) and a date phrase."""
    return max(mt.count_start - d.end, d.start - mt.end, 0)


# ======================================================================================
# Reading one report
# ======================================================================================


def extract_at(
    text: str,
    published: dt.date,
    source_url: str | None = None,
    source: str | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
) -> list[Record]:
    """Extract the records of one report published on ``published``.

    Parameters as in :func:`analysis.extraction.extract_events`, with a single
    publication day.

    Returns
    -------
    list of Record
        In the order of the text.
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    nt = normalize_text(text)
    norm = nt.text
    excluded = _excluded_spans(text, nt)
    summary = SpanSet(excluded)
    sentences = Sentences.of(norm)
    if not sentences:
        return []
    tokens = Tokens.of(norm)
    scanned = SCANNER.scan(norm, tokens)
    found = Found(
        triggers=scanned[0],
        actors=Actors(norm, [actor_mention(m) for m in scanned[1]]),
        cues=[m.start() for m in scanned[2]],
        negations=[m.span() for m in scanned[3]],
    )
    mentions = trigger_mentions(norm, sentences, excluded, found)
    if not mentions:
        return []
    all_dates, all_unresolved = find_dates(norm, published, scanned[4:])
    dates = [d for d in all_dates if not summary.covers(d.start)]
    unresolved = [d for d in all_unresolved if not summary.covers(d.start)]
    places = find_places(gaz, text, nt, tokens, excluded)
    mentions = _attach(mentions, dates, places, sentences)
    episodes = _episodes(_units(mentions), _DateIndex(dates), sentences)
    report = Report(text, nt, published, sentences, source_url, source, found, unresolved)
    return [build_record(report, e) for e in episodes]


def _excluded_spans(text: str, nt: Normalized) -> list[tuple[int, int]]:
    """Normalised spans of the lead summary."""
    n_off = nt.offsets  # sorted: bisect works on it directly
    excluded = [
        (bisect_right(n_off, a) - 1 if a > 0 else 0, bisect_right(n_off, b - 1))
        for a, b in summary_spans(text)
    ]
    return [(max(0, a), b) for a, b in excluded]


def _by_sentence(mentions: list[Mention]) -> dict[int, list[int]]:
    """Sentence index -> indices of its mentions, in order."""
    out: dict[int, list[int]] = {}
    for i, mt in enumerate(mentions):
        out.setdefault(mt.sentence, []).append(i)
    return out


def _attach(
    mentions: list[Mention],
    dates: list[Date],
    places: list[PlaceMention],
    sentences: Sentences,
) -> list[Mention]:
    """Return the mentions with their date phrases and places attached.

    Each date phrase goes to the nearest mention of its sentence; each place to
    the nearest mention before it in its sentence (else the first); a sentence
    with no mention that gives a campaign's extent (محاور، تمتد ...) gives its
    places to the last mention of the sentence before.
    """
    by_sentence = {si: _Sentence(mentions, idx) for si, idx in _by_sentence(mentions).items()}
    back = max(mt.start - mt.count_start for mt in mentions)
    dates_of: list[list[Date]] = [[] for _ in mentions]
    places_of: list[list[PlaceMention]] = [[] for _ in mentions]
    for d in dates:
        sentence = by_sentence.get(sentences.index_of(d.start))
        if sentence is not None:
            dates_of[sentence.nearest(d, back)].append(d)
    for p in places:
        sentence = by_sentence.get(sentences.index_of(p.start))
        if sentence is not None:
            places_of[sentence.last_before(p.start)].append(p)
    place_starts = [p.start for p in places]
    for si, (s0, s1) in enumerate(sentences.spans):
        if si in by_sentence or si == 0 or si - 1 not in by_sentence:
            continue
        if _EXTENT.search(sentences.norm, s0, s1):
            inside = places[bisect_left(place_starts, s0) : bisect_left(place_starts, s1)]
            places_of[by_sentence[si - 1].indices[-1]].extend(inside)
    return [
        replace(mt, dates=tuple(ds), places=tuple(ps)) if ds or ps else mt
        for mt, ds, ps in zip(mentions, dates_of, places_of, strict=True)
    ]


class _Sentence:
    """The mentions of one sentence, in text order (their spans do not overlap)."""

    def __init__(self, mentions: list[Mention], indices: list[int]) -> None:
        self.mentions = mentions
        self.indices = indices
        self.starts = [mentions[i].start for i in indices]
        self.ends = [mentions[i].end for i in indices]

    def last_before(self, pos: int) -> int:
        """Return the index of the last mention starting at or before ``pos`` (else the first)."""
        k = bisect_right(self.starts, pos) - 1
        return self.indices[max(k, 0)]

    def nearest(self, d: Date, back: int) -> int:
        """Return the index of the first mention nearest to a date phrase.

        The mentions that end before the phrase are nearer the later they end:
        of those only the last counts.  Of the others, the distance is how far
        the count wording starts after the phrase, at least ``start - back``:
        the scan stops once that bound exceeds the best distance so far.
        """
        j = bisect_right(self.ends, d.start)
        best_k, best = -1, -1
        if j > 0:
            best_k, best = j - 1, _distance(self.mentions[self.indices[j - 1]], d)
        for k in range(j, len(self.indices)):
            if best_k >= 0 and self.starts[k] - back - d.end > best:
                break
            dist = _distance(self.mentions[self.indices[k]], d)
            if best_k < 0 or dist < best:
                best_k, best = k, dist
        return self.indices[best_k]


def _units(mentions: list[Mention]) -> list[Unit]:
    """Group the mentions of one kind in one sentence; a separate marker starts a new unit."""
    groups: list[tuple[str, int, list[Mention]]] = []
    by_sentence = _by_sentence(mentions)
    for si in sorted(by_sentence):
        current: dict[str, list[Mention]] = {}
        for i in by_sentence[si]:
            mt = mentions[i]
            members = current.get(mt.kind)
            if members is None or (mt.separate and not mt.referring):
                members = current[mt.kind] = [mt]
                groups.append((mt.kind, si, members))
            else:
                members.append(mt)
    units = [Unit(kind, si, tuple(members)) for kind, si, members in groups]
    units.sort(key=lambda u: u.mentions[0].start)
    return units


class _DateIndex:
    """Resolved date phrases in text order (their spans do not overlap)."""

    def __init__(self, dates: list[Date]) -> None:
        self.dates = dates
        self.starts = [d.start for d in dates]
        self.ends = [d.end for d in dates]

    def nearest_in(self, sentence: tuple[int, int], prim: Mention) -> Date | None:
        """Return the date phrase of a sentence nearest to a mention (None if it has none).

        Phrases that end before the mention's count wording are nearer the later
        they end, the others the earlier they start: the nearest is one of the
        two around that point (the earlier on a tie).
        """
        lo = bisect_left(self.starts, sentence[0])
        hi = bisect_left(self.starts, sentence[1])
        if lo >= hi:
            return None
        i = bisect_right(self.ends, prim.count_start, lo, hi) - 1
        around = [self.dates[k] for k in (i, i + 1) if lo <= k < hi]
        return min(around, key=lambda d: _distance(prim, d))


def _episodes(units: list[Unit], dates: _DateIndex, sentences: Sentences) -> list[Episode]:
    """Return one episode per strong or aggregate unit; weak and referring units join one.

    A unit is strong when it does not only refer back and has its own date
    phrase, a number or a separate marker; a unit whose date is a period
    total is an aggregate.  Units of an earlier year's events are dropped.
    """
    built = _Built()
    pending: list[Unit] = []
    for u in units:
        own = u.own_date
        u_date = own or dates.nearest_in(sentences.spans[u.sentence], u.primary)
        if u_date is not None and u_date.background:
            continue
        strong = not u.referring and (
            own is not None
            or any(mt.explicit for mt in u.mentions)
            or any(mt.separate for mt in u.mentions)
        )
        if (u_date is not None and u_date.aggregate) or strong:
            built.add(Episode(u, u_date, [u]))
        else:
            pending.append(u)
    for u in pending:
        _join(u, built, dates, sentences)
    return sorted(built.episodes, key=lambda e: e.unit.primary.start)


def _join(u: Unit, built: _Built, dates: _DateIndex, sentences: Sentences) -> None:
    """Let a weak or referring unit join the nearest episode of its kind, or open its own.

    A unit with its own date joins only an episode whose window overlaps it
    (or that has no date); a referring unit with no date may join a period
    total when nothing else is there; a referring unit with no date and
    nothing to refer to gives no record.
    """
    prim = u.primary
    own = u.own_date
    target = built.nearest(u.kind, prim.start, own, u.referring)
    if target is not None:
        target.units.append(u)
    elif not (u.referring and own is None):  # else: refers to nothing reported here
        date = own or dates.nearest_in(sentences.spans[u.sentence], prim)
        built.add(Episode(u, date, [u]))


class _Positions:
    """Episodes sorted by position, for the one nearest to a position."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []  # (position, order of opening)
        self._episodes: dict[int, Episode] = {}

    def add(self, pos: int, order: int, episode: Episode) -> None:
        insort(self._keys, (pos, order))
        self._episodes[order] = episode

    def nearest(self, pos: int) -> tuple[int, int, Episode] | None:
        """Return (distance, order, episode) of the nearest, the first opened on a tie."""
        k = bisect_left(self._keys, (pos, -1))
        around = [self._keys[i] for i in (k - 1, k) if 0 <= i < len(self._keys)]
        if not around:
            return None
        dist, order = min((abs(p - pos), o) for p, o in around)
        return dist, order, self._episodes[order]


class _Kind:
    """The episodes of one event kind, grouped as the joining rules ask."""

    def __init__(self) -> None:
        self.every = _Positions()
        self.non_aggregate = _Positions()
        self.undated = _Positions()
        self.by_window: dict[tuple[dt.date, dt.date], _Positions] = {}
        self.n_non_aggregate = 0

    def add(self, pos: int, order: int, e: Episode) -> None:
        self.every.add(pos, order, e)
        if e.date is not None and e.date.aggregate:
            return
        self.n_non_aggregate += 1
        self.non_aggregate.add(pos, order, e)
        if e.date is None:
            self.undated.add(pos, order, e)
        else:
            positions = self.by_window.get(e.date.window)
            if positions is None:
                positions = self.by_window[e.date.window] = _Positions()
            positions.add(pos, order, e)


class _Built:
    """The episodes opened so far, in the order they were opened, indexed by kind."""

    def __init__(self) -> None:
        self.episodes: list[Episode] = []
        self._kinds: dict[str, _Kind] = {}

    def add(self, e: Episode) -> None:
        kind = self._kinds.setdefault(e.unit.kind, _Kind())
        kind.add(e.unit.mentions[0].start, len(self.episodes), e)
        self.episodes.append(e)

    def nearest(self, kind: str, pos: int, own: Date | None, referring: bool) -> Episode | None:
        """Return the episode a weak unit at ``pos`` joins (None if none fits).

        The nearest non-aggregate episode of its kind (with ``own``, only those
        undated or whose window overlaps it); failing that, for a referring
        unit with no date, the nearest of its kind.
        """
        index = self._kinds.get(kind)
        if index is None:
            return None
        if own is None:
            pools = [index.non_aggregate] if index.n_non_aggregate else []
            if not pools and referring:
                pools = [index.every]
        else:
            pools = [index.undated] + [
                positions
                for window, positions in index.by_window.items()
                if _overlaps(window, own.window)
            ]
        found = [hit for hit in (p.nearest(pos) for p in pools) if hit is not None]
        return min(found, key=lambda hit: hit[:2])[2] if found else None


def _overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# ======================================================================================
# One episode into one record
# ======================================================================================


def build_record(report: Report, episode: Episode) -> Record:
    """Build the record of one episode: count, places, window, actor, notes, evidence."""
    u = episode.unit
    prim = u.primary
    notes = _count_notes(report, prim)
    names, admins, place_notes = _places(episode)
    notes += place_notes
    window, precision, date_notes = _window(report, episode)
    notes += date_notes
    actor, (lo, hi) = _actor(report, episode)
    if u.kind == "attack" and actor != "Islamic State":
        notes.append("the passage does not pin the attack on Islamic State")
    s0, _s1 = report.sentences.spans[u.sentence]
    if u.kind == "airstrike":
        n = aircraft_count(report.norm, max(s0, lo - 80), hi)
        if n:
            notes.append(f"{n} aircraft: an aircraft count, not a strike count")
    o0, o1 = _evidence_span(report, episode)
    date = episode.date
    return Record(
        event_id=event_id(
            report.source_url or report.source or "", report.published, u.kind, o0, o1, report.text
        ),
        event_type=u.kind,
        is_aggregate=bool(date is not None and date.aggregate),
        date_start=window[0],
        date_end=window[1],
        date_precision=precision,
        count=prim.reading.count,
        count_low=prim.reading.low,
        count_high=prim.reading.high,
        actor=actor,
        location=";".join(names),
        admin1=";".join(admins),
        source=report.source or "",
        source_url=report.source_url or "",
        published=report.published,
        notes="; ".join(dict.fromkeys(notes)),
        evidence=report.text[o0:o1],
        evidence_start=o0,
        evidence_end=o1,
    )


def _count_notes(report: Report, prim: Mention) -> list[str]:
    """Return what the record should say about its count."""
    if prim.reading.unread is not None:
        a, b = report.nt.span(*prim.reading.unread)
        return [
            f"a number phrase could not be read ({report.text[a:b].strip()!r}): the count is "
            "unknown, only its lower bound is kept"
        ]
    if prim.form == "verb_air":
        return ["strikes reported by a verb with no number: at least one"]
    return []


def _places(episode: Episode) -> tuple[list[str], list[str], list[str]]:
    """Place names and governorates of every merged unit, in text order, and a note.

    Governorate-wide areas are kept only when nothing more specific is named.
    """
    raw = sorted({p for uu in episode.units for mt in uu.mentions for p in mt.places})
    specific = [p for p in raw if not p.is_wide]
    kept = specific if specific else raw
    names: list[str] = []
    admins: list[str] = []
    for p in kept:
        if p.name not in names:
            names.append(p.name)
        for gov in p.admin1.split(";"):  # a road across a border has two
            if gov and gov not in admins:
                admins.append(gov)
    unknown = [p.name for p in kept if not re.match(r"[A-Za-z]", p.name)]
    notes = []
    if unknown:
        notes.append("not in the gazetteer, kept as written: " + ", ".join(dict.fromkeys(unknown)))
    return names, admins, notes


def _window(report: Report, episode: Episode) -> tuple[tuple[dt.date, dt.date], str, list[str]]:
    """Return the window and precision of a record, and what to say about its dating."""
    date = episode.date
    if date is not None:
        return date.window, date.precision, [date.note] if date.note else []
    pub = report.published
    found = report.unresolved_in({uu.sentence for uu in episode.units})
    if not found:
        return (pub, pub), "day", ["no date phrase: dated to the publication day"]
    quoted = "; ".join(
        f"{report.text[slice(*report.nt.span(d.start, d.end))].strip()!r} ({d.reason})"
        for d in found[:_QUOTED]
    )
    if len(found) > _QUOTED:
        quoted += f"; and {len(found) - _QUOTED} more"
    note = (
        f"a date phrase was found but could not be resolved: {quoted}; dated to the publication day"
    )
    return (pub, pub), "day", [note]


def _actor(report: Report, episode: Episode) -> tuple[str, tuple[int, int]]:
    """Return the actor of a record, and the stretch between the triggers around it.

    The actor is looked for between the neighbouring triggers, then in the
    sentence (then, for an attack, anywhere), then in the sentences of the
    units that joined the record.
    """
    u = episode.unit
    prim = u.primary
    s0, s1 = report.sentences.spans[u.sentence]
    lo, hi = report.between_triggers(prim.start, prim.end, u.sentence)
    whole = (0, len(report.norm))
    actors = report.found.actors
    actor = actor_for(u.kind, _windows(u.kind, (lo, hi), (s0, s1), whole), actors)
    for uu in episode.units[1:]:
        if actor:
            break
        sentence = report.sentences.spans[uu.sentence]
        actor = actor_for(uu.kind, _windows(uu.kind, sentence, sentence, whole), actors)
    return actor, (lo, hi)


def _windows(
    kind: str, near: tuple[int, int], sentence: tuple[int, int], whole: tuple[int, int]
) -> tuple[tuple[int, int], ...]:
    """Where to look for an actor, nearest first (an attack's actor may be named anywhere)."""
    return (near, sentence, whole) if kind == "attack" else (near, sentence)


def _evidence_span(report: Report, episode: Episode) -> tuple[int, int]:
    """Return the span of the report a record rests on (original offsets).

    The count wording and the trigger, stretched to the date phrase and the
    first place when they are in the same clause (or near).
    """
    norm = report.norm
    prim = episode.unit.primary
    date = episode.date
    e0, e1 = prim.count_start, prim.end
    c0, c1 = report.sentences.clause(prim.start, episode.unit.sentence)
    if (
        date is not None
        and any(d is date for d in prim.dates)
        and (
            (c0 <= date.start and date.end <= c1)
            or (date.start - prim.end < 150 and prim.count_start - date.end < 150)
        )
    ):
        e0, e1 = min(e0, date.start), max(e1, date.end)
    first_place = next((p for p in prim.places if p.start >= prim.end), None)
    if (
        first_place is not None
        and first_place.start - e1 < 90
        and not CLAUSE_END.search(norm, e1, first_place.start)
    ):
        e1 = max(e1, first_place.end)
    o0, o1 = report.nt.span(e0, e1)
    text = report.text
    while o0 < o1 and text[o0].isspace():
        o0 += 1
    while o1 > o0 and text[o1 - 1].isspace():
        o1 -= 1
    return o0, o1


@lru_cache(maxsize=64)
def _report_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def event_id(
    source: str, published: dt.date | str, kind: str, start: int, end: int, text: str
) -> str:
    """Return a stable identifier: source, publication day, text, kind and evidence span.

    Examples
    --------
    >>> event_id("https://example.org/a", "2024-10-06", "airstrike", 0, 4, "غارة")
    'ext-...'
    """
    report = _report_digest(text)
    when = published if isinstance(published, str) else published.isoformat()
    digest = hashlib.sha1(
        f"{source}|{when}|{report}|{kind}|{start}|{end}".encode("utf-8", "surrogatepass")
    ).hexdigest()
    return f"ext-{digest[:16]}"
