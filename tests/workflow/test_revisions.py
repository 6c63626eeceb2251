"""Snapshots, the atomic version claim, diffs and restore (articles/revisions.py)."""

import pytest

from articles.models import ArticleReporter, ImmutableRowError, Journalist, ProgramTag
from articles.revisions import (
    StaleVersion,
    claim_version,
    compare_snapshots,
    html_blocks,
    record_revision,
    restore_revision,
    snapshot,
    word_diff,
)


def test_a_snapshot_holds_the_content_with_bylines_in_order(cast, places, people):
    article = cast["draft"]
    second = Journalist.objects.get(slug="yohanes-bria")
    article.bylines.update(position=1)
    ArticleReporter.objects.create(article=article, journalist=second, position=0)
    article.programs.set([ProgramTag.objects.get(slug="jkk")])

    data = snapshot(article)

    assert data["title"] == "Draf rahasia"
    assert data["body"] == "<p>Draf rahasia.</p>"
    assert data["region"] == places["belu"].pk
    assert data["regions"] == [places["belu"].pk]
    assert data["programs"] == [ProgramTag.objects.get(slug="jkk").pk]
    assert data["reporters"] == [second.pk, Journalist.objects.get(slug="maria-lado").pk]
    assert "status" not in data
    assert "published_at" not in data


def test_of_two_saves_from_the_same_version_only_one_wins(cast):
    article = cast["draft"]
    first_copy, second_copy = type(article).objects.get(pk=article.pk), article

    assert claim_version(first_copy, expected=1) == 2
    with pytest.raises(StaleVersion):
        claim_version(second_copy, expected=1)
    assert type(article).objects.get(pk=article.pk).version == 2


def test_restoring_makes_a_new_revision_with_the_old_content(cast, places, people):
    article = cast["draft"]
    first = record_revision(article, by=people["reporter_a"])
    claim_version(article, expected=1)
    article.title = "Judul baru"
    article.region = places["kupang"]
    article.save()
    article.regions.set([places["kupang"]])
    second = record_revision(article, by=people["reporter_a"])

    restored = restore_revision(first, by=people["editor"], expected_version=2)

    article.refresh_from_db()
    assert (article.title, article.region, article.version) == ("Draf rahasia", places["belu"], 3)
    assert list(article.regions.all()) == [places["belu"]]
    assert article.status == "draft"
    assert (restored.version, restored.created_by, restored.note) == (
        3,
        people["editor"],
        "Restored from version 1",
    )
    assert [r.version for r in article.revisions.all()] == [3, 2, 1]
    assert second.snapshot["title"] == "Judul baru"


def test_restoring_from_a_stale_page_changes_nothing(cast, people):
    article = cast["draft"]
    first = record_revision(article, by=people["reporter_a"])
    claim_version(article, expected=1)

    with pytest.raises(StaleVersion):
        restore_revision(first, by=people["editor"], expected_version=1)
    assert article.revisions.count() == 1
    assert type(article).objects.get(pk=article.pk).version == 2


def test_revisions_cannot_be_edited_or_deleted(cast, people):
    revision = record_revision(cast["draft"], by=people["reporter_a"])
    revision.snapshot = {}
    with pytest.raises(ImmutableRowError):
        revision.save()
    with pytest.raises(ImmutableRowError):
        revision.delete()


def test_words_that_changed_are_marked_on_both_sides():
    left, right = word_diff("Peserta BPJS di Belu 2.000 orang", "Peserta BPJS di Belu 2.200 orang")
    assert left == "Peserta BPJS di Belu <del>2.000</del> orang"
    assert right == "Peserta BPJS di Belu <ins>2.200</ins> orang"


def test_diffs_escape_what_they_show():
    left, right = word_diff("<b>tebal</b>", "<script>alert(1)</script>")
    assert left == "<del>&lt;b&gt;tebal&lt;/b&gt;</del>"
    assert right == "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>"


def test_a_body_is_compared_paragraph_by_paragraph():
    assert html_blocks("<p>Satu &amp; dua.</p><ul><li>Tiga</li></ul><p></p>") == [
        "Satu & dua.",
        "Tiga",
    ]
    old = {"body": "<p>Sama.</p><p>Lama sekali.</p>"}
    new = {"body": "<p>Sama.</p><p>Baru sekali.</p><p>Tambahan.</p>"}
    [body] = compare_snapshots(old, new, fields=["body"])
    assert [(str(row.left), str(row.right), row.changed) for row in body.rows] == [
        ("Sama.", "Sama.", False),
        ("<del>Lama</del> sekali.", "<ins>Baru</ins> sekali.", True),
        ("", "<ins>Tambahan.</ins>", True),
    ]


def test_related_objects_are_shown_by_name(cast, places):
    gone = Journalist.objects.create(name="Sudah pergi", slug="sudah-pergi")
    gone_pk = gone.pk
    gone.delete()
    old = {"region": places["belu"].pk, "reporters": [gone_pk]}
    new = {"region": places["kupang"].pk, "reporters": []}
    region, reporters = compare_snapshots(old, new, fields=["region", "reporters"])
    assert (region.label, str(region.rows[0].left), str(region.rows[0].right)) == (
        "primary region",
        "<del>Belu</del> Regency",
        "<ins>Kupang</ins> Regency",
    )
    assert str(reporters.rows[0].left) == f"<del>#{gone_pk} (deleted)</del>"
