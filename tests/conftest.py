"""The shared cast: regions and programs from the fixtures, journalists, and
one article in each state (live, draft, in review, scheduled, unpublished)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleReporter, Journalist
from newsroom import cache as page_cache
from regions.models import Region


@pytest.fixture(autouse=True)
def fresh_purges():
    """No test relies on the purge numbers an earlier test's database held."""
    yield
    page_cache.forget()


@pytest.fixture
def places(db):
    call_command("loaddata", "regions", "programs", verbosity=0)
    return {region.slug: region for region in Region.objects.all()}


@pytest.fixture
def reporter(db):
    return Journalist.objects.create(name="Maria Lado", slug="maria-lado")


@pytest.fixture
def make_article(places, reporter):
    def make(title: str, *, status=Article.Status.PUBLISHED, published_at=None, region="belu"):
        if published_at is None and status == Article.Status.PUBLISHED:
            published_at = timezone.now() - datetime.timedelta(hours=1)
        article = Article.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-"),
            body=f"<p>{title}.</p>",
            status=status,
            published_at=published_at,
            region=places[region],
        )
        article.regions.add(places[region])
        ArticleReporter.objects.create(article=article, journalist=reporter)
        return article

    return make


@pytest.fixture
def cast(make_article):
    """One article in every state a reader must or must not see."""
    now = timezone.now()
    return {
        "live": make_article("Berita tayang"),
        "draft": make_article("Draf rahasia", status=Article.Status.DRAFT),
        "in_review": make_article("Sedang ditinjau", status=Article.Status.IN_REVIEW),
        "scheduled": make_article("Terjadwal besok", published_at=now + datetime.timedelta(days=1)),
        "unpublished": make_article(
            "Sudah ditarik",
            status=Article.Status.UNPUBLISHED,
            published_at=now - datetime.timedelta(days=2),
        ),
    }


@pytest.fixture
def people(db, reporter):
    """The newsroom's accounts: a superuser, an editor, reporter A (who signs the
    cast's articles as Maria Lado), reporter B, and a reader with no admin access."""
    from django.contrib.auth.models import Group, User

    def staff(username: str, group: str) -> User:
        user = User.objects.create_user(username, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    editor = staff("editor", "Editor")
    Journalist.objects.create(name="Apolonia Matilde", slug="apolonia-matilde", user=editor)
    reporter_a = staff("reporter_a", "Reporter")
    reporter.user = reporter_a
    reporter.save(update_fields=["user"])
    reporter_b = staff("reporter_b", "Reporter")
    Journalist.objects.create(name="Yohanes Bria", slug="yohanes-bria", user=reporter_b)
    return {
        "admin": User.objects.create_superuser("admin", password="pw"),
        "editor": editor,
        "reporter_a": reporter_a,
        "reporter_b": reporter_b,
        "reader": User.objects.create_user("reader", password="pw"),
    }


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests leave the SQLite run; CI runs them on PostgreSQL."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
