"""Saving a batch of files with a few queries, whatever the batch's size.

``Importer.save_many`` asks a ``FileSorter`` about each file of a batch, in
order. A file that is certainly a new article (no article, and no earlier file
of the batch, has its original URL, checksum or story key) joins a run of
new files that ``NewArticles`` writes with one INSERT per table. A file that is
the same bytes as an article's source is "unchanged" at once. Anything else —
an update, a story the newsroom has changed, or any doubt — is saved on its
own, exactly as it would be alone, after the run before it is written.

Titles are compared as the database compares them for ``iexact`` (``UPPER()``
on both sides), so a batch links and finds exactly what one-by-one saves would.
"""

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import TypeVar

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from articles.importing.outcome import ImportOutcome
from articles.importing.parsed import ParsedArticle
from articles.models import (
    Article,
    ArticleReporter,
    Journalist,
    PreviousSlug,
    ProgramTag,
    ProgramTaggedArticle,
    Revision,
)
from articles.revisions import content_snapshot
from articles.sanitize import clean_html
from articles.search_index import index_articles
from regions.models import Region

SLUG_MAX_LENGTH = Article._meta.get_field("slug").max_length
JOURNALIST_SLUG_MAX_LENGTH = Journalist._meta.get_field("slug").max_length
NOTE_MAX_LENGTH = Revision._meta.get_field("note").max_length
# A taken slug gets a numbered suffix: "judul-2", or the base cut short to fit
# ("judul-panjan-2"). Every such candidate starts with this much of the base.
SLUG_PREFIX_LENGTH = SLUG_MAX_LENGTH - 10
# Values per query: under SQLite's limit of 999 parameters, and PostgreSQL's
# 1,664 columns for the ``SELECT UPPER(%s), …`` of ``database_upper``.
PARAMS_PER_QUERY = 900

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """``items`` in tuples of ``size`` (``itertools.batched`` of Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


# What an article gets from its file, whichever way it is saved --------------


def article_body(parsed: ParsedArticle) -> str:
    # ``html.escape`` is what Django's ``escape`` calls, without its lazy-text check.
    return "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in parsed.body_paragraphs)


def fill_article(
    article: Article,
    outcome: ImportOutcome,
    *,
    editor: Journalist | None,
    region: Region | None,
    claim_slug: Callable[[str], str],
) -> None:
    """Set on ``article`` what its file gives. The headline (and so the slug) only
    while nobody has rewritten it: an editor's headline survives a re-import. The
    publication time only while there is none: a re-import never moves it."""
    parsed = outcome.parsed
    if article.title in ("", article.source_title):
        article.title = parsed.title
        article.title_derived = parsed.title_derived
        article.slug = claim_slug(parsed.title)
    article.dek = parsed.dek
    article.summary_points = parsed.summary_points
    # What ``Article.save`` would store; ``bulk_create`` does not call it.
    article.body = clean_html(article_body(parsed))
    article.dateline_city = parsed.dateline_city
    if article.published_at is None:
        article.published_at = outcome.published_at
    article.editor = editor
    article.outlet = parsed.outlet
    article.original_url = parsed.original_url or article.original_url
    article.original_byline = parsed.original_byline
    article.rights_line = parsed.rights_line
    article.source_checksum = parsed.checksum
    article.source_key = parsed.story_key()
    article.imported_version = article.version
    article.region = region


def slug_base(title: str) -> str:
    return slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "berita"


def numbered_slug(base: str, number: int) -> str:
    suffix = f"-{number}"
    return base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix


def journalist_slug(name: str) -> str:
    return slugify(name)[:JOURNALIST_SLUG_MAX_LENGTH]


def revision_note(name: str, template: str = "") -> str:
    """``template`` names the file as ``%(file)s``; by default, "Imported from" it."""
    note = (template or _("Imported from %(file)s")) % {"file": Path(name).name}
    return Truncator(note).chars(NOTE_MAX_LENGTH)


def database_upper(strings: Iterable[str]) -> dict[str, str]:
    """Each string as the database's ``UPPER()`` makes it (a query per 900 strings).

    ``iexact`` compares ``UPPER()``s on PostgreSQL, and ``LIKE`` on SQLite, which
    folds the same letters (ASCII) as SQLite's ``UPPER()``. Python's ``upper()``
    folds more, so it would find matches the database does not.
    """
    wanted = list(dict.fromkeys(strings))
    upper: dict[str, str] = {}
    with connection.cursor() as cursor:
        for chunk in batched(wanted, PARAMS_PER_QUERY):
            cursor.execute("SELECT " + ", ".join(["UPPER(%s)"] * len(chunk)), chunk)
            upper.update(zip(chunk, cursor.fetchone(), strict=True))
    return upper


# Sorting the files of a batch -------------------------------------------------


class Verdict(Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    ALONE = "alone"


class FileSorter:
    """Which files of a batch are new, unchanged, or to be saved on their own.

    One query per 300 files reads every article a file could match: by original
    URL, by checksum, or by story key. A file is new only if it matches none of
    them, and shares none of them with an earlier file of the batch (the earlier
    file may have made or moved that article).
    """

    def __init__(self, batch: Sequence[ParsedArticle]) -> None:
        self._at_url: dict[tuple[str, str], Article] = {}
        self._with_checksum: dict[str, list[Article]] = {}
        self._with_key: dict[str, list[Article]] = {}
        # Articles that a file saved on its own changed: what was read of them is stale.
        self._changed: set[int] = set()
        self._seen_urls: set[tuple[str, str]] = set()
        self._seen_checksums: set[str] = set()
        self._seen_keys: set[str] = set()
        for chunk in batched(batch, PARAMS_PER_QUERY // 3):
            # In the default order, so the first article with a checksum is the one
            # ``_find_existing`` would take.
            candidates = Article.objects.filter(
                Q(original_url__in=sorted({p.original_url for p in chunk if p.original_url}))
                | Q(source_checksum__in=sorted({p.checksum for p in chunk}))
                | Q(source_key__in=sorted({key for p in chunk if (key := p.story_key())}))
            )
            for article in candidates:
                if article.original_url:
                    self._at_url[(article.outlet, article.original_url)] = article
                for index, key in (
                    (self._with_checksum, article.source_checksum),
                    (self._with_key, article.source_key),
                ):
                    found = index.setdefault(key, [])
                    if article not in found:
                        found.append(article)

    def sort(self, parsed: ParsedArticle) -> tuple[Verdict, Article | None]:
        """What to do with the next file of the batch (the files are asked in order)."""
        url = (parsed.outlet, parsed.original_url) if parsed.original_url else None
        key = parsed.story_key()
        repeats = (
            url in self._seen_urls
            or parsed.checksum in self._seen_checksums
            or key in self._seen_keys
        )
        if url:
            self._seen_urls.add(url)
        self._seen_checksums.add(parsed.checksum)
        if key:
            self._seen_keys.add(key)
        if repeats:
            return Verdict.ALONE, None

        at_url = self._at_url.get(url) if url else None
        with_checksum = self._with_checksum.get(parsed.checksum, [])
        with_key = self._with_key.get(key, []) if key else []
        if any(a.pk in self._changed for a in [at_url, *with_checksum, *with_key] if a):
            return Verdict.ALONE, None
        if with_checksum:
            return Verdict.UNCHANGED, with_checksum[0]
        if at_url is not None or with_key:
            return Verdict.ALONE, None
        return Verdict.NEW, None

    def changed(self, article: Article) -> None:
        """``article`` was saved by a file on its own: later files that match it go alone too."""
        self._changed.add(article.pk)


# Writing a run of new articles --------------------------------------------------


def rows_where_in(queryset: QuerySet, lookup: str, values: Iterable[str]) -> Iterator:
    """The rows of ``queryset`` whose ``lookup`` is one of ``values`` (a query per 900)."""
    for chunk in batched(sorted(set(values)), PARAMS_PER_QUERY):
        yield from queryset.filter(**{f"{lookup}__in": chunk})


class Journalists:
    """The journalists a run names, by slug (one query). One not stored yet is made
    the first time it is named, under that name, and stored by ``save``."""

    def __init__(self, names: Iterable[str]) -> None:
        slugs = (journalist_slug(name) for name in names)
        self._by_slug = {j.slug: j for j in rows_where_in(Journalist.objects.all(), "slug", slugs)}
        self.created = 0

    def get(self, name: str) -> Journalist:
        slug = journalist_slug(name)
        if slug not in self._by_slug:
            self._by_slug[slug] = Journalist(slug=slug, name=name)
        return self._by_slug[slug]

    def save(self, journalists: Iterable[Journalist]) -> None:
        """Store those of ``journalists`` not stored yet (one INSERT)."""
        unsaved = list({id(j): j for j in journalists if j.pk is None}.values())
        Journalist.objects.bulk_create(unsaved)
        self.created += len(unsaved)


class Slugs:
    """Free slugs for new articles: not any article's now, nor any article's before
    (an old slug stays bound to its article). The taken ones are read once."""

    def __init__(self, titles: Iterable[str]) -> None:
        bases = {slug_base(title) for title in titles}
        self._taken: set[str] = set()
        for taken in (
            Article.objects.order_by().values_list("slug", flat=True),
            PreviousSlug.objects.order_by().values_list("slug", flat=True),
        ):
            self._taken.update(rows_where_in(taken, "slug", bases))
        prefixes = sorted({base[:SLUG_PREFIX_LENGTH] for base in bases if base in self._taken})
        for chunk in batched(prefixes, PARAMS_PER_QUERY):
            starts = Q()
            for prefix in chunk:
                starts |= Q(slug__startswith=prefix)
            for taken in (Article.objects, PreviousSlug.objects):
                self._taken.update(taken.filter(starts).values_list("slug", flat=True))

    def claim(self, title: str) -> str:
        base = slug_base(title)
        slug, number = base, 2
        while slug in self._taken:
            slug = numbered_slug(base, number)
            number += 1
        self._taken.add(slug)
        return slug


@dataclass
class NewArticle:
    outcome: ImportOutcome
    article: Article
    regions: list[Region]
    programs: list[ProgramTag]
    reporters: list[Journalist]
    # Stored articles (ids) and new ones of the same run (saved with it).
    related: list[int | Article] = field(default_factory=list)


class NewArticles:
    """A run of files that are all new articles, written with one INSERT per table
    (``bulk_create``, which splits a long run to fit the database's limits).

    Reads first: taken slugs, journalists, regions, programs and the stored
    articles the files name as related (four to six queries).
    """

    def __init__(
        self, outcomes: Sequence[ImportOutcome], *, status: str, by, upper: dict[str, str]
    ) -> None:
        self.outcomes = outcomes
        self.status = status
        self.by = by if by is not None and by.is_authenticated else None
        self.upper = upper
        files = [outcome.parsed for outcome in outcomes]
        self.slugs = Slugs(parsed.title for parsed in files)
        self.journalists = Journalists(
            name for parsed in files for name in (parsed.editor, *parsed.reporters) if name
        )
        region_slugs = (slug for outcome in outcomes for slug in outcome.regions)
        self.regions = {
            r.slug: r for r in rows_where_in(Region.objects.all(), "slug", region_slugs)
        }
        program_slugs = (slug for outcome in outcomes for slug in outcome.programs)
        self.programs = {
            p.slug: p for p in rows_where_in(ProgramTag.objects.all(), "slug", program_slugs)
        }
        self.stored_related: dict[str, list[int]] = {}
        titled = Article.objects.annotate(title_key=Upper("title")).order_by()
        related_keys = (upper[title] for parsed in files for title in parsed.related_titles)
        for key, pk in rows_where_in(
            titled.values_list("title_key", "pk"), "title_key", related_keys
        ):
            self.stored_related.setdefault(key, []).append(pk)

    def save(self) -> tuple[list[Article], bool]:
        """Write the run: its articles in order, and whether readers could see a change."""
        new: list[NewArticle] = []
        new_by_title: dict[str, list[Article]] = {}
        for outcome in self.outcomes:
            item = self._article(outcome)
            if outcome.parsed.related_titles:
                keys = {self.upper[title] for title in outcome.parsed.related_titles}
                related = [pk for key in keys for pk in self.stored_related.get(key, [])]
                related += [a for key in keys for a in new_by_title.get(key, [])]
                item.related = list({_pk_or_id(a): a for a in related}.values())
            new_by_title.setdefault(self.upper[outcome.parsed.title], []).append(item.article)
            new.append(item)

        self.journalists.save(item.article.editor for item in new if item.article.editor)
        Article.objects.bulk_create([item.article for item in new])
        for item in new:
            # As ``Article.from_db`` would: a later save knows the slug is not a rename.
            item.article._saved_slug = item.article.slug
        # Link rows made from ids: cheaper than assigning the saved instances.
        region_link = Article.regions.through
        region_link.objects.bulk_create(
            region_link(article_id=item.article.pk, region_id=region.pk)
            for item in new
            for region in item.regions
        )
        ProgramTaggedArticle.objects.bulk_create(
            ProgramTaggedArticle(content_object_id=item.article.pk, tag_id=program.pk)
            for item in new
            for program in item.programs
        )
        ArticleReporter.objects.bulk_create(self._bylines(new))
        related_link = Article.related.through
        related_link.objects.bulk_create(
            related_link(from_article_id=item.article.pk, to_article_id=_pk(other))
            for item in new
            for other in item.related
        )
        Revision.objects.bulk_create(self._revision(item) for item in new)
        index_articles(item.article.pk for item in new)
        # What the signals would decide one save at a time: a new draft is on no public page.
        visible = self.status == Article.Status.PUBLISHED
        return [item.article for item in new], visible

    def _article(self, outcome: ImportOutcome) -> NewArticle:
        parsed = outcome.parsed
        article = Article(status=self.status, source_title=parsed.title)
        fill_article(
            article,
            outcome,
            editor=self.journalists.get(parsed.editor) if parsed.editor else None,
            region=self.regions.get(outcome.regions[0]) if outcome.regions else None,
            claim_slug=self.slugs.claim,
        )
        return NewArticle(
            outcome=outcome,
            article=article,
            regions=[self.regions[slug] for slug in outcome.regions if slug in self.regions],
            programs=[self.programs[slug] for slug in outcome.programs if slug in self.programs],
            reporters=[self.journalists.get(name) for name in dict.fromkeys(parsed.reporters)],
        )

    def _bylines(self, new: list[NewArticle]) -> Iterator[ArticleReporter]:
        # Read by ``bulk_create``: the reporters not stored yet go in first, together.
        self.journalists.save(journalist for item in new for journalist in item.reporters)
        for item in new:
            for position, journalist in enumerate(item.reporters):
                yield ArticleReporter(
                    article=item.article, journalist=journalist, position=position
                )

    def _revision(self, item: NewArticle) -> Revision:
        """What ``record_revision`` would store, from what is in hand."""
        return Revision(
            article=item.article,
            version=item.article.version,
            snapshot=content_snapshot(
                item.article,
                reporters=[journalist.pk for journalist in item.reporters],
                regions=[region.pk for region in item.regions],
                programs=[program.pk for program in item.programs],
                related=[_pk(other) for other in item.related],
            ),
            note=revision_note(item.outcome.name),
            created_by=self.by,
        )


def _pk(article: int | Article) -> int:
    return article if isinstance(article, int) else article.pk


def _pk_or_id(article: int | Article) -> tuple[str, int]:
    """Tells stored articles (by id) and unsaved ones (by identity) apart."""
    return ("pk", article) if isinstance(article, int) else ("new", id(article))
