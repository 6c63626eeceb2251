"""The admin's article list reads indexes, not the archive (the same checks
as the public lists' in tests/site/test_query_plans.py). A few articles per
page, so that the list has pages and reads a page at a time, as it does at
any real size (a list that fits one page is read whole)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.admin.article import ArticleAdmin
from articles.models import Article, ProgramTag
from tests.site.test_query_plans import ARCHIVE_TABLES, postgresql_problems, sqlite_problems

LIST = "/admin/articles/article/"


@pytest.fixture
def archive(make_article, places):
    jkk = ProgramTag.objects.get(slug="jkk")
    for number in range(12):
        status = [Article.Status.PUBLISHED, Article.Status.DRAFT][number % 2]
        article = make_article(f"Santunan pekerja nomor {number}", status=status)
        article.programs.add(jkk)


def belu_region() -> str:
    return f"{LIST}?region__id__exact={Article.objects.values_list('region', flat=True)[0]}"


PAGES = [
    LIST,
    f"{LIST}?p=2",
    f"{LIST}?status__exact=published",
    f"{LIST}?status__exact=draft",
    "REGION",
    f"{LIST}?program=jkk",
    f"{LIST}?year=2026",
    f"{LIST}?o=5",
    f"{LIST}?o=-5",
    f"{LIST}?q=pekerja",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_admin_list_query_scans_or_sorts_the_archive(client, people, archive, url, monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 3)
    client.force_login(people["editor"])
    if url == "REGION":
        url = belu_region()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    explain = sqlite_problems if connection.vendor == "sqlite" else postgresql_problems
    problems = {
        query["sql"][-400:]: found
        for query in captured
        if any(table in query["sql"] for table in ARCHIVE_TABLES)
        if (found := explain(query["sql"]))
    }
    assert problems == {}, "\n".join(f"{sql}\n  {plan}" for sql, plan in problems.items())
