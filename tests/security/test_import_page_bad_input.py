"""The importer's bad-input cases, through the admin import page.

Each bad file is listed with its code and reason, the good one beside it still
imports, nothing bad is written, and a tampered or stale confirmation is refused.
"""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.admin.import_page import IMPORT_PAYLOAD_MAX_AGE
from articles.importing import MAX_SOURCE_BYTES
from articles.models import Article

URL = "/admin/articles/article/import/"
GOOD = (Path(settings.BASE_DIR, "fixtures/sources") / "004_983a433936bb54d8.txt").read_bytes()

BAD = [
    # (file name, bytes, code) — the importer's own cases, then the page's.
    ("kosong.txt", b"", "empty"),
    ("spasi.txt", b"  \r\n\t\n", "empty"),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary"),
    ("nul.txt", b"Kupang (ANTARA) - Warga\x00berkumpul.", "binary"),
    ("latin1.txt", "Kupang (ANTARA) - Café".encode("latin-1"), "not_utf8"),
    ("resep.txt", b"Warga Kupang menanam bakau di pesisir.", "unknown_style"),
    ("tanpa-dateline.txt", "Warga menanam bakau.\nCopyright © ANTARA 2025".encode(), "no_dateline"),
    ("tanpa-isi.txt", b"Kupang (ANTARA) -\nPewarta : Kornelis Kaha", "no_body"),
    ("tanggal.txt", b"Kupang (ANTARA) - Warga berkumpul Jumat (31/2).", "impossible_date"),
    ("besar.txt", b"Kupang (ANTARA) - " + b"a" * MAX_SOURCE_BYTES, "too_large"),
    ("gambar.jpg", b"\xff\xd8\xff\xe0 not text", "not_text_file"),
    ("tanpa-akhiran", GOOD, "not_text_file"),
]


@pytest.fixture
def admin_client(client, people, places):
    client.force_login(people["admin"])
    return client


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def payloads(response) -> list[str]:
    return re.findall(r'name="payload" value="([^"]*)"', response.content.decode())


def test_every_bad_file_is_named_with_its_code_and_the_good_one_imports(admin_client):
    files = [upload("baik.txt", GOOD), *(upload(name, raw) for name, raw, _code in BAD)]
    response = admin_client.post(URL, {"files": files, "status": "draft"})

    assert response.status_code == 200
    outcomes = [file.outcome for file in response.context["files"]]
    assert [(o.name, str(o.error.code) if o.error else None) for o in outcomes] == [
        ("baik.txt", None),
        *((name, code) for name, _raw, code in BAD),
    ]
    page = response.content.decode()
    for outcome in outcomes[1:]:
        assert f"[{outcome.error.code}]" in page
    # Only the good file can be confirmed; the form carries nothing for the others.
    sent = payloads(response)
    assert [bool(payload) for payload in sent] == [True] + [False] * len(BAD)
    data = {"confirm": "1", "status": "draft", "payload": sent}
    # A crafted confirmation that also picks a rejected file is refused whole.
    refused = admin_client.post(URL, {**data, "chosen": [str(i) for i in range(len(sent))]})
    assert (refused.status_code, refused["Location"]) == (302, URL)
    assert Article.objects.count() == 0
    done = admin_client.post(URL, {**data, "chosen": ["0"]})
    assert [o.action for o, _label in done.context["outcomes"]] == ["created"]
    assert Article.objects.count() == 1


def test_a_batch_over_the_limit_is_cut_with_a_reason(admin_client):
    padding = b"\nWarga Belu mendaftar jaminan sosial di kantor desa." * 9_000
    files = [upload(f"berita-{n}.txt", GOOD + padding + f" {n}".encode()) for n in range(4)]
    response = admin_client.post(URL, {"files": files, "status": "draft"})
    codes = [f.outcome.error.code if f.outcome.error else None for f in response.context["files"]]
    assert codes == [None, None, None, "batch_too_large"]
    assert Article.objects.count() == 0


def test_more_files_than_django_accepts_at_once_is_a_bad_request(admin_client):
    files = [upload(f"berita-{n}.txt", b"x") for n in range(101)]
    assert admin_client.post(URL, {"files": files, "status": "draft"}).status_code == 400
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.txt", "..\\..\\windows.txt", "<script>alert(1)</script>.txt"]
)
def test_a_hostile_file_name_is_only_a_label(admin_client, name):
    response = admin_client.post(URL, {"files": [upload(name, GOOD)], "status": "draft"})
    [file] = response.context["files"]
    assert file.outcome.ok
    assert "<script>alert(1)</script>" not in response.content.decode()
    done = admin_client.post(
        URL, {"confirm": "1", "status": "draft", "payload": payloads(response), "chosen": ["0"]}
    )
    assert [o.action for o, _label in done.context["outcomes"]] == ["created"]
    note = Article.objects.get().revisions.get().note
    assert "/" not in note.split(" ", 2)[-1] and "\\" not in note.split(" ", 2)[-1]


def test_a_confirmation_older_than_an_hour_is_refused(admin_client):
    response = admin_client.post(URL, {"files": [upload("baik.txt", GOOD)], "status": "draft"})
    data = {"confirm": "1", "status": "draft", "payload": payloads(response), "chosen": ["0"]}
    later = timezone.now() + datetime.timedelta(seconds=IMPORT_PAYLOAD_MAX_AGE + 1)
    with time_machine.travel(later):
        refused = admin_client.post(URL, data)
    assert (refused.status_code, refused["Location"]) == (302, URL)
    assert Article.objects.count() == 0


def test_a_payload_cannot_be_swapped_for_a_file_never_previewed(admin_client):
    response = admin_client.post(URL, {"files": [upload("baik.txt", GOOD)], "status": "draft"})
    [payload] = payloads(response)
    body, _, signature = payload.rpartition(":")
    forged = body[:-4] + "AAAA:" + signature
    refused = admin_client.post(
        URL, {"confirm": "1", "status": "draft", "payload": [forged], "chosen": ["0"]}
    )
    assert refused.status_code == 302
    assert Article.objects.count() == 0


@pytest.mark.parametrize("status", ["published", "unpublished", "x" * 500])
def test_a_status_other_than_draft_or_review_is_refused_at_confirmation(admin_client, status):
    response = admin_client.post(URL, {"files": [upload("baik.txt", GOOD)], "status": "draft"})
    refused = admin_client.post(
        URL, {"confirm": "1", "status": status, "payload": payloads(response), "chosen": ["0"]}
    )
    assert refused.status_code == 403
    assert Article.objects.count() == 0


def test_the_import_page_reports_rather_than_fails_on_an_empty_post(admin_client):
    assert admin_client.post(URL, {}).status_code == 200
    assert admin_client.post(URL, {"confirm": "1", "status": "draft"}).status_code == 302
    assert reverse("admin:articles_article_import") == URL
