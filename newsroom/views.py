"""Site-wide pages: home, search, robots.txt and the server error page."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve

from articles.models import Article
from articles.search import (
    Query,
    SearchFilter,
    SearchForm,
    SearchPaginator,
    parse,
    search,
    suggestion,
)
from newsroom.home import program_blocks, region_blocks
from newsroom.pagination import PER_PAGE, page_of

LATEST = 10


def home(request):
    latest = list(Article.objects.live().cards()[:LATEST])
    return render(
        request,
        "home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "region_blocks": region_blocks(),
            "program_blocks": program_blocks(),
        },
    )


def search_page(request):
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    query = parse(text) if text else Query()
    filterset = SearchFilter(request.GET or None, queryset=Article.objects.live().cards())
    page_obj = suggested = None
    if query:
        # Two queries: the ranking (which gives the count), then the page; a
        # search that finds nothing looks for a suggestion.
        if filterset.is_bound and not filterset.is_valid():
            query = Query()
        results = search(filterset.qs, query, newest=form.cleaned_data.get("urutan") == "terbaru")
        page_obj = page_of(request, lambda _number: SearchPaginator(results, PER_PAGE))
        if not page_obj.paginator.count and query and not filterset.active:
            suggested = suggestion(Article.objects.live(), text, query)
    return render(
        request,
        "search.html",
        {
            "form": form,
            "query": query,
            "text": text,
            "filterset": filterset,
            "page_obj": page_obj,
            "searched": page_obj is not None,
            "suggestion": suggested,
            "title": _("Search: %(query)s") % {"query": text} if text else _("Search"),
            "description": _("Search every story published."),
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        "Disallow: /i18n/",
        "Disallow: /bahasa/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def switch_language(request, code: str):
    """Remember the reader's language in a cookie and go back to the page.

    A plain link rather than Django's POST-only ``set_language``: choosing a
    language changes nothing but that preference, and needing no CSRF token
    keeps public pages free of per-visitor cookies, so they can be cached
    for everyone.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


def media(request, path: str, document_root: str):
    """An uploaded file, with the caching nginx gives media in production."""
    response = static_serve(request, path, document_root=document_root)
    patch_cache_control(response, public=True, max_age=settings.MEDIA_MAX_AGE)
    return response


def _admin_page(request) -> bool:
    return request.path.startswith(reverse("admin:index"))


def page_not_found(request, exception):
    """The admin's own 404 for an admin address (with its header and menu); the
    reader site's for the rest."""
    if _admin_page(request):
        return render(request, "admin/404.html", admin.site.each_context(request), status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    if _admin_page(request):
        return render(request, "admin/403.html", admin.site.each_context(request), status=403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """The 500 page, rendered without the database or context processors:
    whatever broke may be exactly those."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site_name": settings.SITE_NAME}))
