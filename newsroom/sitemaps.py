"""Sitemaps: an index over articles, regions, programs and reporters, and a
Google News sitemap of the last two days.

Every section reads ``Article.objects.live()`` and paginates, so each sitemap
page costs the same few queries however large the archive grows.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from articles.models import Article, Journalist, ProgramTag
from regions.models import Region

NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.live()
            .with_last_correction()
            .only("slug", "published_at", "created_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article):
        return article.date_modified

    def get_latest_lastmod(self):
        """For the index, in two aggregate queries instead of walking every article."""
        live = Article.objects.live()
        published = live.aggregate(latest=Max("published_at"))["latest"]
        corrected = live.aggregate(latest=Max("corrections__created_at"))["latest"]
        return max((moment for moment in (published, corrected) if moment), default=None)


class RegionSitemap(Sitemap):
    def items(self):
        return Region.objects.order_by("path")


class ProgramSitemap(Sitemap):
    def items(self):
        return ProgramTag.objects.order_by("name")


class ReporterSitemap(Sitemap):
    """Journalists with at least one live byline: the others' pages are empty."""

    def items(self):
        return Journalist.objects.with_live_bylines().order_by("slug")


class NewsSitemap(Sitemap):
    """Google News: live articles of the last two days, at most 1,000."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.live()
            .filter(published_at__gte=since)
            .with_last_correction()
            .order_by("-published_at", "-id")[:NEWS_LIMIT]
        )

    def lastmod(self, article: Article):
        return article.date_modified


SITEMAPS = {
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "programs": ProgramSitemap,
    "reporters": ReporterSitemap,
}
