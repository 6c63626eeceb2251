"""Nothing typed is lost: the change form sends what the user typed every few seconds
(``articles/admin/autosave.js``) to one autosave row per user and article, offers it
back when the form is opened again, and forgets it once the article is saved."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import content
from articles.admin.pages import ArticlePages, article_url
from articles.models import Article, Autosave

# What is kept: the content the form edits (files cannot be), and the version it
# was opened at, so that a restored text merges like any other stale form.
KEPT = [name for name in content.FORM_FIELDS if not content.is_file(name)]
VERSIONS = ["base_version", "seen_version"]
RESTORE = "autosave"


def form_data(post) -> dict:
    """The kept fields of a posted form; check boxes and multiple choices as lists."""
    data = {}
    for name in [*KEPT, *VERSIONS]:
        if name not in post:
            continue
        values = [value for value in post.getlist(name) if value != ""]
        if name in KEPT and content.is_list(name):
            data[name] = values
        else:
            data[name] = values[-1] if values else ""
    return data


class AutosaveMixin(ArticlePages):
    def get_urls(self):
        return [
            self.article_path(
                "autosave/", require_POST(self.autosave_view), "autosave_new", of_article=False
            ),
            self.article_path("autosave/", require_POST(self.autosave_view), "autosave"),
            *super().get_urls(),
        ]

    def autosave_view(self, request, object_id: str | None = None):
        """Keep what was typed (204), or forget it (``discard``) and reopen the form."""
        article = None
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            article = self.article_for(request, object_id)
            if not self.has_change_permission(request, article):
                raise PermissionDenied
        if "discard" in request.POST:
            self.forget_autosave(request, article)
            target = (
                article_url("change", article) if article else reverse("admin:articles_article_add")
            )
            return HttpResponseRedirect(target)
        Autosave.objects.update_or_create(
            user=request.user,
            article=article,
            defaults={"data": form_data(request.POST), "saved_at": timezone.now()},
        )
        return HttpResponse(status=204)

    def forget_autosave(self, request, article: Article | None) -> None:
        Autosave.objects.filter(user=request.user, article=article).delete()

    def autosave_for(self, request, article: Article | None) -> Autosave | None:
        """The user's autosave of this form, if it holds what the article does not."""
        autosave = Autosave.objects.filter(user=request.user, article=article).first()
        if autosave is None or (article is not None and autosave.saved_at <= article.updated_at):
            return None
        return autosave

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        autosave = self.autosave_for(request, obj) if RESTORE in request.GET else None
        if autosave is None:
            return form

        class Restored(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    self.initial.update(
                        (name, value)
                        for name, value in autosave.data.items()
                        if name in self.fields
                    )

        return Restored

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["autosave"] = {
            "url": article_url("autosave", obj)
            if obj
            else reverse("admin:articles_article_autosave_new"),
            "offer": None if RESTORE in request.GET else self.autosave_for(request, obj),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self.forget_autosave(request, None)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self.forget_autosave(request, obj)
        return super().response_change(request, obj)
