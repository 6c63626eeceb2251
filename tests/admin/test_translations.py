"""The admin speaks Indonesian by default; English is one switch away."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.admin.helpers import change_url

PO = Path(settings.BASE_DIR, "locale/id/LC_MESSAGES/django.po")
# The files of the editorial workflow; every string they add has an Indonesian translation.
WORKFLOW_SOURCES = (
    "articles/admin/",
    "articles/content.py",
    "articles/workflow.py",
    "articles/revisions.py",
    "articles/validators.py",
    "articles/preview.py",
    "articles/templatetags/newsroom_admin.py",
    "templates/admin/",
    "templates/articles/preview_unavailable.html",
)


def po_entries() -> list[dict]:
    """(references, flags, msgid, msgstrs) for every entry of the catalogue."""
    entries = []
    for block in PO.read_text().split("\n\n"):
        refs = " ".join(line[2:] for line in block.splitlines() if line.startswith("#:")).split()
        flags = " ".join(line[2:] for line in block.splitlines() if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)[1:-1]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            strs = [value for name, value in fields.items() if name.startswith("msgstr")]
            entries.append({"refs": refs, "flags": flags, "msgid": fields["msgid"], "strs": strs})
    return entries


def test_every_workflow_string_is_translated_into_indonesian():
    ours = [e for e in po_entries() if any(r.startswith(WORKFLOW_SOURCES) for r in e["refs"])]
    assert len(ours) > 200
    untranslated = [e["msgid"] for e in ours if "fuzzy" in e["flags"] or not all(e["strs"])]
    assert untranslated == []


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("id", ["Terbitkan", "Jadwalkan", "Kembalikan ke draf", "Pratinjau", "Bagikan pratinjau"]),
        ("en", ["Publish", "Schedule", "Return to draft", "Preview", "Share preview"]),
    ],
)
def test_the_admin_in_indonesian_by_default_and_in_english_by_choice(
    client, cast, people, language, labels
):
    client.force_login(people["editor"])
    if language != "id":
        response = client.post("/i18n/setlang/", {"language": language, "next": "/admin/"})
        assert response.status_code == 302
    page = client.get(change_url(cast["in_review"])).content.decode()
    assert f'<html lang="{language}"' in page
    for label in labels:
        assert f">{label}</" in page


def test_the_language_switch_is_in_the_admin_header(client, people):
    client.force_login(people["reporter_a"])
    page = client.get("/admin/").content.decode()
    assert '<form class="wf-language" action="/i18n/setlang/" method="post">' in page
    assert '<option value="en">' in page
