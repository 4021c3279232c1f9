"""From mentions to records: episodes, their dates, places and actors, and the evidence.

:func:`extract_at` reads one report published on a known day.  It scans the
words once (:class:`~analysis.extraction.scanner.Scanner`) for triggers,
actors, irreal cues, negations and date phrases; keeps the mentions of events
(:mod:`analysis.extraction.mentions`); attaches each date phrase to the nearest
mention of its sentence and each place to the mention before it; groups the
mentions into units and the units into episodes, one per record
(:mod:`analysis.extraction.episodes`, with the report's
:class:`~analysis.extraction.layout.Layout`).  Each episode becomes one
:class:`Record`, with the exact span of the report it rests on as its evidence.

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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import (
    ORDINAL,
    Normalized,
    compile_words,
    normalize_pattern,
    normalize_text,
    parse_ordinal,
)
from analysis.extraction.counts import CountReading, aircraft_count
from analysis.extraction.dates import DATE_PATTERNS, Date, Unresolved, find_dates
from analysis.extraction.episodes import (
    DateIndex,
    Episode,
    distance,
    episodes_of,
    mentions_by_sentence,
    stands,
    units_of,
)
from analysis.extraction.gazetteer import Gazetteer, PlaceMention, find_places, load_gazetteer
from analysis.extraction.layout import Layout
from analysis.extraction.mentions import (
    ACTOR_HEADS,
    ACTOR_RE,
    AIR_SUBJECT,
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
from analysis.extraction.structure import (
    CLAUSE_END,
    Page,
    Sentences,
    SpanSet,
    Tokens,
    summary_spans,
)

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
_REPORTING: Final = re.compile(
    r"(?<![^\W_])[وف]?" + normalize_pattern(lexicon.REPORTING) + r"(?![^\W_])"
)
_CLASHES: Final = compile_words(*lexicon.CLASHES)
_THE_AREA: Final = re.compile(
    r"\s+(?:(?:ل|في\s+)?(?:ال)?منطق[ةه](?:\s+(?:نفسها|ذاتها))?|(?:ذات|نفس)\s+المنطق[ةه])"
    r"(?![^\W_])"
)
_SAYING_THAT: Final = re.compile(r"\s*[،,]?\s*(?:ب)?[اأإ]ن(?:ه|ها|هم)?(?![^\W_])")
_OF_ITS_KIND: Final = re.compile(
    r"(?<![^\W_])(?:[وف]?(?:هو|هي|يعد|تعد|يعتبر|تعتبر|ليكون|لتكون)\s+)?"
    rf"(?P<o>{ORDINAL})\s+من\s+نوع(?:ه|ها)(?![^\W_])"
)
"""A running mention with no trigger of its own: "(وهو) الثالث من نوعه"."""
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
    page = Page.of(text)
    excluded = _normalised_spans(nt, summary_spans(text) + page.links)
    summary = SpanSet(excluded)
    sentences = Sentences.of(norm)
    if not sentences:
        return []
    tokens = Tokens.of(norm)
    scanned = SCANNER.scan(norm, tokens)
    actors = Actors(norm, [actor_mention(m) for m in scanned[1]])
    found = Found(
        triggers=scanned[0],
        actors=actors,
        cues=[m.start() for m in scanned[2]],
        negations=[m.span() for m in scanned[3]],
    )
    mentions = trigger_mentions(norm, sentences, excluded, found)
    if not mentions:
        return []
    mentions = _with_running(mentions, norm, sentences, summary)
    headings = SpanSet(_normalised_spans(nt, page.headings))
    mentions = [replace(mt, heading=True) if headings.covers(mt.start) else mt for mt in mentions]
    all_dates, all_unresolved = find_dates(norm, published, scanned[4:])
    dates = _mark_reported(
        [d for d in all_dates if not summary.covers(d.start)], norm, sentences, found, published
    )
    unresolved = [d for d in all_unresolved if not summary.covers(d.start)]
    places = find_places(gaz, text, nt, tokens, excluded)
    mentions = _ordinals_as_counts(_attach(mentions, dates, places, sentences), sentences)
    lead = page.lead and _normalised_spans(nt, [page.lead])[0]
    layout = Layout(
        norm=norm,
        sentences=sentences,
        headings=headings,
        lead=lead,
        lines=[0, *(i + 1 for i, ch in enumerate(norm) if ch == "\n")],
        with_mentions=frozenset(mt.sentence for mt in mentions),
        is_actors=[a.start for a in actors.found if a.group == "is"],
        dates=dates,
        published=published,
    )
    episodes = episodes_of(units_of(mentions), DateIndex(dates), layout)
    report = Report(text, nt, published, sentences, source_url, source, found, unresolved)
    return [build_record(report, e) for e in episodes if stands(e, layout)]


def _normalised_spans(nt: Normalized, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Map spans of the original text to the normalised text."""
    n_off = nt.offsets  # sorted: bisect works on it directly
    out = [
        (bisect_right(n_off, a) - 1 if a > 0 else 0, bisect_right(n_off, b - 1)) for a, b in spans
    ]
    return [(max(0, a), b) for a, b in out]


def _mark_reported(
    dates: list[Date], norm: str, sentences: Sentences, found: Found, published: dt.date
) -> list[Date]:
    """Mark the date phrases that date a statement of the publication day.

    "قال المرصد السوري، اليوم السبت، إن ...": a reporting verb at most 60
    characters before a phrase that names the publication day (150 when إن or
    أن follows the phrase: it opens what was said), with no trigger between.
    Such a phrase says when the news was told, not when the event happened; a
    statement dated before publication (أعلنت أمس) dates the event as it is.
    """
    trigger_starts = [m.start() for m in found.triggers]
    out = []
    for d in dates:
        si = sentences.index_of(d.start)
        s0 = sentences.spans[si][0] if si >= 0 else 0
        # up to 60 characters back; farther when "إن" follows the phrase (قال ...، اليوم، إن)
        reach = 150 if _SAYING_THAT.match(norm, d.end) else 60
        lo = max(s0, d.start - reach)
        verbs = list(_REPORTING.finditer(norm, lo, d.start))
        verb = verbs[-1] if verbs else None
        reported = False
        if verb is not None and not d.vague and d.window == (published, published):
            k = bisect_left(trigger_starts, verb.end())
            reported = not (k < len(trigger_starts) and trigger_starts[k] < d.start)
        out.append(replace(d, reported=True) if reported else d)
    return out


def _with_running(
    mentions: list[Mention], norm: str, sentences: Sentences, excluded: SpanSet
) -> list[Mention]:
    """Add the running mentions with no trigger of their own ("وهو الثالث من نوعه ...").

    Each takes the kind of the last mention before it (in its sentence or the one
    before); its count is the ordinal, once a period phrase is attached to it.
    """
    added: list[Mention] = []
    starts = [mt.start for mt in mentions]
    for m in _OF_ITS_KIND.finditer(norm):
        if excluded.covers(m.start()):
            continue
        k = bisect_left(starts, m.start()) - 1
        si = sentences.index_of(m.start())
        if k < 0 or mentions[k].sentence < si - 1 or mentions[k].end > m.start():
            continue
        n = parse_ordinal(m.group("o"))
        if n is None:
            continue
        o0, o1 = m.span("o")
        reading = CountReading(float(n), float(n), float(n), o0, False)
        added.append(
            Mention(mentions[k].kind, "running", o0, o1, si, reading, False, True, ordinal=n)
        )
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda mt: mt.start)


def _ordinals_as_counts(mentions: list[Mention], sentences: Sentences) -> list[Mention]:
    """Read an ordinal next to a trigger as a running count when a period phrase goes with it.

    "The third attack since the start of August" is a record of 3 attacks over
    that period.  An ordinal with no period phrase in its clause is no count, and
    a running mention with no trigger of its own (الثالث من نوعه) is then dropped.
    """
    out = []
    for mt in mentions:
        if mt.ordinal is None:
            out.append(mt)
            continue
        c0, c1 = sentences.clause(mt.start, mt.sentence)
        period = [d for d in mt.dates if d.aggregate and c0 <= d.start < c1 + 40]
        if period:
            n = float(mt.ordinal)
            reading = CountReading(n, n, n, min(mt.count_start, mt.start), True)
            form = "noun_sg" if mt.form == "running" else mt.form
            out.append(replace(mt, form=form, reading=reading, referring=False, separate=True))
        elif mt.form != "running":
            out.append(replace(mt, ordinal=None))
    return out


def _attach(
    mentions: list[Mention],
    dates: list[Date],
    places: list[PlaceMention],
    sentences: Sentences,
) -> list[Mention]:
    """Return the mentions with their date phrases and places attached.

    Each date phrase goes to the nearest mention of its sentence (a phrase that
    dates a statement, to none); each place to the nearest mention before it in
    its sentence (else the first), unless fighting that is not a record (اشتباكات)
    is named between them; a sentence with no mention that gives a campaign's
    extent (محاور، تمتد ...) gives its places to the sweep that ends the sentence
    before.
    """
    norm = sentences.norm
    by_sentence = {
        si: _Sentence(mentions, idx, norm) for si, idx in mentions_by_sentence(mentions).items()
    }
    back = max(mt.start - mt.count_start for mt in mentions)
    dates_of: list[list[Date]] = [[] for _ in mentions]
    places_of: list[list[PlaceMention]] = [[] for _ in mentions]
    for d in dates:
        sentence = by_sentence.get(sentences.index_of(d.start))
        if sentence is None or d.reported:
            continue
        i = sentence.nearest(d, back)
        if _of_clashes(norm, mentions[i], d.start, d.end):
            continue  # the day of the clashes named with it
        dates_of[i].append(d)
    for p in places:
        sentence = by_sentence.get(sentences.index_of(p.start))
        if sentence is not None:
            i = sentence.last_before(p.start)
            if mentions[i].end <= p.start and _CLASHES.search(norm, mentions[i].end, p.start):
                continue  # the place of the clashes named after the mention
            places_of[i].append(p)
    _share_the_area(mentions, places_of, by_sentence)
    place_starts = [p.start for p in places]
    for si, (s0, s1) in enumerate(sentences.spans):
        if si in by_sentence or si == 0 or si - 1 not in by_sentence:
            continue
        last = by_sentence[si - 1].indices[-1]
        if mentions[last].kind == "sweep" and _EXTENT.search(sentences.norm, s0, s1):
            inside = places[bisect_left(place_starts, s0) : bisect_left(place_starts, s1)]
            places_of[last].extend(inside)
    _to_the_number(mentions, dates_of)
    return [
        replace(mt, dates=tuple(ds), places=tuple(ps)) if ds or ps else mt
        for mt, ds, ps in zip(mentions, dates_of, places_of, strict=True)
    ]


def _to_the_number(mentions: list[Mention], dates_of: list[list[Date]]) -> None:
    """Hand the date phrases of a referring head to the number it leads to.

    "ليرتفع عدد الغارات منذ مطلع الشهر إلى 140 غارة": the period goes with the
    140 strikes, the next mention of the same kind in the sentence, when that
    one gives a number and has no date phrase of its own.
    """
    for i, mt in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        if (
            mt.referring
            and dates_of[i]
            and nxt.sentence == mt.sentence
            and nxt.kind == mt.kind
            and nxt.explicit
            and not dates_of[i + 1]
            and nxt.count_start - mt.end < 80
        ):
            dates_of[i + 1], dates_of[i] = dates_of[i], []


def _of_clashes(norm: str, mt: Mention, start: int, end: int) -> bool:
    """Whether a date phrase at ``[start, end)`` dates clashes rather than the mention.

    Clashes (اشتباكات) are named between the mention and the phrase, or just after
    the phrase ("أمس السبت، خلال اشتباكات").
    """
    lo, hi = (mt.end, start) if mt.end <= start else (end, mt.count_start)
    return bool(_CLASHES.search(norm, lo, hi) or _CLASHES.search(norm, end, end + 30))


def _share_the_area(
    mentions: list[Mention],
    places_of: list[list[PlaceMention]],
    by_sentence: dict[int, _Sentence],
) -> None:
    """Give a mention of "the area" (تمشيطهم المنطقة) the places of the others of its sentence."""
    for sentence in by_sentence.values():
        if len(sentence.indices) < 2:
            continue
        named = [p for i in sentence.indices for p in places_of[i]]
        for i in sentence.indices:
            if not places_of[i] and _THE_AREA.match(sentence.norm, mentions[i].end):
                places_of[i].extend(named)


class _Sentence:
    """The mentions of one sentence, in text order (their spans do not overlap)."""

    def __init__(self, mentions: list[Mention], indices: list[int], norm: str = "") -> None:
        self.mentions = mentions
        self.indices = indices
        self.norm = norm
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
            best_k, best = j - 1, distance(self.mentions[self.indices[j - 1]], d)
        for k in range(j, len(self.indices)):
            if best_k >= 0 and self.starts[k] - back - d.end > best:
                break
            dist = distance(self.mentions[self.indices[k]], d)
            if best_k < 0 or dist < best:
                best_k, best = k, dist
        return self.indices[best_k]


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

    The body's places win: those of headings count only when the body names none.
    Governorate-wide areas are kept only when nothing more specific is named.
    """
    raw = sorted(
        {p for uu in episode.units if not uu.heading for mt in uu.mentions for p in mt.places}
    )
    if not raw:
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
    units that joined the record; aircraft named without their air force
    ("the fighter jets") are the last air force named before them.
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
    if not actor and u.kind == "airstrike" and AIR_SUBJECT.search(report.norm, s0, s1):
        actor = actors.last_before("air", s0)  # "the fighter jets": the ones named before
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
