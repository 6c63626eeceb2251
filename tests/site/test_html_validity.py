"""Every public page is valid HTML according to the Nu HTML Checker (vnu.jar).

The checker is a Java program that takes a second to start, so the pages are
rendered first and handed to one run of it together.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from articles.views import render_article
from newsroom.views import server_error
from tests.site.pages import build_newsroom, public_pages
from tests.support import require

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


@pytest.fixture
def vnu():
    require(shutil.which("java") is not None, "Java (for the Nu HTML Checker)")
    require(VNU.exists(), "node_modules/vnu-jar (run npm ci)")

    def check(paths: list[Path]) -> list[dict]:
        command = ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always"]
        result = subprocess.run(
            [*command, "--also-check-css", *map(str, paths)],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stderr)["messages"]

    return check


# A page the checker must reject, so a checker that silently checks nothing fails the test.
CANARY = b"<!DOCTYPE html><html lang=id><title>x</title><p><div></p>"


def rendered_pages(client) -> dict[str, bytes]:
    newsroom = build_newsroom()
    pages = {}
    for name, url in public_pages(newsroom).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        pages[name] = response.content
    request = RequestFactory().get("/pratinjau/")
    pages["preview"] = render_article(request, newsroom["draft"], preview=True).content
    pages["server-error"] = server_error(request).content
    english = Client()
    english.cookies["django_language"] = "en"
    pages["home-english"] = english.get("/").content
    return pages


def test_every_public_page_and_the_stylesheet_are_valid(client, places, frozen, tmp_path, vnu):
    paths = []
    for name, content in {**rendered_pages(client), "canary": CANARY}.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        paths.append(path)
    paths.append(STYLESHEET)
    errors: dict[str, list[str]] = {}
    for message in vnu(paths):
        if message["type"] in ("error", "non-document-error"):
            where = (
                f"{message.get('lastLine')}: {message['message']} {message.get('extract', '')!r}"
            )
            errors.setdefault(Path(message["url"]).stem, []).append(where)
    assert errors.pop("canary")
    assert errors == {}
