"""Lead-image uploads: Pillow decides, with a clear message for every bad file."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from articles import validators
from articles.models import Article
from tests.admin.helpers import change_url, open_form
from tests.imagefiles import image_bytes, png_claiming, upload


def rejection(content: bytes, name: str = "foto.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        validators.validate_image_upload(upload(name, content))
    return refused.value


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_jpeg_png_and_webp_are_accepted(fmt, name):
    image = validators.validate_image_upload(upload(name, image_bytes(fmt)))
    assert (image.format, image.size) == (fmt, (640, 360))


@pytest.mark.parametrize(("fmt", "shown"), [("GIF", "GIF"), ("BMP", "BMP"), ("TIFF", "TIFF")])
def test_other_image_formats_are_refused(fmt, shown):
    error = rejection(image_bytes(fmt), name="foto.jpg")
    assert error.code == "format"
    assert error.message == (f"{shown} images are not accepted; upload a JPEG, PNG or WebP file.")


@pytest.mark.parametrize(
    "content",
    [
        b"Ini bukan gambar, hanya teks.",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"",
    ],
    ids=["text", "svg-with-script", "pdf", "empty"],
)
def test_files_that_merely_claim_to_be_images_are_refused(content):
    error = rejection(content, name="foto.png")
    assert error.code == "not_an_image"
    assert error.message == "This file is not a JPEG, PNG or WebP image, whatever its name says."


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_files_are_refused(fmt):
    whole = image_bytes(fmt, size=(800, 600))
    error = rejection(whole[: len(whole) * 2 // 3])
    assert error.code == "damaged"
    assert error.message.startswith("The image is damaged or incomplete (")
    assert error.message.endswith("). Upload the original file.")


def test_a_decompression_bomb_is_refused_from_its_header():
    # 50,000 × 50,000 pixels claimed in a file of a few dozen bytes.
    error = rejection(png_claiming(50_000, 50_000), name="bom.png")
    assert error.code == "too_many_pixels"
    assert error.message == "The image has too many pixels (the limit is 40 megapixels)."


def test_more_pixels_than_the_newsroom_limit_is_refused_below_pillows_own():
    error = rejection(png_claiming(8_000, 6_000), name="besar.png")
    assert error.code == "too_many_pixels"


def test_a_file_over_the_byte_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(validators, "MAX_IMAGE_BYTES", 1024)
    content = image_bytes("PNG", size=(640, 640))
    assert len(content) > 1024
    error = rejection(content, name="besar.png")
    assert error.code == "too_large"
    assert error.message.startswith("The image is ")
    assert error.message.endswith("; the limit is 1.0\xa0KB. Export it smaller and try again.")


def test_a_tiny_image_is_refused():
    error = rejection(image_bytes("JPEG", size=(150, 120)))
    assert error.code == "too_small"
    assert error.message == "The image is 150×120 pixels; each side needs at least 200."


def upload_through_admin(client, article, content: bytes, name: str):
    data = open_form(client, article)
    data["lead_image"] = upload(name, content)
    data["lead_image_alt"] = "Peserta sosialisasi BPJS Ketenagakerjaan di Atambua"
    return client.post(change_url(article), data)


def test_the_admin_shows_the_message_and_keeps_the_article(client, cast, people):
    client.force_login(people["reporter_a"])
    response = upload_through_admin(client, cast["draft"], b"GIF89a palsu", "foto.jpg")
    assert response.status_code == 200
    # The admin speaks Indonesian by default.
    assert response.context["adminform"].form.errors["lead_image"] == [
        "Berkas ini bukan gambar JPEG, PNG, atau WebP, apa pun namanya."
    ]
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.lead_image.name, stored.version) == ("", 1)


def test_a_good_image_is_stored_with_its_size(client, cast, people):
    client.force_login(people["reporter_a"])
    response = upload_through_admin(
        client, cast["draft"], image_bytes("WEBP", (1200, 675)), "a.webp"
    )
    assert response.status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert stored.lead_image.name.startswith("articles/")
    assert stored.lead_image.name.endswith(".webp")
    assert (stored.lead_image_width, stored.lead_image_height) == (1200, 675)


def test_the_focal_point_is_set_in_the_form(client, cast, people):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    data.update(focal_x="0.25", focal_y="0.8")
    assert client.post(change_url(cast["draft"]), data).status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.focal_x, stored.focal_y) == (0.25, 0.8)


@pytest.mark.parametrize(("x", "y"), [("1.5", "0.5"), ("0.5", "-0.1")])
def test_a_focal_point_outside_the_image_is_refused(client, cast, people, x, y):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    data.update(focal_x=x, focal_y=y)
    response = client.post(change_url(cast["draft"]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Article.objects.get(pk=cast["draft"].pk).focal_x == 0.5
