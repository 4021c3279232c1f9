r"""Many patterns over one text in one pass over its words.

``re`` tries every branch of an alternation at every position it is asked
about.  The extractor's patterns (triggers, actors, cues, negations, date
phrases) can only start where a word starts, and each branch starts with one of
a few two- or three-letter heads: a word is tried against a pattern only if one
of its forms (without attached prefixes) starts with one of the pattern's heads.
:meth:`Scanner.scan` finds exactly what ``pattern.finditer`` would find
(tested on the annotated sets and on generated text).

Examples
--------
>>> import re
>>> from analysis.extraction.structure import Tokens
>>> p = re.compile(r"(?<![^\W_])[وف]?غار(?:ه|ات)")
>>> sorted(first_heads(p.pattern))
['غار', 'فغا', 'وغا']
>>> scanner = Scanner([(p, first_heads(p.pattern))])
>>> [m.group() for m in scanner.scan("وغاره ثم غارات", Tokens.of("وغاره ثم غارات"))[0]]
['وغاره', 'غارات']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Final

from analysis.extraction.structure import Tokens

_LOOKAROUND: Final = re.compile(r"\(\?<?[=!][^)]*\)")
_TWO_LETTERS: Final = re.compile(r"[\u0621-\u064a]{1,3}(?![?*{])")
_LETTER_CLASS: Final = re.compile(r"\[([\u0621-\u064a]+)\]")
_OPTIONAL_DIGIT: Final = re.compile(r"\\d(?:[?*]|\{0)")
_PREFIX_LETTERS: Final = "وفبلك"


def _group_end(src: str, i: int) -> int:
    """Index of the parenthesis that closes the group opened at ``src[i]``."""
    depth, j = 0, i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = src.index("]", j + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError(f"unbalanced group in {src!r}")


def _split_top(src: str) -> list[str]:
    """Split a regex source into the branches of its top-level alternation."""
    parts, depth, cur, j = [], 0, 0, 0
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = src.index("]", j + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(src[cur:j])
            cur = j + 1
        j += 1
    parts.append(src[cur:])
    return parts


def first_heads(src: str, depth: int = 0) -> set[str] | None:
    r"""Return the first two or three letters any match of ``src`` can start with.

    ``"0"`` stands for a digit and ``"ال#"`` for the article standing alone;
    None means unknown (the pattern is then tried at every word).

    Examples
    --------
    >>> sorted(first_heads("(?:غارات|ضربات)"))
    ['ضرب', 'غار']
    >>> first_heads(r"\s+x") is None
    True
    """
    if depth > 30:
        return None
    out: set[str] = set()
    for branch in _split_top(src):
        b = branch
        while (m := _LOOKAROUND.match(b)) is not None:
            b = b[m.end() :]
        found = _branch_heads(b, depth)
        if found is None:
            return None
        out |= found
    return out


def _branch_heads(b: str, depth: int) -> set[str] | None:
    """Return the heads of one branch (no alternation at its top level)."""
    if b.startswith("("):
        return _group_heads(b, depth)
    if b.startswith("\\d") and not _OPTIONAL_DIGIT.match(b):
        return {"0"}  # any word that starts with a digit
    if (cls := _LETTER_CLASS.match(b)) is not None:
        alts = "|".join(cls.group(1))
        return first_heads(f"(?:{alts}){b[cls.end() :]}", depth + 1)
    m = _TWO_LETTERS.match(b)
    if m is None:
        return None
    return _letters_heads(b, m.group(), depth)


def _group_heads(b: str, depth: int) -> set[str] | None:
    """Return the heads of a branch that opens with a group, then what follows."""
    end = _group_end(b, 0)
    opener = 3 if b.startswith("(?:") else (b.index(">") + 1 if b.startswith("(?P<") else 1)
    inner, after = b[opener:end], b[end + 1 :]
    if after[:1] in ("?", "*") or after.startswith("{0"):
        rest = re.sub(r"^(?:\?|\*|\{0,?\d*\})\??", "", after)
        found = [
            first_heads("|".join(p + rest for p in _split_top(inner)), depth + 1),
            first_heads(rest, depth + 1),
        ]
    else:
        found = [first_heads("|".join(p + after for p in _split_top(inner)), depth + 1)]
    out: set[str] = set()
    for f in found:
        if f is None:
            return None
        out |= f
    return out


def _letters_heads(b: str, head: str, depth: int) -> set[str] | None:
    """Return the heads of a branch that opens with one to three letters ``head``."""
    end = len(head)
    if head == "ال" and (gap := re.match(r"\\s[*+]", b[end:])) is not None:
        # "ال" then maybe a space: the word "ال" alone, or ال + what follows
        after_gap = first_heads(b[end + gap.end() :], depth + 1)
        if after_gap is None:
            return None
        return {"ال#"} | after_gap
    if len(head) < 3 and b[end : end + 1] == "(":
        longer = first_heads(b[end:], depth + 1)
        if longer is not None and ("0" not in longer or head in tuple(_PREFIX_LETTERS)):
            # "0" after a one-letter prefix: the word, prefix stripped, starts with a digit
            return {"0" if t == "0" else (head + t)[:3] for t in longer}
    if (
        len(head) == 1
        and head in _PREFIX_LETTERS
        and b[1:3] == "\\d"
        and not _OPTIONAL_DIGIT.match(b[1:])
    ):
        return {"0"}  # a prefixed number: the word, prefix stripped, starts with a digit
    if len(head) < 2:
        return None
    return {head}


def heads_of(sources: Sequence[str]) -> frozenset[str] | None:
    """Return the heads of several regex sources together (None if any is unknown)."""
    heads: set[str] = set()
    for src in sources:
        found = first_heads(src)
        if found is None:
            return None
        heads |= found
    return frozenset(heads)


@lru_cache(maxsize=1 << 16)
def word_heads(word: str) -> frozenset[str]:
    """First two and three letters of a word and of its forms without و ف ب ل ك and ال.

    Examples
    --------
    >>> sorted(word_heads("وبالغارات"))
    ['ال', 'الغ', 'با', 'بال', 'غا', 'غار', 'وب', 'وبا']
    """
    forms = [word]
    if len(word) > 2 and word[0] in "وف":
        forms.append(word[1:])
    for f in list(forms):
        if len(f) > 2 and f[0] in "بلك":
            forms.append(f[1:])
    for f in list(forms):
        if len(f) > 3 and f.startswith(("ال", "لل")):
            forms.append(f[2:])
    heads = {h for f in forms for h in (("0",) if f[:1].isdigit() else (f[:2], f[:3]))}
    for f in forms:
        if f == "ال":
            heads.add("ال#")  # the article standing alone (الـ 72 once tatweel is gone)
        if (f[:1] in _PREFIX_LETTERS and f[1:2].isdigit()) or (
            f.startswith("ال") and f[2:3].isdigit()
        ):
            heads.add("0")
    return frozenset(heads)


class Scanner:
    """Patterns to find together, each with the heads its matches can start with.

    Parameters
    ----------
    patterns : sequence of (re.Pattern, frozenset or None)
        Each pattern with its heads (:func:`first_heads`); None: try it at
        every word.
    """

    def __init__(self, patterns: Sequence[tuple[re.Pattern[str], frozenset[str] | None]]) -> None:
        self.patterns: tuple[re.Pattern[str], ...] = tuple(p for p, _ in patterns)
        self.heads: tuple[frozenset[str] | None, ...] = tuple(h for _, h in patterns)
        self._always = tuple(i for i, h in enumerate(self.heads) if h is None)
        every = set().union(*(h for h in self.heads if h is not None))
        self._by_head: dict[str, tuple[int, ...]] = {
            head: tuple(i for i, h in enumerate(self.heads) if h is not None and head in h)
            for head in every
        }
        self._matchers = tuple(p.match for p in self.patterns)
        self.candidates: Callable[[str], tuple[int, ...]] = lru_cache(maxsize=1 << 16)(
            self._candidates
        )

    def _candidates(self, word: str) -> tuple[int, ...]:
        """Return the indices of the patterns worth trying at a word."""
        found = set(self._always)
        for head in word_heads(word):
            found.update(self._by_head.get(head, ()))
        return tuple(sorted(found))

    def scan(self, norm: str, tokens: Tokens) -> list[list[re.Match[str]]]:
        """Non-overlapping matches of every pattern, in one pass over the words.

        The same as ``[list(p.finditer(norm)) for p in self.patterns]``, since
        each pattern can only start where a word starts and with one of its heads.
        """
        out: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        after = [0] * len(self.patterns)
        candidates = self.candidates
        matchers = self._matchers
        for start, w in zip(tokens.starts, tokens.words, strict=True):
            for i in candidates(w):
                if start < after[i]:
                    continue
                m = matchers[i](norm, start)
                if m is not None:
                    out[i].append(m)
                    end = m.end()
                    after[i] = end if end > start else start + 1
        return out
