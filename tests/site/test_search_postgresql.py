"""PostgreSQL search reads the stored tsvector and its GIN index (migration 0006)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import search as search_module
from articles.models import Article
from articles.search import START, STOP, search
from tests.site.builders import publish

pytestmark = pytest.mark.postgresql

HOUR = datetime.timedelta(hours=1)

FILLER = "<p>" + "Warga desa berkumpul di balai untuk rapat. " * 60 + "</p>"


def ranking_sql(articles, terms) -> str:
    with CaptureQueriesContext(connection) as queries:
        len(search(articles, terms))
    [query] = queries.captured_queries
    return query["sql"]


def test_the_search_reads_the_gin_index(cast):
    sql = ranking_sql(Article.objects.all(), ["desa"])
    with connection.cursor() as cursor:
        # With sequential scans and the ordered walk priced out, only the
        # GIN index can find the matches.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_gin" in plan


def test_ranking_reads_no_headlines(cast):
    # Headlines are the costly part; only the page shown gets them.
    assert "ts_headline" not in ranking_sql(Article.objects.live(), ["desa"])


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


def test_a_snippet_is_found_through_a_stem_deep_in_a_long_body(make_article):
    # "perlindungan" does not occur as written, so the headline reads the
    # whole body rather than a passage around the first occurrence.
    article = make_article("Kabar desa")
    article.body = f"{FILLER}<p>Pekerja informal kini terlindungi.</p>{FILLER}"
    article.save()
    [found] = search(Article.objects.live(), ["perlindungan"])
    assert f"{START}terlindungi{STOP}" in found.search_snippet


def test_a_snippet_comes_from_around_the_first_occurrence(make_article):
    article = make_article("Kabar desa")
    article.body = f"{FILLER}<p>Nelayan Atambua menerima santunan.</p>{FILLER}"
    article.save()
    [found] = search(Article.objects.live(), ["nelayan"])
    assert f"{START}Nelayan{STOP} Atambua menerima santunan." in found.search_snippet


@pytest.mark.parametrize("others", [0, 6], ids=["walked", "collected"])
def test_both_ways_to_the_newest_matches_agree(monkeypatch, places, frozen, others):
    # Two of the newest four articles matching means a common word: the
    # newest articles are walked. With six newer articles about something
    # else, the matches are collected from the GIN index instead.
    monkeypatch.setattr(search_module, "WINDOW", 3)
    monkeypatch.setattr(search_module, "PROBE", 4)
    monkeypatch.setattr(search_module, "PROBE_HITS", 2)
    for n in range(5):
        publish(f"Laporan {n}", ago=(100 - n) * HOUR, body="<p>Para nelayan melaut.</p>")
    for n in range(others):
        publish(f"Kabar lain {n}", ago=(50 - n) * HOUR, body="<p>Isi.</p>")
    results = search(Article.objects.live(), ["nelayan"])
    assert [article.title for article in results] == ["Laporan 4", "Laporan 3", "Laporan 2"]
    assert results.capped
