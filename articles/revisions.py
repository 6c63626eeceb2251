"""Revisions: snapshots of an article's content, readable diffs, and restore.

A snapshot holds the content fields only (what a writer or editor edits), not
the status or publication time, which change through ``articles.workflow``.
Related objects are stored by id, so a snapshot can be restored exactly;
they are shown by name when diffed.
"""

import difflib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles import content
from articles.models import (
    Article,
    ArticleReporter,
    Journalist,
    PreviousSlug,
    ProgramTag,
    Revision,
)
from regions.models import Region

REFERENCES = [name for name in content.FIELDS if content.is_reference(name)]
# The byline first: it is what readers see of the lists.
LISTS = [content.BYLINE, *(n for n in content.FORM_FIELDS if content.is_list(n))]
# The diff shows single values first, then the lists.
DIFF_ORDER = [*(name for name in content.FIELDS if name not in LISTS), *LISTS]


class StaleVersion(Exception):
    """Someone saved the article after the caller read it."""


class RestoreRefused(Exception):
    """A revision cannot be put back as it is; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def snapshot(article: Article) -> dict[str, Any]:
    """The content of ``article`` as stored now (a query per many-valued field)."""
    lists = {
        name: getattr(article, name).values_list("pk", flat=True)
        for name in LISTS
        if name != content.BYLINE
    }
    lists[content.BYLINE] = article.bylines.order_by("position", "id").values_list(
        "journalist_id", flat=True
    )
    return content_snapshot(article, **lists)


def content_snapshot(article: Article, **lists: Iterable[int]) -> dict[str, Any]:
    """``snapshot`` from the ids of each many-valued field (``LISTS``) that the caller
    already has (no query): the byline in its order, the others in any order."""
    data: dict[str, Any] = {}
    for name in content.FIELDS:
        if name == content.BYLINE:
            data[name] = list(lists[name])
        elif name in LISTS:
            data[name] = sorted(lists[name])
        elif name in REFERENCES:
            data[name] = getattr(article, f"{name}_id")
        elif content.is_file(name):
            data[name] = getattr(article, name).name or ""
        else:
            data[name] = getattr(article, name)
    return data


def record_revision(article: Article, *, by, note: str = "") -> Revision:
    """Store the article's current content under its current version."""
    return Revision.objects.create(
        article=article,
        version=article.version,
        snapshot=snapshot(article),
        note=note,
        created_by=by if by is not None and by.is_authenticated else None,
    )


@transaction.atomic
def record_baseline(article: Article) -> Revision | None:
    """Before the first admin save of an article made elsewhere (import, fixtures),
    keep its stored content as a revision, so the first edit can be compared and undone.

    Takes the article's row lock first: of two saves racing to record the same
    baseline, the second waits, then finds it recorded (and loses the version claim).
    """
    if article.pk is None:
        return None
    stored = Article.objects.select_for_update().get(pk=article.pk)
    if stored.revisions.exists():
        return None
    return Revision.objects.create(
        article=stored,
        version=stored.version,
        snapshot=snapshot(stored),
        note=_("As stored before the first edit in the admin"),
    )


def claim_version(article: Article, *, expected: int) -> int:
    """Atomically move ``article`` from version ``expected`` to the next one.

    A single ``UPDATE … WHERE version = expected``: of two saves that started
    from the same version, exactly one wins; the other gets ``StaleVersion``.
    """
    claimed = Article.objects.filter(pk=article.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleVersion
    article.version = expected + 1
    return article.version


@transaction.atomic
def restore_revision(revision: Revision, *, by, expected_version: int) -> Revision:
    """Put a revision's content back as a new revision; the status is left alone.

    A file the revision names that has been deleted since (a replaced image)
    is not put back: the current one stays. Raises ``RestoreRefused`` when the
    revision's slug now belongs to another article.
    """
    claim_version(revision.article, expected=expected_version)
    # Read the row again under the write lock the claim took, so nothing stale is saved.
    article = Article.objects.get(pk=revision.article_id)
    data = revision.snapshot
    check_slug_free(article, data.get("slug", article.slug), revision)
    for name in content.FORM_FIELDS:
        if name not in data or content.is_list(name):
            continue
        if content.is_file(name):
            if not data[name] or default_storage.exists(data[name]):
                setattr(article, name, data[name])
        elif content.is_reference(name):
            pk = data[name]
            exists = content.related_model(name).objects.filter(pk=pk).exists()
            setattr(article, f"{name}_id", pk if exists else None)
        else:
            setattr(article, name, data[name])
    article.save()
    article.regions.set(Region.objects.filter(pk__in=data.get("regions", [])))
    article.programs.set(list(ProgramTag.objects.filter(pk__in=data.get("programs", []))))
    article.related.set(
        Article.objects.filter(pk__in=data.get("related", [])).exclude(pk=article.pk)
    )
    restore_byline(article, data.get("reporters", []))
    return record_revision(
        article, by=by, note=_("Restored from version %(version)s") % {"version": revision.version}
    )


def check_slug_free(article: Article, slug: str, revision: Revision) -> None:
    """Refuse to give ``article`` a slug another article has, or had (its old address)."""
    if slug == article.slug:
        return
    other = Article.objects.filter(slug=slug).exclude(pk=article.pk).first()
    moved = PreviousSlug.objects.filter(slug=slug).exclude(article=article).first()
    if other is None and moved is None:
        return
    message = _(
        "Version %(version)s was not restored: its slug “%(slug)s” now belongs to "
        "“%(title)s”. Nothing was changed. To restore it, first give one of the two "
        "articles another slug."
    )
    title = other.title if other is not None else moved.article.title
    raise RestoreRefused(message % {"version": revision.version, "slug": slug, "title": title})


def restore_byline(article: Article, reporters: list[int]) -> None:
    """Put the byline back in the stored order, keeping the rows that stay (an open
    change form names them by id) and skipping journalists deleted since."""
    existing = set(Journalist.objects.filter(pk__in=reporters).values_list("pk", flat=True))
    wanted = [pk for pk in dict.fromkeys(reporters) if pk in existing]
    rows = {row.journalist_id: row for row in article.bylines.all()}
    ArticleReporter.objects.filter(
        pk__in=[row.pk for pk, row in rows.items() if pk not in wanted]
    ).delete()
    for position, pk in enumerate(wanted):
        row = rows.get(pk)
        if row is None:
            ArticleReporter.objects.create(article=article, journalist_id=pk, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


# Diffs -------------------------------------------------------------------------


@dataclass
class DiffRow:
    left: SafeString
    right: SafeString
    changed: bool


@dataclass
class FieldDiff:
    name: str
    label: str
    rows: list[DiffRow]

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


def field_label(name: str) -> str:
    return str(content.model_field(name).verbose_name)


class Labels:
    """Names for the ids in a set of snapshots, fetched with one query per model."""

    def __init__(self, snapshots: list[dict[str, Any]]) -> None:
        wanted: dict[type, set[int]] = {}
        for data in snapshots:
            for name in REFERENCES:
                if data.get(name) is not None:
                    wanted.setdefault(content.related_model(name), set()).add(data[name])
            for name in LISTS:
                wanted.setdefault(content.related_model(name), set()).update(data.get(name, []))
        self.names = {
            model: {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}
            for model, ids in wanted.items()
        }

    def name(self, model: type, pk: int | None) -> str:
        if pk is None:
            return ""
        return self.names.get(model, {}).get(pk) or _("#%(id)s (deleted)") % {"id": pk}


def display_lines(name: str, value: Any, labels: Labels) -> list[str]:
    """A field value as lines of plain text, ready to diff."""
    if name in REFERENCES:
        return [labels.name(content.related_model(name), value)] if value is not None else []
    if name in LISTS:
        return [labels.name(content.related_model(name), pk) for pk in value or []]
    if name == "body":
        return html_blocks(value or "")
    if name == "summary_points":
        return [str(point) for point in value or []]
    if isinstance(value, bool):
        return [_("yes") if value else _("no")]
    if value in (None, ""):
        return []
    return [str(value)]


BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|tr|figcaption)>|<br\s*/?>|<hr\s*/?>", re.I)


def html_blocks(markup: str) -> list[str]:
    """The readable paragraphs of an HTML body, tags stripped."""
    blocks = (html.unescape(strip_tags(part)).strip() for part in BLOCK_END.split(markup))
    return [block for block in blocks if block]


def compare_snapshots(
    old: dict[str, Any], new: dict[str, Any], *, fields: list[str] | None = None
) -> list[FieldDiff]:
    """Side-by-side rows for every field, changed or not (the template decides what to fold)."""
    labels = Labels([old, new])
    names = DIFF_ORDER if fields is None else fields
    diffs = []
    for name in names:
        if name not in old and name not in new:
            continue
        left = display_lines(name, old.get(name), labels)
        right = display_lines(name, new.get(name), labels)
        diffs.append(FieldDiff(name=name, label=field_label(name), rows=side_by_side(left, right)))
    return diffs


def side_by_side(left: list[str], right: list[str]) -> list[DiffRow]:
    """Align two lists of lines; changed pairs are marked word by word."""
    rows = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow(format_html("{}", line), format_html("{}", line), False)
                for line in left[i1:i2]
            ]
            continue
        old_lines, new_lines = left[i1:i2], right[j1:j2]
        for index in range(max(len(old_lines), len(new_lines))):
            old = old_lines[index] if index < len(old_lines) else None
            new = new_lines[index] if index < len(new_lines) else None
            if old is not None and new is not None:
                marked_old, marked_new = word_diff(old, new)
            else:
                marked_old = format_html("<del>{}</del>", old) if old is not None else escape("")
                marked_new = format_html("<ins>{}</ins>", new) if new is not None else escape("")
            rows.append(DiffRow(marked_old, marked_new, True))
    return rows


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Mark the words that differ: ``<del>`` on the left, ``<ins>`` on the right."""
    old_words, new_words = old.split(" "), new.split(" ")
    left: list[SafeString] = []
    right: list[SafeString] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = " ".join(old_words[i1:i2])
        new_part = " ".join(new_words[j1:j2])
        if tag == "equal":
            left.append(escape(old_part))
            right.append(escape(new_part))
            continue
        if old_part:
            left.append(format_html("<del>{}</del>", old_part))
        if new_part:
            right.append(format_html("<ins>{}</ins>", new_part))
    return (
        format_html_join(" ", "{}", ((part,) for part in left)),
        format_html_join(" ", "{}", ((part,) for part in right)),
    )
