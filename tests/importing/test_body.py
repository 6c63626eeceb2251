import pytest

from articles.importing.body import assemble_paragraphs, related_title


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Harga beras stabil di Kupang",
        "BACA JUGA: Harga beras stabil di Kupang",
        "Baca Juga : Harga beras stabil di Kupang",
        "baca juga:Harga beras stabil di Kupang",
        "Baca: Harga beras stabil di Kupang",
        "  Baca juga:   Harga beras  stabil di Kupang ",
    ],
)
def test_it_reads_the_title_from_baca_juga_lines(line: str) -> None:
    assert related_title(line) == "Harga beras stabil di Kupang"


def test_an_empty_baca_juga_line_yields_an_empty_title() -> None:
    assert related_title("Baca juga:") == ""


@pytest.mark.parametrize(
    "line", ["Bacaan doa dibacakan pastor.", "Baca juga berita lainnya", "Warga membaca: buku"]
)
def test_ordinary_lines_are_not_related_titles(line: str) -> None:
    assert related_title(line) is None


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    lines = ["Warga menanam bakau", "Kegiatan itu rutin.", "Bupati  hadir."]
    assert assemble_paragraphs(lines) == [
        "Warga menanam bakau",
        "Kegiatan itu rutin.",
        "Bupati hadir.",
    ]


def test_with_blank_lines_wrapped_lines_are_joined() -> None:
    lines = ["Warga Oesapa menanam", "bakau di pesisir.", "", "Kegiatan itu", "rutin."]
    assert assemble_paragraphs(lines) == [
        "Warga Oesapa menanam bakau di pesisir.",
        "Kegiatan itu rutin.",
    ]


def test_with_blank_lines_a_line_ending_a_sentence_still_ends_the_paragraph() -> None:
    lines = ["Warga menanam bakau.", "Kegiatan itu rutin.", "", "“Kami senang,” kata Yosef."]
    assert assemble_paragraphs(lines) == [
        "Warga menanam bakau.",
        "Kegiatan itu rutin.",
        "“Kami senang,” kata Yosef.",
    ]


def test_a_removed_line_ends_a_paragraph_without_implying_blank_line_layout() -> None:
    lines = ["Warga menanam", None, "bakau di pesisir", "Bupati hadir"]
    assert assemble_paragraphs(lines) == ["Warga menanam", "bakau di pesisir", "Bupati hadir"]


def test_leading_and_trailing_blank_lines_do_not_count_as_layout() -> None:
    lines = ["", "Warga menanam", "bakau di pesisir", ""]
    assert assemble_paragraphs(lines) == ["Warga menanam", "bakau di pesisir"]
