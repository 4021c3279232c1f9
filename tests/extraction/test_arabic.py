"""Normalisation for matching Arabic text, and the map back to the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.extraction.arabic import (
    compile_words,
    normalize,
    normalize_text,
    parse_month,
    parse_number,
    word_pattern,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("غارةٌ", "غاره"),  # diacritic and taa marbuta
        ("المقاتـــلات", "المقاتلات"),  # tatweel
        ("أإآٱ", "اااا"),  # hamza forms of alef
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("٣٠ ۴۵", "30 45"),  # Arabic-Indic and Persian digits
        ("طريق تدمر – السخنة", "طريق تدمر - السخنه"),  # en dash
        ("محطة T3", "محطه t3"),
    ],
)
def test_normalize_folds_spelling_variants(raw, folded):
    assert normalize(raw) == folded


def test_offsets_map_a_match_back_to_the_exact_original_span():
    text = "قصفت المقاتلاتُ الروسيّةُ بادية تدمرَ صباحاً"
    n = normalize_text(text)
    m = re.search("تدمر", n.text)
    start, end = n.span(m.start(), m.end())
    assert text[start:end] == "تدمرَ"


@given(st.text(max_size=200))
def test_offsets_are_increasing_and_in_range(text):
    n = normalize_text(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(text)
    assert all(a < b for a, b in zip(n.offsets, n.offsets[1:], strict=False))
    for i in range(len(n.text)):
        start, end = n.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert normalize(text[start:end]) == n.text[i]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("في بادية السخنة", True),
        ("ومحيط والسخنة", True),
        ("بالسخنة", True),
        ("للسخنة", True),
        ("السخنةي", False),  # longer word
        ("اَلسخنة", True),  # diacritic on the article
        ("فالسخنةُ", True),
        ("تسخنة", False),  # substring inside a word
    ],
)
def test_word_pattern_never_matches_inside_a_word(text, hit):
    assert bool(re.search(word_pattern("السخنة"), normalize(text))) is hit


def test_word_pattern_for_a_name_without_article():
    p = re.compile(word_pattern("تدمر"))
    assert p.search(normalize("وبتدمر"))
    assert not p.search(normalize("تدمري"))
    assert not p.search(normalize("متدمر"))


def test_compile_words_prefers_the_longest_phrase():
    p = compile_words("الكوم", "سبخة الكوم")
    assert p.search(normalize("شمال سبخة الكوم")).group() == "سبخه الكوم"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("عشر", 10),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثنتي عشرة", 12),
        ("ثلاث عشرة", 13),
        ("ثلاثة عشر", 13),
        ("سبع عشرة", 17),
        ("تسعة عشر", 19),
        ("عشرين", 20),
        ("عشرون", 20),
        ("خمس وعشرين", 25),
        ("خمسة وعشرون", 25),
        ("واحد وثلاثون", 31),
        ("تسعين", 90),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("ثلاثمئة", 300),
        ("مئة وعشرون", 120),
        ("١٧", 17),
        ("۲۵", 25),
        ("117", 117),
        ("مئتي", 200),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفي", 2000),
        ("ألفين", 2000),
        ("3 آلاف", 3000),
        ("٣ آلاف", 3000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("خمسة عشر ألفاً", 15000),
        ("15 ألف", 15000),
        ("مئة ألف", 100000),
        ("ألف وخمسمئة", 1500),
        ("ثلاثة آلاف وخمسمئة وعشرون", 3520),
        ("3 آلاف و200", 3200),
        ("1,500", 1500),
        ("١٬٥٠٠", 1500),
    ],
)
def test_parse_number_reads_words_in_both_genders(phrase, value):
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    "phrase", ["غارة", "", "عشرات", "ثلاثة غارات", "آلاف", "ألفا", "1.5", "1.5 ألف", "الفرقة"]
)
def test_parse_number_rejects_non_numbers(phrase):
    assert parse_number(phrase) is None


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("أيلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("كانون الأول", 12),
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يوليو", 7),
        ("أغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("آب/أغسطس", 8),
        ("مارس/آذار", 3),
    ],
)
def test_parse_month_knows_syrian_and_egyptian_names(name, month):
    assert parse_month(name) == month


def test_a_word_broken_with_tatweel_and_a_dot_is_read_whole():
    n = normalize_text("قتـ.ـل وجرح عناصر بانفـ.ـجار الألـ.ـغام")
    assert n.text == "قتل وجرح عناصر بانفجار الالغام"
    start = n.text.index("الالغام")
    assert "قتـ.ـل وجرح عناصر بانفـ.ـجار الألـ.ـغام"[slice(*n.span(start, len(n.text)))] == (
        "الألـ.ـغام"
    )
