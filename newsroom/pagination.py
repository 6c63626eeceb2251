"""Page numbers for every article list, in the ``?halaman=`` query parameter."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

PAGE_PARAMETER = "halaman"
PER_PAGE = 20


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The requested page: two queries (the count, then the page's rows).

    A page past the end, zero, negative or not a number is a 404, never a 500.
    """
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAMETER, 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None
