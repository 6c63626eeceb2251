"""Internal notes: the desk and the reporters talk on the article itself. A note is
never public; the change form and the history show it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.admin.pages import ArticlePages, article_url
from articles.models import Note

NOTE_FIELD = "note-text"


class NotesMixin(ArticlePages):
    def get_urls(self):
        return [
            self.article_path("notes/", require_POST(self.note_view), "note"),
            *super().get_urls(),
        ]

    def note_view(self, request, object_id: str):
        """Anyone who works on the article may write a note on it, whatever its state."""
        article = self.article_for(request, object_id)
        if not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        text = request.POST.get(NOTE_FIELD, "").strip()
        if text:
            Note.objects.create(article=article, text=text, author=request.user)
            messages.success(request, _("Note added. The desk sees it on this article."))
        else:
            messages.error(request, _("Write the note first."))
        return HttpResponseRedirect(article_url("change", article) + "#notes")

    def notes_of(self, article) -> list[Note]:
        return list(article.notes.select_related("author__journalist"))
