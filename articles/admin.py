"""The admin as the newsroom's workplace.

Access is decided in one place: ``ArticleAdmin.get_queryset`` (what a user may
see, from ``workflow.articles_for``) and the ``has_*_permission`` methods
(what they may do with one article). Every admin URL for an article, the extra
ones in ``get_urls`` included, fetches it through ``get_object``, which turns
an article outside the user's queryset into a 404.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from js_asset import Media

from articles import admin_views, workflow
from articles.admin_views import TRANSITION_LABELS, event_message, status_badge
from articles.forms import ArticleAdminForm, JournalistAdminForm, TransitionForm
from articles.models import (
    Article,
    ArticleEvent,
    ArticleReporter,
    Journalist,
    ProgramTag,
)
from articles.revisions import StaleVersion, claim_version, record_baseline, record_revision
from articles.sanitize import clean_html

Status = Article.Status
Action = ArticleEvent.Action


admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = gettext_lazy("Newsroom")


class EditConflict(Exception):
    """Another save won the race after this form was validated."""


@admin.register(ProgramTag)
class ProgramTagAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "slug"]
    search_fields = ["name", "full_name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    form = JournalistAdminForm
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "user__username"]
    list_select_related = ["user"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class ArticleReporterInline(admin.TabularInline):
    model = ArticleReporter
    extra = 0
    autocomplete_fields = ["journalist"]
    fields = ["journalist", "position"]
    verbose_name = gettext_lazy("reporter")
    verbose_name_plural = gettext_lazy("reporters (byline order)")

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and _editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _editable(request, obj)


def _editable(request, article: Article | None) -> bool:
    return article is None or workflow.can_edit(request.user, article)


# List filters ------------------------------------------------------------------


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


# The article admin ----------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_badge",
        "byline",
        "region",
        "published_wita",
    ]
    list_filter = [
        QueueFilter,
        TrashFilter,
        "status",
        ScheduledFilter,
        LiveFilter,
        ("region", admin.RelatedOnlyFieldListFilter),
        ProgramFilter,
        ReporterFilter,
    ]
    search_fields = ["title", "slug", "dek", "original_byline", "bylines__journalist__name"]
    list_select_related = ["region"]
    list_per_page = 50
    # The latest work first; the review queue orders by submission instead.
    ordering = ["-updated_at", "-pk"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "regions", "editor", "related"]
    inlines = [ArticleReporterInline]
    save_on_top = True
    readonly_fields = [
        "status_display",
        "published_display",
        "focal_point_picker",
        "source_checksum",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "base_version",
                    "title",
                    "title_derived",
                    "slug",
                    "dek",
                    "summary_points",
                    "body",
                ]
            },
        ),
        (
            gettext_lazy("Place and topic"),
            {"fields": ["dateline_city", "region", "regions", "programs"]},
        ),
        (
            gettext_lazy("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                    ("focal_x", "focal_y"),
                    "focal_point_picker",
                ]
            },
        ),
        (gettext_lazy("Related"), {"fields": ["related"]}),
        (
            gettext_lazy("Publication"),
            {"fields": ["status_display", "published_display", "editor"]},
        ),
        (
            gettext_lazy("Provenance"),
            {
                "classes": ["collapse"],
                "fields": [
                    "outlet",
                    "original_url",
                    "original_byline",
                    "rights_line",
                    "source_checksum",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    actions = [
        "submit_selected",
        "publish_selected",
        "schedule_selected",
        "return_selected",
        "unpublish_selected",
        "trash_selected",
        "restore_selected",
    ]

    class Media:
        css = {"all": ["articles/admin/workflow.css"]}
        js = ["articles/admin/focal-point.js"]

    # Who sees what ------------------------------------------------------------

    def get_queryset(self, request):
        # The trash is in the queryset (for the desk) so that TrashFilter can show it
        # and its articles open read-only; TrashFilter leaves it out of the lists.
        articles = workflow.articles_for(request.user, with_trash=True)
        queryset = workflow.with_history(articles).prefetch_related("bylines__journalist")
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_ordering(self, request):
        if request.GET.get(QueueFilter.parameter_name) == "review":
            return ["submitted_at", "pk"]
        return self.ordering

    def get_object(self, request, object_id, from_field=None):
        """An article the user may not see is, for them, an article that does not exist."""
        article = super().get_object(request, object_id, from_field)
        if article is None:
            raise Http404(_("No such article."))
        return article

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_see(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or (workflow.is_desk(request.user) and not obj.in_trash))

    def has_add_permission(self, request):
        # A reporter's new article is theirs through their byline, so they need a journalist.
        return super().has_add_permission(request) and (
            workflow.is_desk(request.user) or _journalist_of(request.user) is not None
        )

    def has_publish_permission(self, request):
        return workflow.is_desk(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.is_desk(request.user):
            fields.append("editor")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # A read-only view shows the body as the page would, and no form plumbing.
        swap = {"body": "body_html"}
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        swap.get(field, field)
                        for field in options["fields"]
                        if field != "base_version"
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related" and not workflow.is_desk(request.user):
            kwargs["queryset"] = _relatable_for(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # A reporter may link any live article as "Baca juga", not only their own.
        if (
            request.path == reverse("admin:autocomplete")
            and request.GET.get("field_name") == "related"
            and not workflow.is_desk(request.user)
        ):
            queryset = _relatable_for(request.user)
        return super().get_search_results(request, queryset, search_term)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    # Saving: version check, byline, revision -------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # The transaction was rolled back; validating again shows the newer version.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return
        if change:
            record_baseline(obj)
            self._claim(obj, form)
        obj.save()
        form.content_saved = True

    def save_related(self, request, form, formsets, change):
        article = form.instance
        content_saved = getattr(form, "content_saved", False)
        bylines_changed = any(formset.has_changed() for formset in formsets)
        if change and bylines_changed and not content_saved:
            record_baseline(article)
            self._claim(article, form)
        super().save_related(request, form, formsets, change)
        journalist = _journalist_of(request.user)
        if not workflow.is_desk(request.user) and journalist is not None:
            keep_on_byline(article, journalist)
        if not (content_saved or bylines_changed):
            return
        if not content_saved:
            article.save(update_fields=["version", "updated_at"])
        record_revision(article, by=request.user)

    def _claim(self, article: Article, form) -> None:
        try:
            claim_version(article, expected=form.cleaned_data.get("base_version") or 0)
        except StaleVersion:
            raise EditConflict from None

    # Deleting moves to the trash --------------------------------------------------

    def delete_model(self, request, obj):
        workflow.move_to_trash(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.move_to_trash(article, by=request.user)

    def get_deleted_objects(self, objs, request):
        """Nothing is deleted: the confirmation lists only what goes to the trash.
        (``delete_view`` has checked ``has_delete_permission`` already.)"""
        titles = [str(article) for article in objs]
        return titles, {self.opts.verbose_name_plural: len(titles)}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(
            request,
            _("“%(title)s” is in the trash. An editor can restore it from there.")
            % {"title": obj_display},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def get_actions(self, request):
        """Deleting is trashing, with no confirmation needed: the trash can be undone.
        The trash view offers only restore; the other lists never offer it."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        in_trash = request.GET.get(TrashFilter.parameter_name) == "yes"
        for name in list(actions):
            if (name == "restore_selected") is not in_trash:
                del actions[name]
        return actions

    def response_add(self, request, obj, post_url_continue=None):
        if "_workflow" in request.POST:
            return self._run_button(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_workflow" in request.POST:
            return self._run_button(request, obj)
        return super().response_change(request, obj)

    def _run_button(self, request, article: Article):
        """A workflow button in the change form: the edits are saved; now the transition."""
        name = request.POST["_workflow"]
        form = TransitionForm(request.POST, prefix="workflow")
        try:
            event = form.apply(name, article, by=request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, event_message(event), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    # The change form's workflow panel ---------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow"] = admin_views.workflow_panel(self, request, obj)
        # The rich-text editor's import map is an inline script: it runs under the
        # Content-Security-Policy only with this request's nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Extra pages --------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        def bind(function):
            return wrap(lambda request, *args, **kwargs: function(self, request, *args, **kwargs))

        return [
            path("import/", bind(admin_views.import_view), name="articles_article_import"),
            path(
                "<path:object_id>/history/compare/",
                bind(admin_views.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version>/restore/",
                bind(admin_views.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/preview/",
                bind(admin_views.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/share/",
                bind(admin_views.share_view),
                name="articles_article_share",
            ),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                bind(admin_views.revoke_view),
                name="articles_article_revoke",
            ),
            path(
                "<path:object_id>/untrash/",
                bind(admin_views.untrash_view),
                name="articles_article_untrash",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        return admin_views.history_view(self, request, object_id)

    # Change list columns --------------------------------------------------------

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, article: Article):
        # The badge also says whether the article is live, so no separate column.
        return status_badge(article)

    @admin.display(description=gettext_lazy("reporters"))
    def byline(self, article: Article):
        return ", ".join(byline.journalist.name for byline in article.bylines.all())

    @admin.display(description=gettext_lazy("published at"), ordering="published_at")
    def published_wita(self, article: Article):
        return workflow.format_wita(article.published_at) if article.published_at else "–"

    # Read-only fields on the change form ---------------------------------------------

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, article: Article):
        return status_badge(article) if article.pk else _("draft (not saved yet)")

    @admin.display(description=gettext_lazy("published at"))
    def published_display(self, article: Article):
        if article.published_at is None:
            return _("not yet")
        return workflow.format_wita(article.published_at)

    @admin.display(description=gettext_lazy("body"))
    def body_html(self, article: Article):
        return format_html('<div class="article-body-preview">{}</div>', _safe_body(article))

    @admin.display(description=gettext_lazy("focal point"))
    def focal_point_picker(self, article: Article):
        """The lead image with a marker; clicking it fills in the two numbers above."""
        click = _(
            "Click the image to set the point crops keep in view, or type the two numbers above."
        )
        return format_html(
            '<div class="focal-field"><div class="focal-picker" data-focal-x="{x}" '
            'data-focal-y="{y}"><img src="{src}" alt="" {hidden}>'
            '<span class="focal-marker" aria-hidden="true"></span></div>'
            '<div class="focal-help" data-with-image="{click}">{help}</div></div>',
            x=article.focal_x,
            y=article.focal_y,
            src=article.lead_image.url if article.lead_image else "",
            hidden="" if article.lead_image else "hidden",
            click=click,
            help=click
            if article.lead_image
            else _("Choose an image above; you can then click it here to set the focal point."),
        )

    # Admin actions: the same workflow functions, many articles at once -------------

    @admin.action(description=gettext_lazy("Submit selected for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit", needs=None)

    @admin.action(description=gettext_lazy("Publish selected now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish", needs=None)

    @admin.action(description=gettext_lazy("Schedule selected…"), permissions=["publish"])
    def schedule_selected(self, request, queryset):
        return self._bulk(request, queryset, "schedule", needs="at")

    @admin.action(description=gettext_lazy("Return selected to draft…"), permissions=["publish"])
    def return_selected(self, request, queryset):
        return self._bulk(request, queryset, "return", needs="reason")

    @admin.action(description=gettext_lazy("Unpublish selected…"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        return self._bulk(request, queryset, "unpublish", needs="reason")

    @admin.action(description=gettext_lazy("Move selected to the trash"), permissions=["delete"])
    def trash_selected(self, request, queryset):
        return self._bulk(request, queryset, "trash", needs=None)

    @admin.action(
        description=gettext_lazy("Restore selected from the trash"), permissions=["publish"]
    )
    def restore_selected(self, request, queryset):
        return self._bulk(request, queryset, "restore", needs=None)

    def _bulk(self, request, queryset, name: str, *, needs: str | None):
        """Run one transition on each selected article; an input is asked for first."""
        if needs is None:
            form = TransitionForm({}, prefix="workflow")
        elif "apply" not in request.POST:
            return self._ask(request, queryset, name, TransitionForm(prefix="workflow"), needs)
        else:
            form = TransitionForm(request.POST, prefix="workflow")
            if form.is_valid() and not form.cleaned_data[needs]:
                form.add_error(needs, _("This field is required."))
            if not form.is_valid():
                return self._ask(request, queryset, name, form, needs)
        done, refused = 0, []
        for article in queryset:
            try:
                form.apply(name, article, by=request.user)
            except workflow.WorkflowError as error:
                refused.append(f"{article.title}: {error.message}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(action)s: %(count)d article.",
                    "%(action)s: %(count)d articles.",
                    done,
                )
                % {"count": done, "action": TRANSITION_LABELS[name]},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)
        return None

    def _ask(self, request, queryset, name: str, form: TransitionForm, needs: str):
        """The page between choosing an action and running it, for its reason or time."""
        return TemplateResponse(
            request,
            "admin/articles/article/transition_action.html",
            {
                **self.admin_site.each_context(request),
                "title": TRANSITION_LABELS[name],
                "opts": self.opts,
                "articles": queryset,
                "field": form[needs],
                "action": request.POST["action"],
                "button": TRANSITION_LABELS[name],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


def keep_on_byline(article: Article, journalist: Journalist) -> None:
    """A reporter stays on the byline of what they write, or they would lose it."""
    if not article.bylines.filter(journalist=journalist).exists():
        ArticleReporter.objects.create(
            article=article, journalist=journalist, position=article.bylines.count()
        )


def _journalist_of(user) -> Journalist | None:
    if not user.is_authenticated:
        return None
    return Journalist.objects.filter(user=user).first()


def _relatable_for(user):
    """What a reporter may link as related: their own articles and anything live."""
    own = workflow.articles_for(user).values("pk")
    return Article.objects.filter(pk__in=own) | Article.objects.filter(
        pk__in=Article.objects.live().values("pk")
    )


def _safe_body(article: Article) -> str:
    # Sanitized against the allowlist on every save; cleaned again here for display.
    return mark_safe(clean_html(article.body))  # nosec B308, B703
