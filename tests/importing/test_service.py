import datetime
from pathlib import Path

import pytest
from django.conf import settings

from articles.importing.service import Importer
from articles.models import Article, Journalist

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
ANTARA = (SOURCES / "000_e04379150e9b95c5.txt").read_bytes()
POS_KUPANG = (SOURCES / "004_983a433936bb54d8.txt").read_bytes()
WITA = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def importer(places):
    return Importer()


def save(importer, raw, *, status="draft", name="berita.txt"):
    return importer.import_file(raw, name=name, status=status, dry_run=False)


def test_the_antara_sample_becomes_a_dated_article_in_kupang(importer):
    outcome = save(importer, ANTARA, status="published")
    article = outcome.article
    assert outcome.action == "created"
    assert article.outlet == "Antara"
    assert article.title_derived is True
    assert article.dateline_city == "Kupang"
    assert article.published_at == datetime.datetime(2018, 8, 24, tzinfo=WITA)
    assert article.region.slug == "kupang"
    assert {"kupang", "manggarai-barat", "bolok", "penfui-timur", "batu-cermin"} <= set(
        article.regions.values_list("slug", flat=True)
    )
    assert [b.journalist.name for b in article.bylines.all()] == ["Benediktus Sridin Sulu Jahang"]
    assert article.editor.name == "Laurensius Molan"
    assert article.rights_line == "Copyright © ANTARA 2024"
    assert article.is_live


def test_the_pos_kupang_sample_becomes_an_article_about_belu(importer):
    article = save(importer, POS_KUPANG).article
    assert article.status == Article.Status.DRAFT
    assert article.title == (
        "BPJS Ketenagakerjaan Dorong Perangkat Desa di Belu Jadi Motor Penggerak "
        "Perlindungan Sosial"
    )
    assert article.region.slug == "belu"
    assert article.dateline_city == "Atambua"
    assert article.published_at == datetime.datetime(2025, 11, 17, tzinfo=WITA)
    assert {"jkk", "jkm", "jht", "jp"} <= set(article.programs.slugs())
    assert len(article.summary_points) == 4
    assert "GOOGLE NEWS" not in article.body
    assert "(gus)" not in article.body
    assert "quality(30)" not in article.body
    assert article.body.startswith("<p>BPJS Ketenagakerjaan Cabang Atambua mendorong")


def test_the_same_file_again_changes_nothing(importer):
    first = save(importer, POS_KUPANG)
    before = Article.objects.values().get(pk=first.article.pk)
    again = save(importer, POS_KUPANG)
    assert again.action == "unchanged"
    assert Article.objects.count() == 1
    assert Journalist.objects.count() == 2
    assert Article.objects.values().get(pk=first.article.pk) == before


def test_a_changed_file_updates_the_same_article(importer):
    first = save(importer, POS_KUPANG)
    changed = POS_KUPANG.replace(b"memperkuat fondasi ekonomi lokal", b"memperkuat ekonomi desa")
    second = save(importer, changed)
    assert second.action == "updated"
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1
    second.article.refresh_from_db()
    assert "memperkuat ekonomi desa" in second.article.body
    assert second.article.version == first.article.version + 1


def test_an_editors_headline_survives_a_reimport(importer):
    article = save(importer, ANTARA).article
    Article.objects.filter(pk=article.pk).update(title="Tiga desa sadar jaminan sosial")
    changed = ANTARA.replace(b"17 perusahan", b"18 perusahaan")
    assert save(importer, changed).action == "updated"
    article.refresh_from_db()
    assert article.title == "Tiga desa sadar jaminan sosial"
    assert "18 perusahaan" in article.body


def test_a_rejected_file_writes_nothing(importer):
    outcome = save(importer, b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not outcome.ok
    assert outcome.action == "rejected"
    assert outcome.error.code == "binary"
    assert outcome.error_message.startswith("berita.txt: ")
    assert not Article.objects.exists()


def test_related_titles_link_articles_that_exist(importer):
    related = save(importer, POS_KUPANG).article
    Article.objects.filter(pk=related.pk).update(
        title="Pemerintah jamin 1.400 PTT dalam BPJS Ketenagakerjaan"
    )
    article = save(importer, ANTARA).article
    assert list(article.related.all()) == [related]


def test_a_failure_midway_leaves_nothing_half_saved(importer, monkeypatch):
    from articles.importing import service

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service.ArticleReporter.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        save(importer, POS_KUPANG)
    assert not Article.objects.exists()
    assert not Journalist.objects.exists()
