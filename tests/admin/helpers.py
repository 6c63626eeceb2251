"""Posting the article change form the way a browser would."""

from django import forms
from django.forms import BoundField
from django.urls import reverse


def _value(field: BoundField):
    """What a browser sends for ``field`` as rendered; ``None`` for nothing at all."""
    widget = field.field.widget
    value = field.value()
    if isinstance(widget, forms.FileInput):
        return None
    if isinstance(widget, forms.CheckboxInput):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return "" if value is None else str(value)


def _form_fields(form, data: dict) -> None:
    for name in form.fields:
        value = _value(form[name])
        if value is not None:
            data[form[name].html_name] = value


def change_form_data(response) -> dict:
    """Everything the change form at ``response`` would submit unchanged."""
    data: dict = {}
    _form_fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_fields(formset.management_form, data)
        for form in formset.forms:
            _form_fields(form, data)
    return data


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(client, article) -> dict:
    response = client.get(change_url(article))
    assert response.status_code == 200, response.status_code
    return change_form_data(response)


def press(client, article, button: str, **inputs):
    """Open the change form, then press a workflow button with ``inputs`` (reason, at, text)."""
    data = open_form(client, article)
    data["_workflow"] = button
    for name, value in inputs.items():
        data[f"workflow-{name}"] = value
    return client.post(change_url(article), data)
