"""Every response says which browser features the site may use: none of the
sensors, camera, microphone or position; only full screen, for itself."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

DENIED = ["camera=()", "microphone=()", "geolocation=()", "interest-cohort=()", "payment=()"]


def features(response) -> set[str]:
    return {part.strip() for part in response["Permissions-Policy"].split(",")}


def assert_restrictive(response) -> None:
    sent = features(response)
    assert set(DENIED) <= sent
    assert "fullscreen=(self)" in sent
    # Nothing is allowed for everyone.
    assert not any("*" in feature for feature in sent)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/robots.txt",
        "/feed/",
        "/tidak-ada-halaman-ini/",
        "/admin/login/",
        "/admin/",
    ],
)
def test_every_response_carries_the_policy(client, cast, path):
    response = client.get(path)
    assert response.status_code in (200, 302, 404)
    assert_restrictive(response)


def test_an_article_page_and_the_admin_carry_it(client, cast, people):
    assert_restrictive(client.get(cast["live"].get_absolute_url()))
    client.force_login(people["editor"])
    assert_restrictive(
        client.get(reverse("admin:articles_article_change", args=[cast["draft"].pk]))
    )


def test_a_page_served_from_the_cache_carries_it_too(client, cast, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        cached = client.get("/")
    # A hit reads only the latest purge number (tests/newsroom/test_page_cache.py).
    assert len(captured) == 1
    assert_restrictive(cached)
    cache.clear()
