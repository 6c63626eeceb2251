import pytest

from articles.importing.detect import Style, detect_style
from articles.importing.errors import ErrorCode, ImportRejected


@pytest.mark.parametrize(
    "text",
    [
        "Kupang (ANTARA) - Pemerintah Provinsi NTT menyalurkan bantuan.",
        "Ende (Antara NTT) – Warga menanam bakau.",
        "Kupang (AntaraNews NTT) - Harga beras stabil.",
        "Warga menanam bakau.\nCopyright © ANTARA 2024",
        "Warga menanam bakau.\nPewarta : Kornelis Kaha",
    ],
)
def test_it_recognises_the_antara_style(text: str) -> None:
    assert detect_style(text) == Style.ANTARA


@pytest.mark.parametrize(
    "text",
    [
        "POS-KUPANG.COM, KUPANG - Warga menanam bakau.",
        "Warga menanam bakau.\nIkuti berita Pos-Kupang.com lain di Google News",
        "TRIBUNFLORES.COM, MAUMERE - Warga menanam bakau.",
        "Laporan Wartawan Pos Kupang, Gecio Viana\nWarga menanam bakau.",
    ],
)
def test_it_recognises_the_poskupang_style(text: str) -> None:
    assert detect_style(text) == Style.POSKUPANG


def test_the_style_whose_marker_comes_first_wins() -> None:
    text = "POS-KUPANG.COM, KUPANG - Seperti dilaporkan Kupang (ANTARA) - sebelumnya."
    assert detect_style(text) == Style.POSKUPANG


def test_the_word_antara_in_prose_is_not_a_style_marker() -> None:
    with pytest.raises(ImportRejected) as caught:
        detect_style("Jarak (antara) dua desa itu jauh, kata warga Kupang.")
    assert caught.value.code == ErrorCode.UNKNOWN_STYLE
