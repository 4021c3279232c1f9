"""Where things are in a report, for the rules that look beyond one sentence.

:class:`Layout` holds a report's normalised text with its sentences, heading
lines, lead, line starts and date phrases, and answers the questions the rules
that group mentions into episodes ask of them
(:mod:`analysis.extraction.episodes`): the paragraph around a position, the
date of the list a sentence is an item of, the date of the sentences that
continue an event, whether Islamic State is named near a position, whether a
sentence counts the dead, turns back to an earlier matter or adds another event.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from analysis.extraction import lexicon
from analysis.extraction.arabic import compile_words, normalize_pattern
from analysis.extraction.dates import Date
from analysis.extraction.structure import Sentences, SpanSet

_TOLL: Final = compile_words(*lexicon.TOLL_WORDS)
_ALSO: Final = re.compile(normalize_pattern(lexicon.ALSO))
_FLASHBACK: Final = re.compile(normalize_pattern(lexicon.FLASHBACK))


@dataclass(frozen=True)
class Layout:
    """Where things are in a report, for the rules that look beyond one sentence.

    Attributes
    ----------
    norm : str
        The normalised text.
    sentences : Sentences
    headings : SpanSet
        Heading lines (normalised spans): a title, subheadings, captions.
    lead : (int, int) or None
        The first body line when more follow (normalised span).
    lines : list of int
        Where each line starts (normalised), for the paragraph of a position.
    with_mentions : frozenset of int
        Sentences that hold a mention.
    is_actors : list of int
        Where Islamic State is named (normalised positions, sorted).
    dates : list of Date
        Every date phrase, in text order (reported ones too).
    published : datetime.date
    """

    norm: str
    sentences: Sentences
    headings: SpanSet
    lead: tuple[int, int] | None
    lines: list[int]
    with_mentions: frozenset[int]
    is_actors: list[int]
    dates: list[Date]
    published: dt.date

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def line_of(self, pos: int) -> tuple[int, int]:
        """Return the line (paragraph) around a position."""
        i = bisect_right(self.lines, pos) - 1
        start = self.lines[max(i, 0)]
        end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else len(self.norm)
        return start, end

    def paragraphs_around(self, pos: int, n: int) -> tuple[int, int]:
        """Return the span from ``n`` non-blank lines before the line of ``pos`` to ``n`` after."""
        i = bisect_right(self.lines, pos) - 1
        lo = hi = max(i, 0)
        for _ in range(n):
            lo -= 1
            while lo > 0 and not self._line_text(lo).strip():
                lo -= 1
            hi += 1
            while hi < len(self.lines) - 1 and not self._line_text(hi).strip():
                hi += 1
        lo, hi = max(lo, 0), min(hi, len(self.lines) - 1)
        end = self.lines[hi + 1] - 1 if hi + 1 < len(self.lines) else len(self.norm)
        return self.lines[lo], end

    def _line_text(self, i: int) -> str:
        end = self.lines[i + 1] - 1 if i + 1 < len(self.lines) else len(self.norm)
        return self.norm[self.lines[i] : end]

    def before_body(self, pos: int) -> bool:
        """Whether a position lies before the first body line (in the title block)."""
        return self.lead is None or pos < self.lead[0]

    def in_lead(self, pos: int) -> bool:
        """Whether a position lies in the lead."""
        return self.lead is not None and self.lead[0] <= pos < self.lead[1]

    def is_named_in(self, lo: int, hi: int) -> bool:
        """Whether Islamic State is named in ``[lo, hi)``."""
        i = bisect_left(self.is_actors, lo)
        return i < len(self.is_actors) and self.is_actors[i] < hi

    def dates_in(self, sentence: int) -> list[Date]:
        """Return the date phrases of a sentence that date events (not statements)."""
        s0, s1 = self.sentences.spans[sentence]
        lo, hi = bisect_left(self._date_starts, s0), bisect_left(self._date_starts, s1)
        return [d for d in self.dates[lo:hi] if not d.reported]

    def list_head_date(self, sentence: int) -> Date | None:
        """Return the date of the line that heads a list this sentence is an item of.

        A sentence ending with ":" heads the lines after it (a toll "since the start
        of the year, they are:" and its items).
        """
        for back in range(1, 8):
            si = sentence - back
            if si < 0:
                return None
            s0, s1 = self.sentences.spans[si]
            if "\n\n" in self.norm[s1 : self.sentences.spans[si + 1][0]]:
                return None  # a blank line ends a list
            if self.norm[s0:s1].rstrip().endswith(":"):
                found = [d for d in self.dates_in(si) if not d.vague]
                return found[-1] if found else None
        return None

    def continuation_date(self, sentence: int) -> Date | None:
        """Return the first date of the next sentences that continue an event.

        They continue it when they have no trigger of their own and do not open
        with the pluperfect كان, which turns to an earlier matter.

        At most two sentences are read, within the same line or the next.
        """
        _line_start, line_end = self.line_of(self.sentences.spans[sentence][0])
        next_line_end = self.line_of(line_end + 1)[1] if line_end < len(self.norm) else line_end
        for si in (sentence + 1, sentence + 2):
            if si >= len(self.sentences) or si in self.with_mentions:
                return None
            if self.sentences.spans[si][0] > next_line_end:
                return None
            if self.headings.covers(self.sentences.spans[si][0]):
                return None
            if self.turns_back(si):
                return None  # وكان التنظيم قد نشر ...: an earlier matter, not this event
            found = [d for d in self.dates_in(si) if not (d.vague or d.background or d.aggregate)]
            if found:
                return found[0]
        return None

    def toll(self, sentence: int) -> bool:
        """Whether a sentence counts the dead (a toll)."""
        s0, s1 = self.sentences.spans[sentence]
        return _TOLL.search(self.norm, s0, s1) is not None

    def turns_back(self, sentence: int) -> bool:
        """Whether a sentence opens with the pluperfect كان (an earlier matter or report)."""
        s0, _s1 = self.sentences.spans[sentence]
        return _FLASHBACK.match(self.norm, s0) is not None

    def adds_another(self, sentence: int) -> bool:
        """Whether a sentence opens with a word that adds another event (كما)."""
        s0, _s1 = self.sentences.spans[sentence]
        return _ALSO.match(self.norm, s0) is not None
