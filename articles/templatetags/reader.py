"""Template helpers for the public site."""

import json

from django import template
from django.templatetags.tz import do_timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.images import RenditionSet, lead_image_renditions
from articles.models import Article
from articles.sanitize import clean_html
from newsroom.pagination import PAGE_PARAMETER
from newsroom.wita import WITA, iso_wita

register = template.Library()

# The characters that could end a <script> element or confuse an HTML parser,
# as django.utils.html.json_script escapes them.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def wita(moment):
    """The moment on the newsroom's clock, Central Indonesia Time (UTC+8),
    whatever time zone is active; ``|date`` then formats it as it is."""
    return do_timezone(moment, WITA) if moment else moment


@register.filter
def iso(moment) -> str:
    """ISO 8601 with the +08:00 offset, for machines (sitemaps, <time datetime>)."""
    return iso_wita(moment) if moment else ""


@register.filter
def article_body(article: Article) -> SafeString:
    """The sanitized body, opened by the dateline in house style: "ATAMBUA – ".

    Bodies are cleaned on save, but fixtures load without save(), so the
    allowlist is applied again here.
    """
    body = clean_html(article.body)  # what the allowlist leaves is safe to mark so
    if not article.dateline_city:
        return mark_safe(body)  # nosec B308, B703
    dateline = format_html('<span class="dateline">{} –</span> ', article.dateline_city.upper())
    if body.startswith("<p>"):
        return mark_safe(f"<p>{dateline}{body[3:]}")  # nosec B308, B703
    return mark_safe(f'<p class="dateline-only">{dateline}</p>{body}')  # nosec B308, B703


@register.filter
def web_url(url: str) -> str:
    """``url`` if it is an http(s) address, else "": escaping does not stop a
    ``javascript:`` link, so only web addresses become links."""
    return url if url.strip().lower().startswith(("http://", "https://")) else ""


@register.filter
def json_ld(data: dict) -> SafeString:
    """``data`` as a JSON-LD script element, safe inside HTML."""
    # Safe once <, > and & are escaped: nothing can close the script element.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # nosec B308, B703
    )


@register.filter
def search_title(article: Article) -> SafeString:
    """The title of a search result, its matches marked (``articles.search``)."""
    return article.search_title


@register.filter
def search_snippet(article: Article) -> SafeString:
    """The passage of a search result's body around its first match."""
    return article.search_snippet


@register.filter
def thumbnail(article: Article) -> RenditionSet | None:
    """The 16:9 renditions of the lead image, or None."""
    return lead_image_renditions(article).get("16x9")


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current list's address at page ``number``, keeping its filters."""
    query = context["request"].GET.copy()
    query.pop(PAGE_PARAMETER, None)
    if number > 1:
        query[PAGE_PARAMETER] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
