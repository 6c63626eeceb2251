"""Reader-facing filters for article lists, always applied to ``Article.objects.live()``.

Parameter names are Indonesian, like the URLs: ``?program=jkk&penulis=maria-lado``.
A value that names nothing (an unknown slug, month 13, 30 February) makes the
form invalid, and ``filtered()`` then returns no articles rather than ignoring
the filter or failing.
"""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet, Subquery
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from articles.listing import Kind, Listed, lines
from articles.models import ArticleListing, ArticleQuerySet, Journalist, ProgramTag
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

    The two ends of the archive's lines, each read off the listing index in
    one query (an aggregate MIN and MAX together would read every line), rather
    than a DISTINCT over the whole archive; a year without a story simply
    lists nothing.
    """
    oldest = lines().order_by("published_at", "article_id").values("published_at")[:1]
    ends = lines().annotate(oldest=Subquery(oldest)).values_list("oldest", "published_at")[:1]
    if not ends:
        return []
    first, last = (timezone.localtime(moment).year for moment in ends[0])
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


def year_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=live_years,
        empty_label=_("All years"),
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


# Which key of the list each filter adds.
KEYS = {"wilayah": Kind.REGION, "program": Kind.PROGRAM, "penulis": Kind.REPORTER}


def wita_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class ListFilterSet(ReaderFilterSet):
    """The filters of a list page: the form, validated; ``qs`` is the list's
    ``lines`` (``articles.listing``), not a filtered queryset.

    ``keys`` are the list's own (the region of a region page, ...); each
    chosen filter adds a key or a bound on the publication time.
    """

    def __init__(self, data=None, *, keys=()):
        super().__init__(data, queryset=ArticleListing.objects.all())
        self.keys = list(keys)

    def filter_queryset(self, queryset):
        chosen = self.form.cleaned_data
        keys = self.keys + [
            (kind, chosen[name].pk) for name, kind in KEYS.items() if chosen.get(name)
        ]
        since = before = month = None
        if chosen.get("dari"):
            since = wita_midnight(chosen["dari"])
        if chosen.get("sampai"):
            before = wita_midnight(chosen["sampai"] + datetime.timedelta(days=1))
        if chosen.get("tahun"):
            year = int(chosen["tahun"])
            since = wita_midnight(datetime.date(year, 1, 1))
            before = wita_midnight(datetime.date(year + 1, 1, 1))
        if chosen.get("bulan"):
            month = int(chosen["bulan"])
        return lines(keys, since=since, before=before, month=month)


class RegionArticleFilter(ListFilterSet):
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
        model = ArticleListing
        fields = ["program", "penulis", "dari", "sampai"]


class ProgramArticleFilter(ListFilterSet):
    wilayah = region_filter()

    class Meta:
        model = ArticleListing
        fields = ["wilayah"]


class ArchiveFilter(ListFilterSet):
    wilayah = region_filter()
    program = program_filter()
    penulis = reporter_filter()
    tahun = year_filter()
    bulan = django_filters.ChoiceFilter(
        label=_("Month"),
        field_name="published_at",
        lookup_expr="month",
        choices=sorted(MONTHS.items()),
        empty_label=_("All months"),
    )

    class Meta:
        model = ArticleListing
        fields = ["wilayah", "program", "penulis", "tahun", "bulan"]


def parameters(filterset_class: type[django_filters.FilterSet]) -> list[str]:
    """The query parameters a list page filtered by ``filterset_class`` reads."""
    return [*filterset_class().form.fields, PAGE_PARAMETER]


def filtered(filterset: ListFilterSet) -> Listed:
    """The filtered articles, or none at all when a filter value is not valid."""
    if filterset.is_bound and not filterset.is_valid():
        return Listed.none()
    return Listed(filterset.qs if filterset.is_bound else lines(filterset.keys))
