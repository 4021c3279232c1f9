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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
from analysis.extraction.dates import (
    DATE_PATTERNS,
    DATE_PRIORITY,
    Date,
    Unresolved,
    find_dates,
    precision_of,
)
from analysis.extraction.gazetteer import Gazetteer, PlaceMention, find_places, load_gazetteer
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
_TOLL: Final = compile_words(*lexicon.TOLL_WORDS)
_ALSO: Final = re.compile(normalize_pattern(lexicon.ALSO))
_FLASHBACK: Final = re.compile(normalize_pattern(lexicon.FLASHBACK))
_SAYING_THAT: Final = re.compile(r"\s*[،,]?\s*(?:ب)?[اأإ]ن(?:ه|ها|هم)?(?![^\W_])")
_BREAKDOWN: Final = re.compile(
    r"(?<![^\W_])(?:حيث|منها|بينها|توزعت|موزعة|كالتالي|كالآتي)(?![^\W_])|:"
)
_OF_ITS_KIND: Final = re.compile(
    r"(?<![^\W_])(?:[وف]?(?:هو|هي|يعد|تعد|يعتبر|تعتبر|ليكون|لتكون)\s+)?"
    rf"(?P<o>{ORDINAL})\s+من\s+نوع(?:ه|ها)(?![^\W_])"
)
"""A running mention with no trigger of its own: "(وهو) الثالث من نوعه"."""
_JOIN_WALK: Final = 6
"""How many episodes a weak unit looks past for one it may join, each way."""
_PART_SENTENCES: Final = 6
"""How many sentences after a total its parts may be told in."""
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
        """The date phrase attached to its mentions that is nearest to its primary mention.

        Only the mentions that tell an event count, where there are any (not those
        that refer back); a phrase that names no day (قبل أيام) is taken only
        when no other is attached.
        """
        prim = self.primary
        telling = [mt for mt in self.mentions if not mt.referring] or list(self.mentions)
        ds = [d for mt in telling for d in mt.dates]  # a mention that refers back dates
        if not ds:  # another event ("one of the deadliest attacks this year")
            return None
        return min(ds, key=lambda d: (d.vague, _distance(prim, d), -DATE_PRIORITY[d.kind]))

    @property
    def referring(self) -> bool:
        """Every mention only refers back."""
        return all(mt.referring for mt in self.mentions)

    @property
    def heading(self) -> bool:
        """It stands in a heading line (a title, a subheading, a caption)."""
        return all(mt.heading for mt in self.mentions)

    @property
    def shown(self) -> bool:
        """It is what a release shows (صوراً لهجوم), not a new event."""
        return all(mt.shown for mt in self.mentions)

    @property
    def explicit(self) -> bool:
        """Some mention gives the number."""
        return any(mt.explicit for mt in self.mentions)

    @property
    def number(self) -> float | None:
        """How many events its explicit mentions give together (None if one gives no number)."""
        total = 0.0
        for mt in self.mentions:
            if not mt.explicit:
                continue
            value = mt.reading.count if mt.reading.count is not None else mt.reading.low
            if value is None:
                return None
            total += value
        return total or None

    @cached_property
    def governorates(self) -> frozenset[str]:
        """The governorates of the places its mentions name."""
        return frozenset(
            g for mt in self.mentions for p in mt.places for g in p.admin1.split(";") if g
        )

    @cached_property
    def specific_places(self) -> frozenset[str]:
        """The places more specific than a governorate its mentions name."""
        return frozenset(p.name for mt in self.mentions for p in mt.places if not p.is_wide)


@dataclass(frozen=True)
class Episode:
    """One record to be: the unit that opens it, its date phrase, every unit that joined it."""

    unit: Unit
    date: Date | None
    units: list[Unit]  # grows while weaker units join
    _seen: list[Any] = field(
        default_factory=lambda: [0, frozenset(), frozenset()], compare=False, repr=False
    )
    """How many units :attr:`governorates` has read, and what they gave (it grows with them)."""

    @property
    def governorates(self) -> frozenset[str]:
        """The governorates of the places its units name."""
        return self._where()[0]

    @property
    def specific_places(self) -> frozenset[str]:
        """The places more specific than a governorate its units name."""
        return self._where()[1]

    def _where(self) -> tuple[frozenset[str], frozenset[str]]:
        n, govs, places = self._seen
        if n < len(self.units):
            govs = govs.union(*(u.governorates for u in self.units[n:]))
            places = places.union(*(u.specific_places for u in self.units[n:]))
            self._seen[:] = [len(self.units), govs, places]
        return govs, places


@dataclass(frozen=True)
class Layout:
    """Where things are in a report, for the rules that look beyond one sentence.

    Attributes
    ----------
    norm : str
        The normalised text.
    sentences : Sentences
    headings : SpanSet
        Heading lines (normalised spans): a title, subheadings, captions.
    lead : (int, int) or None
        The first body line when more follow (normalised span).
    lines : list of int
        Where each line starts (normalised), for the paragraph of a position.
    with_mentions : frozenset of int
        Sentences that hold a mention.
    is_actors : list of int
        Where Islamic State is named (normalised positions, sorted).
    dates : list of Date
        Every date phrase, in text order (reported ones too).
    published : datetime.date
    """

    norm: str
    sentences: Sentences
    headings: SpanSet
    lead: tuple[int, int] | None
    lines: list[int]
    with_mentions: frozenset[int]
    is_actors: list[int]
    dates: list[Date]
    published: dt.date

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def line_of(self, pos: int) -> tuple[int, int]:
        """Return the line (paragraph) around a position."""
        i = bisect_right(self.lines, pos) - 1
        start = self.lines[max(i, 0)]
        end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else len(self.norm)
        return start, end

    def paragraphs_around(self, pos: int, n: int) -> tuple[int, int]:
        """Return the span from ``n`` non-blank lines before the line of ``pos`` to ``n`` after."""
        i = bisect_right(self.lines, pos) - 1
        lo = hi = max(i, 0)
        for _ in range(n):
            lo -= 1
            while lo > 0 and not self._line_text(lo).strip():
                lo -= 1
            hi += 1
            while hi < len(self.lines) - 1 and not self._line_text(hi).strip():
                hi += 1
        lo, hi = max(lo, 0), min(hi, len(self.lines) - 1)
        end = self.lines[hi + 1] - 1 if hi + 1 < len(self.lines) else len(self.norm)
        return self.lines[lo], end

    def _line_text(self, i: int) -> str:
        end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else len(self.norm)
        return self.norm[self.lines[i] : end]

    def before_body(self, pos: int) -> bool:
        """Whether a position lies before the first body line (in the title block)."""
        return self.lead is None or pos < self.lead[0]

    def in_lead(self, pos: int) -> bool:
        """Whether a position lies in the lead."""
        return self.lead is not None and self.lead[0] <= pos < self.lead[1]

    def is_named_in(self, lo: int, hi: int) -> bool:
        """Whether Islamic State is named in ``[lo, hi)``."""
        i = bisect_left(self.is_actors, lo)
        return i < len(self.is_actors) and self.is_actors[i] < hi

    def dates_in(self, sentence: int) -> list[Date]:
        """Return the date phrases of a sentence that date events (not statements)."""
        s0, s1 = self.sentences.spans[sentence]
        lo, hi = bisect_left(self._date_starts, s0), bisect_left(self._date_starts, s1)
        return [d for d in self.dates[lo:hi] if not d.reported]

    def list_head_date(self, sentence: int) -> Date | None:
        """Return the date of the line that heads a list this sentence is an item of.

        A sentence ending with ":" heads the lines after it (a toll "since the start
        of the year, they are:" and its items).
        """
        for back in range(1, 8):
            si = sentence - back
            if si < 0:
                return None
            s0, s1 = self.sentences.spans[si]
            if "\n\n" in self.norm[s1 : self.sentences.spans[si + 1][0]]:
                return None  # a blank line ends a list
            if self.norm[s0:s1].rstrip().endswith(":"):
                found = [d for d in self.dates_in(si) if not d.vague]
                return found[-1] if found else None
        return None

    def continuation_date(self, sentence: int) -> Date | None:
        """Return the first date of the next sentences that continue an event.

        They continue it when they have no trigger of their own and do not open
        with the pluperfect كان, which turns to an earlier matter.

        At most two sentences are read, within the same line or the next.
        """
        _line_start, line_end = self.line_of(self.sentences.spans[sentence][0])
        next_line_end = self.line_of(line_end + 1)[1] if line_end < len(self.norm) else line_end
        for si in (sentence + 1, sentence + 2):
            if si >= len(self.sentences) or si in self.with_mentions:
                return None
            if self.sentences.spans[si][0] > next_line_end:
                return None
            if self.headings.covers(self.sentences.spans[si][0]):
                return None
            if self.turns_back(si):
                return None  # وكان التنظيم قد نشر ...: an earlier matter, not this event
            found = [d for d in self.dates_in(si) if not (d.vague or d.background or d.aggregate)]
            if found:
                return found[0]
        return None

    def toll(self, sentence: int) -> bool:
        """Whether a sentence counts the dead (a toll)."""
        s0, s1 = self.sentences.spans[sentence]
        return _TOLL.search(self.norm, s0, s1) is not None

    def turns_back(self, sentence: int) -> bool:
        """Whether a sentence opens with the pluperfect كان (an earlier matter or report)."""
        s0, _s1 = self.sentences.spans[sentence]
        return _FLASHBACK.match(self.norm, s0) is not None

    def adds_another(self, sentence: int) -> bool:
        """Whether a sentence opens with a word that adds another event (كما)."""
        s0, _s1 = self.sentences.spans[sentence]
        return _ALSO.match(self.norm, s0) is not None


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
    episodes = _episodes(_units(mentions), _DateIndex(dates), layout)
    report = Report(text, nt, published, sentences, source_url, source, found, unresolved)
    return [build_record(report, e) for e in episodes if _stands(e, layout)]


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

    Each date phrase goes to the nearest mention of its sentence (a phrase that
    dates a statement, to none); each place to the nearest mention before it in
    its sentence (else the first), unless fighting that is not a record (اشتباكات)
    is named between them; a sentence with no mention that gives a campaign's
    extent (محاور، تمتد ...) gives its places to the sweep that ends the sentence
    before.
    """
    norm = sentences.norm
    by_sentence = {si: _Sentence(mentions, idx, norm) for si, idx in _by_sentence(mentions).items()}
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
            best_k, best = j - 1, _distance(self.mentions[self.indices[j - 1]], d)
        for k in range(j, len(self.indices)):
            if best_k >= 0 and self.starts[k] - back - d.end > best:
                break
            dist = _distance(self.mentions[self.indices[k]], d)
            if best_k < 0 or dist < best:
                best_k, best = k, dist
        return self.indices[best_k]


def _units(mentions: list[Mention]) -> list[Unit]:
    """Group the mentions of one kind in one sentence into units.

    A separate marker starts a new unit, and so does a number with a day of its
    own after another with another day ("12 today and 16 yesterday": parts
    given without a total are separate records).
    """
    groups: list[tuple[str, int, list[Mention]]] = []
    by_sentence = _by_sentence(mentions)
    for si in sorted(by_sentence):
        current: dict[str, list[Mention]] = {}
        for i in by_sentence[si]:
            mt = mentions[i]
            members = current.get(mt.kind)
            if (
                members is None
                or (mt.separate and not mt.referring)
                or _another_dated_number(members, mt)
            ):
                members = current[mt.kind] = [mt]
                groups.append((mt.kind, si, members))
            else:
                members.append(mt)
    units = [Unit(kind, si, tuple(members)) for kind, si, members in groups]
    units.sort(key=lambda u: u.mentions[0].start)
    return units


def _another_dated_number(members: list[Mention], mt: Mention) -> bool:
    """Whether ``mt`` gives a number and a day other than those of members with a number."""
    if not (mt.explicit and mt.reading.count is not None and mt.dates):
        return False
    if not any(other.explicit for other in members):
        return False
    theirs = {d.window for other in members for d in other.dates}
    return bool(theirs) and not theirs & {d.window for d in mt.dates}


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


class _Dates:
    """Where a unit with no date phrase of its own finds one in its sentence.

    A phrase that dates an event wins over one that dates a statement (قال ... اليوم).
    """

    def __init__(self, dates: list[Date]) -> None:
        self.events = _DateIndex([d for d in dates if not d.reported])
        self.every = _DateIndex(dates)

    def nearest_in(self, sentence: tuple[int, int], prim: Mention) -> Date | None:
        return self.events.nearest_in(sentence, prim) or self.every.nearest_in(sentence, prim)


def _episodes(units: list[Unit], dates: _DateIndex, layout: Layout) -> list[Episode]:
    """Return the episodes of a report: one per record.

    A unit is strong when it does not only refer back and has its own date
    phrase, a number or a separate marker; it opens an episode, and so does a
    unit whose date is a period total (an aggregate), unless it only refers back
    or counts the dead without counting events.  Then totals absorb their parts,
    a lead that the body retells joins the body's episode, weak units join the
    nearest episode of their kind (else open their own), and headings join the
    body's episode of their kind (an event only a heading tells is its own).
    Units of an earlier year's events are dropped, and so are headings after the
    title block that tell nothing the body tells.
    """
    in_sentence = _Dates(dates.dates)
    opened: list[Episode] = []
    pending: list[tuple[Unit, Date | None, bool]] = []
    headings: list[Unit] = []
    for u in units:
        if u.heading:
            headings.append(u)
            continue
        own = u.own_date
        span = layout.sentences.spans[u.sentence]
        near = in_sentence.nearest_in(span, u.primary)
        if near is not None and any(near in mt.dates for mt in u.mentions):
            near = None  # the phrase of a mention of its own that refers to other events
        u_date = own or near or layout.list_head_date(u.sentence)
        if u_date is not None and u_date.background:
            continue
        strong = (
            not u.referring
            and not u.shown
            # one event in a sentence with the pluperfect كان: an earlier report may retell it
            and not (layout.turns_back(u.sentence) and u.primary.reading.count == 1)
            and (
                (own is not None and own.kind != "recent")
                or u.explicit
                or any(mt.separate for mt in u.mentions)
            )
        )
        if u_date is not None and u_date.aggregate:
            if u.referring or (not u.explicit and layout.toll(u.sentence)):
                pending.append((u, u_date, False))  # a tally's restatement, or a toll
            else:
                opened.append(Episode(u, u_date, [u]))
        elif strong:
            opened.append(Episode(u, u_date, [u]))
        else:
            may_open = not u.shown and not (u.referring and own is None)
            pending.append((u, u_date, may_open))
    opened = _absorb_parts(opened, units, layout)
    opened = _merge_lead(opened, layout)
    built = _Built()
    for e in opened:
        built.add(e)
    for u, u_date, may_open in pending:
        _join(u, u_date, built, may_open=may_open)
    for u in headings:
        target = built.nearest(u.kind, u.primary.start, None, referring=True)
        if target is not None:
            target.units.append(u)
        elif not layout.before_body(u.primary.start):
            continue  # a subheading, a caption or a link to another article: it tells nothing new
        else:
            span = layout.sentences.spans[u.sentence]
            built.add(Episode(u, u.own_date or in_sentence.nearest_in(span, u.primary), [u]))
    episodes = _count_in_running(sorted(built.episodes, key=lambda e: e.unit.primary.start))
    return [_dated(e, layout) for e in episodes]


def _count_in_running(episodes: list[Episode]) -> list[Episode]:
    """Let a running tally take in the event it counts: one record over the period.

    "The attack is the second of its kind this month" is one record of two
    attacks over the month.  The event is the nearest episode of its kind told
    before the tally, not a period itself, whose window (if dated) lies in the
    tally's.
    """
    taken: set[int] = set()
    for i, e in enumerate(episodes):
        if e.unit.primary.ordinal is None or e.date is None or not e.date.aggregate:
            continue
        lo, hi = e.date.window
        for j in range(i - 1, -1, -1):
            prev = episodes[j]
            if prev.unit.kind != e.unit.kind or j in taken:
                continue
            if prev.date is not None and (
                prev.date.aggregate or not (lo <= prev.date.window[0] and prev.date.window[1] <= hi)
            ):
                break
            e.units.extend(prev.units)
            taken.add(j)
            break
    return [e for k, e in enumerate(episodes) if k not in taken]


def _join(u: Unit, u_date: Date | None, built: _Built, *, may_open: bool) -> None:
    """Let a weak or referring unit join the nearest episode of its kind, or open its own.

    A unit with its own date joins only an episode whose window overlaps it
    (or that has no date), and never one whose places lie in other governorates;
    a referring unit with no date may join a period total when nothing else is
    there; a unit that may not open an episode (it refers back to nothing
    reported here, restates a tally, or is what a release shows) gives no record.
    """
    prim = u.primary
    own = u.own_date if u.own_date is None or u.own_date.kind != "recent" else None
    places = u.specific_places if not u.referring else frozenset()
    target = built.nearest(
        u.kind, prim.start, own, u.referring, u.governorates, prim.reading, places
    )
    if target is not None:
        target.units.append(u)
    elif may_open:
        built.add(Episode(u, u_date, [u]))


def _absorb_parts(opened: list[Episode], units: list[Unit], layout: Layout) -> list[Episode]:
    """Let each total absorb the episodes of its parts ("more than 200 strikes: 40 on ...").

    A total is a unit with a number of at least two events.  The units of its kind
    told after it (within a few sentences, headings aside) are its parts while
    their numbers add up to no more than the total: all of them when the total
    is followed by a breakdown word (حيث، منها) or is a period of several days,
    and only when they add up to exactly the total otherwise.  The total keeps
    its count and takes the places of its parts; its window runs from the
    earliest to the latest day given for it or its parts (to publication when a
    part has no day).
    """
    if len(opened) < 2:
        return opened
    by_unit = {id(e.unit): e for e in opened}
    order = [u for u in units if not u.heading]
    position = {id(u): k for k, u in enumerate(order)}
    absorbed: set[int] = set()
    for e in opened:
        if id(e) in absorbed or (e.date is not None and e.date.aggregate):
            continue
        total = e.unit.primary.reading
        n = total.count if total.count is not None else total.low
        if not e.unit.primary.explicit or n is None or n < 2:
            continue
        parts = _parts(e, n, order[position[id(e.unit)] + 1 :], layout)
        if not parts:
            continue
        taken = [by_unit[id(u)] for u in parts if id(u) in by_unit]
        if not taken:
            continue
        absorbed.update(id(p) for p in taken)
        for p in taken:
            e.units.extend(p.units)
        opened[opened.index(e)] = Episode(e.unit, _total_window(e, parts, layout), e.units)
    return [e for e in opened if id(e) not in absorbed]


def _parts(e: Episode, n: float, after: list[Unit], layout: Layout) -> list[Unit]:
    """Return the units after a total that are its parts (empty if none are)."""
    u = e.unit
    inner = sum(
        (mt.reading.count or mt.reading.low or 0)
        for mt in u.mentions
        if mt is not u.primary and mt.explicit
    )
    _s0, s1 = layout.sentences.spans[u.sentence]
    breakdown = _BREAKDOWN.search(layout.norm, u.primary.end, s1) is not None
    period = e.date is not None and e.date.window[1] > e.date.window[0]
    parts: list[Unit] = []
    total = inner
    for v in after:
        if v.kind != u.kind:
            continue
        if v.sentence > u.sentence + _PART_SENTENCES or v.referring:
            break
        date = v.own_date
        if date is not None and date.aggregate:
            break
        if v.explicit:
            count = v.number
        elif v.primary.reading.count is not None:  # a singular: one event
            count = v.primary.reading.count
        else:
            break
        if count is None or total + count > n:
            break
        parts.append(v)
        total += count
    if not parts:
        return []
    if breakdown or period:
        return parts
    return parts if total == n and len(parts) >= 2 else []


def _total_window(e: Episode, parts: list[Unit], layout: Layout) -> Date:
    """Return the window of a total: the earliest to the latest day given for it or its parts."""
    days: list[dt.date] = []
    for d in (*(d for mt in e.unit.mentions for d in mt.dates), e.date):
        if d is not None and not d.vague:
            days.extend(d.window)
    for v in parts:
        own = [d for mt in v.mentions for d in mt.dates if not d.vague]
        if own:
            days.extend(x for d in own for x in d.window)
        else:
            days.append(layout.published)
    start, end = min(days), max(days)
    anchor = e.unit.primary
    return Date(
        anchor.start,
        anchor.end,
        "total",
        (start, end),
        precision_of(start, end),
        False,
        False,
        "a total with its parts: the window runs from the earliest to the latest day given",
    )


def _merge_lead(opened: list[Episode], layout: Layout) -> list[Episode]:
    """Let an episode told in the lead join the body's episode that retells it.

    The body's episode must be of the same kind, later, not marked as another
    event (منفصل، كما ...), with a window that overlaps the lead's, a count that
    may be the same, and places that do not contradict the lead's.
    """
    if layout.lead is None:
        return opened
    merged: set[int] = set()
    for e in opened:
        if not layout.in_lead(e.unit.primary.start) or (e.date is not None and e.date.aggregate):
            continue
        for body in opened:
            if body is e or id(body) in merged or layout.in_lead(body.unit.primary.start):
                continue
            if body.unit.primary.start < e.unit.primary.start or not _retells(e, body, layout):
                continue
            body.units.extend(e.units)
            merged.add(id(e))
            break
    return [e for e in opened if id(e) not in merged]


def _retells(lead: Episode, body: Episode, layout: Layout) -> bool:
    """Whether a body episode may retell the lead's."""
    if lead.unit.kind != body.unit.kind or body.unit.kind == "sweep":
        return False
    places_a, places_b = lead.unit.specific_places, body.unit.specific_places
    govs_a, govs_b = lead.unit.governorates, body.unit.governorates
    another = (
        (body.date is not None and body.date.aggregate)
        or any(mt.separate for mt in body.unit.mentions)
        or layout.adds_another(body.unit.sentence)
        or (
            lead.date is not None
            and body.date is not None
            and not _overlaps(lead.date.window, body.date.window)
        )
        or not _counts_overlap(lead.unit.primary.reading, body.unit.primary.reading)
        or bool(places_a and places_b and places_a.isdisjoint(places_b))
        or bool(govs_a and govs_b and govs_a.isdisjoint(govs_b))
    )
    return not another


def _counts_overlap(a: CountReading, b: CountReading) -> bool:
    """Whether two count readings may be the same number."""
    lo_a = a.low if a.low is not None else a.count
    lo_b = b.low if b.low is not None else b.count
    hi_a = a.high if a.high is not None else (a.count if a.low is None and a.count else None)
    hi_b = b.high if b.high is not None else (b.count if b.low is None and b.count else None)
    if lo_a is not None and hi_b is not None and lo_a > hi_b:
        return False
    return not (lo_b is not None and hi_a is not None and lo_b > hi_a)


def _dated(e: Episode, layout: Layout) -> Episode:
    """Give an episode with no date phrase of its own one from its units or the next sentences.

    The own date phrase of a unit that joined it (the body's first, then the
    title's), else one of the next sentences that continue the event (no
    trigger of their own).  An episode dated only by the day its news was told
    (قالت القيادة اليوم ...) or by "recently" (مؤخراً) takes a joined unit's own date
    phrase too.
    """
    if e.date is not None and not e.date.reported and e.date.kind != "recent":
        return e
    for heading_last in (False, True):
        for u in e.units:
            own = u.own_date
            # a period is not the day of the event, and "recently" names no day
            usable = own is not None and not (own.aggregate or own.background)
            usable = usable and own is not None and own.kind != "recent"
            if u.heading and not layout.before_body(u.primary.start):
                usable = False  # a subheading or another article's title dates nothing here
            if u.heading == heading_last and usable:
                return Episode(e.unit, own, e.units)
    if e.unit.heading:
        return e
    if e.date is not None:
        return e  # the day the news was told, for want of another
    found = layout.continuation_date(max(u.sentence for u in e.units if not u.heading))
    return Episode(e.unit, found, e.units) if found is not None else e


def _stands(e: Episode, layout: Layout) -> bool:
    """Whether an episode is a record: an attack must be tied to Islamic State.

    The guidelines' IS attack is one the passage pins on IS: IS is named in the
    paragraph of one of its units or in the two paragraphs before or after it,
    or in a heading of the page.
    """
    if e.unit.kind != "attack":
        return True
    for u in e.units:
        before, after = layout.paragraphs_around(layout.sentences.spans[u.sentence][0], 2)
        if layout.is_named_in(before, after):
            return True
    return any(layout.headings.covers(pos) for pos in layout.is_actors)


class _Positions:
    """Episodes sorted by position, for the nearest one before (else after) a position."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []  # (position, order of opening)
        self._episodes: dict[int, Episode] = {}

    def add(self, pos: int, order: int, episode: Episode) -> None:
        insort(self._keys, (pos, order))
        self._episodes[order] = episode

    def around(
        self, pos: int, accept: Callable[[Episode], bool]
    ) -> tuple[tuple[int, int, Episode] | None, tuple[int, int, Episode] | None]:
        """Return an accepted episode before ``pos`` and one after it.

        Before it, of the nearest few, the one with the latest window (the nearest
        on a tie); after it, the nearest.  Each as (position, order, episode), or
        None.

        At most :data:`_JOIN_WALK` episodes are looked at each way.
        """
        k = bisect_left(self._keys, (pos, -1))
        before = after = None
        for i in range(k - 1, max(k - 1 - _JOIN_WALK, -1), -1):
            p, o = self._keys[i]
            e = self._episodes[o]
            if accept(e) and (before is None or _latest(e) > _latest(before[2])):
                before = (p, o, e)
        for i in range(k, min(k + _JOIN_WALK, len(self._keys))):
            p, o = self._keys[i]
            if accept(self._episodes[o]):
                after = (p, o, self._episodes[o])
                break
        return before, after


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
        # "recently" names no day; the day a statement was made is not the event's
        if e.date is None or e.date.kind == "recent" or e.date.reported:
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
        where = min([e.unit.mentions[0].start, *(u.mentions[0].start for u in e.units)])
        kind.add(where, len(self.episodes), e)  # a retold lead: where the lead is
        self.episodes.append(e)

    def nearest(
        self,
        kind: str,
        pos: int,
        own: Date | None,
        referring: bool,
        governorates: frozenset[str] = frozenset(),
        reading: CountReading | None = None,
        places: frozenset[str] = frozenset(),
    ) -> Episode | None:
        """Return the episode a weak unit at ``pos`` joins (None if none fits).

        The nearest non-aggregate episode of its kind before it, else after it
        (with ``own``, only those undated or whose window overlaps it; with
        ``governorates``, none whose places lie only in other governorates; with
        ``places``, the specific places a unit telling an event names, none that
        names only other specific places);
        failing that, for a referring unit with no date, the nearest of its kind.
        Of the episodes before it, the one with the latest window (an undated one
        counts as the latest), then the nearest.  An episode told after the unit
        must also have a count the unit's ``reading`` may be the same as (a lead
        that tells one attack does not join two told later), unless it is a
        total told with its parts.
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

        def accept(e: Episode) -> bool:
            if e.date is not None and e.date.kind == "total":
                return True  # a total's parts lie where they lie
            if governorates and e.governorates and governorates.isdisjoint(e.governorates):
                return False
            return not (places and e.specific_places and places.isdisjoint(e.specific_places))

        hits = [p.around(pos, accept) for p in pools]
        before = [b for b, _ in hits if b is not None]
        if before:
            return max(before, key=lambda hit: (_latest(hit[2]), hit[0], -hit[1]))[2]
        after = [
            a
            for _, a in hits
            if a is not None
            and (
                reading is None
                or reading.count is None
                or (a[2].date is not None and a[2].date.kind == "total")
                or _counts_overlap(reading, a[2].unit.primary.reading)
            )
        ]
        return min(after, key=lambda hit: hit[:2])[2] if after else None


def _latest(e: Episode) -> dt.date:
    """Return the last day of an episode's window (an undated one: the latest possible)."""
    return e.date.window[1] if e.date is not None else dt.date.max


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
