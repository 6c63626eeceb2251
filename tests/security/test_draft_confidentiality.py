"""Draft confidentiality as a property.

Whatever mix of states, publication times around "now" and trashed articles
there is, every public page, filter, search, feed, sitemap, "Baca juga" block
and JSON-LD shows exactly the live articles: published, ``published_at`` not
after now, not in the trash. What counts as live is computed here from the
article's fields, independently of ``Article.objects.live()``.
"""

import datetime
import json
import re

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article, ArticleReporter, Correction, ProgramTag
from tests.public_urls import article_lists

NOW = datetime.datetime(2025, 11, 17, 1, 0, tzinfo=datetime.UTC)  # Monday 09:00 WITA
SECOND, HOUR = datetime.timedelta(seconds=1), datetime.timedelta(hours=1)
# All within November 2025 (WITA) and inside the Google News window of two days.
OFFSETS = [-36 * HOUR, -HOUR, -SECOND, datetime.timedelta(0), SECOND, HOUR, 36 * HOUR]
Status = Article.Status
MAX_ARTICLES = 8
TOKEN = re.compile(r"kode([a-h])\1x")

# Every public list an article can reach; each must show exactly the live ones.
LISTS = article_lists(
    regions=["belu", "ntt", "bolok"],
    programs=["jkk"],
    reporters=["maria-lado"],
    archive=["wilayah=belu", "program=jkk", "penulis=maria-lado", "tahun=2025&bulan=11"],
)


def token(index: int) -> str:
    letter = "abcdefgh"[index]
    return f"kode{letter}{letter}x"


def is_live(spec: dict) -> bool:
    return (
        spec["status"] == Status.PUBLISHED
        and spec["offset"] is not None
        and spec["offset"] <= datetime.timedelta(0)
        and not spec["trashed"]
    )


@st.composite
def article_specs(draw):
    status = draw(st.sampled_from(list(Status)))
    offsets = OFFSETS if status == Status.PUBLISHED else [None, *OFFSETS]
    return {
        "status": status,
        "offset": draw(st.sampled_from(offsets)),
        "trashed": draw(st.booleans()),
    }


def build(specs: list[dict], places, reporter, editor) -> list[Article]:
    jkk = ProgramTag.objects.get(slug="jkk")
    articles = []
    for index, spec in enumerate(specs):
        word = token(index)
        article = Article.objects.create(
            title=f"Berita {word}",
            slug=word,
            dek=f"Ringkas {word}",
            summary_points=[f"Poin {word}"],
            body=f"<p>Isi berita {word}.</p>",
            status=spec["status"],
            published_at=NOW + spec["offset"] if spec["offset"] is not None else None,
            region=places["belu"],
            deleted_at=NOW - HOUR if spec["trashed"] else None,
            deleted_by=editor if spec["trashed"] else None,
        )
        article.regions.add(places["belu"], places["bolok"])
        article.programs.add(jkk)
        ArticleReporter.objects.create(article=article, journalist=reporter)
        Correction.objects.create(article=article, text=f"Koreksi {word}", created_at=NOW - HOUR)
        articles.append(article)
    # Every article names every other as "Baca juga": the block must still show only live ones.
    for article in articles:
        article.related.set([other for other in articles if other != article])
    return articles


def tokens_in(text: str) -> set[str]:
    return {match.group(0) for match in TOKEN.finditer(text)}


def json_ld(text: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return [json.loads(block) for block in blocks]


def check_site(client: Client, articles: list[Article], specs: list[dict]) -> None:
    live = {token(i) for i, spec in enumerate(specs) if is_live(spec)}
    for url in LISTS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert tokens_in(response.content.decode()) == live, url

    for index, article in enumerate(articles):
        word = token(index)
        # The search page repeats the query: look at its results, and its count.
        results = client.get(f"/cari/?q={word}").context["page_obj"]
        assert [found.slug for found in results] == sorted({word} & live), word
        assert results.paginator.count == len({word} & live), word
        response = client.get(article.get_absolute_url())
        if word not in live:
            assert response.status_code == 404, word
            continue
        page = response.content.decode()
        shown = tokens_in(page)
        # Its own title, and as many live "Baca juga" picks as fit (four).
        assert word in shown and shown <= live, word
        assert len(shown) == 1 + min(4, len(live) - 1), word
        assert [data["headline"] for data in json_ld(page)] == [article.title]

    reporters = client.get("/sitemap-reporters.xml").content.decode()
    assert ("/penulis/maria-lado/" in reporters) is bool(live)
    years = client.get("/arsip/").context["filterset"].form.fields["tahun"].choices
    assert [value for value, _label in years if value] == ([2025] if live else [])


def test_the_check_can_fail(client, places, reporter, people):
    """A canary: a draft that leaked into the lists would be caught."""
    with time_machine.travel(NOW, tick=False):
        specs = [{"status": Status.DRAFT, "offset": None, "trashed": False}]
        articles = build(specs, places, reporter, people["editor"])
        check_site(client, articles, specs)
        with pytest.raises(AssertionError):
            check_site(
                client, articles, [{**specs[0], "status": Status.PUBLISHED, "offset": -HOUR}]
            )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(article_specs(), min_size=1, max_size=MAX_ARTICLES))
@example(specs=[{"status": Status.PUBLISHED, "offset": OFFSETS[3], "trashed": False}])
@example(specs=[{"status": Status.PUBLISHED, "offset": OFFSETS[4], "trashed": False}])
@example(specs=[{"status": Status.PUBLISHED, "offset": OFFSETS[1], "trashed": True}])
@example(
    specs=[
        {"status": Status.UNPUBLISHED, "offset": OFFSETS[0], "trashed": False},
        {"status": Status.DRAFT, "offset": OFFSETS[2], "trashed": False},
        {"status": Status.IN_REVIEW, "offset": None, "trashed": True},
        {"status": Status.PUBLISHED, "offset": OFFSETS[6], "trashed": False},
        {"status": Status.PUBLISHED, "offset": OFFSETS[0], "trashed": False},
    ]
)
def test_every_public_surface_shows_exactly_the_live_articles(places, reporter, people, specs):
    client = Client()
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        articles = build(specs, places, reporter, people["editor"])
        check_site(client, articles, specs)
        transaction.set_rollback(True)
