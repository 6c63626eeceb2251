"""RSS 2.0 and Atom feeds: the whole site, one region, one program.

Item GUIDs are tag URIs built from the article's id and creation date, so they
survive a new slug or a new publication date. RSS carries the publication
time; Atom's ``updated`` is ``Article.date_modified``, which moves only when
a correction is published, never on a plain re-save.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.listing import Kind, Listed, lines, newest_first
from articles.models import (
    Article,
    ArticleReporter,
    ProgramTag,
    ProgramTaggedArticle,
)
from newsroom import surrogate
from newsroom.wita import in_wita
from regions.models import Region

FEED_SIZE = 30


@dataclass(frozen=True)
class Subject:
    """What a feed is about (None for the whole site), and the host that names its GUIDs."""

    host: str
    thing: Region | ProgramTag | None = None

    def __post_init__(self):
        if self.thing is not None:
            surrogate.shown(surrogate.key_of(self.thing), surrogate.list_key(self.thing))


def host_of(request) -> str:
    return split_domain_port(request.get_host())[0]


def guid(host: str, article: Article) -> str:
    """A tag URI (RFC 4151) that never changes for this article on this site."""
    return f"tag:{host},{article.created_at:%Y-%m-%d}:article:{article.pk}"


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"
    item_guid_is_permalink = False

    def get_object(self, request, *args, **kwargs) -> Subject:
        return Subject(host=host_of(request))

    def title(self, subject: Subject) -> str:
        if subject.thing is None:
            return settings.SITE_NAME
        return f"{subject.thing} · {settings.SITE_NAME}"

    def about(self, subject: Subject) -> str:
        """One plain sentence on the feed: Atom's subtitle (text), RSS's description."""
        return _("The latest news from East Nusa Tenggara.")

    def description(self, subject: Subject) -> str:
        # An RSS description is HTML to a feed reader, and ``about`` names places and programs.
        return escape(self.about(subject))

    def link(self, subject: Subject) -> str:
        return subject.thing.get_absolute_url() if subject.thing else reverse("home")

    def listed(self, subject: Subject) -> Listed:
        return Listed(lines())

    def items(self, subject: Subject) -> list[Article]:
        """Four queries: articles (with region and last correction), bylines, programs."""
        articles = newest_first(
            self.listed(subject)
            .articles(0, FEED_SIZE)
            .select_related("region")
            .with_last_correction()
            .prefetch_related(
                Prefetch("bylines", ArticleReporter.objects.select_related("journalist")),
                Prefetch(
                    "program_links",
                    ProgramTaggedArticle.objects.select_related("tag").order_by("tag__name"),
                ),
            )
        )
        for article in articles:
            article.feed_guid = guid(subject.host, article)
        return articles

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        # RSS descriptions and Atom summaries are HTML to a feed reader; these are plain text.
        return escape(article.dek or " ".join(article.summary_points) or article.title)

    def item_guid(self, article: Article) -> str:
        return article.feed_guid

    def item_pubdate(self, article: Article):
        return in_wita(article.published_at).replace(microsecond=0)

    def item_updateddate(self, article: Article):
        return in_wita(article.date_modified).replace(microsecond=0)

    def item_author_name(self, article: Article) -> str | None:
        reporters = [byline.journalist for byline in article.bylines.all()]
        surrogate.shown(*(surrogate.key_of(reporter) for reporter in reporters))
        return ", ".join(reporter.name for reporter in reporters) or None

    def item_categories(self, article: Article) -> list[str]:
        named = [link.tag for link in article.program_links.all()]
        if article.region:
            named.append(article.region)
        surrogate.shown(*(surrogate.key_of(thing) for thing in named))
        return [thing.name for thing in named]

    def item_copyright(self, article: Article) -> str | None:
        return article.rights_line or None


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.about


class RegionFeed(SiteFeed):
    def get_object(self, request, slug: str) -> Subject:
        return Subject(host=host_of(request), thing=get_object_or_404(Region, slug=slug))

    def about(self, subject: Subject) -> str:
        return _("The latest news from %(region)s.") % {"region": subject.thing}

    def listed(self, subject: Subject) -> Listed:
        return Listed(lines([(Kind.REGION, subject.thing.pk)]))


class RegionAtomFeed(RegionFeed):
    feed_type = Atom1Feed
    subtitle = RegionFeed.about


class ProgramFeed(SiteFeed):
    def get_object(self, request, slug: str) -> Subject:
        return Subject(host=host_of(request), thing=get_object_or_404(ProgramTag, slug=slug))

    def title(self, subject: Subject) -> str:
        return f"{subject.thing.name}: {subject.thing.full_name} · {settings.SITE_NAME}"

    def about(self, subject: Subject) -> str:
        return _("The latest news about %(program)s.") % {"program": subject.thing.full_name}

    def listed(self, subject: Subject) -> Listed:
        return Listed(lines([(Kind.PROGRAM, subject.thing.pk)]))


class ProgramAtomFeed(ProgramFeed):
    feed_type = Atom1Feed
    subtitle = ProgramFeed.about
