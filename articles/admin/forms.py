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
from articles.admin.conflicts import Conflict, describe_conflict, merge, opened_content
from articles.admin.editor import EDITOR_EXTENSIONS
from articles.models import Article, ArticleEvent, ArticleReporter, Journalist, ProgramTag
from articles.revisions import LISTS, content_snapshot, field_label, snapshot
from articles.sanitize import clean_html
from articles.uploads import CheckedImageField
from newsroom.wita import WITA


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


class ArticleAdminForm(forms.ModelForm):
    """The article change form; carries the version it was opened at.

    A save from an older version is merged field by field (``conflicts``): what
    only the other person changed keeps their value, what only this user
    changed takes theirs. A field both changed differently refuses the save
    with a ``Conflict`` showing both texts; the user's input stays in the form,
    which now also carries the version whose conflicts the user has seen, so
    the next save resolves them: the user's text, or theirs for each field the
    user ticks. ``ArticleAdmin.save_model`` claims the version atomically, so
    two saves racing past ``clean`` cannot both win.
    """

    base_version = forms.IntegerField(
        label=gettext_lazy("version opened"), widget=forms.HiddenInput, required=False
    )
    seen_version = forms.IntegerField(
        label=gettext_lazy("version seen"), widget=forms.HiddenInput, required=False
    )
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
    # The labels of the fields someone else changed meanwhile, kept in this save.
    merged: list[str]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.merged = []
        for name in ("base_version", "seen_version"):
            if name in self.fields:
                self.fields[name].initial = self.instance.version

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
        theirs, yours = self._snapshots(current)
        merged = merge(opened_content(current, base), theirs, yours)
        seen = cleaned.get("seen_version") or base
        # A workflow button acts on the whole article: the user sees first what changed.
        acting = "_workflow" in self.data
        if seen != current.version and (merged.both or (acting and merged.theirs)):
            shown = [*merged.both, *(merged.theirs if acting else [])]
            self._refuse(current, base, (theirs, yours), merged, shown)
        chosen = set(self.data.getlist("keep_theirs"))
        for name in [*merged.theirs, *(name for name in merged.both if name in chosen)]:
            if name in self.cleaned_data:
                self.cleaned_data[name] = stored_value(current, name)
        self.merged = [field_label(name) for name in merged.theirs]
        # What is saved now builds on the stored version.
        cleaned["base_version"] = current.version

    def _refuse(self, current: Article, base: int, snapshots, merged, shown) -> None:
        self.conflict = describe_conflict(
            current, base=base, snapshots=snapshots, merged=merged, shown=shown
        )
        # The user has now seen the newer version: the next save resolves the conflict.
        data = self.data.copy()
        data[self.add_prefix("seen_version")] = current.version
        self.data = data
        when = self.conflict.when_wita
        raise ValidationError(
            _(
                "%(who)s saved this article at %(when)s, after you opened it. Your text is "
                "still in the form; compare it with their version below, choose, then save "
                "again."
            )
            % {"who": self.conflict.who, "when": when}
            if when
            else _(
                "Someone saved this article after you opened it. Your text is still in the "
                "form; compare it with their version below, choose, then save again."
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
        byline = posted_byline(self.data)
        if byline is not None:
            lists[content.BYLINE] = byline
        return theirs, content_snapshot(yours, **lists)


def posted_byline(data) -> list[int] | None:
    """The reporters' ids as the change form's byline rows post them, in byline order;
    ``None`` when the form carries no byline rows."""
    prefix = BYLINE_PREFIX
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return None
    rows = []
    for index in range(min(total, 1000)):
        journalist = data.get(f"{prefix}-{index}-journalist")
        if not journalist or data.get(f"{prefix}-{index}-DELETE"):
            continue
        try:
            position = int(data.get(f"{prefix}-{index}-position") or 0)
            rows.append((position, index, int(journalist)))
        except ValueError:
            continue
    return [journalist for _, _, journalist in sorted(rows)]


# The byline rows' form prefix: the inline's default, ``ArticleReporter.article``'s reverse name.
BYLINE_PREFIX = ArticleReporter._meta.get_field("article").remote_field.get_accessor_name()


def stored_value(article: Article, name: str) -> Any:
    """What the form field ``name`` holds to leave the stored value as it is."""
    if content.is_file(name):
        return None  # no upload: the stored file stays
    if content.is_list(name):
        return list(getattr(article, name).all())
    return getattr(article, name)


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
