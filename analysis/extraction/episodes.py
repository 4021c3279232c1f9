"""Mentions grouped into units, and units into episodes: one episode per record.

:func:`units_of` groups the mentions of one kind in one sentence into a
:class:`Unit`.  :func:`episodes_of` lets the strong units open an episode
(:class:`Episode`), lets totals absorb their parts and a lead join the body's
episode that retells it, lets weak and referring units join the nearest episode
of their kind, and dates the episodes that have no date phrase of their own;
:func:`stands` says whether an episode is a record.  The record each episode
becomes is built in :mod:`analysis.extraction.assembly`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from analysis.extraction.counts import CountReading
from analysis.extraction.dates import DATE_PRIORITY, Date, precision_of
from analysis.extraction.layout import Layout
from analysis.extraction.mentions import Mention

_BREAKDOWN: Final = re.compile(
    r"(?<![^\W_])(?:حيث|منها|بينها|توزعت|موزعة|كالتالي|كالآتي)(?![^\W_])|:"
)
_JOIN_WALK: Final = 6
"""How many episodes a weak unit looks past for one it may join, each way."""
_PART_SENTENCES: Final = 6
"""How many sentences after a total its parts may be told in."""


# ======================================================================================
# What mentions are grouped into
# ======================================================================================


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
        return min(ds, key=lambda d: (d.vague, distance(prim, d), -DATE_PRIORITY[d.kind]))

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


def distance(mt: Mention, d: Date) -> int:
    """Characters between a mention (with its count wording) and a date phrase."""
    return max(mt.count_start - d.end, d.start - mt.end, 0)


# ======================================================================================
# Units, and units into episodes
# ======================================================================================


def mentions_by_sentence(mentions: list[Mention]) -> dict[int, list[int]]:
    """Sentence index -> indices of its mentions, in order."""
    out: dict[int, list[int]] = {}
    for i, mt in enumerate(mentions):
        out.setdefault(mt.sentence, []).append(i)
    return out


def units_of(mentions: list[Mention]) -> list[Unit]:
    """Group the mentions of one kind in one sentence into units.

    A separate marker starts a new unit, and so does a number with a day of its
    own after another with another day ("12 today and 16 yesterday": parts
    given without a total are separate records).
    """
    groups: list[tuple[str, int, list[Mention]]] = []
    by_sentence = mentions_by_sentence(mentions)
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


class DateIndex:
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
        return min(around, key=lambda d: distance(prim, d))


class _Dates:
    """Where a unit with no date phrase of its own finds one in its sentence.

    A phrase that dates an event wins over one that dates a statement (قال ... اليوم).
    """

    def __init__(self, dates: list[Date]) -> None:
        self.events = DateIndex([d for d in dates if not d.reported])
        self.every = DateIndex(dates)

    def nearest_in(self, sentence: tuple[int, int], prim: Mention) -> Date | None:
        return self.events.nearest_in(sentence, prim) or self.every.nearest_in(sentence, prim)


def episodes_of(units: list[Unit], dates: DateIndex, layout: Layout) -> list[Episode]:
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


def stands(e: Episode, layout: Layout) -> bool:
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
