"""Hostile uploads through the admin: too big, not an image, or a decompression
bomb. Each is refused with a message, and nothing reaches storage."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from articles.models import Article, Journalist
from tests.admin.helpers import change_url, open_form
from tests.imagefiles import image_bytes, png_claiming, upload


def oversized_jpeg() -> bytes:
    """A real JPEG padded past 15 MB (bytes after the end marker are ignored by decoders)."""
    return image_bytes("JPEG", (800, 600)) + b"\0" * (15 * 1024 * 1024)


HOSTILE = {
    # name: (file name, bytes, error code in the message)
    "too-big": ("besar.jpg", oversized_jpeg(), "15"),
    "html-as-jpeg": ("foto.jpg", b"<html><script>alert(1)</script></html>", "JPEG"),
    "svg-with-script": (
        "logo.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "JPEG",
    ),
    "gif": ("anim.jpg", image_bytes("GIF", (400, 400), mode="L"), "GIF"),
    "bomb": ("bom.png", png_claiming(50_000, 50_000), "megapiksel"),
    "pixel-flood": ("banjir.png", png_claiming(8_000, 6_000), "megapiksel"),
    "truncated": ("potong.jpg", image_bytes("JPEG", (800, 600))[:600], "rusak"),
}


def stored_files() -> set[str]:
    found = set()

    def walk(folder: str) -> None:
        if not default_storage.exists(folder):
            return
        folders, files = default_storage.listdir(folder)
        found.update(f"{folder}/{name}" for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}")

    for top in ("articles", "journalists"):
        walk(top)
    return found


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor"])
    return client


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_lead_image_is_refused(editor_client, cast, case):
    name, content, shown = HOSTILE[case]
    before = stored_files()
    data = open_form(editor_client, cast["draft"])
    data.update(lead_image=upload(name, content), lead_image_alt="Foto")
    response = editor_client.post(change_url(cast["draft"]), data)
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["lead_image"]
    assert shown in message
    assert Article.objects.get(pk=cast["draft"].pk).lead_image.name == ""
    assert stored_files() == before


def journalist_form(client, journalist: Journalist) -> dict:
    response = client.get(reverse("admin:articles_journalist_change", args=[journalist.pk]))
    form = response.context["adminform"].form
    return {
        "name": form["name"].value(),
        "slug": form["slug"].value(),
        "bio": form["bio"].value(),
        "user": form["user"].value() or "",
    }


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_journalist_photo_is_refused(editor_client, people, reporter, case):
    name, content, shown = HOSTILE[case]
    editor_client.force_login(people["admin"])
    before = stored_files()
    data = {**journalist_form(editor_client, reporter), "photo": upload(name, content)}
    response = editor_client.post(
        reverse("admin:articles_journalist_change", args=[reporter.pk]), data
    )
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["photo"]
    assert shown in message
    assert Journalist.objects.get(pk=reporter.pk).photo.name == ""
    assert stored_files() == before


def test_a_good_journalist_photo_is_stored(client, people, reporter):
    client.force_login(people["admin"])
    data = {**journalist_form(client, reporter), "photo": upload("maria.jpg", image_bytes())}
    response = client.post(reverse("admin:articles_journalist_change", args=[reporter.pk]), data)
    assert response.status_code == 302
    stored = Journalist.objects.get(pk=reporter.pk).photo
    assert stored.name.startswith("journalists/")
    with stored.open("rb") as handle:
        assert io.BytesIO(handle.read()).getbuffer().nbytes > 0
