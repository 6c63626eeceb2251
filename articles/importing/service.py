"""Turn source files into articles: the one path the command and the admin share.

A file is previewed (parsed and matched, nothing written) and then, unless it
was rejected, saved whole or not at all. Saving is idempotent: the same bytes
again change nothing. A changed file is matched to the article it made before
by what identifies a story: the same bytes, else outlet and original URL, else
its story key (outlet, dateline, date and headline; never the headline alone).
It updates that article only while the article is a draft nobody has touched
since the import; an article that is live, in review, in the trash or changed in
the newsroom is left as it is and the file reported as ``changed_at_source``,
with what differs, unless the caller asks (``OnChange``) for the file to be
applied as a new revision or imported as a new draft. A re-import never moves
``published_at``.

Files are saved in batches (``Importer.save_many``): one transaction, and a
few queries for the whole batch, however many files it has; the outcome of
each file is what saving the files one by one, in order, would give
(``articles.importing.batch`` explains how).

An update is an edit like any other: it claims the next version of the article
atomically (``articles.revisions.claim_version``) and records a revision. If
someone saved the article after the importer read it, the file is refused with
the ``conflict`` code and nothing is written; their edit stands.
"""

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.importing import (
    MAX_SOURCE_BYTES,
    ErrorCode,
    ImportRejected,
    ParsedArticle,
    parse_source,
)
from articles.importing.batch import (
    FileSorter,
    NewArticles,
    Verdict,
    database_upper,
    fill_article,
    journalist_slug,
    numbered_slug,
    revision_note,
    slug_base,
)
from articles.importing.changes import newsroom_has, source_changes, would_do
from articles.importing.matching import ProgramMatcher, RegionMatcher
from articles.importing.outcome import ImportOutcome
from articles.models import Article, ArticleReporter, Journalist, PreviousSlug, ProgramTag
from articles.revisions import StaleVersion, claim_version, record_baseline, record_revision
from articles.signals import articles_added
from regions.models import Region

# What the accepted files of one upload to the admin's import page may weigh together:
# they travel back in its confirmation form, which must stay under Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) whatever the number of files.
MAX_BATCH_BYTES = 1_500_000
# Files per ``save_many`` for a caller with many: one transaction each.
BATCH_SIZE = 250


def read_source(path: Path) -> bytes:
    """A file's bytes, at most one over the size limit (``parse_source`` refuses those)."""
    try:
        with path.open("rb") as file:
            return file.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise ImportRejected(
            ErrorCode.UNREADABLE,
            _("the file cannot be read (%(reason)s).") % {"reason": error.strerror},
        ) from None


def read_upload(upload: UploadedFile) -> bytes:
    """An uploaded file's bytes, at most one over the size limit (as ``read_source``)."""
    if not upload.name.lower().endswith(".txt"):
        raise ImportRejected(ErrorCode.NOT_TEXT_FILE, _("only .txt source files can be imported."))
    return upload.read(MAX_SOURCE_BYTES + 1)


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
        outcome.regions = self.regions.match(
            title=parsed.title, text=text, dateline_city=parsed.dateline_city
        )
        if not outcome.regions:
            outcome.warnings.append(_("No NTT region was recognised; set one before publishing."))
        outcome.programs = self.programs.match(text)
        if parsed.published_on is not None:
            outcome.published_at = source_moment(parsed.published_on)
        return outcome

    def preview_uploads(self, uploads: Iterable[UploadedFile]) -> list[tuple[ImportOutcome, bytes]]:
        """Preview files uploaded together, each with its bytes (empty where rejected),
        and say what saving each would do (``compare``).

        The accepted files of one upload may hold ``MAX_BATCH_BYTES`` between them:
        they travel back to be saved inside the confirmation form.
        """
        previewed: list[tuple[ImportOutcome, bytes]] = []
        total = 0
        for upload in uploads:
            try:
                raw = read_upload(upload)
            except ImportRejected as error:
                previewed.append((ImportOutcome(upload.name, error=error, action="rejected"), b""))
                continue
            outcome = self.preview(raw, name=upload.name)
            if outcome.ok:
                total += len(raw)
                if total > MAX_BATCH_BYTES:
                    outcome.error = ImportRejected(
                        ErrorCode.BATCH_TOO_LARGE,
                        _("the batch is over %(limit)s bytes; import the rest separately.")
                        % {"limit": f"{MAX_BATCH_BYTES:,}"},
                    )
                    outcome.action = "rejected"
            previewed.append((outcome, raw if outcome.ok else b""))
        self.compare([outcome for outcome, _raw in previewed])
        return previewed

    def compare(self, outcomes: Iterable[ImportOutcome]) -> None:
        """Set what saving each previewed file would do (``would``), the article it
        matches, and what the file would change in it; nothing is written. One to
        three queries a file, and five more for each that matches an article."""
        for outcome in outcomes:
            if outcome.parsed is None:
                continue
            outcome.article = _find_existing(outcome.parsed)
            outcome.would = would_do(outcome.article, outcome)
            if outcome.would in ("updated", "changed_at_source"):
                outcome.changes = source_changes(outcome.article, outcome)

    def save(self, outcome: ImportOutcome, *, status: str, by=None) -> ImportOutcome:
        """Write a previewed file; a rejected one is left as it is (see ``save_many``)."""
        self.save_many([outcome], status=status, by=by)
        return outcome

    def save_many(
        self, outcomes: list[ImportOutcome], *, status: str, by=None
    ) -> list[ImportOutcome]:
        """Write previewed files in one transaction, each whole or not at all; the
        rejected ones are left as they are.

        The outcomes are what saving them one by one, in order, would give. New
        articles cost sixteen queries, however many there are (more only where an
        INSERT is split to fit SQLite's 999 parameters: 31 articles each); files
        already imported, four. A file that updates an article is saved on its own,
        in its own savepoint, as before. ``by`` (the user importing, if any) signs
        the revisions.
        """
        todo = [outcome for outcome in outcomes if outcome.parsed is not None]
        for outcome in todo:
            if status == Article.Status.PUBLISHED and outcome.published_at is None:
                outcome.published_at = timezone.now().replace(microsecond=0)
                outcome.warnings.append(_("The source gives no date; it is dated now."))
        saved = None
        if todo and connection.features.can_return_rows_from_bulk_insert:
            try:
                with transaction.atomic():
                    saved = _Batch(todo, status=status, by=by).save()
            except DatabaseError:
                # A row the batch was writing was written meanwhile (or a region or
                # program deleted): nothing of the batch was kept. The files are saved
                # one by one then, each in its own transaction, as before batches.
                saved = None
        if saved is None:
            saved = (_save_alone(outcome, status=status, by=by) for outcome in todo)
        for outcome, (article, action, error) in zip(todo, saved, strict=True):
            outcome.article, outcome.action, outcome.error = article, action, error
        return outcomes

    def import_file(
        self, raw: bytes, *, name: str, status: str, dry_run: bool, by=None
    ) -> ImportOutcome:
        outcome = self.preview(raw, name=name)
        return outcome if dry_run else self.save(outcome, status=status, by=by)


class Saved(NamedTuple):
    article: Article | None
    action: str
    error: ImportRejected | None = None


class _Batch:
    """The files of one ``save_many`` transaction, sorted and saved in order."""

    def __init__(self, todo: list[ImportOutcome], *, status: str, by) -> None:
        self.todo, self.status, self.by = todo, status, by
        self.upper = database_upper(
            title for o in todo for title in (o.parsed.title, *o.parsed.related_titles)
        )
        self.sorter = FileSorter([outcome.parsed for outcome in todo])
        self.saved: list[Saved | None] = [None] * len(todo)
        self.run: list[int] = []
        # Written with bulk_create, which sends no save signals.
        self.added: list[int] = []

    def save(self) -> list[Saved]:
        for index, outcome in enumerate(self.todo):
            verdict, article = self.sorter.sort(outcome.parsed)
            if verdict is Verdict.NEW:
                self.run.append(index)
            elif verdict is Verdict.UNCHANGED:
                self.saved[index] = Saved(article, "unchanged")
            else:
                # It may update an article of the run so far: the run goes in first.
                self._write_run()
                saved = self.saved[index] = _save_alone(outcome, status=self.status, by=self.by)
                if saved.action in ("created", "updated"):
                    self.sorter.changed(saved.article)
        self._write_run()
        if self.added:
            articles_added(self.added)
        return self.saved

    def _write_run(self) -> None:
        if not self.run:
            return
        outcomes = [self.todo[index] for index in self.run]
        articles, visible = NewArticles(
            outcomes, status=self.status, by=self.by, upper=self.upper
        ).save()
        for index, article in zip(self.run, articles, strict=True):
            self.saved[index] = Saved(article, "created")
        if visible:
            self.added.extend(article.pk for article in articles)
        self.run = []


def _save_alone(outcome: ImportOutcome, *, status: str, by) -> Saved:
    """Save one file in its own transaction (a savepoint within a batch's)."""
    try:
        article, action = _save_parsed(outcome, status=status, by=by)
    except StaleVersion:
        error = ImportRejected(
            ErrorCode.CONFLICT,
            _(
                "someone saved this article while the file was being imported, so nothing "
                "was written; check their changes, then import the file again."
            ),
        )
        return Saved(None, "rejected", error)
    except IntegrityError as failure:
        error = ImportRejected(
            ErrorCode.NOT_SAVED,
            _("the database refused the article (%(reason)s), so nothing was written.")
            % {"reason": failure},
        )
        return Saved(None, "rejected", error)
    return Saved(article, action)


def _find_existing(parsed: ParsedArticle) -> Article | None:
    """The article a file was imported as (one to three queries)."""
    match = Article.objects.filter(source_checksum=parsed.checksum).first()
    if match is None and parsed.original_url:
        match = Article.objects.filter(
            outlet=parsed.outlet, original_url=parsed.original_url
        ).first()
    if match is None and (key := parsed.story_key()):
        same_story = Article.objects.filter(source_key=key)
        if parsed.original_url:
            # Two addresses are two stories, whatever their headlines.
            same_story = same_story.filter(Q(original_url="") | Q(original_url=parsed.original_url))
        match = same_story.first()
    return match


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug for ``title`` that no other article has, or had: an old slug stays
    bound to the article it redirects to."""
    base = slug_base(title)
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    ) | set(
        PreviousSlug.objects.filter(slug__startswith=base)
        .exclude(article_id=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = numbered_slug(base, number)
        number += 1
    return slug


def _journalist(name: str) -> Journalist:
    journalist, _ = Journalist.objects.get_or_create(
        slug=journalist_slug(name), defaults={"name": name}
    )
    return journalist


@transaction.atomic
def _save_parsed(outcome: ImportOutcome, *, status: str, by) -> tuple[Article, str]:
    parsed = outcome.parsed
    assert parsed is not None
    matched = _find_existing(parsed)
    action = would_do(matched, outcome)
    if action == "unchanged":
        return matched, action
    if action == "changed_at_source":
        outcome.changes = source_changes(matched, outcome)
        return matched, action

    # A new draft beside the article the newsroom has, if that was asked for.
    copy = matched is not None and action == "created"
    note = ""
    if matched is None or copy:
        new_status = Article.Status.DRAFT if copy else status
        article = Article(status=new_status, source_title=parsed.title)
    else:
        article = matched
        if newsroom_has(article):
            note = _("Imported from %(file)s, changed at the source")
        # Before the first change, keep what was there, so it can be compared and restored.
        record_baseline(article)
        # StaleVersion (rolling all of this back) if anyone saved since ``article`` was read.
        claim_version(article, expected=article.version)
    regions = {region.slug: region for region in Region.objects.filter(slug__in=outcome.regions)}
    fill_article(
        article,
        outcome,
        editor=_journalist(parsed.editor) if parsed.editor else None,
        region=regions.get(outcome.regions[0]) if outcome.regions else None,
        claim_slug=lambda title: unique_slug(title, exclude_pk=article.pk),
    )
    if copy:
        # The story's address and key stay with the article the newsroom has.
        article.original_url = article.source_key = ""
        note = _("Imported from %(file)s as a new draft")
        outcome.warnings.append(
            _("Imported as a new draft; “%(title)s” is left as the newsroom has it.")
            % {"title": matched.title}
        )
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
    record_revision(article, by=by, note=revision_note(outcome.name, note))
    return article, action
