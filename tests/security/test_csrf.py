"""Every POST the site accepts needs Django's CSRF token.

The admin's URLs are read from the admin site, so a view added later (and
accidentally ``csrf_exempt``) is caught. The superuser is signed in, so every
view would otherwise act.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, ArticleEvent, Journalist, PreviewLink, ProgramTag
from articles.preview import create_link
from articles.revisions import record_revision
from regions.models import Region
from tests.security.admin_routes import admin_routes, concrete

MODELS = [
    Article,
    ArticleEvent,
    PreviewLink,
    Journalist,
    ProgramTag,
    Region,
    User,
    Group,
    Tag,
    AccessAttempt,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def world(cast, people):
    record_revision(cast["draft"], by=people["admin"])
    link = create_link(cast["draft"], by=people["admin"])
    attempt = AccessAttempt.objects.create(
        username="editor", ip_address="10.0.0.1", failures_since_start=5, get_data="", post_data=""
    )
    objects = {
        "articles/article/": cast["draft"].pk,
        "articles/journalist/": Journalist.objects.first().pk,
        "articles/programtag/": ProgramTag.objects.first().pk,
        "regions/region/": Region.objects.get(slug="belu").pk,
        "auth/user/": people["reporter_b"].pk,
        "auth/group/": Group.objects.first().pk,
        "taggit/tag/": Tag.objects.create(name="tag", slug="tag").pk,
        "axes/accessattempt/": attempt.pk,
    }
    return {"objects": objects, "link": link, "draft": cast["draft"]}


@pytest.fixture
def csrf_client(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["admin"])
    return client


def url_for(route: str, world) -> str:
    object_id = next((pk for prefix, pk in world["objects"].items() if route.startswith(prefix)), 1)
    return concrete(
        route,
        object_id=object_id,
        id=world["objects"]["auth/user/"],
        version=1,
        link_id=world["link"].pk,
        content_type_id=ContentType.objects.get_for_model(Article).pk,
    )


@pytest.mark.parametrize(("route", "name"), admin_routes())
def test_every_admin_url_refuses_a_post_without_the_token(csrf_client, world, route, name):
    before = counts()
    draft = Article.objects.values().get(pk=world["draft"].pk)
    response = csrf_client.post(
        url_for(route, world),
        {"post": "yes", "title": "x", "action": "trash_selected", "_selected_action": "1"},
    )
    assert response.status_code == 403, name
    assert b"CSRF" in response.content
    assert counts() == before
    assert Article.objects.values().get(pk=world["draft"].pk) == draft


@pytest.mark.parametrize(
    "url", ["/admin/login/", "/admin/logout/", "/i18n/setlang/", "/admin/password_change/"]
)
def test_signing_in_and_out_and_choosing_a_language_need_the_token(url, people):
    client = Client(enforce_csrf_checks=True)
    if url != "/admin/login/":
        client.force_login(people["editor"])
    response = client.post(url, {"username": "editor", "password": "pw", "language": "en"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_with_the_token_the_same_post_goes_through(csrf_client, world):
    """A canary: the refusals above are the token's doing, not the views'."""
    csrf_client.get(reverse("admin:articles_article_change", args=[world["draft"].pk]))
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        reverse("admin:articles_article_share", args=[world["draft"].pk]),
        {"share-hours": "48", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert PreviewLink.objects.filter(article=world["draft"]).count() == 2


def test_public_pages_have_no_forms_to_post_and_set_no_cookie(client, cast):
    """Readers only read: no form posts anywhere (search is a GET), no per-visitor cookie."""
    for url in ("/", "/arsip/", "/cari/?q=berita", cast["live"].get_absolute_url()):
        response = client.get(url)
        assert response.cookies == {}, url
        assert 'method="post"' not in response.content.decode().lower(), url
