"""Give an event an ``event_type`` from its text, its sides and who died.

UCDP GED records say who fought whom and how many died on each side, but not
*how*: the mechanism is only in the source headline.  :func:`classify_event_type`
reads English and Arabic keywords in that text and uses the sides and the
direction of deaths to decide between the package's types:

1. **sweep**: sweep or combing wording ("combing", "sweep", "mop-up",
   "search operation", "security campaign", تمشيط، حملة أمنية).
2. **airstrike**: air wording ("warplanes", "airstrikes", "air raids",
   "helicopters", "aerial bombardment", "barrel bombs", غارة، طيران حربي،
   قصف جوي) that is not about IS's own drones, when the Islamic State side
   suffered deaths or no side's deaths are known.  Air wording with deaths
   only on the other side (the strikes did not kill the IS side) falls through
   to the next rule.
3. **attack**: an IS drone that killed on the other side, or attack wording
   ("attack", "ambush", "suicide", "car bomb", "explosive device",
   "landmine", "execute", "kidnap", هجوم، كمين، عبوة ناسفة، إعدام، اختطاف)
   where the IS side is the attacker: the wording is not
   a government or allied subject attacking ("regime forces attack ..."), and
   deaths fell on the non-IS side (combatants or civilians) or no side's
   deaths are known.
4. **other**: everything else (clashes with no initiative stated, shelling,
   offensives, daily death-toll round-ups, events without IS).

A record the rules cannot place is ``other``: the classifier never drops one.
Its precision and recall per type on hand-labelled UCDP events are reported
in ``docs/classifier.md`` (``scripts/measure_classifier.py``).

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

import math
import re
from typing import Final

from analysis.schema import EventType

IS_SIDE_PATTERN: Final[re.Pattern[str]] = re.compile(r"\bIS\b")
"""A UCDP side that is the Islamic State: its name contains the word ``IS``."""

_IS_TEXT = (r"(?:(?-i:\bIS\b)|\bISIS\b|\bISIL\b|\bDaesh\b|islamic state|"
            r"the organi[sz]ation|داعش|تنظيم الدولة)")

SWEEP_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\bcomb(?:s|ed|ing)?\b|\bsweep(?:s|ing)?\b|\bmop(?:ping)?[- ]?up\b|"
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

GOVERNMENT_ATTACK_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\b(?:regime|government|army|syrian|russian|loyal\w*|militi\w*|forces|troops|"
    r"coalition|sdf|hezbollah)\b(?:\s+\w+){0,3}?\s+(?:launch\w*\s+(?:an?\s+)?|carry out "
    r"(?:an?\s+)?|resum\w*\s+(?:their|its)\s+|(?:a\s+)?counter-?)?attack",
    re.IGNORECASE,
)
"""A government-side or allied subject attacking: an offensive, not an IS attack."""


def _known(value: float | int | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


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

    The rules, in order, are in the module docstring.

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
    text = text or ""
    a_is = bool(IS_SIDE_PATTERN.search(side_a or ""))
    b_is = bool(IS_SIDE_PATTERN.search(side_b or ""))
    deaths = {"a": deaths_a, "b": deaths_b}
    is_deaths = sum(float(deaths[s]) for s, flag in (("a", a_is), ("b", b_is))
                    if flag and _known(deaths[s]))
    other = [deaths[s] for s, flag in (("a", a_is), ("b", b_is)) if not flag]
    other.append(deaths_civilians)
    other_deaths = sum(float(v) for v in other if _known(v))
    any_known = is_deaths > 0 or other_deaths > 0

    if SWEEP_PATTERN.search(text):
        return "sweep"
    is_drone = "drone" in text.lower() and IS_DRONE_PATTERN.search(text)
    if (AIR_PATTERN.search(text) and not is_drone
            and (is_deaths > 0 or not any_known or not (a_is or b_is))):
        return "airstrike"
    if is_drone and other_deaths > 0:
        return "attack"
    if ATTACK_PATTERN.search(text):
        government_subject = GOVERNMENT_ATTACK_PATTERN.search(text)
        is_named = re.search(_IS_TEXT + r"\W+(?:\w+\W+){0,2}?(?:attack|ambush|assault)",
                             text, re.IGNORECASE)
        if (is_named or not government_subject) and (other_deaths > 0 or not any_known):
            return "attack"
    return "other"
