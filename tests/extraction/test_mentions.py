"""What and who: triggers, their conditions, and actors (analysis.extraction.mentions)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.extraction import extract_events, extract_records
from analysis.extraction.arabic import normalize
from analysis.extraction.mentions import _LEADS, Actors, Found, find_actors


def _one(text: str, published: str) -> dict:
    recs = extract_records(text, published)
    assert len(recs) == 1, recs
    return recs[0]


def _triple(rec: dict) -> tuple:
    return rec["count"], rec["count_low"], rec["count_high"]


@pytest.mark.parametrize(
    "phrase", ["هجوم للتنظيم", "هجوم لتنظيم الدولة", "هجوم للدولة الإسلامية", "هجوم للخلايا"]
)
def test_islamic_state_is_named_after_an_attached_li(phrase):
    rec = _one(f"سجلت مصادر محلية اليوم {phrase} في بادية السخنة.", "2024-04-10")
    assert rec["actor"] == "Islamic State"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "قالت مصادر إن مقاتلات تابعة للتحالف الدولي قصفت أمس موقعاً في بادية البوكمال.",
            "US-led coalition",
        ),
        (
            "وذكر ناشطون أن الطائرات الحربية الروسية ضربت أمس مواقع في جبل البشري.",
            "Russian air force",
        ),
    ],
)
def test_aircraft_named_before_the_verb_make_a_strike(sentence, actor):
    rec = _one(sentence, "2024-04-10")
    assert (rec["event_type"], rec["actor"], rec["date_start"]) == (
        "airstrike",
        actor,
        dt.date(2024, 4, 9),
    )
    assert _triple(rec) == (None, 1.0, None)  # a verb gives at least one strike


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("شنت المقاتلات الروسية اليوم غارة على تدمر.", "Russian air force"),
        ("شن الطيران الحربي السوري اليوم غارة على تدمر.", "Syrian air force"),
        ("شنت طائرات التحالف الدولي اليوم غارة على تدمر.", "US-led coalition"),
        ("أطلقت قوات النظام اليوم حملة تمشيط في بادية تدمر.", "Syrian government forces"),
        ("أطلقت قوات النظام بقيادة الفرقة 25 اليوم حملة تمشيط في بادية تدمر.", "25th Division"),
        ("أطلق لواء القدس اليوم حملة تمشيط في بادية تدمر.", "Liwa al-Quds"),
        ("أطلقت ميليشيا الدفاع الوطني اليوم حملة تمشيط في بادية تدمر.", "National Defence Forces"),
        ("هاجمت خلايا يُرجّح أنها تتبع لتنظيم داعش اليوم حاجزاً قرب تدمر.", "Islamic State"),
    ],
)
def test_actor_is_one_short_name(sentence, actor):
    assert _one(sentence, "2024-05-01")["actor"] == actor


@pytest.mark.parametrize(
    "text",
    [
        "أجرت قوات النظام اليوم تدريبات بالذخيرة الحية شملت رمايات لمروحيات روسية قرب تدمر.",
        "تقدمت قوات النظام بإسناد جوي روسي نحو جبل البشري.",
        "قصفت قوات النظام بالمدفعية الثقيلة اليوم مواقع في جبل البشري.",
        "قتل راع بانفجار لغم من مخلفات الحرب في بادية السخنة.",
        "هدد قائد ميليشيا بإطلاق حملة عسكرية واسعة في بادية الشولا خلال الأيام المقبلة.",
        "دفعت قوات النظام بتعزيزات عسكرية إلى محيط حقل الضبيات.",
        "حلقت طائرات استطلاع روسية في أجواء بادية الرصافة.",
        "تحل اليوم ذكرى معركة الباغوز التي شهدت في 23 آذار 2019 غارات جوية مكثفة.",
        "ارتفعت حصيلة القتلى منذ مطلع العام إلى 564 شخصاً.",
        "مرت الطائرات الحربية فوق جبل البشري من دون أن تشن أي غارة.",
        "وانسحبت الدورية بدون أن يسجل أي هجوم على الطريق.",
        "",
        "   \n\n  ",
    ],
)
def test_non_events_give_no_record(text):
    assert extract_events(text, "2024-05-01").empty


# --- the indexed questions give what the plain rules give ------------------------------

_ACTOR_WORDS = [
    "بقيادة",
    "الفرقة 25",
    "قوات النظام",
    "المقاتلات الروسية",
    "داعش",
    "التحالف الدولي",
    "لواء القدس",
    "الطيران السوري",
    "غارة",
    "في",
    "و",
    "تدمر",
    "،",
    "بإشراف",
]


def _named_in_by_list(norm, group, lo, hi, actors):
    first = ""
    for a in actors:
        if a.start < lo or a.end > hi or a.group != group:
            continue
        if _LEADS.search(norm[max(lo, a.start - 20) : a.start]):
            return a.name
        if not first:
            first = a.name
    return first


@given(st.lists(st.sampled_from(_ACTOR_WORDS), max_size=30).map(" ".join), st.data())
def test_the_actor_of_a_window_is_the_one_the_plain_rule_picks(text, data):
    norm = normalize(text)
    found = find_actors(norm)
    actors = Actors(norm, found)
    for _ in range(5):
        lo = data.draw(st.integers(0, len(norm)))
        hi = data.draw(st.integers(lo, len(norm) + 1))
        for group in ("air", "ground", "is"):
            assert actors.named_in(group, lo, hi) == _named_in_by_list(norm, group, lo, hi, found)
        pos = data.draw(st.integers(0, len(norm) + 1))
        assert actors.air_force_before(lo, pos) == any(
            lo <= a.start and a.end <= pos and a.group == "air" and pos - a.end <= 25 for a in found
        )
        assert actors.any_starting_in(lo, hi) == any(lo <= a.start < hi for a in found)


@st.composite
def _sorted_spans(draw):
    out, pos = [], 0
    for _ in range(draw(st.integers(0, 8))):
        start = pos + draw(st.integers(0, 10))
        end = start + draw(st.integers(1, 6))
        out.append((start, end))
        pos = end
    return out


@given(_sorted_spans(), st.lists(st.integers(0, 80), max_size=8), st.data())
def test_negations_and_irreal_cues_are_found_as_the_plain_rule_finds_them(negations, cues, data):
    cues = sorted(cues)
    found = Found([], Actors("", []), cues, negations)
    for _ in range(10):
        lo = data.draw(st.integers(0, 90))
        hi = data.draw(st.integers(0, 90))
        assert found.negated(lo, hi) == any(lo <= a and b <= hi for a, b in negations)
        assert found.irreal(lo, hi) == any(lo <= c < hi for c in cues)
