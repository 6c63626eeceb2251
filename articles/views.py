"""Public pages of the articles app: the article, a program, a reporter, the archive.

Everything a reader sees starts from ``Article.objects.live()``.
"""

import datetime

from django.db.models import F, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.filters import ArchiveFilter, ProgramArticleFilter, filtered
from articles.images import lead_image_renditions
from articles.listing import Kind, Listed, lines
from articles.models import Article, Journalist, ProgramTag
from articles.seo import news_article
from newsroom import surrogate
from newsroom.pagination import paginate

RELATED_LIMIT = 4
# How many (article, shared program) rows the suggestions are picked from.
CANDIDATE_ROWS = 200


def render_article(request, article: Article, *, preview: bool = False) -> HttpResponse:
    """The public article page for ``article``, whatever its state.

    The public detail view calls it for live articles. The editorial preview
    link calls it with ``preview=True`` for any state: the page then carries
    ``noindex``, a visible banner and ``Cache-Control: private``, and links to
    its public address only if the article is live (a draft has none yet).
    """
    # Corrections are shown and also date the page (date_modified): read them once.
    prefetch_related_objects([article], "corrections")
    reporters = [byline.journalist for byline in article.bylines.select_related("journalist")]
    programs = list(article.programs.all())
    regions = list(article.regions.order_by("path"))
    images = lead_image_renditions(article)
    url = None
    if not preview or article.is_live:
        url = request.build_absolute_uri(article.get_absolute_url())
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "preview": preview,
            "reporters": reporters,
            "programs": programs,
            "regions": regions,
            "corrections": list(article.corrections.all()),
            "images": images,
            "related": related_articles(article, programs=programs, regions=regions),
            "canonical_url": url,
            "json_ld": news_article(request, article, reporters=reporters, images=images, url=url),
        },
    )
    if preview:
        patch_cache_control(response, private=True, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
    return response


def related_articles(article: Article, *, programs, regions) -> list[Article]:
    """The "Baca juga" list: the editor's picks first, then suggestions.

    Suggestions come from the newest live articles sharing a program or a
    region with this one (a bounded window, read newest first from the
    publication index), ranked by how many programs they share, then by
    region, then by date. Two queries, whatever the size of the archive.
    """
    live = Article.objects.live().exclude(pk=article.pk)
    picked = list(
        live.filter(pk__in=article.related.values("pk")).select_related("region")[:RELATED_LIMIT]
    )
    wanted = RELATED_LIMIT - len(picked)
    program_ids = {program.pk for program in programs}
    region_ids = {region.pk for region in regions} | {article.region_id} - {None}
    if not wanted or not (program_ids or region_ids):
        return picked
    rows = (
        live.exclude(pk__in=[pick.pk for pick in picked])
        .filter(Q(program_links__tag__in=program_ids) | Q(region__in=region_ids))
        .annotate(shared_tag=F("program_links__tag"))
        .select_related("region")
        .defer("body")
        .order_by("-published_at")[:CANDIDATE_ROWS]
    )
    candidates: dict[int, Article] = {}
    shared: dict[int, set[int]] = {}
    for row in rows:
        candidates.setdefault(row.pk, row)
        shared.setdefault(row.pk, set())
        if row.shared_tag in program_ids:
            shared[row.pk].add(row.shared_tag)
    ranked = sorted(
        candidates.values(),
        key=lambda c: (len(shared[c.pk]), c.region_id in region_ids, c.published_at),
        reverse=True,
    )
    return picked + ranked[:wanted]


def article_detail(request, year: int, month: int, day: int, slug: str):
    try:
        dated = datetime.date(year, month, day)
    except ValueError:
        raise Http404("No such date.") from None
    article = Article.objects.live().select_related("region", "editor").filter(slug=slug).first()
    if article is None:
        return _redirect_renamed(slug)
    if timezone.localdate(article.published_at) != dated:
        return redirect(article, permanent=True)
    return render_article(request, article)


def _redirect_renamed(slug: str):
    """A live article's old slug answers with a permanent redirect to its address."""
    article = get_object_or_404(Article.objects.live(), previous_slugs__slug=slug)
    return redirect(article, permanent=True)


def program_detail(request, slug: str):
    program = get_object_or_404(ProgramTag, slug=slug)
    surrogate.shown(surrogate.key_of(program), surrogate.list_key(program))
    filterset = ProgramArticleFilter(request.GET or None, keys=[(Kind.PROGRAM, program.pk)])
    return render(
        request,
        "articles/program_detail.html",
        {
            "program": program,
            "filterset": filterset,
            "page_obj": paginate(request, filtered(filterset)),
            "title": f"{program.full_name} ({program.name})",
            "description": Truncator(program.explainer).words(40)
            or _("News about %(program)s.") % {"program": program.full_name},
        },
    )


def journalist_detail(request, slug: str):
    journalist = get_object_or_404(Journalist, slug=slug)
    surrogate.shown(surrogate.key_of(journalist), surrogate.list_key(journalist))
    articles = Listed(lines([(Kind.REPORTER, journalist.pk)]))
    return render(
        request,
        "articles/journalist_detail.html",
        {
            "journalist": journalist,
            "page_obj": paginate(request, articles),
            "title": journalist.name,
            "description": Truncator(journalist.bio).words(40)
            or _("News written by %(name)s.") % {"name": journalist.name},
        },
    )


def archive(request):
    filterset = ArchiveFilter(request.GET or None)
    return render(
        request,
        "articles/archive.html",
        {
            "filterset": filterset,
            "page_obj": paginate(request, filtered(filterset)),
            "title": _("Archive"),
            "description": _(
                "Every story published, by region, program, reporter, year and month."
            ),
        },
    )
