"""The Content-Security-Policy is strict, and the site and the admin still work under it."""

import pytest

from tests.e2e.test_workflow_editorial import editorial_groups  # noqa: F401

PUBLIC_PAGES = ["/", "/wilayah/belu/", "/program/jkk/", "/arsip/", "/cari/?q=desa"]


@pytest.fixture
def watched(page):
    """The page, with every CSP violation the browser reports collected."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return page, violations


def test_public_pages_break_no_rule_of_the_policy(live_server, watched, cast):
    page, violations = watched
    for url in [*PUBLIC_PAGES, cast["live"].get_absolute_url()]:
        response = page.goto(live_server.url + url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert violations == []


def test_the_admin_works_under_the_policy(live_server, watched, cast, people):
    page, violations = watched
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("#login-form input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + f"/admin/articles/article/{cast['draft'].pk}/change/")
    # The rich-text editor is a script: it only appears if the policy let it run.
    page.locator(".ProseMirror").first.wait_for(state="attached", timeout=10_000)
    page.goto(live_server.url + "/admin/articles/article/")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator(".ProseMirror").first.wait_for(state="attached", timeout=10_000)
    assert violations == []
