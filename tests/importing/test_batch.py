"""Saving files in batches: a few queries for the whole batch, and for every file
the outcome that saving the files one by one, in order, would give."""

import dataclasses
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.db.models import F

from articles.importing import service
from articles.importing.service import Importer
from articles.models import Article, Journalist, ProgramTag, Revision
from articles.revisions import snapshot
from articles.search_index import names as search_names
from regions.models import Region

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
ANTARA = (SOURCES / "000_e04379150e9b95c5.txt").read_text(encoding="utf-8")
POS_KUPANG = (SOURCES / "004_983a433936bb54d8.txt").read_text(encoding="utf-8")
POS_KUPANG_TITLE = (
    "BPJS Ketenagakerjaan Dorong Perangkat Desa di Belu Jadi Motor Penggerak Perlindungan Sosial"
)
ANTARA_RELATED = "Santunan BPJS ketenagakerjaan mencapai Rp50 miliar"


def pos_kupang(title: str, *, ending: str = "memperkuat fondasi ekonomi lokal") -> bytes:
    """The Pos-Kupang sample under another headline (and, if given, another last line)."""
    text = POS_KUPANG.replace(POS_KUPANG_TITLE, title)
    return text.replace("memperkuat fondasi ekonomi lokal", ending).encode()


def antara(number: int, *, related: str = ANTARA_RELATED) -> bytes:
    """The Antara sample about ``number`` villages; its title is derived from that lead."""
    text = ANTARA.replace("meluncurkan tiga desa", f"meluncurkan {number} desa")
    return text.replace(ANTARA_RELATED, related).encode()


@pytest.fixture
def importer(places):
    return Importer()


def save_batch(importer, files: list[bytes], *, status="draft", by=None):
    outcomes = [importer.preview(raw, name=f"{n:03d}.txt") for n, raw in enumerate(files)]
    return importer.save_many(outcomes, status=status, by=by)


def new_files(count: int) -> list[bytes]:
    return [pos_kupang(f"Berita nomor {n}") if n % 2 else antara(n) for n in range(count)]


@pytest.mark.parametrize("count", [5, 10])
def test_a_batch_of_new_files_costs_the_same_queries_whatever_its_size(
    importer, django_assert_num_queries, count
):
    outcomes = [importer.preview(raw, name=f"{n}.txt") for n, raw in enumerate(new_files(count))]
    search_names()  # read once per change of names, not per batch
    # SAVEPOINT; the titles' UPPER(); articles the files could update; taken slugs,
    # now and before;
    # journalists; regions; programs; articles named as related; INSERT editors,
    # articles, region links, program links, reporters, bylines, revisions; the
    # search index: the latest page purge (whether the names changed), the articles'
    # texts, regions and programs, INSERT the entries and the words seen; RELEASE.
    with django_assert_num_queries(23):
        importer.save_many(outcomes, status="draft")
    assert [o.action for o in outcomes] == ["created"] * count
    assert Article.objects.count() == Revision.objects.count() == count
    assert Journalist.objects.count() == 4


def test_the_same_batch_again_is_unchanged_in_four_queries(importer, django_assert_num_queries):
    save_batch(importer, new_files(10))
    outcomes = [importer.preview(raw, name=f"{n}.txt") for n, raw in enumerate(new_files(10))]
    # SAVEPOINT; the titles' UPPER(); the articles the files made; RELEASE.
    with django_assert_num_queries(4):
        importer.save_many(outcomes, status="draft")
    assert [o.action for o in outcomes] == ["unchanged"] * 10
    assert Revision.objects.count() == 10


def test_each_new_article_gets_its_bylines_places_programs_and_revision(importer, people):
    pos, ant = save_batch(importer, [pos_kupang("Berita satu"), antara(5)], by=people["admin"])
    article = pos.article
    assert article.pk is not None
    assert article.body.startswith("<p>BPJS Ketenagakerjaan Cabang Atambua mendorong")
    assert [b.journalist.name for b in article.bylines.all()] == ["Agustinus Tanggur"]
    assert article.editor.name == "Apolonia Matilde"
    assert article.region.slug == "belu"
    assert set(article.regions.values_list("slug", flat=True)) == set(pos.regions)
    assert sorted(article.programs.slugs()) == sorted(pos.programs)
    revision = article.revisions.get()
    assert (revision.version, revision.created_by, revision.note) == (
        1,
        people["admin"],
        "Diimpor dari 000.txt",
    )
    assert revision.snapshot == snapshot(Article.objects.get(pk=article.pk))
    assert ant.article.revisions.get().snapshot == snapshot(ant.article)


def test_a_conflict_in_the_middle_of_a_batch_refuses_that_file_only(importer, monkeypatch):
    [old] = save_batch(importer, [pos_kupang("Berita lama")])
    read_by_the_importer = Article.objects.get(pk=old.article.pk)
    Article.objects.filter(pk=old.article.pk).update(
        dek="Dek dari editor", version=F("version") + 1
    )
    find_existing = service._find_existing
    monkeypatch.setattr(
        service,
        "_find_existing",
        lambda parsed: (
            read_by_the_importer if parsed.title == "Berita lama" else find_existing(parsed)
        ),
    )

    outcomes = save_batch(
        importer,
        [
            pos_kupang("Berita satu"),
            pos_kupang("Berita lama", ending="memperkuat ekonomi desa"),
            pos_kupang("Berita dua"),
        ],
    )

    assert [(o.action, o.error and o.error.code) for o in outcomes] == [
        ("created", None),
        ("rejected", "conflict"),
        ("created", None),
    ]
    stored = Article.objects.get(pk=old.article.pk)
    assert (stored.dek, stored.version, stored.revisions.count()) == ("Dek dari editor", 2, 1)
    assert "memperkuat fondasi ekonomi lokal" in stored.body
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Berita lama",
        "Berita satu",
        "Berita dua",
    }
    assert Revision.objects.count() == 3


def test_a_rejected_file_in_the_middle_of_a_batch_leaves_the_others_saved(importer):
    outcomes = save_batch(importer, [antara(1), b"\x89PNG\r\n\x1a\n\x00\x00", antara(2)])
    assert [o.action for o in outcomes] == ["created", "rejected", "created"]
    assert outcomes[1].error.code == "binary"
    assert Article.objects.count() == 2


def test_titles_that_make_the_same_slug_get_distinct_slugs_in_one_batch(
    importer, make_article, django_assert_num_queries
):
    make_article("Banjir di Kupang", status=Article.Status.DRAFT)
    files = [pos_kupang("Banjir di Kupang!"), pos_kupang("Banjir di Kupang?")]
    # As for any batch of new files (no related titles here), and the slugs
    # starting with the one taken, now and before.
    with django_assert_num_queries(24):
        outcomes = save_batch(importer, files)
    assert [o.action for o in outcomes] == ["created", "created"]
    assert [o.article.slug for o in outcomes] == ["banjir-di-kupang-2", "banjir-di-kupang-3"]


def test_the_same_title_from_two_outlets_makes_two_articles_with_distinct_slugs(importer):
    title = "BPJS Ketenagakerjaan meluncurkan 7 desa di Nusa Tenggara Timur"
    outcomes = save_batch(importer, [antara(7), pos_kupang(title)])
    assert [(o.action, o.parsed.title) for o in outcomes] == [("created", title)] * 2
    assert [o.article.slug for o in outcomes] == [
        "bpjs-ketenagakerjaan-meluncurkan-7-desa-di-nusa-tenggara-timur",
        "bpjs-ketenagakerjaan-meluncurkan-7-desa-di-nusa-tenggara-timur-2",
    ]


def test_a_file_repeated_later_in_the_batch_is_handled_as_one_by_one(importer):
    outcomes = save_batch(
        importer,
        [
            pos_kupang("Berita satu"),
            pos_kupang("Berita satu"),
            pos_kupang("Berita satu", ending="memperkuat ekonomi desa"),
        ],
    )
    assert [o.action for o in outcomes] == ["created", "unchanged", "updated"]
    article = Article.objects.get()
    assert outcomes[1].article == outcomes[2].article == article
    assert "memperkuat ekonomi desa" in article.body
    assert list(article.revisions.values_list("version", flat=True)) == [2, 1]


def test_a_file_matching_an_article_an_earlier_file_changed_is_handled_as_one_by_one(importer):
    def at(url: str, raw: bytes):
        # No parser reads an original URL yet; the importer finds articles by it already.
        outcome = importer.preview(raw, name="berita.txt")
        outcome.parsed = dataclasses.replace(outcome.parsed, original_url=url)
        return outcome

    first = pos_kupang("Judul asal")
    [made] = save_batch(importer, [first])

    # The first file is the same story (its key) at an address, and gives the article
    # that address and new bytes; the second, the article's bytes before, then finds
    # it by its story key and puts the old text back, as it would one by one.
    changed = at("https://a.test/1", pos_kupang("Judul asal", ending="memperkuat ekonomi desa"))
    outcomes = importer.save_many(
        [changed, importer.preview(first, name="lagi.txt")], status="draft"
    )

    assert [o.action for o in outcomes] == ["updated", "updated"]
    assert {o.article.pk for o in outcomes} == {made.article.pk}
    article = Article.objects.get()
    assert article.original_url == "https://a.test/1"
    assert "memperkuat fondasi ekonomi lokal" in article.body
    assert list(article.revisions.values_list("version", flat=True)) == [3, 2, 1]


def test_two_stories_with_one_headline_and_place_on_two_days_are_two_articles(importer):
    earlier = pos_kupang("Harga cabai naik")
    later = earlier.replace(b"Senin (17/11/2025)", b"Selasa (18/11/2025)")
    assert later != earlier
    outcomes = save_batch(importer, [earlier, later])
    assert [o.action for o in outcomes] == ["created", "created"]
    assert Article.objects.count() == 2


def test_related_titles_link_stored_articles_and_earlier_files_of_the_batch(importer, make_article):
    stored = make_article("PEMERINTAH JAMIN 1.400 PTT DALAM BPJS KETENAGAKERJAAN")
    first, second = save_batch(
        importer,
        [pos_kupang("Desa Sadar Jaminan Sosial"), antara(3, related="desa SADAR jaminan sosial")],
    )
    assert list(first.article.related.all()) == []
    assert set(second.article.related.all()) == {stored, first.article}
    assert sorted(second.article.revisions.get().snapshot["related"]) == sorted(
        [stored.pk, first.article.pk]
    )


def test_related_titles_match_as_the_database_compares_them(importer, make_article):
    # SQLite folds the case of ASCII letters only; PostgreSQL of every letter.
    make_article("Éra Baru di Ende")
    outcomes = save_batch(importer, [antara(4, related="éra baru di ende")])
    linked = set(outcomes[0].article.related.all())
    assert linked == set(Article.objects.filter(title__iexact="éra baru di ende"))


def test_a_batch_of_published_articles_purges_the_pages_once(
    importer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        save_batch(importer, new_files(6), status="published")
    assert len(callbacks) == 1


def test_drafts_by_known_journalists_leave_the_page_cache_alone(
    importer, django_capture_on_commit_callbacks
):
    save_batch(importer, new_files(2))
    with django_capture_on_commit_callbacks() as callbacks:
        outcomes = save_batch(importer, [pos_kupang("Berita baru"), antara(99)])
    assert [o.action for o in outcomes] == ["created", "created"]
    assert callbacks == []


def test_when_the_batch_cannot_be_written_the_files_are_saved_one_by_one(importer, monkeypatch):
    def written_meanwhile(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(Revision.objects, "bulk_create", written_meanwhile)
    outcomes = save_batch(importer, new_files(3))
    assert [o.action for o in outcomes] == ["created"] * 3
    assert all(o.article.revisions.count() == 1 for o in outcomes)
    assert Article.objects.count() == 3


# The batch against the one-by-one path, file for file -----------------------------


def stored_state() -> dict:
    """Everything the importer wrote, with ids replaced by slugs (ids differ between runs)."""
    slugs = {
        model: dict(model.objects.values_list("pk", "slug"))
        for model in (Article, Journalist, Region, ProgramTag)
    }

    def named(model, ids):
        return [slugs[model].get(pk) for pk in ids]

    articles = {}
    for article in Article.objects.all():
        revisions = []
        for revision in article.revisions.order_by("version"):
            data = dict(revision.snapshot)
            data["region"] = slugs[Region].get(data["region"])
            data["editor"] = slugs[Journalist].get(data["editor"])
            data["reporters"] = named(Journalist, data["reporters"])
            for name, model in (
                ("regions", Region),
                ("programs", ProgramTag),
                ("related", Article),
            ):
                data[name] = sorted(named(model, data[name]))
            revisions.append((revision.version, revision.note, data))
        articles[article.slug] = {
            **Article.objects.filter(pk=article.pk)
            .values(
                "title",
                "title_derived",
                "source_title",
                "source_checksum",
                "status",
                "version",
                "dek",
                "body",
                "summary_points",
                "dateline_city",
                "published_at",
                "outlet",
                "original_byline",
                "rights_line",
                "region__slug",
                "editor__slug",
            )
            .get(),
            "reporters": [b.journalist.slug for b in article.bylines.all()],
            "regions": sorted(article.regions.values_list("slug", flat=True)),
            "programs": sorted(article.programs.slugs()),
            "related": sorted(article.related.values_list("slug", flat=True)),
            "revisions": revisions,
        }
    return {
        "articles": articles,
        "journalists": sorted(Journalist.objects.values_list("slug", "name")),
    }


def test_a_batch_saves_exactly_what_saving_the_files_one_by_one_saves(
    importer, make_article, monkeypatch
):
    files = [
        pos_kupang("Berita lama", ending="memperkuat ekonomi desa"),  # updates a stored article
        pos_kupang("Banjir di Kupang!"),
        antara(1, related="BANJIR di kupang!"),  # links to the file before it
        pos_kupang("Banjir di Kupang?"),
        pos_kupang("Banjir di Kupang!"),  # the same bytes as the second file
        b"",
        antara(2, related="banjir di kupang?"),
        pos_kupang("Banjir di Kupang!", ending="memperkuat koperasi desa"),  # updates the second
        antara(1),  # updates the third, found by its title
        antara(3, related="Berita lama"),
    ]

    def run(save) -> tuple[list, dict]:
        Article.objects.all().delete()
        Journalist.objects.exclude(slug="maria-lado").delete()
        make_article("Banjir di Kupang", status=Article.Status.DRAFT)
        save_batch(importer, [pos_kupang("Berita lama")])
        outcomes = [importer.preview(raw, name=f"{n:03d}.txt") for n, raw in enumerate(files)]
        save(outcomes)
        actions = [(o.action, o.error and str(o.error.code)) for o in outcomes]
        return actions, stored_state()

    def one_by_one(outcomes):
        for outcome in outcomes:
            if outcome.parsed is not None:
                outcome.article, outcome.action, outcome.error = service._save_alone(
                    outcome, status="draft", by=None
                )

    expected = run(one_by_one)
    saved_alone = []

    def save_alone(outcome, **kwargs):
        saved_alone.append(outcome.name)
        return one_file(outcome, **kwargs)

    one_file = service._save_alone
    monkeypatch.setattr(service, "_save_alone", save_alone)
    assert expected[0] == [
        ("updated", None),
        ("created", None),
        ("created", None),
        ("created", None),
        ("unchanged", None),
        ("rejected", "empty"),
        ("created", None),
        ("updated", None),
        ("updated", None),
        ("created", None),
    ]
    assert run(lambda outcomes: importer.save_many(outcomes, status="draft")) == expected
    # The updates and repeats, after the run of new files before each; the rest together.
    assert saved_alone == ["000.txt", "004.txt", "007.txt", "008.txt"]


def test_a_new_article_never_takes_another_article_s_old_slug(importer, make_article):
    """The old address keeps redirecting to the article that had it."""
    renamed = make_article("Banjir di Kupang", status=Article.Status.PUBLISHED)
    renamed.slug = "banjir-di-kupang-meluas"
    renamed.save()
    outcomes = save_batch(importer, [pos_kupang("Banjir di Kupang")])
    assert [outcome.action for outcome in outcomes] == ["created"]
    new = Article.objects.exclude(pk=renamed.pk).get()
    assert new.slug != "banjir-di-kupang"
    assert renamed.previous_slugs.get().slug == "banjir-di-kupang"
