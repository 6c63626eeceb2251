"""axe-core finds no accessibility violation on any public page, on a phone
(360 px) or a desktop (1280 px) screen."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from tests.site.pages import build_newsroom, public_pages
from tests.support import require

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.urls("tests.site.browser_urls")


def violations(page) -> list[str]:
    # Evaluated through the browser's debugging protocol, which the page's own
    # Content-Security-Policy (no inline scripts) rightly does not govern.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_violations_on_any_public_page(live_server, page, places, width):
    require(AXE.exists(), "node_modules/axe-core (run npm ci)")
    newsroom = build_newsroom()
    page.set_viewport_size({"width": width, "height": 800})
    found = {}
    for name, url in public_pages(newsroom).items():
        page.goto(live_server.url + url)
        if problems := violations(page):
            found[name] = problems
    assert found == {}


def test_axe_finds_no_violations_on_the_preview_and_error_pages(live_server, page, places):
    require(AXE.exists(), "node_modules/axe-core (run npm ci)")
    from articles.views import render_article
    from newsroom.views import server_error

    newsroom = build_newsroom()
    request = RequestFactory().get("/")
    found = {}
    for name, response in {
        "preview": render_article(request, newsroom["draft"], preview=True),
        "server-error": server_error(request),
    }.items():
        # Served from the live server's origin so the stylesheet loads.
        page.goto(live_server.url + "/robots.txt")
        page.set_content(response.content.decode())
        if problems := violations(page):
            found[name] = problems
    assert found == {}


def test_axe_reports_a_real_violation(live_server, page, db):
    """The check above can fail: an image without a text alternative is caught."""
    require(AXE.exists(), "node_modules/axe-core (run npm ci)")
    page.goto(live_server.url + "/robots.txt")
    page.set_content(
        '<!DOCTYPE html><html lang="id"><title>x</title><main><img src="x.png"></main>'
    )
    assert any(problem.startswith("image-alt") for problem in violations(page))
