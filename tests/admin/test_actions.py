"""Bulk actions in the list call the same workflow functions as the buttons."""

import datetime

import pytest
import time_machine
from django.contrib.admin import helpers

from articles.models import Article

LIST = "/admin/articles/article/"


def act(client, action: str, articles, follow=False, **extra):
    return client.post(
        LIST,
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [article.pk for article in articles],
            **extra,
        },
        follow=follow,
    )


def messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def statuses(cast) -> dict[str, str]:
    return {key: Article.objects.get(pk=article.pk).status for key, article in cast.items()}


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor"])
    return client


def test_a_reporter_submits_several_drafts_and_hears_about_the_rest(client, cast, people):
    client.force_login(people["reporter_a"])
    response = act(client, "submit_selected", [cast["draft"], cast["live"]], follow=True)
    assert statuses(cast)["draft"] == "in_review"
    assert statuses(cast)["live"] == "published"
    assert messages(response) == [
        "Kirim untuk ditinjau: 1 artikel.",
        "Berita tayang: Hanya draf yang dapat dikirim untuk ditinjau.",
    ]


def test_publishing_in_bulk(editor_client, cast):
    response = act(
        editor_client, "publish_selected", [cast["in_review"], cast["unpublished"]], follow=True
    )
    assert messages(response) == ["Terbitkan: 2 artikel."]
    assert (
        Article.objects.live().filter(pk__in=[cast["in_review"].pk, cast["unpublished"].pk]).count()
        == 2
    )
    assert {
        event.actor.username
        for article in (cast["in_review"], cast["unpublished"])
        for event in article.events.all()
    } == {"editor"}


def test_returning_in_bulk_asks_for_the_reason_first(editor_client, cast):
    response = act(editor_client, "return_selected", [cast["in_review"], cast["unpublished"]])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/articles/article/transition_action.html"
    assert statuses(cast)["in_review"] == "in_review"

    response = act(
        editor_client,
        "return_selected",
        [cast["in_review"], cast["unpublished"]],
        apply="1",
        **{"workflow-reason": "Perlu foto dan data terbaru."},
    )
    assert response.status_code == 302
    assert (statuses(cast)["in_review"], statuses(cast)["unpublished"]) == ("draft", "draft")
    assert cast["in_review"].events.get().reason == "Perlu foto dan data terbaru."


def test_a_bulk_return_without_a_reason_is_asked_again(editor_client, cast):
    response = act(
        editor_client,
        "return_selected",
        [cast["in_review"]],
        apply="1",
        **{"workflow-reason": "  "},
    )
    assert response.status_code == 200
    assert response.context["field"].errors == ["Bidang ini tidak boleh kosong."]
    assert statuses(cast)["in_review"] == "in_review"


def test_scheduling_in_bulk_takes_a_wita_time(editor_client, cast):
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)):
        act(
            editor_client,
            "schedule_selected",
            [cast["in_review"]],
            apply="1",
            **{"workflow-at": "2026-06-02T07:00"},
        )
    stored = Article.objects.get(pk=cast["in_review"].pk)
    assert stored.published_at == datetime.datetime(2026, 6, 1, 23, 0, tzinfo=datetime.UTC)
    assert stored.events.get().action == "schedule"


def test_unpublishing_in_bulk(editor_client, cast):
    act(
        editor_client,
        "unpublish_selected",
        [cast["live"], cast["scheduled"]],
        apply="1",
        **{"workflow-reason": "Ralat besar."},
    )
    assert (statuses(cast)["live"], statuses(cast)["scheduled"]) == ("unpublished", "unpublished")
