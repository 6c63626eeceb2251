"""Programs and journalists: the lists an admin keeps up to date."""

from django.contrib import admin

from articles.admin.forms import JournalistAdminForm
from articles.models import Journalist, ProgramTag


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
