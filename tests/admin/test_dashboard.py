"""The admin index: the editors' dashboard and the reporters' own panel."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.admin import dashboard
from articles.models import Article, ProgramTag
from newsroom.wita import WITA

# 10:00 WITA on a Tuesday.
NOW = datetime.datetime(2026, 7, 7, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def wita(hour: int, minute: int = 0, *, days: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 7, 7, hour, minute, tzinfo=WITA) + datetime.timedelta(days=days)


def test_editors_see_counts_by_status(frozen, client, people, cast):
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="Kurang data.")
    client.force_login(people["editor"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.context["counts"] == {
        "draft": 2,
        "in_review": 0,
        "scheduled": 1,
        "live": 1,
        "unpublished": 1,
        "returned": 1,
    }
    assert response.context["desk"] is True


def test_what_goes_live_today_in_wita(client, people, make_article, frozen):
    make_article("Pagi tadi", published_at=wita(6, 30))
    make_article("Sore nanti", published_at=wita(16, 0))
    make_article("Tengah malam nanti", published_at=wita(23, 59))
    make_article("Kemarin", published_at=wita(23, 0, days=-1))
    make_article("Besok", published_at=wita(0, 0, days=1))
    client.force_login(people["editor"])
    response = client.get("/admin/")
    assert [item["article"].title for item in response.context["today"]] == [
        "Pagi tadi",
        "Sore nanti",
        "Tengah malam nanti",
    ]
    page = response.content.decode()
    assert "16:00 WITA" in page


def test_the_coverage_table_counts_live_articles_per_regency_and_program(
    places, make_article, frozen
):
    jkk, jht = ProgramTag.objects.get(slug="jkk"), ProgramTag.objects.get(slug="jht")
    in_belu = make_article("Di Belu", published_at=NOW - datetime.timedelta(days=3))
    in_belu.programs.set([jkk, jht])
    village = make_article(
        "Di Bolok", region="bolok", published_at=NOW - datetime.timedelta(days=89)
    )
    village.programs.set([jkk])
    village.regions.add(places["manggarai-barat"])
    make_article("Terlalu lama", published_at=NOW - datetime.timedelta(days=91)).programs.set([jkk])
    make_article("Terjadwal", published_at=NOW + datetime.timedelta(days=1)).programs.set([jkk])
    make_article("Draf", status=Article.Status.DRAFT).programs.set([jkk])
    make_article("Seluruh provinsi", region="ntt", published_at=NOW - datetime.timedelta(days=1))

    coverage = dashboard.coverage()

    programs = [program.slug for program in coverage.programs]
    rows = {row.region.slug: row for row in coverage.rows}
    assert len(rows) == 22
    assert "ntt" not in rows

    def cell(region: str, program: str) -> int:
        return rows[region].cells[programs.index(program)].count

    assert (cell("belu", "jkk"), cell("belu", "jht"), cell("belu", "jp")) == (1, 1, 0)
    assert (cell("kupang", "jkk"), cell("manggarai-barat", "jkk")) == (1, 1)
    assert (rows["belu"].total.count, rows["kupang"].total.count) == (1, 1)
    assert rows["alor"].total.count == 0
    assert rows["alor"].cells[programs.index("jkk")].level == 0
    assert rows["belu"].cells[programs.index("jkk")].level == 4
    assert [region.slug for region in coverage.gaps] == [
        slug for slug in rows if slug not in {"belu", "kupang", "manggarai-barat"}
    ]


@pytest.mark.parametrize(
    ("count", "busiest", "level"),
    [(0, 9, 0), (1, 9, 1), (3, 9, 2), (5, 9, 3), (7, 9, 4), (9, 9, 4), (1, 1, 4)],
)
def test_heat_levels(count, busiest, level):
    assert dashboard.heat(count, busiest).level == level


def test_the_heatmap_is_rendered_on_the_index(client, people, places, frozen):
    client.force_login(people["editor"])
    page = client.get("/admin/").content.decode()
    assert '<table class="wf-heatmap">' in page
    assert page.count('<td class="wf-heat-0">0</td>') == 22 * 8


def test_the_dashboard_costs_a_fixed_number_of_queries(client, people, make_article, frozen):
    client.force_login(people["editor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/")
        return len(captured)

    few = queries()
    for number in range(12):
        make_article(f"Berita {number}", published_at=NOW - datetime.timedelta(days=number))
    assert queries() == few


def test_reporters_see_their_own_work_and_what_came_back(frozen, client, people, cast):
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="Cek ejaan nama.")
    client.force_login(people["reporter_a"])
    response = client.get("/admin/")
    assert response.context["desk"] is False
    assert [a.title for a in response.context["returned"]] == ["Sedang ditinjau"]
    assert [a.last_reason for a in response.context["returned"]] == ["Cek ejaan nama."]
    assert "coverage" not in response.context
    assert "wf-heatmap" not in response.content.decode()

    client.force_login(people["reporter_b"])
    response = client.get("/admin/")
    assert list(response.context["returned"]) == []
    assert response.context["counts"]["draft"] == 0
