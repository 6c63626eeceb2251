"""The change list's filters: queues, the trash, schedule, live, program, reporter."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.models import Article, ArticleEvent, ArticleReporter, Journalist, ProgramTag

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
            return queryset.filter(program_links__tag__slug=self.value())
        return queryset


class ReporterFilter(admin.SimpleListFilter):
    title = gettext_lazy("reporter")
    parameter_name = "reporter"

    def lookups(self, request, model_admin):
        visible = workflow.articles_for(request.user).values("pk")
        journalists = Journalist.objects.filter(
            Exists(ArticleReporter.objects.filter(journalist=OuterRef("pk"), article__in=visible))
        ).order_by("name")
        return [(journalist.slug, journalist.name) for journalist in journalists]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(bylines__journalist__slug=self.value())
        return queryset
