"""Edit conflicts, merged field by field.

When someone saved an article after this user opened it, each content field is
one of: changed by neither, by one of them (that change is kept, whoever made
it), or by both differently. Only the last is a conflict: both texts are shown
side by side and the user chooses, field by field. What the user opened is
read from the revisions (every content change records one).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from articles.models import Article, ArticleEvent, Revision
from articles.revisions import DIFF_ORDER, FieldDiff, compare_snapshots, field_label, snapshot
from newsroom.wita import format_wita


@dataclass
class Conflict:
    """Someone saved the article after this form was opened."""

    who: str
    when: datetime.datetime | None
    # What they changed that the user must see: theirs on the left, yours on the right.
    diffs: list[FieldDiff]
    # The fields both changed, for the user to choose.
    choices: list[FieldDiff] = field(default_factory=list)
    # The labels of the fields only they changed: their values are kept.
    kept: list[str] = field(default_factory=list)

    @property
    def when_wita(self) -> str:
        return format_wita(self.when) if self.when else ""


@dataclass
class Merge:
    # They changed it and you did not: their value stays.
    theirs: list[str]
    # You both changed it, to different values: you choose.
    both: list[str]


def opened_content(article: Article, version: int) -> dict[str, Any]:
    """The content as it was at ``version``: the newest revision at or before it; or,
    when the first revision came later, that one (nothing changed before it)."""
    revisions = Revision.objects.filter(article=article)
    opened = revisions.filter(version__lte=version).order_by("-version").first()
    opened = opened or revisions.order_by("version").first()
    return opened.snapshot if opened is not None else snapshot(article)


def merge(opened: dict[str, Any], theirs: dict[str, Any], yours: dict[str, Any]) -> Merge:
    theirs_only, both = [], []
    for name in DIFF_ORDER:
        they_changed = theirs.get(name) != opened.get(name)
        you_changed = yours.get(name) != opened.get(name)
        if they_changed and not you_changed:
            theirs_only.append(name)
        elif they_changed and you_changed and theirs.get(name) != yours.get(name):
            both.append(name)
    return Merge(theirs=theirs_only, both=both)


def describe_conflict(
    current: Article,
    *,
    base: int,
    snapshots: tuple[dict[str, Any], dict[str, Any]],
    merged: Merge,
    shown: list[str],
) -> Conflict:
    """Who wrote the newest change after version ``base``, and how theirs differs from
    yours in the fields ``shown``."""
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
    diffs = compare_snapshots(theirs, yours, fields=shown)
    choices = [diff for diff in diffs if diff.name in merged.both]
    kept = [field_label(name) for name in merged.theirs]
    return Conflict(who=who, when=when, diffs=diffs, choices=choices, kept=kept)


def _display_user(user) -> str:
    if user is None:
        return _("Someone")
    journalist = getattr(user, "journalist", None)
    return journalist.name if journalist else (user.get_full_name() or user.get_username())
