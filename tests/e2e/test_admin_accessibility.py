"""axe-core finds no colour or contrast problem on the newsroom's own admin pages, as
a reporter and as an editor, on a phone (360 px) and a desktop (1280 px) screen.

Only axe's colour rules: Django's admin widgets (select2, inline tables, the rich
text editor) break some of axe's other rules, which the reader site passes whole."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from articles import workflow
from articles.models import Assignment, Autosave, Note
from tests.e2e.test_reader_accessibility import AXE
from tests.support import require

COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def colour_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (rules) => await axe.run(document, {runOnly: rules, resultTypes: ['violations']})",
        COLOUR_RULES,
    )
    return [
        f"{violation['id']}: {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


@pytest.fixture(autouse=True)
def editorial_groups(transactional_db):
    migration = importlib.import_module("articles.migrations.0002_editorial_groups")
    migration.create_groups(apps, None)


@pytest.fixture
def desk_pages(cast, people, places, reporter):
    draft = cast["draft"]
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="Kurang data.")
    Note.objects.create(article=draft, text="Cek nama kepala desa.", author=people["editor"])
    Assignment.objects.create(
        slug_line="Banjir di Malaka",
        region=places["malaka"],
        reporter=reporter,
        due_at=timezone.now() + datetime.timedelta(hours=3),
    )
    for user in (people["editor"], people["reporter_a"]):
        Autosave.objects.create(user=user, article=draft, data={"title": "Belum disimpan"})
    change = f"/admin/articles/article/{draft.pk}/change/"
    return {
        "reporter_a": {
            "dashboard": "/admin/",
            "my articles": "/admin/articles/article/?queue=mine",
            "returned": f"/admin/articles/article/{cast['in_review'].pk}/change/",
            "change form": change,
            "history": f"/admin/articles/article/{draft.pk}/history/",
            "planning": "/admin/articles/assignment/planning/",
        },
        "editor": {
            "dashboard": "/admin/",
            "article list": "/admin/articles/article/",
            "review queue": "/admin/articles/article/?queue=review",
            "change form": change,
            "add form": "/admin/articles/article/add/",
            "history": f"/admin/articles/article/{draft.pk}/history/",
            "planning": "/admin/articles/assignment/planning/",
            "assignments": "/admin/articles/assignment/",
        },
    }


@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_colour_problem_on_the_newsroom_admin_pages(
    browser, live_server, desk_pages, width
):
    require(AXE.exists(), "node_modules/axe-core (run npm ci)")
    found = {}
    for username, pages in desk_pages.items():
        context = browser.new_context(locale="id-ID", viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw")
        page.click("#login-form input[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        for name, url in pages.items():
            page.goto(live_server.url + url)
            if problems := colour_violations(page):
                found[f"{username}: {name}"] = problems
        context.close()
    assert found == {}, "\n".join(f"{page}: {problems}" for page, problems in found.items())
