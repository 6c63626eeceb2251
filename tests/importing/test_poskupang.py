import datetime

import pytest

from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.headline import DERIVED_TITLE_WARNING
from articles.importing.parsed import ParsedArticle
from articles.importing.poskupang import parse_poskupang

TODAY = datetime.date(2025, 12, 1)
RUBRIC = "Kupang Terkini"
HEADLINE = "Pemkot Kupang Bagikan 5.000 Bibit Kelor kepada Warga"
DEK = "Pemerintah Kota Kupang membagikan bibit kelor untuk mencegah tengkes."
CREDITS = "Penulis: Oby Lewanmeru | Editor: Apolonia Matilde"
BYLINE = "Laporan Reporter POS-KUPANG.COM, Oby Lewanmeru"
LEAD = "Pemerintah Kota Kupang membagikan 5.000 bibit kelor kepada warga."
SECOND = "Wali Kota Kupang menyerahkan bibit itu di Oebobo, Senin (17/11/2025)."
LAST = "Ia berharap warga menanam kelor di pekarangan rumah."


def parse(text: str) -> ParsedArticle:
    return parse_poskupang(text, today=TODAY)


def story(
    *,
    header: tuple[str, ...] = (RUBRIC, HEADLINE, DEK, CREDITS, BYLINE),
    dateline: str = "POS-KUPANG.COM, KUPANG - ",
    tail: tuple[str, ...] = (),
    last: str = LAST,
) -> str:
    return "\n".join([*header, f"{dateline}{LEAD}", SECOND, last, *tail])


def test_it_reads_rubric_headline_and_dek_in_order() -> None:
    article = parse(story())
    assert (article.rubric, article.title, article.dek) == (RUBRIC, HEADLINE, DEK)
    assert article.title_derived is False
    assert article.warnings == []


@pytest.mark.parametrize("rubric", ["Belu Terkini", "Berita Kupang", "Berita Manggarai Barat"])
def test_it_recognises_rubric_lines(rubric: str) -> None:
    article = parse(story(header=(rubric, HEADLINE, DEK)))
    assert (article.rubric, article.title) == (rubric, HEADLINE)


def test_without_rubric_the_first_line_is_the_headline() -> None:
    article = parse(story(header=(HEADLINE, DEK, CREDITS)))
    assert (article.rubric, article.title, article.dek) == ("", HEADLINE, DEK)


def test_a_long_headline_starting_with_berita_is_not_a_rubric() -> None:
    headline = "Berita Hoaks Bantuan Beras Beredar di Kupang"
    article = parse(story(header=(headline, DEK)))
    assert (article.rubric, article.title) == ("", headline)


def test_a_lone_rubric_like_line_is_the_headline() -> None:
    assert parse(story(header=("Berita Kupang",))).title == "Berita Kupang"


def test_without_header_the_title_is_derived_from_the_lead() -> None:
    article = parse(story(header=(BYLINE,)))
    assert article.title == "Pemerintah Kota Kupang membagikan 5.000 bibit kelor kepada warga"
    assert article.title_derived is True
    assert article.warnings == [DERIVED_TITLE_WARNING]


def test_unrecognised_header_lines_are_left_out_with_a_warning() -> None:
    article = parse(story(header=(HEADLINE, DEK, "Foto: warga menanam kelor", BYLINE)))
    assert article.warnings == [
        "1 line(s) between the dek and the dateline were not recognised and were left out."
    ]


@pytest.mark.parametrize(
    ("credits", "reporters", "editor"),
    [
        (
            "Penulis: Oby Lewanmeru | Editor: Apolonia Matilde",
            ["Oby Lewanmeru"],
            "Apolonia Matilde",
        ),
        (
            "Penulis : Oby Lewanmeru|Editor : Apolonia Matilde",
            ["Oby Lewanmeru"],
            "Apolonia Matilde",
        ),
        ("Penulis:Oby Lewanmeru Editor:Apolonia Matilde", ["Oby Lewanmeru"], "Apolonia Matilde"),
        (
            "Penulis: Oby Lewanmeru, Gecio Viana dan Irfan Hoi | Editor: Apolonia Matilde",
            ["Oby Lewanmeru", "Gecio Viana", "Irfan Hoi"],
            "Apolonia Matilde",
        ),
        ("Editor: Apolonia Matilde", ["Agustinus Tanggur"], "Apolonia Matilde"),
    ],
)
def test_it_reads_the_credit_line_variants(credits: str, reporters: list[str], editor: str) -> None:
    byline = "Laporan Reporter POS-KUPANG.COM, Agustinus Tanggur"
    article = parse(story(header=(HEADLINE, DEK, credits, byline)))
    assert (article.reporters, article.editor) == (reporters, editor)


def test_without_any_credit_the_reporters_stay_empty_with_a_warning() -> None:
    article = parse(story(header=(HEADLINE, DEK)))
    assert (article.reporters, article.editor, article.original_byline) == ([], "", "")
    assert article.warnings == ["No reporter (Penulis or Laporan line) was found."]


def test_the_credit_line_is_the_original_byline_when_no_laporan_line_exists() -> None:
    assert parse(story(header=(HEADLINE, DEK, CREDITS))).original_byline == CREDITS


@pytest.mark.parametrize(
    "byline",
    [
        "Laporan Reporter POS-KUPANG.COM, Oby Lewanmeru",
        "Laporan Wartawan POS-KUPANG.COM, Oby Lewanmeru",
        "Laporan Reporter Pos-Kupang.com,Oby Lewanmeru",
        "Laporan Wartawan POS-KUPANG.COM, Oby Lewanmeru dari Kupang",
        "LAPORAN REPORTER POS-KUPANG.COM ,  Oby  Lewanmeru",
    ],
)
def test_the_laporan_line_is_the_byline_and_names_the_reporter(byline: str) -> None:
    article = parse(story(header=(HEADLINE, DEK, byline)))
    assert article.reporters == ["Oby Lewanmeru"]
    assert article.original_byline == " ".join(byline.split())


def test_ringkasan_berita_bullets_become_summary_points() -> None:
    header = (
        HEADLINE,
        DEK,
        "Ringkasan Berita:",
        "- Pemkot Kupang membagikan 5.000 bibit kelor",
        "-  Bibit dibagikan di enam kecamatan",
        "• Warga diminta merawat bibit",
        BYLINE,
    )
    article = parse(story(header=header))
    assert article.summary_points == [
        "Pemkot Kupang membagikan 5.000 bibit kelor",
        "Bibit dibagikan di enam kecamatan",
        "Warga diminta merawat bibit",
    ]
    assert (article.title, article.dek, article.warnings) == (HEADLINE, DEK, [])


@pytest.mark.parametrize(
    ("dateline", "city"),
    [
        ("POS-KUPANG.COM, ATAMBUA - ", "Atambua"),
        ("POS-KUPANG.COM | ATAMBUA - ", "Atambua"),
        ("POS-KUPANG.COM, ATAMBUA – ", "Atambua"),
        ("POS-KUPANG.COM, ATAMBUA — ", "Atambua"),
        ("POS-KUPANG.COM,ATAMBUA-", "Atambua"),
        ("POS-KUPANG.COM, LABUAN BAJO - ", "Labuan Bajo"),
        ("Pos-Kupang.com, Kupang - ", "Kupang"),
        ("POS-KUPANG.COM - ", ""),
        ("POS-KUPANG.COM – ", ""),
    ],
)
def test_it_removes_every_dateline_variant_from_the_lead(dateline: str, city: str) -> None:
    article = parse(story(dateline=dateline))
    assert (article.outlet, article.dateline_city) == ("Pos-Kupang", city)
    assert article.body_paragraphs == [LEAD, SECOND, LAST]


def test_a_tribun_network_dateline_sets_the_tribun_outlet() -> None:
    article = parse(story(dateline="TRIBUNFLORES.COM, MAUMERE - "))
    assert (article.style, article.outlet, article.dateline_city) == (
        "poskupang",
        "Tribun",
        "Maumere",
    )
    assert article.body_paragraphs[0] == LEAD


@pytest.mark.parametrize(
    "line",
    ["Baca: Harga kelor naik", "Baca juga: Harga kelor naik", "BACA JUGA : Harga kelor naik"],
)
def test_baca_lines_become_related_titles(line: str) -> None:
    text = "\n".join([HEADLINE, f"POS-KUPANG.COM, KUPANG - {LEAD}", line, SECOND])
    article = parse(text)
    assert article.related_titles == ["Harga kelor naik"]
    assert article.body_paragraphs == [LEAD, SECOND]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Ia berharap warga menanam kelor. (gus)", "Ia berharap warga menanam kelor."),
        ("Ia berharap warga menanam kelor.(gus)", "Ia berharap warga menanam kelor."),
        ("Ia berharap warga menanam kelor(gus)", "Ia berharap warga menanam kelor"),
        ("Ia berharap warga menanam kelor. (gus/ran)", "Ia berharap warga menanam kelor."),
        ("Ia berharap warga menanam kelor. (*)", "Ia berharap warga menanam kelor."),
        ("Ia menyebut Jaminan Pensiun (JP)", "Ia menyebut Jaminan Pensiun (JP)"),
    ],
)
def test_it_strips_trailing_initials_glued_to_the_last_word(last: str, expected: str) -> None:
    assert parse(story(last=last)).body_paragraphs[-1] == expected


def test_initials_on_their_own_line_disappear() -> None:
    assert parse(story(tail=("(gus)",))).body_paragraphs == [LEAD, SECOND, LAST]


@pytest.mark.parametrize(
    "line",
    [
        "Ikuti berita POS-KUPANG.COM lain di GOOGLE NEWS",
        "ikuti berita pos-kupang.com lain di google news",
        "Ikuti saluran POS-KUPANG.COM di WhatsApp",
        "Simak berita terbaru lainnya di Google News",
        "Simak berita menarik lainnya di Google News.",
        "Berita POS-KUPANG.COM lainnya di Google News",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Halaman selanjutnya",
        "Halaman selanjutnya >>",
        "Halaman 1 2 3",
        "1 2 Selanjutnya",
        "Artikel ini telah tayang di Pos-Kupang.com dengan judul Pemkot Bagikan Kelor",
        "Editor: Apolonia Matilde",
        "Penulis: Oby Lewanmeru",
        "https://cdn.example.id/kupang/foto/bank/originals/kelor.jpg",
        ":quality(30):format(webp):focal(0.5x0.5:0.5x0.5)/kupang/foto/bank/originals/kelor.jpg)",
        ":quality(30):format(webp)",
    ],
)
def test_it_removes_follow_us_lines_and_page_clutter(line: str) -> None:
    article = parse(story(tail=(line,)))
    assert article.body_paragraphs == [LEAD, SECOND, LAST]
    assert article.related_titles == []


@pytest.mark.parametrize(
    "line",
    [
        "Warga juga bisa melapor kepada POS-KUPANG.COM melalui WhatsApp.",
        "Sumber: Dinas Kesehatan Kota Kupang",
        "Ikuti terus perkembangan program kelor di Kupang.",
    ],
)
def test_it_keeps_reporting_that_only_resembles_boilerplate(line: str) -> None:
    assert parse(story(tail=(line,))).body_paragraphs == [LEAD, SECOND, LAST, line]


def test_an_editor_leftover_in_the_body_is_used_when_the_header_has_none() -> None:
    article = parse(story(header=(HEADLINE, BYLINE), tail=("Editor: Apolonia Matilde",)))
    assert article.editor == "Apolonia Matilde"
    assert article.body_paragraphs == [LEAD, SECOND, LAST]


def test_curly_quotes_in_the_body_are_kept() -> None:
    quote = "“Kelor kaya gizi,” kata Wali Kota."
    assert parse(story(tail=(quote,))).body_paragraphs[-1] == quote


def test_it_reads_the_publication_date_from_the_body() -> None:
    assert parse(story()).published_on == datetime.date(2025, 11, 17)


def test_the_text_carries_no_copyright_or_url() -> None:
    article = parse(story())
    assert (article.rights_line, article.original_url) == ("", "")


def test_a_text_without_dateline_is_rejected() -> None:
    with pytest.raises(ImportRejected) as caught:
        parse("\n".join([HEADLINE, BYLINE, LEAD, SECOND]))
    assert caught.value.code == ErrorCode.NO_DATELINE


def test_a_dateline_without_body_text_is_rejected() -> None:
    text = "\n".join([HEADLINE, BYLINE, "POS-KUPANG.COM, KUPANG -", "(gus)", "ADVERTISEMENT"])
    with pytest.raises(ImportRejected) as caught:
        parse(text)
    assert caught.value.code == ErrorCode.NO_BODY
