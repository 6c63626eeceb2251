import io
import re

from django.core.management import call_command

from articles.models import Article, ArticleReporter, Journalist, ProgramTaggedArticle


def generate(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_demo_content", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_adds_realistic_articles_in_batches(db):
    out, err = generate(articles=120, reporters=12, batch_size=50)
    assert Article.objects.count() == 120
    assert Journalist.objects.count() == 12
    assert "Added 120 articles" in out
    assert "120/120" in err
    for article in Article.objects.all():
        words = len(re.sub(r"<[^>]+>", " ", article.body).split())
        assert 400 <= words <= 900, words
        assert article.region_id is not None
    assert ArticleReporter.objects.count() >= 120
    assert ProgramTaggedArticle.objects.count() >= 120
    assert Article.objects.live().count() > 90
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() < 120


def test_the_same_seed_gives_the_same_titles_and_runs_can_be_repeated(db):
    generate(articles=10, reporters=3, seed=7)
    first = list(Article.objects.order_by("pk").values_list("title", flat=True))
    generate(articles=10, reporters=3, seed=7)
    assert Article.objects.count() == 20
    second = list(Article.objects.order_by("pk").values_list("title", flat=True))[10:]
    assert [re.sub(r"\d+", "", t) for t in first] == [re.sub(r"\d+", "", t) for t in second]
