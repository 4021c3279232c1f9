"""The extractor's vocabulary of events, actors, places and pages, as plain data.

Nothing here is code: each name is a literal (a string, a tuple of strings or
of small tuples, or a dict), so that a change of vocabulary is a change of data
that a reader can review as such.  The modules that match text compile these
entries (:mod:`analysis.extraction.mentions`, :mod:`~analysis.extraction.gazetteer`,
:mod:`~analysis.extraction.structure`, :mod:`~analysis.extraction.layout`,
:mod:`~analysis.extraction.assembly`).

Everything is written in ordinary Arabic; it is normalised
(:func:`analysis.extraction.arabic.normalize_pattern`) when compiled, so
hamza forms, taa marbuta and diacritics need no care here.  Two kinds of entry:

- *word lists* (tuples of words or phrases): matched as whole words with the
  attached prefixes و ف ب ل ك (:func:`analysis.extraction.arabic.compile_words`);
- *regex sources* (strings, and the third item of the trigger and actor
  tables): regular expressions over the normalised text.

The words for dates and counts (date phrases, count wording) are in
:mod:`analysis.extraction.lexicon_dates_counts`; the numbers, weekdays and months
themselves are in :mod:`analysis.extraction.arabic`.

Examples
--------
>>> from analysis.extraction import lexicon
>>> ("airstrike", "noun_sg", "غارة") in lexicon.TRIGGERS
True
>>> "حقل" in lexicon.NAME_HEADS
True
"""

from typing import Final

# ======================================================================================
# Triggers: the words that report an event
# ======================================================================================

# (kind, form, regex source of the word(s)).  ``form`` is noun_sg, noun_pl,
# noun_dual, noun_ref (a definite or possessive form that only refers back),
# noun_campaign, noun_mine, noun_op (conditions apply), masdar, verb_is (a verb
# whose subject must be IS), verb_air (a verb whose subject must be an aircraft).
# Prefixes and the article are handled by the surrounding pattern.
TRIGGERS: Final[tuple[tuple[str, str, str], ...]] = (
    # airstrikes
    ("airstrike", "noun_dual", r"(?:غارتين|غارتان)(?:\s+جويتين|\s+جويتان)?"),
    ("airstrike", "noun_dual", r"(?:ضربتين|ضربتان)\s+(?:جويتين|جويتان)"),
    ("airstrike", "noun_ref", r"(?:غاراتها|غاراته|غاراتهم|ضرباتها|ضرباته|ضرباتهم)"),
    ("airstrike", "noun_pl", r"غارات"),
    ("airstrike", "noun_sg", r"غارة"),
    ("airstrike", "noun_pl", r"(?:ضربات|هجمات)\s+(?:ال)?جوية"),
    ("airstrike", "noun_sg", r"(?:ضربة|هجوم|هجوما|هجمة)\s+(?:ال)?جوي[ةا]?"),
    # barrel bombs dropped by helicopters: each barrel one strike
    ("airstrike", "noun_dual", r"(?:برميلين|برميلان)\s+متفجرين"),
    ("airstrike", "noun_pl", r"براميل\s+متفجرة"),
    ("airstrike", "noun_sg", r"برميل[اً]?\s+متفجر[اً]?"),
    ("airstrike", "noun_sg", r"قصف\s+(?:ال)?جوي"),
    ("airstrike", "noun_pl", r"طلعات\s+(?:ال)?قتالية"),
    ("airstrike", "noun_sg", r"طلعة\s+(?:ال)?قتالية"),
    ("airstrike", "noun_ref", r"(?<=ال)ضربات"),
    # strikes named by a noun that needs an aircraft or an air force near it
    ("airstrike", "noun_air", r"(?:ضربات|ضربة)"),
    # sweeps: a campaign or combing operation
    (
        "sweep",
        "noun_dual",
        r"(?:حملتين|حملتي|حملتان)\s+(?:ال)?(?:تمشيط|عسكريتين|أمنيتين|تفتيش|ملاحقة|تطهير)",
    ),
    (
        "sweep",
        "noun_pl",
        r"حملات\s+(?:ال)?(?:تمشيط|عسكرية|أمنية|تفتيش|ملاحقة|مداهمة|مداهمات|تطهير)",
    ),
    ("sweep", "noun_sg", r"حملة\s+(?:ال)?(?:تمشيط|عسكرية|أمنية|تفتيش|ملاحقة|مداهمات|مداهمة|تطهير)"),
    ("sweep", "noun_campaign", r"(?:عمليات|عملية)\s+(?:ال)?تمشيط"),
    ("sweep", "noun_campaign", r"(?:عمليات|عملية)\s+أمنية(?:\s+واسعة)?"),
    # combing told by its verbal noun or a verb, also in passing (أثناء تمشيطهم المنطقة)
    ("sweep", "noun_campaign", r"(?:تمشيط|تمشيطهم|تمشيطها|تمشيطه)"),
    ("sweep", "noun_campaign", r"(?:يمشط|تمشط|مشطت|مشط|يمشطون|مشطوا)"),
    # attacks by the cells
    ("attack", "noun_dual", r"(?:هجومين|هجومان|كمينين|كمينان|هجمتين|هجمتان)"),
    ("attack", "noun_ref", r"(?:هجماته|هجماتها|هجماتهم)"),
    ("attack", "noun_pl", r"(?:هجمات|كمائن)"),
    ("attack", "noun_sg", r"(?:هجوم|هجوما|كمين|كمينا|هجمة)"),
    ("attack", "noun_dual", r"(?:عبوتين|عبوتان)\s+ناسفتين"),
    ("attack", "noun_pl", r"عبوات\s+ناسفة"),
    ("attack", "noun_sg", r"(?:عبوة\s+ناسفة|سيارة\s+مفخخة|تفجير\s+انتحاري)"),
    ("attack", "noun_mine", r"(?:(?:حقل|حقول|شبكة)\s+(?:من\s+)?(?:ال)?ألغام|لغم|لغما|ألغام)"),
    ("attack", "noun_op", r"(?:عمليات|عملية)"),
    ("attack", "masdar", r"(?:إعدام|اختطاف|خطف|استهداف|تفجير|اعتداء)"),
    (
        "attack",
        "verb_is",
        r"(?:هاجم|هاجمت|هاجموا|يهاجم|تهاجم|أعدم|أعدمت|أعدموا|اختطف|اختطفت|اختطفوا|خطف|خطفت"
        r"|خطفوا|استهدف|استهدفت|استهدفوا|نصب|نصبت|نصبوا)",
    ),
    # a strike reported only by a verb whose subject is an aircraft
    ("airstrike", "verb_air", r"(?:شن|شنت|شنّت|نفذ|نفذت|قصف|قصفت|استهدف|استهدفت|ضرب|ضربت)"),
)

# Ordinals without the article before a trigger (ثالث هجوم): with a period phrase, a
# running count ("the third attack since ...").
ORDINALS_BARE: Final[str] = r"(?:ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)"

# Words after an operation noun (عملية) that make it something other than an IS attack.
NOT_ATTACK_OP: Final[str] = (
    r"\s*(?:ال)?(?:تمشيط|عسكرية|عسكري|أمنية|أمني|تبديل|إنزال|تفتيش|نوعية|برية|جوية|قتالية"
    r"|تسلل|انسحاب|نقل|إنقاذ|بحث|تبادل|استطلاع)"
)

# ======================================================================================
# Conditions on triggers: who acts, what is negated or not real
# ======================================================================================

# Words that name Islamic State or its cells.
IS_WORDS: Final[tuple[str, ...]] = (
    "داعش",
    "التنظيم",
    "تنظيم",
    "خلايا",
    "الخلايا",
    "خلية",
    "الدولة الإسلامية",
    "مسلحو",
    "مسلحي",
    "مقاتلو",
    "مقاتلي",
    "عناصر التنظيم",
)

# Words that can be the subject of an IS verb (هاجم عناصر التنظيم).
IS_SUBJECTS: Final[tuple[str, ...]] = (
    "عناصر",
    "عنصر",
    "خلايا",
    "خلية",
    "الخلايا",
    "مسلحو",
    "مسلحون",
    "مسلحين",
    "مسلحي",
    "مقاتلو",
    "مقاتلي",
    "التنظيم",
    "تنظيم",
    "داعش",
    "مجموعة",
    "مجموعات",
    "مهاجمون",
)

# Words for aircraft (and strikes) as the subject of a strike verb.
AIR_SUBJECTS: Final[tuple[str, ...]] = (
    "طائرات",
    "طائرة",
    "مقاتلات",
    "مقاتلة",
    "طيران",
    "مروحيات",
    "مروحية",
    "سلاح الجو",
    "القوات الجوية",
    "الطيران",
    "المقاتلات",
    "الطائرات",
    "غارة",
    "غارات",
)

# Verbal nouns that are an attack only when IS is named as the doer near them.
MASDAR_NEEDS_IS: Final[tuple[str, ...]] = ("استهداف", "تفجير", "اعتداء")

# Verbs of doing right after a verbal noun (اعتداء نفذه ...، تفجير تبناه ...): the doer
# follows them.
DONE_BY: Final[tuple[str, ...]] = (
    "نفذه",
    "نفذها",
    "شنه",
    "شنها",
    "ارتكبه",
    "ارتكبها",
    "تبناه",
    "تبنته",
)

# Reinforcements and convoys: a sweep they are sent for (تعزيزات ... لتمشيط البادية) is
# a deployment's purpose, not a sweep under way.
DEPLOYMENT_WORDS: Final[tuple[str, ...]] = (
    "تعزيزات",
    "التعزيزات",
    "رتل",
    "رتلا",
    "الرتل",
    "أرتال",
    "الأرتال",
    "حشود",
    "حشودا",
)

# Strikes by drones nobody claims (طائرة مسيرة مجهولة) are not records of the guidelines'
# air forces: an airstrike with these words in its clause gives none.
UNKNOWN_DRONE: Final[str] = r"(?:مسيرة|مسيرات|درون|طائرة\s+بدون\s+طيار)\s+(?:\S+\s+)?مجهول"

# A mine is an attack only when laid (or pinned on IS); war remnants are not.
MINE_LAID: Final[str] = r"زرع|مزروع"
MINE_REMNANT: Final[str] = r"مخلفات|من\s+بقايا|قديم"

# Words after a trigger that mark a separate episode (هجوم منفصل، هجوم آخر).
SEPARATE_WORDS: Final[tuple[str, ...]] = (
    "منفصل",
    "منفصلة",
    "منفصلين",
    "منفصلتين",
    "آخر",
    "أخرى",
    "ثان",
    "ثانيا",
    "ثانية",
    "ثالث",
    "ثالثا",
    "حادثة منفصلة",
    "مستقل",
    "مستقلة",
)

# Negations before a trigger (لم تنفذ، دون أن تشن، نفت).
NEGATION: Final[str] = (
    r"(?<![^\W_])(?:و|ف)?(?:لم|لا|لن)\s+(?:ت|ي)(?:سجل|شهد|رد|قع|نفذ|شن|حدث|وثق)"
    r"|(?<![^\W_])(?:عدم|دون|بدون)\s+(?:ال)?(?:تسجيل|وقوع|حدوث)"
    r"|(?<![^\W_])(?:و|ف)?(?:دون|بدون)\s+(?:أن\s+)?(?:ت|ي)(?:سجل|شهد|قع|نفذ|شن|حدث|وثق)"
    r"|(?<![^\W_])(?:و|ف)?(?:نفت|نفى|تنفي|ينفي|نفي)(?![^\W_])"
)

# Words that make an event irreal or not an event: threats, plans, rumours,
# training and exercises, anniversaries.
IRREALIS_WORDS: Final[tuple[str, ...]] = (
    "هدد",
    "يهدد",
    "تهدد",
    "هددت",
    "تهديد",
    "توعد",
    "متوعدا",
    "يتوعد",
    "تتوعد",
    "تعتزم",
    "يعتزم",
    "اعتزام",
    "تنوي",
    "ينوي",
    "نية",
    "ستطلق",
    "سيطلق",
    "ستشن",
    "ستقوم",
    "سيقوم",
    "سيشن",
    "ستنفذ",
    "سينفذ",
    "المقبلة",
    "المقبل",
    "القادمة",
    "القادم",
    "مرتقبة",
    "مرتقب",
    "تستعد",
    "يستعد",
    "استعدادا",
    "تحضيرا",
    "تحضر",
    "يحضر",
    "تخطط",
    "يخطط",
    "التخطيط",
    "خطة",
    "محتملة",
    "محتمل",
    "شائعات",
    "إشاعات",
    "غير مؤكدة",
    "تدريبات",
    "تدريب",
    "تدريبية",
    "مناورات",
    "مناورة",
    "تمرين",
    "تمارين",
    "رمايات",
    "افتراضية",
    "وهمية",
    "الذكرى",
)

# Words that make a mention habitual or a trend, not an event (strikes "repeatedly",
# "a series of escalating attacks", attacks "every now and then"): in the trigger's clause.
HABITUAL_WORDS: Final[tuple[str, ...]] = (
    "متكررة",
    "متكرر",
    "المتكررة",
    "بشكل متكرر",
    "باستمرار",
    "متصاعدة",
    "المتصاعدة",
    "بين الفينة والأخرى",
    "بين الحين والآخر",
    "من حين لآخر",
    "غالبا ما",
    "عادة ما",
    "يوميا",
    "بشكل يومي",
    "كثيرا ما",
    "دائما",
    "عادة",
    "شبه يومية",
    "شبه يومي",
    "يتخللها",
    "تتخللها",
    "يتخلله",
    "تتخلله",
)

# Words after which a verb has its subject already (أنها استهدفت، التي استهدفت): a noun
# of IS right after the verb is its object, not its subject.
SUBJECT_GIVEN: Final[tuple[str, ...]] = (
    "أنها",
    "أنه",
    "أنهم",
    "بأنها",
    "بأنه",
    "لأنها",
    "التي",
    "الذي",
    "الذين",
)

# Ability or prevention before a verbal noun of launching (قادرين على شن هجمات، منع
# التنظيم من تنفيذ هجمات): what the group can do or is kept from doing, not an event.
PREVENTED: Final[str] = (
    r"(?<![^\W_])(?:قادر|قادرة|قادرون|قادرين|قدرة|القدرة|قدرته|قدرتها|منع|يمنع|تمنع|لمنع"
    r"|منعه|منعها|الحد|للحد|إحباط)(?![^\W_])[^.،؛\n]{0,40}?(?:على|من)\s+(?:شن|تنفيذ)"
)

# Words that make unnumbered plural events a trend (هجمات متتالية، غارات متواصلة): in the
# trigger's clause; a number before the noun makes them events again.
TREND_WORDS: Final[tuple[str, ...]] = (
    "متتالية",
    "متلاحقة",
    "متواصلة",
    "مستمرة",
)

# A release of pictures or video, a statement or a claim: the attack it shows is not a
# new attack, and the day of the release is not its day.
RELEASE_WORDS: Final[tuple[str, ...]] = (
    "صور",
    "صورا",
    "صورة",
    "الصور",
    "تسجيل",
    "تسجيلا",
    "تسجيلا مصورا",
    "فيديو",
    "مقطع",
    "مقطعا",
    "إصدار",
    "إصدارا",
    "مشاهد",
)

# Verbs that report a statement, and "according to": a date phrase right after one dates
# the statement (قال المرصد اليوم إن ...، وفق المرصد اليوم الأحد), not the event.
REPORTING: Final[str] = (
    r"(?:قال|قالت|أكد|أكدت|أفاد|أفادت|ذكر|ذكرت|ذكرته|أعلن|أعلنت|نقل|نقلت|نشر|نشرت|أحصى"
    r"|وثق|رصد|أضاف|أضافت|أوضح|أوضحت|صرح|نعت|نعى|أوردت|أورد|بث|بثت|تبنى|تبنت"
    r"|وفق|وفقا|بحسب|حسب|حسبما)"
)

# Verbs and nouns of continuing or resuming (واصلت ... غاراتها، استئناف الغارات): the
# definite or possessive trigger after them reports new events, it does not refer back.
CONTINUING: Final[tuple[str, ...]] = (
    "واصل",
    "واصلت",
    "يواصل",
    "تواصل",
    "واصلوا",
    "مواصلة",
    "استأنف",
    "استأنفت",
    "يستأنف",
    "تستأنف",
    "استئناف",
    "جددت",
    "جدد",
)

# A relative clause after a definite trigger introduces the event (الهجوم الذي شنه ...):
# it is told here, not referred back to.
RELATIVE: Final[str] = r"(?:الذي|التي|اللذين|اللتين)\s+(?:شن|نفذ|استهدف|وقع|طال|تعرض|نسب|تبنا|تبنى)"

# Words of a death toll: a period total in such a sentence that gives no number of
# events is a toll, not a record.
TOLL_WORDS: Final[tuple[str, ...]] = (
    "حصيلة",
    "قتيلا",
    "قتيل",
    "قتلى",
    "قتلوا",
    "قتل",
    "مقتل",
)

# Words of fighting that is not a record (clashes): places after them in the sentence
# belong to it, not to a trigger before them.
CLASHES: Final[tuple[str, ...]] = (
    "اشتباكات",
    "الاشتباكات",
    "اشتباك",
    "معارك",
    "المعارك",
    "مواجهات",
    "المواجهات",
    "قصف مدفعي",
    "قصفا مدفعيا",
)

# Words at the start of a sentence that add another event (كما، وفي حادثة أخرى).
ALSO: Final[str] = (
    r"\s*(?:كما|وكما)\s|\s*(?:و|ف)?(?:في|ب)\s+(?:حادثة|حادث|هجوم|تطور|عملية)\s+"
    r"(?:أخرى|آخر|منفصلة|منفصل|ثانية|ثان)"
)

# A sentence that opens with the pluperfect كان (وكان التنظيم قد نشر ...) turns back to an
# earlier matter: it does not continue the event told before it.
FLASHBACK: Final[str] = r"\s*[وف]?(?:كان|كانت|كانوا)\s"

# ======================================================================================
# Actors
# ======================================================================================

# (short English name, group, regex source).  The group ties an actor to an event
# kind: "air" for airstrikes, "ground" for sweeps, "is" for attacks.
ACTORS: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "Russian air force",
        "air",
        r"(?:طائرات|الطائرات|طائرة|الطائرة|مقاتلات|المقاتلات|مقاتلة|الطيران|طيران|مروحيات|المروحيات"
        r"|سلاح\s+الجو|القوات\s+الجوية|غارة|غارات|الغارات|ضربات|الضربات|ضربة|القاذفات|قاذفات)"
        r"(?:\s+(?:ال)?(?:حربية|حربي|جوية|جوي|الحربية|الحربي|الجوية|الجوي|الفضائية)){0,2}"
        r"\s+(?:ال)?(?:روسية|روسي|الروسية|الروسي)(?![^\W_])",
    ),
    ("Russian air force", "air", r"(?:الطيران|الطائرات|المقاتلات)\s+(?:ال)?روس(?![^\W_])"),
    (
        "Syrian air force",
        "air",
        r"(?:سلاح\s+الجو|الطيران\s+الحربي|طيران|الطيران|طائرات|الطائرات|مقاتلات|مروحيات"
        r"|المروحيات|المقاتلات|طائرة)(?:\s+(?:ال)?(?:حربية|حربي|مروحية))?"
        r"(?:\s+(?:التابع|التابعة|التابعين)\s+(?:ل|لـ)?)?\s*(?:في\s+|ل)?"
        r"(?:جيش\s+)?(?:ال)?(?:نظام|سوري|سورية|السوري|السورية|الحكومي|الحكومية)(?![^\W_])",
    ),
    (
        "Syrian air force",
        "air",
        r"(?:سلاح\s+الجو|الطيران\s+الحربي)\s+(?:\S+\s+){0,3}?(?:ل|في\s+)?(?:جيش\s+)?النظام",
    ),
    # helicopters dropping barrels: only the Syrian air force flies them over the Badia
    ("Syrian air force", "air", r"(?:الطيران|طيران)\s+(?:ال)?مروحي(?![^\W_])"),
    (
        "US-led coalition",
        "air",
        r"(?:التحالف\s+الدولي|قوات\s+التحالف|طيران\s+التحالف|طائرات\s+التحالف|التحالف\s+بقيادة"
        r"|القوات\s+(?:الأمريكية|الأميركية)|(?:الطائرات|المقاتلات|الطيران)\s+(?:ال)?(?:أمريكية"
        r"|أميركية|أمريكي|أميركي)|القيادة\s+المركزية\s+(?:الأمريكية|الأميركية)|سنتكوم"
        r"|الجيش\s+(?:الأمريكي|الأميركي)|الولايات\s+المتحدة)",
    ),
    (
        "25th Division",
        "ground",
        r"(?:الفرقة\s+(?:ال)?25|الفرقة\s+الخامسة\s+والعشرين|الفرقة\s+الخامسة\s+والعشرون|قوات\s+النمر)",
    ),
    ("17th Division", "ground", r"(?:الفرقة\s+(?:ال)?17|الفرقة\s+السابعة\s+عشرة?)(?![^\W_])"),
    ("Liwa al-Quds", "ground", r"لواء\s+\"?القدس"),
    ("National Defence Forces", "ground", r"الدفاع\s+الوطني"),
    (
        "Iran-backed militias",
        "ground",
        r"(?:ال)?(?:ميليشيات|مليشيات|ميليشيا|مليشيا|فصائل|الفصائل)\s+(?:\S+\s+){0,2}?"
        r"(?:(?:ال)?(?:مدعومة|موالية|الموالية|المدعومة|التابعة)\s+(?:من\s+|ل)?(?:روسيا\s+و)?"
        r"(?:إيران|لإيران)|الإيرانية|إيرانية)",
    ),
    (
        "Syrian government forces",
        "ground",
        r"(?:قوات\s+النظام|جيش\s+النظام|القوات\s+الحكومية|قوات\s+الحكومة|الجيش\s+السوري"
        r"|قوات\s+الجيش|الجيش\s+العربي\s+السوري|القوات\s+السورية|النظام\s+السوري)",
    ),
    (
        "Islamic State",
        "is",
        r"(?:داعش|تنظيم\s+الدولة|الدولة\s+الإسلامية|التنظيم|خلايا|الخلايا)(?![^\W_])",
    ),
)

# Words before an actor that make it the unit in the lead (بقيادة الفرقة 25).
LEADS: Final[str] = r"(?:بقيادة|تقودها|يقودها|تقوده|يقوده|بإشراف|تتولاها|قادتها)"


# ======================================================================================
# Places
# ======================================================================================

# Place heads (بادية تدمر، قرية الشميطية): stripped before lookup; a head before a
# name missing from the gazetteer marks it as a place.
PLACE_HEADS: Final[str] = (
    r"(?:بادية|بوادي|باديتي|منطقة|منطقتي|محيط|أطراف|قرية|قريتي|قرى|بلدة|بلدتي|مدينة|مدينتي"
    r"|ناحية|ريف|حقل|حقلي|مخيم|محافظة|محافظتي|سد|محطة|بئر|بير)"
)

# Heads that are part of the name they head (حقل التيم، سد تويزين، محطة الكم، بئر قصيبة).
NAME_HEADS: Final[tuple[str, ...]] = ("حقل", "سد", "محطة", "بئر", "بير")

# A road named by its two ends (طريق الكوم - السخنة): each end is a place.
ROAD: Final[str] = r"طريق"

# Where casualties were taken (نقل الجرحى إلى مستشفى تدمر): the places that follow,
# to the end of the clause, are not where the event happened.
HOSPITALS: Final[tuple[str, ...]] = (
    "مشفى",
    "مستشفى",
    "مشافي",
    "مشاف",
    "مستشفيات",
    "المشفى",
    "المستشفى",
    "المشافي",
    "المستشفيات",
)

# The city itself, not its governorate (مدينة حمص).
CITY: Final[str] = "مدينة"

# Words that begin a place name of two words (أبو حمام، تل بري).
NAME_STARTERS: Final[tuple[str, ...]] = (
    "أبو",
    "أم",
    "تل",
    "عين",
    "بئر",
    "بير",
    "خربة",
    "رأس",
    "دير",
    "جبل",
    "وادي",
    "سد",
    "مزرعة",
    "تلول",
    "بني",
    "آل",
    "الشيخ",
    "عرب",
    "رسم",
    "حقل",
    "سد",
    "محطة",
    "محمية",
)

# Words after a head that are not place names (directions, common nouns, particles).
NOT_NAMES: Final[tuple[str, ...]] = (
    "الشرقي",
    "الشرقية",
    "الغربي",
    "الغربية",
    "الشمالي",
    "الشمالية",
    "الجنوبي",
    "الجنوبية",
    "الوسطى",
    "السورية",
    "السوري",
    "الحدودية",
    "الصحراوية",
    "المذكورة",
    "العمليات",
    "نفوذ",
    "سيطرة",
    "المنطقة",
    "البادية",
    "المطار",
    "الحقل",
    "المدينة",
    "القرية",
    "البلدة",
    "عمليات",
    "اشتباكات",
    "انتشار",
    "تواجد",
    "نشاط",
    "التنظيم",
    "داعش",
    "خلايا",
    "مواقع",
    "مدخل",
    "عمق",
    "قوات",
    "النظام",
    "الاشتباكات",
    "المعارك",
    "عسكرية",
    "واسعة",
    "جديدة",
    "نفط",
    "النفط",
    "الغاز",
    "غاز",
    "الألغام",
    "ألغام",
    "التماس",
    "الصراع",
    "المدنيين",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "وسط",
    "قرب",
    "حول",
    "سورية",
    "سوريا",
    "العراق",
    "الحدود",
    "المثلث",
    "واحدة",
    "أخرى",
    "آخر",
    "ضمن",
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "مع",
    "التي",
    "الذي",
    "تقع",
    "يقع",
    "القريبة",
    "المحيطة",
    "المجاورة",
    "الممتدة",
    "الواقعة",
    "كانت",
    "المحاذية",
    "الصحراء",
    "صحراء",
    # plural and general nouns that follow a place name after و
    "المناطق",
    "القرى",
    "البلدات",
    "المدن",
    "البوادي",
    "الأرياف",
    "الأطراف",
    "المحيط",
    "المواقع",
    "النقاط",
    "الحواجز",
    "الطرق",
    "الطريق",
    "الجبال",
    "الأودية",
    "التلال",
    "الحقول",
    "المخيمات",
    "الضواحي",
    "الجوار",
    "الأرياف",
    "الريف",
    "المحافظة",
    "الناحية",
    # adjectives and verbs after a head: "منطقة صحراوية"، "منطقة قريبة"، "منطقة تسيطر عليها"
    "قريبة",
    "قريب",
    "بعيدة",
    "صحراوية",
    "جبلية",
    "نائية",
    "متفرقة",
    "مختلفة",
    "متعددة",
    "عدة",
    "سكنية",
    "زراعية",
    "مفتوحة",
    "وعرة",
    "خاضعة",
    "تسيطر",
    "يسيطر",
    "تخضع",
    "تنتشر",
    "ينتشر",
    "يتواجد",
    "تتواجد",
    "نفطي",
    "نفطية",
    "النفطي",
    "النفطية",
    "غازي",
    # "بادية كل من دير الزور وحمص": the governorates follow
    "كل",
    "الشام",
)

# Phrases that name a country-wide area, not a place (البادية السورية، وسط سوريا).
NOT_PLACES: Final[str] = (
    r"(?:ال)?بادية\s+(?:ال)?سوري[ةا]|(?:وسط|شرق|شمال|جنوب|غرب)\s+سوري[ةا]|(?:ال)?بادية\s+الشام"
)

# Words before a governorate that make it the governorate of the name before them.
GOVERNORATE_CONTEXT: Final[str] = (
    r"(?:ريف|بريف|وريف|بادية|ببادية|بوادي|محافظة|بمحافظة|شرقي|غربي|شمالي"
    r"|جنوبي|شرق|غرب|شمال|جنوب)"
)

# Words by which a sentence without a trigger gives a campaign's extent.
EXTENT: Final[str] = r"(?:محاور|محور|تتقدم|يتقدم|تمتد|يمتد|تشمل|يشمل|تتركز|يتركز|تركزت|وصولا)"


# ======================================================================================
# Page structure
# ======================================================================================

# The head of a lead summary block ("استمع إلى الملخص").
SUMMARY_HEADS: Final[str] = r"(?:ملخص|الملخص|أبرز\s+ما\s+في|باختصار|نقاط\s+رئيسية)"

# A line that links to another article ("اقرأ أيضاً: ..."): not part of the report.
LINK_LINES: Final[str] = r"^\s*(?:اقرأ|إقرأ|طالع|شاهد)\s+(?:أيضا|ايضا|المزيد|كذلك)|^\s*للمزيد\b"

# A photo caption: a short line that ends with the picture's credit after a dash or in
# brackets ("... - AFP", "(Getty)", "(إنترنت)"): it describes a picture, often an archive
# one, and is not part of the report.
CAPTION_CREDIT: Final[str] = (
    r"(?:^|[(/-]\s*)(?:AFP|AP|Getty(?:\s+Images)?|Reuters|EPA|أ\s*ف\s*ب|رويترز|فرانس\s+برس"
    r"|الأناضول|إنترنت|انترنت|أرشيف|ارشيف|أرشيفية|ارشيفية|وكالات|مواقع\s+التواصل)"
    r"\s*\)?\s*$"
)
