"""What and who: trigger words, the conditions they must meet, their counts, and actors.

A *trigger* is a word that reports an airstrike, a sweep campaign or an attack
(:data:`analysis.extraction.lexicon.TRIGGERS`).  The weaker ones must meet a
condition: an operation noun (عملية) needs IS near it, a verb its subject, a
mine its laying.  A trigger under a negation (لم تنفذ) or in a sentence with an
irreal cue (threats, plans, training) gives nothing.  Each kept trigger becomes
a :class:`Mention` with its count (:mod:`analysis.extraction.counts`), whether
it only refers back (الغارات، غاراتها) and whether it is marked as a separate
episode (هجوم منفصل).

Actors are found by their own patterns; :func:`actor_for` picks the one of a
record: the unit that leads (بقيادة ...), else the first named, of the group
that fits the event kind.

Examples
--------
>>> from analysis.extraction.arabic import normalize
>>> norm = normalize("شنت المقاتلات الروسية 3 غارات على تدمر")
>>> [ACTORS[a.index][0] for a in find_actors(norm)]
['Russian air force']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from analysis.extraction import lexicon, lexicon_dates_counts
from analysis.extraction.arabic import (
    NOT_AFTER,
    NOT_BEFORE,
    ORDINAL,
    compile_words,
    normalize,
    normalize_pattern,
    parse_ordinal,
)
from analysis.extraction.counts import CountReading, count_after, read_count
from analysis.extraction.dates import Date
from analysis.extraction.gazetteer import PlaceMention
from analysis.extraction.scanner import heads_of
from analysis.extraction.structure import Sentences, SpanSet, tokens_after, tokens_before

# ======================================================================================
# Patterns
# ======================================================================================

TRIGGERS: Final = lexicon.TRIGGERS
_PRE: Final[str] = r"(?P<p{i}>[وف]?(?:[بلك]?ال|لل)|[وف]?[بلك]?)"
TRIGGER_RE: Final = re.compile(
    "|".join(
        f"(?P<t{i}>{NOT_BEFORE}{_PRE.format(i=i)}(?P<w{i}>{normalize_pattern(src)}){NOT_AFTER})"
        for i, (_, _, src) in enumerate(TRIGGERS)
    )
)
"""Every trigger; the group ``p<i>`` holds the attached prefix, ``w<i>`` the word(s)."""
TRIGGER_HEADS: Final = heads_of([normalize_pattern(src) for _, _, src in TRIGGERS])

_NOT_ATTACK_OP: Final = re.compile(normalize_pattern(lexicon.NOT_ATTACK_OP))
_IS_WORD: Final = compile_words(*lexicon.IS_WORDS)
_IS_SUBJECT: Final = compile_words(*lexicon.IS_SUBJECTS)
AIR_SUBJECT: Final = compile_words(*lexicon.AIR_SUBJECTS)
_MINE_LAID: Final = re.compile(normalize_pattern(lexicon.MINE_LAID))
_MINE_REMNANT: Final = re.compile(normalize_pattern(lexicon.MINE_REMNANT))
_SEPARATE: Final = compile_words(*lexicon.SEPARATE_WORDS)
_HABITUAL: Final = compile_words(*lexicon.HABITUAL_WORDS)
_UNKNOWN_DRONE: Final = re.compile(normalize_pattern(lexicon.UNKNOWN_DRONE))
_NOT_COUNTED: Final = compile_words(*lexicon_dates_counts.NOT_COUNTED)
_RELEASE: Final = compile_words(*lexicon.RELEASE_WORDS)
_CONTINUING: Final = compile_words(*lexicon.CONTINUING)
_RELATIVE: Final = re.compile(r"\s*" + normalize_pattern(lexicon.RELATIVE))
_DOUBLE: Final = re.compile(r"\s+(?:ال)?مزدوج")
_SUBJECT_GIVEN: Final = compile_words(*lexicon.SUBJECT_GIVEN)
_DONE_BY: Final = compile_words(*lexicon.DONE_BY)
_DEPLOYMENT: Final = compile_words(*lexicon.DEPLOYMENT_WORDS)
_TREND: Final = compile_words(*lexicon.TREND_WORDS)
_PREVENTED: Final = re.compile(normalize_pattern(lexicon.PREVENTED) + r"\s*$")
_CONSTRUCT: Final = re.compile(
    r"\s+(?:ال[ء-ي]{2,}|" + normalize_pattern(r"(?:تنظيم|داعش|خلايا)") + r")(?![^\W_])"
)
"""A plural noun followed by a definite one or IS's name is in construct (هجمات التنظيم):
it names the attacks of IS in general, and refers back like a definite noun."""
_MASDAR_NEEDS_IS: Final[frozenset[str]] = frozenset(normalize(w) for w in lexicon.MASDAR_NEEDS_IS)
_MINE_FIELD: Final = re.compile(normalize_pattern(r"(?:حقل|حقول|شبكة)\s"))
_ORDINAL_AFTER: Final = re.compile(r"\s+(?P<o>" + ORDINAL + ")")
_ORDINAL_BEFORE: Final = re.compile(
    r"(?<![^\W_])(?P<o>" + normalize_pattern(lexicon.ORDINALS_BARE) + r")\s+$"
)
NEGATION: Final = re.compile(normalize_pattern(lexicon.NEGATION))
IRREALIS: Final = compile_words(*lexicon.IRREALIS_WORDS)
"""Words that make an event irreal or not an event: threats, plans, rumours,
training and exercises, anniversaries."""
IRREALIS_HEADS: Final = frozenset(normalize(w)[:3] for w in lexicon.IRREALIS_WORDS)

ACTORS: Final = lexicon.ACTORS


def _article_after_li(source: str) -> str:
    """Let an alternative's leading ال also match the ل of لل (ل + ال: للتحالف)."""
    return re.sub(r"(^|\(\?:|\||\()ال", r"\1(?:ال|(?<=ل)ل)", source)


ACTOR_RE: Final = re.compile(
    "|".join(
        f"(?P<a{i}>{NOT_BEFORE}[وبل]?{_article_after_li(normalize_pattern(src))})"
        for i, (_, _, src) in enumerate(ACTORS)
    )
)
"""Every actor; the group ``a<i>`` says which row of :data:`ACTORS` matched."""
ACTOR_HEADS: Final = heads_of([ACTOR_RE.pattern])
_LEADS: Final = re.compile(normalize_pattern(lexicon.LEADS + r"\s*\"?\s*$"))
_ACTOR_GROUP_FOR: Final[dict[str, str]] = {"airstrike": "air", "sweep": "ground", "attack": "is"}


# ======================================================================================
# Records of what was found
# ======================================================================================


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a report: its span and its row of :data:`ACTORS`."""

    start: int
    end: int
    index: int

    @property
    def name(self) -> str:
        """The actor's short English name."""
        return ACTORS[self.index][0]

    @property
    def group(self) -> str:
        """``air``, ``ground`` or ``is``."""
        return ACTORS[self.index][1]


def actor_mention(m: re.Match[str]) -> ActorMention:
    """Return the actor an :data:`ACTOR_RE` match names."""
    return ActorMention(m.start(), m.end(), int((m.lastgroup or "a-1")[1:]))


def find_actors(norm: str) -> list[ActorMention]:
    """Return every actor named in a normalised text, in order."""
    return [actor_mention(m) for m in ACTOR_RE.finditer(norm)]


class Actors:
    """The actors named in a report, indexed for the questions the rules ask of them.

    Actors are found by one pattern, so their spans do not overlap: sorted by
    start, they are sorted by end too, and each question is a binary search.

    Parameters
    ----------
    norm : str
        The normalised text.
    found : list of ActorMention
        Every actor named in it, in text order.
    """

    def __init__(self, norm: str, found: list[ActorMention]) -> None:
        self.norm = norm
        self.found = found
        self._starts = [a.start for a in found]
        self._ends = [a.end for a in found]
        self._group_of = [ACTORS[a.index][1] for a in found]
        self._groups: dict[str, _GroupIndex] = {}  # built on first use

    def _group(self, group: str) -> _GroupIndex:
        index = self._groups.get(group)
        if index is None:
            members = [a for a, g in zip(self.found, self._group_of, strict=True) if g == group]
            index = self._groups[group] = _GroupIndex(self.norm, members)
        return index

    def any_starting_in(self, lo: int, hi: int) -> bool:
        """Whether an actor starts in ``[lo, hi)``."""
        i = bisect_left(self._starts, lo)
        return i < len(self._starts) and self._starts[i] < hi

    def air_force_before(self, lo: int, pos: int) -> bool:
        """Whether an air force starts at or after ``lo`` and ends just before ``pos``.

        Just before: at most 25 characters before it.
        """
        i0 = max(bisect_left(self._starts, lo), bisect_left(self._ends, pos - 25))
        i1 = bisect_right(self._ends, pos)
        return "air" in self._group_of[i0:i1]

    def air_force_in(self, lo: int, hi: int) -> bool:
        """Whether an air force is named inside ``[lo, hi)``."""
        i = bisect_left(self._starts, lo)
        while i < len(self._starts) and self._starts[i] < hi:
            if self._group_of[i] == "air" and self._ends[i] <= hi:
                return True
            i += 1
        return False

    def last_before(self, group: str, pos: int) -> str:
        """Return the last actor of ``group`` that ends before ``pos`` ("" if none)."""
        index = self._group(group)
        i = bisect_right(index.ends, pos) - 1
        return index.actors[i].name if i >= 0 else ""

    def named_in(self, group: str, lo: int, hi: int) -> str:
        """Return the leading actor of ``group`` in ``[lo, hi)``, else the first ("" if none).

        An actor leads when the words just before it say so (بقيادة ...).
        """
        return self._group(group).named_in(lo, hi)


class _GroupIndex:
    """The actors of one group, with where the next one that leads is."""

    def __init__(self, norm: str, actors: list[ActorMention]) -> None:
        self.norm = norm
        self.actors = actors
        self.starts = [a.start for a in actors]
        self.ends = [a.end for a in actors]
        self._next_lead: list[int] | None = None  # built on first use

    @property
    def next_lead(self) -> list[int]:
        """For each actor, the index of the first at or after it that leads (else their count)."""
        if self._next_lead is None:
            n = len(self.actors)
            nxt = [n] * (n + 1)
            for i in range(n - 1, -1, -1):
                a = self.actors[i]
                nxt[i] = i if _leads(self.norm, max(0, a.start - 20), a.start) else nxt[i + 1]
            self._next_lead = nxt
        return self._next_lead

    def named_in(self, lo: int, hi: int) -> str:
        i0 = bisect_left(self.starts, lo)
        i1 = bisect_right(self.ends, hi)
        if i0 >= i1:
            return ""
        i = i0
        while i < i1 and self.starts[i] - 20 < lo:  # the words before it reach back past lo
            if _leads(self.norm, lo, self.starts[i]):
                return self.actors[i].name
            i += 1
        if i < i1 and self.next_lead[i] < i1:
            return self.actors[self.next_lead[i]].name
        return self.actors[i0].name


def _leads(norm: str, lo: int, start: int) -> bool:
    """Whether the words in ``norm[lo:start]`` make the actor at ``start`` the leading unit."""
    return _LEADS.search(norm[max(lo, start - 20) : start]) is not None


@dataclass(frozen=True)
class Found:
    """What one scan of a report found, apart from dates.

    Attributes
    ----------
    triggers : list of re.Match
        :data:`TRIGGER_RE` matches.
    actors : Actors
    cues : list of int
        Where each irreal cue starts (sorted).
    negations : list of (start, end)
        Spans of negations (sorted, not overlapping).
    """

    triggers: list[re.Match[str]]
    actors: Actors
    cues: list[int]
    negations: list[tuple[int, int]]

    def negated(self, lo: int, pos: int) -> bool:
        """Whether a negation lies inside ``[lo, pos)``."""
        i = bisect_left(self.negations, (lo, -1))
        return i < len(self.negations) and self.negations[i][1] <= pos

    def irreal(self, lo: int, hi: int) -> bool:
        """Whether an irreal cue starts in ``[lo, hi)``."""
        i = bisect_left(self.cues, lo)
        return i < len(self.cues) and self.cues[i] < hi


@dataclass(frozen=True)
class Mention:
    """A trigger that reports an event, with what its words say.

    Attributes
    ----------
    kind : str
        ``airstrike``, ``sweep`` or ``attack``.
    form : str
        The trigger's form after its conditions (``noun_sg``, ``noun_pl``,
        ``noun_dual``, ``noun_ref``, ``noun_campaign``, ``masdar``, ``verb``,
        ``verb_air``).
    start, end : int
        Span of the trigger word(s) in the normalised text, without prefixes.
    sentence : int
        Index of its sentence.
    reading : CountReading
        Its count.
    referring : bool
        It only refers back to an event told elsewhere (الغارات، غاراتها).
    separate : bool
        It is marked as a separate episode (هجوم منفصل، غارة أخرى).
    dates, places : tuple
        The date phrases and places attached to it (filled in by
        :mod:`analysis.extraction.assembly`).
    shown : bool
        It is what a release shows (صوراً لهجوم): an earlier event, not a new one.
    ordinal : int or None
        The ordinal next to it (الهجوم الثالث، ثالث هجوم): with a period phrase
        it is a running count ("the third attack since ...").
    heading : bool
        It stands in a heading line of the page (set by
        :mod:`analysis.extraction.assembly`).
    """

    kind: str
    form: str
    start: int
    end: int
    sentence: int
    reading: CountReading
    referring: bool
    separate: bool
    dates: tuple[Date, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    shown: bool = False
    ordinal: int | None = None
    heading: bool = False

    @property
    def count_start(self) -> int:
        """Where its count wording starts (its own start if there is none)."""
        return self.reading.start

    @property
    def explicit(self) -> bool:
        """Whether its words give the number."""
        return self.reading.explicit


@dataclass(frozen=True)
class _Trigger:
    """One trigger match, before its conditions are checked."""

    kind: str
    form: str
    word: str
    prefix: str
    start: int  # of the match, prefix included
    w_start: int  # of the word(s)
    w_end: int
    sentence: int
    s_start: int
    s_end: int


@dataclass(frozen=True)
class _Context:
    norm: str
    sentences: Sentences
    found: Found


# ======================================================================================
# Triggers into mentions
# ======================================================================================


def trigger_mentions(
    norm: str, sentences: Sentences, excluded: list[tuple[int, int]], found: Found
) -> list[Mention]:
    """Return the mentions of events: every trigger that meets its conditions.

    Parameters
    ----------
    norm : str
        The normalised text.
    sentences : Sentences
        Its sentences.
    excluded : list of (start, end)
        Spans to leave out (the lead summary).
    found : Found
        What the scan found.

    Returns
    -------
    list of Mention
        In text order.
    """
    ctx = _Context(norm, sentences, found)
    summary = SpanSet(excluded)
    out: list[Mention] = []
    for m in found.triggers:
        trigger = _trigger(m, sentences, summary)
        if trigger is None:
            continue
        mention = _mention(trigger, ctx)
        if mention is not None:
            out.append(mention)
    return out


def _trigger(m: re.Match[str], sentences: Sentences, excluded: SpanSet) -> _Trigger | None:
    """Return the trigger a match is, unless outside the sentences or in the summary."""
    idx = int(m.lastgroup[1:]) if m.lastgroup else -1
    if idx < 0:
        return None
    kind, form, _ = TRIGGERS[idx]
    w_start, w_end = m.span(f"w{idx}")
    start = m.start()
    if excluded.covers(start):
        return None
    si = sentences.index_of(start)
    if si < 0 or start >= sentences.spans[si][1]:
        return None
    s_start, s_end = sentences.spans[si]
    prefix = m.group(f"p{idx}") or ""
    word = m.group(f"w{idx}")
    return _Trigger(kind, form, word, prefix, start, w_start, w_end, si, s_start, s_end)


def _mention(t: _Trigger, ctx: _Context) -> Mention | None:
    """Return the mention a trigger makes, or None if it fails a condition."""
    rule = _FORM_RULES.get(t.form)
    checked = (t.kind, t.form) if rule is None else rule(t, ctx)
    if checked is None or _negated_or_irreal(t, ctx):
        return None
    kind, form = checked
    norm = ctx.norm
    definite = (
        "ال" in t.prefix
        or t.prefix.endswith("لل")
        or (bool(re.match(r"\S+\s+ال", t.word)) and kind == "sweep")
    )
    reading = read_count(norm, kind, form, t.start, t.w_end, t.s_start)
    if not reading.explicit:  # بلغ عدد الغارات ... أكثر من 600
        after = count_after(norm, t.start, t.w_end, t.s_end, _counts_other)
        if after is not None:
            reading = replace(after, start=t.w_start)
    if kind == "sweep" and t.prefix.lstrip("وف").startswith("ل") and _deployed(t, ctx):
        return None  # تعزيزات ... لتمشيط البادية: forces sent to comb, not a combing
    if form == "noun_pl" and not reading.explicit and _trend(t, ctx):
        return None  # كمائن وهجمات متتالية، هجمات شبه يومية: a trend, when no number counts them
    if form == "noun_ref":
        referring = not reading.explicit
    else:
        referring = definite and not (reading.explicit and form != "noun_dual")
    if referring and _introduces(t, ctx):
        referring = False
    elif (
        not referring
        and form == "noun_pl"
        and not reading.explicit
        and _CONSTRUCT.match(norm, t.w_end)
    ):
        referring = True  # هجمات التنظيم: the attacks of IS, in general
    separate = _SEPARATE.search(norm[t.w_end : min(t.s_end, t.w_end + 30)][:25]) is not None
    c0, _c1 = ctx.sentences.clause(t.w_start, t.sentence)
    shown = kind == "attack" and _RELEASE.search(norm, max(c0, t.start - 45), t.start) is not None
    return Mention(
        kind,
        form,
        t.w_start,
        t.w_end,
        t.sentence,
        reading,
        referring,
        separate,
        shown=shown,
        ordinal=_ordinal(t, ctx, reading),
    )


def _deployed(t: _Trigger, ctx: _Context) -> bool:
    """Whether reinforcements or a convoy are named in the trigger's clause."""
    c0, c1 = ctx.sentences.clause(t.w_start, t.sentence)
    return _DEPLOYMENT.search(ctx.norm, c0, c1) is not None


def _trend(t: _Trigger, ctx: _Context) -> bool:
    """Whether unnumbered plural events are a trend.

    Their clause calls them successive or unceasing, or their sentence calls
    events a habit (باتت الهجمات شبه يومية ... حيث تتعرض النقاط لهجمات).
    """
    c0, c1 = ctx.sentences.clause(t.w_start, t.sentence)
    if _TREND.search(ctx.norm, c0, c1) is not None:
        return True
    return _HABITUAL.search(ctx.norm, t.s_start, t.s_end) is not None


def _counts_other(word: str) -> bool:
    """Whether a word after a number makes the number count something else."""
    return _NOT_COUNTED.fullmatch(word) is not None or TRIGGER_RE.match(word) is not None


def _introduces(t: _Trigger, ctx: _Context) -> bool:
    """Whether a definite or possessive trigger tells a new event rather than referring back.

    After a verb of continuing (واصلت الطائرات غاراتها، استئناف الغارات), before a
    relative clause that tells it (الهجوم الذي شنه التنظيم), or named double
    (الهجوم المزدوج).
    """
    norm = ctx.norm
    before = max(t.s_start, t.start - 40)
    if _CONTINUING.search(norm, before, t.start) is not None:
        return True
    end = min(t.s_end, t.w_end + 40)
    return bool(_RELATIVE.match(norm, t.w_end, end) or _DOUBLE.match(norm, t.w_end, end))


def _ordinal(t: _Trigger, ctx: _Context, reading: CountReading) -> int | None:
    """Return the ordinal right after (الهجوم الثالث) or before (ثالث هجوم) a trigger."""
    if reading.explicit and reading.start < t.start:
        return None
    norm = ctx.norm
    after = _ORDINAL_AFTER.match(norm, t.w_end, min(t.s_end, t.w_end + 30))
    if after is not None:
        return parse_ordinal(after.group("o"))
    before = _ORDINAL_BEFORE.search(norm[max(t.s_start, t.start - 12) : t.start])
    if before is not None:
        return parse_ordinal("ال" + before.group("o"))
    return None


def _negated_or_irreal(t: _Trigger, ctx: _Context) -> bool:
    """Tell whether a negation precedes the trigger or an irreal cue shares its sentence.

    The cue counts from the start of the sentence to the end of the trigger's clause;
    a habitual or trend word (متكررة، بين الفينة والأخرى) counts in the trigger's clause.
    """
    c0, c1 = ctx.sentences.clause(t.w_start, t.sentence)
    if ctx.found.negated(max(t.s_start, t.w_start - 40), t.w_start):
        return True
    if _HABITUAL.search(ctx.norm, c0, c1) is not None:  # a habit or a trend, not an event
        return True
    if _PREVENTED.search(ctx.norm, max(c0, t.start - 60), t.start) is not None:
        return True  # able to launch attacks, or kept from launching them
    if t.kind == "airstrike" and _UNKNOWN_DRONE.search(ctx.norm, c0, c1) is not None:
        return True  # a drone nobody claims
    return ctx.found.irreal(t.s_start, c1)


# --- conditions of the weaker triggers: each returns the (kind, form) kept, or None ---


def _operation(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep عملية/عمليات as an IS attack when IS is named near it and nothing else fits."""
    if _NOT_ATTACK_OP.match(ctx.norm, t.w_end):
        return None
    if not _is_agent_near(ctx.norm, t.w_start, t.w_end, loose=True) and not _is_subject_before(
        t, ctx
    ):
        return None
    return t.kind, "noun_pl" if t.word.startswith("عمليات") else "noun_sg"


def _masdar(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep a verbal noun; استهداف ("targeting") needs IS near it and no aircraft.

    IS is near when it is the doer right after the noun or just before it, or
    named within three words after a verb of doing (اعتداء نفذه إرهابيو التنظيم).
    """
    if t.word in _MASDAR_NEEDS_IS:
        after = tokens_after(ctx.norm, t.w_end, 1)
        done_by = bool(after) and _DONE_BY.fullmatch(after[0]) is not None
        if not (
            _is_agent_near(ctx.norm, t.w_start, t.w_end)
            or (done_by and _is_agent_near(ctx.norm, t.w_start, t.w_end, loose=True))
        ):
            return None
        c0, c1 = ctx.sentences.clause(t.w_start, t.sentence)
        if AIR_SUBJECT.search(ctx.norm, c0, c1):
            return None
    return t.kind, t.form


def _verb_is(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep a verb of attack with IS as its subject; aircraft before it make it a strike."""
    norm = ctx.norm
    after = tokens_after(norm, t.w_end, 4)
    before = tokens_before(norm, t.w_start, 3)
    # after أنها/الذي the verb has its subject already: IS named after it is the object
    has_subject = bool(before) and _SUBJECT_GIVEN.fullmatch(before[-1]) is not None
    subj_ok = (
        not has_subject
        and bool(after)
        and _IS_SUBJECT.fullmatch(after[0]) is not None
        and any(_IS_WORD.fullmatch(w) for w in after)
    )
    if not subj_ok and _air_subject_before(t, ctx):
        return "airstrike", "verb_air"  # aircraft named before the verb
    if not (subj_ok or any(_IS_WORD.fullmatch(w) for w in before)) or (
        after and AIR_SUBJECT.fullmatch(after[0])
    ):
        return None
    return t.kind, "verb"


def _verb_air(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep a strike verb with aircraft and an air force after it or before it."""
    norm = ctx.norm
    after_ok = AIR_SUBJECT.match(
        " ".join(tokens_after(norm, t.w_end, 3))
    ) and ctx.found.actors.any_starting_in(t.w_end, min(t.s_end, t.w_end + 60))
    if not after_ok and not _air_subject_before(t, ctx):
        return None
    return t.kind, t.form


def _mine(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep a mine when laid (زرع) or pinned on IS, not when a war remnant.

    The definite "the mines" is kept too: it refers back to mines told before.
    A minefield or a network of mines (حقل ألغام، شبكة من الألغام) is one attack.
    """
    norm = ctx.norm
    tail = norm[t.w_end : min(t.s_end, t.w_end + 40)]
    laid = _MINE_LAID.search(tail) is not None or _is_agent_near(norm, t.w_start, t.w_end)
    if _MINE_REMNANT.search(norm, t.w_end, min(t.s_end, t.w_end + 50)):
        return None
    if not laid and not t.prefix.endswith("ال"):  # the mines: they refer to mines told before
        return None
    if _MINE_FIELD.match(t.word):
        return t.kind, "noun_sg"
    return t.kind, "noun_pl" if t.word.endswith("غام") else "noun_sg"


def _air_noun(t: _Trigger, ctx: _Context) -> tuple[str, str] | None:
    """Keep strikes named by a plain noun (ضربات) when aircraft or an air force are near it."""
    c0, c1 = ctx.sentences.clause(t.w_start, t.sentence)
    lo, hi = max(c0, t.w_start - 60), min(c1, t.w_end + 60)
    if AIR_SUBJECT.search(ctx.norm, lo, hi) is None and not ctx.found.actors.air_force_in(lo, hi):
        return None
    return t.kind, "noun_pl" if t.word.startswith("ضربات") else "noun_sg"


_FORM_RULES: Final[dict[str, Callable[[_Trigger, _Context], tuple[str, str] | None]]] = {
    "noun_op": _operation,
    "masdar": _masdar,
    "verb_is": _verb_is,
    "verb_air": _verb_air,
    "noun_mine": _mine,
    "noun_air": _air_noun,
}


def _is_agent_near(norm: str, start: int, end: int, *, loose: bool = False) -> bool:
    """IS named as the doer just before or right after a verb or noun.

    ``loose`` accepts IS anywhere in the next three words (``عملية نفذها التنظيم``).
    """
    after = tokens_after(norm, end, 4)
    if loose and any(
        _IS_WORD.fullmatch(re.sub(r"^[وبل]", "", w)) or _IS_WORD.fullmatch(w) for w in after[:3]
    ):
        return True
    if after and _IS_SUBJECT.fullmatch(after[0]) and any(_IS_WORD.fullmatch(w) for w in after):
        return True
    if (
        len(after) >= 2
        and any(_IS_WORD.fullmatch(w) for w in after[:3])
        and _IS_SUBJECT.fullmatch(after[0])
    ):
        return True
    before = tokens_before(norm, start, 4)
    return any(_IS_WORD.fullmatch(w) for w in before)


def _is_subject_before(t: _Trigger, ctx: _Context) -> bool:
    """Whether IS is named earlier in the trigger's clause (خلايا التنظيم ... قد شنت عملية)."""
    c0, _c1 = ctx.sentences.clause(t.w_start, t.sentence)
    return _IS_WORD.search(ctx.norm, max(c0, t.w_start - 80), t.w_start) is not None


def _air_subject_before(t: _Trigger, ctx: _Context) -> bool:
    """Whether aircraft of a named air force are the subject just before a verb.

    "طائرات مسيرة تابعة للتحالف الدولي استهدفت ...": an aircraft word and an air
    actor in the same clause, ending within a few words of the verb.
    """
    c0, _c1 = ctx.sentences.clause(t.w_start, t.sentence)
    lo = max(c0, t.w_start - 60)
    subject = AIR_SUBJECT.search(ctx.norm, lo, t.w_start)
    if subject is None:
        return False
    return ctx.found.actors.air_force_before(subject.start(), t.w_start)


# ======================================================================================
# Actors
# ======================================================================================


def actor_for(kind: str, windows: tuple[tuple[int, int], ...], actors: Actors) -> str:
    """Return the actor of a record: from the first window naming one of its group.

    Parameters
    ----------
    kind : str
        The record's event kind (it decides the group: air, ground or IS).
    windows : tuple of (start, end)
        Where to look, nearest first.
    actors : Actors
        Every actor of the text.

    Returns
    -------
    str
        The unit that leads (بقيادة ...), else the first named; "" if none.
    """
    group = _ACTOR_GROUP_FOR[kind]
    for lo, hi in windows:
        name = actors.named_in(group, lo, hi)
        if name:
            return name
    return ""
