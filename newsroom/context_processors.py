from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newsroom.pagination import PAGE_PARAMETER


def site(request):
    """The site's name and description, and the page's canonical address: its path without
    filters or tracking parameters, keeping only a page number past the first.
    A view that knows better (an article) passes its own ``canonical_url``."""
    canonical = request.build_absolute_uri(request.path)
    page = request.GET.get(PAGE_PARAMETER, "")
    if page.isdigit() and int(page) > 1:
        canonical += f"?{PAGE_PARAMETER}={int(page)}"
    return {
        "site_name": settings.SITE_NAME,
        "site_description": _(
            "Regional news from East Nusa Tenggara: its regencies and cities, "
            "and the social security programs that touch them."
        ),
        "canonical_url": canonical,
    }
