import pytest

from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.text import (
    MAX_SOURCE_BYTES,
    collapse_whitespace,
    decode_source,
    display_case,
    has_words,
    normalize_text,
)

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def rejection_code(raw: bytes) -> ErrorCode:
    with pytest.raises(ImportRejected) as caught:
        decode_source(raw)
    return caught.value.code


@pytest.mark.parametrize("raw", [b"", b" \n\t\r\n ", b"\xef\xbb\xbf", "\u00a0\u200b\n".encode()])
def test_it_rejects_files_without_visible_text_as_empty(raw: bytes) -> None:
    assert rejection_code(raw) == ErrorCode.EMPTY


def test_it_rejects_files_over_the_size_limit() -> None:
    assert rejection_code(b"a" * (MAX_SOURCE_BYTES + 1)) == ErrorCode.TOO_LARGE


def test_it_accepts_a_file_of_exactly_the_size_limit() -> None:
    assert len(decode_source(b"a" * MAX_SOURCE_BYTES)) == MAX_SOURCE_BYTES


def test_it_checks_emptiness_before_size() -> None:
    assert rejection_code(b" " * (MAX_SOURCE_BYTES + 1)) == ErrorCode.EMPTY


def test_it_checks_size_before_binary() -> None:
    assert rejection_code(PNG_HEADER * MAX_SOURCE_BYTES) == ErrorCode.TOO_LARGE


def test_it_checks_binary_before_utf8() -> None:
    assert rejection_code(b"caf\xe9\x00") == ErrorCode.BINARY


@pytest.mark.parametrize("raw", [PNG_HEADER, PNG_HEADER[:8], b"Kupang\x00(ANTARA) - teks"])
def test_it_rejects_binary_data_before_trying_utf8(raw: bytes) -> None:
    assert rejection_code(raw) == ErrorCode.BINARY


def test_it_rejects_text_with_a_high_share_of_control_characters_as_binary() -> None:
    assert rejection_code(b"ab\x01cd\x02ef\x03gh\x04ij") == ErrorCode.BINARY


def test_it_tolerates_tabs_and_form_feeds() -> None:
    assert decode_source(b"Kupang\t(ANTARA)\x0c- teks") == "Kupang\t(ANTARA)\n- teks"


def test_it_names_the_byte_offset_of_invalid_utf8() -> None:
    raw = "Kupang (ANTARA) - Café".encode("latin-1")
    with pytest.raises(ImportRejected) as caught:
        decode_source(raw)
    assert caught.value.code == ErrorCode.NOT_UTF8
    assert caught.value.message == (
        "The file is not valid UTF-8 at byte 21; save it as UTF-8 and retry."
    )


def test_it_strips_the_byte_order_mark() -> None:
    assert decode_source(b"\xef\xbb\xbfKupang") == "Kupang"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("satu\r\ndua\rtiga\u2028empat", "satu\ndua\ntiga\nempat"),
        ("Cafe\u0301", "Café"),
        ("Rp\u00a050\u202fmiliar", "Rp 50 miliar"),
        ("Nusa\u200b Tenggara\u00ad\u2060 Timur\ufeff", "Nusa Tenggara Timur"),
        ("desa\x1b\x7f", "desa"),
    ],
)
def test_it_normalises_line_breaks_composition_spaces_and_invisible_characters(
    raw: str, expected: str
) -> None:
    assert normalize_text(raw) == expected


def test_it_collapses_whitespace_runs() -> None:
    assert collapse_whitespace("  Desa \t Bolok\n  Kupang ") == "Desa Bolok Kupang"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ATAMBUA", "Atambua"),
        ("LABUAN BAJO", "Labuan Bajo"),
        ("BA'A", "Ba'a"),
        ("KUPANG-TIMUR", "Kupang-Timur"),
        ("Labuan Bajo", "Labuan Bajo"),
        ("Kota  Kupang", "Kota Kupang"),
    ],
)
def test_it_puts_capitalised_place_names_into_display_case(name: str, expected: str) -> None:
    assert display_case(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("Rp50", True), ("ẞ", True), ("... —", False), ("", False)]
)
def test_it_tells_words_from_punctuation(text: str, expected: bool) -> None:
    assert has_words(text) is expected
