"""What the admin index shows: counts by status, today's publications, coverage.

Each function runs a fixed number of queries whatever the number of articles,
and none reads more than a bounded number of rows of the archive: counts stop
at ``COUNT_LIMIT``, lists at ``TODAY_LIMIT``, coverage reads one window.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from articles import workflow
from articles.models import Article, ProgramTag, ProgramTaggedArticle
from newsroom.wita import WITA
from regions.models import Region

Status = Article.Status
COVERAGE_DAYS = 90
COUNT_LIMIT = 1000
# "Going live today" lists this many and says how many more there are.
TODAY_LIMIT = 20
HEAT_LEVELS = 4


def status_counts(articles) -> dict[str, int]:
    """Articles per state, each counted only up to ``COUNT_LIMIT`` + 1 (six
    queries, each reading at most that many rows of the status index: a count
    of every live article would read the whole archive). ``articles`` is what
    the user may see; a count above ``COUNT_LIMIT`` shows as "1000+"."""
    now = timezone.now()
    states = {
        "draft": articles.filter(status=Status.DRAFT),
        "in_review": articles.filter(status=Status.IN_REVIEW),
        "scheduled": articles.filter(status=Status.PUBLISHED, published_at__gt=now),
        "live": articles.filter(status=Status.PUBLISHED, published_at__lte=now),
        "unpublished": articles.filter(status=Status.UNPUBLISHED),
        "returned": workflow.returned_drafts(articles),
    }
    return {name: rows.order_by()[: COUNT_LIMIT + 1].count() for name, rows in states.items()}


def today_bounds() -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight of today in WITA."""
    local = timezone.now().astimezone(WITA)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


def going_live_today(articles):
    """Published articles whose time is today (WITA), live already or still scheduled."""
    start, end = today_bounds()
    return (
        articles.filter(status=Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
        .select_related("region")
        .order_by("published_at", "pk")
    )


@dataclass
class Cell:
    count: int
    level: int


@dataclass
class CoverageRow:
    region: Region
    cells: list[Cell]
    total: Cell


@dataclass
class Coverage:
    since: datetime.datetime
    programs: list[ProgramTag]
    rows: list[CoverageRow]

    @property
    def gaps(self) -> list[Region]:
        """Regencies with no live article at all in the period."""
        return [row.region for row in self.rows if row.total.count == 0]


def regency_slug(path: str) -> str | None:
    """``ntt/belu/atambua/`` → ``belu``; the province itself has no regency."""
    parts = path.strip("/").split("/")
    return parts[1] if len(parts) >= 2 else None


def coverage(*, days: int = COVERAGE_DAYS) -> Coverage:
    """Live articles per regency × program over the last ``days`` days (five queries).

    An article counts for every regency its primary or other regions lie in,
    districts and villages included, and for every program it is tagged with.
    """
    since = timezone.now() - datetime.timedelta(days=days)
    live = Article.objects.live().filter(published_at__gte=since)
    regencies = list(
        Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).order_by("name")
    )
    programs = list(ProgramTag.objects.order_by("name"))

    places: dict[int, set[str]] = defaultdict(set)
    primary = live.filter(region__isnull=False).order_by().values_list("pk", "region__path")
    others = Article.regions.through.objects.filter(article__in=live).values_list(
        "article_id", "region__path"
    )
    for rows in (primary, others):
        for article_id, path in rows:
            slug = regency_slug(path)
            if slug:
                places[article_id].add(slug)
    topics: dict[int, set[int]] = defaultdict(set)
    for article_id, tag_id in ProgramTaggedArticle.objects.filter(
        content_object__in=live
    ).values_list("content_object_id", "tag_id"):
        topics[article_id].add(tag_id)

    counts: dict[tuple[str, int], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for article_id, slugs in places.items():
        for slug in slugs:
            totals[slug] += 1
            for tag_id in topics.get(article_id, ()):
                counts[slug, tag_id] += 1

    # Program cells are shaded against the busiest cell, totals against the busiest total.
    busiest = max(counts.values(), default=0)
    busiest_total = max(totals.values(), default=0)
    rows = [
        CoverageRow(
            region=region,
            cells=[heat(counts[region.slug, program.pk], busiest) for program in programs],
            total=heat(totals[region.slug], busiest_total),
        )
        for region in regencies
    ]
    return Coverage(since=since, programs=programs, rows=rows)


def heat(count: int, busiest: int) -> Cell:
    """Level 0 is a gap; 1 to ``HEAT_LEVELS`` rise with the count, the busiest at the top."""
    if count == 0:
        return Cell(0, 0)
    return Cell(count, max(1, -(-count * HEAT_LEVELS // busiest)))
