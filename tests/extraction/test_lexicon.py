"""The vocabulary is data, and every entry compiles.

(analysis.extraction.lexicon and analysis.extraction.lexicon_dates_counts)
"""

from __future__ import annotations

import ast
import inspect
import re
from types import ModuleType

import pytest

from analysis.extraction import lexicon, lexicon_dates_counts
from analysis.extraction.arabic import normalize_pattern
from analysis.extraction.dates import DATE_PATTERNS

KINDS = {"airstrike", "sweep", "attack"}
FORMS = {
    "noun_sg",
    "noun_pl",
    "noun_dual",
    "noun_ref",
    "noun_campaign",
    "noun_mine",
    "noun_op",
    "masdar",
    "verb_is",
    "verb_air",
    "noun_air",
}


def _names(module: ModuleType) -> list[str]:
    tree = ast.parse(inspect.getsource(module))
    names = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom) and node.module == "typing":
            continue  # Final, for the type checker
        assert isinstance(node, ast.AnnAssign), ast.dump(node)[:80]
        ast.literal_eval(node.value)  # a literal, nothing computed
        names.append(node.target.id)
    return names


@pytest.mark.parametrize(("module", "at_least"), [(lexicon, 20), (lexicon_dates_counts, 10)])
def test_the_lexicon_is_plain_data(module: ModuleType, at_least: int):
    names = _names(module)
    assert len(names) == len(set(names)) >= at_least


def test_no_name_is_in_both_word_modules():
    assert not set(_names(lexicon)) & set(_names(lexicon_dates_counts))


def test_every_trigger_has_a_known_kind_and_form_and_compiles():
    for kind, form, source in lexicon.TRIGGERS:
        assert kind in KINDS, kind
        assert form in FORMS, form
        re.compile(normalize_pattern(source))
    assert {kind for kind, _, _ in lexicon.TRIGGERS} == KINDS


def test_every_regex_source_compiles():
    for module in (lexicon, lexicon_dates_counts):
        for name in dir(module):
            value = getattr(module, name)
            if name.isupper() and isinstance(value, str):
                re.compile(normalize_pattern(value))
    for _, group, source in lexicon.ACTORS:
        assert group in {"air", "ground", "is"}
        re.compile(normalize_pattern(source))


def test_every_date_phrase_has_a_priority_and_its_slots_filled():
    assert {kind for kind, _ in lexicon_dates_counts.DATE_PHRASES} == set(
        lexicon_dates_counts.DATE_PRIORITY
    )
    for _, pattern in DATE_PATTERNS:
        assert "{WEEKDAY}" not in pattern.pattern
        assert "{MONTH}" not in pattern.pattern


def test_count_qualifiers_bound_the_count_in_one_of_four_ways():
    assert set(lexicon_dates_counts.COUNT_QUALIFIERS.values()) == {
        "more",
        "atleast",
        "about",
        "less",
    }
    assert [name for name, *_ in lexicon_dates_counts.VAGUE_COUNTS] == [
        "tens",
        "hundreds",
        "thousands",
        "several",
    ]
