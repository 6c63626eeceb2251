"""PostgreSQL search reads the stored tsvector and its GIN index (migration 0006)."""

import pytest
from django.db import connection

from articles.models import Article
from articles.search import search

pytestmark = pytest.mark.postgresql


def test_the_search_reads_the_gin_index(cast):
    with connection.cursor() as cursor:
        # With sequential scans priced out, only the index can answer the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search(Article.objects.all(), ["desa"]).explain()
    assert "article_search_gin" in plan


def test_the_stored_document_follows_every_edit(make_article):
    article = make_article("Pekerja desa terlindungi")
    assert [a.title for a in search(Article.objects.live(), ["pekerja"])] == [article.title]
    article.title = "Nelayan Sabu menerima santunan"
    article.body = "<p>Di Seba, Sabu Raijua.</p>"
    article.save()
    assert list(search(Article.objects.live(), ["pekerja"])) == []
    assert [a.title for a in search(Article.objects.live(), ["nelayan"])] == [article.title]


def test_indonesian_stemming_finds_other_forms_of_a_word(make_article):
    make_article("Pekerja desa terlindungi")
    found = search(Article.objects.live(), ["perlindungan"])
    assert [article.title for article in found] == ["Pekerja desa terlindungi"]
