"""The extractor's words for dates and counts: date phrases and count wording, as plain data.

Like :mod:`analysis.extraction.lexicon` (the words for events, their conditions,
actors, places and page structure), nothing here is code: each name is a literal,
so that a change of vocabulary is a change of data a reader can review as such.
:mod:`analysis.extraction.dates` compiles the date phrases and
:mod:`analysis.extraction.counts` the count wording (:mod:`analysis.extraction.mentions`
the nouns a number may count that are not events).

Entries are written in ordinary Arabic and normalised
(:func:`analysis.extraction.arabic.normalize_pattern`) when compiled; word lists
are matched as whole words, strings are regular expressions over the normalised
text.  In the date phrases, ``{WEEKDAY}``, ``{MONTH}``, ``{NUMBER}``, ``{PAST}``
and ``{CURRENT}`` stand for the weekday, month, number and past/current patterns.

Examples
--------
>>> from analysis.extraction import lexicon_dates_counts
>>> lexicon_dates_counts.COUNT_QUALIFIERS["أكثر من"]
'more'
>>> lexicon_dates_counts.DATE_PRIORITY["explicit"] > lexicon_dates_counts.DATE_PRIORITY["year"]
True
"""

from typing import Final

# ======================================================================================
# Date phrases
# ======================================================================================

# Words that put a named weekday, month or year in the past, or in the current period.
DATE_PAST: Final[str] = r"(?:الماضي|الماضية|الفائت|الفائتة|المنصرم|المنصرمة|المنقضي)"
DATE_CURRENT: Final[str] = r"(?:الجاري|الحالي)"

# (kind, regex source): each kind has its rule in analysis.extraction.dates.  Named
# groups: wd, wd1, wd2 (weekdays), d (day), o (ordinal day), m (month), y, y2 (year),
# n (hours or days), cur/past (the current or the past month), unit, one, two (ago).
# {ORDINAL} stands for an ordinal day (الثاني، الحادي عشر).
DATE_PHRASES: Final[tuple[tuple[str, str], ...]] = (
    (
        "night",
        r"(?:ب|و|في\s+)?ليل[ةه]?\s+(?P<wd1>{WEEKDAY})\s*(?:-|/|و|على|علي)\s*(?P<wd2>{WEEKDAY})",
    ),
    (
        "explicit",
        r"(?:(?:يوم\s+)?(?P<wd>{WEEKDAY})\s+)?(?:[وف]?في\s+)?(?P<d>\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?"
        r"(?P<m>{MONTH})(?:\s+(?:من\s+)?(?:عام|العام|سنة)?\s*(?P<y>(?:19|20)\d\d))?",
    ),
    (
        "month_day",
        r"(?:في\s+)?(?:ال\s*)?(?P<d>\d{1,2})\s+من\s+(?:هذا\s+)?الشهر\s+(?:(?P<cur>{CURRENT})|(?P<past>{PAST}))",
    ),
    (
        "ordinal_day",
        r"(?:في\s+)?(?:اليوم\s+)?(?P<o>{ORDINAL})\s+من\s+(?:هذا\s+)?(?:ال)?شهر\s+"
        r"(?:(?P<cur>{CURRENT})|(?P<past>{PAST}))",
    ),
    (
        "weekday_range",
        r"(?:منذ|من)\s+(?:يوم\s+)?(?:(?:مساء|صباح|فجر|ظهر|ليل[ةه]?)\s+)?(?P<wd1>{WEEKDAY})"
        r"(?:\s+{PAST})?\s+(?:و\s*)?(?:حتى|إلى|لغاية)\s+"
        r"(?:(?:يوم|مساء|صباح|فجر|ظهر|عصر|ليل[ةه]?)\s+)?(?P<wd2>{WEEKDAY})",
    ),
    # a period from a named day to today (منذ 24 مارس 2019 حتى اليوم): a running total
    (
        "since_date",
        r"(?:منذ|من)\s+(?:يوم\s+)?(?P<d>\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH})"
        r"(?:\s+(?:من\s+)?(?:عام|العام|سنة)?\s*(?P<y>(?:19|20)\d\d))?\s+(?:و\s*)?"
        r"(?:حتى|إلى|لغاية)\s+(?:اليوم|الآن)",
    ),
    (
        "since_weekday",
        r"منذ\s+(?:يوم\s+)?(?:(?:مساء|صباح|فجر|ظهر|ليل[ةه]?)\s+)?(?P<wd>{WEEKDAY})(?:\s+{PAST})?",
    ),
    (
        "since_year",
        r"منذ\s+(?:بداية|مطلع|أول|بدء)\s+(?:(?:هذا\s+)?(?:العام|السنة)(?:\s+{CURRENT})?"
        r"(?:\s+(?P<y>20\d\d))?|(?:عام\s+)?(?P<y2>20\d\d))",
    ),
    ("since_month", r"منذ\s+(?:بداية|مطلع|أول|بدء)\s+(?:هذا\s+)?الشهر(?:\s+{CURRENT})?"),
    (
        "since_named_month",
        r"منذ\s+(?:(?:بداية|مطلع|أول)\s+)?(?:شهر\s+)?(?P<m>{MONTH})(?:\s+{PAST})?"
        r"(?:\s+(?P<y>20\d\d))?",
    ),
    (
        "named_month",
        r"(?:(?:خلال|في|طيلة|طوال)\s+(?:شهر\s+)?|شهر\s+)(?P<m>{MONTH})"
        r"(?:\s+(?:{PAST}|{CURRENT}))?(?:\s+(?:من\s+)?(?:عام\s+)?(?P<y>20\d\d))?",
    ),
    (
        "part_of_month",
        r"(?:في\s+)?(?:منتصف|أواسط|أواخر|أوائل|مطلع|بداية|نهاية)\s+(?:(?:ال)?شهر\s+"
        r"(?:(?P<past>{PAST})|(?P<cur>{CURRENT}))|(?:شهر\s+)?(?P<m>{MONTH}))",
    ),
    ("last_month", r"(?:خلال|في|طيلة|طوال)\s+الشهر\s+{PAST}"),
    ("this_month", r"(?:خلال|في|طيلة|طوال)\s+(?:هذا\s+)?الشهر(?:\s+{CURRENT})?(?![^\W_])"),
    ("last_year", r"(?:خلال|في|طيلة|طوال)\s+(?:العام|السنة)\s+{PAST}"),
    (
        "this_year",
        r"(?:(?:خلال|في|طيلة|طوال)\s+)?(?:هذا\s+العام|هذه\s+السنة|العام\s+{CURRENT}"
        r"|السنة\s+{CURRENT})(?![^\W_])",
    ),
    ("within", r"(?:خلال|في\s+غضون)\s+(?P<unit>شهر|أسبوع)(?:\s+واحد)?(?![^\W_])"),
    ("year", r"(?:عام|العام|سنة)\s+(?P<y>(?:19|20)\d\d)"),
    (
        "years_ago",
        r"قبل\s+(?:(?P<n>{NUMBER})\s+(?:أعوام|سنوات|عاما|سنة)|عامين|سنتين|أعوام|سنوات|عام)"
        r"(?![^\W_])",
    ),
    (
        "hours",
        r"(?:(?:خلال|في|منذ)\s+)?(?:ال\s*)?(?P<n>{NUMBER})\s+ساع[ةه]\s+"
        r"(?:ال)?(?:ماضية|أخيرة|فائتة|منصرمة)",
    ),
    (
        "hours",
        r"(?:خلال|في|منذ)\s+الساعات\s+(?:ال\s*)?(?P<n>{NUMBER})\s+"
        r"(?:الماضية|الأخيرة|الفائتة|المنصرمة)",
    ),
    (
        "hours",
        r"(?:خلال|في\s+غضون)\s+(?:ال\s*)?(?P<n>{NUMBER})\s+ساع[ةه](?![^\W_])(?!\s+من)",
    ),
    ("hours_vague", r"(?:خلال|في)\s+الساعات\s+(?:القليلة\s+)?(?:الماضية|الأخيرة)"),
    (
        "days",
        r"(?:خلال|في)\s+(?:ال\s*)?(?P<n>{NUMBER})\s+(?:أيام|يوما|يوم)\s+"
        r"(?:ال)?(?:ماضية|أخيرة|فائتة|منصرمة)",
    ),
    (
        "days",
        r"(?:خلال|في)\s+الأيام\s+(?:ال\s*)?(?P<n>{NUMBER})\s+(?:الماضية|الأخيرة|الفائتة|المنصرمة)",
    ),
    (
        "days",
        r"(?:خلال|في)\s+(?P<n>اليومين|الأسبوعين)\s+(?:الماضيين|الأخيرين|الفائتين|المنصرمين)",
    ),
    ("last_week", r"(?:(?:خلال|في|طيلة|طوال)\s+)?الأسبوع\s+{PAST}"),
    ("weekday_past", r"(?:يوم\s+)?(?P<wd>{WEEKDAY})\s+{PAST}"),
    (
        "day_before_yesterday",
        r"(?:(?:يوم\s+)?أمس\s+الأول|(?:يوم\s+)?أول\s+(?:من\s+)?أمس|(?:ما\s+)?قبل\s+(?:يوم\s+)?أمس)",
    ),
    (
        "ago",
        r"قبل\s+(?:(?P<n>{NUMBER})\s+(?P<unit>أيام|يوما|أسابيع|أسبوعا)|(?P<two>يومين|أسبوعين)"
        r"|(?P<one>أسبوع))(?![^\W_])",
    ),
    ("night_past", r"(?:(?:في|خلال)\s+)?(?:ال)?ليل[ةه]\s+(?:ال)?(?:ماضية|فائتة|منصرمة)"),
    ("yesterday", r"(?:يوم\s+)?أمس(?:\s+(?P<wd>{WEEKDAY}))?(?![^\W_])"),
    # not the names of channels and papers (روسيا اليوم، المصري اليوم)
    ("today", r"(?<!روسيا\s)(?<!المصري\s)اليوم(?:\s+(?P<wd>{WEEKDAY}))?(?![^\W_])"),
    (
        "weekday",
        r"(?:يوم|مساء|صباح|فجر|ظهر|عصر|ليل|ليلة|ظهيرة|منتصف\s+ليل)\s+(?P<wd>{WEEKDAY})",
    ),
    # a weekday standing alone after the verb or the clause (هاجم ... السبت); not the
    # weekdays that are also common words (الأحد "the one", الاثنين "the two")
    (
        "weekday_bare",
        r"(?<!صلاه\s)(?<!خطبه\s)(?P<wd>الجمعة|السبت|الثلاثاء|الأربعاء|الخميس)(?![^\W_])",
    ),
    # الأحد and الاثنين standing alone only where a clause ends after them
    ("weekday_bare", r"(?P<wd>الأحد|الاثنين|الإثنين)(?=\s*(?:[.،,؛:\n)]|$))"),
    # words that place an event some days back but name no day
    (
        "vague_past",
        r"(?:(?:قبل|منذ)\s+(?:أيام|بضعة\s+أيام|عدة\s+أيام|ساعات))(?![^\W_])",
    ),
    # "recently": it names no day and does not set an event apart from the others told
    ("recent", r"(?:مؤخرا|في\s+الآونة\s+الأخيرة|أخيرا)(?![^\W_])"),
)

# Where date phrases overlap, the higher priority wins (then the longer phrase).
DATE_PRIORITY: Final[dict[str, int]] = {
    "explicit": 9,
    "night": 8,
    "month_day": 8,
    "ordinal_day": 8,
    "weekday_range": 8,
    "since_date": 9,
    "since_weekday": 7,
    "since_named_month": 7,
    "since_year": 7,
    "since_month": 7,
    "named_month": 6,
    "hours": 6,
    "days": 6,
    "weekday_past": 6,
    "day_before_yesterday": 5,
    "part_of_month": 5,
    "ago": 5,
    "night_past": 4,
    "yesterday": 4,
    "today": 4,
    "weekday": 3,
    "weekday_bare": 3,
    "last_month": 3,
    "this_month": 3,
    "last_year": 3,
    "this_year": 3,
    "within": 3,
    "last_week": 3,
    "hours_vague": 2,
    "year": 1,
    "years_ago": 1,
    "vague_past": 0,
    "recent": 0,
}

# ======================================================================================
# Count wording (the guidelines' table)
# ======================================================================================

# A qualifier before a number, and how it bounds the count: "more" (N+1, no upper
# bound), "atleast" (N, no upper bound), "about" (N, no bounds), "less" (1 to N-1).
# Words are separated by white space in the text; the order is the order tried.
COUNT_QUALIFIERS: Final[dict[str, str]] = {
    "أكثر من": "more",
    "ما يزيد على": "more",
    "ما يزيد عن": "more",
    "ما لا يقل عن": "atleast",
    "لا يقل عن": "atleast",
    "نحو": "about",
    "قرابة": "about",
    "حوالي": "about",
    "حوالى": "about",
    "زهاء": "about",
    "ما يقارب": "about",
    "يقارب": "about",
    "ما يقرب من": "about",
    "أقل من": "less",
    "ما يناهز": "about",
    "يناهز": "about",
}

# Words for a number of unknown size: (name, regex source, what may follow, lower bound).
VAGUE_COUNTS: Final[tuple[tuple[str, str, str, int], ...]] = (
    ("tens", r"عشرات", r"(?:\s+من)?", 20),
    ("hundreds", r"مئات", r"(?:\s+من)?", 200),
    ("thousands", r"آلاف|ألوف", r"(?:\s+من)?", 2000),
    (
        "several",
        r"عدة|عدد\s+من|عددا\s+من|سلسلة(?:\s+من)?|بضع|بضعة|جملة\s+من",
        "",
        2,
    ),
)

# Nouns a number may count that are not events (people, vehicles, positions): a number
# before one of them is not the count of a trigger named by عدد.
NOT_COUNTED: Final[tuple[str, ...]] = (
    "قتيلا",
    "قتيل",
    "قتلى",
    "عنصرا",
    "عنصر",
    "عناصر",
    "شخصا",
    "شخص",
    "أشخاص",
    "مدنيا",
    "مدنيين",
    "جنديا",
    "جنود",
    "مقاتلا",
    "جريحا",
    "جرحى",
    "آلية",
    "آليات",
    "سيارة",
    "سيارات",
    "موقعا",
    "مواقع",
    "نقطة",
    "نقاط",
    "طائرة",
    "طائرات",
    "مقاتلة",
    "مقاتلات",
    "ساعة",
    "يوما",
    "أيام",
)

# Nouns a number names rather than counts (الفرقة 25، اللواء 93): such a number before
# a trigger is no count of it.
NAMED_BY_NUMBER: Final[tuple[str, ...]] = (
    "الفرقة",
    "فرقة",
    "اللواء",
    "لواء",
    "الفوج",
    "فوج",
    "الكتيبة",
    "كتيبة",
    "الفيلق",
    "فيلق",
    "النقطة",
    "نقطة",
    "الحاجز",
    "حاجز",
    "المحطة",
    "محطة",
)

# "at least" after the trigger (12 غارة على الأقل).
AT_LEAST_AFTER: Final[str] = r"على\s+الأقل"

# Number words the count table cannot read: a thousands word after a decimal, millions.
THOUSAND_WORDS: Final[str] = r"ألف|آلاف|ألفا"
LARGE_NUMBER_WORDS: Final[str] = r"مليون|ملايين|مليونا|مليار|مليارات"

# Aircraft after a number: an aircraft count, kept in notes and never a strike count.
AIRCRAFT: Final[str] = (
    r"(?:طائرات|طائرة|مقاتلات|مقاتلة|مروحيات|مروحية)"
    r"(?:\s+حربية)?(?:\s+(?P<who>روسية|سورية|أمريكية|أميركية))?"
)
