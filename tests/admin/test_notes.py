"""Internal notes: written on the article, seen by the newsroom, never by readers."""

from django.urls import reverse

from articles import preview
from articles.models import Note
from tests.admin.helpers import change_url

SECRET_NOTE = "Narasumber minta namanya tidak ditulis."


def note_url(article) -> str:
    return reverse("admin:articles_article_note", args=[article.pk])


def test_a_reporter_and_the_desk_talk_on_the_article(client, cast, people):
    draft = cast["draft"]
    client.force_login(people["reporter_a"])
    response = client.post(note_url(draft), {"note-text": SECRET_NOTE})
    assert response["Location"] == change_url(draft) + "#notes"

    client.force_login(people["editor"])
    page = client.get(change_url(draft))
    notes = page.context["workflow"]["notes"]
    assert [(note.text, note.author) for note in notes] == [(SECRET_NOTE, people["reporter_a"])]
    assert SECRET_NOTE in page.content.decode()
    history = client.get(reverse("admin:articles_article_history", args=[draft.pk]))
    assert SECRET_NOTE in history.content.decode()


def test_a_note_is_never_public(client, cast, people):
    live = cast["live"]
    Note.objects.create(article=live, text=SECRET_NOTE, author=people["editor"])
    draft = cast["draft"]
    Note.objects.create(article=draft, text=SECRET_NOTE, author=people["editor"])
    link = preview.create_link(draft, by=people["editor"])
    for url in [
        live.get_absolute_url(),
        "/",
        "/feed/",
        "/wilayah/belu/",
        reverse("articles:preview", args=[preview.token_for(link)]),
    ]:
        assert SECRET_NOTE not in client.get(url).content.decode(), url


def test_only_those_who_see_the_article_write_on_it(client, cast, people):
    client.force_login(people["reporter_b"])
    assert client.post(note_url(cast["draft"]), {"note-text": "x"}).status_code == 404
    client.force_login(people["reporter_a"])
    assert client.get(note_url(cast["draft"])).status_code == 405
    client.post(note_url(cast["draft"]), {"note-text": "   "})
    assert not Note.objects.exists()
