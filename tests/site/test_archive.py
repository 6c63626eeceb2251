import datetime

import pytest

from tests.site.builders import publish


def titles(response) -> list[str]:
    return [article.title for article in response.context["page_obj"]]


@pytest.fixture
def years_of_news(places, frozen):
    # frozen now: 09:00 WITA, 17 November 2025
    publish("November ini", region="belu", programs=("jkk",), ago=datetime.timedelta(days=1))
    publish(
        "Oktober",
        region="bolok",
        programs=("jkm",),
        reporters=("Yosef Bere",),
        ago=datetime.timedelta(days=40),
    )
    # 31 December 2024 23:30 UTC is 1 January 2025 07:30 WITA.
    publish(
        "Tahun baru WITA",
        region="alor",
        published_at=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC),
    )
    publish("Tahun lalu", region="belu", ago=datetime.timedelta(days=400))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["November ini", "Oktober", "Tahun baru WITA", "Tahun lalu"]),
        ("tahun=2025", ["November ini", "Oktober", "Tahun baru WITA"]),
        ("tahun=2024", ["Tahun lalu"]),
        ("tahun=2025&bulan=1", ["Tahun baru WITA"]),
        ("bulan=10", ["Oktober", "Tahun lalu"]),
        ("wilayah=kupang", ["Oktober"]),
        ("wilayah=belu&tahun=2025", ["November ini"]),
        ("program=jkm", ["Oktober"]),
        ("penulis=yosef-bere", ["Oktober"]),
    ],
)
def test_the_archive_filters_by_region_program_reporter_year_and_month(
    client, years_of_news, query, expected
):
    response = client.get(f"/arsip/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_year_filter_offers_only_years_with_live_articles(client, years_of_news):
    form = client.get("/arsip/").context["filterset"].form
    assert [value for value, _ in form.fields["tahun"].choices] == ["", 2025, 2024]


@pytest.mark.parametrize(
    "query", ["tahun=1999", "tahun=abc", "bulan=13", "bulan=0", "bulan=-1", "tahun=2025&bulan=%FF"]
)
def test_an_impossible_year_or_month_shows_nothing(client, years_of_news, query):
    response = client.get(f"/arsip/?{query}")
    assert response.status_code == 200
    assert titles(response) == []
