"""The article list: review queue, filters, search, badges, and a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleReporter, Journalist, ProgramTag
from newsroom.wita import format_wita

LIST = "/admin/articles/article/"


def titles(response) -> list[str]:
    return [article.title for article in response.context["cl"].result_list]


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor"])
    return client


def test_the_list_lives_where_the_admin_puts_it():
    assert reverse("admin:articles_article_changelist") == LIST


def test_the_review_queue_is_in_review_articles_oldest_first(editor_client, make_article, people):
    start = timezone.now() - datetime.timedelta(days=1)
    for hours, title in [(3, "Masuk ketiga"), (1, "Masuk pertama"), (2, "Masuk kedua")]:
        article = make_article(title, status=Article.Status.DRAFT)
        with time_machine.travel(start + datetime.timedelta(hours=hours), tick=False):
            workflow.submit(article, by=people["editor"])
    make_article("Masih draf", status=Article.Status.DRAFT)

    response = editor_client.get(LIST + "?queue=review")

    assert titles(response) == ["Masuk pertama", "Masuk kedua", "Masuk ketiga"]


def test_returned_articles_have_their_own_queue_and_badge(editor_client, cast, people):
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="Data BPJS 2025?")
    response = editor_client.get(LIST + "?queue=returned")
    assert titles(response) == ["Sedang ditinjau"]
    page = response.content.decode()
    assert '<span class="wf-badge wf-returned">dikembalikan</span>' in page
    assert '<span class="wf-reason">Data BPJS 2025?</span>' in page


def test_the_scheduled_badge_shows_the_time_in_wita(editor_client, cast):
    response = editor_client.get(LIST + "?scheduled=yes")
    assert titles(response) == ["Terjadwal besok"]
    expected = format_wita(cast["scheduled"].published_at)
    assert f'<span class="wf-badge wf-scheduled">terjadwal · {expected}</span>' in (
        response.content.decode()
    )


def test_my_articles(client, cast, people, make_article):
    client.force_login(people["editor"])
    assert titles(client.get(LIST + "?queue=mine")) == []
    client.force_login(people["reporter_a"])
    assert len(titles(client.get(LIST + "?queue=mine"))) == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status__exact=draft", {"Draf rahasia"}),
        ("?status__exact=published", {"Berita tayang", "Terjadwal besok"}),
        ("?live=yes", {"Berita tayang"}),
        ("?live=no", {"Draf rahasia", "Sedang ditinjau", "Terjadwal besok", "Sudah ditarik"}),
        ("?scheduled=yes", {"Terjadwal besok"}),
        ("?program=jkk", {"Berita tayang"}),
        ("?reporter=yohanes-bria", {"Sedang ditinjau"}),
        ("?q=ditarik", {"Sudah ditarik"}),
        ("?q=Yohanes", {"Sedang ditinjau"}),
    ],
)
def test_filters_and_search(editor_client, cast, query, expected):
    cast["live"].programs.set([ProgramTag.objects.get(slug="jkk")])
    ArticleReporter.objects.create(
        article=cast["in_review"],
        journalist=Journalist.objects.get(slug="yohanes-bria"),
        position=1,
    )
    assert set(titles(editor_client.get(LIST + query))) == expected


def test_the_region_filter(editor_client, cast, make_article):
    make_article("Di Alor", region="alor")
    response = editor_client.get(
        LIST + f"?region__id__exact={Article.objects.get(title='Di Alor').region_id}"
    )
    assert titles(response) == ["Di Alor"]


def reporter_choices(client) -> list[tuple[str, str]]:
    response = client.get(LIST)
    specs = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", None) == "reporter"
    ]
    return specs[0].lookup_choices if specs else []


def test_the_reporter_filter_offers_only_visible_colleagues(client, cast, people):
    ArticleReporter.objects.create(
        article=cast["in_review"],
        journalist=Journalist.objects.get(slug="yohanes-bria"),
        position=1,
    )
    both = [("maria-lado", "Maria Lado"), ("yohanes-bria", "Yohanes Bria")]
    # Reporter B shares one byline with Maria Lado, so both names are offered to them.
    client.force_login(people["reporter_b"])
    assert reporter_choices(client) == both
    client.force_login(people["editor"])
    assert reporter_choices(client) == both
    Article.objects.filter(pk=cast["in_review"].pk).delete()
    client.force_login(people["reporter_b"])
    assert reporter_choices(client) == []


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_five_or_thirty_articles(
    editor_client, cast, make_article
):
    few = count_queries(editor_client, LIST)
    for number in range(25):
        make_article(f"Berita tambahan {number}")
    # Session, user, count, total, page of articles with their latest event as
    # subqueries, bylines and journalists (one prefetch), filter choices.
    assert count_queries(editor_client, LIST) == few
