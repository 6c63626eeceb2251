"""Uploaded media: served by the app itself only where nothing else does (development
and ``make serve``), with the caching nginx gives them in production."""

import importlib

import pytest
from django.urls import clear_url_caches

import newsroom.urls


@pytest.fixture
def urls_with(settings):
    def build(serve: bool):
        settings.SERVE_MEDIA = serve
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield build
    settings.SERVE_MEDIA = False
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_make_serve_serves_uploads_with_nginx_s_caching(client, settings, tmp_path, urls_with):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "journalists").mkdir()
    (tmp_path / "journalists" / "maria.webp").write_bytes(b"RIFF....WEBP")
    urls_with(serve=True)
    response = client.get("/media/journalists/maria.webp")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"RIFF....WEBP"
    assert response["Cache-Control"] == f"public, max-age={30 * 24 * 60 * 60}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/journalists/../../newsroom/settings.py").status_code in (400, 404)


def test_production_leaves_media_to_nginx(client, settings, tmp_path, urls_with):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.jpg").write_bytes(b"jpeg")
    urls_with(serve=False)
    assert client.get("/media/photo.jpg").status_code == 404
