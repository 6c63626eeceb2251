"""Structured data for an article page: schema.org ``NewsArticle`` as JSON-LD."""

from django.conf import settings
from django.templatetags.static import static

from articles.images import RenditionSet
from articles.models import Article, Journalist
from newsroom.wita import iso_wita

# Google asks for one image per aspect ratio, each at least 1200 px wide if it can.
JSON_LD_RATIOS = ("16x9", "4x3", "1x1")


def news_article(
    request,
    article: Article,
    *,
    reporters: list[Journalist],
    images: dict[str, RenditionSet],
    url: str | None,
) -> dict:
    """The ``NewsArticle`` description of ``article``; ``url`` is None for a
    preview of an article that has no public address yet."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.dek or article.title,
        "inLanguage": "id",
        "author": [
            {
                "@type": "Person",
                "name": reporter.name,
                "url": request.build_absolute_uri(reporter.get_absolute_url()),
            }
            for reporter in reporters
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": request.build_absolute_uri("/"),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
                "width": 600,
                "height": 60,
            },
        },
    }
    if article.editor:
        data["editor"] = {"@type": "Person", "name": article.editor.name}
    if article.published_at:
        data["datePublished"] = iso_wita(article.published_at)
        data["dateModified"] = iso_wita(article.date_modified)
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    if article.region:
        data["contentLocation"] = {"@type": "Place", "name": article.region.display_name}
    if images:
        data["image"] = [
            request.build_absolute_uri(images[ratio].largest.url)
            for ratio in JSON_LD_RATIOS
            if ratio in images
        ]
    return data
