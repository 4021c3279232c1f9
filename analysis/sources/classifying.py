r"""Give an event an ``event_type`` from its text, its sides and who died.

UCDP GED records say who fought whom and how many died on each side, but not
*how*: the mechanism is only in the source headline.  :func:`classify_event_type`
reads English and Arabic keywords in that text and uses the sides and the
direction of deaths to decide between the package's types:

Each type has a wording pattern (English and Arabic):

- **sweep**: sweep or combing wording ("combing", "sweep", "swept", "mop-up",
  "search operation", "security campaign", تمشيط، حملة أمنية).
- **airstrike**: air wording ("warplanes", "airstrikes", "air raids",
  "helicopters", "aerial bombardment", "barrel bombs", coalition bombardment,
  غارة، طيران حربي، قصف جوي) that is not about IS's own drones.  It counts
  unless deaths fell only on the non-IS combatant side (strikes on IS that
  killed nobody on the IS side or among civilians did not cause this event's
  deaths).
- **attack**: IS as the agent of an action ("IS attacks", "ISIS targets",
  "IS shells", "attack by the Islamic State", "ISIS kills", هجوم لداعش), an
  IS drone, or other attack wording ("ambush", "suicide", "car bomb",
  "explosive device", "execute", "kidnap", كمين، عبوة ناسفة، إعدام، اختطاف)
  whose subject is not a government-side or rebel force.  It counts unless
  deaths fell only on the IS side.
- **other** lead: clashes, battles, fighting, or government forces advancing
  or shelling.

**The wording that comes first in the text decides** (SOHR headlines often
join several stories with ";", and their lead is the main one); a text where
only the *other* lead wording or nothing matches is ``other``: clashes with
no initiative stated, shelling, offensives, daily death-toll round-ups,
events without IS.

A record the rules cannot place is ``other``: the classifier never drops one.
Its precision and recall per type on hand-labelled UCDP events are reported
in ``docs/classifier.md`` (``scripts/measure_classifier.py``).

:func:`classify_event_types` classifies a whole column at once: the patterns
run in Arrow's RE2 engine, so a full GED release classifies in seconds;
:func:`classify_event_type` is the same for one text.  A word, for the
patterns, is a run of ASCII letters, digits and underscores (RE2's ``\\w``):
Arabic wording is matched by its own alternatives, and a Latin word touching
an Arabic or accented letter ends there.  On every UCDP headline the package
ships this places each wording exactly where Python's ``re`` would (tested).

Examples
--------
>>> classify_event_type("Russian warplanes target IS positions in the Badia",
...                     side_a="Government of Syria", side_b="IS", deaths_a=0, deaths_b=12)
'airstrike'
>>> classify_event_type("IS ambush kills 9 soldiers near Palmyra",
...                     side_a="Government of Syria", side_b="IS", deaths_a=9, deaths_b=0)
'attack'
>>> classify_event_type("حملة تمشيط في بادية حمص")
'sweep'
>>> classify_event_type("Clashes continue east of Homs")
'other'
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import pandas as pd

from analysis.records.schema import EventType
from analysis.sources.places import IS_SIDE_PATTERN

_IS_TEXT = (
    r"(?:(?-i:\bIS\b)|\bISIS\b|\bISIL\b|\bDaesh\b|islamic state|"
    r"the organi[sz]ation|داعش|تنظيم الدولة)"
)

SWEEP_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\bcomb(?:s|ed|ing)?\b|\bsw(?:eep(?:s|ing)?|ept)\b|\bmop(?:ping)?[- ]?up\b|"
    r"\bsearch(?:ing)? (?:and \w+ )?operations?\b|\bsecurity (?:campaign|operation)s?\b|"
    r"\bclearing operations?\b|\bcombing\b|"
    r"تمشيط|حملة أمنية|عملية أمنية|ملاحقة خلايا",
    re.IGNORECASE,
)
"""Sweep or combing wording, English and Arabic."""

AIR_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\bwar ?planes?\b|\bwar ?jets?\b|\bjets?\b|\bair ?strikes?\b|\bair ?raids?\b|"
    r"\bair ?force\b|\baerial\b|\bhelicopters?\b|\bair bombardment\b|\bairstrikes?\b|"
    r"\bbarrel(?:s| bombs?)\b|\bexplosive barrels?\b|\bdrone strikes?\b|"
    r"\b(?:russian|regime|syrian|coalition|international coalition) (?:war)?planes?\b|"
    r"\bplanes?\b|\braids?\b|\bbombers?\b|"
    r"غارة|غارات|الطيران|طيران حربي|طائرات? حربية|قصف جوي|ضربة جوية|ضربات جوية|"
    r"مروحي|براميل",
    re.IGNORECASE,
)
"""Air-strike wording, English and Arabic."""

IS_DRONE_PATTERN: Final[re.Pattern[str]] = re.compile(
    _IS_TEXT + r"(?:'s)?\s+(?:\w+\s+)?drones?\b|\bdrones? (?:of|belonging to) " + _IS_TEXT,
    re.IGNORECASE,
)
"""Drones flown by IS itself: not an air strike on IS."""

ATTACK_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\battack(?:s|ed|ing)?\b|\bambush(?:es|ed)?\b|\bassault(?:s|ed)?\b|\bsuicide\b|"
    r"\bcar[- ]bombs?\b|\bbooby[- ]trapped\b|\bv?bied\b|\bexplosive devices?\b|"
    r"\bland ?mines?\b|\bexecut(?:e|es|ed|ing|ion|ions)\b|\bbehead\w*|\bkidnap\w*|"
    r"\babduct\w*|\binfiltrat\w*|\bsnipers?\b|\bsleeper cells?\b|\bcells? of\b|"
    r"هجوم|هجمات|كمين|استهداف|عبوة ناسفة|لغم|إعدام|اختطاف|مفخخة|انتحاري",
    re.IGNORECASE,
)
"""Attack wording, English and Arabic."""

IS_ACTION_PATTERN: Final[re.Pattern[str]] = re.compile(
    _IS_TEXT + r"[”\"']?\W+(?:\w+\W+){0,3}?(?:target\w*|shell\w*|stone\w*|attack\w*|"
    r"ambush\w*|assault\w*|execut\w*|behead\w*|kidnap\w*|abduct\w*|captur\w*|seiz\w*|"
    r"detonat\w*|infiltrat\w*|enters?\b|kills?\b)"
    r"|(?:attack|ambush|assault|shells?|targeting|bombing)\w*\s+(?:\w+\s+){0,2}?(?:by|of)\s+"
    r"(?:the\s+)?[“\"]?" + _IS_TEXT + r"|" + _IS_TEXT + r"[”\"']?\s+shells?\b"
    r"|(?:هجوم|هجمات|كمين|استهداف)\S*\s+(?:\S+\s+){0,2}?(?:ل|من\s+)?(?:خلايا\s+)?"
    r"(?:تنظيم\s+)?(?:داعش|الدولة)"
    r"|(?:داعش|تنظيم الدولة)\s+(?:\S+\s+){0,3}?(?:هجوم|هجمات|كمين|تستهدف|يستهدف|استهدف)",
    re.IGNORECASE,
)
"""IS named as the agent of an attack, shelling, killing or seizure."""

ATTACKER_NOT_IS_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\b(?:regime|government|army|syrian|russian|loyal\w*|militi\w*|forces|troops|coalition|"
    r"sdf|hezbollah|factions?|rebels?|osud\b[\w\- ]*)\b(?:\s+[\w\-]+){0,6}?\s+"
    r"(?:counter-?)?attack",
    re.IGNORECASE,
)
"""A government-side, allied or rebel subject of attack wording: not an IS attack."""

OTHER_LEAD_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\bclash\w*|\bbattles?\b|\bfighting\b|\bconfrontations?\b|"
    r"\b(?:regime|government) forces (?:\w+ ){0,3}?(?:advanc\w*|shell\w*|control\w*|target\w*)|"
    r"اشتباكات|معارك",
    re.IGNORECASE,
)
"""Wording of a story that is none of the types; it wins when it comes first."""

AIR_PATTERN_WITH_COALITION: Final[re.Pattern[str]] = re.compile(
    AIR_PATTERN.pattern + r"|\bcoalition\W+(?:\w+\W+){0,3}?bombard\w*", re.IGNORECASE
)
"""Air wording, plus bombardment by the (US-led) coalition."""


def classify_event_type(
    text: str,
    *,
    side_a: str = "",
    side_b: str = "",
    deaths_a: float | None = None,
    deaths_b: float | None = None,
    deaths_civilians: float | None = None,
) -> EventType:
    """Classify one event as airstrike, sweep, attack or other.

    The rules are in the module docstring: the type whose wording comes first wins.

    Parameters
    ----------
    text : str
        Headline(s) and, where available, article text; English or Arabic.
    side_a, side_b : str, optional
        UCDP sides (a side containing the word ``IS`` is the Islamic State).
    deaths_a, deaths_b, deaths_civilians : float, optional
        Deaths on each side and among civilians; None or NaN where unknown.

    Returns
    -------
    {'airstrike', 'sweep', 'attack', 'other'}

    Examples
    --------
    Air wording, but only government soldiers died: not a strike on IS.

    >>> classify_event_type("Warplanes raid the desert as IS kills 5 soldiers in an attack",
    ...     side_a="Government of Syria", side_b="IS", deaths_a=5, deaths_b=0)
    'attack'

    A government offensive is not an IS attack.

    >>> classify_event_type("Regime forces launch an attack on IS positions in Deir ez-Zor",
    ...     side_a="Government of Syria", side_b="IS", deaths_a=2, deaths_b=10)
    'other'
    """
    return classify_event_types(
        pd.Series([text or ""], dtype="str"),
        side_a=pd.Series([side_a or ""], dtype="str"),
        side_b=pd.Series([side_b or ""], dtype="str"),
        deaths_a=np.array([np.nan if deaths_a is None else deaths_a], dtype="float64"),
        deaths_b=np.array([np.nan if deaths_b is None else deaths_b], dtype="float64"),
        deaths_civilians=np.array(
            [np.nan if deaths_civilians is None else deaths_civilians], dtype="float64"
        ),
    )[0]


_NONE: Final = np.iinfo(np.int64).max


def classify_event_types(
    texts: pd.Series,
    *,
    side_a: pd.Series | None = None,
    side_b: pd.Series | None = None,
    deaths_a: pd.Series | np.ndarray | None = None,
    deaths_b: pd.Series | np.ndarray | None = None,
    deaths_civilians: pd.Series | np.ndarray | None = None,
) -> np.ndarray:
    """Classify a column of events at once, by the rules of :func:`classify_event_type`.

    The same patterns run over the whole column in Arrow's RE2 engine; the
    result equals calling :func:`classify_event_type` row by row (a test
    checks it on every UCDP headline the package ships).

    Parameters
    ----------
    texts : pandas.Series
        Headlines (missing as empty).
    side_a, side_b : pandas.Series, optional
        UCDP sides, aligned with ``texts``.
    deaths_a, deaths_b, deaths_civilians : array-like of float, optional
        Deaths per side and among civilians; NaN where unknown.

    Returns
    -------
    numpy.ndarray
        One of ``'airstrike', 'sweep', 'attack', 'other'`` per row.

    Examples
    --------
    >>> import pandas as pd
    >>> classify_event_types(
    ...     pd.Series(["IS ambush kills 9 soldiers near Palmyra", "حملة تمشيط في بادية حمص"]),
    ...     side_a=pd.Series(["Government of Syria", ""]), side_b=pd.Series(["IS", ""]),
    ...     deaths_a=[9.0, float("nan")], deaths_b=[0.0, float("nan")]).tolist()
    ['attack', 'sweep']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from analysis.sources._reading import arrow_strings, first_match, matches_names

    n = len(texts)
    text = texts.reset_index(drop=True).fillna("").astype("str")  # no anchors: no strip needed

    def zeros(values: pd.Series | np.ndarray | None) -> np.ndarray:
        if values is None:
            return np.zeros(n)
        return np.nan_to_num(np.asarray(values, dtype="float64"), nan=0.0)

    def is_side(side: pd.Series | None) -> np.ndarray:
        if side is None:
            return np.zeros(n, dtype=bool)
        return matches_names(IS_SIDE_PATTERN, side.reset_index(drop=True))

    a_is, b_is = is_side(side_a), is_side(side_b)
    a, b = zeros(deaths_a), zeros(deaths_b)
    is_deaths = np.where(a_is, a, 0.0) + np.where(b_is, b, 0.0)
    combatant_deaths = np.where(a_is, 0.0, a) + np.where(b_is, 0.0, b)
    civilian_deaths = zeros(deaths_civilians)
    not_is_deaths = combatant_deaths + civilian_deaths

    strings = arrow_strings(text)

    def at(pattern: re.Pattern[str], where: np.ndarray | None = None) -> np.ndarray:
        """Where ``pattern`` first matches, searched only in the rows ``where`` selects."""
        out = np.full(n, _NONE, dtype=np.int64)
        rows = np.arange(n) if where is None else np.flatnonzero(where)
        if len(rows):
            subset = strings if where is None else strings.take(pa.array(rows))
            found = first_match(pattern, subset)
            out[rows] = np.where(found >= 0, found, _NONE)
        return out

    sweep = at(SWEEP_PATTERN)
    drone = at(IS_DRONE_PATTERN, np.asarray(pc.match_substring(strings, "drone", ignore_case=True)))
    has_drone = drone != _NONE
    air = at(
        AIR_PATTERN_WITH_COALITION,
        ~has_drone
        & ((is_deaths > 0) | (civilian_deaths > 0) | (combatant_deaths == 0) | ~(a_is | b_is)),
    )
    may_attack = (not_is_deaths > 0) | (is_deaths == 0)
    action = at(IS_ACTION_PATTERN, may_attack)
    drone_attack = (action == _NONE) & has_drone & (not_is_deaths > 0) & may_attack
    worded = may_attack & (action == _NONE) & ~drone_attack
    attack_words = at(ATTACK_PATTERN, worded)
    by_others = at(ATTACKER_NOT_IS_PATTERN, attack_words != _NONE) != _NONE
    attack = np.where(
        action != _NONE,
        action,
        np.where(drone_attack, drone, np.where(by_others, _NONE, attack_words)),
    )
    hit = (sweep != _NONE) | (air != _NONE) | (attack != _NONE)
    other = at(OTHER_LEAD_PATTERN, hit)
    # the earliest wording wins; ties go the way ``min`` orders the names
    order = np.array(["airstrike", "attack", "other", "sweep"], dtype=object)
    first = np.argmin(np.stack([air, attack, other, sweep]), axis=0)
    return np.where(hit, order[first], "other").astype(object)
