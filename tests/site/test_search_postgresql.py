"""PostgreSQL search reads its table of tsvectors and their GIN index (migration 0009)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import search as search_module
from articles.models import Article
from articles.search import parse, search
from tests.site.builders import publish

pytestmark = pytest.mark.postgresql

HOUR = datetime.timedelta(hours=1)


def ranking_sql(articles, text) -> str:
    with CaptureQueriesContext(connection) as queries:
        len(search(articles, parse(text)))
    return queries.captured_queries[-1]["sql"]


def test_the_search_reads_the_gin_index(cast):
    sql = ranking_sql(Article.objects.all(), "desa")
    with connection.cursor() as cursor:
        # With sequential scans and the ordered walk priced out, only the
        # GIN index can find the matches.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_gin" in plan


def test_the_document_is_built_from_analyzed_text_with_the_simple_configuration(make_article):
    article = make_article("Polisi menangkap pencuri")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document::text FROM articles_search WHERE article_id = %s", [article.pk]
        )
        [(document,)] = cursor.fetchall()
    # Roots, weighted by where they occur (A title, C body, D tags).
    assert "'tangkap':2A,5C" in document
    assert "'curi':3A,6C" in document
    assert "'menangkap'" not in document


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
    results = search(Article.objects.live(), parse("nelayan"))
    assert [article.title for article in results] == ["Laporan 4", "Laporan 3", "Laporan 2"]
    assert results.capped
