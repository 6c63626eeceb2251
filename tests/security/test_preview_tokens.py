"""Shared preview links cannot be forged, and stop working when withdrawn.

tests/admin/test_previews.py covers tampering with a token, expiry and
revocation through the admin; these are the remaining ways in.
"""

import datetime

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles import preview, workflow
from articles.models import PreviewLink

SECRET = "Draf rahasia"


@pytest.fixture
def link(cast, people):
    return preview.create_link(cast["draft"], by=people["reporter_a"])


def url_of(token: str) -> str:
    return reverse("articles:preview", args=[token])


def test_a_token_signed_with_another_key_is_not_found(client, link):
    payload = {"link": link.pk, "until": int(link.expires_at.timestamp())}
    stranger = signing.Signer(key="not-our-secret-key", salt=preview.SALT).sign_object(payload)
    assert stranger != preview.token_for(link)
    response = client.get(url_of(stranger))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_the_token_does_not_work_after_the_secret_key_changes(client, link):
    token = preview.token_for(link)
    with override_settings(SECRET_KEY="a-new-key-after-a-leak"):
        assert client.get(url_of(token)).status_code == 404
    assert client.get(url_of(token)).status_code == 200


def test_another_signed_value_of_the_site_is_not_a_preview_token(client, link):
    """The import page signs uploads with the same key; the salt keeps them apart."""
    from articles.admin.import_page import IMPORT_SALT

    other = signing.dumps({"link": link.pk, "until": 2**40}, salt=IMPORT_SALT)
    assert client.get(url_of(other)).status_code == 404


def test_guessing_tokens_finds_nothing(client, link):
    for number in range(1, 40):
        guess = signing.b64_encode(f'{{"link":{number},"until":{2**40}}}'.encode()).decode()
        assert client.get(url_of(f"{guess}:{'A' * 43}")).status_code == 404


def test_the_stored_expiry_wins_over_the_token(client, link):
    token = preview.token_for(link)
    PreviewLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(url_of(token))
    assert (response.status_code, response.context["reason"]) == (410, "expired")


def test_revoking_one_link_leaves_the_others(client, cast, people, link):
    other = preview.create_link(cast["draft"], by=people["editor"])
    preview.revoke(link, by=people["editor"])
    assert client.get(url_of(preview.token_for(link))).status_code == 410
    assert client.get(url_of(preview.token_for(other))).status_code == 200


def test_moving_the_article_to_the_trash_withdraws_its_links_until_it_is_restored(
    client, cast, people, link
):
    url = url_of(preview.token_for(link))
    workflow.move_to_trash(cast["draft"], by=people["editor"])
    response = client.get(url)
    assert (response.status_code, response.context["reason"]) == (410, "revoked")
    assert SECRET not in response.content.decode()
    workflow.restore_from_trash(cast["draft"], by=people["editor"])
    assert client.get(url).status_code == 200


def test_a_preview_shows_no_other_hidden_article(client, cast, link):
    cast["draft"].related.add(cast["in_review"], cast["scheduled"], cast["live"])
    page = client.get(url_of(preview.token_for(link))).content.decode()
    assert SECRET in page
    assert cast["live"].title in page
    for hidden in ("in_review", "scheduled", "unpublished"):
        assert cast[hidden].title not in page


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_revoked_link_is_not_served_from_any_cache(client, people, link):
    from django.core.cache import cache

    cache.clear()
    url = url_of(preview.token_for(link))
    first = client.get(url)
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    preview.revoke(link, by=people["editor"])
    assert client.get(url).status_code == 410
