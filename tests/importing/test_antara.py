import datetime

import pytest

from articles.importing.antara import parse_antara
from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.headline import DERIVED_TITLE_WARNING
from articles.importing.parsed import ParsedArticle

TODAY = datetime.date(2025, 12, 1)
LEAD = "Pemerintah Provinsi NTT menyalurkan 20 ton beras kepada warga Sumba Timur."
SECOND = "Bantuan diserahkan Gubernur NTT di Waingapu, Senin (17/11/2025)."
FOOTER = "Pewarta : Kornelis Kaha\nEditor : Laurensius Molan\nCopyright © ANTARA 2025"


def parse(text: str) -> ParsedArticle:
    return parse_antara(text, today=TODAY)


def story(dateline: str = "Kupang (ANTARA) - ", footer: str = FOOTER) -> str:
    return f"{dateline}{LEAD}\n\n{SECOND}\n\n{footer}"


@pytest.mark.parametrize(
    "dateline",
    [
        "Kupang (ANTARA) - ",
        "Kupang (Antara NTT) - ",
        "Kupang (AntaraNews NTT) - ",
        "Kupang (ANTARA News) - ",
        "Kupang (ANTARA) – ",
        "Kupang (ANTARA) — ",
        "Kupang (ANTARA)-",
        "KUPANG (ANTARA) - ",
    ],
)
def test_it_removes_every_dateline_variant_from_the_lead(dateline: str) -> None:
    article = parse(story(dateline))
    assert article.dateline_city == "Kupang"
    assert article.body_paragraphs == [LEAD, SECOND]


@pytest.mark.parametrize("dateline", ["Labuan Bajo (ANTARA) - ", "LABUAN BAJO (ANTARA) - "])
def test_it_keeps_multi_word_dateline_cities_in_display_case(dateline: str) -> None:
    assert parse(story(dateline)).dateline_city == "Labuan Bajo"


def test_a_dateline_without_city_leaves_the_city_empty() -> None:
    article = parse(story("(ANTARA) - "))
    assert article.dateline_city == ""
    assert article.body_paragraphs[0] == LEAD


def test_a_dateline_alone_on_its_line_is_followed_by_the_lead() -> None:
    article = parse(f"Kupang (ANTARA) -\n{LEAD}\n\n{SECOND}")
    assert article.body_paragraphs == [LEAD, SECOND]


def test_it_derives_the_title_from_the_lead_and_asks_for_a_headline() -> None:
    article = parse(story())
    assert (
        article.title == "Pemerintah Provinsi NTT menyalurkan 20 ton beras kepada warga Sumba Timur"
    )
    assert article.title_derived is True
    assert article.warnings == [DERIVED_TITLE_WARNING]


def test_it_uses_a_short_line_before_the_dateline_as_headline() -> None:
    article = parse("Pemprov NTT salurkan 20 ton beras ke Sumba Timur\n\n" + story())
    assert article.title == "Pemprov NTT salurkan 20 ton beras ke Sumba Timur"
    assert article.title_derived is False
    assert article.warnings == []


def test_a_sentence_before_the_dateline_is_not_a_headline() -> None:
    article = parse("Foto warga Sumba Timur menerima beras.\n" + story())
    assert article.title_derived is True
    assert article.warnings == [
        DERIVED_TITLE_WARNING,
        "1 line(s) before the dateline were not recognised and were left out.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Harga beras di Kupang stabil",
        "BACA JUGA: Harga beras di Kupang stabil",
        "Baca Juga : Harga beras di Kupang stabil",
    ],
)
def test_baca_juga_lines_become_related_titles(line: str) -> None:
    article = parse(f"Kupang (ANTARA) - {LEAD}\n\n{line}\n\n{SECOND}\n\n{FOOTER}")
    assert article.related_titles == ["Harga beras di Kupang stabil"]
    assert article.body_paragraphs == [LEAD, SECOND]


@pytest.mark.parametrize(
    "footer",
    [
        "Pewarta : Kornelis Kaha\nEditor : Laurensius Molan",
        "Pewarta: Kornelis Kaha\nEditor: Laurensius Molan",
        "Pewarta :Kornelis Kaha\nEditor :Laurensius Molan",
        "Pewarta   :   Kornelis  Kaha\nEditor\t:\tLaurensius Molan",
        "Pewarta : Kornelis Kaha Editor : Laurensius Molan",
    ],
)
def test_it_reads_footer_credits_with_any_spacing(footer: str) -> None:
    article = parse(story(footer=footer))
    assert article.reporters == ["Kornelis Kaha"]
    assert article.editor == "Laurensius Molan"
    assert article.body_paragraphs == [LEAD, SECOND]


def test_the_original_byline_is_the_pewarta_line_as_printed() -> None:
    assert parse(story()).original_byline == "Pewarta : Kornelis Kaha"


def test_several_reporters_are_kept_in_order() -> None:
    article = parse(story(footer="Pewarta : Kornelis Kaha dan Benediktus Jahang"))
    assert article.reporters == ["Kornelis Kaha", "Benediktus Jahang"]


def test_absent_credits_stay_empty_and_are_reported() -> None:
    article = parse(story(footer=""))
    assert (article.reporters, article.editor, article.rights_line) == ([], "", "")
    assert article.original_byline == ""
    assert article.warnings == [DERIVED_TITLE_WARNING, "No reporter (Pewarta) was found."]


def test_a_partial_footer_keeps_what_is_there() -> None:
    article = parse(story(footer="Editor : Laurensius Molan"))
    assert (article.reporters, article.editor) == ([], "Laurensius Molan")


def test_an_empty_pewarta_is_not_a_reporter() -> None:
    assert parse(story(footer="Pewarta :\nEditor : Laurensius Molan")).reporters == []


@pytest.mark.parametrize(
    ("footer", "rights_line"),
    [
        ("Copyright © ANTARA 2025", "Copyright © ANTARA 2025"),
        ("Copyright © ANTARA 2025Dilarang keras mengambil konten", "Copyright © ANTARA 2025"),
        ("Copyright © ANTARA 2025 | Kebijakan Privasi", "Copyright © ANTARA 2025"),
        ("Copyright ©ANTARA 2025", "Copyright ©ANTARA 2025"),
    ],
)
def test_trailing_junk_after_the_copyright_year_is_dropped(footer: str, rights_line: str) -> None:
    article = parse(story(footer=footer))
    assert article.rights_line == rights_line
    assert article.body_paragraphs == [LEAD, SECOND]


def test_an_editor_glued_to_the_copyright_is_still_read() -> None:
    article = parse(story(footer="Editor : Laurensius MolanCopyright © ANTARA 2025"))
    assert article.editor == "Laurensius Molan"
    assert article.rights_line == "Copyright © ANTARA 2025"


def test_the_copyright_year_bounds_year_inference() -> None:
    text = "Kupang (ANTARA) - Warga berkumpul Sabtu (24/8).\n\nCopyright © ANTARA 2023"
    assert parse(text).published_on == datetime.date(2019, 8, 24)


def test_line_separated_paragraphs_are_kept_apart() -> None:
    article = parse(f"Kupang (ANTARA) - {LEAD}\n{SECOND}\nBaca juga: Harga beras\n{FOOTER}")
    assert article.body_paragraphs == [LEAD, SECOND]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Kupang (ANTARA) - Pemerintah Provinsi NTT menyalurkan 20 ton\n"
        "beras kepada warga Sumba Timur.\n\nBantuan diserahkan Gubernur NTT di\n"
        "Waingapu, Senin (17/11/2025).\n"
    )
    assert parse(text).body_paragraphs == [LEAD, SECOND]


def test_it_reads_the_publication_date_from_the_body() -> None:
    assert parse(story()).published_on == datetime.date(2025, 11, 17)


def test_a_text_without_dateline_is_rejected() -> None:
    with pytest.raises(ImportRejected) as caught:
        parse(f"{LEAD}\n\n{FOOTER}")
    assert caught.value.code == ErrorCode.NO_DATELINE


@pytest.mark.parametrize(
    "text",
    [
        "Kupang (ANTARA) - \n\nBaca juga: Harga beras\n\n" + FOOTER,
        "Kupang (ANTARA) - ...\n\n—\n\n" + FOOTER,
    ],
)
def test_a_dateline_without_body_text_is_rejected(text: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        parse(text)
    assert caught.value.code == ErrorCode.NO_BODY
    assert caught.value.message == "The dateline is not followed by any body text."
