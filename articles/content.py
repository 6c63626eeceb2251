"""An article's content: the fields a writer or editor edits, grouped and ordered
as the change form shows them.

The one list. The article form edits them, a revision's snapshot stores them,
the diff and restore walk them, and the admin's fieldsets are these sections
with the admin's own read-only fields added. Status and publication time are
not content: they change only through ``articles.workflow``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from articles.models import Article


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise | None
    # Field names; a tuple shows its fields on one line.
    rows: tuple[str | tuple[str, ...], ...]

    @property
    def fields(self) -> list[str]:
        return [name for row in self.rows for name in (row if isinstance(row, tuple) else (row,))]


SECTIONS = (
    Section("text", None, ("title", "title_derived", "slug", "dek", "summary_points", "body")),
    Section("place", _("Place and topic"), ("dateline_city", "region", "regions", "programs")),
    Section(
        "image",
        _("Lead image"),
        (
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            ("focal_x", "focal_y"),
        ),
    ),
    Section("related", _("Related"), ("related",)),
    Section("publication", _("Publication"), ("editor",)),
    Section(
        "provenance",
        _("Provenance"),
        ("outlet", "original_url", "original_byline", "rights_line"),
    ),
)

# Edited in the form, in the sections' order.
FORM_FIELDS = [name for section in SECTIONS for name in section.fields]
# The byline is content too, edited in its own inline; its order matters.
BYLINE = "reporters"
FIELDS = [*FORM_FIELDS, BYLINE]


def model_field(name: str) -> models.Field:
    return Article._meta.get_field(name)


def is_list(name: str) -> bool:
    """Many-valued: stored in a snapshot as ids."""
    return model_field(name).many_to_many


def is_reference(name: str) -> bool:
    """A foreign key: stored in a snapshot as an id."""
    return model_field(name).many_to_one


def is_file(name: str) -> bool:
    return isinstance(model_field(name), models.FileField)


def related_model(name: str) -> type[models.Model]:
    return model_field(name).related_model
