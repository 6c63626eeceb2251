import datetime
import hashlib
from pathlib import Path

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.importing import (
    MAX_SOURCE_BYTES,
    ErrorCode,
    ImportRejected,
    ParsedArticle,
    parse_source,
)
from articles.importing.headline import DERIVED_TITLE_WARNING

TODAY = datetime.date(2025, 12, 1)
SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
ANTARA_SAMPLE = (SOURCES / "000_e04379150e9b95c5.txt").read_bytes()
POSKUPANG_SAMPLE = (SOURCES / "004_983a433936bb54d8.txt").read_bytes()


def parse(raw: bytes) -> ParsedArticle:
    return parse_source(raw, today=TODAY)


@pytest.fixture
def antara() -> ParsedArticle:
    return parse(ANTARA_SAMPLE)


@pytest.fixture
def poskupang() -> ParsedArticle:
    return parse(POSKUPANG_SAMPLE)


def test_the_antara_sample_yields_its_metadata(antara: ParsedArticle) -> None:
    assert (antara.style, antara.outlet) == ("antara", "Antara")
    assert antara.reporters == ["Benediktus Sridin Sulu Jahang"]
    assert antara.editor == "Laurensius Molan"
    assert antara.dateline_city == "Kupang"
    assert antara.published_on == datetime.date(2018, 8, 24)
    assert antara.original_byline == "Pewarta : Benediktus Sridin Sulu Jahang"
    assert antara.rights_line == "Copyright © ANTARA 2024"
    assert antara.original_url == ""
    assert antara.checksum == hashlib.sha256(ANTARA_SAMPLE).hexdigest()
    assert antara.warnings == [
        DERIVED_TITLE_WARNING,
        'The year 2018 was inferred for "Jumat (24/8)" from its weekday; check it.',
    ]


def test_the_antara_sample_gets_a_derived_title(antara: ParsedArticle) -> None:
    assert antara.title == "BPJS Ketenagakerjaan meluncurkan tiga desa di Nusa Tenggara Timur"
    assert antara.title_derived is True


def test_the_antara_sample_separates_body_from_references_and_footer(
    antara: ParsedArticle,
) -> None:
    assert antara.related_titles == [
        "Pemerintah jamin 1.400 PTT dalam BPJS Ketenagakerjaan",
        "Santunan BPJS ketenagakerjaan mencapai Rp50 miliar",
    ]
    assert len(antara.body_paragraphs) == 8
    assert antara.body_paragraphs[0].startswith("BPJS Ketenagakerjaan meluncurkan tiga desa")
    assert antara.body_paragraphs[-1].endswith("Dewan Pengawas BPJS Pusat, Rekson Silaban.")
    for paragraph in antara.body_paragraphs:
        for leftover in ("Pewarta", "Baca juga", "Copyright", "(AntaraNews NTT)"):
            assert leftover not in paragraph


def test_the_poskupang_sample_yields_its_header(poskupang: ParsedArticle) -> None:
    assert (poskupang.style, poskupang.outlet) == ("poskupang", "Pos-Kupang")
    assert poskupang.rubric == "Belu Terkini"
    assert poskupang.title == (
        "BPJS Ketenagakerjaan Dorong Perangkat Desa di Belu Jadi Motor Penggerak "
        "Perlindungan Sosial"
    )
    assert poskupang.title_derived is False
    assert poskupang.dek == (
        "BPJS Ketenagakerjaan Cabang Atambua mendorong pemerintah desa (Pemdes) di Kabupaten "
        "Belu menjadi motor penggerak jaminan sosial."
    )
    assert poskupang.reporters == ["Agustinus Tanggur"]
    assert poskupang.editor == "Apolonia Matilde"
    assert poskupang.original_byline == "Laporan Reporter POS-KUPANG.COM, Agustinus Tanggur"
    assert poskupang.dateline_city == "Atambua"
    assert poskupang.published_on == datetime.date(2025, 11, 17)
    assert poskupang.warnings == []


def test_the_poskupang_sample_yields_four_summary_points(poskupang: ParsedArticle) -> None:
    assert len(poskupang.summary_points) == 4
    assert poskupang.summary_points[2] == (
        "BPJS menekankan pentingnya edukasi dan pendaftaran jaminan sosial sebagai investasi masa"
    )


def test_the_poskupang_sample_body_is_free_of_clutter(poskupang: ParsedArticle) -> None:
    assert len(poskupang.body_paragraphs) == 8
    assert poskupang.body_paragraphs[0].startswith("BPJS Ketenagakerjaan Cabang Atambua")
    assert poskupang.body_paragraphs[-1].endswith("memperkuat fondasi ekonomi lokal.")
    body = "\n".join(poskupang.body_paragraphs)
    for leftover in ("(gus)", "GOOGLE NEWS", "quality(30)", ".jpg", "POS-KUPANG.COM"):
        assert leftover not in body
    assert "“Dalam kegiatan sosialisasi" in body


def test_the_poskupang_detection_text_leaves_out_the_outlet_lines(
    poskupang: ParsedArticle,
) -> None:
    text = poskupang.detection_text()
    assert "POS-KUPANG.COM" not in text
    assert text.startswith("BPJS Ketenagakerjaan Dorong Perangkat Desa di Belu")
    assert "Belu Terkini" in text


def test_windows_line_endings_and_a_bom_parse_the_same() -> None:
    raw = b"\xef\xbb\xbf" + POSKUPANG_SAMPLE.replace(b"\n", b"\r\n")
    article = parse(raw)
    assert article.body_paragraphs == parse(POSKUPANG_SAMPLE).body_paragraphs
    assert article.checksum == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", ErrorCode.EMPTY),
        (b"  \r\n\t\n", ErrorCode.EMPTY),
        (b"Kupang (ANTARA) - " + b"a" * MAX_SOURCE_BYTES, ErrorCode.TOO_LARGE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", ErrorCode.BINARY),
        (b"Kupang (ANTARA) - Warga\x00berkumpul.", ErrorCode.BINARY),
        ("Kupang (ANTARA) - Café".encode("latin-1"), ErrorCode.NOT_UTF8),
        (b"Warga Kupang menanam bakau di pesisir.", ErrorCode.UNKNOWN_STYLE),
        ("Warga menanam bakau.\nCopyright © ANTARA 2025".encode(), ErrorCode.NO_DATELINE),
        (b"Laporan Reporter POS-KUPANG.COM, Oby\nWarga menanam bakau.", ErrorCode.NO_DATELINE),
        (b"Kupang (ANTARA) -\nPewarta : Kornelis Kaha", ErrorCode.NO_BODY),
        (b"Kupang (ANTARA) - Warga berkumpul Jumat (31/2).", ErrorCode.IMPOSSIBLE_DATE),
    ],
)
def test_each_rejection_has_its_code(raw: bytes, code: ErrorCode) -> None:
    with pytest.raises(ImportRejected) as caught:
        parse(raw)
    assert caught.value.code == code


def test_the_not_utf8_rejection_names_the_byte_offset() -> None:
    raw = POSKUPANG_SAMPLE[:100] + "é".encode("latin-1") + POSKUPANG_SAMPLE[100:]
    with pytest.raises(ImportRejected) as caught:
        parse(raw)
    assert "not valid UTF-8 at byte 100;" in caught.value.message


@time_machine.travel(datetime.datetime(2023, 5, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_today_defaults_to_the_current_date() -> None:
    raw = b"Kupang (ANTARA) - Warga berkumpul Sabtu (24/8)."
    assert parse_source(raw).published_on == datetime.date(2019, 8, 24)


def assert_parses_or_rejects(raw: bytes) -> None:
    try:
        article = parse(raw)
    except ImportRejected as rejection:
        assert rejection.code in set(ErrorCode)
        assert rejection.message.endswith(".")
    else:
        assert isinstance(article, ParsedArticle)
        assert article.body_paragraphs


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(st.sampled_from([ANTARA_SAMPLE, POSKUPANG_SAMPLE])))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        position = draw(st.integers(min_value=0, max_value=len(raw)))
        operation = draw(st.sampled_from(["truncate", "delete", "insert", "replace"]))
        if operation == "truncate":
            del raw[position:]
        elif operation == "delete":
            del raw[position : position + draw(st.integers(min_value=1, max_value=200))]
        elif operation == "insert":
            raw[position:position] = draw(
                st.binary(max_size=20) | st.text(max_size=20).map(str.encode)
            )
        else:
            raw[position : position + 1] = bytes([draw(st.integers(min_value=0, max_value=255))])
    return bytes(raw)


PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)


@PROPERTY_SETTINGS
@given(st.binary())
def test_arbitrary_bytes_parse_or_are_rejected(raw: bytes) -> None:
    assert_parses_or_rejects(raw)


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text_parses_or_is_rejected(text: str) -> None:
    assert_parses_or_rejects(text.encode())


@PROPERTY_SETTINGS
@given(
    st.sampled_from(["Kupang (ANTARA) - ", "POS-KUPANG.COM, KUPANG - ", "Baca juga: "]),
    st.text(),
)
def test_arbitrary_text_after_a_style_marker_parses_or_is_rejected(marker: str, text: str) -> None:
    assert_parses_or_rejects((marker + text).encode())


@PROPERTY_SETTINGS
@given(mutated_samples())
def test_mutated_samples_parse_or_are_rejected(raw: bytes) -> None:
    assert_parses_or_rejects(raw)
