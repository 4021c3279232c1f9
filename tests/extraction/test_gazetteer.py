"""Where: the gazetteer and places named in a report (analysis.extraction.gazetteer)."""

from __future__ import annotations

import pytest

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


# --- places published reports name ---------------------------------------------------


def test_added_places_merge_with_the_shipped_gazetteer_which_stays_as_it_was():
    from analysis.config import GAZETTEER, GAZETTEER_ADDED
    from analysis.sources.places import gazetteer_rows

    shipped = gazetteer_rows(GAZETTEER)
    added = gazetteer_rows(GAZETTEER_ADDED)
    merged = gazetteer_rows()
    shipped_names = {r["name_en"] for r in shipped}
    new = [r for r in added if r["name_en"] not in shipped_names]
    assert [r["name_en"] for r in merged] == [r["name_en"] for r in shipped + new]
    shiha = next(r for r in merged if r["name_en"] == "al-Shiha")
    assert shiha["aliases_ar"].split("|")[-1] == "الشيحا"  # a spelling added to a shipped place
    assert shiha["name_ar"] == "الشيحة"


def test_added_coordinates_are_the_ucdp_ones_their_source_names():
    import re

    import pandas as pd

    from analysis.config import GAZETTEER_ADDED, UCDP_GED_SYRIA
    from analysis.sources.places import gazetteer_rows

    ged = pd.read_csv(UCDP_GED_SYRIA, usecols=["where_coordinates", "latitude", "longitude"])
    ged = ged.drop_duplicates("where_coordinates").set_index("where_coordinates")
    located = 0
    for row in gazetteer_rows(GAZETTEER_ADDED):
        named = re.match(r"UCDP GED where_coordinates '([^']+)'", row["coord_source"])
        if not row["latitude"]:
            assert not row["longitude"], row["name_en"]
            assert not named, row["name_en"]
            assert row["coord_source"].startswith("not located") or not row["name_ar"]
            continue
        assert named, row["name_en"]
        lat, lon = ged.loc[named.group(1), ["latitude", "longitude"]]
        assert (float(row["latitude"]), float(row["longitude"])) == (round(lat, 4), round(lon, 4))
        located += 1
    assert located >= 5


@pytest.mark.parametrize(
    ("text", "location", "admin1"),
    [
        # a quoted name after a head that is part of the name
        (
            'هاجمت خلايا داعش اليوم موقعاً قرب حقل "الثورة" النفطي في بادية الرصافة',
            "al-Thawra oil field;al-Rusafa",
            "Raqqa",
        ),
        # a name of several words, each beginning names
        ("هاجمت خلايا داعش اليوم حاجزاً في محيط سد وادي أبيض", "Wadi Abyad dam", ""),
        ("هاجمت خلايا داعش اليوم حاجزاً عند سد وادي العرش بريف حمص", "سد وادي العرش", "Homs"),
        # "the desert of each of": the governorates that follow
        (
            "شنت المقاتلات الروسية اليوم غارات على بادية كل من دير الزور وحمص والرقة",
            "Deir ez-Zor;Homs;Raqqa",
            "Deir ez-Zor;Homs;Raqqa",
        ),
        ("شنت المقاتلات الروسية اليوم غارات على بادية الشام", "", ""),
        # a region: its three governorates, in any order and quoted
        (
            'شنت المقاتلات الروسية اليوم غارات على مثلث "حماة – حلب – الرقة"',
            "Aleppo;Hama;Raqqa",
            "Aleppo;Hama;Raqqa",
        ),
        (
            "شنت المقاتلات الروسية اليوم غارات على مثلث حلب-حماة-الرقة وبادية أثريا",
            "Ithriya",
            "Hama",
        ),
        # where the wounded were taken is not where it happened
        (
            "قتل 3 عناصر بهجوم لداعش اليوم على حاجز في بادية السخنة، ونقل الجرحى إلى مستشفى تدمر",
            "al-Sukhnah",
            "Homs",
        ),
        # roads: a listed one in curly quotes; the ends of another
        ("نصب عناصر داعش اليوم كميناً على طريق “أثريا – خناصر”", "Ithriya-Khanasir road", "Aleppo"),
        ("نصب عناصر داعش اليوم كميناً على طريق “الشميطية – الكسرة”", "الشميطية;الكسرة", ""),
        # spelling variants and names of two words kept whole
        ("هاجم داعش اليوم موقعا في الشيحا", "al-Shiha", "Deir ez-Zor"),
        (
            "قتل عنصران بهجوم لداعش اليوم في منطقة رسم الكوم شمال السخنة",
            "Rasm al-Kawm;al-Sukhnah",
            "Homs",
        ),
        ("هاجمت خلايا داعش اليوم حقل العمر النفطي بريف دير الزور", "حقل العمر", "Deir ez-Zor"),
        # words after a head that are not names
        ("هاجم داعش اليوم موقعا في منطقة صحراوية ثم في منطقة قريبة تسيطر عليها القوات", "", ""),
    ],
)
def test_places_of_published_reports_are_read_whole(text, location, admin1):
    rec = _one(text, "2024-05-01")
    assert (rec["location"], rec["admin1"]) == (location, admin1)


def test_an_added_place_without_a_governorate_takes_the_one_the_passage_gives():
    rec = _one("هاجمت خلايا داعش اليوم حاجزاً في محيط سد وادي أبيض بريف حمص الشرقي", "2024-05-01")
    assert (rec["location"], rec["admin1"]) == ("Wadi Abyad dam", "Homs")


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("الصوانة", "al-Sawwanah"),
        ("خربة المقمن", "Khirbet al-Muqman"),
        ("حقل الثورة", "al-Thawra oil field"),
        ("صفيان", "Safyan oil field"),
        ("دريهم", "Duraihim"),
        ("الرهجان", "al-Rahjan"),
        ("الشاكوسية", "al-Shakusiyah"),
        ("وادي الشيح", "Wadi al-Shih"),
        ("معدان عتيق", "Ma'dan Atiq"),
        ("سعلو", "Sa'lu"),
        ("الزوينة", "al-Zuwaynah"),
        ("سد وادي أبيض", "Wadi Abyad dam"),
        ("محمية غزلان الريم", "Reem gazelle reserve"),
        ("معيزلة", "Muayzilah"),
        ("مزار عين علي", "Ain Ali shrine"),
        ("البوليل", "al-Bulayl"),
        ("العليانية", "al-Ulayyaniyah"),
        ("سد أبو فياض", "Abu al-Fayyad dam"),
        ("وادي رحلة", "Wadi Rahla"),
        ("آبار الزملة", "al-Zamla"),
        ("الشيحا", "al-Shiha"),
        ("محطة T2", "T2 station"),
        ("مثلث حلب-حماة-الرقة", "Aleppo;Hama;Raqqa"),
    ],
)
def test_places_published_reports_name_often_are_in_the_gazetteer(name, canonical):
    rec = _one(f"هاجمت خلايا داعش اليوم حاجزاً للقوات الحكومية في منطقة {name}.", "2024-05-01")
    assert rec["location"] == canonical
