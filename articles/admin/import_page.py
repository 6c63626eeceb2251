"""The import page: upload source files, see what the importer makes of them, confirm.

Confirmed files go through ``Importer.save_many``, as ``import_articles`` does.
"""

import base64
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing import MAX_SOURCE_BYTES
from articles.importing.outcome import ImportOutcome, OnChange
from articles.importing.service import Importer
from articles.models import Article, ProgramTag
from regions.models import Region

IMPORT_SALT = "articles.admin-import"
IMPORT_PAYLOAD_MAX_AGE = 60 * 60
# What a file whose article the newsroom has can become; leaving it is the default.
ON_CHANGE_CHOICES = [
    (OnChange.REPORT, gettext_lazy("Leave the article as it is")),
    (OnChange.REVISION, gettext_lazy("Apply the file as a new revision of the article")),
    (OnChange.DRAFT, gettext_lazy("Import the file as a new draft beside it")),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


IMPORT_STATUSES = [
    (Article.Status.DRAFT, gettext_lazy("draft")),
    (Article.Status.IN_REVIEW, gettext_lazy("in review")),
]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Source files (.txt)"),
        allow_empty_file=True,
        help_text=gettext_lazy("Antara or Pos-Kupang/Tribun plain-text files; several at once."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Save as"), choices=IMPORT_STATUSES, initial=Article.Status.DRAFT
    )


class ImportConfirmForm(forms.Form):
    """The second step; the previewed files travel as signed ``payload`` values."""

    status = forms.ChoiceField(choices=IMPORT_STATUSES, widget=forms.HiddenInput)


@dataclass
class PreviewedFile:
    outcome: ImportOutcome
    payload: str = ""
    regions: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)


class ImportPageMixin:
    def get_urls(self):
        return [
            self.article_path("import/", self.import_view, "import", of_article=False),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload source files, see what the importer makes of them, then confirm.

        Confirmed files go through ``Importer.save_many``, as the command does. The files
        travel from the preview to the confirmation signed, so what is saved is
        exactly what was previewed.
        """
        if not request.user.is_superuser:
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
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
            request,
            "admin/articles/article/import.html",
            {**context, "form": form, "step": "upload"},
        )


def _import_preview(request, context: dict, form: ImportUploadForm):
    files = []
    for outcome, raw in Importer().preview_uploads(form.cleaned_data["files"]):
        payload = ""
        if outcome.ok:
            payload = signing.dumps(
                {"name": outcome.name, "raw": base64.b64encode(raw).decode("ascii")},
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
            "on_change_choices": ON_CHANGE_CHOICES,
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


def _import_confirm(request, context: dict):
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    chosen = set(request.POST.getlist("chosen"))
    files: list[tuple[str, bytes, OnChange]] = []
    # Every chosen payload is verified before any file is saved: a tampered one imports nothing.
    for index, payload in enumerate(request.POST.getlist("payload")):
        if str(index) not in chosen:
            continue
        try:
            data = signing.loads(payload, salt=IMPORT_SALT, max_age=IMPORT_PAYLOAD_MAX_AGE)
            raw = base64.b64decode(data["raw"])
            # Anything but an explicit, known choice leaves the newsroom's article alone.
            choice = request.POST.get(f"on_change_{index}", "")
            on_change = OnChange(choice) if choice in set(OnChange) else OnChange.REPORT
            files.append((data["name"], raw, on_change))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            messages.error(
                request, _("The preview is too old or was altered; upload the files again.")
            )
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
    importer = Importer()
    outcomes = []
    for name, raw, on_change in files:
        outcome = importer.preview(raw, name=name)
        outcome.on_change = on_change
        outcomes.append(outcome)
    importer.save_many(outcomes, status=form.cleaned_data["status"], by=request.user)
    if not outcomes:
        messages.warning(request, _("No file was chosen; nothing was imported."))
        return HttpResponseRedirect(reverse("admin:articles_article_import"))
    labels = {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged (already imported)"),
        "changed_at_source": _("changed at the source; the article is left as it is"),
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
