"""Who may do what, through the admin with the test client.

Actors: reporter A (on the byline of every article in the cast), reporter B
(on none), an editor, a superuser, and an anonymous visitor. An article a user
may not see answers 404, as if it did not exist; one they may see but not
change answers 403 to a POST.
"""

import datetime

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent, Correction, PreviewLink, Revision
from articles.preview import create_link
from articles.revisions import record_revision
from tests.admin.helpers import change_url, open_form, press

ACTORS = ["reporter_a", "reporter_b", "editor", "admin", "anonymous"]
LOGIN = "/admin/login/"


@pytest.fixture
def as_actor(client, people):
    def login(who: str):
        if who != "anonymous":
            client.force_login(people[who])
        return client

    return login


def status_of(response) -> int | str:
    """The status, with a redirect to the login page shown as "login"."""
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    return response.status_code


# Pages -----------------------------------------------------------------------

PAGES = {
    "list": lambda cast: reverse("admin:articles_article_changelist"),
    "add": lambda cast: reverse("admin:articles_article_add"),
    "view": lambda cast: change_url(cast["draft"]),
    "history": lambda cast: reverse("admin:articles_article_history", args=[cast["draft"].pk]),
    "compare": lambda cast: (
        reverse("admin:articles_article_compare", args=[cast["draft"].pk]) + "?a=1&b=1"
    ),
    "restore": lambda cast: reverse("admin:articles_article_restore", args=[cast["draft"].pk, 1]),
    "preview": lambda cast: reverse("admin:articles_article_preview", args=[cast["draft"].pk]),
    "delete": lambda cast: reverse("admin:articles_article_delete", args=[cast["draft"].pk]),
    "import": lambda cast: reverse("admin:articles_article_import"),
}
EXPECTED_PAGES = {
    #            reporter_a reporter_b editor admin anonymous
    "list": (200, 200, 200, 200, "login"),
    "add": (200, 200, 200, 200, "login"),
    "view": (200, 404, 200, 200, "login"),
    "history": (200, 404, 200, 200, "login"),
    "compare": (200, 404, 200, 200, "login"),
    "restore": (200, 404, 200, 200, "login"),
    "preview": (200, 404, 200, 200, "login"),
    "delete": (403, 404, 200, 200, "login"),
    "import": (403, 403, 403, 200, "login"),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ACTORS)
def test_pages(as_actor, cast, people, page, who):
    record_revision(cast["draft"], by=people["reporter_a"])
    response = as_actor(who).get(PAGES[page](cast))
    assert status_of(response) == EXPECTED_PAGES[page][ACTORS.index(who)]


@pytest.mark.parametrize(
    ("who", "sees_the_draft"),
    [("reporter_a", True), ("reporter_b", False), ("editor", True), ("admin", True)],
)
def test_the_change_list_shows_drafts_only_to_their_reporters_and_the_desk(
    as_actor, cast, who, sees_the_draft
):
    response = as_actor(who).get(reverse("admin:articles_article_changelist"))
    assert ("Draf rahasia" in response.content.decode()) is sees_the_draft
    assert response.context["cl"].result_count == (5 if sees_the_draft else 0)


def test_another_reporters_draft_is_not_even_offered_for_search(as_actor, cast):
    response = as_actor("reporter_b").get(
        reverse("admin:articles_article_changelist") + "?q=rahasia"
    )
    assert response.context["cl"].result_count == 0


def test_another_reporters_draft_is_hidden_from_autocomplete(as_actor, cast):
    response = as_actor("reporter_b").get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "related",
            "term": "",
        },
    )
    titles = {item["text"] for item in response.json()["results"]}
    # Only what is live: never someone else's draft, review copy or schedule.
    assert titles == {"Berita tayang"}


def test_a_reporter_can_link_their_own_drafts_and_live_articles_as_related(as_actor, cast):
    response = as_actor("reporter_a").get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "related", "term": ""},
    )
    assert {item["text"] for item in response.json()["results"]} == {
        article.title for article in cast.values()
    }


# Saving the change form -------------------------------------------------------------

EXPECTED_SAVE = {
    # article: reporter_a reporter_b editor admin anonymous
    "draft": (302, 404, 302, 302, "login"),
    "in_review": (403, 404, 302, 302, "login"),
    "live": (403, 404, 302, 302, "login"),
}


@pytest.mark.parametrize("article", EXPECTED_SAVE)
@pytest.mark.parametrize("who", ACTORS)
def test_saving_an_edit(as_actor, cast, people, who, article):
    expected = EXPECTED_SAVE[article][ACTORS.index(who)]
    target = cast[article]
    client = as_actor(who)
    if expected == 302:
        data = open_form(client, target)
        data["title"] = "Judul diperbaiki"
    else:
        data = {"title": "Judul diperbaiki", "slug": target.slug, "base_version": "1"}

    response = client.post(change_url(target), data)

    assert status_of(response) == expected
    stored = Article.objects.get(pk=target.pk)
    assert (stored.title == "Judul diperbaiki") is (expected == 302)


# Transitions through the change form's buttons ------------------------------------------

SOON = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
TRANSITIONS = {
    # name: (article, inputs, status afterwards when allowed)
    "submit": ("draft", {}, "in_review"),
    "return": ("in_review", {"reason": "Tambahkan data."}, "draft"),
    "publish": ("in_review", {}, "published"),
    "schedule": ("in_review", {"at": SOON}, "published"),
    "unpublish": ("live", {"reason": "Permintaan narasumber."}, "unpublished"),
    "correct": ("live", {"text": "Nama desa diperbaiki."}, "published"),
}
EXPECTED_TRANSITIONS = {
    # name: reporter_a reporter_b editor admin anonymous
    "submit": (True, 404, True, True, "login"),
    "return": (403, 404, True, True, "login"),
    "publish": (403, 404, True, True, "login"),
    "schedule": (403, 404, True, True, "login"),
    "unpublish": (403, 404, True, True, "login"),
    "correct": (403, 404, True, True, "login"),
}


@pytest.mark.parametrize("name", TRANSITIONS)
@pytest.mark.parametrize("who", ACTORS)
def test_transitions(as_actor, cast, who, name):
    article_key, inputs, after = TRANSITIONS[name]
    article = cast[article_key]
    before = Article.objects.get(pk=article.pk)
    expected = EXPECTED_TRANSITIONS[name][ACTORS.index(who)]
    client = as_actor(who)

    if expected is True:
        response = press(client, article, name, **inputs)
        assert response.status_code == 302
        assert response["Location"] == change_url(article)
    else:
        data = {"_workflow": name, **{f"workflow-{k}": v for k, v in inputs.items()}}
        response = client.post(change_url(article), data)
        assert status_of(response) == expected

    stored = Article.objects.get(pk=article.pk)
    if expected is True:
        assert stored.status == after
        assert stored.events.get().action == name
    else:
        assert (stored.status, stored.version) == (before.status, before.version)
        assert not stored.events.exists()
        assert not Correction.objects.exists()


# Previews and share links ------------------------------------------------------------------

EXPECTED_SHARE = (302, 404, 302, 302, "login")


@pytest.mark.parametrize("who", ACTORS)
def test_sharing_a_preview(as_actor, cast, who):
    response = as_actor(who).post(
        reverse("admin:articles_article_share", args=[cast["draft"].pk]), {"share-hours": "48"}
    )
    expected = EXPECTED_SHARE[ACTORS.index(who)]
    assert status_of(response) == expected
    assert PreviewLink.objects.filter(article=cast["draft"]).count() == (
        1 if expected == 302 else 0
    )


@pytest.mark.parametrize("who", ACTORS)
def test_revoking_a_preview(as_actor, cast, people, who):
    link = create_link(cast["draft"], by=people["reporter_a"])
    response = as_actor(who).post(
        reverse("admin:articles_article_revoke", args=[cast["draft"].pk, link.pk])
    )
    expected = EXPECTED_SHARE[ACTORS.index(who)]
    assert status_of(response) == expected
    link.refresh_from_db()
    assert (link.revoked_at is not None) is (expected == 302)


@pytest.mark.parametrize("who", ACTORS)
def test_restoring_a_revision(as_actor, cast, people, who):
    draft = cast["draft"]
    record_revision(draft, by=people["reporter_a"])
    Article.objects.filter(pk=draft.pk).update(title="Diubah", version=2)
    response = as_actor(who).post(
        reverse("admin:articles_article_restore", args=[draft.pk, 1]), {"base_version": "2"}
    )
    expected = EXPECTED_SHARE[ACTORS.index(who)]
    assert status_of(response) == expected
    assert Article.objects.get(pk=draft.pk).title == (
        "Draf rahasia" if expected == 302 else "Diubah"
    )


# Admin actions ----------------------------------------------------------------------------

EXPECTED_ACTIONS = {
    "reporter_a": {"submit_selected"},
    "reporter_b": {"submit_selected"},
    "editor": {
        "trash_selected",
        "submit_selected",
        "publish_selected",
        "schedule_selected",
        "return_selected",
        "unpublish_selected",
    },
}
EXPECTED_ACTIONS["admin"] = EXPECTED_ACTIONS["editor"]


@pytest.mark.parametrize("who", ["reporter_a", "reporter_b", "editor", "admin"])
def test_the_actions_each_role_is_offered(as_actor, cast, who):
    response = as_actor(who).get(reverse("admin:articles_article_changelist"))
    offered = {name for name, _label in response.context["action_form"].fields["action"].choices}
    assert offered - {""} == EXPECTED_ACTIONS[who]


def run_action(client, action: str, articles, **extra):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [article.pk for article in articles],
            **extra,
        },
    )


def test_a_reporter_cannot_run_a_desk_action_by_posting_it(as_actor, cast):
    response = run_action(as_actor("reporter_a"), "publish_selected", [cast["in_review"]])
    # The admin does not know the action for this user: back to the list, nothing done.
    assert response.status_code == 302
    assert Article.objects.get(pk=cast["in_review"].pk).status == "in_review"


def test_a_reporter_cannot_act_on_another_reporters_article(as_actor, cast):
    run_action(as_actor("reporter_b"), "submit_selected", [cast["draft"]])
    assert Article.objects.get(pk=cast["draft"].pk).status == "draft"


def test_a_reporter_cannot_delete_even_their_own_article(as_actor, cast):
    run_action(as_actor("reporter_a"), "delete_selected", [cast["draft"]])
    response = as_actor("reporter_a").post(
        reverse("admin:articles_article_delete", args=[cast["draft"].pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Article.objects.filter(pk=cast["draft"].pk).exists()


def test_an_editor_deleting_an_article_moves_it_to_the_trash(as_actor, cast, people):
    response = as_actor("editor").post(
        reverse("admin:articles_article_delete", args=[cast["draft"].pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.in_trash, stored.deleted_by) == (True, people["editor"])


BULK = {
    # action: (article, extra POST data, status afterwards when it ran)
    "submit_selected": ("draft", {}, "in_review"),
    "publish_selected": ("in_review", {}, "published"),
    "schedule_selected": ("in_review", {"apply": "1", "workflow-at": SOON}, "published"),
    "return_selected": ("in_review", {"apply": "1", "workflow-reason": "Data kurang."}, "draft"),
    "unpublish_selected": ("live", {"apply": "1", "workflow-reason": "Ralat."}, "unpublished"),
    "trash_selected": ("draft", {}, "draft"),
}
EXPECTED_BULK = {
    # action: reporter_a reporter_b editor admin anonymous (True: it ran)
    "submit_selected": (True, False, True, True, False),
    "publish_selected": (False, False, True, True, False),
    "schedule_selected": (False, False, True, True, False),
    "return_selected": (False, False, True, True, False),
    "unpublish_selected": (False, False, True, True, False),
    "trash_selected": (False, False, True, True, False),
}


@pytest.mark.parametrize("action", BULK)
@pytest.mark.parametrize("who", ACTORS)
def test_bulk_actions(as_actor, cast, who, action):
    article_key, extra, after = BULK[action]
    article = cast[article_key]
    ran = EXPECTED_BULK[action][ACTORS.index(who)]

    response = run_action(as_actor(who), action, [article], **extra)

    assert response.status_code == 302
    if who == "anonymous":
        assert response["Location"].startswith(LOGIN)
    stored = Article.objects.get(pk=article.pk)
    if ran:
        assert stored.status == after
        assert stored.events.get().actor.username == who
    else:
        assert (stored.status, stored.version) == (article.status, article.version)
        assert not stored.events.exists()
    assert stored.in_trash is (ran and action == "trash_selected")


def test_another_reporters_draft_cannot_be_linked_as_related(as_actor, cast, people):
    draft_of_b = Article.objects.create(title="Draf B", slug="draf-b", status="draft")
    client = as_actor("reporter_a")
    data = open_form(client, cast["draft"])
    data["related"] = [str(draft_of_b.pk)]
    response = client.post(change_url(cast["draft"]), data)
    assert response.status_code == 200
    assert "related" in response.context["adminform"].form.errors
    assert not cast["draft"].related.exists()


def test_only_live_articles_offer_view_on_site(as_actor, cast):
    client = as_actor("editor")
    live_page = client.get(change_url(cast["live"])).content.decode()
    draft_page = client.get(change_url(cast["draft"])).content.decode()
    assert 'class="viewsitelink"' in live_page
    assert 'class="viewsitelink"' not in draft_page


def test_deleting_an_article_keeps_its_history(as_actor, cast, people):
    record_revision(cast["in_review"], by=people["editor"])
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="x")
    create_link(cast["in_review"], by=people["editor"])
    response = as_actor("editor").post(
        reverse("admin:articles_article_delete", args=[cast["in_review"].pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert Revision.objects.count() == 1
    assert list(ArticleEvent.objects.values_list("action", flat=True)) == ["return", "trash"]
    assert PreviewLink.objects.count() == 1
