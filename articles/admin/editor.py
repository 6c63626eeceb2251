"""The body editor (django-prose-editor): what it offers, and its menu's words in the
admin's language (it does not translate them itself)."""

from django.utils.translation import gettext_lazy

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


# The body editor's own menu words (it does not translate them), by their English text.
EDITOR_WORDS = {
    "paragraph": gettext_lazy("paragraph"),
    "Paragraph": gettext_lazy("Paragraph"),
    "Heading 2": gettext_lazy("Heading 2"),
    "Heading 3": gettext_lazy("Heading 3"),
    "Heading 4": gettext_lazy("Heading 4"),
    "unordered list": gettext_lazy("bulleted list"),
    "ordered list": gettext_lazy("numbered list"),
    "List properties": gettext_lazy("List properties"),
    "blockquote": gettext_lazy("quotation"),
    "horizontal rule": gettext_lazy("horizontal line"),
    "bold": gettext_lazy("bold"),
    "italic": gettext_lazy("italic"),
    "underline": gettext_lazy("underline"),
    "strike": gettext_lazy("strikethrough"),
    "subscript": gettext_lazy("subscript"),
    "superscript": gettext_lazy("superscript"),
    "insert link": gettext_lazy("insert link"),
    "remove link": gettext_lazy("remove link"),
    "Insert table": gettext_lazy("Insert table"),
    "Add column": gettext_lazy("Add column"),
    "Delete column": gettext_lazy("Delete column"),
    "Add row": gettext_lazy("Add row"),
    "Delete row": gettext_lazy("Delete row"),
    "Delete table": gettext_lazy("Delete table"),
    "Merge cells": gettext_lazy("Merge cells"),
    "Split cell": gettext_lazy("Split cell"),
    "Toggle header cell": gettext_lazy("Toggle header cell"),
    "undo": gettext_lazy("undo"),
    "redo": gettext_lazy("redo"),
}
