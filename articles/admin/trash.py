"""The trash: deleting an article in the admin moves it there, and the desk can
restore it as it was."""

from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.pages import ArticlePages, article_url


class TrashMixin(ArticlePages):
    def get_urls(self):
        return [
            self.article_path("untrash/", require_POST(self.untrash_view), "untrash"),
            *super().get_urls(),
        ]

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

    def untrash_view(self, request, object_id: str):
        """ "Pulihkan dari tempat sampah": the article comes back as it was."""
        article = self.article_for(request, object_id)
        restore = workflow.transition("restore")
        try:
            event = restore.apply(article, by=request.user, inputs={})
        except workflow.WorkflowError as error:
            if isinstance(error, PermissionDenied):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, restore.success_message(event))
        return HttpResponseRedirect(article_url("change", article))
