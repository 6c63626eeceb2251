"""Previews: "Pratinjau" for staff, and shared links that work logged out until they don't."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles import preview, workflow
from articles.models import PreviewLink
from newsroom.wita import format_wita


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def assert_private(response) -> None:
    assert cache_directives(response) == {"private", "no-store"}
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.fixture
def shared(client, cast, people):
    """Reporter A shares a preview of their draft through the admin; the link it made."""
    client.force_login(people["reporter_a"])
    with time_machine.travel(timezone.now(), tick=False):
        response = client.post(
            reverse("admin:articles_article_share", args=[cast["draft"].pk]),
            {"share-hours": "48"},
        )
    assert response.status_code == 302
    client.logout()
    return PreviewLink.objects.get(article=cast["draft"])


def test_staff_preview_renders_the_public_template_privately(client, cast, people):
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_preview", args=[cast["draft"].pk]))
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "articles/article_detail.html"
    assert response.context["preview"] is True
    assert "Draf rahasia" in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    # Every admin page is also never_cache'd, which adds its own directives.
    assert {"private", "no-store"} <= cache_directives(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_shared_link_lasts_48_hours_by_default(shared):
    assert shared.expires_at - shared.created_at == datetime.timedelta(hours=48)
    assert shared.created_by.username == "reporter_a"


def test_the_link_is_shown_on_the_change_form_with_its_expiry(client, people, shared):
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_change", args=[shared.article_id]))
    [item] = response.context["workflow"]["links"]
    assert item["url"] == "http://testserver" + reverse(
        "articles:preview", args=[preview.token_for(shared)]
    )
    assert item["expires"] == format_wita(shared.expires_at)
    assert item["url"] in response.content.decode()


def test_a_shared_link_works_logged_out(client, shared):
    response = client.get(reverse("articles:preview", args=[preview.token_for(shared)]))
    assert response.status_code == 200
    assert "Draf rahasia" in response.content.decode()
    assert response.context["preview"] is True
    assert_private(response)


def test_the_token_is_the_same_every_time_it_is_shown(shared):
    assert preview.token_for(shared) == preview.token_for(PreviewLink.objects.get(pk=shared.pk))


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "made-up-token",
        lambda token: signing.Signer(salt="another").sign_object({"link": 1, "until": 2**40}),
        lambda token: signing.Signer(salt=preview.SALT).sign_object({"link": 999, "until": 2**40}),
        lambda token: signing.Signer(salt=preview.SALT).sign_object(["not", "a", "dict"]),
    ],
    ids=["tampered", "garbage", "other-salt", "unknown-link", "wrong-shape"],
)
def test_a_forged_link_is_not_found(client, shared, forge):
    token = forge(preview.token_for(shared))
    response = client.get(reverse("articles:preview", args=[token]))
    assert response.status_code == 404
    assert "Draf rahasia" not in response.content.decode()
    assert_private(response)


def test_extending_the_expiry_in_the_token_breaks_the_signature(client, shared):
    token = preview.token_for(shared)
    _payload, _, signature = token.rpartition(":")
    longer = signing.Signer(salt=preview.SALT).sign_object(
        {"link": shared.pk, "until": int(shared.expires_at.timestamp()) + 86400}
    )
    assert longer.rpartition(":")[2] != signature
    forged = longer.rpartition(":")[0] + ":" + signature
    assert client.get(reverse("articles:preview", args=[forged])).status_code == 404


def test_an_expired_link_is_gone(client, shared):
    url = reverse("articles:preview", args=[preview.token_for(shared)])
    with time_machine.travel(shared.expires_at - datetime.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(shared.expires_at, tick=False):
        response = client.get(url)
    assert response.status_code == 410
    assert "Draf rahasia" not in response.content.decode()
    assert response.context["reason"] == "expired"


def test_a_revoked_link_is_gone(client, people, shared):
    url = reverse("articles:preview", args=[preview.token_for(shared)])
    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_article_revoke", args=[shared.article_id, shared.pk])
    )
    assert response.status_code == 302
    client.logout()

    response = client.get(url)
    assert response.status_code == 410
    assert response.context["reason"] == "revoked"
    shared.refresh_from_db()
    assert shared.revoked_by == people["editor"]


def test_a_revoked_link_is_no_longer_listed(client, people, shared):
    preview.revoke(shared, by=people["reporter_a"])
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_change", args=[shared.article_id]))
    assert response.context["workflow"]["links"] == []


def test_a_link_to_a_published_article_redirects_to_the_public_page(client, cast, people, shared):
    article = cast["draft"]
    workflow.submit(article, by=people["reporter_a"])
    workflow.publish(article, by=people["editor"])
    article.refresh_from_db()

    response = client.get(reverse("articles:preview", args=[preview.token_for(shared)]))

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_a_link_to_a_scheduled_article_still_previews_it(client, cast, people, shared):
    article = cast["draft"]
    workflow.submit(article, by=people["reporter_a"])
    workflow.publish(article, by=people["editor"], at=timezone.now() + datetime.timedelta(days=2))
    response = client.get(reverse("articles:preview", args=[preview.token_for(shared)]))
    assert response.status_code == 200


def test_the_lifetime_can_be_chosen_up_to_two_weeks(client, cast, people):
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_share", args=[cast["in_review"].pk])
    client.post(url, {"share-hours": "6"})
    client.post(url, {"share-hours": str(24 * 365)})
    short, refused = PreviewLink.objects.order_by("pk")
    assert short.expires_at - short.created_at == datetime.timedelta(hours=6)
    # An out-of-range value falls back to the default.
    assert refused.expires_at - refused.created_at == datetime.timedelta(hours=48)


def test_sharing_needs_a_post(client, cast, people):
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_share", args=[cast["draft"].pk])
    assert client.get(url).status_code == 405
    assert not PreviewLink.objects.exists()


# A link follows its article; who may share and revoke ------------------------------


def preview_of(link):
    return reverse("articles:preview", args=[preview.token_for(link)])


def test_a_link_stops_when_its_article_is_unpublished(client, cast, people, shared):
    article = cast["draft"]
    workflow.submit(article, by=people["reporter_a"])
    workflow.publish(article, by=people["editor"])
    assert client.get(preview_of(shared)).status_code == 302
    workflow.unpublish(article, by=people["editor"], reason="Perintah pengadilan.")

    response = client.get(preview_of(shared))
    assert (response.status_code, response.context["reason"]) == (410, "revoked")
    assert "Draf rahasia" not in response.content.decode()
    assert_private(response)


def test_a_link_made_before_publication_stays_withdrawn_after_unpublishing(client, cast, people):
    client.force_login(people["editor"])
    article = cast["in_review"]
    client.post(reverse("admin:articles_article_share", args=[article.pk]), {"share-hours": "48"})
    link = PreviewLink.objects.get(article=article)
    workflow.publish(article, by=people["editor"])
    workflow.unpublish(article, by=people["editor"], reason="Nama anak disebut.")
    client.logout()
    assert client.get(preview_of(link)).status_code == 410


def share(client, article):
    return client.post(
        reverse("admin:articles_article_share", args=[article.pk]), {"share-hours": "48"}
    )


@pytest.mark.parametrize("state", ["in_review", "unpublished", "scheduled"])
def test_a_reporter_cannot_share_what_is_no_longer_their_draft(client, cast, people, state):
    client.force_login(people["reporter_a"])
    assert share(client, cast[state]).status_code == 403
    assert not PreviewLink.objects.exists()
    page = client.get(reverse("admin:articles_article_change", args=[cast[state].pk]))
    assert page.context["workflow"]["share_form"] is None


def test_the_desk_shares_copy_in_review(client, cast, people):
    client.force_login(people["editor"])
    assert share(client, cast["in_review"]).status_code == 302
    assert PreviewLink.objects.filter(article=cast["in_review"]).exists()


def test_nobody_shares_an_unpublished_article(client, cast, people):
    client.force_login(people["editor"])
    assert share(client, cast["unpublished"]).status_code == 403


def test_a_reporter_revokes_only_the_links_they_made(client, cast, people, shared):
    client.force_login(people["editor"])
    share(client, cast["draft"])
    editors = PreviewLink.objects.exclude(pk=shared.pk).get()
    client.force_login(people["reporter_a"])

    page = client.get(reverse("admin:articles_article_change", args=[cast["draft"].pk]))
    revoke_urls = {
        item["link"].pk: item["revoke_url"] for item in page.context["workflow"]["links"]
    }
    assert revoke_urls[editors.pk] is None
    assert revoke_urls[shared.pk] is not None

    revoke = reverse("admin:articles_article_revoke", args=[cast["draft"].pk, editors.pk])
    assert client.post(revoke).status_code == 403
    editors.refresh_from_db()
    assert editors.revoked_at is None
    assert client.post(revoke_urls[shared.pk]).status_code == 302
    shared.refresh_from_db()
    assert shared.revoked_by == people["reporter_a"]
