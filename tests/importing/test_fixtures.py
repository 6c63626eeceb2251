import json

from django.core.management import call_command

from articles.importing.fixtures import FIXTURES_DIR, build_fixture_data
from articles.models import Article, ArticleReporter, Journalist, ProgramTaggedArticle
from regions.models import Region


def test_the_article_fixtures_are_exactly_what_the_importer_makes_of_the_sources(db):
    built = build_fixture_data()
    for name, content in built.items():
        committed = (FIXTURES_DIR / name).read_text(encoding="utf-8")
        assert content == committed, f"fixtures/{name} is stale: run `make fixtures`"


def test_every_fixture_loads_into_an_empty_database(db):
    call_command("loaddata", "regions", "programs", "people", "articles", verbosity=0)
    assert Region.objects.count() == 29
    assert Journalist.objects.count() == 4
    assert Article.objects.count() == 2
    assert Article.objects.live().count() == 2
    assert ArticleReporter.objects.count() == 2
    assert ProgramTaggedArticle.objects.count() == 8
    belu = Article.objects.get(region__slug="belu")
    assert belu.get_absolute_url() == (
        "/berita/2025/11/17/bpjs-ketenagakerjaan-dorong-perangkat-desa-di-belu-jadi-motor-"
        "penggerak-perlindungan-sosial/"
    )


def test_loading_the_fixtures_twice_duplicates_nothing(db):
    for _ in range(2):
        call_command("loaddata", "regions", "programs", "people", "articles", verbosity=0)
    assert Article.objects.count() == 2
    assert ArticleReporter.objects.count() == 2
    assert ProgramTaggedArticle.objects.count() == 8


def test_fixtures_carry_no_database_ids():
    for name in ("regions.json", "programs.json", "people.json", "articles.json"):
        for item in json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8")):
            assert "pk" not in item, name
