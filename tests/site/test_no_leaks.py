"""No draft, in-review, scheduled or unpublished article reaches a reader,
on any public page, feed or sitemap."""

import pytest
from django.urls import reverse

from articles.models import Article, ProgramTag
from regions.models import Region
from tests.public_urls import every_public_page
from tests.site.builders import correct

HIDDEN = ["draft", "in_review", "scheduled", "unpublished"]
SHOW_LIVE = {
    "/",
    "/arsip/",
    "/arsip/?penulis=maria-lado&program=jkk&wilayah=belu",
    "/penulis/maria-lado/",
    "/feed/",
    "/feed/atom/",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/wilayah/ntt/",
    "/wilayah/belu/",
    "/wilayah/belu/feed/",
    "/wilayah/kupang/feed/atom/",
    "/wilayah/bolok/",
    "/program/jkk/",
    "/program/jkk/feed/",
    "/program/bpjs-ketenagakerjaan/feed/atom/",
    "/cari/?q=tayang",
}


@pytest.fixture
def newsroom(cast):
    """The cast, each article tagged, placed in a village too, corrected and
    linked from the live one, so every surface has a reason to show it."""
    for article in cast.values():
        article.programs.add(*ProgramTag.objects.filter(slug__in=["jkk", "bpjs-ketenagakerjaan"]))
        article.regions.add(Region.objects.get(slug="bolok"))
        article.dek = f"{article.title}: dek"
        article.save()
        correct(article, f"Koreksi {article.title}")
    cast["live"].related.add(*(cast[state] for state in HIDDEN))
    # A hidden article's old address must not redirect to its new one.
    draft = cast["draft"]
    draft.slug = "draf-rahasia-baru"
    draft.save()
    cast["draft"] = draft
    return cast


def public_urls(newsroom) -> list[str]:
    urls = every_public_page(archive=["penulis=maria-lado&program=jkk&wilayah=belu"])
    urls.append(newsroom["live"].get_absolute_url())
    for article in newsroom.values():
        urls += [f"/cari/?q={word}" for word in article.title.split()]
    return [*urls, "/cari/?q=berita", "/cari/?q=tayang"]


def hidden_marks(newsroom) -> list[str]:
    marks = ["draf-rahasia"]  # the draft's old slug is a prefix of its new one
    for state in HIDDEN:
        article = newsroom[state]
        marks += [article.title, article.slug, f"Koreksi {article.title}"]
    return marks


def test_every_public_page_feed_and_sitemap_hides_unpublished_articles(client, newsroom):
    marks = hidden_marks(newsroom)
    live = newsroom["live"]
    missing_live = []
    for url in public_urls(newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        leaked = [mark for mark in marks if mark in text]
        assert leaked == [], f"{url} shows {leaked}"
        if url in SHOW_LIVE and live.slug not in text:
            missing_live.append(url)
    # The live article, built like the others, is where it belongs: the check
    # above looks at pages that do list articles.
    assert missing_live == []


@pytest.mark.parametrize("state", HIDDEN)
def test_a_hidden_article_has_no_page(client, newsroom, state):
    article = newsroom[state]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_hidden_article_s_old_slug_does_not_redirect(client, newsroom):
    old = newsroom["draft"].get_absolute_url().replace("draf-rahasia-baru", "draf-rahasia")
    assert client.get(old).status_code == 404


def test_search_does_not_count_hidden_articles(client, newsroom):
    response = client.get("/cari/", {"q": "Koreksi"})
    assert response.context["page_obj"].paginator.count == 0
    response = client.get("/cari/", {"q": "tayang"})
    assert [a.pk for a in response.context["page_obj"]] == [newsroom["live"].pk]


def test_filters_offer_only_reporters_with_live_articles(client, newsroom):
    Article.objects.filter(pk=newsroom["live"].pk).update(status=Article.Status.DRAFT)
    response = client.get(reverse("articles:archive"))
    assert list(response.context["filterset"].form.fields["penulis"].queryset) == []
