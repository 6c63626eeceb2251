"""The change list's filters: queues, the trash, schedule, live, program, reporter, year."""

import datetime

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.filters import wita_midnight
from articles.models import Article, ArticleEvent, Journalist, ProgramTag, ProgramTaggedArticle

Status = Article.Status
Action = ArticleEvent.Action


class QueueFilter(admin.SimpleListFilter):
    title = gettext_lazy("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        queues = []
        if workflow.is_desk(request.user):
            queues.append(("review", _("Review queue (oldest first)")))
        queues += [("mine", _("My articles")), ("returned", _("Returned for changes"))]
        return queues

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(status=Status.IN_REVIEW)
        if self.value() == "mine":
            return queryset.filter(bylines__journalist__user=request.user)
        if self.value() == "returned":
            return queryset.filter(status=Status.DRAFT, last_action=Action.RETURN)
        return queryset


class TrashFilter(admin.SimpleListFilter):
    """The trash is a view of its own, for the desk; every other list leaves it out."""

    title = gettext_lazy("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", _("In the trash"))] if workflow.is_desk(request.user) else []

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.in_trash()
        return queryset.not_in_trash()


class YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]


class ScheduledFilter(YesNoFilter):
    title = gettext_lazy("scheduled")
    parameter_name = "scheduled"

    def queryset(self, request, queryset):
        scheduled = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        if self.value() == "yes":
            return queryset.filter(pk__in=scheduled.values("pk"))
        if self.value() == "no":
            return queryset.exclude(pk__in=scheduled.values("pk"))
        return queryset


class LiveFilter(YesNoFilter):
    title = gettext_lazy("live")
    parameter_name = "live"

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.live()
        if self.value() == "no":
            return queryset.exclude(pk__in=Article.objects.live().values("pk"))
        return queryset


class ProgramFilter(admin.SimpleListFilter):
    title = gettext_lazy("program")
    parameter_name = "program"

    def lookups(self, request, model_admin):
        return [(tag.slug, tag.name) for tag in ProgramTag.objects.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            # A correlated EXISTS: the list still walks its own order's index.
            tagged = ProgramTaggedArticle.objects.filter(
                content_object=OuterRef("pk"), tag__slug=self.value()
            )
            return queryset.filter(Exists(tagged))
        return queryset


class ReporterFilter(admin.SimpleListFilter):
    title = gettext_lazy("reporter")
    parameter_name = "reporter"

    def lookups(self, request, model_admin):
        # Per journalist, the first visible article they sign (a correlated
        # EXISTS: no list of every visible article).
        signed = workflow.articles_for(request.user).filter(bylines__journalist=OuterRef("pk"))
        journalists = Journalist.objects.filter(Exists(signed)).order_by("name")
        return [(journalist.slug, journalist.name) for journalist in journalists]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(bylines__journalist__slug=self.value())
        return queryset


class PublishedYearFilter(admin.SimpleListFilter):
    """The publication year (WITA), in place of a date drill-down.

    Django's date hierarchy lists the years, then months, then days that hold
    an article, each a DISTINCT over every matching article. The years here
    run from the oldest publication to the newest, read off the two ends of
    the publication index; a year is a range on that index.
    """

    title = gettext_lazy("year published")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        dated = Article.objects.exclude(published_at=None).values_list("published_at", flat=True)
        newest = dated.order_by("-published_at", "-id").first()
        oldest = dated.order_by("published_at", "id").first()
        if newest is None:
            return []
        first, last = (timezone.localtime(moment).year for moment in (oldest, newest))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        year = int(self.value())
        return queryset.filter(
            published_at__gte=wita_midnight(datetime.date(year, 1, 1)),
            published_at__lt=wita_midnight(datetime.date(year + 1, 1, 1)),
        )
