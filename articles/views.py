from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from articles.models import Article, Journalist, ProgramTag


def article_detail(request, year: int, month: int, day: int, slug: str):
    article = get_object_or_404(
        Article.objects.live().select_related("region", "editor"), slug=slug
    )
    published = timezone.localtime(article.published_at)
    if (published.year, published.month, published.day) != (year, month, day):
        return redirect(article, permanent=True)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "reporters": [
                byline.journalist for byline in article.bylines.select_related("journalist")
            ],
            "programs": article.programs.all(),
        },
    )


def program_detail(request, slug: str):
    program = get_object_or_404(ProgramTag, slug=slug)
    articles = Article.objects.live().filter(programs=program).select_related("region")[:50]
    return render(
        request, "articles/program_detail.html", {"program": program, "articles": articles}
    )


def journalist_detail(request, slug: str):
    journalist = get_object_or_404(Journalist, slug=slug)
    articles = Article.objects.live().filter(reporters=journalist).select_related("region")[:50]
    return render(
        request,
        "articles/journalist_detail.html",
        {"journalist": journalist, "articles": articles},
    )
