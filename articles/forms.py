"""Forms for the editorial admin: the article form, workflow inputs, sharing, importing."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles import workflow
from articles.models import Article, ArticleEvent, Journalist, ProgramTag, Revision
from articles.revisions import FieldDiff, changed_fields, compare_snapshots, snapshot
from articles.sanitize import clean_html
from articles.validators import validate_image_upload

# What the body editor offers; articles/sanitize.py allows exactly these tags and more.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


class SummaryPointsField(forms.CharField):
    """``Article.summary_points`` (a JSON list) edited as one point per line."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return "\n".join(str(point) for point in value)
        return value or ""

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        lines = (line.strip().lstrip("•-*").strip() for line in (value or "").splitlines())
        return [line for line in lines if line]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial) != self.to_python(data)


IMAGE_MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class CheckedImageField(forms.ImageField):
    """An image field whose checks are ``validate_image_upload``'s, with its clear messages.

    Every image upload in the admin uses it: lead images and journalists' photos.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = validate_image_upload(upload)
        upload.image = image
        upload.content_type = IMAGE_MIME_TYPES[image.format]
        return upload


@dataclass
class Conflict:
    """Someone saved the article after this form was opened."""

    who: str
    when: datetime.datetime | None
    diffs: list[FieldDiff]

    @property
    def when_wita(self) -> str:
        return workflow.format_wita(self.when) if self.when else ""


class ArticleAdminForm(forms.ModelForm):
    """The article change form; carries the version it was opened at.

    A save from an older version is refused in ``clean`` with a ``Conflict``
    describing who saved since and how their text differs; the user's input
    stays in the form, and the form now carries the newer version, so saving
    again deliberately replaces theirs. ``ArticleAdmin.save_model`` repeats the
    check atomically, so two saves racing past ``clean`` cannot both win.
    """

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = ProseEditorFormField(
        label=capfirst(gettext_lazy("body")),
        required=False,
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=clean_html,
        widget=AdminProseEditorWidget,
    )
    summary_points = SummaryPointsField(
        label=capfirst(gettext_lazy("summary points")),
        required=False,
        help_text=gettext_lazy('One point per line; shown as "Ringkasan Berita".'),
    )
    programs = forms.ModelMultipleChoiceField(
        label=capfirst(gettext_lazy("programs")),
        queryset=ProgramTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_image = CheckedImageField(
        label=capfirst(gettext_lazy("lead image")),
        required=False,
        widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=gettext_lazy("JPEG, PNG or WebP, at most 15 MB and 40 megapixels."),
    )

    original_url = forms.URLField(
        label=capfirst(gettext_lazy("original URL")),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Article
        # ArticleAdmin narrows this to its fieldsets; status and published_at are never here.
        fields = [
            "title",
            "title_derived",
            "slug",
            "dek",
            "summary_points",
            "body",
            "dateline_city",
            "region",
            "regions",
            "programs",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "focal_x",
            "focal_y",
            "related",
            "editor",
            "outlet",
            "original_url",
            "original_byline",
            "rights_line",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vTextField wf-wide"}),
            "slug": forms.TextInput(attrs={"class": "vTextField wf-wide"}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    conflict: Conflict | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._check_version(cleaned)
        return cleaned

    def _check_version(self, cleaned: dict[str, Any]) -> None:
        base = cleaned.get("base_version") or 0
        current = Article.objects.get(pk=self.instance.pk)
        if base == current.version:
            return
        self.conflict = describe_conflict(current, base=base, snapshots=self._snapshots(current))
        # The user has now seen the newer version: the next save replaces it on purpose.
        data = self.data.copy()
        data[self.add_prefix("base_version")] = current.version
        self.data = data
        when = self.conflict.when_wita
        raise ValidationError(
            _(
                "%(who)s saved this article at %(when)s, after you opened it. Your text is "
                "still in the form; compare it with their version below, then save again to "
                "keep yours."
            )
            % {"who": self.conflict.who, "when": when}
            if when
            else _(
                "Someone saved this article after you opened it. Your text is still in the "
                "form; compare it with their version below, then save again to keep yours."
            ),
            code="stale",
        )

    def _snapshots(self, current: Article) -> tuple[dict[str, Any], dict[str, Any]]:
        """(theirs, mine): the stored content, and the same with this form's input over it."""
        theirs = snapshot(current)
        mine = dict(theirs)
        for name, value in self.cleaned_data.items():
            if name not in theirs:
                continue
            if name in ("region", "editor"):
                mine[name] = value.pk if value is not None else None
            elif name in ("regions", "programs", "related"):
                mine[name] = sorted(item.pk for item in value)
            elif name == "lead_image":
                if value is False:
                    mine[name] = ""
                elif value:
                    mine[name] = getattr(value, "name", "") or theirs[name]
            else:
                mine[name] = value
        return theirs, mine


def describe_conflict(
    current: Article, *, base: int, snapshots: tuple[dict[str, Any], dict[str, Any]]
) -> Conflict:
    """Who wrote the newest change after version ``base``, and how theirs differs from yours."""
    theirs, yours = snapshots
    latest_revision = (
        Revision.objects.filter(article=current, version__gt=base)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )
    latest_event = (
        ArticleEvent.objects.filter(article=current, version__gt=base)
        .select_related("actor")
        .order_by("-version")
        .first()
    )
    newest = max(
        (row for row in (latest_revision, latest_event) if row is not None),
        key=lambda row: row.version,
        default=None,
    )
    if newest is None:
        who, when = _("Someone"), current.updated_at
    else:
        user = newest.created_by if isinstance(newest, Revision) else newest.actor
        who = _display_user(user)
        when = newest.created_at
    diffs = compare_snapshots(theirs, yours, fields=changed_fields(theirs, yours))
    return Conflict(who=who, when=when, diffs=diffs)


def _display_user(user) -> str:
    if user is None:
        return _("Someone")
    journalist = getattr(user, "journalist", None)
    return journalist.name if journalist else (user.get_full_name() or user.get_username())


class WitaDateTimeField(forms.DateTimeField):
    """A wall-clock time typed in WITA, whatever time zone is active."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def to_python(self, value):
        with timezone.override(workflow.WITA):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return value.astimezone(workflow.WITA)
        return value


class TransitionForm(forms.Form):
    """The inputs a transition may need: a reason, a time, a correction."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed to return an article to draft or to unpublish it."),
    )
    at = WitaDateTimeField(
        label=gettext_lazy("Publication time (WITA)"),
        required=False,
        help_text=gettext_lazy("Needed to schedule. Time in Kupang, WITA (UTC+8)."),
    )
    text = forms.CharField(
        label=gettext_lazy("Correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Shown to readers under the article, with today's date."),
    )

    def apply(self, name: str, article: Article, *, by) -> ArticleEvent:
        """Run transition ``name`` with this form's input; raise ``WorkflowError`` on refusal."""
        if name not in workflow.TRANSITIONS:
            raise workflow.WorkflowError(_("Unknown action."))
        if not self.is_valid():
            messages = [error for errors in self.errors.values() for error in errors]
            raise workflow.WorkflowError(" ".join(messages))
        data = self.cleaned_data
        if name in ("submit", "trash", "restore"):
            return workflow.TRANSITIONS[name](article, by=by)
        if name == "return":
            return workflow.return_to_draft(article, by=by, reason=data["reason"])
        if name == "publish":
            return workflow.publish(article, by=by)
        if name == "schedule":
            if data["at"] is None:
                raise workflow.WorkflowError(_("Choose the publication time (WITA)."))
            return workflow.publish(article, by=by, at=data["at"])
        if name == "unpublish":
            return workflow.unpublish(article, by=by, reason=data["reason"])
        return workflow.add_correction(article, by=by, text=data["text"])


class JournalistAdminForm(forms.ModelForm):
    photo = CheckedImageField(
        label=capfirst(gettext_lazy("photo")),
        required=False,
        widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=gettext_lazy("JPEG, PNG or WebP, at most 15 MB and 40 megapixels."),
    )

    class Meta:
        model = Journalist
        fields = ["name", "slug", "user", "bio", "photo"]


class ShareLinkForm(forms.Form):
    hours = forms.IntegerField(
        label=gettext_lazy("Valid for (hours)"), min_value=1, max_value=14 * 24, initial=48
    )


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
