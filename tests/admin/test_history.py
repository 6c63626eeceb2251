"""Every save stores a revision; the history page compares any two and restores one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Journalist
from tests.admin.helpers import change_url, open_form


def history_url(article) -> str:
    return reverse("admin:articles_article_history", args=[article.pk])


def save(client, article, **changes):
    data = open_form(client, article)
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def edited(client, cast, people):
    """Reporter A's draft after two saves: a new title, then a new body."""
    client.force_login(people["reporter_a"])
    draft = cast["draft"]
    save(client, draft, title="Draf yang diperbaiki")
    save(client, draft, body="<p>Paragraf pertama baru.</p><p>Paragraf kedua.</p>")
    return draft


def test_every_save_stores_a_revision(edited, people):
    revisions = list(edited.revisions.order_by("version"))
    assert [(r.version, r.created_by) for r in revisions] == [
        (1, None),  # the content as it was before the admin first touched it
        (2, people["reporter_a"]),
        (3, people["reporter_a"]),
    ]
    assert [r.snapshot["title"] for r in revisions] == [
        "Draf rahasia",
        "Draf yang diperbaiki",
        "Draf yang diperbaiki",
    ]
    assert revisions[2].snapshot["body"] == "<p>Paragraf pertama baru.</p><p>Paragraf kedua.</p>"


def test_a_save_that_changes_nothing_stores_nothing(client, edited):
    data = open_form(client, edited)
    assert client.post(change_url(edited), data).status_code == 302
    assert edited.revisions.count() == 3
    assert Article.objects.get(pk=edited.pk).version == 3


def test_a_new_article_starts_its_history_and_its_byline(client, people, places):
    client.force_login(people["reporter_b"])
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "base_version": "",
            "title": "Nelayan Sabu ikut BPJS",
            "slug": "nelayan-sabu-ikut-bpjs",
            "body": "<p>Isi.</p>",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="nelayan-sabu-ikut-bpjs")
    assert [b.journalist.slug for b in article.bylines.all()] == ["yohanes-bria"]
    assert [(r.version, r.created_by) for r in article.revisions.all()] == [
        (1, people["reporter_b"])
    ]
    # Reporter B now sees it; reporter A does not.
    assert client.get(change_url(article)).status_code == 200
    client.force_login(people["reporter_a"])
    assert client.get(change_url(article)).status_code == 404


def test_a_reporter_stays_on_the_byline_of_what_they_edit(client, edited, people):
    data = open_form(client, edited)
    data["bylines-0-DELETE"] = "on"
    assert client.post(change_url(edited), data).status_code == 302
    assert [b.journalist.user for b in edited.bylines.all()] == [people["reporter_a"]]


def test_the_change_form_links_to_the_history(client, edited):
    page = client.get(change_url(edited)).content.decode()
    assert f'href="{history_url(edited)}"' in page


def test_the_history_lists_revisions_and_workflow_steps(client, edited, people):
    workflow.submit(edited, by=people["reporter_a"])
    response = client.get(history_url(edited))
    assert response.status_code == 200
    assert [r.version for r in response.context["revisions"]] == [3, 2, 1]
    assert [e.action for e in response.context["events"]] == ["submit"]
    assert (response.context["default_a"], response.context["default_b"]) == (2, 3)
    # People are named as their bylines name them.
    assert "Maria Lado" in response.content.decode()


def test_two_revisions_side_by_side(client, edited):
    response = client.get(reverse("admin:articles_article_compare", args=[edited.pk]) + "?a=3&b=1")
    assert response.status_code == 200
    assert (response.context["old"].version, response.context["new"].version) == (1, 3)
    changed = {diff.name: diff for diff in response.context["changed"]}
    assert set(changed) == {"title", "body"}
    assert [(str(r.left), str(r.right)) for r in changed["title"].rows] == [
        ("Draf <del>rahasia</del>", "Draf <ins>yang diperbaiki</ins>")
    ]
    assert [(str(r.left), str(r.right), r.changed) for r in changed["body"].rows] == [
        ("<del>Draf rahasia.</del>", "<ins>Paragraf pertama baru.</ins>", True),
        ("", "<ins>Paragraf kedua.</ins>", True),
    ]
    page = response.content.decode()
    assert "<del>rahasia</del>" in page
    assert "<ins>Paragraf kedua.</ins>" in page


def test_every_field_can_be_shown(client, edited):
    response = client.get(
        reverse("admin:articles_article_compare", args=[edited.pk]) + "?a=1&b=3&all=1"
    )
    names = [diff.name for diff in response.context["diffs"]]
    assert len(names) == 23
    assert names[:3] == ["title", "title_derived", "slug"]
    assert names[-4:] == ["reporters", "regions", "programs", "related"]


@pytest.mark.parametrize("query", ["", "?a=1", "?a=1&b=9", "?a=x&b=1"])
def test_comparing_needs_two_existing_versions(client, edited, query):
    url = reverse("admin:articles_article_compare", args=[edited.pk]) + query
    assert client.get(url).status_code == 404


def test_restoring_a_revision_makes_a_new_one(client, edited, people):
    restore = reverse("admin:articles_article_restore", args=[edited.pk, 1])
    confirm = client.get(restore)
    assert confirm.status_code == 200
    assert {diff.name for diff in confirm.context["changed"]} == {"title", "body"}

    response = client.post(restore, {"base_version": "3"})

    assert response.status_code == 302
    assert response["Location"] == change_url(edited)
    stored = Article.objects.get(pk=edited.pk)
    assert (stored.title, stored.body, stored.version) == (
        "Draf rahasia",
        "<p>Draf rahasia.</p>",
        4,
    )
    newest = stored.revisions.first()
    assert (newest.version, newest.created_by) == (4, people["reporter_a"])
    assert newest.snapshot["title"] == "Draf rahasia"
    assert stored.revisions.count() == 4


def test_restoring_from_a_stale_page_is_refused(client, edited, people):
    restore = reverse("admin:articles_article_restore", args=[edited.pk, 1])
    response = client.post(restore, {"base_version": "2"})
    assert response.status_code == 200
    stored = Article.objects.get(pk=edited.pk)
    assert (stored.title, stored.version) == ("Draf yang diperbaiki", 3)


def test_restoring_keeps_the_status(client, cast, people):
    client.force_login(people["editor"])
    article = cast["live"]
    save(client, article, title="Judul tayang baru")
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]), {"base_version": "2"}
    )
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status, stored.is_live) == ("Berita tayang", "published", True)


def test_restoring_puts_back_the_byline(client, edited, people):
    Journalist.objects.filter(slug="maria-lado").update(name="Maria Lado")
    client.force_login(people["editor"])
    data = open_form(client, edited)
    data.update(
        {
            "bylines-TOTAL_FORMS": "2",
            "bylines-1-journalist": str(Journalist.objects.get(slug="yohanes-bria").pk),
            "bylines-1-position": "1",
            "bylines-1-article": str(edited.pk),
        }
    )
    assert client.post(change_url(edited), data).status_code == 302
    assert edited.bylines.count() == 2
    client.post(
        reverse("admin:articles_article_restore", args=[edited.pk, 3]), {"base_version": "4"}
    )
    assert [b.journalist.slug for b in edited.bylines.all()] == ["maria-lado"]


def test_users_who_cannot_change_are_not_offered_restore(client, edited, people):
    workflow.submit(edited, by=people["reporter_a"])
    page = client.get(history_url(edited)).content.decode()
    assert "/restore/" not in page
    response = client.post(
        reverse("admin:articles_article_restore", args=[edited.pk, 1]), {"base_version": "4"}
    )
    assert response.status_code == 403


def test_the_steps_read_as_what_happened(client, cast, people):
    article = cast["in_review"]
    at = timezone.now() + datetime.timedelta(hours=2)
    workflow.publish(article, by=people["editor"], at=at)
    workflow.publish(article, by=people["editor"])
    workflow.move_to_trash(article, by=people["editor"])
    workflow.restore_from_trash(article, by=people["editor"])
    client.force_login(people["editor"])
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    steps = [(event.from_label, event.to_label) for event in reversed(response.context["events"])]
    assert steps == [
        ("sedang ditinjau", "terjadwal"),
        ("terjadwal", "terbit"),
        ("terbit", "di tempat sampah"),
        ("di tempat sampah", "terbit"),
    ]
