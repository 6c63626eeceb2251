"""Public article lists, read in publication order off ``ArticleListing``.

A list is a set of keys (a region, a program, a reporter; the whole archive
when none) and optional bounds on the publication time. Its articles are the
lines of the most selective key, newest first, straight off the listing index;
every other key is an EXISTS probe of the unique index, per line read. A page
walks as many lines as it skips and shows, a count as many as it counts, and
neither depends on the size of the archive.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from articles.models import Article, ArticleListing, ArticleQuerySet

Kind = ArticleListing.Kind
# The key a list is read along: a reporter's lines are fewest, then a region's
# (a province's are as many as the archive's), then a program's.
SELECTIVITY = [Kind.REPORTER, Kind.REGION, Kind.PROGRAM, Kind.ALL]
ORDER = ("-published_at", "-article_id")


def lines(
    keys=(),
    *,
    since: datetime.datetime | None = None,
    before: datetime.datetime | None = None,
    month: int | None = None,
) -> QuerySet[ArticleListing]:
    """The lines of the articles live now under every one of ``keys``
    (``(kind, target)`` pairs), published at or after ``since`` and before
    ``before``, in the month ``month`` of any year (WITA), newest first."""
    wanted = sorted(set(keys), key=lambda key: SELECTIVITY.index(key[0])) or [(Kind.ALL, 0)]
    (kind, target), others = wanted[0], wanted[1:]
    rows = ArticleListing.objects.filter(kind=kind, target=target, published_at__lte=timezone.now())
    if before is not None:
        rows = rows.filter(published_at__lt=before)
    if since is not None:
        rows = rows.filter(published_at__gte=since)
    if month is not None:
        rows = rows.filter(published_at__month=month)
    for kind, target in others:
        same_article = ArticleListing.objects.filter(
            article=OuterRef("article_id"), kind=kind, target=target
        )
        rows = rows.filter(Exists(same_article))
    return rows.order_by(*ORDER)


class Listed:
    """A list of live articles in the order of its ``lines``, as a paginator
    wants it: sliced, each slice one query for exactly that page's articles
    (their ids picked off the index in a subquery, so skipping to a deep page
    reads only index entries), and counted only as far as asked."""

    def __init__(self, rows: QuerySet[ArticleListing]):
        self.rows = rows

    def count_upto(self, limit: int) -> int:
        return self.rows.order_by()[:limit].count()

    def articles(self, start: int | None = None, stop: int | None = None) -> ArticleQuerySet:
        """The live articles of lines ``start`` to ``stop``, in no order (one
        query when read; ``newest_first`` orders them).

        No ORDER BY: with one, a planner may walk the publication index of
        the whole archive, probing the page's few ids, rather than fetch
        those few by primary key. SQLite does that even without one when an
        index has no statistics, hence the ANALYZE in migration 0013.
        ``live()`` is asked again: the lines hold only what it allows, and
        the rule still lives in one place.
        """
        ids = self.rows.values("article_id")[start:stop]
        return Article.objects.live().filter(pk__in=ids).order_by()

    def __getitem__(self, part: slice) -> list[Article]:
        return newest_first(self.articles(part.start, part.stop).cards())

    @classmethod
    def none(cls) -> "Listed":
        return cls(ArticleListing.objects.none())


def newest_first(articles) -> list[Article]:
    return sorted(articles, key=lambda article: (article.published_at, article.pk), reverse=True)
