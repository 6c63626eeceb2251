"""The article admin's own pages: history and diffs, restore, previews, sharing, import.

Each view takes the ``ArticleAdmin`` first and fetches the article through its
``get_object`` and permission methods, so reporter scoping is the same as on
every other admin page.
"""

import base64
import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import preview, workflow
from articles.forms import (
    ImportConfirmForm,
    ImportUploadForm,
    ShareLinkForm,
    TransitionForm,
)
from articles.importing import MAX_SOURCE_BYTES, ImportRejected
from articles.importing.service import Importer, ImportOutcome
from articles.models import Article, ArticleEvent, PreviewLink, ProgramTag
from articles.revisions import (
    StaleVersion,
    compare_snapshots,
    restore_revision,
    snapshot,
)
from articles.views import render_article
from regions.models import Region

Status = Article.Status
Action = ArticleEvent.Action

# The label of each transition's button, in the order buttons appear.
TRANSITION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "publish": gettext_lazy("Publish"),
    "schedule": gettext_lazy("Schedule"),
    "return": gettext_lazy("Return to draft"),
    "unpublish": gettext_lazy("Unpublish"),
    "correct": gettext_lazy("Add correction"),
    "trash": gettext_lazy("Move to the trash"),
    "restore": gettext_lazy("Restore from the trash"),
}
# Which input of ``TransitionForm`` a button needs next to it.
TRANSITION_INPUTS = {"schedule": "at", "return": "reason", "unpublish": "reason", "correct": "text"}

IMPORT_SALT = "articles.admin-import"
# Previewed files travel back in the confirm form; keep that form under Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) whatever the number of files.
IMPORT_BATCH_BYTES = 1_500_000
IMPORT_PAYLOAD_MAX_AGE = 60 * 60


def status_badge(article: Article):
    """The status as a coloured badge; scheduled shows its WITA time, returned its reason."""
    if article.in_trash:
        return format_html('<span class="wf-badge wf-trash">{}</span>', _("in the trash"))
    last_action = getattr(article, "last_action", None)
    if article.status == Status.DRAFT and last_action == Action.RETURN:
        return format_html(
            '<span class="wf-badge wf-returned">{}</span> <span class="wf-reason">{}</span>',
            _("returned"),
            Truncator(article.last_reason or "").chars(90),
        )
    if workflow.is_scheduled(article):
        return format_html(
            '<span class="wf-badge wf-scheduled">{} · {}</span>',
            _("scheduled"),
            workflow.format_wita(article.published_at),
        )
    if article.is_live:
        return format_html('<span class="wf-badge wf-live">{}</span>', _("live"))
    return format_html(
        '<span class="wf-badge wf-{}">{}</span>', article.status, article.get_status_display()
    )


def event_message(event: ArticleEvent) -> str:
    if event.action == Action.SUBMIT:
        return _("Submitted for review. An editor will pick it up from the review queue.")
    if event.action == Action.RETURN:
        return _("Returned to draft. The reporters see your reason.")
    if event.action == Action.PUBLISH:
        return _("Published: readers see it now.")
    if event.action == Action.SCHEDULE:
        return _("Scheduled: it goes live on %(time)s.") % {
            "time": workflow.format_wita(event.publish_at)
        }
    if event.action == Action.UNPUBLISH:
        return _("Unpublished: readers no longer see it.")
    if event.action == Action.TRASH:
        return _("Moved to the trash. An editor can restore it from there.")
    if event.action == Action.RESTORE:
        return _("Restored from the trash, as it was before.")
    return _("Correction added; readers see it under the article.")


# The workflow panel on the change form ------------------------------------------------


@dataclass
class Button:
    name: str
    label: str
    needs: str | None


def workflow_panel(model_admin, request, article: Article | None) -> dict:
    user = request.user
    desk = workflow.is_desk(user)
    form = TransitionForm(prefix="workflow")
    if article is None:
        names = ["submit"] if user.has_perm(workflow.CHANGE_PERMISSION) else []
        buttons = [Button(name, TRANSITION_LABELS[name], None) for name in names]
        return {
            "add": True,
            "next_step": _(
                "Write and save as often as you like: nothing is public until an editor "
                "publishes it. Submit it for review when it is ready."
            ),
            "buttons": buttons,
            "groups": button_groups(buttons, form),
        }
    can_change = model_admin.has_change_permission(request, article)
    names = workflow.allowed_transitions(user, article) if can_change else []
    events = list(
        article.events.select_related("actor__journalist").order_by("-created_at", "-id")[:6]
    )
    returned = None
    if article.status == Status.DRAFT and events and events[0].action == Action.RETURN:
        returned = events[0]
    links = [
        {
            "link": link,
            "url": preview.url_for(request, link),
            "expires": workflow.format_wita(link.expires_at),
            "revoke_url": reverse("admin:articles_article_revoke", args=[article.pk, link.pk]),
        }
        for link in article.preview_links.filter(revoked_at=None).order_by("-created_at")
        if link.is_active
    ]
    buttons = [
        Button(name, TRANSITION_LABELS[name], TRANSITION_INPUTS.get(name))
        for name in TRANSITION_LABELS
        if name in names
    ]
    return {
        "add": False,
        "article": article,
        "badge": status_badge(article),
        "next_step": next_step(article, desk=desk, returned=returned),
        "returned": returned,
        "buttons": buttons,
        "groups": button_groups(buttons, form),
        "problems": workflow.publish_problems(article) if desk else [],
        "events": events,
        "corrections": list(article.corrections.all()),
        "links": links,
        "share_form": ShareLinkForm(prefix="share"),
        "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
        "share_url": reverse("admin:articles_article_share", args=[article.pk]),
        "untrash_url": (
            reverse("admin:articles_article_untrash", args=[article.pk])
            if article.in_trash and desk
            else None
        ),
    }


def button_groups(buttons: list[Button], form: TransitionForm) -> list[dict]:
    """Buttons that need the same input sit next to it: none, time, reason, correction."""
    groups = []
    for needs in (None, "at", "reason", "text"):
        members = [button for button in buttons if button.needs == needs]
        if members:
            groups.append({"field": form[needs] if needs else None, "buttons": members})
    return groups


def next_step(article: Article, *, desk: bool, returned: ArticleEvent | None) -> str:
    """One sentence on where the article stands and what happens next."""
    if article.in_trash:
        return _(
            "In the trash since %(time)s: nobody sees it, readers included. An editor can "
            "restore it as it was."
        ) % {"time": workflow.format_wita(article.deleted_at)}
    if returned is not None:
        return _("An editor returned this article: “%(reason)s”. Fix it, then submit it again.") % {
            "reason": returned.reason
        }
    if article.status == Status.DRAFT:
        return _("Draft: save as often as you like. When it is ready, submit it for review.")
    if article.status == Status.IN_REVIEW:
        if desk:
            return _(
                "Waiting for review: publish it now, schedule it, or return it to the "
                "reporters with a reason."
            )
        return _("An editor is reviewing it. You can edit it again if it is returned to you.")
    if workflow.is_scheduled(article):
        return _(
            "Scheduled: it goes live by itself on %(time)s; nothing else has to run. "
            "Publish it now, choose another time, or unpublish it."
        ) % {"time": workflow.format_wita(article.published_at)}
    if article.status == Status.PUBLISHED:
        return _(
            "Live since %(time)s. Add a correction for any change of fact readers should know "
            "about, or unpublish it."
        ) % {"time": workflow.format_wita(article.published_at)}
    return _("Unpublished: readers do not see it. Publish it again or return it to draft.")


# History, diffs, restore ---------------------------------------------------------------


def _article(model_admin, request, object_id: str) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def _admin_context(model_admin, request, article: Article, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": title,
        "subtitle": str(article),
        "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        "has_change_permission": model_admin.has_change_permission(request, article),
    }


def history_view(model_admin, request, object_id: str):
    article = _article(model_admin, request, object_id)
    revisions = list(article.revisions.select_related("created_by__journalist"))
    events = list(article.events.select_related("actor__journalist").order_by("-created_at"))
    context = {
        **_admin_context(model_admin, request, article, _("History")),
        "revisions": revisions,
        "events": events,
        "default_a": revisions[1].version if len(revisions) > 1 else None,
        "default_b": revisions[0].version if revisions else None,
    }
    return TemplateResponse(request, "admin/articles/article/history.html", context)


def compare_view(model_admin, request, object_id: str):
    article = _article(model_admin, request, object_id)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        raise Http404(_("Choose two versions to compare.")) from None
    found = {rev.version: rev for rev in article.revisions.filter(version__in=[a, b])}
    if a not in found or b not in found:
        raise Http404(_("No such version."))
    old, new = sorted((found[a], found[b]), key=lambda rev: rev.version)
    diffs = compare_snapshots(old.snapshot, new.snapshot)
    context = {
        **_admin_context(
            model_admin,
            request,
            article,
            _("Version %(old)s compared with version %(new)s")
            % {"old": old.version, "new": new.version},
        ),
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed": [diff for diff in diffs if diff.changed],
        "show_all": request.GET.get("all") == "1",
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def restore_view(model_admin, request, object_id: str, version: int):
    article = _article(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, article):
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
                    "The article changed while you were looking at this page. Compare again "
                    "before restoring."
                ),
            )
        else:
            messages.success(
                request,
                _("Version %(old)s restored as version %(new)s.")
                % {"old": revision.version, "new": restored.version},
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    diffs = compare_snapshots(snapshot(article), revision.snapshot)
    context = {
        **_admin_context(
            model_admin,
            request,
            article,
            _("Restore version %(version)s") % {"version": revision.version},
        ),
        "revision": revision,
        "changed": [diff for diff in diffs if diff.changed],
        "base_version": article.version,
    }
    return TemplateResponse(request, "admin/articles/article/restore.html", context)


# Previews ----------------------------------------------------------------------------


def preview_view(model_admin, request, object_id: str):
    """ "Pratinjau": the article in the public template, whatever its state, for staff."""
    article = _article(model_admin, request, object_id)
    return preview.private(render_article(request, article, preview=True))


def share_view(model_admin, request, object_id: str):
    """ "Bagikan pratinjau": a signed link that works logged out until it expires."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    form = ShareLinkForm(request.POST, prefix="share")
    lifetime = (
        datetime.timedelta(hours=form.cleaned_data["hours"])
        if form.is_valid()
        else preview.DEFAULT_LIFETIME
    )
    link = preview.create_link(article, by=request.user, lifetime=lifetime)
    messages.success(
        request,
        _("Preview link made; it works until %(time)s: %(url)s")
        % {"time": workflow.format_wita(link.expires_at), "url": preview.url_for(request, link)},
    )
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article.pk]) + "#preview-links"
    )


def revoke_view(model_admin, request, object_id: str, link_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    link = PreviewLink.objects.filter(pk=link_id, article=article).first()
    if link is None:
        raise Http404(_("No such preview link."))
    preview.revoke(link, by=request.user)
    messages.success(request, _("The preview link no longer works."))
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article.pk]) + "#preview-links"
    )


# The trash ---------------------------------------------------------------------------


def untrash_view(model_admin, request, object_id: str):
    """ "Pulihkan dari tempat sampah": the article comes back as it was."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    try:
        event = workflow.restore_from_trash(article, by=request.user)
    except workflow.WorkflowError as error:
        if isinstance(error, PermissionDenied):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, event_message(event))
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


# Import -------------------------------------------------------------------------------


@dataclass
class PreviewedFile:
    outcome: ImportOutcome
    payload: str = ""
    regions: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)


def import_view(model_admin, request):
    """Upload source files, see what the importer makes of them, then confirm.

    Confirmed files go through ``Importer.save_many``, as the command does. The files
    travel from the preview to the confirmation signed, so what is saved is
    exactly what was previewed.
    """
    if not request.user.is_superuser:
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Import source files"),
        "max_bytes": MAX_SOURCE_BYTES,
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _import_confirm(request, context)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _import_preview(request, context, form)
    else:
        form = ImportUploadForm()
    return TemplateResponse(
        request, "admin/articles/article/import.html", {**context, "form": form, "step": "upload"}
    )


def _import_preview(request, context: dict, form: ImportUploadForm):
    importer = Importer()
    files, total = [], 0
    for upload in form.cleaned_data["files"]:
        name = upload.name
        try:
            raw = _read_upload(upload)
            total += len(raw)
            if total > IMPORT_BATCH_BYTES:
                raise ImportRejected(
                    "batch_too_large",
                    _("the batch is over %(limit)s bytes; import the rest separately.")
                    % {"limit": f"{IMPORT_BATCH_BYTES:,}"},
                )
        except ImportRejected as error:
            files.append(PreviewedFile(ImportOutcome(name=name, error=error, action="rejected")))
            continue
        outcome = importer.preview(raw, name=name)
        payload = ""
        if outcome.ok:
            payload = signing.dumps(
                {"name": name, "raw": base64.b64encode(raw).decode("ascii")},
                salt=IMPORT_SALT,
                compress=True,
            )
        files.append(PreviewedFile(outcome, payload))
    _name_places_and_programs(files)
    return TemplateResponse(
        request,
        "admin/articles/article/import.html",
        {
            **context,
            "step": "preview",
            "files": files,
            "accepted": sum(file.outcome.ok for file in files),
            "confirm_form": ImportConfirmForm(initial={"status": form.cleaned_data["status"]}),
            "status_label": dict(form.fields["status"].choices)[form.cleaned_data["status"]],
        },
    )


def _name_places_and_programs(files: list[PreviewedFile]) -> None:
    """Regions and programs by their names, not their slugs (two queries for the batch)."""
    region_slugs = {slug for file in files for slug in file.outcome.regions}
    program_slugs = {slug for file in files for slug in file.outcome.programs}
    regions = {r.slug: str(r) for r in Region.objects.filter(slug__in=region_slugs)}
    programs = {p.slug: p.name for p in ProgramTag.objects.filter(slug__in=program_slugs)}
    for file in files:
        file.regions = [regions.get(slug, slug) for slug in file.outcome.regions]
        file.programs = [programs.get(slug, slug) for slug in file.outcome.programs]


def _read_upload(upload) -> bytes:
    if not upload.name.lower().endswith(".txt"):
        raise ImportRejected("not_text_file", _("only .txt source files can be imported."))
    if upload.size > MAX_SOURCE_BYTES:
        raise ImportRejected(
            "too_large",
            _("the file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": f"{upload.size:,}", "limit": f"{MAX_SOURCE_BYTES:,}"},
        )
    return upload.read()


def _import_confirm(request, context: dict):
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    chosen = set(request.POST.getlist("chosen"))
    files = []
    # Every chosen payload is verified before any file is saved: a tampered one imports nothing.
    for index, payload in enumerate(request.POST.getlist("payload")):
        if str(index) not in chosen:
            continue
        try:
            data = signing.loads(payload, salt=IMPORT_SALT, max_age=IMPORT_PAYLOAD_MAX_AGE)
            files.append((data["name"], base64.b64decode(data["raw"])))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            messages.error(
                request, _("The preview is too old or was altered; upload the files again.")
            )
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
    importer = Importer()
    outcomes = importer.save_many(
        [importer.preview(raw, name=name) for name, raw in files],
        status=form.cleaned_data["status"],
        by=request.user,
    )
    if not outcomes:
        messages.warning(request, _("No file was chosen; nothing was imported."))
        return HttpResponseRedirect(reverse("admin:articles_article_import"))
    labels = {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged (already imported)"),
        "rejected": _("rejected"),
    }
    return TemplateResponse(
        request,
        "admin/articles/article/import.html",
        {
            **context,
            "step": "done",
            "outcomes": [(outcome, labels[outcome.action]) for outcome in outcomes],
        },
    )
