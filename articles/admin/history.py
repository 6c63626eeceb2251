"""History and diffs: an article's revisions and events, two versions side by side,
and restoring an older version as a new one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from articles import content
from articles.admin.pages import ArticlePages, article_url
from articles.models import ArticleEvent
from articles.revisions import (
    RestoreRefused,
    StaleVersion,
    compare_snapshots,
    restore_revision,
    snapshot,
)

Action = ArticleEvent.Action


class HistoryMixin(ArticlePages):
    def get_urls(self):
        return [
            self.article_path("history/compare/", self.compare_view, "compare"),
            self.article_path("history/<int:version>/restore/", self.restore_view, "restore"),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        article = self.article_for(request, object_id)
        revisions = list(article.revisions.select_related("created_by__journalist"))
        events = list(article.events.select_related("actor__journalist").order_by("-created_at"))
        name_states(events)
        context = {
            **self.article_page_context(request, article, _("History")),
            "revisions": revisions,
            "events": events,
            "notes": self.notes_of(article),
            "default_a": revisions[1].version if len(revisions) > 1 else None,
            "default_b": revisions[0].version if revisions else None,
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id: str):
        article = self.article_for(request, object_id)
        try:
            a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
        except ValueError:
            raise Http404(_("Choose two versions to compare.")) from None
        found = {rev.version: rev for rev in article.revisions.filter(version__in=[a, b])}
        if a not in found or b not in found:
            raise Http404(_("No such version."))
        old, new = sorted((found[a], found[b]), key=lambda rev: rev.version)
        diffs = compare_snapshots(old.snapshot, new.snapshot)
        title = _("Version %(old)s compared with version %(new)s") % {
            "old": old.version,
            "new": new.version,
        }
        context = {
            **self.article_page_context(request, article, title),
            "old": old,
            "new": new,
            "diffs": diffs,
            "changed": [diff for diff in diffs if diff.changed],
            "show_all": request.GET.get("all") == "1",
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id: str, version: int):
        article = self.article_for(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = article.revisions.filter(version=version).first()
        if revision is None:
            raise Http404(_("No such version."))
        if request.method == "POST":
            try:
                expected = int(request.POST.get("base_version", ""))
                restored = restore_revision(revision, by=request.user, expected_version=expected)
            except (ValueError, StaleVersion):
                messages.error(
                    request,
                    _(
                        "The article changed while you were looking at this page. Compare "
                        "again before restoring."
                    ),
                )
            except RestoreRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request,
                    _("Version %(old)s restored as version %(new)s.")
                    % {"old": revision.version, "new": restored.version},
                )
                if any(
                    restored.snapshot.get(name) != revision.snapshot.get(name)
                    for name in content.FORM_FIELDS
                    if content.is_file(name)
                ):
                    messages.warning(
                        request,
                        _(
                            "The lead image of version %(old)s was replaced and deleted since; "
                            "the current image was kept."
                        )
                        % {"old": revision.version},
                    )
                return HttpResponseRedirect(article_url("change", article))
        diffs = compare_snapshots(snapshot(article), revision.snapshot)
        title = _("Restore version %(version)s") % {"version": revision.version}
        context = {
            **self.article_page_context(request, article, title),
            "revision": revision,
            "changed": [diff for diff in diffs if diff.changed],
            "base_version": article.version,
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)


def name_states(events: list[ArticleEvent]) -> None:
    """Set each event's ``from_label`` and ``to_label`` as the newsroom says them: a
    publication still in the future is "scheduled", a trashed article "in the trash"."""
    previous = None
    for event in sorted(events, key=lambda event: (event.created_at, event.id)):
        event.to_label = {
            Action.SCHEDULE: _("scheduled"),
            Action.TRASH: _("in the trash"),
        }.get(event.action, event.get_to_status_display())
        if previous is None:
            event.from_label = event.get_from_status_display()
        elif previous.action == Action.SCHEDULE and previous.publish_at <= event.created_at:
            event.from_label = event.get_from_status_display()  # it went live meanwhile
        else:
            event.from_label = previous.to_label
        previous = event
