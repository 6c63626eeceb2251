"""Edit conflicts: who saved an article after this user opened it, and how their
text differs from this user's."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from articles.models import Article, ArticleEvent, Revision
from articles.revisions import FieldDiff, changed_fields, compare_snapshots
from newsroom.wita import format_wita


@dataclass
class Conflict:
    """Someone saved the article after this form was opened."""

    who: str
    when: datetime.datetime | None
    diffs: list[FieldDiff]

    @property
    def when_wita(self) -> str:
        return format_wita(self.when) if self.when else ""


def describe_conflict(
    current: Article, *, base: int, snapshots: tuple[dict[str, Any], dict[str, Any]]
) -> Conflict:
    """Who wrote the newest change after version ``base``, and how theirs differs from yours."""
    theirs, yours = snapshots
    latest_revision = (
        Revision.objects.filter(article=current, version__gt=base)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )
    latest_event = (
        ArticleEvent.objects.filter(article=current, version__gt=base)
        .select_related("actor")
        .order_by("-version")
        .first()
    )
    newest = max(
        (row for row in (latest_revision, latest_event) if row is not None),
        key=lambda row: row.version,
        default=None,
    )
    if newest is None:
        who, when = _("Someone"), current.updated_at
    else:
        user = newest.created_by if isinstance(newest, Revision) else newest.actor
        who = _display_user(user)
        when = newest.created_at
    diffs = compare_snapshots(theirs, yours, fields=changed_fields(theirs, yours))
    return Conflict(who=who, when=when, diffs=diffs)


def _display_user(user) -> str:
    if user is None:
        return _("Someone")
    journalist = getattr(user, "journalist", None)
    return journalist.name if journalist else (user.get_full_name() or user.get_username())
