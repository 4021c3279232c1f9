"""Where: the gazetteer and places named in a report (analysis.extraction.gazetteer)."""

from __future__ import annotations

from analysis.extraction import extract_records, load_gazetteer
from analysis.extraction.structure import Tokens


def _one(text: str, published: str) -> dict:
    recs = extract_records(text, published)
    assert len(recs) == 1, recs
    return recs[0]


def test_places_keep_text_order_and_drop_governorate_wide_areas():
    rec = _one(
        "شنت المقاتلات الروسية اليوم 5 غارات على محيط السخنة بريف حمص الشرقي "
        "وبادية الرصافة وأثريا بريف الرقة.",
        "2024-05-01",
    )
    assert rec["location"] == "al-Sukhnah;al-Rusafa;Ithriya"
    assert rec["admin1"] == "Homs;Raqqa;Hama"  # Ithriya is Hama in the gazetteer


def test_governorate_wide_areas_are_kept_when_nothing_is_more_specific():
    rec = _one("نفذت الطائرات الروسية اليوم غارات على بوادي حمص والرقة.", "2024-05-01")
    assert rec["location"] == "Homs;Raqqa"


def test_a_place_outside_the_gazetteer_is_kept_in_arabic_with_its_governorate():
    rec = _one(
        "هاجمت خلايا داعش اليوم نقطة في محيط بلدة الشميطية بريف دير الزور الغربي.", "2024-04-10"
    )
    assert rec["location"] == "الشميطية"
    assert rec["admin1"] == "Deir ez-Zor"
    assert "not in the gazetteer" in rec["notes"]


def test_place_names_match_whole_words_with_attached_prefixes_only():
    g = load_gazetteer()
    text = "وبالسخنه للرقه الكومه متدمر"  # normalised: ة is ه
    hits = g.find(Tokens.of(text), text)
    assert [g.places[h.index].name_en for h in hits] == ["al-Sukhnah", "Raqqa"]
    assert [text[h.start : h.end] for h in hits] == ["وبالسخنه", "للرقه"]


def test_a_head_governs_names_joined_to_its_first_by_and():
    rec = _one("شنت المقاتلات الروسية اليوم غارات على بادية معدان والجرنية.", "2024-04-10")
    assert rec["location"] == "Ma'dan;الجرنية"
    rec = _one("هاجمت خلايا داعش اليوم قرية الشميطية والعبد، بريف دير الزور.", "2024-04-10")
    assert rec["location"] == "الشميطية;العبد"
    # not a place: a common noun joined by and
    rec = _one("شنت المقاتلات الروسية اليوم غارات على بادية تدمر والمناطق.", "2024-04-10")
    assert rec["location"] == "Palmyra"


def test_a_listed_road_is_one_place():
    rec = _one("نصب عناصر التنظيم اليوم كميناً على طريق تدمر - السخنة.", "2024-03-27")
    assert rec["location"] == "Palmyra-al-Sukhnah road"


def test_a_gazetteer_path_can_be_given(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name_en,name_ar,aliases_ar,admin1\nFoo,تدمر,,Homs\n", encoding="utf-8")
    assert _one("شنت المقاتلات الروسية اليوم غارة على تدمر.", "2024-05-01")["location"] == "Palmyra"
    rec = extract_records(
        "شنت المقاتلات الروسية اليوم غارة على تدمر.", "2024-05-01", gazetteer=path
    )[0]
    assert rec["location"] == "Foo"
    assert load_gazetteer() is load_gazetteer()  # compiled once
