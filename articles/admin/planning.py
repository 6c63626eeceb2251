"""Planning: the desk assigns stories (slug line, place, program, reporter, due time),
reporters start their drafts from them, and the planning page shows today and
tomorrow by region: what is assigned, in progress, in review, scheduled, published."""

import datetime
from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.dashboard import regency_slug, today_bounds
from articles.admin.pages import article_url
from articles.importing.service import unique_slug
from articles.models import Article, ArticleReporter, Assignment, Journalist
from articles.revisions import record_revision
from newsroom.wita import format_wita
from regions.models import Region

Status = Article.Status
# The most items one day of the planning page shows.
PLAN_LIMIT = 200


class Stage:
    ASSIGNED = gettext_lazy("assigned")
    IN_PROGRESS = gettext_lazy("in progress")
    IN_REVIEW = gettext_lazy("in review")
    SCHEDULED = gettext_lazy("scheduled")
    PUBLISHED = gettext_lazy("published")
    UNPUBLISHED = gettext_lazy("unpublished")


def stage_of(article: Article | None) -> Promise:
    if article is None:
        return Stage.ASSIGNED
    if article.status == Status.DRAFT:
        return Stage.IN_PROGRESS
    if article.status == Status.IN_REVIEW:
        return Stage.IN_REVIEW
    if workflow.is_scheduled(article):
        return Stage.SCHEDULED
    if article.status == Status.PUBLISHED:
        return Stage.PUBLISHED
    return Stage.UNPUBLISHED


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["slug_line", "reporter", "region", "due_wita", "stage"]
    list_select_related = ["reporter", "region", "article"]
    list_filter = ["reporter"]
    search_fields = ["slug_line"]
    autocomplete_fields = ["region", "reporter"]
    fields = ["slug_line", "brief", "region", "program", "reporter", "due_at", "article"]
    readonly_fields = ["article"]

    # The desk plans; a reporter sees what is assigned to them.

    def get_queryset(self, request):
        assignments = super().get_queryset(request)
        if workflow.is_desk(request.user):
            return assignments
        return assignments.filter(reporter__user=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(workflow.CHANGE_PERMISSION)

    def has_add_permission(self, request):
        return workflow.is_desk(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.is_desk(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.is_desk(request.user) and (obj is None or obj.article_id is None)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("due"), ordering="due_at")
    def due_wita(self, assignment: Assignment) -> str:
        return format_wita(assignment.due_at)

    @admin.display(description=gettext_lazy("stage"))
    def stage(self, assignment: Assignment) -> str:
        return str(stage_of(assignment.article))

    def get_urls(self):
        return [
            path(
                "planning/",
                self.admin_site.admin_view(self.planning_view),
                name="articles_assignment_planning",
            ),
            path(
                "<int:assignment_id>/start/",
                self.admin_site.admin_view(require_POST(self.start_view)),
                name="articles_assignment_start",
            ),
            *super().get_urls(),
        ]

    def start_view(self, request, assignment_id: int):
        """The reporter starts the draft: title, region, program and byline come from
        the assignment; the article is theirs to write."""
        assignment = self.get_queryset(request).filter(pk=assignment_id).first()
        if assignment is None or not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        with transaction.atomic():
            assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
            if assignment.article_id is None:
                assignment.article = start_draft(assignment, by=request.user)
                assignment.save(update_fields=["article"])
                messages.success(request, _("The draft is started; write it here."))
        return HttpResponseRedirect(article_url("change", assignment.article))

    def planning_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        start, _end = today_bounds()
        days = [
            plan_day(start, _("Today")),
            plan_day(start + datetime.timedelta(days=1), _("Tomorrow")),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Planning"),
            "days": days,
        }
        return TemplateResponse(request, "admin/articles/assignment/planning.html", context)


def start_draft(assignment: Assignment, *, by) -> Article:
    article = Article.objects.create(
        title=assignment.slug_line,
        slug=unique_slug(assignment.slug_line),
        dek=assignment.brief[:300],
        region=assignment.region,
    )
    if assignment.region is not None:
        article.regions.add(assignment.region)
    if assignment.program is not None:
        article.programs.add(assignment.program)
    ArticleReporter.objects.create(article=article, journalist=assignment.reporter, position=0)
    record_revision(article, by=by, note=_("Started from the assignment"))
    return article


@dataclass
class PlanItem:
    title: str
    reporter: str
    stage: Promise
    when: str
    url: str


@dataclass
class PlanRegion:
    name: str
    items: list[PlanItem] = field(default_factory=list)


@dataclass
class PlanDay:
    label: str
    date: datetime.date
    regions: list[PlanRegion]


def plan_day(start: datetime.datetime, label: str) -> PlanDay:
    """One day (WITA) of the plan by regency: assignments due that day, and articles
    published or scheduled that day; on today, also what is in progress or in review."""
    end = start + datetime.timedelta(days=1)
    items: list[tuple[str | None, PlanItem]] = []
    assignments = (
        Assignment.objects.filter(due_at__gte=start, due_at__lt=end)
        .select_related("reporter", "region", "article")
        .order_by("due_at", "id")[:PLAN_LIMIT]
    )
    planned = set()
    for assignment in assignments:
        article = assignment.article
        if article is not None:
            planned.add(article.pk)
        items.append(
            (
                assignment.region.path if assignment.region else None,
                PlanItem(
                    title=article.title if article else assignment.slug_line,
                    reporter=assignment.reporter.name,
                    stage=stage_of(article),
                    when=format_wita(assignment.due_at),
                    url=article_url("change", article)
                    if article
                    else reverse("admin:articles_assignment_change", args=[assignment.pk]),
                ),
            )
        )
    articles = Article.objects.not_in_trash().filter(
        status=Status.PUBLISHED, published_at__gte=start, published_at__lt=end
    )
    if start <= timezone.now() < end:
        articles = articles | Article.objects.not_in_trash().filter(
            status__in=[Status.DRAFT, Status.IN_REVIEW], updated_at__gte=start
        )
    articles = (
        articles.exclude(pk__in=planned)
        .select_related("region")
        .prefetch_related("bylines__journalist")
        .order_by("published_at", "updated_at")[:PLAN_LIMIT]
    )
    for article in articles:
        items.append(
            (
                article.region.path if article.region else None,
                PlanItem(
                    title=article.title,
                    reporter=", ".join(b.journalist.name for b in article.bylines.all()),
                    stage=stage_of(article),
                    when=format_wita(article.published_at) if article.published_at else "–",
                    url=article_url("change", article),
                ),
            )
        )
    return PlanDay(label=label, date=start.date(), regions=by_regency(items))


def by_regency(items: list[tuple[str | None, PlanItem]]) -> list[PlanRegion]:
    names = {
        region.slug: region.name
        for region in Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])
    }
    groups: dict[str, PlanRegion] = {}
    for path_, item in items:
        if path_ is None:
            name = _("No region yet")
        else:
            slug = regency_slug(path_)
            name = names.get(slug, "") if slug else _("The whole province")
        groups.setdefault(name, PlanRegion(name)).items.append(item)
    return sorted(groups.values(), key=lambda group: group.name)


def reporter_assignments(user) -> list[Assignment]:
    """What is assigned to ``user`` and not started yet, soonest first."""
    journalist = Journalist.objects.for_user(user)
    if journalist is None:
        return []
    return list(
        Assignment.objects.filter(reporter=journalist, article=None)
        .select_related("region")
        .order_by("due_at")[:20]
    )
