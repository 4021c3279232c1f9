"""The shape of a report: its words, its lead summary, its sentences and clauses.

Everything here works on the normalised text (:mod:`analysis.extraction.arabic`)
except :func:`summary_spans`, which reads the report as published (its lines).

Examples
--------
>>> from analysis.extraction.arabic import normalize
>>> norm = normalize("غارة على تدمر، وأخرى على السخنة. ثم هدوء")
>>> sentences = Sentences.of(norm)
>>> [norm[s:e] for s, e in sentences.spans]
['غاره علي تدمر، واخري علي السخنه', ' ثم هدوء']
>>> s, e = sentences.clause(20, 0)
>>> norm[s:e]
' واخري علي السخنه'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import normalize, normalize_pattern

TOKEN: Final = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits."""

SUMMARY_HEAD: Final = re.compile(normalize_pattern(lexicon.SUMMARY_HEADS))
LINK_LINE: Final = re.compile(normalize_pattern(lexicon.LINK_LINES))
_CAPTION: Final = re.compile(normalize_pattern(lexicon.CAPTION_CREDIT), re.IGNORECASE)
_HEADING_MAX: Final = 160
"""A heading is shorter than this (characters)."""
_HEADING_WITH_COMMA_MAX: Final = 90
"""A line with a comma is a heading only when shorter than this: longer, it is a body
paragraph whose stop is missing."""
_LINE_STOP: Final = re.compile(r"[.!?؟:…]+[\s\"'»”)\]]*$")
"""A line that ends a sentence (a stop, then maybe quotes or brackets)."""
_INNER_STOP: Final = re.compile(r"(?<!\.)[.!?؟](?!\.)\s")
"""A sentence stop inside a line (two dots in a title are not one)."""
BULLET: Final = re.compile(r"^\s*(?:[-•*·▪●◦‣–—]|\d{1,2}[.)])\s*")
SENTENCE_END: Final = re.compile(r"[.!?؟\n]+(?=\s|$|[\"'])|\n")
"""Where a sentence ends: a run of stops before white space, a quote or the end of
the text, or a line break.  :func:`sentence_spans` finds these marks in one pass
(the regex itself backtracks over long runs of stops)."""
CLAUSE_END: Final = re.compile(r"[،,؛;:]")
_STOP_RUN: Final = re.compile(r"[.!?؟\n]+")
_AFTER_STOP: Final = re.compile(r"\s|[\"']")


@dataclass(frozen=True)
class Tokens:
    """The words of a normalised text, as three parallel tuples.

    Attributes
    ----------
    starts, ends : tuple of int
        Span of each word in the text.
    words : tuple of str
        The words themselves.

    Examples
    --------
    >>> Tokens.of("غاره علي تدمر").words
    ('غاره', 'علي', 'تدمر')
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, norm: str) -> Tokens:
        """Tokenise a normalised text."""
        spans = [m.span() for m in TOKEN.finditer(norm)]
        return cls(
            tuple([s for s, _ in spans]), tuple([e for _, e in spans]), tuple(TOKEN.findall(norm))
        )

    def __len__(self) -> int:
        return len(self.words)


def tokens_after(norm: str, pos: int, n: int) -> list[str]:
    """Return up to ``n`` words that start at or after ``pos`` (looking a short way)."""
    return [m.group() for m in TOKEN.finditer(norm, pos, min(len(norm), pos + 12 * n))][:n]


def tokens_before(norm: str, pos: int, n: int) -> list[str]:
    """Return up to ``n`` words that end at or before ``pos`` (looking a short way)."""
    return [m.group() for m in TOKEN.finditer(norm, max(0, pos - 12 * n), pos)][-n:]


def summary_spans(text: str) -> list[tuple[int, int]]:
    r"""Return the character spans (original text) of a lead summary block.

    A summary is a short head line ("استمع إلى الملخص") followed by bullets, or
    two or more bullet lines, before the first line of the body.  A text with
    no body line has no summary.

    Examples
    --------
    >>> summary_spans("الملخص\n- غارة\nنص المقال")
    [(0, 6), (7, 13)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    block: list[tuple[int, int]] = []
    in_summary = False
    seen_body = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if not seen_body and len(stripped) < 40 and SUMMARY_HEAD.search(normalize(stripped)):
            in_summary = True
            block.append((start, end))
            continue
        if not seen_body and BULLET.match(line):
            block.append((start, end))
            continue
        if block and (in_summary or len(block) > 1 or not seen_body):
            spans.extend(block)
        block = []
        seen_body = True
        in_summary = False
    return spans if seen_body else []


@dataclass(frozen=True)
class Page:
    r"""The parts of a report as a page shows them (spans of the original text).

    Attributes
    ----------
    links : list of (start, end)
        Lines that link to other articles ("اقرأ أيضاً: ...") and photo captions that
        end with the picture's credit ("... - AFP"): not part of the report.
    headings : list of (start, end)
        Short lines that end without a stop: the title, subheadings, captions, date
        lines.  They retell the body; an event only they tell is still an event.
    lead : (start, end) or None
        The first line of the body when more body lines follow (it may retell them).

    Examples
    --------
    >>> page = Page.of("غارات على تدمر\nنفذت المقاتلات غارات.\nاقرأ أيضاً: خبر\nوقتل عنصر.")
    >>> page.headings, page.links, page.lead
    ([(0, 14)], [(37, 52)], (15, 36))
    """

    links: list[tuple[int, int]]
    headings: list[tuple[int, int]]
    lead: tuple[int, int] | None

    @classmethod
    def of(cls, text: str) -> Page:
        """Read the lines of a report as published."""
        links: list[tuple[int, int]] = []
        headings: list[tuple[int, int]] = []
        body: list[tuple[int, int]] = []
        pos = 0
        lines = text.split("\n")
        for line in lines:
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            if LINK_LINE.search(normalize(stripped)) or (
                _is_heading(stripped) and _CAPTION.search(normalize(stripped))
            ):
                links.append((start, end))
            elif _is_heading(stripped):
                headings.append((start, end))
            else:
                body.append((start, end))
        if not body or len(body) + len(headings) < 2:  # no body line, or one line in all
            return cls(links, [], body[0] if len(body) > 1 else None)
        return cls(links, headings, body[0] if len(body) > 1 else None)


def _is_heading(line: str) -> bool:
    """Whether a (stripped) line reads as a heading: short, no stop inside or at its end."""
    return (
        len(line) < (_HEADING_MAX if "،" not in line else _HEADING_WITH_COMMA_MAX)
        and _LINE_STOP.search(line) is None
        and _INNER_STOP.search(line) is None
    )


def sentence_marks(norm: str) -> Iterator[tuple[int, int]]:
    """Yield the spans :data:`SENTENCE_END` matches, in linear time.

    Within a run of stops, the regex takes the whole run if white space, a quote
    or the end of the text follows it; else the run up to its last line break,
    then that line break; else only a line break that opens the run.
    """
    n = len(norm)
    for run in _STOP_RUN.finditer(norm):
        a, j = run.span()
        if j == n or _AFTER_STOP.match(norm, j):
            yield a, j
            continue
        k = norm.rfind("\n", a + 1, j)
        if k != -1:
            yield a, k
            yield k, k + 1
        elif norm[a] == "\n":
            yield a, a + 1


def sentence_spans(norm: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of a normalised text (blank ones left out)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m_start, m_end in sentence_marks(norm):
        if m_start > start:
            out.append((start, m_start))
        start = m_end
    if start < len(norm):
        out.append((start, len(norm)))
    return [(s, e) for s, e in out if norm[s:e].strip()]


@dataclass(frozen=True)
class Sentences:
    """The sentences of a normalised text, and the clauses inside them.

    Attributes
    ----------
    norm : str
        The normalised text.
    spans : list of (start, end)
        The sentences, in order (:func:`sentence_spans`).
    starts : list of int
        Where each sentence starts (for :meth:`index_of`).
    """

    norm: str
    spans: list[tuple[int, int]]
    starts: list[int]
    cuts: list[int] = field(default_factory=list)
    """Where each clause mark is (sorted)."""

    @classmethod
    def of(cls, norm: str) -> Sentences:
        """Split a normalised text into sentences."""
        spans = sentence_spans(norm)
        cuts = [m.start() for m in CLAUSE_END.finditer(norm)]
        return cls(norm, spans, [s for s, _ in spans], cuts)

    def __len__(self) -> int:
        return len(self.spans)

    def index_of(self, pos: int) -> int:
        """Return the index of the last sentence starting at or before ``pos`` (-1 if none)."""
        return bisect_right(self.starts, pos) - 1

    def clause(self, pos: int, sentence: int) -> tuple[int, int]:
        """Return the span of the clause around ``pos`` inside sentence number ``sentence``.

        Clauses are cut at ``، , ؛ ; :``; the span starts after the last cut
        before ``pos`` and ends at the first cut at or after it.
        """
        s_start, s_end = self.spans[sentence]
        i = bisect_left(self.cuts, pos)  # the cuts before pos are cuts[:i]
        left = self.cuts[i - 1] + 1 if i > 0 and self.cuts[i - 1] >= s_start else s_start
        right = self.cuts[i] if i < len(self.cuts) and self.cuts[i] < s_end else s_end
        return left, right


class SpanSet:
    """Spans of a text, asked whether they cover a position (in logarithmic time).

    Parameters
    ----------
    spans : iterable of (start, end)
        Half-open spans, in any order; they may overlap.

    Examples
    --------
    >>> s = SpanSet([(5, 9), (0, 2)])
    >>> [s.covers(p) for p in (0, 2, 5, 8, 9)]
    [True, False, True, True, False]
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))

    def covers(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
