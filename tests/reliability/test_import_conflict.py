"""A re-import is an edit like any other: it claims the article's next version
atomically and records a revision, so it never overwrites an editor's edit
made while it ran."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from articles.importing import service
from articles.importing.outcome import OnChange
from articles.importing.service import Importer
from articles.models import Article, Journalist, Revision
from tests.security.test_import_page_bad_input import URL, payloads

SOURCE = (Path(settings.BASE_DIR) / "fixtures/sources/004_983a433936bb54d8.txt").read_bytes()
CHANGED = SOURCE.replace(b"memperkuat fondasi ekonomi lokal", b"memperkuat ekonomi desa")


@pytest.fixture
def imported(places, people):
    outcome = Importer().import_file(SOURCE, name="a.txt", status="draft", dry_run=False)
    return outcome.article


def an_editor_saves_while_the_import_runs(monkeypatch, article: Article) -> None:
    """The importer read ``article``, then the editor's save landed before the
    importer claimed its version: what a concurrent request does, made
    deterministic by handing the importer the copy it read."""
    read_by_the_importer = Article.objects.get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(dek="Dek dari editor", version=F("version") + 1)
    monkeypatch.setattr(service, "_find_existing", lambda parsed: read_by_the_importer)


def test_an_import_records_a_revision_of_what_it_wrote(imported, people):
    revision = imported.revisions.get()
    assert (revision.version, revision.created_by, revision.note) == (1, None, "Diimpor dari a.txt")
    outcome = Importer().import_file(
        CHANGED, name="/tmp/sumber/a.txt", status="draft", dry_run=False, by=people["admin"]
    )
    assert outcome.action == "updated"
    assert list(imported.revisions.values_list("version", "created_by__username", "note")) == [
        (2, "admin", "Diimpor dari a.txt"),
        (1, None, "Diimpor dari a.txt"),
    ]
    assert "memperkuat ekonomi desa" in imported.revisions.get(version=2).snapshot["body"]


def test_the_same_file_again_records_nothing(imported):
    outcome = Importer().import_file(SOURCE, name="a.txt", status="draft", dry_run=False)
    assert outcome.action == "unchanged"
    assert Revision.objects.count() == 1


def test_an_article_from_before_revisions_keeps_its_old_text_as_a_baseline(imported):
    imported.revisions.all()._raw_delete(imported.revisions.db)
    Importer().import_file(CHANGED, name="a.txt", status="draft", dry_run=False)
    baseline, update = imported.revisions.order_by("version")
    assert "memperkuat fondasi ekonomi lokal" in baseline.snapshot["body"]
    assert "memperkuat ekonomi desa" in update.snapshot["body"]


def test_an_editors_concurrent_save_wins_and_the_file_is_refused(imported, monkeypatch):
    an_editor_saves_while_the_import_runs(monkeypatch, imported)
    journalists = Journalist.objects.count()

    outcome = Importer().import_file(CHANGED, name="a.txt", status="draft", dry_run=False)

    assert (outcome.ok, outcome.action, outcome.error.code) == (False, "rejected", "conflict")
    assert outcome.error_message.startswith("a.txt: seseorang menyimpan artikel ini")
    stored = Article.objects.get(pk=imported.pk)
    assert (stored.dek, stored.version) == ("Dek dari editor", 2)
    assert "memperkuat fondasi ekonomi lokal" in stored.body
    assert stored.source_checksum == imported.source_checksum
    assert stored.revisions.count() == 1
    assert Journalist.objects.count() == journalists


def test_the_refused_file_is_then_reported_and_applied_only_when_asked(imported, monkeypatch):
    an_editor_saves_while_the_import_runs(monkeypatch, imported)
    assert not Importer().import_file(CHANGED, name="a.txt", status="draft", dry_run=False).ok
    monkeypatch.undo()
    importer = Importer()
    outcome = importer.import_file(CHANGED, name="a.txt", status="draft", dry_run=False)
    assert (outcome.action, [change.name for change in outcome.changes]) == (
        "changed_at_source",
        ["dek", "body"],
    )
    assert Article.objects.get(pk=imported.pk).version == 2
    outcome = importer.preview(CHANGED, name="a.txt")
    outcome.on_change = OnChange.REVISION
    assert importer.save(outcome, status="draft").action == "updated"
    assert Article.objects.get(pk=imported.pk).version == 3


def test_the_admin_import_page_reports_the_conflict_for_that_file(
    client, imported, people, monkeypatch
):
    client.force_login(people["admin"])
    upload = SimpleUploadedFile("a.txt", CHANGED, content_type="text/plain")
    previewed = client.post(URL, {"files": [upload], "status": "draft"})
    an_editor_saves_while_the_import_runs(monkeypatch, imported)
    done = client.post(
        URL, {"confirm": "1", "status": "draft", "payload": payloads(previewed), "chosen": ["0"]}
    )
    [(outcome, label)] = done.context["outcomes"]
    assert (outcome.action, outcome.error.code, label) == ("rejected", "conflict", "ditolak")
    assert f"ditolak: {outcome.error.message}" in done.content.decode()
    assert Article.objects.get(pk=imported.pk).dek == "Dek dari editor"


def test_the_command_reports_the_conflict_and_fails(imported, monkeypatch, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "a.txt"
    path.write_bytes(CHANGED)
    an_editor_saves_while_the_import_runs(monkeypatch, imported)
    with pytest.raises(CommandError):
        call_command("import_articles", str(path))
    assert "[conflict]" in capsys.readouterr().err
