"""Arabic text as it comes: normalisation for matching, with a map back to the original.

News reports spell the same word many ways: with or without diacritics and
tatweel, with any hamza form of alef, with taa marbuta or haa, with Arabic-Indic
or Persian digits.  :func:`normalize_text` folds these into one spelling, one
output character per kept input character, and keeps the offset of each output
character in the original text, so that a match found in the normalised text
maps back to an exact span of the original (:meth:`Normalized.span`).

Patterns are written in ordinary Arabic and compiled by :func:`compile_words`,
which normalises them the same way and anchors them at word boundaries: a
pattern never matches inside another word, though it may carry the attached
prefixes و ف ب ل ك and the article ال (:func:`word_pattern`).

The module also reads the words a report uses for numbers (both genders,
compounds such as ثلاث عشرة, the dual, thousands such as ثلاثة آلاف), weekdays
and months (Syrian names such as كانون الثاني and Egyptian names such as يناير).

Examples
--------
>>> n = normalize_text("شنّت الطائراتُ ٣ غاراتٍ")
>>> n.text
'شنت الطايرات 3 غارات'
>>> m = compile_words("غارات").search(n.text)
>>> start, end = n.span(m.start(), m.end())
>>> "شنّت الطائراتُ ٣ غاراتٍ"[start:end]
'غاراتٍ'
>>> parse_number("ثلاث عشرة")
13
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

# --- character folding ---------------------------------------------------------------

_DELETE: Final[frozenset[int]] = frozenset(
    [
        *range(0x064B, 0x0660),
        0x0670,
        0x0640,
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E9),
        *range(0x06EA, 0x06EE),
        0x0610,
        0x0611,
        0x0612,
        0x0613,
        0x0614,
        0x0615,
        0x0616,
        0x0617,
        0x0618,
        0x0619,
        0x061A,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x061C,
        0xFEFF,
        0x00AD,
    ]
)
"""Code points dropped before matching: harakat, superscript alef, tatweel, Quranic
marks, zero-width and directional marks, soft hyphen."""

_FOLD: Final[dict[int, str]] = {
    **{ord(c): "ا" for c in "أإآٱٲٳ"},
    ord("ة"): "ه",
    ord("ى"): "ي",
    ord("ئ"): "ي",
    ord("ؤ"): "و",
    ord("ی"): "ي",  # Persian yeh
    ord("ک"): "ك",  # keheh
    ord("ە"): "ه",
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic digits
    **{0x06F0 + i: str(i) for i in range(10)},  # Persian digits
    **{ord(c): "-" for c in "‐‑‒–—―−"},
    **{
        ord(c): " "
        for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u202f\u205f\u3000\t\r\x0b\x0c"
    },
    ord("«"): '"',
    ord("»"): '"',
    ord("“"): '"',
    ord("”"): '"',
}
"""One-to-one foldings: hamza forms of alef, taa marbuta to haa, alef maqsura to
yaa, digits to ASCII, dashes to '-', spaces to ' ', quotation marks to '"'."""


@dataclass(frozen=True)
class Normalized:
    """A normalised text with the offset of each of its characters in the original.

    Attributes
    ----------
    text : str
        The normalised text.
    offsets : sequence of int
        ``offsets[i]`` is the index in the original text of ``text[i]``;
        one more entry, ``len(original)``, closes the list.
    """

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalised text to the original.

        The original span runs from the first to the last kept character, so
        diacritics attached to the last letter are included.

        Parameters
        ----------
        start, end : int
            Offsets in :attr:`text`, ``0 <= start <= end <= len(text)``.

        Returns
        -------
        tuple of int
            ``(start, end)`` in the original text.

        Examples
        --------
        >>> n = normalize_text("غارةً")
        >>> n.span(0, 4)
        (0, 5)
        """
        if end <= start:
            return self.offsets[start], self.offsets[start]
        # up to the next kept character: diacritics on the last letter are included
        return self.offsets[start], self.offsets[end]


_TABLE: Final[dict[int, str]] = {**_FOLD, **{c: chr(c + 32) for c in range(65, 91)}}
_DELETE_RE: Final = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(_DELETE)) + "]"
    # a dot or comma between two tatweels breaks a word to dodge filters: قتـ.ـل
    "|(?<=\u0640)[.,\u060c](?=\u0640)"
)


def normalize_text(text: str) -> Normalized:
    """Normalise Arabic text for matching, keeping a map back to the original.

    Drops diacritics, tatweel and invisible marks (and a dot or comma set
    between two tatweels to break a word, قتـ.ـل); folds the hamza forms of
    alef to ا, taa marbuta to ه, alef maqsura and hamza-on-yaa to ي,
    hamza-on-waw to و, Arabic-Indic and Persian digits to ASCII digits, dashes
    to ``-`` and Latin letters to lower case.  Every kept character yields
    exactly one output character.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    Normalized
        The folded text and the offset map.

    Examples
    --------
    >>> normalize_text("إسناد جويّ روسيّة – ١٢").text
    'اسناد جوي روسيه - 12'
    >>> normalize_text("انفـ.ـجار الألـ.ـغام").text
    'انفجار الالغام'
    """
    folded = text.translate(_TABLE)
    n = len(text)
    if _DELETE_RE.search(folded) is None:
        return Normalized(folded, range(n + 1))
    dropped = {m.start() for m in _DELETE_RE.finditer(folded)}
    offsets = [i for i in range(n) if i not in dropped]
    offsets.append(n)
    return Normalized(_DELETE_RE.sub("", folded), offsets)


def normalize_pattern(source: str) -> str:
    r"""Normalise the Arabic letters of a regex source, leaving ASCII untouched.

    Regex escapes such as ``\W`` or ``\S`` keep their case, so lexicons can be
    written in ordinary Arabic inside regex syntax.

    Examples
    --------
    >>> print(normalize_pattern(r"(?:غارة|ضربة)\S*"))
    (?:غاره|ضربه)\S*
    """
    out = []
    for ch in source:
        cp = ord(ch)
        if ch.isascii():
            out.append(ch)
        elif cp in _DELETE:
            continue
        else:
            out.append(_FOLD.get(cp, ch))
    return "".join(out)


def normalize(text: str) -> str:
    """Return only the normalised text (see :func:`normalize_text`).

    Examples
    --------
    >>> normalize("الرقّة")
    'الرقه'
    """
    return _DELETE_RE.sub("", text.translate(_TABLE))


# --- word-boundary-safe patterns -----------------------------------------------------

WORD_CHAR: Final[str] = r"[^\W_]"
"""One letter or digit (Arabic or Latin) in the normalised text."""
NOT_BEFORE: Final[str] = r"(?<![^\W_])"
"""Look-behind: not preceded by a letter or digit (the start of a word)."""
NOT_AFTER: Final[str] = r"(?![^\W_])"
"""Look-ahead: not followed by a letter or digit (the end of a word)."""

PREFIX_ARTICLE: Final[str] = r"(?:[وف]?(?:[بك]?ال|لل))"
"""Attached conjunction and preposition before the article: ال والـ بال وبال فال لل ولل."""
PREFIX_PLAIN: Final[str] = r"(?:[وف]?[بلك]?)"
"""Attached conjunction and preposition before a word without the article."""

_SEP: Final[str] = r"(?:\s*-\s*|\s+)"


def word_pattern(phrase: str, *, prefixes: bool = True, article: bool = False) -> str:
    """Regex source matching a phrase as whole words in normalised text.

    Parameters
    ----------
    phrase : str
        Words in ordinary Arabic (normalised here); a ``-`` between words and
        white space both match either.  Regex syntax is not interpreted.
    prefixes : bool
        Allow the attached prefixes و ف ب ل ك (and ال → لل) on the first word.
    article : bool
        Also allow the article ال on a first word that has none.

    Returns
    -------
    str
        A regex source with word boundaries at both ends.

    Examples
    --------
    >>> import re
    >>> p = re.compile(word_pattern("السخنة"))
    >>> [bool(p.search(normalize(s))) for s in ("وبالسخنة", "للسخنة", "السخنةي", "سخنة")]
    [True, True, False, False]
    """
    words = [w for w in re.split(r"[\s\-]+", normalize(phrase).strip()) if w]
    if not words:
        return r"(?!x)x"
    first = words[0]
    if prefixes and first.startswith("ال") and len(first) > 2:
        head = PREFIX_ARTICLE + re.escape(first[2:])
    elif prefixes and article:
        head = f"(?:{PREFIX_ARTICLE}|{PREFIX_PLAIN})" + re.escape(first)
    elif prefixes:
        head = PREFIX_PLAIN + re.escape(first)
    else:
        head = re.escape(first)
    body = "".join(_SEP + re.escape(w) for w in words[1:])
    return NOT_BEFORE + head + body + NOT_AFTER


@lru_cache(maxsize=512)
def compile_words(*phrases: str, prefixes: bool = True, article: bool = False) -> re.Pattern[str]:
    """Compile phrases into one word-boundary-safe regex, longest phrase first.

    Parameters
    ----------
    *phrases : str
        Phrases in ordinary Arabic.
    prefixes, article : bool
        As in :func:`word_pattern`.

    Returns
    -------
    re.Pattern
        Matches any of the phrases in normalised text.

    Examples
    --------
    >>> p = compile_words("الكوم", "سبخة الكوم")
    >>> p.search(normalize("في سبخة الكوم")).group()
    'سبخه الكوم'
    """
    ordered = sorted({normalize(p) for p in phrases if normalize(p).strip()}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile(
        "|".join(f"(?:{word_pattern(p, prefixes=prefixes, article=article)})" for p in ordered)
    )


# --- numbers ------------------------------------------------------------------------

_UNITS: Final[dict[str, int]] = {
    "واحد": 1,
    "واحدة": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "ثلاث": 3,
    "ثلاثة": 3,
    "أربع": 4,
    "أربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ست": 6,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثماني": 8,
    "ثمان": 8,
    "ثمانية": 8,
    "تسع": 9,
    "تسعة": 9,
    "عشر": 10,
    "عشرة": 10,
}
_TEEN_UNITS: Final[dict[str, int]] = {
    "أحد": 1,
    "إحدى": 1,
    "اثنا": 2,
    "اثني": 2,
    "اثنتا": 2,
    "اثنتي": 2,
    **{k: v for k, v in _UNITS.items() if 3 <= v <= 9},
}
_TENS: Final[dict[str, int]] = {
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "أربعون": 40,
    "أربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
}
_HUNDREDS: Final[dict[str, int]] = {
    "مئة": 100,
    "مائة": 100,
    "مية": 100,
    "مئتان": 200,
    "مئتين": 200,
    "مئتا": 200,
    "مئتي": 200,
    "مائتان": 200,
    "مائتين": 200,
    "مائتا": 200,
    "مائتي": 200,
    **{
        f"{u}مئة": v * 100
        for u, v in (
            ("ثلاث", 3),
            ("أربع", 4),
            ("خمس", 5),
            ("ست", 6),
            ("سبع", 7),
            ("ثمان", 8),
            ("تسع", 9),
        )
    },
    **{
        f"{u}مائة": v * 100
        for u, v in (
            ("ثلاث", 3),
            ("أربع", 4),
            ("خمس", 5),
            ("ست", 6),
            ("سبع", 7),
            ("ثمان", 8),
            ("تسع", 9),
        )
    },
}


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted({re.escape(normalize(w)) for w in words}, key=len, reverse=True))


_THOUSAND_AFTER: Final[dict[str, int]] = {"ألف": 1000, "ألفا": 1000, "آلاف": 1000}
"""The word for thousand after a multiplier: ثلاثة آلاف، 15 ألف، عشرين ألفاً."""
_THOUSAND_ALONE: Final[dict[str, int]] = {"ألف": 1000, "ألفان": 2000, "ألفين": 2000, "ألفي": 2000}
"""Thousand and two thousand (the dual) standing alone."""

_N_UNIT = _alt(_UNITS)
_N_TEEN = f"(?:{_alt(_TEEN_UNITS)})\\s+عشر[ه]?"
_N_TENS = _alt(_TENS)
_N_TENS_COMPOUND = f"(?:(?:{_N_UNIT}|{_alt({'أحد': 1, 'إحدى': 1})})\\s+و(?:{_N_TENS}))"
_N_HUNDRED_UNITS = _alt({k: v for k, v in _UNITS.items() if 3 <= v <= 9})
_N_HUNDRED = f"(?:(?:{_N_HUNDRED_UNITS})\\s+(?:مئه|مايه)|{_alt(_HUNDREDS)})"
_N_BELOW_100 = f"(?:{_N_TENS_COMPOUND}|{_N_TEEN}|{_N_TENS}|{_N_UNIT})"
_N_BELOW_1000 = f"(?:{_N_HUNDRED}(?:\\s+و(?:{_N_BELOW_100}))?|{_N_BELOW_100})"
_N_THOUSAND_AFTER = _alt(_THOUSAND_AFTER)
_N_THOUSAND_ALONE = _alt(_THOUSAND_ALONE)
_DIGITS: Final[str] = r"(?<!\d[.,٫٬])(?<!\d)(?:\d{1,3}(?:[,٬]\d{3})+|\d{1,6})(?![.,٫٬]?\d)"
"""Digits (``1,000`` and ``1٬000`` too), never a part of a longer or decimal number."""
_N_REST = f"\\s+و\\s*(?:{_N_BELOW_1000}|{_DIGITS})"
NUMBER_WORDS: Final[str] = (
    f"(?:(?:(?:{_N_BELOW_1000})\\s+(?:{_N_THOUSAND_AFTER})|{_N_THOUSAND_ALONE})(?:{_N_REST})?"
    f"|{_N_BELOW_1000})"
)
"""Regex source for a number written in words (normalised text), 1 to 999,999."""
NUMBER: Final[str] = (
    rf"(?:{_DIGITS}\s*(?:{_N_THOUSAND_AFTER})(?:{_N_REST})?{NOT_AFTER}"
    rf"|{NUMBER_WORDS}{NOT_AFTER}|{_DIGITS})"
)
"""Regex source for a number in digits, in words or both (``3 آلاف``), normalised text."""

_NUMBER_RE: Final = re.compile(
    rf"^(?:{_DIGITS}\s*(?:{_N_THOUSAND_AFTER})(?:{_N_REST})?|{NUMBER_WORDS}|{_DIGITS})$"
)
_THOUSANDS_SPLIT: Final = re.compile(
    rf"(?:(?P<mult>.*?)\s*(?P<k>{_N_THOUSAND_AFTER})|(?P<alone>{_N_THOUSAND_ALONE}))"
    r"(?:\s+و\s*(?P<rest>.+))?"
)
_UNIT_N: Final = {normalize(k): v for k, v in _UNITS.items()}
_TEEN_N: Final = {normalize(k): v for k, v in _TEEN_UNITS.items()}
_TENS_N: Final = {normalize(k): v for k, v in _TENS.items()}
_HUNDREDS_N: Final = {normalize(k): v for k, v in _HUNDREDS.items()}
_THOUSAND_ALONE_N: Final = {normalize(k): v for k, v in _THOUSAND_ALONE.items()}


def _parse_below_thousand(text: str) -> int | None:
    """Value of digits or of number words below a thousand (normalised, validated)."""
    digits = re.sub(r"[,٬]", "", text)
    if digits.isdigit():
        return int(digits)
    total = 0
    for raw in re.split(r"\s+و(?=\S)", text):
        part = raw.strip()
        words = part.split()
        if len(words) == 2 and words[1] in ("عشر", "عشره"):
            total += 10 + _TEEN_N.get(words[0], 0)
        elif len(words) == 2 and words[1] in ("ميه", "مايه"):
            total += 100 * _UNIT_N.get(words[0], 0)
        elif part in _HUNDREDS_N:
            total += _HUNDREDS_N[part]
        elif part in _TENS_N:
            total += _TENS_N[part]
        elif part in _UNIT_N:
            total += _UNIT_N[part]
        elif part in _TEEN_N:  # أحد in أحد وعشرون
            total += _TEEN_N[part]
        else:
            return None
    return total or None


def parse_number(phrase: str) -> int | None:
    """Read a number written in digits (any script) or in Arabic words.

    Parameters
    ----------
    phrase : str
        ``"30"``, ``"٣٠"``, ``"1,500"``, ``"ثلاثون"``, ``"ثلاث عشرة"``,
        ``"خمسة وعشرين"``, ``"مئة وعشرون"``, ``"ألف"``, ``"ألفين"``, ``"3 آلاف"``,
        ``"ثلاثة آلاف وخمسمئة"``: up to 999,999.

    Returns
    -------
    int or None
        The value, or None if the phrase is not a number (``"آلاف"`` alone,
        "thousands", is not one).

    Examples
    --------
    >>> [parse_number(s) for s in ("٣٠", "ثماني", "خمسة وعشرين", "مئتان", "غارة")]
    [30, 8, 25, 200, None]
    >>> [parse_number(s) for s in ("ألف", "ألفي", "3 آلاف", "ثلاثة آلاف وخمسمئة", "1,200")]
    [1000, 2000, 3000, 3500, 1200]
    """
    text = " ".join(normalize(phrase).split())
    if not text or not _NUMBER_RE.match(text):
        return None
    m = _THOUSANDS_SPLIT.fullmatch(text)
    if m is None:
        return _parse_below_thousand(text)
    if m.group("alone"):
        total = _THOUSAND_ALONE_N[m.group("alone")]
    else:
        mult = _parse_below_thousand(m.group("mult")) if m.group("mult") else 1
        if mult is None:
            return None
        total = 1000 * mult
    if m.group("rest"):
        rest = _parse_below_thousand(m.group("rest"))
        if rest is None:
            return None
        total += rest
    return total


# --- calendar words -------------------------------------------------------------------

WEEKDAYS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        "الاثنين": 0,
        "الإثنين": 0,
        "الثلاثاء": 1,
        "الأربعاء": 2,
        "الخميس": 3,
        "الجمعة": 4,
        "السبت": 5,
        "الأحد": 6,
    }.items()
}
"""Weekday names (normalised, with the article) to Python weekday numbers (Monday 0)."""

MONTHS: Final[dict[str, int]] = {
    normalize(k): v
    for k, v in {
        # Syrian (Levantine) names
        "كانون الثاني": 1,
        "شباط": 2,
        "آذار": 3,
        "نيسان": 4,
        "أيار": 5,
        "حزيران": 6,
        "تموز": 7,
        "آب": 8,
        "أيلول": 9,
        "تشرين الأول": 10,
        "تشرين الثاني": 11,
        "كانون الأول": 12,
        # Egyptian names
        "يناير": 1,
        "فبراير": 2,
        "مارس": 3,
        "أبريل": 4,
        "إبريل": 4,
        "مايو": 5,
        "يونيو": 6,
        "يونيه": 6,
        "يوليو": 7,
        "يوليه": 7,
        "أغسطس": 8,
        "سبتمبر": 9,
        "أكتوبر": 10,
        "نوفمبر": 11,
        "ديسمبر": 12,
    }.items()
}
"""Month names, Syrian and Egyptian (normalised), to month numbers."""

_MONTH_ALT: Final[str] = "|".join(
    re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MONTHS, key=len, reverse=True)
)
MONTH: Final[str] = rf"(?:{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?{NOT_AFTER}"
"""Regex source for a month name, optionally doubled as in ``مارس/آذار``."""


def parse_month(phrase: str) -> int | None:
    """Month number of a month name (the first of a doubled ``X/Y`` name).

    Examples
    --------
    >>> parse_month("آب/أغسطس"), parse_month("كانون الثاني"), parse_month("شهر")
    (8, 1, None)
    """
    first = normalize(phrase).split("/")[0]
    return MONTHS.get(" ".join(first.split()))


# --- ordinals -------------------------------------------------------------------------

_ORDINAL_UNITS: Final[dict[str, int]] = {
    "الأول": 1,
    "الأولى": 1,
    "الحادي": 1,
    "الحادية": 1,
    "الثاني": 2,
    "الثانية": 2,
    "الثالث": 3,
    "الثالثة": 3,
    "الرابع": 4,
    "الرابعة": 4,
    "الخامس": 5,
    "الخامسة": 5,
    "السادس": 6,
    "السادسة": 6,
    "السابع": 7,
    "السابعة": 7,
    "الثامن": 8,
    "الثامنة": 8,
    "التاسع": 9,
    "التاسعة": 9,
    "العاشر": 10,
    "العاشرة": 10,
}
"""Ordinal words with the article, masculine and feminine (الحادي only in compounds)."""
_ORDINAL_TENS: Final[dict[str, int]] = {"العشرين": 20, "العشرون": 20, "الثلاثين": 30}
_ORDINAL_UNITS_N: Final = {normalize(k): v for k, v in _ORDINAL_UNITS.items()}
_ORDINAL_TENS_N: Final = {normalize(k): v for k, v in _ORDINAL_TENS.items()}
_O_UNIT = _alt({k: v for k, v in _ORDINAL_UNITS.items() if k not in ("الحادي", "الحادية")})
_O_UNIT_ANY = _alt(_ORDINAL_UNITS)
_O_TENS = _alt(_ORDINAL_TENS)
ORDINAL: Final[str] = (
    rf"(?:(?:{_O_UNIT_ANY})\s+(?:عشر|عشره)|(?:{_O_UNIT_ANY})\s+و(?:{_O_TENS})|{_O_TENS}|{_O_UNIT})"
    rf"{NOT_AFTER}"
)
"""Regex source for an ordinal with the article, first to thirty-first (normalised text):
الثاني، الحادي عشر، الثالث والعشرين."""
_ORDINAL_RE: Final = re.compile(rf"^{ORDINAL}$")


def parse_ordinal(phrase: str) -> int | None:
    """Read an ordinal written with the article, first to thirty-first.

    Examples
    --------
    >>> [parse_ordinal(s) for s in ("الثاني", "الرابعة", "الحادي عشر", "الثالث والعشرين")]
    [2, 4, 11, 23]
    >>> parse_ordinal("الحادي") is None, parse_ordinal("غارة") is None
    (True, True)
    """
    text = " ".join(normalize(phrase).split())
    if not _ORDINAL_RE.match(text):
        return None
    words = text.split()
    if len(words) == 1:
        return _ORDINAL_UNITS_N.get(words[0]) or _ORDINAL_TENS_N.get(words[0])
    if words[1] in ("عشر", "عشره"):
        return 10 + _ORDINAL_UNITS_N[words[0]]
    return _ORDINAL_UNITS_N[words[0]] + _ORDINAL_TENS_N[words[1][1:]]
