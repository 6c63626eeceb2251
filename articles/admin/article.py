"""The article admin: the change list and the change form.

Access is decided in one place: ``ArticleAdmin.get_queryset`` (what a user may
see, from ``workflow.articles_for``) and the ``has_*_permission`` methods
(what they may do with one article). Every admin URL for an article, the extra
pages of the mixins included, fetches it through ``get_object``, which turns
an article outside the user's queryset into a 404.
"""

from django.contrib import admin, messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import content, workflow
from articles.admin.actions import BulkTransitionsMixin
from articles.admin.autosave import AutosaveMixin
from articles.admin.changelist import ChangeListMixin, relatable_for
from articles.admin.display import DisplayMixin
from articles.admin.filters import (
    LiveFilter,
    ProgramFilter,
    PublishedYearFilter,
    QueueFilter,
    ReporterFilter,
    ScheduledFilter,
    TrashFilter,
)
from articles.admin.forms import ArticleAdminForm
from articles.admin.history import HistoryMixin
from articles.admin.import_page import ImportPageMixin
from articles.admin.notes import NotesMixin
from articles.admin.previews import PreviewMixin
from articles.admin.trash import TrashMixin
from articles.admin.workflow_panel import WorkflowPanelMixin
from articles.models import Article, ArticleReporter, Journalist
from articles.revisions import StaleVersion, claim_version, record_baseline, record_revision

# The admin's own fields beside the content, by section: (before, after).
ADMIN_FIELDS = {
    "text": (["base_version", "seen_version"], []),
    "image": ([], ["focal_point_picker"]),
    "publication": (["status_display", "published_display"], []),
    "provenance": ([], ["source_checksum", "created_at", "updated_at"]),
}
COLLAPSED = {"provenance"}


def article_fieldsets() -> list:
    """``content.SECTIONS``, with the admin's read-only fields and form plumbing."""
    fieldsets = []
    for section in content.SECTIONS:
        before, after = ADMIN_FIELDS.get(section.key, ([], []))
        options = {"fields": [*before, *section.rows, *after]}
        if section.key in COLLAPSED:
            options["classes"] = ["collapse"]
        fieldsets.append((section.label, options))
    return fieldsets


class EditConflict(Exception):
    """Another save won the race after this form was validated."""


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


# The article admin ----------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(
    ChangeListMixin,
    DisplayMixin,
    WorkflowPanelMixin,
    AutosaveMixin,
    NotesMixin,
    BulkTransitionsMixin,
    HistoryMixin,
    PreviewMixin,
    TrashMixin,
    ImportPageMixin,
    admin.ModelAdmin,
):
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
        # Every region, not only those used: RelatedOnlyFieldListFilter reads
        # every article's region to find them.
        ("region", admin.RelatedFieldListFilter),
        ProgramFilter,
        ReporterFilter,
        PublishedYearFilter,
    ]
    # Searched through the full-text index and the journalists' names
    # (``get_search_results``); the admin's own LIKE over these and the
    # bylines would read every article.
    search_fields = ["title", "dek", "body", "bylines__journalist__name"]
    list_select_related = ["region"]
    list_per_page = 50
    # Counted only a few pages ahead, like the public lists: no count of the
    # whole archive, filtered or not (newsroom.pagination).
    show_full_result_count = False
    # The latest work first; the review queue orders by submission instead.
    ordering = ["-updated_at", "-pk"]
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
    fieldsets = article_fieldsets()

    class Media:
        css = {"all": ["articles/admin/workflow.css"]}
        js = [
            "articles/admin/focal-point.js",
            "articles/admin/autosave.js",
            "articles/admin/editor-words.js",
        ]

    # Who sees what ------------------------------------------------------------

    def get_queryset(self, request):
        # The trash is in the queryset (for the desk) so that TrashFilter can show it
        # and its articles open read-only; TrashFilter leaves it out of the lists.
        articles = workflow.articles_for(request.user, with_trash=True)
        # No order here: the change list orders by get_ordering, and a column
        # chosen to sort by must not be followed by this order, which no index
        # would serve together with it.
        return workflow.with_history(articles).prefetch_related("bylines__journalist")

    def get_ordering(self, request):
        if request.GET.get(QueueFilter.parameter_name) == "review":
            return ["submitted_at", "pk"]
        if request.GET.get(PublishedYearFilter.parameter_name):
            # A year reads off the publication index, in its order.
            return ["-published_at", "-pk"]
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
            workflow.is_desk(request.user) or Journalist.objects.for_user(request.user) is not None
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
                        if field not in ("base_version", "seen_version")
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related" and not workflow.is_desk(request.user):
            kwargs["queryset"] = relatable_for(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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
        if form.merged:
            self.message_user(
                request,
                _("Someone else changed %(fields)s meanwhile; their changes are kept with yours.")
                % {"fields": ", ".join(form.merged)},
                messages.INFO,
            )

    def save_related(self, request, form, formsets, change):
        article = form.instance
        content_saved = getattr(form, "content_saved", False)
        bylines_changed = any(formset.has_changed() for formset in formsets)
        if change and bylines_changed and not content_saved:
            record_baseline(article)
            self._claim(article, form)
        super().save_related(request, form, formsets, change)
        journalist = Journalist.objects.for_user(request.user)
        # A reporter keeps their byline; the author of a new article given no byline signs it.
        if journalist is not None and (
            not workflow.is_desk(request.user) or not (change or article.bylines.exists())
        ):
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


def keep_on_byline(article: Article, journalist: Journalist) -> None:
    """A reporter stays on the byline of what they write, or they would lose it."""
    if not article.bylines.filter(journalist=journalist).exists():
        ArticleReporter.objects.create(
            article=article, journalist=journalist, position=article.bylines.count()
        )
