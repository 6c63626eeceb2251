"""The change list: search through the full-text index (and journalists' names), and
counts that stop a few pages ahead."""

from django.contrib.admin.views.main import PAGE_VAR
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleReporter, Journalist
from articles.search import parse, search
from newsroom.pagination import BoundedQuerySetPaginator

# A search also finds the articles of at most this many journalists whose name matches.
JOURNALISTS_SEARCHED = 20


class ChangeListMixin:
    def get_search_results(self, request, queryset, search_term):
        # A reporter may link any live article as "Baca juga", not only their own.
        if (
            request.path == reverse("admin:autocomplete")
            and request.GET.get("field_name") == "related"
            and not workflow.is_desk(request.user)
        ):
            queryset = relatable_for(request.user)
        query = parse(search_term)
        if not query:
            return queryset, False
        # The newest matches (articles.search.WINDOW) of title, dek and body
        # from the full-text index, and the articles of the journalists whose
        # name matches (a small table: LIKE is fine there).
        found = Q(pk__in=search(queryset, query, newest=True).ids)
        journalists = list(
            Journalist.objects.filter(name__icontains=search_term.strip()).values_list(
                "pk", flat=True
            )[:JOURNALISTS_SEARCHED]
        )
        if journalists:
            signed = ArticleReporter.objects.filter(
                article=OuterRef("pk"), journalist__in=journalists
            )
            found |= Q(Exists(signed))
        return queryset.filter(found), False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        try:
            number = int(request.GET.get(PAGE_VAR, 1))
        except ValueError:
            number = 1
        return BoundedQuerySetPaginator(queryset, per_page, number=number)


def relatable_for(user):
    """What a reporter may link as related: their own articles and anything live."""
    own = workflow.articles_for(user).values("pk")
    return Article.objects.filter(pk__in=own) | Article.objects.filter(
        pk__in=Article.objects.live().values("pk")
    )
