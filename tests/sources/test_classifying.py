"""The event-type classifier: its rules, its hand labels and its measured report."""

from __future__ import annotations

import importlib.util
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.config import DOCS_DIR, ROOT_DIR, UCDP_DIR, UCDP_GED_SYRIA
from analysis.records.schema import EVENT_TYPES
from analysis.sources import classifying as c
from analysis.sources.classifying import classify_event_type, classify_event_types

LABELS = ROOT_DIR / "tests" / "data" / "ucdp_hand_labels.csv"
GOV, IS = "Government of Syria", "IS"


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT_DIR / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "deaths", "expected"),
    [
        # air wording with IS deaths
        ("Russian warplanes target IS positions in the Badia", (0, 12, 0), "airstrike"),
        # air wording with only civilian deaths: strikes on IS-held areas
        ("Aerial bombardment kills 17 in al-Bab city", (0, 0, 17), "airstrike"),
        # air wording, deaths only among government soldiers: not this event's cause
        ("Warplanes raid the desert near Palmyra", (5, 0, 0), "other"),
        ("Coalition escalates its bombardment east of the Euphrates", (0, 9, 0), "airstrike"),
        # IS as the agent
        ("IS ambush kills 9 soldiers near Palmyra", (9, 0, 0), "attack"),
        ("4 killed by IS shells targeted Der-Ezzor", (0, 0, 4), "attack"),
        ("ISIS continues to target the regime forces and kills 5", (5, 0, 0), "attack"),
        ("A car bomb targets the regime forces near al-Sukhnah", (5, 0, 0), "attack"),
        # an attack with deaths only on the IS side is not an IS attack that killed
        ("IS ambush repelled near Palmyra", (0, 7, 0), "other"),
        # a government or rebel subject attacking is an offensive
        ("Regime forces launch an attack on IS positions", (2, 10, 0), "other"),
        ("The regime forces carry out a surprising attack east of the river", (0, 0, 0), "other"),
        ("Rebel factions attack the Islamic State east of al-Suwaidaa", (2, 2, 0), "other"),
        # IS drones are IS attacks, not air strikes on IS
        ("An ISIS drone kills two soldiers near Deir Ezzor", (2, 0, 0), "attack"),
        # sweep wording
        ("Regime forces launch a combing operation in the Homs desert", (0, 3, 0), "sweep"),
        ("Army units swept the desert east of Palmyra", (0, 0, 0), "sweep"),
        # nothing placeable
        ("Clashes continue east of Homs", (2, 2, 0), "other"),
        ("Syria Daily Report 17/02/2016", (2, 2, 0), "other"),
        ("", (0, 0, 0), "other"),
    ],
)
def test_rules_place_english_headlines(text, deaths, expected):
    a, b, c = deaths
    got = classify_event_type(
        text, side_a=GOV, side_b=IS, deaths_a=a, deaths_b=b, deaths_civilians=c
    )
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غارات جوية روسية على مواقع داعش في بادية حمص", "airstrike"),
        ("حملة تمشيط واسعة في بادية الرقة", "sweep"),
        ("هجوم لخلايا داعش على نقطة لقوات النظام", "attack"),
        ("كمين في بادية السخنة", "attack"),
        ("اشتباكات في محيط تدمر", "other"),
    ],
)
def test_rules_place_arabic_text(text, expected):
    assert classify_event_type(text) == expected


def test_the_wording_that_comes_first_decides():
    air_first = "Warplanes raid al-Mayadin; IS attacks regime posts near al-Sukhnah"
    attack_first = "IS attacks regime posts near al-Sukhnah; warplanes raid al-Mayadin"
    clashes_first = "Violent clashes east of Homs and warplanes raid the Palmyra desert"
    kwargs = {"side_a": GOV, "side_b": IS, "deaths_a": 3, "deaths_b": 3}
    assert classify_event_type(air_first, **kwargs) == "airstrike"
    assert classify_event_type(attack_first, **kwargs) == "attack"
    assert classify_event_type(clashes_first, **kwargs) == "other"


def test_is_as_side_a_is_recognised():
    # non-state dyad IS - SDF: IS is side_a; SDF deaths make an IS attack
    got = classify_event_type(
        "ISIS attacks SDF positions near Hajin", side_a="IS", side_b="SDF", deaths_a=0, deaths_b=6
    )
    assert got == "attack"
    # the same wording where only IS died is not an IS attack that killed
    got = classify_event_type(
        "ISIS attacks SDF positions near Hajin", side_a="IS", side_b="SDF", deaths_a=6, deaths_b=0
    )
    assert got == "other"


def test_unknown_deaths_do_not_block_a_type():
    nan = float("nan")
    assert (
        classify_event_type(
            "IS ambush near Palmyra", side_a=GOV, side_b=IS, deaths_a=nan, deaths_b=None
        )
        == "attack"
    )


@given(
    st.text(max_size=200),
    st.sampled_from(["", GOV, IS, "SDF"]),
    st.sampled_from(["", GOV, IS, "Civilians"]),
    st.one_of(st.none(), st.floats(min_value=0, max_value=500)),
)
def test_every_input_gets_one_of_the_types(text, side_a, side_b, deaths):
    got = classify_event_type(
        text,
        side_a=side_a,
        side_b=side_b,
        deaths_a=deaths,
        deaths_b=deaths,
        deaths_civilians=deaths,
    )
    assert got in EVENT_TYPES


def test_hand_labels_are_complete_and_from_the_population():
    labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
    assert len(labels) >= 200
    assert labels["id"].is_unique
    assert set(labels["label"]) <= set(EVENT_TYPES)
    assert (labels["reason"].str.len() > 0).all()
    assert set(labels["split"]) == {"tune", "holdout"}
    ged = pd.read_csv(UCDP_GED_SYRIA, dtype=str, keep_default_na=False).set_index("id")
    assert (ged.loc[labels["id"], "dyad_name"] == "Government of Syria - IS").all()


def test_hand_label_sample_is_reproduced_by_its_script():
    script = _load_script("sample_ucdp_for_labels")
    sample = script.draw_sample()
    labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
    context = [c for c in sample.columns if c not in ("label", "reason")]
    pd.testing.assert_frame_equal(labels[context], sample[context])


def test_classifier_report_matches_a_fresh_measurement():
    script = _load_script("measure_classifier")
    assert script.build_report() == (DOCS_DIR / "classifier.md").read_text(encoding="utf-8")


def test_scores_are_computed_by_hand_on_a_small_frame():
    script = _load_script("measure_classifier")
    frame = pd.DataFrame(
        {
            "label": ["airstrike", "airstrike", "attack", "other", "other"],
            "predicted": ["airstrike", "other", "airstrike", "other", "other"],
        }
    )
    s = script.score(frame).set_index("type")
    # airstrike: 1 correct of 2 predicted, of 2 labelled
    assert (s.loc["airstrike", "precision"], s.loc["airstrike", "recall"]) == (0.5, 0.5)
    # attack: never predicted (precision undefined), 0 of 1 found
    assert pd.isna(s.loc["attack", "precision"])
    assert s.loc["attack", "recall"] == 0.0
    assert s.loc["other", "precision"] == pytest.approx(2 / 3)
    assert s.loc["other", "recall"] == 1.0
    assert pd.isna(s.loc["sweep", "recall"])


def _as_number(value: str) -> float:
    return float(value) if value.strip() else float("nan")


def reference_classify(text, side_a, side_b, deaths_a, deaths_b, deaths_civilians) -> str:
    """The rules of the module docstring, one text at a time with Python's ``re``.

    The row-by-row classifier the column classifier replaced, kept as an
    independent route: Python's ``re`` finds each wording, ``min`` picks the first.
    """
    text = text or ""

    def zero(x: float) -> float:
        return 0.0 if math.isnan(x) else x

    a_is, b_is = bool(c.IS_SIDE_PATTERN.search(side_a)), bool(c.IS_SIDE_PATTERN.search(side_b))
    a, b = zero(deaths_a), zero(deaths_b)
    is_deaths = (a if a_is else 0.0) + (b if b_is else 0.0)
    combatant = (0.0 if a_is else a) + (0.0 if b_is else b)
    civilians = zero(deaths_civilians)
    hits = []
    if m := c.SWEEP_PATTERN.search(text):
        hits.append((m.start(), "sweep"))
    drone = c.IS_DRONE_PATTERN.search(text)
    if (
        (m := c.AIR_PATTERN_WITH_COALITION.search(text))
        and not drone
        and (is_deaths > 0 or civilians > 0 or combatant == 0 or not (a_is or b_is))
    ):
        hits.append((m.start(), "airstrike"))
    if combatant + civilians > 0 or is_deaths == 0:
        if m := c.IS_ACTION_PATTERN.search(text):
            hits.append((m.start(), "attack"))
        elif drone and combatant + civilians > 0:
            hits.append((drone.start(), "attack"))
        elif (m := c.ATTACK_PATTERN.search(text)) and not c.ATTACKER_NOT_IS_PATTERN.search(text):
            hits.append((m.start(), "attack"))
    if not hits:
        return "other"
    if m := c.OTHER_LEAD_PATTERN.search(text):
        hits.append((m.start(), "other"))
    return min(hits)[1]


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [UCDP_GED_SYRIA, UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz"]
)
def test_the_column_classifier_equals_python_re_on_every_shipped_headline(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    deaths = {k: raw[k].map(_as_number) for k in ("deaths_a", "deaths_b", "deaths_civilians")}
    by_column = classify_event_types(
        raw["source_headline"], side_a=raw["side_a"], side_b=raw["side_b"], **deaths
    )
    by_row = [
        reference_classify(*row)
        for row in zip(
            raw["source_headline"],
            raw["side_a"],
            raw["side_b"],
            deaths["deaths_a"],
            deaths["deaths_b"],
            deaths["deaths_civilians"],
            strict=True,
        )
    ]
    if path == UCDP_GED_SYRIA:
        assert set(by_row) == set(EVENT_TYPES)  # every type occurs
        assert raw["source_headline"].str.contains("[^\\x00-\\x7F]").sum() > 3000  # not ASCII
    assert by_column.tolist() == by_row


_WORDS = (
    "IS",
    "ISIS",
    "Islamic State",
    "the organization",
    "attack",
    "attacks",
    "ambush",
    "by",
    "of",
    "kills",
    "shells",
    "targets",
    "warplanes",
    "air raids",
    "drone",
    "drones",
    "coalition",
    "bombardment",
    "combing",
    "sweep",
    "swept",
    "mop-up",
    "regime forces",
    "army",
    "clashes",
    "car bomb",
    "repelled",
    "near",
    "Palmyra",
    ";",
    ",",
    '"',
    "'s",
    "is",
    "Isis",
    "“IS”",
)


@given(
    text=st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join),
    deaths=st.tuples(*[st.sampled_from([0.0, 1.0, float("nan")])] * 3),
    sides=st.sampled_from([(GOV, IS), (IS, GOV), (GOV, "Syrian insurgents")]),
)
def test_the_column_classifier_equals_python_re_on_latin_wording(text, deaths, sides):
    one = classify_event_type(
        text,
        side_a=sides[0],
        side_b=sides[1],
        deaths_a=deaths[0],
        deaths_b=deaths[1],
        deaths_civilians=deaths[2],
    )
    assert one == reference_classify(text, *sides, *deaths)
