"""The search index follows every change to what it holds (both engines)."""

import pytest
from django.core.management import call_command

from articles.models import Article, ProgramTag, SearchWord
from articles.search import parse, search
from regions.models import Region
from tests.site.builders import publish


def titles(text: str) -> list[str]:
    return [article.title for article in search(Article.objects.live(), parse(text))]


@pytest.fixture
def story(places, frozen):
    return publish("Nelayan desa terlindungi", region="alor", body="<p>Isi.</p>")


def test_the_entry_follows_every_edit(story):
    story.title = "Petani menerima santunan"
    story.save()
    assert titles("nelayan") == []
    assert titles("santunan") == ["Petani menerima santunan"]


def test_a_deleted_article_leaves_the_index(story):
    story.delete()
    assert titles("nelayan") == []


def test_the_tags_follow_the_regions_and_programs(story, places):
    assert titles("Mabar") == []
    story.regions.add(places["manggarai-barat"])
    assert titles("Mabar") == [story.title]
    story.programs.add(ProgramTag.objects.get(slug="jkk"))
    assert titles("jkk") == [story.title]
    story.programs.clear()
    assert titles("jkk") == []


def test_the_vocabulary_counts_the_documents_each_word_is_in(story, places):
    publish("Nelayan pulang", region="alor", body="<p>Isi.</p>")
    assert SearchWord.objects.get(word="nelayan").documents >= 2
    assert not SearchWord.objects.filter(word="isi").exists()  # too short to misspell


def test_a_new_alias_works_at_once(story, places):
    alor = places["alor"]
    alor.aliases = [*alor.aliases, "Pulau Kenari"]
    alor.save()
    assert titles("pulau kenari") == [story.title]


def test_index_search_writes_every_entry_again_after_a_region_moves(places, frozen):
    in_bolok = publish("Panen di Bolok", region="bolok", body="<p>Isi.</p>")
    district = Region.objects.get(slug="kupang-barat")
    district.parent = places["belu"]
    district.save()
    assert titles("Atambua") == []
    call_command("index_search", verbosity=0)
    assert titles("Atambua") == [in_bolok.title]
