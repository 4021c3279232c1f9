"""The vocabulary is data, and every entry compiles (analysis.extraction.lexicon)."""

from __future__ import annotations

import ast
import inspect
import re

from analysis.extraction import lexicon
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


def test_the_lexicon_is_plain_data():
    tree = ast.parse(inspect.getsource(lexicon))
    names = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom) and node.module == "typing":
            continue  # Final, for the type checker
        assert isinstance(node, ast.AnnAssign), ast.dump(node)[:80]
        ast.literal_eval(node.value)  # a literal, nothing computed
        names.append(node.target.id)
    assert len(names) == len(set(names)) >= 20


def test_every_trigger_has_a_known_kind_and_form_and_compiles():
    for kind, form, source in lexicon.TRIGGERS:
        assert kind in KINDS, kind
        assert form in FORMS, form
        re.compile(normalize_pattern(source))
    assert {kind for kind, _, _ in lexicon.TRIGGERS} == KINDS


def test_every_regex_source_compiles():
    for name in dir(lexicon):
        value = getattr(lexicon, name)
        if name.isupper() and isinstance(value, str):
            re.compile(normalize_pattern(value))
    for _, group, source in lexicon.ACTORS:
        assert group in {"air", "ground", "is"}
        re.compile(normalize_pattern(source))


def test_every_date_phrase_has_a_priority_and_its_slots_filled():
    assert {kind for kind, _ in lexicon.DATE_PHRASES} == set(lexicon.DATE_PRIORITY)
    for _, pattern in DATE_PATTERNS:
        assert "{WEEKDAY}" not in pattern.pattern
        assert "{MONTH}" not in pattern.pattern


def test_count_qualifiers_bound_the_count_in_one_of_four_ways():
    assert set(lexicon.COUNT_QUALIFIERS.values()) == {"more", "atleast", "about", "less"}
    assert [name for name, *_ in lexicon.VAGUE_COUNTS] == [
        "tens",
        "hundreds",
        "thousands",
        "several",
    ]
