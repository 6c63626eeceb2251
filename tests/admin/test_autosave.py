"""Nothing typed is lost: one autosave per user and article, offered back, and
forgotten once the article is saved."""

import datetime

from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Autosave
from tests.admin.helpers import change_url, open_form


def autosave_url(article=None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def test_typing_is_kept_in_one_row_per_user_and_article(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    data = open_form(client, draft)
    for body in ("<p>Kalimat pertama.</p>", "<p>Kalimat pertama. Kalimat kedua.</p>"):
        response = client.post(autosave_url(draft), {**data, "body": body})
        assert response.status_code == 204
    kept = Autosave.objects.get()
    assert (kept.user, kept.article) == (people["reporter_a"], draft)
    assert kept.data["body"] == "<p>Kalimat pertama. Kalimat kedua.</p>"
    assert kept.data["base_version"] == "1"
    # The article itself is untouched: an autosave is not a save.
    stored = Article.objects.get(pk=draft.pk)
    assert (stored.body, stored.version, stored.revisions.count()) == ("<p>Draf rahasia.</p>", 1, 0)


def test_the_form_offers_the_text_back_and_restores_it(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    data = open_form(client, draft)
    client.post(autosave_url(draft), {**data, "title": "Judul yang belum disimpan"})

    page = client.get(change_url(draft))
    assert page.context["autosave"]["offer"] is not None
    assert "Pulihkan teks saya" in page.content.decode()
    restored = client.get(change_url(draft) + "?autosave=restore")
    assert restored.context["adminform"].form["title"].value() == "Judul yang belum disimpan"
    assert restored.context["autosave"]["offer"] is None


def test_an_autosave_older_than_the_article_is_not_offered(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    client.post(autosave_url(draft), {"title": "Lama"})
    Autosave.objects.update(saved_at=timezone.now() - datetime.timedelta(days=1))
    assert client.get(change_url(draft)).context["autosave"]["offer"] is None


def test_saving_the_article_forgets_the_autosave(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    data = open_form(client, draft)
    client.post(autosave_url(draft), {**data, "title": "Judul baru"})
    assert client.post(change_url(draft), {**data, "title": "Judul baru"}).status_code == 302
    assert not Autosave.objects.exists()


def test_discarding_forgets_it(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    client.post(autosave_url(draft), {"title": "Buang saja"})
    response = client.post(autosave_url(draft), {"discard": "1"})
    assert response["Location"] == change_url(draft)
    assert not Autosave.objects.exists()


def test_a_new_article_is_kept_too(client, people, places):
    client.force_login(people["editor"])
    assert (
        client.post(autosave_url(), {"title": "Berita baru", "programs": ["", "1"]}).status_code
        == 204
    )
    kept = Autosave.objects.get(article=None)
    assert kept.data == {"title": "Berita baru", "programs": ["1"]}
    page = client.get(reverse("admin:articles_article_add") + "?autosave=restore")
    assert page.context["adminform"].form["title"].value() == "Berita baru"


def test_only_who_may_edit_may_autosave(client, cast, people):
    client.force_login(people["reporter_a"])
    assert client.post(autosave_url(cast["in_review"]), {"title": "x"}).status_code == 403
    client.force_login(people["reporter_b"])
    assert client.post(autosave_url(cast["draft"]), {"title": "x"}).status_code == 404
    assert client.get(autosave_url(cast["draft"])).status_code == 405
    assert not Autosave.objects.exists()
