"""Stored images: cleaned on the way in, named at random, deleted when unused.

Every image field of the project is a ``CleanImageField``. Whatever stores a
file through it (the admin, a command, a shell) stores a new encoding of the
pixels, never the uploaded bytes: the orientation is applied, EXIF, XMP, IPTC
and text chunks (GPS position, camera make and model, serial numbers, the
software, the author) are left behind, and an image larger than
``MAX_STORED_SIDE`` is scaled down so that no later render decodes more than a
few megapixels. The stored name is random: nothing of the uploaded name, which
often carries a person's or a place's name, reaches the public URL.

A file that no row uses any more is deleted once the change that released it
commits (``articles.signals``): a replaced lead image or photo at once, an
article's files when the article itself is deleted. Moving an article to the
trash changes no file, so its files stay as long as it is in the trash.
"""

import functools
import io
import re
import secrets
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

from articles.validators import validate_image_extension, validate_image_upload

# Renditions are at most 1,200 px wide; twice that leaves room for any crop.
MAX_STORED_SIDE = 2400
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 90, "method": 4},
}
# The base name ``RandomName`` gives: a file stored since uploads are cleaned.
CLEAN_NAME = re.compile(r"[0-9a-f]{32}\.(?:jpg|png|webp)")
# What an encoder needs to write the pixels back as they are; nothing else is kept.
KEPT_INFO = ("transparency",)


@deconstructible
class RandomName:
    """``upload_to``: a random name under ``folder`` (``strftime`` codes allowed),
    with the extension of the name the cleaned file was given."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower()
        return f"{timezone.now().strftime(self.folder)}{secrets.token_hex(16)}{extension}"


def clean_image(content) -> tuple[ContentFile, str]:
    """A new encoding of an uploaded image, without its metadata; and its format.

    Raises ``ValidationError`` for anything ``validate_image_upload`` refuses.
    """
    image = validate_image_upload(content, reduce_to=(MAX_STORED_SIDE, MAX_STORED_SIDE))
    fmt = image.format
    icc_profile = image.info.get("icc_profile")
    ImageOps.exif_transpose(image, in_place=True)
    image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    options = dict(ENCODER_OPTIONS[fmt])
    if icc_profile:
        options["icc_profile"] = icc_profile  # colour, not private: kept so colours stay right
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    # Named, so that the dimension fields are read from this file, not the storage.
    return ContentFile(buffer.getvalue(), name=f"image.{EXTENSIONS[fmt]}"), fmt


class CheckedImageField(forms.ImageField):
    """The form side, which every image upload in the admin uses (a ``CleanImageField``'s
    form field): ``validate_image_upload``'s checks, with its clear messages."""

    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_extension(upload)
        # The decoded pixels are not kept: the file is decoded again, cleaned, when stored.
        fmt = validate_image_upload(upload, reduce_to=(MAX_STORED_SIDE, MAX_STORED_SIDE)).format
        upload.content_type = MIME_TYPES[fmt]
        return upload


class CleanImageFieldFile(models.fields.files.ImageFieldFile):
    def save(self, name, content, save=True):
        cleaned, _ = clean_image(content)
        super().save(cleaned.name, cleaned, save)


class CleanImageField(models.ImageField):
    """An ``ImageField`` that stores only cleaned images under random names."""

    attr_class = CleanImageFieldFile

    def __init__(self, *args, folder: str = "", **kwargs) -> None:
        kwargs.setdefault("upload_to", RandomName(folder))
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageField, **kwargs})


class RemembersStoredFiles:
    """A model mixin: each loaded row remembers its stored file names (``stored_names``),
    so that a save can tell which file it released."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_files = stored_names(instance)
        return instance


def image_fields():
    """Every (model, field) that stores images, in every installed app."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, CleanImageField):
                yield model, field


@functools.cache
def image_attnames(model) -> tuple[str, ...]:
    return tuple(
        field.attname for field in model._meta.get_fields() if isinstance(field, CleanImageField)
    )


def stored_names(instance) -> dict[str, str]:
    """The file names ``instance`` was loaded or last saved with, by field name;
    a field that was not loaded (deferred) is left out."""
    loaded = instance.__dict__
    return {
        name: str(loaded[name] or "") for name in image_attnames(type(instance)) if name in loaded
    }


def is_used(name: str) -> bool:
    """Whether any row of any model still points at the stored file ``name``."""
    return any(
        model._default_manager.filter(**{field.name: name}).exists()
        for model, field in image_fields()
    )


def released_names(instance, *, deleted: bool = False, update_fields=None) -> list[str]:
    """The stored files ``instance`` pointed at and no longer does, after a save
    (or all of them, after a delete); the remembered names are brought up to date."""
    before = getattr(instance, "_stored_files", {})
    now = stored_names(instance)
    if deleted:
        return [name for name in {*before.values(), *now.values()} if name]
    if update_fields is not None:
        now = {field: name for field, name in now.items() if field in update_fields}
    instance._stored_files = {**before, **now}
    return [name for field, name in before.items() if name and now.get(field, name) != name]


def stored_before_cleaning():
    """(model, field, queryset) of the rows whose file was stored as uploaded,
    before uploads were cleaned (its name is not a ``RandomName``)."""
    for model, field in image_fields():
        rows = model._default_manager.exclude(**{field.name: ""}).order_by("pk")
        names = rows.values_list("pk", field.name)
        pks = [pk for pk, name in names if not CLEAN_NAME.fullmatch(PurePosixPath(name).name)]
        yield model, field, rows.filter(pk__in=pks)


@transaction.atomic
def clean_stored(instance, field) -> str:
    """Store ``instance``'s file in ``field`` again, cleaned and renamed, as an
    upload is; the old file is deleted once this commits. Returns the new name."""
    stored = getattr(instance, field.attname)
    with stored.open("rb") as handle:
        content = ContentFile(handle.read(), name=stored.name)
    stored.save(stored.name, content, save=False)
    dimensions = [name for name in (field.width_field, field.height_field) if name]
    instance.save(update_fields=[field.attname, *dimensions])
    return stored.name


def delete_if_unused(name: str) -> bool:
    """Delete the stored file ``name`` unless a row still uses it."""
    if not name or is_used(name):
        return False
    default_storage.delete(name)
    return True
