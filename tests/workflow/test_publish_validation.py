"""Publishing checks everything it needs at once; saving a draft never does."""

import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.imagefiles import image_bytes, upload


@pytest.fixture
def empty_in_review(places):
    """An article in review with nothing a reader needs, and an undescribed image."""
    return Article.objects.create(
        title="  ",
        slug="kosong",
        body="<p> </p><p><br></p>",
        status=Article.Status.IN_REVIEW,
        lead_image=upload("foto.jpg", image_bytes()),
    )


def test_every_missing_item_is_listed_at_once(empty_in_review, people):
    with pytest.raises(workflow.NotReady) as refused:
        workflow.publish(empty_in_review, by=people["editor"])
    assert refused.value.missing == [
        "a title",
        "body text",
        "a primary region",
        "at least one reporter",
        "alt text for the lead image",
    ]
    assert refused.value.message == (
        "This article cannot be published yet: a title; body text; a primary region; "
        "at least one reporter; alt text for the lead image."
    )
    stored = Article.objects.get(pk=empty_in_review.pk)
    assert (stored.status, stored.published_at, stored.version) == ("in_review", None, 1)


def test_scheduling_checks_the_same_things(empty_in_review, people):
    with pytest.raises(workflow.NotReady):
        workflow.publish(
            empty_in_review,
            by=people["editor"],
            at=timezone.now() + datetime.timedelta(days=1),
        )


def test_alt_text_is_needed_only_when_there_is_a_lead_image(cast):
    article = cast["in_review"]
    assert workflow.publish_problems(article) == []
    article.lead_image = upload("foto.jpg", image_bytes())
    assert workflow.publish_problems(article) == ["alt text for the lead image"]
    article.lead_image_alt = "Peserta sosialisasi BPJS di Atambua"
    assert workflow.publish_problems(article) == []


def test_a_complete_article_publishes(cast, people):
    workflow.publish(cast["in_review"], by=people["editor"])
    assert Article.objects.get(pk=cast["in_review"].pk).is_live
