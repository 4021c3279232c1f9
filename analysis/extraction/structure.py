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
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import normalize, normalize_pattern

TOKEN: Final = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits."""

SUMMARY_HEAD: Final = re.compile(normalize_pattern(lexicon.SUMMARY_HEADS))
BULLET: Final = re.compile(r"^\s*(?:[-•*·▪●◦‣–—]|\d{1,2}[.)])\s*")
SENTENCE_END: Final = re.compile(r"[.!?؟\n]+(?=\s|$|[\"'])|\n")
CLAUSE_END: Final = re.compile(r"[،,؛;:]")


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
        found = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(norm)]
        if not found:
            return cls((), (), ())
        starts, ends, words = zip(*found, strict=True)
        return cls(starts, ends, words)

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


def sentence_spans(norm: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of a normalised text (blank ones left out)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(norm):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
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

    @classmethod
    def of(cls, norm: str) -> Sentences:
        """Split a normalised text into sentences."""
        spans = sentence_spans(norm)
        return cls(norm, spans, [s for s, _ in spans])

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
        return clause_span(self.norm, pos, s_start, s_end)


def clause_span(norm: str, pos: int, s_start: int, s_end: int) -> tuple[int, int]:
    """Return the span of the clause around ``pos`` between ``s_start`` and ``s_end``."""
    left = s_start
    for m in CLAUSE_END.finditer(norm, s_start, pos):
        left = m.end()
    right_m = CLAUSE_END.search(norm, pos, s_end)
    return left, right_m.start() if right_m else s_end
