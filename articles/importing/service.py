"""Turn source files into articles: the one path the command and the admin share.

A file is previewed (parsed and matched, nothing written) and then, unless it
was rejected, saved in one transaction. Saving is idempotent: the same bytes
again change nothing, and a changed file updates the article it made before,
found by outlet and original URL, else by outlet and the title it was first
imported with.

An update is an edit like any other: it claims the next version of the article
atomically (``articles.revisions.claim_version``) and records a revision. If
someone saved the article after the importer read it, the file is refused with
the ``conflict`` code and nothing is written; their edit stands.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from articles.importing import (
    MAX_SOURCE_BYTES,
    ErrorCode,
    ImportRejected,
    ParsedArticle,
    parse_source,
)
from articles.importing.matching import ProgramMatcher, RegionMatcher
from articles.models import Article, ArticleReporter, Journalist, ProgramTag, Revision
from articles.revisions import StaleVersion, claim_version, record_baseline, record_revision
from regions.models import Region

SLUG_MAX_LENGTH = Article._meta.get_field("slug").max_length
NOTE_MAX_LENGTH = Revision._meta.get_field("note").max_length


@dataclass
class ImportOutcome:
    """What happened to one file. ``action`` is one of ``ACTIONS``."""

    name: str
    parsed: ParsedArticle | None = None
    error: ImportRejected | None = None
    regions: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    published_at: datetime.datetime | None = None
    warnings: list[str] = field(default_factory=list)
    action: str = "previewed"
    article: Article | None = None

    ACTIONS = ("created", "updated", "unchanged", "previewed", "rejected")

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_message(self) -> str:
        return f"{self.name}: {self.error.message}" if self.error else ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``import_articles --format json``."""
        data: dict[str, Any] = {
            "file": self.name,
            "ok": self.ok,
            "error": (
                {"code": str(self.error.code), "message": self.error_message}
                if self.error
                else None
            ),
            "warnings": self.warnings,
            "action": self.action,
        }
        if self.parsed is not None:
            parsed = self.parsed
            data.update(
                style=parsed.style,
                title=parsed.title,
                title_derived=parsed.title_derived,
                dek=parsed.dek,
                summary_points=parsed.summary_points,
                reporters=parsed.reporters,
                editor=parsed.editor,
                dateline_city=parsed.dateline_city,
                published_at=self.published_at.isoformat() if self.published_at else None,
                regions=self.regions,
                programs=self.programs,
                outlet=parsed.outlet,
                related_titles=parsed.related_titles,
                body_paragraphs=len(parsed.body_paragraphs),
            )
        return data


def read_source(path: Path) -> bytes:
    """Read a file, refusing one over the size limit before reading it whole."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ImportRejected(
                "too_large",
                f"the file is {size:,} bytes; the limit is {MAX_SOURCE_BYTES:,} bytes.",
            )
        return path.read_bytes()
    except OSError as error:
        raise ImportRejected("unreadable", f"the file cannot be read ({error.strerror}).") from None


def source_moment(day: datetime.date) -> datetime.datetime:
    """A source gives a day, not a time: the article is dated at the start of that day, WITA."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


class Importer:
    """Holds the region and program names for a batch (two queries, once)."""

    def __init__(self) -> None:
        self.regions = RegionMatcher.from_db()
        self.programs = ProgramMatcher.from_db()

    def preview(self, raw: bytes, *, name: str) -> ImportOutcome:
        outcome = ImportOutcome(name=name)
        try:
            parsed = parse_source(raw, today=timezone.localdate())
        except ImportRejected as error:
            outcome.error = error
            outcome.action = "rejected"
            return outcome
        outcome.parsed = parsed
        outcome.warnings = list(parsed.warnings)
        text = parsed.detection_text()
        region_match = self.regions.match(
            title=parsed.title, text=text, dateline_city=parsed.dateline_city
        )
        outcome.regions = region_match.slugs
        if not outcome.regions:
            outcome.warnings.append("No NTT region was recognised; set one before publishing.")
        outcome.programs = self.programs.match(text)
        if parsed.published_on is not None:
            outcome.published_at = source_moment(parsed.published_on)
        return outcome

    def save(self, outcome: ImportOutcome, *, status: str, by=None) -> ImportOutcome:
        """Write a previewed file; a rejected one is left as it is.

        ``by`` (the user importing, if any) signs the revision the save records.
        """
        if outcome.parsed is None:
            return outcome
        if status == Article.Status.PUBLISHED and outcome.published_at is None:
            outcome.published_at = timezone.now().replace(microsecond=0)
            outcome.warnings.append("The source gives no date; it is dated now.")
        try:
            outcome.article, outcome.action = _save_parsed(outcome, status=status, by=by)
        except StaleVersion:
            outcome.error = ImportRejected(
                ErrorCode.CONFLICT,
                "someone saved this article while the file was being imported, so nothing "
                "was written; check their changes, then import the file again.",
            )
            outcome.action = "rejected"
        return outcome

    def import_file(
        self, raw: bytes, *, name: str, status: str, dry_run: bool, by=None
    ) -> ImportOutcome:
        outcome = self.preview(raw, name=name)
        return outcome if dry_run else self.save(outcome, status=status, by=by)


def _find_existing(parsed: ParsedArticle) -> Article | None:
    if parsed.original_url:
        match = Article.objects.filter(
            outlet=parsed.outlet, original_url=parsed.original_url
        ).first()
        if match:
            return match
    return (
        Article.objects.filter(source_checksum=parsed.checksum).first()
        or Article.objects.filter(outlet=parsed.outlet, source_title__iexact=parsed.title).first()
    )


def _unique_slug(title: str, *, exclude_pk: int | None) -> str:
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "berita"
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


def _journalist(name: str) -> Journalist:
    journalist, _ = Journalist.objects.get_or_create(
        slug=slugify(name)[:150], defaults={"name": name}
    )
    return journalist


@transaction.atomic
def _save_parsed(outcome: ImportOutcome, *, status: str, by) -> tuple[Article, str]:
    parsed = outcome.parsed
    assert parsed is not None
    article = _find_existing(parsed)
    if article is not None and article.source_checksum == parsed.checksum:
        return article, "unchanged"

    action = "updated" if article else "created"
    if article is None:
        article = Article(status=status, source_title=parsed.title)
    else:
        # Before the first change, keep what was there, so it can be compared and restored.
        record_baseline(article)
        # StaleVersion (rolling all of this back) if anyone saved since ``article`` was read.
        claim_version(article, expected=article.version)
    if article.title in ("", article.source_title):
        # An editor's rewritten headline survives a re-import.
        article.title = parsed.title
        article.title_derived = parsed.title_derived
        article.slug = _unique_slug(parsed.title, exclude_pk=article.pk)
    article.dek = parsed.dek
    article.summary_points = parsed.summary_points
    article.body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.body_paragraphs)
    article.dateline_city = parsed.dateline_city
    article.published_at = outcome.published_at
    article.editor = _journalist(parsed.editor) if parsed.editor else None
    article.outlet = parsed.outlet
    article.original_url = parsed.original_url
    article.original_byline = parsed.original_byline
    article.rights_line = parsed.rights_line
    article.source_checksum = parsed.checksum

    regions = {region.slug: region for region in Region.objects.filter(slug__in=outcome.regions)}
    article.region = regions.get(outcome.regions[0]) if outcome.regions else None
    article.save()

    article.regions.set([regions[slug] for slug in outcome.regions if slug in regions])
    article.programs.set(list(ProgramTag.objects.filter(slug__in=outcome.programs)))
    article.bylines.all().delete()
    ArticleReporter.objects.bulk_create(
        ArticleReporter(article=article, journalist=_journalist(name), position=position)
        for position, name in enumerate(dict.fromkeys(parsed.reporters))
    )
    if parsed.related_titles:
        titles = Q()
        for title in parsed.related_titles:
            titles |= Q(title__iexact=title)
        article.related.set(Article.objects.filter(titles).exclude(pk=article.pk))
    note = _("Imported from %(file)s") % {"file": Path(outcome.name).name}
    record_revision(article, by=by, note=Truncator(note).chars(NOTE_MAX_LENGTH))
    return article, action
