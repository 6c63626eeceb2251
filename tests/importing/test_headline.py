import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.importing.headline import MAX_DERIVED_TITLE_CHARS, derive_title, first_sentence
from articles.importing.text import has_words


def test_the_first_sentence_ends_at_a_full_stop_before_a_capital() -> None:
    assert first_sentence("Warga menanam bakau. Kegiatan itu rutin.") == "Warga menanam bakau."


def test_the_first_sentence_does_not_end_at_abbreviations_or_initials() -> None:
    paragraph = "Dr. Maria dan H. Ahmad dari Kab. Belu hadir. Acara berlangsung meriah."
    assert first_sentence(paragraph) == "Dr. Maria dan H. Ahmad dari Kab. Belu hadir."


def test_the_first_sentence_does_not_end_inside_numbers() -> None:
    paragraph = "Sebanyak 2.200 pekerja terdaftar. Jumlahnya naik."
    assert first_sentence(paragraph) == "Sebanyak 2.200 pekerja terdaftar."


def test_a_paragraph_without_sentence_end_is_one_sentence() -> None:
    assert first_sentence("Warga menanam bakau di pesisir,") == "Warga menanam bakau di pesisir,"


def test_a_short_lead_becomes_the_title_without_final_punctuation() -> None:
    assert derive_title("Warga Oesapa menanam 500 bakau. Kegiatan itu rutin.") == (
        "Warga Oesapa menanam 500 bakau"
    )


def test_a_long_lead_is_cut_at_its_last_clause_break_within_the_limit() -> None:
    lead = (
        "Pemerintah Kabupaten Belu menyalurkan beras kepada 1.200 keluarga, terutama di "
        "Kecamatan Tasifeto Timur, serta di wilayah perbatasan lain yang terdampak kekeringan"
    )
    assert derive_title(lead) == (
        "Pemerintah Kabupaten Belu menyalurkan beras kepada 1.200 keluarga, terutama di "
        "Kecamatan Tasifeto Timur"
    )


def test_a_long_lead_without_clause_break_is_cut_at_a_word_boundary() -> None:
    lead = " ".join(["perlindungan"] * 20)
    title = derive_title(lead)
    assert title == " ".join(["perlindungan"] * 8)
    assert len(title) <= MAX_DERIVED_TITLE_CHARS


def test_an_early_clause_break_is_ignored_in_favour_of_a_longer_title() -> None:
    lead = "Di Kupang, " + " ".join(["warga menanam bakau"] * 10)
    title = derive_title(lead)
    assert title.startswith("Di Kupang, warga menanam bakau")
    assert len(title) > 100


@pytest.mark.parametrize("ending", [",", ";", " -", ":"])
def test_a_derived_title_has_no_trailing_punctuation(ending: str) -> None:
    assert derive_title(f"Warga menanam bakau{ending}") == "Warga menanam bakau"


def test_a_single_overlong_word_is_cut_hard_at_the_limit() -> None:
    assert derive_title("x" * 300) == "x" * MAX_DERIVED_TITLE_CHARS


def test_a_lead_opening_with_stray_punctuation_starts_the_title_at_its_first_word() -> None:
    assert derive_title("... Warga Oesapa menanam bakau.") == "Warga Oesapa menanam bakau"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_a_derived_title_is_short_and_has_words_whenever_the_lead_has(lead: str) -> None:
    title = derive_title(lead)
    assert len(title) <= MAX_DERIVED_TITLE_CHARS
    assert has_words(title) == has_words(lead)
