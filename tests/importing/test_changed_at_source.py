"""A file never changes newsroom work behind anyone's back: it is matched by what
identifies a story, and one whose article the newsroom has is only reported, with
what differs, unless applying it is asked for."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import F

from articles.importing import MAX_SOURCE_BYTES, service
from articles.importing.outcome import OnChange
from articles.importing.service import MAX_BATCH_BYTES, Importer
from articles.models import Article, Revision

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
SOURCE = (SOURCES / "004_983a433936bb54d8.txt").read_bytes()
CHANGED = SOURCE.replace(b"memperkuat fondasi ekonomi lokal", b"memperkuat ekonomi desa")
# Another story under the same headline: another day (the date is in the lead).
ANOTHER_DAY = SOURCE.replace(b"Senin (17/11/2025)", b"Senin (16/11/2026)").replace(
    b"Kabupaten Belu menjadi motor", b"Kabupaten Malaka menjadi motor"
)
UNDATED = SOURCE.replace(b"Senin (17/11/2025) ", b"")
PUBLISHED_AT = datetime.datetime(2025, 11, 18, 9, 30, tzinfo=datetime.UTC)


def save(raw: bytes, *, name="a.txt", status="draft", on_change=OnChange.REPORT, by=None):
    importer = Importer()
    outcome = importer.preview(raw, name=name)
    outcome.on_change = on_change
    return importer.save(outcome, status=status, by=by)


@pytest.fixture
def imported(places):
    return save(SOURCE).article


def the_newsroom_publishes(article: Article) -> Article:
    """What an editor's edit and the publish transition leave on the row."""
    Article.objects.filter(pk=article.pk).update(
        dek="Dek dari editor",
        status=Article.Status.PUBLISHED,
        published_at=PUBLISHED_AT,
        version=F("version") + 2,
    )
    return Article.objects.get(pk=article.pk)


def stored_state(article: Article) -> tuple:
    stored = Article.objects.get(pk=article.pk)
    return (
        stored.dek,
        stored.body,
        stored.status,
        stored.published_at,
        stored.version,
        stored.source_checksum,
        stored.revisions.count(),
    )


def test_a_changed_file_of_a_live_article_is_reported_and_changes_nothing(imported):
    live = the_newsroom_publishes(imported)
    before = stored_state(live)

    outcome = save(CHANGED)

    assert (outcome.ok, outcome.action, outcome.article.pk) == (True, "changed_at_source", live.pk)
    assert stored_state(live) == before
    changes = {change.name: change for change in outcome.changes}
    assert sorted(changes) == ["body", "dek"]
    assert changes["dek"].current == ["Dek dari editor"]
    assert any("memperkuat ekonomi desa" in line for line in changes["body"].incoming)
    assert any(row.changed for row in changes["body"].rows)


@pytest.mark.parametrize(
    "newsroom",
    [
        {"status": Article.Status.IN_REVIEW, "version": F("version") + 1},
        {"dek": "Dek dari editor", "version": F("version") + 1},
        {"deleted_at": PUBLISHED_AT},
    ],
    ids=["in review", "edited draft", "in the trash"],
)
def test_an_article_in_review_edited_or_trashed_is_the_newsrooms(imported, newsroom):
    Article.objects.filter(pk=imported.pk).update(**newsroom)
    before = stored_state(imported)
    assert save(CHANGED).action == "changed_at_source"
    assert stored_state(imported) == before


def test_a_draft_nobody_touched_since_its_import_is_updated(imported):
    outcome = save(CHANGED)
    assert outcome.action == "updated"
    assert "memperkuat ekonomi desa" in Article.objects.get(pk=imported.pk).body


def test_applying_a_change_as_a_revision_keeps_status_and_publication_time(people, imported):
    live = the_newsroom_publishes(imported)

    outcome = save(CHANGED, on_change=OnChange.REVISION, by=people["admin"])

    assert outcome.action == "updated"
    stored = Article.objects.get(pk=live.pk)
    assert (stored.status, stored.published_at) == (Article.Status.PUBLISHED, PUBLISHED_AT)
    assert (stored.version, stored.imported_version) == (live.version + 1, live.version + 1)
    assert "memperkuat ekonomi desa" in stored.body
    applied = stored.revisions.latest()
    assert applied.version == stored.version
    assert applied.note == "Diimpor dari a.txt, berubah di sumber"
    assert applied.created_by == people["admin"]


def test_applying_a_change_as_a_new_draft_leaves_the_article_alone(imported):
    live = the_newsroom_publishes(imported)
    before = stored_state(live)

    outcome = save(CHANGED, on_change=OnChange.DRAFT)

    assert outcome.action == "created"
    assert stored_state(live) == before
    draft = outcome.article
    assert draft.pk != live.pk
    assert (draft.status, draft.original_url, draft.source_key) == ("draft", "", "")
    assert draft.slug != live.slug
    assert "memperkuat ekonomi desa" in draft.body
    assert any(live.title in warning for warning in outcome.warnings)
    # The same file again is the draft it made.
    assert save(CHANGED).action == "unchanged"


def test_another_story_under_the_same_headline_is_another_article(imported):
    live = the_newsroom_publishes(imported)
    before = stored_state(live)

    outcome = save(ANOTHER_DAY)

    assert outcome.action == "created"
    assert outcome.article.pk != live.pk
    assert stored_state(live) == before


def test_the_same_story_at_another_address_is_another_article(imported):
    Article.objects.filter(pk=imported.pk).update(original_url="https://a.test/1")
    importer = Importer()
    outcome = importer.preview(CHANGED, name="b.txt")
    outcome.parsed.original_url = "https://a.test/2"
    assert importer.save(outcome, status="draft").action == "created"


def test_a_file_without_a_date_never_matches_by_headline(imported):
    live = the_newsroom_publishes(imported)
    before = stored_state(live)

    outcome = save(UNDATED, status="published")

    assert outcome.action == "created"
    assert outcome.article.published_at is not None
    assert "Sumber tidak menyebut tanggal; artikel diberi tanggal sekarang." in outcome.warnings
    assert stored_state(live) == before


def test_a_revision_from_a_file_without_a_date_keeps_the_publication_time(imported):
    """An undated file found by its address: before, the article lost its date (a 500)."""
    Article.objects.filter(pk=imported.pk).update(original_url="https://a.test/1")
    live = the_newsroom_publishes(imported)
    importer = Importer()
    outcome = importer.preview(UNDATED, name="b.txt")
    outcome.parsed.original_url = "https://a.test/1"
    outcome.on_change = OnChange.REVISION

    assert importer.save(outcome, status="draft").action == "updated"
    assert Article.objects.get(pk=live.pk).published_at == PUBLISHED_AT


def test_a_write_the_database_refuses_is_a_clear_rejection(imported, monkeypatch):
    other = save(ANOTHER_DAY).article
    before = stored_state(imported)
    monkeypatch.setattr(service, "unique_slug", lambda title, exclude_pk: other.slug)

    outcome = save(CHANGED)

    assert (outcome.ok, outcome.action, outcome.error.code) == (False, "rejected", "not_saved")
    assert outcome.error.message.startswith("basis data menolak artikel")
    assert stored_state(imported) == before


def test_compare_says_what_saving_would_do_and_writes_nothing(imported):
    the_newsroom_publishes(imported)
    importer = Importer()
    outcomes = [importer.preview(raw, name="x.txt") for raw in (SOURCE, CHANGED, ANOTHER_DAY)]
    revisions = Revision.objects.count()

    importer.compare(outcomes)

    assert [o.would for o in outcomes] == ["unchanged", "changed_at_source", "created"]
    assert [o.action for o in outcomes] == ["previewed"] * 3
    assert [change.name for change in outcomes[1].changes] == ["dek", "body"]
    assert (Article.objects.count(), Revision.objects.count()) == (1, revisions)


@pytest.mark.parametrize(
    ("on_change", "would"),
    [
        (OnChange.REPORT, "changed_at_source"),
        (OnChange.REVISION, "updated"),
        (OnChange.DRAFT, "created"),
    ],
)
def test_compare_follows_the_choice_for_an_article_the_newsroom_has(imported, on_change, would):
    the_newsroom_publishes(imported)
    importer = Importer()
    outcome = importer.preview(CHANGED, name="x.txt")
    outcome.on_change = on_change
    importer.compare([outcome])
    assert (outcome.would, outcome.article.pk) == (would, imported.pk)


def test_uploads_are_previewed_with_their_bytes_and_one_size_check(places):
    big = b"a" * (MAX_SOURCE_BYTES + 10)
    uploads = [
        SimpleUploadedFile("a.txt", SOURCE),
        SimpleUploadedFile("gambar.jpg", b"\xff\xd8"),
        SimpleUploadedFile("besar.txt", big),
    ]
    previewed = Importer().preview_uploads(uploads)
    assert [(o.action, o.error and o.error.code) for o, _raw in previewed] == [
        ("previewed", None),
        ("rejected", "not_text_file"),
        ("rejected", "too_large"),
    ]
    assert [len(raw) for _outcome, raw in previewed] == [len(SOURCE), 0, 0]
    assert previewed[0][0].would == "created"


def test_uploads_over_the_batch_limit_are_refused_from_the_one_that_passes_it(places, monkeypatch):
    monkeypatch.setattr(service, "MAX_BATCH_BYTES", len(SOURCE) + len(CHANGED) // 2)
    uploads = [SimpleUploadedFile("a.txt", SOURCE), SimpleUploadedFile("b.txt", ANOTHER_DAY)]
    previewed = Importer().preview_uploads(uploads)
    assert [o.error and o.error.code for o, _raw in previewed] == [None, "batch_too_large"]
    assert MAX_BATCH_BYTES > MAX_SOURCE_BYTES


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_articles", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_the_command_reports_a_change_at_the_source_and_applies_it_when_told(imported, tmp_path):
    live = the_newsroom_publishes(imported)
    path = tmp_path / "a.txt"
    path.write_bytes(CHANGED)

    out, err = run(str(path))
    assert out.startswith("changed_at_source ")
    assert "--changed-at-source revision or draft" in err
    out, err = run(str(path), "--format", "json")
    [report] = json.loads(out)
    assert (report["ok"], report["action"], report["article"]) == (
        True,
        "changed_at_source",
        live.pk,
    )
    assert [change["field"] for change in report["changes"]] == ["dek", "body"]
    assert Article.objects.get(pk=live.pk).dek == "Dek dari editor"

    out, _err = run(str(path), "--dry-run", "--changed-at-source", "revision")
    assert "(would be updated)" in out
    assert Article.objects.get(pk=live.pk).dek == "Dek dari editor"

    out, _err = run(str(path), "--changed-at-source", "revision")
    assert out.startswith("updated ")
    stored = Article.objects.get(pk=live.pk)
    assert (stored.dek, stored.published_at) != ("Dek dari editor", None)
    assert stored.published_at == PUBLISHED_AT
