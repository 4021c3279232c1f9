"""Words, the lead summary, sentences and clauses (analysis.extraction.structure)."""

from __future__ import annotations

from analysis.extraction.structure import Sentences, sentence_spans, summary_spans


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
