"""Access to the admin, URL by URL, from the admin's own list of URLs.

An anonymous visitor is sent to the login page from every admin URL. A
reporter gets 403 or 404 for another reporter's article at every article URL,
with every method, and no action touches it; "view on site" tells nobody the
address of an article they may not see.
"""

import pytest
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import reverse

from articles.admin.article import ArticleAdmin
from articles.models import Article, Autosave, PreviewLink
from articles.preview import create_link
from articles.revisions import record_revision
from tests.security.admin_routes import admin_routes, concrete

LOGIN = "/admin/login/"

# What each article URL is sent by POST when someone tries to use it.
ARTICLE_POSTS = {
    "articles_article_change": {"title": "Diubah", "base_version": "99", "_workflow": "submit"},
    "articles_article_history": {},
    "articles_article_compare": {},
    "articles_article_restore": {"base_version": "1"},
    "articles_article_preview": {},
    "articles_article_share": {"share-hours": "48"},
    "articles_article_revoke": {},
    "articles_article_untrash": {},
    "articles_article_note": {"note-text": "Catatan orang lain."},
    "articles_article_autosave": {"title": "Diubah"},
    "articles_article_delete": {"post": "yes"},
    None: {},  # <id>/ redirects to the change page
}
# These answer a GET with 405 whatever the article: the answer tells nothing.
POST_ONLY = {
    "articles_article_share",
    "articles_article_revoke",
    "articles_article_untrash",
    "articles_article_note",
    "articles_article_autosave",
    "articles_article_autosave_new",
}
# Article URLs that name no article.
ARTICLE_LISTS = {
    "articles_article_changelist",
    "articles_article_add",
    "articles_article_import",
    "articles_article_autosave_new",
}
ARTICLE_PREFIX = "articles/article/"


def article_routes() -> list[tuple[str, str | None]]:
    return [(route, name) for route, name in admin_routes() if route.startswith(ARTICLE_PREFIX)]


def state_of(article: Article) -> dict:
    """Everything about ``article`` that any admin URL could change."""
    stored = Article.objects.get(pk=article.pk)
    return {
        **model_to_dict(stored),
        "deleted_at": stored.deleted_at,
        "version": stored.version,
        "events": list(stored.events.values_list("action", flat=True)),
        "revisions": list(stored.revisions.values_list("version", flat=True)),
        "links": list(stored.preview_links.values_list("pk", "revoked_at", "expires_at")),
        "corrections": stored.corrections.count(),
        "notes": stored.notes.count(),
        "autosaves": Autosave.objects.filter(article=stored).count(),
        "bylines": list(stored.bylines.values_list("journalist_id", "position")),
    }


def test_every_article_url_is_listed_here():
    """A new article URL must be added to ARTICLE_POSTS or ARTICLE_LISTS to be checked."""
    names = {name for _route, name in article_routes()}
    assert names == set(ARTICLE_POSTS) | ARTICLE_LISTS


@pytest.mark.parametrize(("route", "name"), admin_routes())
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, cast, route, name):
    url = concrete(route, object_id=cast["draft"].pk)
    if name == "login":
        assert client.get(url).status_code == 200
        return
    for method in (client.get, client.post):
        response = method(url, follow=True)
        assert response.redirect_chain, (method.__name__, url)
        assert response.redirect_chain[-1][0].startswith(LOGIN), (method.__name__, url)
        assert response.status_code == 200


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "unpublished", "live"])
def test_another_reporters_article_is_closed_at_every_article_url(client, cast, people, state):
    article = cast[state]
    record_revision(article, by=people["reporter_a"])
    link = create_link(article, by=people["editor"])
    before = state_of(article)
    client.force_login(people["reporter_b"])

    tried = 0
    for route, name in article_routes():
        if name in ARTICLE_LISTS:
            continue
        url = concrete(route, object_id=article.pk, version=1, link_id=link.pk)
        query = "?a=1&b=1" if name == "articles_article_compare" else ""
        response = client.get(url + query, follow=True)
        assert response.status_code in (403, 404, 405 if name in POST_ONLY else 404), name
        response = client.post(url + query, ARTICLE_POSTS[name], follow=True)
        assert response.status_code in (403, 404), name
        tried += 2
    assert tried == 2 * len(ARTICLE_POSTS)
    assert state_of(article) == before


@pytest.mark.parametrize("action", [*ArticleAdmin.actions, "delete_selected"])
@pytest.mark.parametrize("state", ["draft", "in_review", "live"])
def test_no_action_touches_another_reporters_article(client, cast, people, action, state):
    article = cast[state]
    before = state_of(article)
    client.force_login(people["reporter_b"])
    for extra in ({}, {"apply": "1", "workflow-reason": "x", "post": "yes"}):
        response = client.post(
            reverse("admin:articles_article_changelist"),
            {"action": action, helpers.ACTION_CHECKBOX_NAME: [article.pk], **extra},
        )
        assert response.status_code in (200, 302)
    assert state_of(article) == before


@pytest.mark.parametrize("who", ["reporter_a", "reporter_b", "editor"])
def test_the_import_page_is_for_superusers_only(client, people, who):
    client.force_login(people[who])
    url = reverse("admin:articles_article_import")
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "draft"}).status_code == 403
    assert client.post(url, {"confirm": "1", "status": "draft"}).status_code == 403


def test_a_reporter_never_sees_the_trash(client, cast, people):
    Article.objects.filter(pk=cast["draft"].pk).update(deleted_at=cast["live"].published_at)
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_changelist") + "?trash=yes")
    assert response.status_code == 200
    assert cast["draft"] not in response.context["cl"].result_list
    change = reverse("admin:articles_article_change", args=[cast["draft"].pk])
    assert client.get(change).status_code == 404


def view_on_site(article: Article) -> str:
    content_type = ContentType.objects.get_for_model(Article)
    return reverse("admin:view_on_site", args=[content_type.pk, article.pk])


@pytest.mark.parametrize(
    ("who", "state", "expected"),
    [
        ("reporter_b", "draft", 404),
        ("reporter_b", "scheduled", 404),
        ("reporter_a", "draft", 404),
        ("editor", "draft", 404),
        ("editor", "scheduled", 404),
        ("editor", "in_review", 404),
        ("reporter_b", "live", 404),
        ("editor", "live", 302),
    ],
)
def test_view_on_site_names_no_address_the_change_page_would_not_show(
    client, cast, people, who, state, expected
):
    """Django's own shortcut would redirect anyone to a hidden article's slug."""
    client.force_login(people[who])
    response = client.get(view_on_site(cast[state]))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == "http://testserver" + cast["live"].get_absolute_url()


def test_a_trashed_article_is_not_viewed_on_site(client, cast, people):
    client.force_login(people["editor"])
    Article.objects.filter(pk=cast["live"].pk).update(deleted_at=cast["live"].published_at)
    assert client.get(view_on_site(cast["live"])).status_code == 404


def test_preview_links_of_others_cannot_be_revoked_through_another_article(client, cast, people):
    """The revoke URL names an article and a link; a mismatched pair does nothing."""
    link = create_link(cast["draft"], by=people["editor"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_revoke", args=[cast["in_review"].pk, link.pk])
    assert client.post(url).status_code == 404
    assert PreviewLink.objects.get(pk=link.pk).revoked_at is None
