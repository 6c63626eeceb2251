"""Deleting an article moves it to the trash; an editor can restore it, and
both steps are in its history."""

import pytest
from django.conf import settings
from django.contrib.admin import helpers
from django.test import override_settings
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleEvent
from tests.admin.helpers import change_url, open_form

CHANGELIST = "/admin/articles/article/"


def delete(client, article):
    return client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})


def run_action(client, action: str, articles, query: str = ""):
    return client.post(
        CHANGELIST + query,
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [a.pk for a in articles]},
    )


@pytest.fixture
def editor(client, people):
    client.force_login(people["editor"])
    return client


def test_deleting_moves_a_live_article_to_the_trash_and_off_the_site(editor, cast, people):
    live = cast["live"]
    url = live.get_absolute_url()
    assert editor.get(url).status_code == 200

    response = delete(editor, live)

    assert (response.status_code, response["Location"]) == (302, CHANGELIST)
    stored = Article.objects.get(pk=live.pk)
    assert (stored.status, stored.in_trash, stored.deleted_by) == (
        "published",
        True,
        people["editor"],
    )
    event = stored.events.get()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "trash",
        people["editor"],
        "published",
        "published",
    )
    editor.logout()
    assert editor.get(url).status_code == 404
    assert live.slug not in editor.get("/feed/").content.decode()
    assert live.slug not in editor.get("/sitemap-articles.xml").content.decode()


def test_the_confirmation_speaks_of_the_trash_not_of_deleting_history(editor, cast):
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = editor.get(reverse("admin:articles_article_delete", args=[cast["draft"].pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Move “Draf rahasia” to the trash?" in text
    assert "related items will be deleted" not in text
    assert page.context["deleted_objects"] == ["Draf rahasia"]


def test_the_lists_leave_the_trash_out_and_the_trash_view_shows_only_it(editor, cast):
    delete(editor, cast["draft"])
    listed = editor.get(CHANGELIST).context["cl"].result_list
    assert cast["draft"] not in listed
    assert len(listed) == 4
    trash = editor.get(CHANGELIST + "?trash=yes").context["cl"].result_list
    assert list(trash) == [cast["draft"]]


def test_the_trash_view_offers_only_restore_and_the_lists_never_offer_it(editor, cast):
    def offered(query: str) -> set[str]:
        form = editor.get(CHANGELIST + query).context["action_form"]
        return {name for name, _label in form.fields["action"].choices} - {""}

    assert offered("?trash=yes") == {"restore_selected"}
    assert "restore_selected" not in offered("")
    assert "trash_selected" in offered("")
    assert "delete_selected" not in offered("")


def test_an_editor_restores_from_the_trash_and_it_is_as_it_was(editor, cast, people):
    live = cast["live"]
    delete(editor, live)
    response = run_action(editor, "restore_selected", [live], query="?trash=yes")
    assert response.status_code == 302
    stored = Article.objects.get(pk=live.pk)
    assert (stored.status, stored.in_trash, stored.deleted_by) == ("published", False, None)
    assert list(stored.events.values_list("action", "actor__username")) == [
        ("trash", "editor"),
        ("restore", "editor"),
    ]
    editor.logout()
    assert editor.get(live.get_absolute_url()).status_code == 200


def test_the_change_page_of_a_trashed_article_is_read_only_with_a_restore_button(
    editor, cast, people
):
    draft = cast["draft"]
    data = open_form(editor, draft)
    workflow.move_to_trash(draft, by=people["editor"])

    page = editor.get(change_url(draft))
    assert page.status_code == 200
    untrash = reverse("admin:articles_article_untrash", args=[draft.pk])
    assert f'formaction="{untrash}"' in page.content.decode()
    assert page.context["workflow"]["buttons"] == []
    # A form opened before the article went to the trash saves nothing.
    data["title"] = "Judul baru"
    assert editor.post(change_url(draft), data).status_code == 403
    assert Article.objects.get(pk=draft.pk).title == "Draf rahasia"

    response = editor.post(untrash)
    assert (response.status_code, response["Location"]) == (302, change_url(draft))
    assert not Article.objects.get(pk=draft.pk).in_trash


def test_the_history_page_shows_who_deleted_and_who_restored(editor, cast, people):
    draft = cast["draft"]
    workflow.move_to_trash(draft, by=people["editor"])
    workflow.restore_from_trash(draft, by=people["admin"])
    events = editor.get(reverse("admin:articles_article_history", args=[draft.pk])).context[
        "events"
    ]
    assert [(e.action, e.actor.username) for e in events] == [
        ("restore", "admin"),
        ("trash", "editor"),
    ]


@pytest.mark.parametrize("who", ["reporter_a", "reporter_b"])
def test_a_reporter_can_neither_trash_nor_restore(client, cast, people, who):
    client.force_login(people[who])
    assert delete(client, cast["draft"]).status_code in (403, 404)
    run_action(client, "trash_selected", [cast["draft"]])
    assert not Article.objects.get(pk=cast["draft"].pk).in_trash
    workflow.move_to_trash(cast["draft"], by=people["editor"])
    response = client.post(reverse("admin:articles_article_untrash", args=[cast["draft"].pk]))
    assert response.status_code == 404
    run_action(client, "restore_selected", [cast["draft"]], query="?trash=yes")
    assert Article.objects.get(pk=cast["draft"].pk).in_trash
    with pytest.raises(workflow.NotPermitted):
        workflow.restore_from_trash(cast["draft"], by=people[who])


def test_no_transition_applies_to_an_article_in_the_trash(cast, people):
    article = cast["in_review"]
    workflow.move_to_trash(article, by=people["editor"])
    with pytest.raises(workflow.WrongState):
        workflow.publish(article, by=people["editor"])
    with pytest.raises(workflow.WrongState):
        workflow.move_to_trash(article, by=people["editor"])
    assert list(ArticleEvent.objects.values_list("action", flat=True)) == ["trash"]
    with pytest.raises(workflow.WrongState):
        workflow.restore_from_trash(cast["draft"], by=people["editor"])


def test_a_form_opened_before_a_trash_and_restore_saves_only_its_change(editor, cast, people):
    """Trash and restore bump the version but change no content: a form opened before
    saves its own edit and leaves the restored state as it is."""
    draft = cast["draft"]
    data = open_form(editor, draft)
    workflow.move_to_trash(draft, by=people["admin"])
    workflow.restore_from_trash(draft, by=people["admin"])
    data["title"] = "Judul lama"
    assert editor.post(change_url(draft), data).status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.in_trash, stored.version) == ("Judul lama", False, 4)


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_cached_page_does_not_outlive_the_trash(
    client, cast, people, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    url = cast["live"].get_absolute_url()
    assert client.get(url).status_code == 200
    assert cast["live"].title in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.move_to_trash(cast["live"], by=people["editor"])
    assert client.get(url).status_code == 404
    assert cast["live"].title not in client.get("/").content.decode()
