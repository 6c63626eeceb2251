import datetime

import pytest

from articles.importing.dates import find_publication_date
from articles.importing.errors import ErrorCode, ImportRejected

TODAY = datetime.date(2025, 12, 1)
NOV_17 = datetime.date(2025, 11, 17)


def date_in(*paragraphs: str, copyright_year: int | None = None) -> datetime.date | None:
    return find_publication_date(paragraphs, today=TODAY, copyright_year=copyright_year).value


def warnings_for(*paragraphs: str, copyright_year: int | None = None) -> list[str]:
    finding = find_publication_date(paragraphs, today=TODAY, copyright_year=copyright_year)
    return finding.warnings


@pytest.mark.parametrize(
    "phrase",
    [
        "Senin (17/11/2025)",
        "Senin (17/11/25)",
        "Senin ( 17 / 11 / 2025 )",
        "Senin, 17 November 2025",
        "Senin 17 Nov 2025",
        "Senin, 17 Nopember 2025",
        "Senin-Rabu (17-19/11/2025)",
        "Senin–Rabu (17–19/11/2025)",
        "Senin (17 November 2025)",
    ],
)
def test_it_reads_weekday_dates_in_every_house_form(phrase: str) -> None:
    paragraph = f"Bupati Belu meresmikan pasar itu pada {phrase} di Atambua."
    finding = find_publication_date([paragraph], today=TODAY)
    assert finding == (NOV_17, [])


@pytest.mark.parametrize(
    ("month", "number"),
    [
        ("Januari", 1),
        ("Jan", 1),
        ("Februari", 2),
        ("Feb", 2),
        ("Maret", 3),
        ("Mar", 3),
        ("April", 4),
        ("Apr", 4),
        ("Mei", 5),
        ("Juni", 6),
        ("Jun", 6),
        ("Juli", 7),
        ("Jul", 7),
        ("Agustus", 8),
        ("Agu", 8),
        ("Agt", 8),
        ("Ags", 8),
        ("September", 9),
        ("Sep", 9),
        ("Sept", 9),
        ("Oktober", 10),
        ("Okt", 10),
        ("November", 11),
        ("Nov", 11),
        ("Desember", 12),
        ("Des", 12),
        ("des.", 12),
    ],
)
def test_it_reads_indonesian_month_names_and_abbreviations(month: str, number: int) -> None:
    assert date_in(f"Festival itu digelar 5 {month} 2024 di Ende.") == datetime.date(
        2024, number, 5
    )


def test_a_date_range_in_words_takes_the_first_day() -> None:
    assert date_in("Pameran berlangsung 17-19 November 2025 di Kupang.") == NOV_17


@pytest.mark.parametrize("weekday", ["Jumat", "Jum'at", "Jum’at"])
def test_it_accepts_the_spellings_of_jumat(weekday: str) -> None:
    assert date_in(f"Warga berkumpul {weekday} (21/11/2025).") == datetime.date(2025, 11, 21)


def test_ahad_is_a_sunday() -> None:
    assert warnings_for("Warga berkumpul Ahad (23/11/2025).") == []


def test_a_weekday_date_wins_over_an_earlier_bare_date() -> None:
    paragraphs = [
        "Sejak 1 Januari 2020 program itu berjalan.",
        "Kepala dinas, Senin (17/11/2025), mengatakan program berlanjut.",
    ]
    assert date_in(*paragraphs) == NOV_17


def test_the_first_weekday_date_wins() -> None:
    paragraph = "Rapat digelar Senin (17/11/2025) dan dilanjutkan Rabu (19/11/2025)."
    assert date_in(paragraph) == NOV_17


def test_year_only_mentions_are_not_dates() -> None:
    assert warnings_for("Program itu dimulai tahun 2018.") == [
        "No date was found in the text; the publication date was left empty."
    ]


def test_without_a_weekday_date_the_first_full_date_is_used_with_a_warning() -> None:
    finding = find_publication_date(["Pada 17 November 2025 warga berkumpul."], today=TODAY)
    assert finding.value == NOV_17
    assert finding.warnings == [
        'No date with a weekday was found, so the first full date "17 November 2025" '
        "was used as the publication date; check it."
    ]


def test_a_missing_year_is_the_latest_matching_year_up_to_the_copyright_year() -> None:
    finding = find_publication_date(
        ["Warga berkumpul Sabtu (24/8)."], today=TODAY, copyright_year=2023
    )
    assert finding.value == datetime.date(2019, 8, 24)
    assert finding.warnings == [
        'The year 2019 was inferred for "Sabtu (24/8)" from its weekday; check it.'
    ]


def test_a_missing_year_without_copyright_is_at_most_todays_year() -> None:
    assert date_in("Warga berkumpul Sabtu (24/8).") == datetime.date(2024, 8, 24)


def test_a_copyright_year_after_today_does_not_raise_the_ceiling() -> None:
    assert date_in("Warga berkumpul Sabtu (24/8).", copyright_year=2031) == datetime.date(
        2024, 8, 24
    )


def test_a_missing_year_prefers_a_candidate_year_named_in_the_text() -> None:
    paragraphs = ["Warga berkumpul Sabtu (24/8).", "Kegiatan itu pertama kali digelar tahun 2013."]
    assert date_in(*paragraphs) == datetime.date(2013, 8, 24)


def test_a_named_year_that_is_no_candidate_is_ignored() -> None:
    paragraphs = ["Warga berkumpul Sabtu (24/8).", "Kegiatan itu dimulai tahun 2015."]
    assert date_in(*paragraphs) == datetime.date(2024, 8, 24)


def test_a_weekday_pins_a_year_less_29_february_to_a_leap_year() -> None:
    assert date_in("Warga berkumpul Kamis (29/2).") == datetime.date(2024, 2, 29)


def test_a_year_less_date_without_weekday_is_left_empty_with_a_warning() -> None:
    finding = find_publication_date(["Warga berkumpul 24 Agustus di Kupang."], today=TODAY)
    assert finding == (
        None,
        [
            'The date "24 Agustus" has neither a year nor a weekday; '
            "the publication date was left empty."
        ],
    )


def test_a_bare_weekday_leaves_the_date_empty_with_a_warning() -> None:
    finding = find_publication_date(["Warga berkumpul Senin di Kupang."], today=TODAY)
    assert finding == (
        None,
        [
            'The text names only the weekday "Senin" without a date; '
            "the publication date was left empty."
        ],
    )


def test_minggu_in_lower_case_is_the_noun_week_not_a_weekday() -> None:
    assert warnings_for("Dua minggu lalu warga berkumpul.") == [
        "No date was found in the text; the publication date was left empty."
    ]


def test_a_parenthesised_fraction_without_weekday_or_year_is_not_a_date() -> None:
    assert date_in("Tim Kupang menang (2/1) atas Ende.") is None


def test_a_weekday_contradicting_the_date_keeps_the_date_and_warns() -> None:
    finding = find_publication_date(["Rapat digelar Senin (18/11/2025)."], today=TODAY)
    assert finding == (
        datetime.date(2025, 11, 18),
        [
            'The text says "Senin (18/11/2025)" but 2025-11-18 is a Selasa, not a Senin; '
            "the date was kept as written."
        ],
    )


def test_a_future_date_is_kept_with_a_warning() -> None:
    assert warnings_for("Rapat digelar Senin (5/1/2026).") == [
        "The publication date 2026-01-05 lies in the future; check it."
    ]


@pytest.mark.parametrize(
    "phrase",
    ["Jumat (31/2)", "Senin (32/1/2025)", "Senin (1/13/2025)", "31 Juni 2025", "(30/2/2024)"],
)
def test_an_impossible_date_rejects_the_text(phrase: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        find_publication_date([f"Rapat digelar {phrase} di Kupang."], today=TODAY)
    assert caught.value.code == ErrorCode.IMPOSSIBLE_DATE
    assert (
        caught.value.message == f'The date "{phrase}" does not exist; correct it before importing.'
    )
