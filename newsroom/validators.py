"""Checks shared by the apps' models."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_text_list(value: Any) -> list[str]:
    """A JSON list field (aliases, summary points) as the system can use it: texts
    only, each trimmed to single spaces, no empty ones, none twice (ignoring case).

    Raises ``ValidationError`` naming the first entry that is not a text, or the
    first one listed twice.
    """
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError(
            _('Enter a list of texts in square brackets, e.g. ["Atambua", "Kota Atambua"].'),
            code="not_a_list",
        )
    cleaned: list[str] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            raise ValidationError(
                _("Every entry must be a text in double quotes; %(item)s is not.")
                % {"item": json.dumps(item, ensure_ascii=False)},
                code="not_text",
            )
        text = " ".join(item.split())
        if not text:
            continue
        if text.casefold() in seen:
            raise ValidationError(
                _("“%(item)s” is in the list twice.") % {"item": text}, code="duplicate"
            )
        seen.add(text.casefold())
        cleaned.append(text)
    return cleaned
