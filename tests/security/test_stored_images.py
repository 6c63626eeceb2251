"""What is stored of an upload: a clean new encoding under a random name, of a
bounded size, in an accepted format only; and nothing once no row uses it."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, Image

from articles import images
from articles.models import Article, Journalist
from articles.uploads import MAX_STORED_SIDE
from tests.admin.helpers import change_url, open_form
from tests.imagefiles import image_bytes, upload
from tests.security.test_uploads import journalist_form

GPS = ExifTags.IFD.GPSInfo
# What the camera wrote: where it was, and what it was.
PRIVATE_TAGS = {ExifTags.Base.Make, ExifTags.Base.Model, ExifTags.Base.BodySerialNumber, GPS}


def gps_tagged_jpeg(size=(1200, 800), orientation: int = 1) -> bytes:
    """A camera photo taken in Atambua (9.1° S, 124.9° E) on a Canon EOS 90D."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS 90D"
    exif[ExifTags.Base.BodySerialNumber] = "083021004512"
    exif[ExifTags.Base.Orientation] = orientation
    exif[GPS] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (9.0, 6.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (124.0, 53.0, 36.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_the_test_photo_really_carries_gps_and_the_camera():
    with Image.open(io.BytesIO(gps_tagged_jpeg())) as image:
        exif = image.getexif()
        assert exif[ExifTags.Base.Model] == "Canon EOS 90D"
        assert exif.get_ifd(GPS)[ExifTags.GPS.GPSLatitudeRef] == "S"


def assert_clean(name: str) -> Image.Image:
    with default_storage.open(name) as handle:
        data = handle.read()
    for needle in (b"Canon", b"EOS 90D", b"083021004512", b"GPS"):
        assert needle not in data
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not PRIVATE_TAGS & set(exif)
    assert not exif.get_ifd(GPS)
    assert "xmp" not in image.info
    return image


def post_lead_image(client, article, content: bytes, name: str, **fields):
    data = open_form(client, article)
    data.update(lead_image=upload(name, content), lead_image_alt="Peserta sosialisasi", **fields)
    return client.post(change_url(article), data)


@pytest.fixture
def editor(client, people):
    client.force_login(people["editor"])
    return client


def test_a_lead_image_is_stored_without_location_or_camera(editor, cast):
    response = post_lead_image(editor, cast["draft"], gps_tagged_jpeg(), "IMG_Atambua_Maria.jpg")
    assert response.status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk).lead_image
    assert_clean(stored.name)


def test_a_journalist_photo_is_stored_without_location_or_camera(client, people, reporter):
    client.force_login(people["admin"])
    data = {
        **journalist_form(client, reporter),
        "photo": upload("maria-lado-rumah.jpg", gps_tagged_jpeg((600, 600))),
    }
    response = client.post(reverse("admin:articles_journalist_change", args=[reporter.pk]), data)
    assert response.status_code == 302
    stored = Journalist.objects.get(pk=reporter.pk).photo
    assert stored.name.startswith("journalists/")
    assert_clean(stored.name)


def test_the_orientation_the_camera_recorded_is_applied(editor, cast):
    # Orientation 6: the camera was turned; the pixels are stored upright.
    post_lead_image(editor, cast["draft"], gps_tagged_jpeg((1200, 800), orientation=6), "a.jpg")
    article = Article.objects.get(pk=cast["draft"].pk)
    image = assert_clean(article.lead_image.name)
    assert image.size == (800, 1200)
    assert (article.lead_image_width, article.lead_image_height) == (800, 1200)
    assert ExifTags.Base.Orientation not in image.getexif()


def test_stored_names_and_rendition_names_are_random(editor, cast):
    post_lead_image(editor, cast["draft"], gps_tagged_jpeg(), "Maria_Lado_di_Atambua.jpg")
    post_lead_image(editor, cast["live"], gps_tagged_jpeg(), "Maria_Lado_di_Atambua.jpg")
    first = Article.objects.get(pk=cast["draft"].pk)
    second = Article.objects.get(pk=cast["live"].pk)
    assert first.lead_image.name != second.lead_image.name
    made = images.lead_image_renditions(first)
    names = [
        first.lead_image.name,
        *(r.name for rendition_set in made.values() for r in rendition_set.renditions),
    ]
    assert len(set(names)) == len(names) == 9
    for name in names:
        assert "maria" not in name.lower()
        assert "atambua" not in name.lower()
    assert first.lead_image.name.endswith(".jpg")


def test_a_40_megapixel_photo_is_scaled_down_when_it_is_uploaded(editor, cast):
    buffer = io.BytesIO()
    Image.new("RGB", (7744, 5164), (90, 140, 200)).save(buffer, "JPEG", quality=70)
    response = post_lead_image(editor, cast["draft"], buffer.getvalue(), "besar.jpg")
    assert response.status_code == 302
    article = Article.objects.get(pk=cast["draft"].pk)
    assert (article.lead_image_width, article.lead_image_height) == (MAX_STORED_SIDE, 1600)
    with default_storage.open(article.lead_image.name) as handle, Image.open(handle) as image:
        assert image.size == (MAX_STORED_SIDE, 1600)


def eps_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300)).save(buffer, "EPS")
    return buffer.getvalue()


def xbm_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (400, 300)).save(buffer, "XBM")
    return buffer.getvalue()


REFUSED = {
    # Formats Pillow reads, under their own names: refused by name before they are opened.
    "eps": ("grafik.eps", eps_bytes(), "“.eps”"),
    "xbm": ("ikon.xbm", xbm_bytes(), "“.xbm”"),
    "h5": ("data.h5", b"\x89HDF\r\n\x1a\n" + b"\0" * 400, "“.h5”"),
    "tiff": ("scan.tiff", image_bytes("TIFF", (400, 300)), "“.tiff”"),
    "bmp": ("layar.bmp", image_bytes("BMP", (400, 300)), "“.bmp”"),
    "gif": ("anim.gif", image_bytes("GIF", (400, 300), mode="L"), "“.gif”"),
    # A good JPEG under a name that is not an image's.
    "jpeg-as-eps": ("foto.eps", image_bytes("JPEG", (400, 300)), "“.eps”"),
    # Under an accepted name, the content is what counts.
    "eps-as-jpg": ("grafik.jpg", eps_bytes(), "JPEG"),
    "tiff-as-png": ("scan.png", image_bytes("TIFF", (400, 300)), "TIFF"),
    "bmp-as-webp": ("layar.webp", image_bytes("BMP", (400, 300)), "BMP"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_only_jpeg_png_and_webp_are_stored(editor, cast, case):
    name, content, shown = REFUSED[case]
    response = post_lead_image(editor, cast["draft"], content, name)
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["lead_image"]
    assert shown in message
    assert Article.objects.get(pk=cast["draft"].pk).lead_image.name == ""


@pytest.mark.parametrize(
    ("fmt", "name"), [("PNG", "a.PNG"), ("WEBP", "a.webp"), ("JPEG", "a.jpeg")]
)
def test_each_accepted_format_is_stored_in_its_own_format(editor, cast, fmt, name):
    assert post_lead_image(editor, cast["draft"], image_bytes(fmt), name).status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk).lead_image
    with default_storage.open(stored.name) as handle, Image.open(handle) as image:
        assert image.format == fmt
    assert stored.name.endswith({"PNG": ".png", "WEBP": ".webp", "JPEG": ".jpg"}[fmt])


def test_a_replaced_lead_image_and_its_renditions_are_deleted(
    editor, cast, django_capture_on_commit_callbacks
):
    article = cast["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, article, image_bytes("JPEG", (1600, 900)), "a.jpg")
    old = Article.objects.get(pk=article.pk)
    old_renditions = [
        r.name for s in images.lead_image_renditions(old).values() for r in s.renditions
    ]
    assert all(default_storage.exists(name) for name in old_renditions)

    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, article, image_bytes("PNG", (1600, 900)), "b.png")
    new = Article.objects.get(pk=article.pk)
    assert new.lead_image.name != old.lead_image.name
    assert default_storage.exists(new.lead_image.name)
    assert not default_storage.exists(old.lead_image.name)
    assert not any(default_storage.exists(name) for name in old_renditions)


def test_a_replaced_journalist_photo_is_deleted(
    client, people, reporter, django_capture_on_commit_callbacks
):
    client.force_login(people["admin"])
    url = reverse("admin:articles_journalist_change", args=[reporter.pk])
    names = []
    for _ in range(2):
        data = {**journalist_form(client, reporter), "photo": upload("m.jpg", image_bytes())}
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, data).status_code == 302
        names.append(Journalist.objects.get(pk=reporter.pk).photo.name)
    assert not default_storage.exists(names[0])
    assert default_storage.exists(names[1])


def test_nothing_is_deleted_before_the_save_commits(
    editor, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, cast["draft"], image_bytes(), "a.jpg")
    first = Article.objects.get(pk=cast["draft"].pk).lead_image.name
    with django_capture_on_commit_callbacks(execute=False) as pending:
        post_lead_image(editor, cast["draft"], image_bytes(), "b.jpg")
    # Until the save commits, a rollback would still need the old file.
    assert default_storage.exists(first)
    assert pending


def test_moving_the_focal_point_deletes_the_old_renditions(
    editor, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, cast["draft"], image_bytes("JPEG", (1600, 900)), "a.jpg")
    article = Article.objects.get(pk=cast["draft"].pk)
    before = {r.name for s in images.lead_image_renditions(article).values() for r in s.renditions}
    data = open_form(editor, article)
    data.update(focal_x="0.2")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(change_url(article), data).status_code == 302
    article = Article.objects.get(pk=cast["draft"].pk)
    after = {r.name for s in images.lead_image_renditions(article).values() for r in s.renditions}
    assert before.isdisjoint(after)
    assert not any(default_storage.exists(name) for name in before - after)
    assert all(default_storage.exists(name) for name in after)
    assert default_storage.exists(article.lead_image.name)


def test_a_trashed_article_keeps_its_files_until_it_is_deleted(
    editor, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, cast["live"], image_bytes(), "a.jpg")
    article = Article.objects.get(pk=cast["live"].pk)
    name = article.lead_image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).in_trash
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=article.pk).delete()
    assert not default_storage.exists(name)


def test_a_file_another_row_still_uses_is_kept(editor, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, cast["draft"], image_bytes(), "a.jpg")
    shared = Article.objects.get(pk=cast["draft"].pk).lead_image.name
    Article.objects.filter(pk=cast["live"].pk).update(lead_image=shared)
    with django_capture_on_commit_callbacks(execute=True):
        post_lead_image(editor, cast["draft"], image_bytes(), "b.jpg")
    assert default_storage.exists(shared)


def test_restoring_a_version_whose_image_was_replaced_keeps_the_current_image(
    editor, cast, django_capture_on_commit_callbacks
):
    article = cast["draft"]
    for name in ("a.jpg", "b.jpg"):
        with django_capture_on_commit_callbacks(execute=True):
            post_lead_image(editor, article, image_bytes(), name)
    stored = Article.objects.get(pk=article.pk)
    first = stored.revisions.get(version=2)
    assert not default_storage.exists(first.snapshot["lead_image"])
    url = reverse("admin:articles_article_restore", args=[article.pk, first.version])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"base_version": str(stored.version)}, follow=True)
    assert [str(message) for message in response.context["messages"]][-2:] == [
        f"Versi 2 dipulihkan sebagai versi {stored.version + 1}.",
        "Gambar utama versi 2 sudah diganti lalu dihapus; gambar yang sekarang dipertahankan.",
    ]
    restored = Article.objects.get(pk=article.pk)
    assert restored.lead_image.name == stored.lead_image.name
    assert default_storage.exists(restored.lead_image.name)


def test_images_stored_before_cleaning_are_cleaned_by_a_command(
    cast, reporter, django_capture_on_commit_callbacks
):
    legacy = default_storage.save(
        "articles/2025/01/IMG_Atambua.jpg", ContentFile(gps_tagged_jpeg())
    )
    photo = default_storage.save("journalists/maria-lado.jpg", ContentFile(gps_tagged_jpeg()))
    Article.objects.filter(pk=cast["live"].pk).update(
        lead_image=legacy, lead_image_width=1200, lead_image_height=800
    )
    Journalist.objects.filter(pk=reporter.pk).update(photo=photo)
    out = io.StringIO()
    call_command("clean_stored_images", "--dry-run", stdout=out)
    assert out.getvalue() == "2 stored image(s) would be cleaned.\n"
    assert default_storage.exists(legacy)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_stored_images", stdout=out)
    article = Article.objects.get(pk=cast["live"].pk)
    journalist = Journalist.objects.get(pk=reporter.pk)
    for new, old in ((article.lead_image.name, legacy), (journalist.photo.name, photo)):
        assert_clean(new)
        assert "atambua" not in new.lower() and "maria" not in new.lower()
        assert not default_storage.exists(old)
    assert (article.lead_image_width, article.lead_image_height) == (1200, 800)

    out = io.StringIO()
    call_command("clean_stored_images", stdout=out)
    assert out.getvalue() == "Every stored image is clean: nothing to do.\n"
