"""Build fixtures/people.json and fixtures/articles.json from fixtures/sources/.

The fixtures are the importer's own output, serialized with natural keys, so
they load in any order into any empty database; a test rebuilds them and
compares, so importer and fixtures cannot drift apart.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from articles.importing.service import Importer, read_source
from articles.models import Article, ArticleReporter, Journalist, ProgramTaggedArticle

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
SOURCES_DIR = FIXTURES_DIR / "sources"


class FixtureError(Exception):
    pass


def _serialize(objects: list) -> str:
    return (
        serializers.serialize(
            "json",
            objects,
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        + "\n"
    )


def build_fixture_data() -> dict[str, str]:
    """Import every source file as published into this (empty) database.

    Returns the fixture files' contents by file name. Timestamps are pinned to
    the publication time so that a rebuild is byte-for-byte the same.
    """
    if Article.objects.exists() or Journalist.objects.exists():
        raise FixtureError("Fixtures are built in an empty database; this one has articles.")
    call_command("loaddata", "regions", "programs", verbosity=0)
    importer = Importer()
    for path in sorted(SOURCES_DIR.glob("*.txt")):
        outcome = importer.import_file(
            read_source(path), name=path.name, status=Article.Status.PUBLISHED, dry_run=False
        )
        if not outcome.ok:
            raise FixtureError(outcome.error_message)

    articles = list(Article.objects.order_by("published_at", "slug"))
    for article in articles:
        article.created_at = article.updated_at = article.published_at
    return {
        "people.json": _serialize(list(Journalist.objects.order_by("slug"))),
        "articles.json": _serialize(
            [
                *articles,
                *ArticleReporter.objects.order_by("article__slug", "position"),
                *ProgramTaggedArticle.objects.order_by("content_object__slug", "tag__slug"),
            ]
        ),
    }
