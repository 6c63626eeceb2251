import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles import feeds
from articles.search import SearchForm
from newsroom import views
from newsroom.cache import public_page
from newsroom.pagination import PAGE_PARAMETER
from newsroom.sitemaps import SITEMAPS, NewsSitemap
from newsroom.surrogate import ARTICLES, SEARCH, SITEMAP

urlpatterns = [
    path("", public_page(views.home, keys=[ARTICLES]), name="home"),
    path(
        "cari/",
        public_page(
            views.search_page, reads=[*SearchForm.base_fields, PAGE_PARAMETER], keys=[SEARCH]
        ),
        name="search",
    ),
    path("feed/", public_page(feeds.SiteFeed(), keys=[ARTICLES]), name="feed"),
    path("feed/atom/", public_page(feeds.SiteAtomFeed(), keys=[ARTICLES]), name="feed-atom"),
    path("bahasa/<str:code>/", views.switch_language, name="language"),
    path("robots.txt", public_page(views.robots_txt, itemised=False), name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, keys=[SITEMAP], itemised=False),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap, keys=[SITEMAP], itemised=False),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        # Django's sitemap views page with ?p=.
        public_page(sitemap_views.sitemap, reads=["p"], keys=[SITEMAP], itemised=False),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("", include("articles.urls")),
    path("", include("regions.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            views.media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
