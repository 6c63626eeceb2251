from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleReporter, Journalist, ProgramTag


@admin.register(ProgramTag)
class ProgramTagAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "slug"]
    search_fields = ["name", "full_name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "is_live", "published_at", "region", "outlet", "updated_at"]
    list_filter = [
        "status",
        "outlet",
        "title_derived",
        ("region", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "dek", "original_byline"]
    list_select_related = ["region"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["region", "regions", "editor", "related"]
    inlines = [ArticleReporterInline]
    readonly_fields = ["version", "source_checksum", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "title_derived", "slug", "dek", "summary_points", "body"]}),
        (_("Place and topic"), {"fields": ["dateline_city", "region", "regions", "programs"]}),
        (_("Publication"), {"fields": ["status", "published_at", "editor", "version"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                    ("focal_x", "focal_y"),
                ]
            },
        ),
        (_("Related"), {"fields": ["related"]}),
        (
            _("Provenance"),
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

    @admin.display(boolean=True, description=_("live"))
    def is_live(self, article: Article) -> bool:
        return article.is_live
