"""When: date phrases resolved against the publication date, by the guidelines' rules.

A report says "today", "yesterday", "last Wednesday", "the night of Saturday to
Sunday", "the past 72 hours", "12 آذار", "since the start of the year"; each is
a window of days once the publication day is known.  :func:`find_dates` finds
every date phrase of a normalised text and resolves it (:func:`resolve_date`);
where phrases overlap, the one of higher priority (then the longer) wins.  A
phrase that names no possible day (31 شباط) is kept as :class:`Unresolved`, so
that the record can quote it.

The publication date itself is read by :func:`parse_published` (one day) and
:func:`parse_bracket` (a day known only within a range).

Examples
--------
>>> import datetime as dt
>>> from analysis.extraction.arabic import normalize
>>> dates, _ = find_dates(normalize("غارات يوم الأربعاء الفائت ومنذ بداية العام"),
...                       dt.date(2024, 10, 6))
>>> [(d.kind, str(d.window[0]), str(d.window[1]), d.aggregate) for d in dates]
[('weekday_past', '2024-10-02', '2024-10-02', False),
 ('since_year', '2024-01-01', '2024-10-06', True)]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from analysis.extraction import lexicon_dates_counts
from analysis.extraction.arabic import (
    MONTH,
    NOT_AFTER,
    NOT_BEFORE,
    NUMBER,
    ORDINAL,
    WEEKDAYS,
    normalize_pattern,
    parse_month,
    parse_number,
    parse_ordinal,
)

EARLIEST_DAY: Final = dt.date(1678, 1, 1)
"""No window starts before this day: record dates are pandas nanosecond timestamps,
which start on 1677-09-21."""
PUBLISHED_RANGE: Final[tuple[dt.date, dt.date]] = (dt.date(1679, 1, 1), dt.date(2261, 12, 31))
"""Publication dates the extractor accepts (first, last): record dates are pandas
nanosecond timestamps (1677-09-21 to 2262-04-11), and a window can reach back to
the first of January of the year before publication."""

_DAY: Final = dt.timedelta(days=1)


# ======================================================================================
# The publication date
# ======================================================================================


def parse_published(published: object) -> dt.date:
    """Return ``published`` as a date, or raise a ValueError that says why.

    A missing value (None, NaN, ``pandas.NaT``) is an error: no publication date
    means no relative date can be resolved.

    Examples
    --------
    >>> parse_published("2024-10-06")
    datetime.date(2024, 10, 6)
    >>> parse_published("06/10/2024")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: published: '06/10/2024' is not a date; ...
    """
    if _is_missing(published):
        raise ValueError(
            f"published: {published!r} says no publication date is known, and relative dates "
            "(today, yesterday) cannot be resolved without one: give the day as YYYY-MM-DD, "
            "or a bracket FIRST..LAST when it is known only within a range"
        )
    date: dt.date | None = None
    if isinstance(published, dt.datetime):
        date = published.date()
    elif isinstance(published, dt.date):
        date = published
    elif hasattr(published, "to_pydatetime"):
        date = published.to_pydatetime().date()  # pandas Timestamp
    elif isinstance(published, str):
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(published.strip())
    if date is None:
        raise ValueError(
            f"published: {published!r} is not a date; give the report's publication date "
            "as YYYY-MM-DD (e.g. 2024-10-06)"
        )
    first, last = PUBLISHED_RANGE
    if not first <= date <= last:
        raise ValueError(
            f"published: {published!r} is outside the supported range {first} to {last} "
            "(record dates are pandas nanosecond timestamps)"
        )
    return date


def _is_missing(value: object) -> bool:
    """Whether a value stands for "no date": None, NaN or NaT (which are unequal to themselves)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # noqa: PLR0124 (NaN and NaT are unequal to themselves)
    except (TypeError, ValueError):  # an array, or a type that refuses the comparison
        return False


def parse_bracket(published: object) -> tuple[dt.date, dt.date]:
    """Return ``published`` as a (first, last) pair of dates; one date gives (d, d).

    Examples
    --------
    >>> parse_bracket("2024-10-04..2024-10-08")
    (datetime.date(2024, 10, 4), datetime.date(2024, 10, 8))
    """
    if isinstance(published, tuple | list) and len(published) == 2:
        first, last = parse_published(published[0]), parse_published(published[1])
    elif isinstance(published, str) and ".." in published:
        a, _, b = published.partition("..")
        first, last = parse_published(a), parse_published(b)
    else:
        first = last = parse_published(published)
    if first > last:
        raise ValueError(f"published: the bracket {published!r} ends before it starts")
    return first, last


def precision_of(start: dt.date, end: dt.date) -> str:
    """Precision of a window known only as a whole (a bracketed publication day).

    Examples
    --------
    >>> precision_of(dt.date(2024, 5, 1), dt.date(2024, 5, 4))
    'days'
    """
    days = (end - start).days + 1
    for limit, name in ((1, "day"), (7, "days"), (14, "week"), (62, "month")):
        if days <= limit:
            return name
    return "year"


# ======================================================================================
# Date phrases
# ======================================================================================

_WEEKDAY_ALT: Final[str] = "|".join(
    re.escape(w[2:]) for w in sorted(WEEKDAYS, key=len, reverse=True)
)
_SLOTS: Final[dict[str, str]] = {
    "WEEKDAY": rf"(?:ال)(?:{_WEEKDAY_ALT}){NOT_AFTER}",
    "MONTH": MONTH,
    "NUMBER": NUMBER,
    "ORDINAL": ORDINAL,
    "PAST": normalize_pattern(lexicon_dates_counts.DATE_PAST),
    "CURRENT": normalize_pattern(lexicon_dates_counts.DATE_CURRENT),
}


def _fill(template: str) -> str:
    """Fill the ``{WEEKDAY}``-style slots of a date phrase of the lexicon."""
    return re.sub(r"\{([A-Z]+)\}", lambda m: _SLOTS[m.group(1)], template)


DATE_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (kind, re.compile(NOT_BEFORE + "[وف]?" + normalize_pattern(_fill(src))))  # و/ف: "and", "so"
    for kind, src in lexicon_dates_counts.DATE_PHRASES
)
"""(kind, pattern) of every date phrase, in the lexicon's order."""
DATE_PRIORITY: Final[dict[str, int]] = lexicon_dates_counts.DATE_PRIORITY


def consistent_days(norm: str, first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the days of a publication bracket that the text's named weekdays allow.

    "اليوم الخميس" says the report appeared on a Thursday, "أمس الأربعاء" that the
    day before it was a Wednesday: the days of ``first..last`` that agree with
    every such phrase.  When no day agrees with them all, or the text names no
    weekday of today or yesterday, every day of the bracket is returned.

    Examples
    --------
    >>> from analysis.extraction.arabic import normalize
    >>> consistent_days(normalize("هجوم اليوم الخميس"), dt.date(2024, 4, 24), dt.date(2024, 5, 1))
    [datetime.date(2024, 4, 25)]
    """
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    wanted: list[tuple[int, int]] = []  # (weekday, days before publication)
    for kind, pattern in DATE_PATTERNS:
        back = {"today": 0, "yesterday": 1}.get(kind)
        if back is None:
            continue
        for m in pattern.finditer(norm):
            wd = _weekday(m)
            if wd is not None:
                wanted.append((wd, back))
    if not wanted:
        return days
    agree = [d for d in days if all((d - dt.timedelta(days=b)).weekday() == w for w, b in wanted)]
    return agree or days


@dataclass(frozen=True)
class Date:
    """A date phrase resolved to a window of days.

    Attributes
    ----------
    start, end : int
        Span of the phrase in the normalised text.
    kind : str
        Which phrase (``today``, ``explicit``, ``since_year`` ...).
    window : (datetime.date, datetime.date)
        First and last day.
    precision : str
        ``day``, ``days``, ``week``, ``month`` or ``year``.
    aggregate : bool
        The phrase spans a reporting period ("since the start of the year"):
        its count is a period total.
    background : bool
        The phrase dates an event of an earlier year (no record).
    note : str
        What the record should say about how the phrase was read ("" if nothing).
    vague : bool
        The phrase places the event in the recent past but names no day (قبل أيام،
        مؤخراً): the window is the publication day, and any other date phrase wins.
    reported : bool
        The phrase dates a statement (قال المرصد اليوم ...), not the event: it
        dates a record only when nothing else in its sentence does (set by
        :mod:`analysis.extraction.assembly`).
    """

    start: int
    end: int
    kind: str
    window: tuple[dt.date, dt.date]
    precision: str
    aggregate: bool
    background: bool
    note: str = ""
    vague: bool = False
    reported: bool = False


@dataclass(frozen=True)
class Unresolved:
    """A date phrase that was found but names no day the rules can date to."""

    start: int  # span of the phrase in normalised text
    end: int
    reason: str


@dataclass(frozen=True)
class _Window:
    """What one rule makes of a phrase, before it is placed in the text."""

    window: tuple[dt.date, dt.date]
    precision: str = "day"
    aggregate: bool = False
    background: bool = False
    note: str = ""
    vague: bool = False


_Resolved = _Window | Unresolved | None
_Rule = Callable[[re.Match[str], dt.date], _Resolved]


def _last_weekday(ref: dt.date, weekday: int, *, strictly_before: bool) -> dt.date:
    delta = (ref.weekday() - weekday) % 7
    if strictly_before and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def _month_window(year: int, month: int, published: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, min(nxt - _DAY, published)


def _latest_month(month: int, published: dt.date) -> int:
    return published.year if month <= published.month else published.year - 1


def _weekday(m: re.Match[str], group: str = "wd") -> int | None:
    name = m.groupdict().get(group)
    return WEEKDAYS.get(name) if name else None


def _night(m: re.Match[str], pub: dt.date) -> _Resolved:
    wd2 = WEEKDAYS.get(m.group("wd2"))
    if wd2 is None:
        return None
    second = _last_weekday(pub, wd2, strictly_before=False)
    return _Window((second - _DAY, second))


def _explicit(m: re.Match[str], pub: dt.date) -> _Resolved:
    month = parse_month(m.group("m"))
    if month is None:
        return None
    given_year = m.group("y")
    year = int(given_year) if given_year else pub.year
    try:
        date = dt.date(year, month, int(m.group("d")))
    except ValueError:
        return Unresolved(m.start("d"), m.end(), "no such day")
    note = ""
    if not given_year and date > pub:
        date = date.replace(year=pub.year - 1) if not (month == 2 and date.day == 29) else date
        note = "the date is after publication in its year: taken in the year before"
    background = date.year < pub.year and bool(given_year)
    return _Window((date, date), background=background, note=note)


def _month_day(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Resolve a day of the current month (في 12 من الشهر الجاري) or of the last one."""
    groups = m.groupdict()
    day = int(groups["d"]) if groups.get("d") else parse_ordinal(groups.get("o") or "")
    if day is None:
        return None
    past = bool(groups.get("past"))
    month = pub.replace(day=1) - _DAY if past else pub
    which = "the month before publication" if past else "the month of publication"
    try:
        date = month.replace(day=day)
    except ValueError:
        return Unresolved(m.start(), m.end(), f"no such day in {which}")
    if date > pub:
        return Unresolved(m.start(), m.end(), "it is after publication")
    return _Window((date, date))


def _weekday_range(m: re.Match[str], pub: dt.date) -> _Resolved:
    """From one weekday to the next named one (منذ يوم السبت حتى مساء الإثنين)."""
    wd1, wd2 = WEEKDAYS.get(m.group("wd1")), WEEKDAYS.get(m.group("wd2"))
    if wd1 is None or wd2 is None:
        return None
    end = _last_weekday(pub, wd2, strictly_before=False)
    start = end - dt.timedelta(days=(wd2 - wd1) % 7 or 7)
    return _Window((start, end), "days")


def _since_weekday(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Since a weekday (منذ يوم السبت): that day, the latest before publication, to publication."""
    wd = _weekday(m)
    if wd is None:
        return None
    return _Window((_last_weekday(pub, wd, strictly_before=True), pub), "days")


def _part_of_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Part of a month (منتصف الشهر الماضي، مطلع الشهر الجاري): the month, to publication."""
    if m.group("m"):
        start = _named_month_start(m, pub)
        if not isinstance(start, tuple):
            return start
        return _Window(_month_window(*start, pub), "month")
    if m.group("past"):
        last = pub.replace(day=1) - _DAY
        return _Window(_month_window(last.year, last.month, pub), "month")
    return _Window((pub.replace(day=1), pub), "month")


def _ago(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Resolve a week ago, two days ago, N days ago (قبل أسبوع) to that day."""
    unit = m.group("unit") or m.group("two") or m.group("one") or ""
    weeks = unit.startswith("اسبوع") or unit.startswith("اسابيع")
    n = 2 if m.group("two") else 1 if m.group("one") else parse_number(m.group("n") or "")
    if not n:
        return None
    days = n * (7 if weeks else 1)
    if days > (pub - EARLIEST_DAY).days:
        return Unresolved(m.start(), m.end(), f"it reaches back before {EARLIEST_DAY}")
    day = pub - dt.timedelta(days=days)
    return _Window((day, day))


def _night_past(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Last night (الليلة الماضية): the day before publication."""
    return _Window((pub - _DAY, pub - _DAY))


def _this_year(m: re.Match[str], pub: dt.date) -> _Resolved:
    return _Window((dt.date(pub.year, 1, 1), pub), "year", aggregate=True)


def _within(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Within a month or a week (خلال شهر): the last 30 or 7 days."""
    month = m.group("unit") == "شهر"
    days = 30 if month else 7
    return _Window((pub - dt.timedelta(days=days), pub), "month" if month else "week", True)


def _vague_past(m: re.Match[str], pub: dt.date) -> _Resolved:
    note = "the date phrase names no day (days ago, recently): dated to the publication day"
    return _Window((pub, pub), note=note, vague=True)


def _since_year(m: re.Match[str], pub: dt.date) -> _Resolved:
    y = m.group("y") or m.group("y2")
    year = int(y) if y else pub.year
    if year > pub.year:
        return Unresolved(m.start(), m.end(), "it starts after publication")
    return _Window((dt.date(year, 1, 1), pub), "year", aggregate=True)


def _since_date(m: re.Match[str], pub: dt.date) -> _Resolved:
    """From a named day to today: a running total over that period."""
    start = _explicit(m, pub)
    if not isinstance(start, _Window):
        return start
    return _Window((start.window[0], pub), "day", aggregate=True, note=start.note)


def _since_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    return _Window((pub.replace(day=1), pub), "month", aggregate=True)


def _named_month_start(m: re.Match[str], pub: dt.date) -> tuple[int, int] | Unresolved | None:
    """(year, month) a named month refers to, or why it cannot be dated."""
    month = parse_month(m.group("m"))
    if month is None:
        return None
    given = m.groupdict().get("y")
    year = int(given) if given else _latest_month(month, pub)
    if dt.date(year, month, 1) > pub:
        return Unresolved(m.start(), m.end(), "it starts after publication")
    return year, month


def _since_named_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    start = _named_month_start(m, pub)
    if not isinstance(start, tuple):
        return start
    year, month = start
    return _Window((dt.date(year, month, 1), pub), "month", aggregate=True)


def _named_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    start = _named_month_start(m, pub)
    if not isinstance(start, tuple):
        return start
    year, month = start
    background = year < pub.year and bool(m.group("y"))
    return _Window(_month_window(year, month, pub), "month", aggregate=True, background=background)


def _last_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    last = pub.replace(day=1) - _DAY
    return _Window(_month_window(last.year, last.month, pub), "month", aggregate=True)


def _this_month(m: re.Match[str], pub: dt.date) -> _Resolved:
    return _Window((pub.replace(day=1), pub), "month", aggregate=True)


def _last_year(m: re.Match[str], pub: dt.date) -> _Resolved:
    window = (dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31))
    return _Window(window, "year", aggregate=True)


def _year(m: re.Match[str], pub: dt.date) -> _Resolved:
    year = int(m.group("y"))
    if year >= pub.year:
        return None
    return _Window((dt.date(year, 1, 1), dt.date(year, 12, 31)), "year", background=True)


def _years_ago(m: re.Match[str], pub: dt.date) -> _Resolved:
    """Years ago (قبل عامين): an event of an earlier year, recalled as background."""
    groups = m.groupdict()
    n = parse_number(groups.get("n") or "") or 2
    year = max(pub.year - n, EARLIEST_DAY.year + 1)
    return _Window((dt.date(year, 1, 1), dt.date(year, 12, 31)), "year", background=True)


def _hours_or_days(m: re.Match[str], pub: dt.date, *, hours: bool) -> _Resolved:
    word = m.group("n") or ""
    n = {"اليومين": 2, "الاسبوعين": 14}.get(word) or parse_number(word)
    if not n:
        return Unresolved(m.start(), m.end(), "no number of hours or days")
    days = math.ceil(n / 24) if hours else n
    if days > (pub - EARLIEST_DAY).days:
        return Unresolved(m.start(), m.end(), f"it reaches back before {EARLIEST_DAY}")
    return _Window((pub - dt.timedelta(days=days), pub), "days")


def _hours_vague(m: re.Match[str], pub: dt.date) -> _Resolved:
    note = "'the past hours' gives no number: taken as the day before publication to it"
    return _Window((pub - _DAY, pub), "days", note=note)


def _last_week(m: re.Match[str], pub: dt.date) -> _Resolved:
    return _Window((pub - dt.timedelta(days=7), pub), "week")


def _weekday_past(m: re.Match[str], pub: dt.date) -> _Resolved:
    wd = _weekday(m)
    if wd is None:
        return None
    d = _last_weekday(pub, wd, strictly_before=True)
    return _Window((d, d))


def _day_before_yesterday(m: re.Match[str], pub: dt.date) -> _Resolved:
    return _Window((pub - 2 * _DAY, pub - 2 * _DAY))


def _named_day(m: re.Match[str], pub: dt.date, *, kind: str) -> _Resolved:
    """Yesterday, today or a bare weekday; a weekday named with them takes precedence."""
    wd = _weekday(m)
    if wd is None:
        if kind == "weekday":
            return None
        d = pub - _DAY if kind == "yesterday" else pub
        return _Window((d, d))
    d = _last_weekday(pub, wd, strictly_before=False)
    expected = {"yesterday": pub - _DAY, "today": pub}.get(kind)
    note = ""
    if expected is not None and d != expected:
        note = (
            f"the weekday named is not the {kind} of publication: dated to the latest such weekday"
        )
    return _Window((d, d), note=note)


_RULES: Final[dict[str, _Rule]] = {
    "night": _night,
    "explicit": _explicit,
    "month_day": _month_day,
    "ordinal_day": _month_day,
    "weekday_range": _weekday_range,
    "since_weekday": _since_weekday,
    "part_of_month": _part_of_month,
    "this_year": _this_year,
    "within": _within,
    "ago": _ago,
    "night_past": _night_past,
    "weekday_bare": lambda m, pub: _named_day(m, pub, kind="weekday"),
    "vague_past": _vague_past,
    "recent": _vague_past,
    "since_date": _since_date,
    "since_year": _since_year,
    "since_month": _since_month,
    "since_named_month": _since_named_month,
    "named_month": _named_month,
    "last_month": _last_month,
    "this_month": _this_month,
    "last_year": _last_year,
    "year": _year,
    "years_ago": _years_ago,
    "hours": lambda m, pub: _hours_or_days(m, pub, hours=True),
    "days": lambda m, pub: _hours_or_days(m, pub, hours=False),
    "hours_vague": _hours_vague,
    "last_week": _last_week,
    "weekday_past": _weekday_past,
    "day_before_yesterday": _day_before_yesterday,
    "yesterday": lambda m, pub: _named_day(m, pub, kind="yesterday"),
    "today": lambda m, pub: _named_day(m, pub, kind="today"),
    "weekday": lambda m, pub: _named_day(m, pub, kind="weekday"),
}
"""One rule per kind of date phrase: the guidelines' rules for relative dates."""


def resolve_date(kind: str, m: re.Match[str], published: dt.date) -> Date | Unresolved | None:
    """Turn one date phrase into a window, by the guideline's rules.

    None if the match is no date phrase after all (a weekday-less "day" match, a
    year that is not in the past); :class:`Unresolved` if it is one but names no
    possible day (31 شباط، 99 أيار، a start after publication).
    """
    rule = _RULES.get(kind)
    found = rule(m, published) if rule is not None else None
    if not isinstance(found, _Window):
        return found
    return Date(
        m.start(),
        m.end(),
        kind,
        found.window,
        found.precision,
        found.aggregate,
        found.background,
        found.note,
        found.vague,
    )


def find_dates(
    norm: str, published: dt.date, matches: list[list[re.Match[str]]] | None = None
) -> tuple[list[Date], list[Unresolved]]:
    """Every date phrase, overlapping ones resolved by priority then length.

    Parameters
    ----------
    norm : str
        The normalised text.
    published : datetime.date
        The publication day.
    matches : list of lists of re.Match, optional
        The matches of each pattern of :data:`DATE_PATTERNS`, if already found.

    Returns
    -------
    (list of Date, list of Unresolved)
        The date phrases kept, in text order, and the phrases that could not
        be resolved and overlap no kept one.
    """
    if matches is None:
        matches = [list(p.finditer(norm)) for _, p in DATE_PATTERNS]
    found: list[tuple[int, int, int, Date]] = []
    unresolved: list[Unresolved] = []
    for (kind, _pattern), kind_matches in zip(DATE_PATTERNS, matches, strict=True):
        for m in kind_matches:
            d = resolve_date(kind, m, published)
            if isinstance(d, Unresolved):
                unresolved.append(d)
            elif d is not None:
                found.append((-DATE_PRIORITY[kind], -(d.end - d.start), d.start, d))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    taken: list[Date] = []
    occupied = bytearray(len(norm) + 1)  # 1 where a kept phrase lies
    for *_, d in found:
        if occupied.find(1, d.start, d.end) == -1:
            taken.append(d)
            occupied[d.start : d.end] = b"\x01" * (d.end - d.start)
    left = [
        u
        for u in sorted(set(unresolved), key=lambda u: (u.start, u.end))
        if occupied.find(1, u.start, u.end) == -1
    ]
    return sorted(taken, key=lambda d: d.start), left
