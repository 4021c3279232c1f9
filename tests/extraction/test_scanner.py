"""One pass over the words finds what finditer finds (analysis.extraction.scanner)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.config import EXTRACTION_DEV_SET, EXTRACTION_HELDOUT_SET
from analysis.extraction.arabic import normalize_text
from analysis.extraction.assembly import SCANNER
from analysis.extraction.scanner import Scanner, first_heads, word_heads
from analysis.extraction.scoring import load_annotated
from analysis.extraction.structure import TOKEN, Tokens

_PASSAGES = [
    p["text"] for path in (EXTRACTION_DEV_SET, EXTRACTION_HELDOUT_SET) for p in load_annotated(path)
]
_WORDS = sorted({w for text in _PASSAGES for w in text.split()})
# text made of words of the annotated passages, punctuation and junk, in any order
_report_like = st.lists(
    st.one_of(
        st.sampled_from(_WORDS), st.sampled_from(["،", ".", "\n", "- ", "ـ"]), st.text(max_size=4)
    ),
    max_size=40,
).map(" ".join)


def _scan_equals_finditer(text: str, scanner: Scanner = SCANNER) -> None:
    norm = normalize_text(text).text
    fast = scanner.scan(norm, Tokens.of(norm))
    for pattern, got in zip(scanner.patterns, fast, strict=True):
        assert [m.span() for m in got] == [m.span() for m in pattern.finditer(norm)], pattern


def test_scanner_finds_what_finditer_finds_on_the_annotated_sets():
    for text in _PASSAGES:
        _scan_equals_finditer(text)


@given(_report_like)
def test_scanner_finds_what_finditer_finds_on_report_like_text(text):
    _scan_equals_finditer(text)


def test_every_pattern_but_a_few_is_tried_only_at_its_heads():
    unknown = [
        p.pattern[:40] for p, h in zip(SCANNER.patterns, SCANNER.heads, strict=True) if h is None
    ]
    assert len(unknown) <= 2, unknown


@pytest.mark.parametrize(
    ("source", "heads"),
    [
        ("(?:غارات|ضربات)", {"غار", "ضرب"}),
        (r"(?<![^\W_])[وف]?غاره", {"وغا", "فغا", "غار"}),
        (r"\d+\s+غاره", {"0"}),
        (r"ال\s*\d+", {"ال#", "0"}),
        (r"\s+x", None),
    ],
)
def test_first_heads_are_the_letters_a_match_starts_with(source, heads):
    assert first_heads(source) == heads


def test_word_heads_cover_the_word_without_its_prefixes():
    assert {"غا", "غار"} <= word_heads("وبالغارات")
    assert "0" in word_heads("بـ3".replace("ـ", ""))


def test_a_pattern_whose_heads_are_unknown_is_tried_at_every_word():
    p = re.compile(r"(?<!x)\w+ه")
    scanner = Scanner([(p, None)])
    _scan_equals_finditer("غاره ثم غارات وسط", scanner)
    assert scanner.candidates("ثم") == (0,)


def test_tokens_are_the_words_of_the_text():
    norm = "غاره، علي  تدمر"
    tokens = Tokens.of(norm)
    assert list(zip(tokens.starts, tokens.ends, tokens.words, strict=True)) == [
        (m.start(), m.end(), m.group()) for m in TOKEN.finditer(norm)
    ]
    assert len(Tokens.of("")) == 0
