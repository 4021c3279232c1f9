"""Write ``tests/data/extraction_patterns.jsonl``: constructed passages, one per pattern.

Published Arabic reports do things the first constructed passages did not: a
title and a lead that retell the body, totals told with their parts, running
counts ("the third attack since ..."), dates away from the trigger, places
that leak from another episode or get cut, vocabulary and non-events of their
own.  Each passage below reproduces one such pattern **in the project's own
words** (none is an article's text): it is synthetic, written for testing, and
says so in every line of the file (``"synthetic": true``).  Each comes with its
records annotated by the annotation guidelines for Arabic reports; the
evidence offsets are computed here from the evidence text.

Run ``python scripts/write_extraction_patterns.py`` after changing a passage;
``--check`` exits 1 if the file differs from what this script writes (a test
runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from analysis.config import EXTRACTION_PATTERNS_SET

NOTE = "composed for testing the extractor; not a real report"
RU = "Russian air force"
IS = "Islamic State"


def rec(
    kind: str,
    start: str,
    end: str | None,
    count: float | None,
    low: float | None,
    high: float | None,
    location: str,
    admin1: str,
    actor: str,
    evidence: str,
    *,
    aggregate: bool = False,
    notes: str = "",
) -> dict[str, Any]:
    """One annotated record (evidence offsets are added when the file is written)."""
    return {
        "event_type": kind,
        "date_start": start,
        "date_end": end or start,
        "count": count,
        "count_low": low,
        "count_high": high,
        "location": location,
        "admin1": admin1,
        "actor": actor,
        "is_aggregate": aggregate,
        "evidence": evidence,
        "notes": notes,
    }


# (id, pattern, published, text, records)
PASSAGES: list[tuple[str, str, str, str, list[dict[str, Any]]]] = [
    # --- headlines and leads retell the body ---
    (
        "pat-001",
        "a title's 'dozens of strikes' retells the body's 'more than 40' (with attached ل)",
        "2024-03-12",
        "عشرات الغارات الروسية على مخابئ التنظيم في البادية\n"
        "رصدت مصادر ميدانية تنفيذ المقاتلات الروسية لأكثر من 40 غارة جوية اليوم على مواقع "
        "في بادية السخنة وجبل البشري.\n"
        "وأشارت المصادر إلى أن الغارات أوقعت قتلى في صفوف التنظيم.",
        [rec("airstrike", "2024-03-12", None, 41, 41, None, "al-Sukhnah;Jabal al-Bishri",
             "Homs;Deir ez-Zor", RU, "لأكثر من 40 غارة جوية")],
    ),
    (
        "pat-002",
        "a title ('about 30 strikes') and a lead ('about 85') that the body retells",
        "2024-03-14",
        "نحو 30 غارة روسية على البادية خلال يوم واحد\n"
        "شنت المقاتلات الروسية أمس بنحو 85 غارة جوية على مواقع خلايا داعش في البادية.\n"
        "وقالت مصادر محلية إن المقاتلات نفذت نحو 85 غارة استهدفت كهوفاً في بادية الرصافة "
        "وأثريا.",
        [rec("airstrike", "2024-03-13", None, 85, None, None, "al-Rusafa;Ithriya",
             "Raqqa;Hama", RU, "نحو 85 غارة استهدفت كهوفاً في بادية الرصافة")],
    ),
    (
        "pat-003",
        "an event only the title tells is a record (the body names no trigger word)",
        "2024-03-16",
        "كمين لخلايا داعش على طريق تدمر - السخنة\n"
        "قتل ثلاثة جنود وأصيب آخرون بجروح، بحسب ما نقلته مصادر محلية.",
        [rec("attack", "2024-03-16", None, 1, 1, 1, "Palmyra-al-Sukhnah road", "Homs", IS,
             "كمين لخلايا داعش على طريق تدمر - السخنة")],
    ),
    (
        "pat-004",
        "a 'read also' line and a caption add neither records nor places",
        "2024-03-18",
        "هجوم على حاجز للنظام\n"
        "عناصر من قوات النظام قرب حاجز في البادية - أرشيفية\n"
        "هاجمت خلايا تنظيم داعش صباح اليوم حاجزاً لقوات النظام قرب الطيبة بريف حمص "
        "الشرقي.\n"
        "اقرأ أيضاً: غارات روسية على بادية الرصافة وأثريا\n"
        "وأسفر الهجوم عن مقتل عنصرين.",
        [rec("attack", "2024-03-18", None, 1, 1, 1, "al-Taybah", "Homs", IS,
             "هاجمت خلايا تنظيم داعش صباح اليوم حاجزاً")],
    ),
    # --- totals and their parts ---
    (
        "pat-005",
        "a total absorbs its parts: one record, the total's count, the parts' days and places",
        "2024-04-12",
        "ارتفع عدد الضربات الروسية على البادية خلال أقل من أسبوع إلى أكثر من 150 غارة، حيث "
        "نفذت المقاتلات يوم أمس الخميس أكثر من 30 غارة على بادية تدمر.\n"
        "ونفذت المقاتلات 25 غارة على جبل العمور يوم الأربعاء 10 نيسان، فيما شنت في الثامن "
        "من الشهر الجاري نحو 60 غارة على بادية الرصافة.",
        [rec("airstrike", "2024-04-08", "2024-04-11", 151, 151, None,
             "Palmyra;Jabal al-Amour;al-Rusafa", "Homs;Raqqa", RU, "أكثر من 150 غارة")],
    ),
    (
        "pat-006",
        "a total over 48 hours with its parts (today and yesterday): one record over 48 hours",
        "2024-04-20",
        "نفذت المقاتلات الروسية 28 غارة خلال 48 ساعة على مواقع التنظيم في البادية، منها 12 "
        "غارة اليوم على بادية تدمر و16 غارة أمس على بادية الرصافة.",
        [rec("airstrike", "2024-04-18", "2024-04-20", 28, 28, 28, "Palmyra;al-Rusafa",
             "Homs;Raqqa", RU, "28 غارة خلال 48 ساعة")],
    ),
    (
        "pat-007",
        "parts given without a total are separate records",
        "2024-04-20",
        "شنت المقاتلات الروسية اليوم 12 غارة على بادية تدمر، و16 غارة أمس على بادية "
        "الرصافة.",
        [
            rec("airstrike", "2024-04-20", None, 12, 12, 12, "Palmyra", "Homs", RU,
                "اليوم 12 غارة على بادية تدمر"),
            rec("airstrike", "2024-04-19", None, 16, 16, 16, "al-Rusafa", "Raqqa", RU,
                "16 غارة أمس على بادية الرصافة"),
        ],
    ),
    (
        "pat-008",
        "a dual told one by one (one part undated, one on Tuesday): one record of 2",
        "2024-05-09",
        "قتل ما لا يقل عن 12 عنصراً من قوات النظام في هجومين شنهما تنظيم داعش.\n"
        "وقال مصدر عسكري إن عناصر التنظيم هاجموا حافلة للجنود في بادية تدمر.\n"
        "وفي هجوم آخر للتنظيم، الثلاثاء، قتل عنصران قرب أثريا.",
        [rec("attack", "2024-05-07", "2024-05-09", 2, 2, 2, "Palmyra;Ithriya", "Homs;Hama", IS,
             "هجومين شنهما تنظيم داعش")],
    ),
    (
        "pat-009",
        "three attacks in the past day with their parts (one of them by mines): one record",
        "2024-05-20",
        "صعدت خلايا داعش من هجماتها خلال الـ24 ساعة الماضية.\n"
        "ونفذ التنظيم 3 هجمات طالت نقطة عسكرية في بادية تدمر وحقل التيم، فيما انفجرت "
        "ألغام زرعها التنظيم بدورية في بادية الرصافة.",
        [rec("attack", "2024-05-19", "2024-05-20", 3, 3, 3,
             "Palmyra;al-Taym oil field;al-Rusafa", "Homs;Deir ez-Zor;Raqqa", IS,
             "3 هجمات")],
    ),
    # --- running counts and tallies ---
    (
        "pat-010",
        "'the third attack since the start of August': one record, the running count, which "
        "takes in the day's attack and its place",
        "2024-08-21",
        "هاجمت خلايا داعش اليوم حاجزاً في بادية السخنة، وهو الهجوم الثالث منذ مطلع آب.",
        [
            rec("attack", "2024-08-01", "2024-08-21", 3, 3, 3, "al-Sukhnah", "Homs", IS,
                "الهجوم الثالث منذ مطلع آب", aggregate=True),
        ],
    ),
    (
        "pat-011",
        "'the second of its kind within a month': one record, a running count over the last "
        "30 days that takes in the day's attack",
        "2024-09-10",
        "استهدف عناصر التنظيم بعبوة ناسفة اليوم حافلة عسكرية في بادية تدمر، في هجوم هو "
        "الثاني من نوعه خلال شهر.",
        [
            rec("attack", "2024-08-11", "2024-09-10", 2, 2, 2, "Palmyra", "Homs", IS,
                "الثاني من نوعه خلال شهر", aggregate=True),
        ],
    ),
    (
        "pat-012",
        "a year-to-date tally inside a death toll list headed by the period",
        "2024-06-03",
        "هاجمت خلايا التنظيم حاجزاً لقوات النظام قرب السخنة.\n"
        "وبلغت حصيلة القتلى في البادية منذ مطلع العام 2024، 300 قتيل، هم:\n"
        "210 من قوات النظام قتلوا في 95 عملية لعناصر التنظيم في بادية حمص والرقة.\n"
        "و40 مدنياً قتلوا في هجمات التنظيم.",
        [
            rec("attack", "2024-06-03", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "هاجمت خلايا التنظيم حاجزاً"),
            rec("attack", "2024-01-01", "2024-06-03", 95, 95, 95, "Homs;Raqqa", "Homs;Raqqa",
                IS, "95 عملية", aggregate=True),
        ],
    ),
    (
        "pat-013",
        "a monthly death toll that counts no attacks is not a record",
        "2024-12-02",
        "قتل 45 عنصراً من قوات النظام في هجمات التنظيم خلال شهر تشرين الثاني الماضي، وفق "
        "حصيلة المرصد.",
        [],
    ),
    # --- count phrasing ---
    (
        "pat-014",
        "a count after 'the number of strikes ... reached more than 666'",
        "2024-07-30",
        "ارتفع عدد الغارات الروسية على البادية السورية منذ مطلع الشهر الجاري إلى أكثر من "
        "666.",
        [rec("airstrike", "2024-07-01", "2024-07-30", 667, 667, None, "", "", RU,
             "الغارات الروسية على البادية السورية منذ مطلع الشهر الجاري إلى أكثر من 666",
             aggregate=True)],
    ),
    (
        "pat-015",
        "the dual of هجمة is exactly two",
        "2024-02-05",
        "شن مقاتلو داعش هجمتين على نقاط للنظام في بادية تدمر اليوم.",
        [rec("attack", "2024-02-05", None, 2, 2, 2, "Palmyra", "Homs", IS, "هجمتين")],
    ),
    (
        "pat-016",
        "a bare plural ضربات with an air force near it: at least two",
        "2024-02-06",
        "وجهت المقاتلات الروسية اليوم ضربات لمواقع التنظيم في جبل البشري.",
        [rec("airstrike", "2024-02-06", None, None, 2, None, "Jabal al-Bishri", "Deir ez-Zor",
             RU, "ضربات")],
    ),
    (
        "pat-017",
        "a minefield is one attack, not several",
        "2024-02-07",
        "قتل أربعة عناصر من قوات النظام اليوم بانفجار حقل ألغام زرعه تنظيم داعش قرب "
        "السخنة.",
        [rec("attack", "2024-02-07", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
             "حقل ألغام زرعه تنظيم داعش قرب السخنة")],
    ),
    # --- dates away from the trigger ---
    (
        "pat-018",
        "an ordinal day of the current month",
        "2024-12-19",
        "نفذت خلايا التنظيم هجوماً على نقطة عسكرية في بادية الميادين في اليوم الثاني من "
        "الشهر الجاري.",
        [rec("attack", "2024-12-02", None, 1, 1, 1, "al-Mayadin", "Deir ez-Zor", IS,
             "هجوماً على نقطة عسكرية في بادية الميادين في اليوم الثاني من الشهر الجاري")],
    ),
    (
        "pat-019",
        "a range of weekdays keeps its end",
        "2024-12-19",
        "نفذت المقاتلات الروسية 60 غارة على بادية حماة منذ يوم السبت حتى مساء الإثنين.",
        [rec("airstrike", "2024-12-14", "2024-12-16", 60, 60, 60, "Hama", "Hama", RU,
             "60 غارة على بادية حماة منذ يوم السبت حتى مساء الإثنين")],
    ),
    (
        "pat-020",
        "'during the past 24 hours' in another clause",
        "2024-12-19",
        "خلال الـ24 ساعة الماضية، شنت المقاتلات الروسية 15 غارة على بادية الرصافة.",
        [rec("airstrike", "2024-12-18", "2024-12-19", 15, 15, 15, "al-Rusafa", "Raqqa", RU,
             "خلال الـ24 ساعة الماضية، شنت المقاتلات الروسية 15 غارة")],
    ),
    (
        "pat-021",
        "the date two sentences after the trigger, in a sentence that continues the event",
        "2024-12-19",
        "نفذت خلايا داعش هجوماً على حاجز لقوات النظام في بادية دير الزور. وأسفر الهجوم عن "
        "مقتل ثلاثة عناصر. ووقع ذلك ليلة أمس الثلاثاء 17 ديسمبر.",
        [rec("attack", "2024-12-17", None, 1, 1, 1, "Deir ez-Zor", "Deir ez-Zor", IS,
             "هجوماً على حاجز لقوات النظام في بادية دير الزور")],
    ),
    (
        "pat-022",
        "a week ago is published - 7",
        "2024-05-03",
        "قتل عشرة عناصر قبل أسبوع في هجوم لخلايا داعش على حافلة في بادية تدمر.",
        [rec("attack", "2024-04-26", None, 1, 1, 1, "Palmyra", "Homs", IS,
             "قبل أسبوع في هجوم")],
    ),
    (
        "pat-023",
        "last night is the day before publication",
        "2024-06-01",
        "قتل أربعة عناصر من الدفاع الوطني الليلة الماضية جراء هجوم لخلايا التنظيم على مقر "
        "في بلدة الدوير.",
        [rec("attack", "2024-05-31", None, 1, 1, 1, "al-Duwayr", "Deir ez-Zor", IS,
             "الليلة الماضية جراء هجوم")],
    ),
    (
        "pat-024",
        "a weekday after the verb dates the event; the day the statement was made does not",
        "2023-03-05",
        "قال المرصد الأحد إن التنظيم هاجم رعاة أغنام السبت في بادية تدمر.",
        [rec("attack", "2023-03-04", None, 1, 1, 1, "Palmyra", "Homs", IS,
             "هاجم رعاة أغنام السبت")],
    ),
    (
        "pat-025",
        "the middle of last month is that month",
        "2021-11-14",
        "ومنتصف الشهر الماضي، شن تنظيم داعش هجوماً على موقع للنظام في بادية المسرب.",
        [rec("attack", "2021-10-01", "2021-10-31", 1, 1, 1, "al-Masrab", "Deir ez-Zor", IS,
             "ومنتصف الشهر الماضي، شن تنظيم داعش هجوماً")],
    ),
    # --- places ---
    (
        "pat-026",
        "a place of clashes in another sentence does not leak into the attack",
        "2024-12-19",
        "قتل خمسة عناصر في هجوم لداعش على نقطة في بادية المسرب أمس. وفي سياق آخر، دارت "
        "اشتباكات بين قوات النظام وخلايا التنظيم في جبل البشري.",
        [rec("attack", "2024-12-18", None, 1, 1, 1, "al-Masrab", "Deir ez-Zor", IS,
             "هجوم لداعش على نقطة في بادية المسرب أمس")],
    ),
    (
        "pat-027",
        "the hospital where the wounded went is not where the attack happened",
        "2024-01-11",
        "قتل أربعة عناصر اليوم بهجوم لداعش على حافلة قرب السخنة، ونقل الجرحى إلى مستشفى "
        "تدمر.",
        [rec("attack", "2024-01-11", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
             "بهجوم لداعش على حافلة قرب السخنة")],
    ),
    (
        "pat-028",
        "names kept whole: a quoted oil field, a dam of three words",
        "2024-03-21",
        'هاجمت خلايا داعش اليوم موقعاً في محيط حقل "الثورة" النفطي قرب سد وادي أبيض.',
        [rec("attack", "2024-03-21", None, 1, 1, 1, "al-Thawra oil field;Wadi Abyad dam",
             "Raqqa", IS, 'هاجمت خلايا داعش اليوم موقعاً في محيط حقل "الثورة"')],
    ),
    (
        "pat-029",
        "'the desert of each of Deir ez-Zor, Homs and Raqqa' names three governorates",
        "2024-03-22",
        "شنت المقاتلات الروسية اليوم غارات على بادية كل من دير الزور وحمص والرقة.",
        [rec("airstrike", "2024-03-22", None, None, 2, None, "Deir ez-Zor;Homs;Raqqa",
             "Deir ez-Zor;Homs;Raqqa", RU, "غارات على بادية كل من دير الزور")],
    ),
    (
        "pat-030",
        "بادية الشام is not a place",
        "2024-03-23",
        "شنت المقاتلات الروسية اليوم غارات على مواقع التنظيم في بادية الشام.",
        [rec("airstrike", "2024-03-23", None, None, 2, None, "", "", RU, "غارات")],
    ),
    (
        "pat-031",
        "a road named in curly quotes is one listed place",
        "2024-03-24",
        "نصب عناصر داعش اليوم كميناً لرتل عسكري على طريق ”السخنة – تدمر“.",
        [rec("attack", "2024-03-24", None, 1, 1, 1, "Palmyra-al-Sukhnah road", "Homs", IS,
             "كميناً لرتل عسكري على طريق ”السخنة – تدمر“")],
    ),
    (
        "pat-032",
        "a region is its governorates, kept only when nothing more specific is named",
        "2024-03-25",
        "استهدفت المقاتلات الروسية اليوم بنحو 20 غارة مواقع في مثلث حلب-حماة-الرقة.\n"
        "وفي وقت لاحق، نفذت المقاتلات أمس 10 غارات على مثلث حلب - حماة - الرقة وبادية "
        "أثريا.",
        [
            rec("airstrike", "2024-03-25", None, 20, None, None, "Aleppo;Hama;Raqqa",
                "Aleppo;Hama;Raqqa", RU, "بنحو 20 غارة"),
            rec("airstrike", "2024-03-24", None, 10, 10, 10, "Ithriya", "Hama", RU,
                "أمس 10 غارات"),
        ],
    ),
    (
        "pat-033",
        "a spelling variant of a gazetteer place is that place",
        "2024-03-26",
        "هاجمت خلايا داعش اليوم موقعاً لقوات النظام في بادية الشيحا.",
        [rec("attack", "2024-03-26", None, 1, 1, 1, "al-Shiha", "Deir ez-Zor", IS,
             "موقعاً لقوات النظام في بادية الشيحا")],
    ),
    # --- vocabulary ---
    (
        "pat-034",
        "'the combing operations that began days ago': a sweep dated to publication",
        "2024-10-16",
        "أعلنت قوات النظام مقتل عنصرين خلال عمليات التمشيط التي بدأت قبل أيام في بادية "
        "السويداء.",
        [rec("sweep", "2024-10-16", None, 1, 1, 1, "Suwayda", "Suwayda",
             "Syrian government forces", "عمليات التمشيط التي بدأت قبل أيام")],
    ),
    (
        "pat-035",
        "'recently launched a swift operation': an attack",
        "2024-10-17",
        "وكانت خلايا التنظيم المنتشرة في البادية قد شنت أخيراً عملية خاطفة على حاجز للنظام "
        "قرب الطيبة.",
        [rec("attack", "2024-10-17", None, 1, 1, 1, "al-Taybah", "Homs", IS,
             "عملية خاطفة على حاجز للنظام قرب الطيبة")],
    ),
    (
        "pat-036",
        "'continued its strikes' reports new strikes",
        "2024-10-18",
        "واصلت المقاتلات الروسية اليوم غاراتها على مواقع التنظيم في بادية حماة.",
        [rec("airstrike", "2024-10-18", None, None, 2, None, "Hama", "Hama", RU, "غاراتها")],
    ),
    (
        "pat-037",
        "a double attack is one attack",
        "2024-10-19",
        "أسفر الهجوم المزدوج الذي شنه التنظيم فجر اليوم على نقطتين قرب أثريا عن مقتل ستة "
        "عناصر.",
        [rec("attack", "2024-10-19", None, 1, 1, 1, "Ithriya", "Hama", IS, "الهجوم المزدوج")],
    ),
    (
        "pat-038",
        "barrel bombs dropped by helicopters are air strikes, one per barrel",
        "2024-10-20",
        "ألقى الطيران المروحي اليوم 4 براميل متفجرة على مواقع داعش في بادية حماة الشرقية.",
        [rec("airstrike", "2024-10-20", None, 4, 4, 4, "Hama", "Hama", "Syrian air force",
             "4 براميل متفجرة")],
    ),
    (
        "pat-039",
        "a combing mentioned in passing is a sweep beside the ambush",
        "2021-11-14",
        "قتل 13 عنصراً موالياً للنظام أمس السبت في كمين نصبه تنظيم داعش في بادية المسرب، "
        "أثناء تمشيطهم المنطقة.",
        [
            rec("attack", "2021-11-13", None, 1, 1, 1, "al-Masrab", "Deir ez-Zor", IS,
                "أمس السبت في كمين"),
            rec("sweep", "2021-11-13", None, 1, 1, 1, "al-Masrab", "Deir ez-Zor", "",
                "تمشيطهم"),
        ],
    ),
    # --- several events in one report ---
    (
        "pat-044",
        "'in another incident': a second attack of another place is its own record",
        "2024-03-10",
        "قتل جنديان في هجوم لداعش قرب السخنة.\n"
        "وفي حادثة أخرى، قتل ثلاثة عناصر في كمين لخلايا التنظيم قرب الطيبة.",
        [
            rec("attack", "2024-03-10", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "هجوم لداعش قرب السخنة"),
            rec("attack", "2024-03-10", None, 1, 1, 1, "al-Taybah", "Homs", IS,
                "كمين لخلايا التنظيم قرب الطيبة"),
        ],
    ),
    (
        "pat-045",
        "strikes day by day in one sentence, and a running total of the month",
        "2024-03-10",
        "شنت المقاتلات الروسية يوم الجمعة 20 غارة، ويوم السبت 14 غارة، ليرتفع عدد الغارات "
        "منذ مطلع الشهر إلى 140 غارة.",
        [
            rec("airstrike", "2024-03-08", None, 20, 20, 20, "", "", RU, "يوم الجمعة 20 غارة"),
            rec("airstrike", "2024-03-09", None, 14, 14, 14, "", "", RU, "يوم السبت 14 غارة"),
            rec("airstrike", "2024-03-01", "2024-03-10", 140, 140, 140, "", "", RU,
                "140 غارة", aggregate=True),
        ],
    ),
    (
        "pat-046",
        "a number that names a division is no count of the campaign",
        "2024-03-10",
        "أطلقت الفرقة 25 اليوم حملة عسكرية لملاحقة خلايا داعش في بادية حماة.",
        [rec("sweep", "2024-03-10", None, 1, 1, 1, "Hama", "Hama", "25th Division",
             "اليوم حملة عسكرية")],
    ),
    (
        "pat-047",
        "a bomb on a desert road tied to IS activity two paragraphs later is an IS attack",
        "2024-03-10",
        "انفجرت عبوة ناسفة بحافلة عسكرية على طريق الميادين اليوم، ما أدى إلى مقتل ثلاثة "
        "جنود.\n\nوأغلقت قوات النظام الطريق.\n\nوتشهد البادية نشاطاً متزايداً لخلايا "
        "داعش.",
        [rec("attack", "2024-03-10", None, 1, 1, 1, "al-Mayadin", "Deir ez-Zor", IS,
             "عبوة ناسفة بحافلة عسكرية على طريق الميادين")],
    ),
    (
        "pat-048",
        "the body's places win over the title's; a title of another article later adds nothing",
        "2024-03-10",
        "هجوم لداعش شرقي حمص\n"
        "هاجمت خلايا داعش اليوم حاجزاً لقوات النظام قرب بلدة الطيبة.\n"
        "وأسفر الهجوم عن مقتل عنصرين.\n"
        "غارات روسية على بادية الرصافة\n"
        "وعززت قوات النظام مواقعها في المنطقة.",
        [rec("attack", "2024-03-10", None, 1, 1, 1, "al-Taybah", "Homs", IS,
             "هاجمت خلايا داعش اليوم حاجزاً")],
    ),
    (
        "pat-049",
        "an attack of years ago recalled as background is not a record",
        "2024-03-10",
        "هاجمت خلايا التنظيم اليوم نقطة قرب السخنة. وكان التنظيم قد شن قبل عامين هجوماً "
        "مماثلاً على النقطة ذاتها.",
        [rec("attack", "2024-03-10", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
             "هاجمت خلايا التنظيم اليوم نقطة قرب السخنة")],
    ),
    (
        "pat-050",
        "a strike by a drone nobody claims is not a record",
        "2024-03-10",
        "استهدفت طائرة مسيرة مجهولة الهوية اليوم بغارة سيارة تقل عناصر من الدفاع الوطني "
        "في بادية البوكمال.",
        [],
    ),
    (
        "pat-051",
        "a tally's period in the next sentence is not the day of the strikes before it",
        "2024-03-10",
        "هاجمت خلايا التنظيم يوم أمس مواقع لقوات النظام في بادية السخنة.\n"
        "وفي السياق ذاته، نفذت الطائرات الحربية الروسية أكثر من 20 غارة جوية على مواقع "
        "التنظيم في البادية.\n"
        "وبلغت حصيلة القتلى في البادية منذ مطلع العام 120 قتيلاً.",
        [
            rec("attack", "2024-03-09", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "هاجمت خلايا التنظيم يوم أمس"),
            rec("airstrike", "2024-03-10", None, 21, 21, None, "", "", RU,
                "أكثر من 20 غارة جوية"),
        ],
    ),
    (
        "pat-052",
        "the day a statement was made gives way to the day it says the strike was made",
        "2024-03-08",
        "أعلنت القيادة المركزية الأمريكية، الجمعة، أن قواتها نفذت غارة جوية في البادية "
        "أسفرت عن مقتل قيادي في تنظيم داعش.\n"
        "وقالت القيادة في بيان إن الغارة نفذت ليل الخميس-الجمعة.",
        [rec("airstrike", "2024-03-07", "2024-03-08", 1, 1, 1, "", "", "US-led coalition",
             "غارة جوية")],
    ),
    # --- not events ---
    (
        "pat-040",
        "strikes 'interspersed' in a campaign described as a habit are not a record",
        "2024-11-01",
        "تعتمد استراتيجية النظام في البادية على حملات برية يتخللها غارات روسية على مواقع "
        "التنظيم.",
        [],
    ),
    (
        "pat-041",
        "a photo release of an earlier, undated attack is not an attack",
        "2024-11-02",
        "نشرت وكالة أعماق التابعة للتنظيم أمس صوراً لهجوم نفذه عناصره على حاجز للنظام في "
        "بادية أثريا.",
        [],
    ),
    (
        "pat-042",
        "a photo release of an attack the passage dates: the attack, on its own day",
        "2021-04-25",
        "نشرت وكالة أعماق مساء أمس السبت صوراً لهجوم نفذه عناصر التنظيم على حاجز للنظام.\n"
        "ويتحدث البيان عن هجوم وقع يوم الجمعة الماضي على حاجز قرب أثريا.",
        [rec("attack", "2021-04-23", None, 1, 1, 1, "Ithriya", "Hama", IS,
             "هجوم وقع يوم الجمعة الماضي")],
    ),
    (
        "pat-043",
        "a bomb in a city that the passage does not tie to IS is not a record",
        "2024-10-29",
        "انفجرت عبوة ناسفة اليوم بسيارة تابعة لفصيل رديف لقوات النظام في مدينة دير الزور.\n"
        "ولم يتضح بعد مصير القيادي الذي يملك السيارة.",
        [],
    ),    # --- over-reading: captions, objects, abilities, trends, tolls, "recently" ---
    (
        "pat-053",
        "a photo caption ending with its credit is not part of the report",
        "2023-05-14",
        "قوات النظام تبدأ عملية تمشيط في بادية حمص\n"
        "هجمات سابقة للتنظيم على قوات النظام في البادية - AFP\n"
        "بدأت قوات النظام صباح اليوم حملة تمشيط في بادية السخنة بحثاً عن خلايا التنظيم.\n"
        "وتشارك في الحملة مجموعات من الدفاع الوطني.",
        [rec("sweep", "2023-05-14", None, 1, 1, 1, "al-Sukhnah", "Homs",
             "Syrian government forces", "صباح اليوم حملة تمشيط")],
    ),
    (
        "pat-054",
        "after أنها the verb has its subject: IS named after it is the target, not the doer",
        "2022-09-08",
        "نفذت طائرات حربية روسية مساء أمس عدة غارات يعتقد أنها استهدفت خلايا تنظيم داعش "
        "في بادية الرصافة.\n"
        "ولم ترد معلومات عن خسائر في صفوف التنظيم.",
        [rec("airstrike", "2022-09-07", None, None, 2, None, "al-Rusafa", "Raqqa", RU,
             "عدة غارات")],
    ),
    (
        "pat-055",
        "what IS is able to do, or kept from doing, is not an attack",
        "2021-02-03",
        "قال قائد ميداني اليوم إن القوات المنتشرة في البادية قادرة على منع التنظيم من "
        "شن هجمات على الطريق الدولي.\n"
        "وأضاف أن خلايا التنظيم ما زالت قادرة على تنفيذ هجمات محدودة.",
        [],
    ),
    (
        "pat-056",
        "unnumbered successive attacks and almost daily attacks are a trend, not a record",
        "2021-06-20",
        "يعتمد التنظيم على استنزاف القوات عبر كمائن وهجمات متتالية في بادية حمص.\n"
        "وباتت هجمات التنظيم شبه يومية على طريق تدمر.\n"
        "ونفذت طائرات روسية أمس غارتين على مواقع التنظيم قرب السخنة.",
        [rec("airstrike", "2021-06-19", None, 2, 2, 2, "al-Sukhnah", "Homs", RU,
             "غارتين على مواقع التنظيم")],
    ),
    (
        "pat-060",
        "successive attacks that a number counts are events",
        "2021-06-20",
        "شن التنظيم أمس ثلاث هجمات متتالية على نقاط للقوات قرب السخنة.",
        [rec("attack", "2021-06-19", None, 3, 3, 3, "al-Sukhnah", "Homs", IS,
             "ثلاث هجمات متتالية")],
    ),
    (
        "pat-057",
        "a death toll from a named day to today names attacks without counting them",
        "2020-07-30",
        "وثقت مصادر حقوقية مقتل 200 عنصر من قوات النظام خلال الفترة الممتدة من 15 مارس "
        "2019 حتى اليوم في هجمات وكمائن للتنظيم في البادية.\n"
        "وقتل 30 عنصرا في هجمات لتنظيم داعش في بادية دير الزور منذ بداية العام.",
        [],
    ),
    (
        "pat-058",
        "'recently' in a clause about the group's pace does not date its attack apart",
        "2023-04-02",
        "قتل جنود في هجوم للتنظيم على حافلة عسكرية، في تصعيد للتنظيم الذي كثف من "
        "نشاطه مؤخراً.\n"
        "وكان عناصر التنظيم قد استهدفوا ليل الجمعة الحافلة قرب الشولا في ريف دير الزور.",
        [rec("attack", "2023-03-31", None, 1, 1, 1, "al-Shola", "Deir ez-Zor", IS,
             "استهدفوا ليل الجمعة الحافلة")],
    ),
    (
        "pat-059",
        "a campaign that forces 'will' carry out is a plan, not a record",
        "2024-02-11",
        "قالت مصادر إن القوات ستقوم بتمشيط المنطقة الممتدة من السخنة إلى الرصافة.\n"
        "ووصلت تعزيزات عسكرية إلى المنطقة اليوم.",
        [],
    ),    (
        "pat-061",
        "quotes that set off part of a place name are not part of it; a quoted retelling "
        "of the same attack adds no record",
        "2022-10-14",
        "هاجمت خلايا تنظيم داعش أمس الخميس نقطة للقوات الحكومية قرب بئر \"الغزال\" "
        "في بادية دير الزور.\n"
        "ونقل موقع محلي عن مصادر أن \"عناصر التنظيم شنوا هجوماً، مساء اليوم الخميس، على "
        "نقطة عسكرية قرب بئر الغزال\".",
        [rec("attack", "2022-10-13", None, 1, 1, 1, "بئر الغزال", "Deir ez-Zor", IS,
             "هاجمت خلايا تنظيم داعش أمس الخميس")],
    ),
    (
        "pat-062",
        "a sentence that calls attacks a habit: its unnumbered attacks in a later clause "
        "are the habit too",
        "2022-05-09",
        "أصبحت هجمات التنظيم شبه يومية في بادية الميادين، حيث تتعرض حواجز القوات "
        "الحكومية لهجمات توقع خسائر في صفوفها.\n"
        "ونفذت طائرات روسية اليوم غارتين على مواقع قرب الميادين.",
        [rec("airstrike", "2022-05-09", None, 2, 2, 2, "al-Mayadin", "Deir ez-Zor", RU,
             "اليوم غارتين")],
    ),    (
        "pat-063",
        "a sentence opening with the pluperfect كان turns to an earlier matter: its date "
        "does not date the strikes before it",
        "2023-02-06",
        "هاجم عناصر التنظيم أمس الأحد موقعاً للقوات الحكومية قرب الشولا.\n"
        "وأعقبت الهجوم غارات روسية بأكثر من 20 غارة على مواقع التنظيم.\n"
        "وكان التنظيم قد نشر يوم الجمعة 3 شباط صوراً لعناصره في البادية.",
        [
            rec("attack", "2023-02-05", None, 1, 1, 1, "al-Shola", "Deir ez-Zor", IS,
                "هاجم عناصر التنظيم أمس الأحد"),
            rec("airstrike", "2023-02-06", None, 21, 21, None, "", "", RU,
                "بأكثر من 20 غارة"),
        ],
    ),
    (
        "pat-064",
        "a date between a verb of saying and its إن dates the saying, however long the "
        "subject; an earlier report with كان retells the same attack",
        "2020-09-12",
        "قالت وكالة تابعة للتنظيم عبر قناتها على أحد تطبيقات المراسلة الفورية، اليوم السبت "
        "12 أيلول، إن مقاتلي التنظيم هاجموا ثلاثة مواقع للقوات الحكومية، ليلة أمس، قرب السخنة.\n"
        "وكانت شبكة محلية تحدثت الليلة الماضية عن مقتل جنود بهجوم للتنظيم قرب السخنة.",
        [rec("attack", "2020-09-11", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
             "هاجموا ثلاثة مواقع للقوات الحكومية، ليلة أمس")],
    ),    (
        "pat-065",
        "a body sentence that opens with كما adds another attack, even one like the lead's",
        "2023-07-02",
        "قتل جنديان في هجوم لخلايا التنظيم اليوم على حاجز في بادية السخنة.\n"
        "كما قتل جندي اليوم في هجوم لخلايا التنظيم على نقطة عسكرية قرب السخنة.\n"
        "وأصيب عنصران آخران بجروح.",
        [
            rec("attack", "2023-07-02", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "اليوم على حاجز في بادية السخنة"),
            rec("attack", "2023-07-02", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "اليوم في هجوم لخلايا التنظيم على نقطة عسكرية قرب السخنة"),
        ],
    ),    (
        "pat-066",
        "'according to X today' dates the report, not the attack; the day comes later",
        "2023-10-08",
        "قتل ثلاثة جنود في هجوم لخلايا التنظيم على حاجز قرب السخنة، وفق المرصد اليوم الأحد.\n"
        "وأوضح المرصد أن الهجوم وقع مساء أمس السبت.",
        [rec("attack", "2023-10-07", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
             "هجوم لخلايا التنظيم على حاجز قرب السخنة")],
    ),    (
        "pat-067",
        "an indefinite 'double attack' is one attack",
        "2024-10-20",
        "قتل ستة عناصر من القوات الحكومية اليوم في هجوم مزدوج لخلايا داعش على نقطتين قرب "
        "أثريا.",
        [rec("attack", "2024-10-20", None, 1, 1, 1, "Ithriya", "Hama", IS, "هجوم مزدوج")],
    ),    (
        "pat-068",
        "an 'assault' (اعتداء) carried out by IS is an attack; an earlier one with its date is "
        "its own record",
        "2023-05-02",
        "قتل خمسة رعاة اليوم في هجوم لخلايا التنظيم قرب أثريا.\n"
        "وقتل راعيان في الـ 9 من نيسان الماضي في اعتداء نفذه عناصر تنظيم داعش قرب السخنة.",
        [
            rec("attack", "2023-05-02", None, 1, 1, 1, "Ithriya", "Hama", IS,
                "اليوم في هجوم لخلايا التنظيم قرب أثريا"),
            rec("attack", "2023-04-09", None, 1, 1, 1, "al-Sukhnah", "Homs", IS,
                "اعتداء نفذه عناصر تنظيم داعش"),
        ],
    ),
    (
        "pat-069",
        "reinforcements sent to comb the desert are a deployment, not a sweep",
        "2021-05-11",
        "القوات الحكومية ترسل تعزيزات جديدة لتمشيط بادية حمص\n"
        "وصلت اليوم تعزيزات عسكرية كبيرة تضم دبابات وعربات إلى منطقة السخنة قادمة من "
        "ريف حماة.",
        [],
    ),
]


def build() -> str:
    """Return the JSON-lines text of the set, evidence offsets computed from the text."""
    lines = []
    for pid, pattern, published, text, records in PASSAGES:
        out = []
        for r in records:
            start = text.find(r["evidence"])
            if start < 0:
                raise ValueError(f"{pid}: evidence {r['evidence']!r} is not in the text")
            out.append({**r, "evidence_start": start, "evidence_end": start + len(r["evidence"])})
        item = {
            "id": pid,
            "published": published,
            "synthetic": True,
            "note": NOTE,
            "pattern": pattern,
            "text": text,
            "records": out,
        }
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the set (``--check``: exit 1 if the file differs from what would be written)."""
    args = sys.argv[1:] if argv is None else argv
    text = build()
    path = Path(EXTRACTION_PATTERNS_SET)
    if "--check" in args:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        print("up to date" if same else f"stale: {path}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({len(PASSAGES)} passages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
