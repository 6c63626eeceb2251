"""Forms for the editorial admin: the article form, workflow inputs, sharing, photos."""

import copy
import datetime
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles import content, workflow
from articles.admin.conflicts import Conflict, describe_conflict
from articles.models import Article, ArticleEvent, Journalist, ProgramTag
from articles.revisions import LISTS, content_snapshot, snapshot
from articles.sanitize import clean_html
from articles.validators import validate_image_upload
from newsroom.wita import WITA

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
        fields = content.FORM_FIELDS
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
        edited = [name for name in content.FORM_FIELDS if name in self.cleaned_data]
        yours = construct_instance(self, copy.copy(current), fields=edited)
        lists = {
            name: [item.pk for item in self.cleaned_data[name]] if name in edited else theirs[name]
            for name in LISTS
        }
        return theirs, content_snapshot(yours, **lists)


class WitaDateTimeField(forms.DateTimeField):
    """A wall-clock time typed in WITA, whatever time zone is active."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def to_python(self, value):
        with timezone.override(WITA):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return value.astimezone(WITA)
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

    def apply(self, transition: workflow.Transition, article: Article, *, by) -> ArticleEvent:
        """Run ``transition`` with this form's input; raise ``WorkflowError`` on refusal."""
        if not self.is_valid():
            messages = [error for errors in self.errors.values() for error in errors]
            raise workflow.WorkflowError(" ".join(messages))
        return transition.apply(article, by=by, inputs=self.cleaned_data)


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
