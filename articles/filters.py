"""Reader-facing filters for article lists, always applied to ``Article.objects.live()``.

Parameter names are Indonesian, like the URLs: ``?program=jkk&penulis=maria-lado``.
A value that names nothing (an unknown slug, month 13, 30 February) makes the
form invalid, and ``filtered()`` then returns no articles rather than ignoring
the filter or failing.
"""

import django_filters
from django import forms
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet, Journalist, ProgramTag
from newsroom.pagination import PAGE_PARAMETER
from regions.models import Region

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def live_reporters(request) -> QuerySet[Journalist]:
    return Journalist.objects.with_live_bylines().order_by("name")


def filter_regions(request) -> QuerySet[Region]:
    """The province, regencies and cities: the places a reader narrows a list to."""
    return Region.objects.filter(
        kind__in=[Region.Kind.PROVINCE, Region.Kind.REGENCY, Region.Kind.CITY]
    ).order_by("path")


def live_years() -> list[tuple[int, int]]:
    """Every year from the newest live article back to the oldest.

    Two ends read off the publication index, rather than a DISTINCT over the
    whole archive; a year without a story simply lists nothing.
    """
    span = Article.objects.live().aggregate(first=Min("published_at"), last=Max("published_at"))
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
    return [(year, year) for year in range(last, first - 1, -1)]


def in_region(queryset: ArticleQuerySet, name: str, region: Region) -> ArticleQuerySet:
    return queryset.in_region(region)


def program_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Program"),
        field_name="program_links__tag",
        queryset=ProgramTag.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All programs"),
    )


def reporter_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Reporter"),
        field_name="bylines__journalist",
        queryset=live_reporters,
        to_field_name="slug",
        empty_label=_("All reporters"),
    )


def region_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=filter_regions,
        to_field_name="slug",
        method=in_region,
        empty_label=_("All regions"),
    )


class ReaderFilterSet(django_filters.FilterSet):
    @property
    def active(self) -> bool:
        """Whether the reader chose any filter (a page number alone is not one)."""
        return self.is_bound and any(self.data.get(name) for name in self.filters)


class RegionArticleFilter(ReaderFilterSet):
    """On a region page: narrow its articles by program, reporter and dates (WITA)."""

    program = program_filter()
    penulis = reporter_filter()
    dari = django_filters.DateFilter(
        label=_("From"), field_name="published_at", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    sampai = django_filters.DateFilter(
        label=_("Until"), field_name="published_at", lookup_expr="date__lte", widget=DATE_WIDGET
    )

    class Meta:
        model = Article
        fields = ["program", "penulis", "dari", "sampai"]


class ProgramArticleFilter(ReaderFilterSet):
    wilayah = region_filter()

    class Meta:
        model = Article
        fields = ["wilayah"]


class ArchiveFilter(ReaderFilterSet):
    wilayah = region_filter()
    program = program_filter()
    penulis = reporter_filter()
    tahun = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=live_years,
        empty_label=_("All years"),
    )
    bulan = django_filters.ChoiceFilter(
        label=_("Month"),
        field_name="published_at",
        lookup_expr="month",
        choices=sorted(MONTHS.items()),
        empty_label=_("All months"),
    )

    class Meta:
        model = Article
        fields = ["wilayah", "program", "penulis", "tahun", "bulan"]


def parameters(filterset_class: type[django_filters.FilterSet]) -> list[str]:
    """The query parameters a list page filtered by ``filterset_class`` reads."""
    return [*filterset_class().form.fields, PAGE_PARAMETER]


def filtered(filterset: django_filters.FilterSet) -> ArticleQuerySet:
    """The filtered articles, or none at all when a filter value is not valid."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs
