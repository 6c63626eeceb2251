"""The admin's import page: upload, preview, confirm; rejected files write nothing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from articles.importing import MAX_SOURCE_BYTES
from articles.importing.service import Importer
from articles.models import Article

SOURCES = Path(settings.BASE_DIR, "fixtures/sources")
ANTARA = "000_e04379150e9b95c5.txt"
POS_KUPANG = "004_983a433936bb54d8.txt"
URL = "/admin/articles/article/import/"


def source(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SOURCES / name).read_bytes(), content_type="text/plain")


def bad_files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("kosong.txt", b""),
        SimpleUploadedFile("latin1.txt", "Kupang, café kopi".encode("latin-1")),
        SimpleUploadedFile("resep.txt", b"Resep kue lapis.\n\nCampur tepung dan gula."),
        SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0 not text"),
    ]


@pytest.fixture
def admin_client(client, people, places):
    client.force_login(people["admin"])
    return client


def preview(client, files, status="draft"):
    return client.post(URL, {"files": files, "status": status})


def confirm_data(response, chosen=None) -> dict:
    page = response.content.decode()
    payloads = re.findall(r'name="payload" value="([^"]*)"', page)
    indexes = [str(i) for i, payload in enumerate(payloads) if payload]
    return {
        "confirm": "1",
        "status": response.context["confirm_form"]["status"].value(),
        "payload": payloads,
        "chosen": indexes if chosen is None else chosen,
    }


def test_the_page_asks_for_files(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert response.context["step"] == "upload"
    assert 'type="file" name="files"' in response.content.decode()
    assert reverse("admin:articles_article_import") == URL


def test_the_preview_shows_what_was_parsed_and_writes_nothing(admin_client):
    response = preview(admin_client, [source(ANTARA), source(POS_KUPANG)])

    assert response.status_code == 200
    assert response.context["step"] == "preview"
    antara, pos_kupang = (file.outcome for file in response.context["files"])
    assert (
        antara.parsed.title == "BPJS Ketenagakerjaan meluncurkan tiga desa di Nusa Tenggara Timur"
    )
    assert antara.parsed.reporters == ["Benediktus Sridin Sulu Jahang"]
    assert antara.parsed.dateline_city == "Kupang"
    assert pos_kupang.parsed.reporters == ["Agustinus Tanggur"]
    assert pos_kupang.parsed.dateline_city == "Atambua"
    assert pos_kupang.published_at.date().isoformat() == "2025-11-17"
    assert "belu" in pos_kupang.regions
    assert {"jkk", "jkm", "jht", "jp"} <= set(pos_kupang.programs)
    page = response.content.decode()
    for shown in (
        "BPJS Ketenagakerjaan Dorong Perangkat Desa di Belu",
        "Agustinus Tanggur",
        "Atambua",
        "17/11/2025",
        "Benediktus Sridin Sulu Jahang",
    ):
        assert shown in page
    assert Article.objects.count() == 0


def test_rejected_files_are_listed_with_their_reasons(admin_client):
    response = preview(admin_client, [source(ANTARA), *bad_files()])

    outcomes = [file.outcome for file in response.context["files"]]
    assert [(o.name, o.ok) for o in outcomes] == [
        (ANTARA, True),
        ("kosong.txt", False),
        ("latin1.txt", False),
        ("resep.txt", False),
        ("foto.jpg", False),
    ]
    assert [str(o.error.code) for o in outcomes[1:]] == [
        "empty",
        "not_utf8",
        "unknown_style",
        "not_text_file",
    ]
    page = response.content.decode()
    for outcome in outcomes[1:]:
        assert outcome.error.message in page
    assert response.context["accepted"] == 1
    assert Article.objects.count() == 0


def test_confirming_saves_drafts_through_the_importer(admin_client, people):
    response = preview(admin_client, [source(ANTARA), source(POS_KUPANG), *bad_files()])
    done = admin_client.post(URL, confirm_data(response))

    assert done.status_code == 200
    assert [(o.name, o.action) for o, _label in done.context["outcomes"]] == [
        (ANTARA, "created"),
        (POS_KUPANG, "created"),
    ]
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    article = Article.objects.get(dateline_city="Atambua")
    assert [b.journalist.name for b in article.bylines.all()] == ["Agustinus Tanggur"]
    revision = article.revisions.get()
    assert (revision.created_by, revision.note) == (people["admin"], f"Diimpor dari {POS_KUPANG}")


def test_the_admin_saves_what_the_command_would(admin_client):
    response = preview(admin_client, [source(POS_KUPANG)])
    admin_client.post(URL, confirm_data(response))
    from_admin = Article.objects.get()

    expected = Importer().preview((SOURCES / POS_KUPANG).read_bytes(), name=POS_KUPANG)
    assert from_admin.source_checksum == expected.parsed.checksum
    assert from_admin.title == expected.parsed.title
    assert sorted(from_admin.programs.values_list("slug", flat=True)) == sorted(expected.programs)


def test_articles_can_be_imported_for_review(admin_client):
    response = preview(admin_client, [source(ANTARA)], status="in_review")
    admin_client.post(URL, confirm_data(response))
    assert Article.objects.get().status == "in_review"


def test_publishing_is_not_offered_on_import(admin_client):
    response = preview(admin_client, [source(ANTARA)], status="published")
    assert response.context["form"].errors["status"]
    assert Article.objects.count() == 0


def test_an_unchecked_file_is_left_out(admin_client):
    response = preview(admin_client, [source(ANTARA), source(POS_KUPANG)])
    admin_client.post(URL, confirm_data(response, chosen=["1"]))
    assert Article.objects.get().dateline_city == "Atambua"


def test_importing_the_same_file_again_changes_nothing(admin_client):
    for _round in range(2):
        response = preview(admin_client, [source(ANTARA)])
        done = admin_client.post(URL, confirm_data(response))
    assert [o.action for o, _label in done.context["outcomes"]] == ["unchanged"]
    assert Article.objects.count() == 1
    assert Article.objects.get().revisions.count() == 1


def test_an_altered_preview_is_refused(admin_client):
    response = preview(admin_client, [source(ANTARA)])
    data = confirm_data(response)
    data["payload"] = [data["payload"][0][:-2] + "xx"]
    refused = admin_client.post(URL, data)
    assert refused.status_code == 302
    assert refused["Location"] == URL
    assert Article.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(admin_client):
    big = b"Kupang (ANTARA) - " + b"a" * MAX_SOURCE_BYTES
    response = preview(admin_client, [SimpleUploadedFile("besar.txt", big)])
    [file] = response.context["files"]
    assert str(file.outcome.error.code) == "too_large"
    assert Article.objects.count() == 0


# A file whose article the newsroom has ------------------------------------------

PUBLISHED_AT = "2025-11-18T01:30:00+00:00"


@pytest.fixture
def live(admin_client):
    """The Pos-Kupang story, imported, then edited and published by the desk."""
    outcome = Importer().import_file(
        (SOURCES / POS_KUPANG).read_bytes(), name="a.txt", status="draft", dry_run=False
    )
    Article.objects.filter(pk=outcome.article.pk).update(
        dek="Dek dari editor",
        status=Article.Status.PUBLISHED,
        published_at=PUBLISHED_AT,
        version=F("version") + 2,
    )
    return Article.objects.get(pk=outcome.article.pk)


def changed_source(name="b.txt") -> SimpleUploadedFile:
    raw = (SOURCES / POS_KUPANG).read_bytes()
    changed = raw.replace(b"memperkuat fondasi ekonomi lokal", b"memperkuat ekonomi desa")
    return SimpleUploadedFile(name, changed, content_type="text/plain")


def test_the_preview_shows_a_change_at_the_source_side_by_side_with_the_choice(admin_client, live):
    response = preview(admin_client, [changed_source()])
    page = response.content.decode()
    [file] = response.context["files"]
    assert (file.outcome.would, file.outcome.article) == ("changed_at_source", live)
    assert "Berubah di sumber" in page
    assert 'class="wf-diff"' in page
    assert "<del>Dek dari editor</del>" in page
    assert "<del>fondasi</del>" in page and "<ins>desa" in page
    assert re.findall(r'name="on_change_0" value="(\w+)"( checked)?', page) == [
        ("report", " checked"),
        ("revision", ""),
        ("draft", ""),
    ]
    assert Article.objects.get(pk=live.pk).dek == "Dek dari editor"


def done_with(client, response, **extra) -> list:
    done = client.post(URL, {**confirm_data(response), **extra})
    assert done.status_code == 200
    return done.context["outcomes"]


def test_confirming_by_default_leaves_the_live_article_as_it_is(admin_client, live):
    [(outcome, label)] = done_with(admin_client, preview(admin_client, [changed_source()]))
    assert outcome.action == "changed_at_source"
    assert label == "berubah di sumber; artikel dibiarkan seperti adanya"
    stored = Article.objects.get(pk=live.pk)
    assert (stored.dek, stored.version, stored.body) == (live.dek, live.version, live.body)


def test_a_forged_choice_leaves_the_article_as_it_is(admin_client, live):
    response = preview(admin_client, [changed_source()])
    [(outcome, _label)] = done_with(admin_client, response, on_change_0="overwrite")
    assert outcome.action == "changed_at_source"
    assert Article.objects.get(pk=live.pk).version == live.version


def test_the_change_is_applied_as_a_revision_when_chosen(admin_client, live, people):
    response = preview(admin_client, [changed_source()])
    [(outcome, label)] = done_with(admin_client, response, on_change_0="revision")
    assert (outcome.action, label) == ("updated", "diperbarui")
    stored = Article.objects.get(pk=live.pk)
    assert "memperkuat ekonomi desa" in stored.body
    assert (stored.status, stored.published_at) == (live.status, live.published_at)
    assert stored.revisions.latest().created_by == people["admin"]


def test_the_change_is_imported_as_a_new_draft_when_chosen(admin_client, live):
    response = preview(admin_client, [changed_source()])
    [(outcome, _label)] = done_with(admin_client, response, on_change_0="draft")
    assert outcome.action == "created"
    assert (outcome.article.status, outcome.article.pk != live.pk) == ("draft", True)
    assert Article.objects.get(pk=live.pk).version == live.version


def test_another_story_under_the_same_headline_never_touches_the_live_one(admin_client, live):
    """The walk-through's case: a different story, same headline, saved as a draft."""
    other = (SOURCES / POS_KUPANG).read_bytes().replace(b"(17/11/2025)", b"(16/11/2026)")
    undated = (SOURCES / POS_KUPANG).read_bytes().replace(b"Senin (17/11/2025) ", b"")
    response = preview(
        admin_client,
        [SimpleUploadedFile("lain.txt", other), SimpleUploadedFile("tanpa-tanggal.txt", undated)],
    )
    assert [file.outcome.would for file in response.context["files"]] == ["created", "created"]
    outcomes = done_with(admin_client, response)
    assert [outcome.action for outcome, _label in outcomes] == ["created", "created"]
    stored = Article.objects.get(pk=live.pk)
    assert (stored.dek, stored.version, stored.body) == (live.dek, live.version, live.body)
    assert stored.published_at == live.published_at


def test_the_preview_shows_what_an_update_of_an_untouched_draft_changes(admin_client):
    Importer().import_file(
        (SOURCES / POS_KUPANG).read_bytes(), name="a.txt", status="draft", dry_run=False
    )
    response = preview(admin_client, [changed_source()])
    [file] = response.context["files"]
    assert file.outcome.would == "updated"
    assert [change.name for change in file.outcome.changes] == ["body"]
    assert 'class="wf-diff"' in response.content.decode()
