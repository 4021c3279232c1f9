"""The one geography: governorate spellings, the gazetteer table, the IS patterns."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.config import GAZETTEER
from analysis.sources.places import (
    BADIA_GOVERNORATES,
    GOVERNORATES,
    IS_ACTOR_PATTERN,
    IS_SIDE_PATTERN,
    STATE_OR_ALLIED_ACTOR_PATTERN,
    UNIDENTIFIED_ACTOR_PATTERN,
    gazetteer_rows,
    load_places,
    normalise_governorate,
    normalise_governorates,
)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        # UCDP adm_1
        ("Homs governorate", "Homs"),
        ("Deir ez Zor Governorate", "Deir ez-Zor"),
        ("Ar Raqqah governorate", "Raqqa"),
        ("Hamah Governorate", "Hama"),
        ("Aleppo governorate", "Aleppo"),
        ("Rif Dimashq Governorate", "Damascus countryside"),
        ("As Suwayda Governorate", "Suwayda"),
        # ACLED admin1
        ("Deir-ez-Zor", "Deir ez-Zor"),
        ("Ar-Raqqa", "Raqqa"),
        ("Idleb", "Idlib"),
        ("Rural Damascus", "Damascus countryside"),
        ("Al-Hasakeh", "Hasakah"),
        ("Lattakia", "Latakia"),
        ("Tartous", "Tartus"),
        ("Dara'a", "Daraa"),
        # the names themselves, and what is not a Syrian governorate
        ("Deir ez-Zor", "Deir ez-Zor"),
        ("  Hama ", "Hama"),
        ("Somewhere Governorate", "Somewhere"),
        ("", ""),
    ],
)
def test_governorate_spellings_of_every_source_become_one_name(spelling, name):
    assert normalise_governorate(spelling) == name


def test_every_governorate_name_is_its_own_spelling():
    assert [normalise_governorate(g) for g in GOVERNORATES] == list(GOVERNORATES)
    assert set(BADIA_GOVERNORATES) <= set(GOVERNORATES)


def test_the_gazetteer_uses_the_governorate_names_and_its_aliases_normalise_to_them():
    rows = gazetteer_rows()
    # several governorates are ';'-joined (a region, a road across a border); an added
    # place whose governorate no source gives has none
    named = {g for r in rows for g in r["admin1"].split(";")}
    assert named - {""} <= set(GOVERNORATES)
    assert all(r["admin1"] for r in gazetteer_rows(GAZETTEER))  # the shipped file names all
    for row in rows:
        if row["name_en"] == row["admin1"]:  # a whole-governorate entry
            for alias in filter(None, row["aliases_en"].split("|")):
                assert normalise_governorate(alias) == row["admin1"], alias


def test_load_places_is_the_gazetteer_rows_with_numeric_coordinates():
    places = load_places()
    assert len(places) == len(gazetteer_rows())
    assert places["latitude"].dtype.kind == "f"
    assert places["latitude"].dropna().between(32, 37).all()
    assert places["longitude"].dropna().between(35, 42.5).all()


@pytest.mark.parametrize(
    ("side", "is_is"),
    [
        ("IS", True),
        ("Government of Syria - IS", True),
        ("ISIS", False),
        ("Syrian insurgents", False),
    ],
)
def test_the_ucdp_side_pattern_wants_the_word_is(side, is_is):
    assert bool(IS_SIDE_PATTERN.search(side)) is is_is


@pytest.mark.parametrize(
    ("actor", "is_is"),
    [
        ("Islamic State (Syria)", True),
        ("Islamic State (Iraq)", True),
        ("Islamic State in Iraq and the Levant (ISIL)", True),
        ("ISIL", True),
        ("  Daesh", True),
        ("Tribal Militia (Syria); Islamic State (Syria)", True),  # one name of a list
        ("Military Forces of Syria (2000-)", False),
        ("Global Coalition Against Daesh", False),  # mentions IS, is not IS
        ("Global Coalition Against Daesh; Military Forces of the United States (2021-)", False),
        ("Anti-Islamic State Militia (Syria)", False),
        ("Islamic Statehood Party", False),
        ("", False),
    ],
)
def test_the_acled_actor_pattern_wants_a_name_that_is_the_islamic_state(actor, is_is):
    assert bool(IS_ACTOR_PATTERN.search(actor)) is is_is


@pytest.mark.parametrize(
    ("actor", "matched"),
    [
        ("Military Forces of Syria (2000-2024)", True),
        ("Police Forces of Syria (2000-2024) Military Security", True),
        ("QSD: Syrian Democratic Forces", True),
        ("NDF: National Defence Forces", True),
        ("Global Coalition Against Daesh", True),
        ("Islamic State (Syria)", False),
        ("Protesters (Syria)", False),
        ("Unidentified Armed Group (Syria)", False),
    ],
)
def test_state_and_allied_forces_are_named(actor, matched):
    assert bool(STATE_OR_ALLIED_ACTOR_PATTERN.search(actor)) is matched


def test_unidentified_armed_groups_are_named_at_the_start():
    assert UNIDENTIFIED_ACTOR_PATTERN.search("Unidentified Armed Group (Syria)")
    assert not UNIDENTIFIED_ACTOR_PATTERN.search("Civilians (Syria); Unidentified Armed Group")


def test_a_column_of_spellings_is_normalised_like_each_one():
    names = pd.Series(["Idleb", None, "Deir ez Zor", "Ar Raqqah governorate", "Idleb", "Kirkuk"])
    got = normalise_governorates(names)
    assert got.tolist() == ["Idlib", None, "Deir ez-Zor", "Raqqa", "Idlib", "Kirkuk"]
    assert got.index.equals(names.index)
