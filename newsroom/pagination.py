"""Page numbers for every article list, in the ``?halaman=`` query parameter."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils.functional import cached_property

PAGE_PARAMETER = "halaman"
PER_PAGE = 20
# Lists are counted up to this many pages and no further: counting stops early
# instead of reading a whole archive of 100,000 stories on every request. The
# archive's year and month filters reach anything older.
MAX_PAGES = 500


class BoundedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def limit(self) -> int:
        return MAX_PAGES * self.per_page

    @cached_property
    def capped(self) -> bool:
        """True when the list goes on past the last page counted."""
        return self.count > self.limit

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The requested page: two queries (the bounded count, then the page's rows).

    A page past the end, zero, negative or not a number is a 404, never a 500.
    """
    paginator = BoundedPaginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAMETER, 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None
