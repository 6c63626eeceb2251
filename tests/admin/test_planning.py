"""Assignments and the planning page: the desk plans, the reporter starts the draft."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles import workflow
from articles.models import Article, Assignment, Journalist, ProgramTag
from newsroom.wita import WITA

NOW = datetime.datetime(2026, 7, 7, 9, 0, tzinfo=WITA)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def assignment(frozen, people, places, reporter):
    return Assignment.objects.create(
        slug_line="Banjir di Malaka",
        brief="Berapa warga mengungsi; bantuan BPJS untuk pekerja.",
        region=places["malaka"],
        program=ProgramTag.objects.get(slug="jkk"),
        reporter=reporter,
        due_at=NOW + datetime.timedelta(hours=6),
        created_by=people["editor"],
    )


def test_the_desk_assigns_a_story(client, frozen, people, places, reporter):
    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_assignment_add"),
        {
            "slug_line": "Kecelakaan kerja di Atapupu",
            "region": places["belu"].pk,
            "reporter": reporter.pk,
            "due_at_0": "07/07/2026",
            "due_at_1": "15:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assignment = Assignment.objects.get()
    assert (assignment.created_by, assignment.article) == (people["editor"], None)


def test_a_reporter_sees_their_assignment_and_starts_the_draft(client, people, assignment):
    client.force_login(people["reporter_a"])
    dashboard = client.get("/admin/")
    assert "Banjir di Malaka" in dashboard.content.decode()

    response = client.post(reverse("admin:articles_assignment_start", args=[assignment.pk]))
    assignment.refresh_from_db()
    article = assignment.article
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert (article.title, article.status, article.region.slug) == (
        "Banjir di Malaka",
        "draft",
        "malaka",
    )
    assert [p.slug for p in article.programs.all()] == ["jkk"]
    assert [b.journalist.name for b in article.bylines.all()] == ["Maria Lado"]
    assert workflow.can_edit(people["reporter_a"], article)
    # Starting again opens the same draft.
    client.post(reverse("admin:articles_assignment_start", args=[assignment.pk]))
    assert Article.objects.filter(title="Banjir di Malaka").count() == 1
    assert (
        "Banjir di Malaka" not in client.get("/admin/").content.decode().split("wf-dash-list")[-1]
    )


def test_a_reporter_cannot_start_or_change_another_s_assignment(client, people, assignment):
    client.force_login(people["reporter_b"])
    assert (
        client.post(reverse("admin:articles_assignment_start", args=[assignment.pk])).status_code
        == 403
    )
    change = reverse("admin:articles_assignment_change", args=[assignment.pk])
    assert client.post(change, {"slug_line": "x"}).status_code in (302, 403, 404)
    assignment.refresh_from_db()
    assert (assignment.slug_line, assignment.article) == ("Banjir di Malaka", None)


def test_the_plan_shows_today_and_tomorrow_by_region(client, people, assignment, cast, places):
    Assignment.objects.create(
        slug_line="Sidang upah minimum",
        region=places["kota-kupang"],
        reporter=Journalist.objects.get(slug="yohanes-bria"),
        due_at=NOW + datetime.timedelta(days=1),
    )
    client.force_login(people["editor"])
    response = client.get(reverse("admin:articles_assignment_planning"))
    assert response.status_code == 200
    today, tomorrow = response.context["days"]
    assert {
        region.name: [(i.title, str(i.stage)) for i in region.items] for region in today.regions
    }["Malaka"] == [("Banjir di Malaka", "ditugaskan")]
    # Tomorrow: the assignment, and what is scheduled for then.
    assert [(r.name, [i.title for i in r.items]) for r in tomorrow.regions] == [
        ("Belu", ["Terjadwal besok"]),
        ("Kota Kupang", ["Sidang upah minimum"]),
    ]


def test_reporters_may_look_at_the_plan_but_not_plan(client, people, assignment):
    client.force_login(people["reporter_b"])
    assert client.get(reverse("admin:articles_assignment_planning")).status_code == 200
    assert client.get(reverse("admin:articles_assignment_add")).status_code == 403
