"""Two people editing one article: nothing is ever silently overwritten."""

import datetime

import time_machine
from django.contrib.admin.sites import site
from django.test import RequestFactory

from articles import workflow
from articles.admin.article import ArticleAdmin, EditConflict
from articles.admin.forms import ArticleAdminForm
from articles.models import Article, Journalist
from tests.admin.helpers import change_url, open_form

OPENED = datetime.datetime(2026, 5, 4, 2, 0, tzinfo=datetime.UTC)
EDITOR_SAVED = datetime.datetime(2026, 5, 4, 2, 7, tzinfo=datetime.UTC)  # 10:07 WITA


def editor_saves_a_new_title(client, people, article) -> None:
    client.force_login(people["editor"])
    data = open_form(client, article)
    data["title"] = "Judul versi editor"
    with time_machine.travel(EDITOR_SAVED, tick=False):
        assert client.post(change_url(article), data).status_code == 302


def test_a_stale_save_is_refused_naming_who_and_when_and_keeping_the_text(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    with time_machine.travel(OPENED, tick=False):
        mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)

    client.force_login(people["reporter_a"])
    mine["title"] = "Judul versi reporter"
    mine["body"] = "<p>Paragraf yang saya tulis dengan susah payah.</p>"
    response = client.post(change_url(draft), mine)

    assert response.status_code == 200
    form = response.context["adminform"].form
    conflict = form.conflict
    assert (conflict.who, conflict.when_wita) == ("Apolonia Matilde", "04/05/2026 10:07 WITA")
    page = response.content.decode()
    assert "Apolonia Matilde" in page
    assert "04/05/2026 10:07 WITA" in page
    # The user's text is still in the form, ready to save again.
    assert form["title"].value() == "Judul versi reporter"
    assert form["body"].value() == "<p>Paragraf yang saya tulis dengan susah payah.</p>"
    # Their version and the user's, side by side, for the field both changed; the body
    # only the user changed is no conflict.
    by_field = {diff.name: diff for diff in conflict.diffs}
    assert set(by_field) == {"title"}
    assert [diff.name for diff in conflict.choices] == ["title"]
    assert [(str(row.left), str(row.right)) for row in by_field["title"].rows] == [
        ("Judul versi <del>editor</del>", "Judul versi <ins>reporter</ins>")
    ]
    # Nothing was overwritten.
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.body, stored.version) == (
        "Judul versi editor",
        "<p>Draf rahasia.</p>",
        2,
    )


def test_saving_again_after_seeing_the_conflict_keeps_the_users_text(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)
    client.force_login(people["reporter_a"])
    mine["title"] = "Judul versi reporter"
    refused = client.post(change_url(draft), mine)
    form = refused.context["adminform"].form
    assert (form["base_version"].value(), form["seen_version"].value()) == ("1", 2)

    mine["seen_version"] = "2"
    assert client.post(change_url(draft), mine).status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.version) == ("Judul versi reporter", 3)
    assert [r.version for r in stored.revisions.all()] == [3, 2, 1]


def test_a_transition_since_the_form_was_opened_changes_no_content(client, cast, people):
    article = cast["in_review"]
    client.force_login(people["editor"])
    mine = open_form(client, article)
    workflow.return_to_draft(article, by=people["admin"], reason="Kurang data.")

    mine["title"] = "Judul baru"
    assert client.post(change_url(article), mine).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status) == ("Judul baru", "draft")


def test_a_workflow_button_on_a_stale_form_does_nothing(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)
    client.force_login(people["reporter_a"])

    response = client.post(change_url(draft), {**mine, "_workflow": "submit"})

    assert response.status_code == 200
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_a_byline_change_on_a_stale_form_keeps_the_other_change(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)
    client.force_login(people["reporter_a"])

    mine["bylines-0-position"] = "5"
    assert client.post(change_url(draft), mine).status_code == 302
    assert draft.bylines.get().position == 5
    assert Article.objects.get(pk=draft.pk).title == "Judul versi editor"


def test_both_changing_the_byline_is_a_conflict(client, cast, people):
    draft = cast["draft"]
    yosef = Journalist.objects.create(name="Yosef Bere", slug="yosef-bere")
    ana = Journalist.objects.create(name="Ana Nahak", slug="ana-nahak")
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    client.force_login(people["editor"])
    theirs = open_form(client, draft)
    assert (
        client.post(change_url(draft), {**theirs, **second_reporter(draft, yosef)}).status_code
        == 302
    )

    client.force_login(people["reporter_a"])
    refused = client.post(change_url(draft), {**mine, **second_reporter(draft, ana)})
    assert refused.status_code == 200
    assert [diff.name for diff in refused.context["adminform"].form.conflict.choices] == [
        "reporters"
    ]


def second_reporter(article, journalist) -> dict:
    return {
        "bylines-TOTAL_FORMS": "2",
        "bylines-1-journalist": str(journalist.pk),
        "bylines-1-position": "1",
        "bylines-1-article": str(article.pk),
    }


def test_two_saves_that_both_passed_validation_cannot_both_win(cast, people):
    """The race ``clean`` cannot see: the version claim in ``save_model`` decides."""
    draft = cast["draft"]
    model_admin = ArticleAdmin(Article, site)
    request = RequestFactory().post("/")
    request.user = people["editor"]

    forms = []
    for title in ("Judul pertama", "Judul kedua"):
        data = {
            "base_version": "1",
            "title": title,
            "slug": draft.slug,
            "focal_x": "0.5",
            "focal_y": "0.5",
        }
        form = ArticleAdminForm(data, instance=Article.objects.get(pk=draft.pk))
        assert form.is_valid(), form.errors
        forms.append(form)

    first, second = forms
    model_admin.save_model(request, first.save(commit=False), first, change=True)
    try:
        model_admin.save_model(request, second.save(commit=False), second, change=True)
    except EditConflict:
        pass
    else:
        raise AssertionError("the second save must lose")
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.version) == ("Judul pertama", 2)


def test_a_save_that_loses_the_race_is_shown_the_conflict(client, cast, people, monkeypatch):
    """If another save lands between validation and saving, the form comes back."""
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)

    real_check = ArticleAdminForm._check_version
    calls = []

    def blind_first_time(form, cleaned):
        calls.append(1)
        if len(calls) > 1:
            real_check(form, cleaned)

    monkeypatch.setattr(ArticleAdminForm, "_check_version", blind_first_time)
    client.force_login(people["reporter_a"])
    mine["title"] = "Judul versi reporter"
    response = client.post(change_url(draft), mine)

    assert len(calls) == 2
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict.who == "Apolonia Matilde"
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.title, stored.version) == ("Judul versi editor", 2)
    assert [r.created_by for r in stored.revisions.filter(version=2)] == [people["editor"]]


# Merging field by field --------------------------------------------------------------


def two_editors_open(client, people, article):
    client.force_login(people["editor"])
    first = open_form(client, article)
    client.force_login(people["admin"])
    second = open_form(client, article)
    return first, second


def test_changes_to_different_fields_are_merged(client, cast, people):
    article = cast["in_review"]
    first, second = two_editors_open(client, people, article)
    client.force_login(people["editor"])
    first["dek"] = "Dek baru dari editor pertama."
    assert client.post(change_url(article), first).status_code == 302

    client.force_login(people["admin"])
    second["body"] = "<p>Isi baru dari editor kedua.</p>"
    response = client.post(change_url(article), second, follow=True)
    said = {m.level_tag: str(m) for m in response.context["messages"]}
    assert "subjudul" in said["info"]
    stored = Article.objects.get(pk=article.pk)
    assert (stored.dek, stored.body) == (
        "Dek baru dari editor pertama.",
        "<p>Isi baru dari editor kedua.</p>",
    )

    # Saving again from the form the second editor now has keeps both.
    again = open_form(client, article)
    again["body"] = "<p>Isi baru dari editor kedua, dirapikan.</p>"
    assert client.post(change_url(article), again).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.dek == "Dek baru dari editor pertama."


def test_saving_the_stale_form_twice_never_reverts_the_other_change(client, cast, people):
    article = cast["in_review"]
    first, second = two_editors_open(client, people, article)
    client.force_login(people["editor"])
    first["dek"] = "Dek baru dari editor pertama."
    client.post(change_url(article), first)

    client.force_login(people["admin"])
    second["body"] = "<p>Isi baru.</p>"
    client.post(change_url(article), second)
    # The same old form again (the browser's back button): its own first save now counts
    # as someone else's change to the body, so it asks; the dek is never reverted.
    second["body"] = "<p>Isi baru lagi.</p>"
    assert client.post(change_url(article), second).status_code == 200
    stored = Article.objects.get(pk=article.pk)
    assert (stored.dek, stored.body) == ("Dek baru dari editor pertama.", "<p>Isi baru.</p>")


def both_change_the_title(client, people, article):
    first, second = two_editors_open(client, people, article)
    client.force_login(people["editor"])
    first["title"] = "Judul editor pertama"
    first["dek"] = "Dek editor pertama."
    client.post(change_url(article), first)
    client.force_login(people["admin"])
    second["title"] = "Judul editor kedua"
    second["body"] = "<p>Isi editor kedua.</p>"
    refused = client.post(change_url(article), second)
    assert refused.status_code == 200
    conflict = refused.context["adminform"].form.conflict
    assert [diff.name for diff in conflict.choices] == ["title"]
    assert conflict.kept == ["subjudul"]
    second["seen_version"] = str(refused.context["adminform"].form["seen_version"].value())
    return second


def test_a_field_both_changed_is_saved_as_the_user_chooses_theirs(client, cast, people):
    article = cast["in_review"]
    second = both_change_the_title(client, people, article)
    assert client.post(change_url(article), {**second, "keep_theirs": "title"}).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.dek, stored.body) == (
        "Judul editor pertama",
        "Dek editor pertama.",
        "<p>Isi editor kedua.</p>",
    )


def test_a_field_both_changed_is_saved_as_the_user_chooses_mine(client, cast, people):
    article = cast["in_review"]
    second = both_change_the_title(client, people, article)
    assert client.post(change_url(article), second).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.dek) == ("Judul editor kedua", "Dek editor pertama.")
    # Both texts are in the history.
    titles = {revision.snapshot["title"] for revision in stored.revisions.all()}
    assert {"Judul editor pertama", "Judul editor kedua"} <= titles


def test_a_workflow_button_after_seeing_the_changes_runs(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    mine = open_form(client, draft)
    editor_saves_a_new_title(client, people, draft)
    client.force_login(people["reporter_a"])
    refused = client.post(change_url(draft), {**mine, "_workflow": "submit"})
    assert [diff.name for diff in refused.context["adminform"].form.conflict.diffs] == ["title"]
    mine["seen_version"] = str(refused.context["adminform"].form["seen_version"].value())
    assert client.post(change_url(draft), {**mine, "_workflow": "submit"}).status_code == 302
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.status, stored.title) == ("in_review", "Judul versi editor")
