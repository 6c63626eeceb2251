from django.shortcuts import render

from articles.models import Article


def home(request):
    articles = (
        Article.objects.live().select_related("region").prefetch_related("bylines__journalist")[:20]
    )
    return render(request, "home.html", {"articles": articles})
