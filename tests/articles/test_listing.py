"""The listing lines follow every write, however it is made: the triggers of
migration 0012 are the only writers, so each test changes articles the way
the code does (save, queryset update, bulk insert, related managers) and
compares the lines with what they must be, worked out here from scratch."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleListing, ArticleReporter, Journalist, ProgramTag
from regions.models import Region

Kind = ArticleListing.Kind


def expected() -> set[tuple[int, str, int]]:
    regions = list(Region.objects.all())
    wanted = set()
    public = Article.objects.filter(status=Article.Status.PUBLISHED, deleted_at=None)
    for article in public.prefetch_related("regions", "program_links", "bylines"):
        wanted.add((article.pk, Kind.ALL, 0))
        about = [article.region] if article.region_id else []
        for place in about + list(article.regions.all()):
            wanted |= {
                (article.pk, Kind.REGION, r.pk) for r in regions if place.path.startswith(r.path)
            }
        wanted |= {(article.pk, Kind.PROGRAM, link.tag_id) for link in article.program_links.all()}
        wanted |= {(article.pk, Kind.REPORTER, b.journalist_id) for b in article.bylines.all()}
    return wanted


def stored() -> set[tuple[int, str, int]]:
    return set(ArticleListing.objects.values_list("article", "kind", "target"))


def lines_of(article: Article) -> set[tuple[str, int]]:
    return set(ArticleListing.objects.filter(article=article).values_list("kind", "target"))


@pytest.fixture
def article(make_article, places):
    article = make_article("Santunan JKK di Bolok", region="kupang")
    article.regions.add(places["bolok"])
    article.programs.add(ProgramTag.objects.get(slug="jkk"))
    return article


def test_a_live_article_is_listed_under_the_archive_its_places_and_those_above_them(
    article, places, reporter
):
    jkk = ProgramTag.objects.get(slug="jkk")
    assert lines_of(article) == {
        (Kind.ALL, 0),
        (Kind.REGION, places["ntt"].pk),
        (Kind.REGION, places["kupang"].pk),
        (Kind.REGION, places["kupang-barat"].pk),
        (Kind.REGION, places["bolok"].pk),
        (Kind.PROGRAM, jkk.pk),
        (Kind.REPORTER, reporter.pk),
    }
    assert set(ArticleListing.objects.values_list("published_at", flat=True)) == {
        article.published_at
    }


def test_drafts_in_review_and_unpublished_articles_have_no_lines(make_article):
    for status in (Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED):
        make_article(f"Berita {status}", status=status)
    assert stored() == set()


def test_publishing_unpublishing_and_the_trash_add_and_remove_the_lines(article):
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert lines_of(article) == set()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert stored() == expected() != set()
    Article.objects.filter(pk=article.pk).update(deleted_at=timezone.now())
    assert lines_of(article) == set()
    Article.objects.filter(pk=article.pk).update(deleted_at=None)
    assert stored() == expected() != set()


def test_a_new_publication_time_moves_every_line(article):
    later = timezone.now() + datetime.timedelta(days=2)
    Article.objects.filter(pk=article.pk).update(published_at=later)
    assert set(ArticleListing.objects.values_list("published_at", flat=True)) == {later}


def test_changing_the_primary_region_and_the_links_keeps_only_what_still_applies(article, places):
    article.region = places["belu"]
    article.save()
    assert stored() == expected()
    assert (Kind.REGION, places["kupang"].pk) in lines_of(article)  # still through Bolok
    article.regions.remove(places["bolok"])
    assert (Kind.REGION, places["kupang"].pk) in lines_of(article)  # the "kupang" link
    article.regions.clear()
    assert stored() == expected()
    assert (Kind.REGION, places["kupang"].pk) not in lines_of(article)
    article.regions.set([places["komodo"]])
    assert stored() == expected()


def test_programs_and_bylines_follow_the_links(article, reporter):
    article.programs.set([ProgramTag.objects.get(slug="jht"), ProgramTag.objects.get(slug="jkm")])
    assert stored() == expected()
    other = Journalist.objects.create(name="Yohanes Bria", slug="yohanes-bria")
    ArticleReporter.objects.filter(article=article).update(journalist=other)
    assert stored() == expected()
    assert (Kind.REPORTER, reporter.pk) not in lines_of(article)
    ArticleReporter.objects.filter(article=article).delete()
    article.programs.clear()
    assert stored() == expected()


def test_moving_a_region_moves_the_lines_of_everything_under_it(article, places):
    district = places["kupang-barat"]
    district.parent = places["belu"]
    district.save()
    assert stored() == expected()
    assert (Kind.REGION, places["belu"].pk) in lines_of(article)


def test_deleting_an_article_removes_its_lines(article, make_article):
    other = make_article("Berita lain")
    article.delete()
    assert {line[0] for line in stored()} == {other.pk}


def test_bulk_inserted_articles_are_listed_too(places):
    call_command("generate_demo_content", articles=150, reporters=8, batch_size=40, verbosity=0)
    assert stored() == expected()
    assert len(stored()) > 150 * 4
