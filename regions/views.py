"""Region pages: a place, where it sits in the tree, and the live articles
about it and every place under it."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from articles.filters import RegionArticleFilter, filtered
from articles.listing import Kind
from newsroom import surrogate
from newsroom.pagination import paginate
from regions.models import Region


def region_detail(request, slug: str):
    region = get_object_or_404(Region, slug=slug)
    surrogate.shown(surrogate.key_of(region), surrogate.list_key(region))
    ancestors = Region.objects.filter(slug__in=region.ancestor_slugs()[:-1]).order_by("path")
    filterset = RegionArticleFilter(request.GET or None, keys=[(Kind.REGION, region.pk)])
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "ancestors": ancestors,
            "children": region.children.order_by("name"),
            "filterset": filterset,
            "page_obj": paginate(request, filtered(filterset)),
            "title": _("News from %(region)s") % {"region": region},
            "description": _(
                "The latest news from %(region)s and every place in it, East Nusa Tenggara."
            )
            % {"region": region},
        },
    )
