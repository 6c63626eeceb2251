import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article

NOW = datetime.datetime(2025, 11, 17, 9, 0, tzinfo=datetime.UTC)
MOMENTS = {
    "past": NOW - datetime.timedelta(seconds=1),
    "now": NOW,
    "future": NOW + datetime.timedelta(seconds=1),
}


def expected_live(status: str, moment: str) -> bool:
    return status == Article.Status.PUBLISHED and moment in ("past", "now")


CASES = [
    (status, moment)
    for status in Article.Status.values
    for moment in [*MOMENTS, "none"]
    # A published article without a date cannot exist (see the constraint test below).
    if not (status == Article.Status.PUBLISHED and moment == "none")
]


@pytest.mark.parametrize(("status", "moment"), CASES)
def test_live_queryset_and_is_live_agree_on_every_status_and_time(make_article, status, moment):
    article = make_article(
        f"Artikel {status} {moment}", status=status, published_at=MOMENTS.get(moment)
    )
    with time_machine.travel(NOW, tick=False):
        assert timezone.now() == NOW
        in_queryset = Article.objects.live().filter(pk=article.pk).exists()
        assert in_queryset is expected_live(status, moment)
        assert article.is_live is expected_live(status, moment)


def test_a_scheduled_article_goes_live_when_its_time_comes(make_article):
    article = make_article("Terjadwal", published_at=NOW + datetime.timedelta(hours=2))
    with time_machine.travel(NOW, tick=False):
        assert not Article.objects.live().filter(pk=article.pk).exists()
        assert not article.is_live
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        assert Article.objects.live().filter(pk=article.pk).exists()
        assert article.is_live


def test_a_published_article_must_have_a_publication_time(db):
    with pytest.raises(IntegrityError):
        Article.objects.create(
            title="Tanpa tanggal", slug="tanpa-tanggal", status=Article.Status.PUBLISHED
        )
