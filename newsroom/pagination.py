"""Page numbers for every article list, in the ``?halaman=`` query parameter."""

from collections.abc import Callable

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils.functional import cached_property

PAGE_PARAMETER = "halaman"
PER_PAGE = 20
# A list is counted only as far as the page asked for and this many pages
# beyond it, never to its end (docs/decisions.md, "Bounded counts").
PAGES_AHEAD = 10
# No list goes deeper than this; the archive's year and month filters reach
# anything older.
MAX_PAGES = 500


class BoundedPaginator(Paginator):
    """Pages of an ``articles.listing.Listed`` list."""

    def __init__(self, object_list, per_page, *, number: int = 1):
        super().__init__(object_list, per_page)
        self.reach = max(1, min(number + PAGES_AHEAD, MAX_PAGES))

    @cached_property
    def count(self) -> int:
        return self.object_list.count_upto(self.limit + 1)

    @property
    def limit(self) -> int:
        """How many rows are counted at most."""
        return self.reach * self.per_page

    @cached_property
    def capped(self) -> bool:
        """True when the list goes on past the last page counted."""
        return self.count > self.limit

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.reach)


class BoundedQuerySetPaginator(BoundedPaginator):
    """The same bounds for a queryset, for the admin's change lists (its page
    parameter is ``p``). One query counts at most the rows up to ``reach``."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, number=1):
        super().__init__(object_list, per_page, number=number)

    @cached_property
    def count(self) -> int:
        # Only the ids: annotations a filter does not need are left out.
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()


def paginate(request, listed, per_page: int = PER_PAGE) -> Page:
    """The requested page of ``listed``: two queries (the bounded count, then
    the page's articles)."""
    return page_of(request, lambda number: BoundedPaginator(listed, per_page, number=number))


def page_of(request, paginator_for: Callable[[int], Paginator]) -> Page:
    """The requested page of ``paginator_for(number)``.

    A page past the end, zero, negative or not a number is a 404, never a 500.
    """
    try:
        number = int(request.GET.get(PAGE_PARAMETER, 1))
    except ValueError:
        raise Http404(f"{PAGE_PARAMETER} is not a page number") from None
    try:
        return paginator_for(number).page(number)
    except InvalidPage as error:
        raise Http404(str(error)) from None
