"""Episodes into records (analysis.extraction.assembly, analysis.extraction.episodes)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from analysis.extraction import extract_records
from analysis.extraction.assembly import _Sentence
from analysis.extraction.counts import CountReading
from analysis.extraction.dates import Date
from analysis.extraction.episodes import (
    _JOIN_WALK,
    DateIndex,
    Episode,
    Unit,
    _Built,
    _overlaps,
    distance,
)
from analysis.extraction.mentions import Mention


def _triple(rec: dict) -> tuple:
    return rec["count"], rec["count_low"], rec["count_high"]


def test_separate_attacks_are_separate_records_and_anaphora_adds_none():
    text = (
        "قتل خمسة عناصر أمس الخميس بكمين نصبته خلايا داعش قرب الطيبة. وفي هجوم منفصل "
        "مساء الخميس، هاجم عناصر التنظيم مقراً في قرية حسرات. وعلى إثر الهجومين، أطلقت "
        "قوات النظام اليوم الجمعة حملة تمشيط في بادية حمص."
    )
    recs = extract_records(text, "2024-04-19")
    assert [(r["event_type"], r["location"]) for r in recs] == [
        ("attack", "al-Taybah"),
        ("attack", "Hasrat"),
        ("sweep", "Homs"),
    ]


def test_a_summary_block_adds_no_record():
    text = (
        "استمع إلى الملخص\n- نفذت خلايا داعش 17 هجوماً.\n"
        "نفذت خلايا داعش قرابة 17 هجوماً منذ بداية العام في بادية حمص."
    )
    recs = extract_records(text, "2024-10-06")
    assert len(recs) == 1
    assert _triple(recs[0]) == (17.0, None, None)


def test_a_record_quotes_at_most_five_unresolved_date_phrases():
    rec = extract_records(
        "نفذ تنظيم داعش هجوماً في 31 شباط و30 شباط و31 نيسان و31 حزيران و31 أيلول"
        " و31 تشرين الثاني و30 شباط",
        "2024-10-06",
    )[0]
    assert rec["notes"].count("(no such day)") == 5
    assert "'31 أيلول' (no such day); and 2 more; dated to the publication day" in rec["notes"]


# --- the indexed rules choose what the plain rules choose ------------------------------


def _mention(start: int, end: int, count_start: int, kind: str = "attack") -> Mention:
    reading = CountReading(1.0, 1.0, 1.0, count_start, False)
    return Mention(kind, "noun_sg", start, end, 0, reading, referring=False, separate=False)


def _date(start: int, end: int, window: tuple[dt.date, dt.date] | None = None) -> Date:
    day = dt.date(2024, 1, 1)
    return Date(start, end, "today", window or (day, day), "day", False, False)


@st.composite
def _spans(draw, n_max: int = 8) -> list[tuple[int, int]]:
    """Non-overlapping, non-empty spans in text order."""
    out, pos = [], draw(st.integers(0, 5))
    for _ in range(draw(st.integers(0, n_max))):
        start = pos + draw(st.integers(0, 12))
        end = start + draw(st.integers(1, 8))
        out.append((start, end))
        pos = end
    return out


@given(_spans(), st.lists(st.integers(0, 30), min_size=8, max_size=8), _spans(4))
def test_a_date_phrase_goes_to_the_first_nearest_mention(spans, backs, date_spans):
    assume(spans)
    mentions = [_mention(s, e, max(0, s - b)) for (s, e), b in zip(spans, backs, strict=False)]
    sentence = _Sentence(mentions, list(range(len(mentions))))
    back = max(m.start - m.count_start for m in mentions)
    for s, e in date_spans:
        d = _date(s, e)
        expected = min(range(len(mentions)), key=lambda i: distance(mentions[i], d))
        assert sentence.nearest(d, back) == expected


@given(_spans(), st.integers(0, 120), st.integers(1, 8), st.integers(0, 30), st.data())
def test_a_unit_takes_the_first_nearest_date_phrase_of_its_sentence(
    date_spans, start, length, back, data
):
    dates = [_date(s, e) for s, e in date_spans]
    prim = _mention(start, start + length, max(0, start - back))
    s0 = data.draw(st.integers(0, 60))
    s1 = s0 + data.draw(st.integers(0, 80))
    inside = [d for d in dates if s0 <= d.start < s1]
    expected = min(inside, key=lambda d: distance(prim, d)) if inside else None
    assert DateIndex(dates).nearest_in((s0, s1), prim) is expected


_WINDOWS = [(dt.date(2024, 1, d), dt.date(2024, 1, d + n)) for d in (1, 3, 5) for n in (0, 2)]


@st.composite
def _openings(draw):
    """A sequence of episodes opened and of weak units asking which one to join."""
    positions = draw(st.lists(st.integers(0, 500), unique=True, min_size=1, max_size=20))
    steps = []
    for pos in positions:
        kind = draw(st.sampled_from(["airstrike", "attack"]))
        window = draw(st.one_of(st.none(), st.sampled_from(_WINDOWS)))
        if draw(st.booleans()):  # open an episode
            aggregate = window is not None and draw(st.booleans())
            steps.append(("open", kind, pos, window, aggregate))
        else:  # a weak unit asks
            steps.append(("ask", kind, pos, window, draw(st.booleans())))
    return steps


def _join_by_list(built: list[Episode], kind: str, pos: int, own, referring: bool):
    """The joining rule on plain lists: the episodes a weak unit may join are grouped
    (all non-aggregates; with a date of its own, the undated and those of each window
    that overlaps it); of each group the nearest few before the unit are looked at and
    the one with the latest window (then the nearest) is kept; failing any before,
    the nearest after it."""
    order = {id(e): k for k, e in enumerate(built)}
    same = [e for e in built if e.unit.kind == kind]
    non_agg = [e for e in same if not (e.date is not None and e.date.aggregate)]
    if own is None:
        groups = [non_agg] if non_agg else ([same] if referring else [])
    else:
        windows = {e.date.window for e in non_agg if e.date is not None}
        groups = [[e for e in non_agg if e.date is None]] + [
            [e for e in non_agg if e.date is not None and e.date.window == w]
            for w in windows
            if _overlaps(w, own.window)
        ]

    def key(e):
        return (e.unit.mentions[0].start, order[id(e)])

    def latest(e):
        return e.date.window[1] if e.date is not None else dt.date.max

    before, after = [], []
    for group in groups:
        ranked = sorted(group, key=key)
        prior = [e for e in ranked if e.unit.mentions[0].start < pos][-_JOIN_WALK:]
        if prior:  # the first of the latest, walking back from the nearest
            best = prior[-1]
            for e in reversed(prior):
                if latest(e) > latest(best):
                    best = e
            before.append(best)
        later = [e for e in ranked if e.unit.mentions[0].start >= pos]
        if later:
            after.append(later[0])
    if before:
        return max(before, key=lambda e: (latest(e), e.unit.mentions[0].start, -order[id(e)]))
    return min(after, key=key) if after else None


@given(_openings())
def test_a_weak_unit_joins_the_episode_the_plain_rule_picks(steps):
    built, listed = _Built(), []
    for step, kind, pos, window, flag in steps:
        date = None if window is None else _date(0, 1, window)
        if step == "open":
            if date is not None and flag:
                date = Date(0, 1, "since_year", window, "year", True, False)
            e = Episode(Unit(kind, 0, (_mention(pos, pos + 1, pos, kind),)), date, [])
            built.add(e)
            listed.append(e)
        else:
            assert built.nearest(kind, pos, date, flag) is _join_by_list(
                listed, kind, pos, date, flag
            )


# --- work grows linearly with the input ------------------------------------------------


def _steps(text: str) -> int:
    """Count the Python lines run while extracting ``text`` (work, not time)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    before = sys.gettrace()
    sys.settrace(trace)
    try:
        extract_records(text, "2024-10-06")
    finally:
        sys.settrace(before)
    return count


@pytest.mark.parametrize(
    "unit",
    [
        "غارة ",  # many mentions in one sentence
        "اليوم غارة ",  # many date phrases in one sentence
        "لم تنفذ غارة ",  # many negations
        "هدد غارة ",  # many irreal cues
        "3 غارات أمس. الغارات اليوم. ",  # referring units that open records
        "هجوم منفصل لقوات النظام ",  # many records in one sentence, no IS actor
        "هجوم لقوات النظام. ",  # many records, an actor looked for everywhere
        "في 12 آذار هجوم. ",  # many sentences, each with a date
        "هجوم منفصل في 31 شباط ",  # many unresolved dates in one sentence
        "غارة على بادية الشميطية والعبد، ",  # places not in the gazetteer, joined by و
        "- نفذت خلايا داعش 17 هجوماً.\n",  # a page of bullets
    ],
)
def test_work_grows_linearly_with_the_length_of_the_input(unit):
    extract_records(unit * 400, "2024-10-06")  # fill the caches first
    small, large = _steps(unit * 50), _steps(unit * 400)
    # linear work gives a ratio of 8; work that grows with the square gives far more
    assert large / small < 12, (small, large)
