"""Words, the lead summary, sentences and clauses (analysis.extraction.structure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.extraction.structure import (
    CLAUSE_END,
    SENTENCE_END,
    Page,
    Sentences,
    SpanSet,
    sentence_marks,
    sentence_spans,
    summary_spans,
)


def test_a_lead_summary_is_its_head_and_bullets_before_the_body():
    text = "استمع إلى الملخص\n- نفذت خلايا داعش 17 هجوماً.\n- غارة\nنص المقال."
    spans = summary_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "استمع إلى الملخص",
        "- نفذت خلايا داعش 17 هجوماً.",
        "- غارة",
    ]


def test_one_bullet_after_the_body_started_is_not_a_summary():
    text = "نص المقال.\n- غارة على تدمر\nبقية النص"
    assert summary_spans(text) == []


def test_a_text_of_bullets_only_has_no_summary():
    assert summary_spans("- غارة\n- هجوم") == []


def test_sentences_end_at_stops_and_line_breaks_and_blank_ones_are_dropped():
    norm = "غاره علي تدمر. هجوم!  \nحمله؟ اخر"
    assert [norm[a:b] for a, b in sentence_spans(norm)] == [
        "غاره علي تدمر",
        " هجوم",
        "حمله",
        " اخر",
    ]


def test_a_stop_inside_a_number_does_not_end_a_sentence():
    norm = "نفذ 1.5 غاره"
    assert sentence_spans(norm) == [(0, len(norm))]


def test_clauses_are_cut_at_commas_and_semicolons_inside_their_sentence():
    norm = "غاره، هجوم؛ حمله. ثم"
    sentences = Sentences.of(norm)
    assert len(sentences) == 2
    assert sentences.index_of(norm.index("هجوم")) == 0
    assert sentences.index_of(norm.index("ثم")) == 1
    s, e = sentences.clause(norm.index("هجوم"), 0)
    assert norm[s:e] == " هجوم"
    s, e = sentences.clause(0, 0)
    assert norm[s:e] == "غاره"


# --- the indexed questions give what the plain rules give ------------------------------

_punctuated = st.text(alphabet=".!?؟\n \t\"'،,؛;:xاب1", max_size=80)


@given(_punctuated)
def test_sentence_marks_are_what_the_sentence_end_pattern_finds(norm):
    assert list(sentence_marks(norm)) == [m.span() for m in SENTENCE_END.finditer(norm)]


def test_a_long_run_of_stops_is_read_in_one_pass():
    norm = "." * 50_000 + "x"
    assert list(sentence_marks(norm)) == []
    norm = "." * 10 + "\n" + "." * 10 + "x"
    assert list(sentence_marks(norm)) == [(0, 10), (10, 11)]


def _clause_by_regex(norm: str, pos: int, s_start: int, s_end: int) -> tuple[int, int]:
    left = s_start
    for m in CLAUSE_END.finditer(norm, s_start, pos):
        left = m.end()
    right = CLAUSE_END.search(norm, pos, s_end)
    return left, right.start() if right else s_end


@given(_punctuated, st.data())
def test_a_clause_is_cut_at_the_marks_around_a_position_in_its_sentence(norm, data):
    sentences = Sentences.of(norm)
    for i, (s0, s1) in enumerate(sentences.spans):
        pos = data.draw(st.integers(s0, s1))
        assert sentences.clause(pos, i) == _clause_by_regex(norm, pos, s0, s1)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12))
def test_a_span_set_covers_what_some_span_covers(raw):
    spans = [(a, a + n) for a, n in raw]
    covered = SpanSet(spans)
    for pos in range(-1, 85):
        assert covered.covers(pos) == any(a <= pos < b for a, b in spans)


def test_a_page_has_headings_link_lines_and_a_lead():
    text = (
        "هجوم لداعش في البادية\n"  # a title
        "2024.05.21 | 13:04\n"  # a date line
        "شن التنظيم هجوماً على حاجز، وقتل عنصران.\n"  # the lead
        "اقرأ أيضاً: غارات على تدمر\n"  # a link to another article
        "صورة أرشيفية لعناصر من قوات النظام\n"  # a caption
        "وأسفر الهجوم عن مقتل عنصرين.\n"
    )
    page = Page.of(text)
    lines = text.split("\n")
    assert [text[a:b] for a, b in page.headings] == [lines[0], lines[1], lines[4]]
    assert [text[a:b] for a, b in page.links] == [lines[3]]
    assert text[page.lead[0] : page.lead[1]] == lines[2]


def test_a_page_of_one_line_or_of_lines_without_stops_has_no_headings():
    assert Page.of("هجوم لداعش على حاجز في البادية").headings == []
    # no line ends with a stop: they are the body, not headings
    text = "هجوم لداعش على حاجز\nغارات روسية على تدمر"
    assert Page.of(text).headings == []
    # a long line with a comma is a body paragraph that lost its stop
    long_line = "شن التنظيم هجوماً على حاجز لقوات النظام في بادية السخنة، " * 2
    assert Page.of(f"{long_line}\nوقتل عنصران.").headings == []
