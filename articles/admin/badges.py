"""An article's status as the admin shows it everywhere: one coloured badge."""

from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, ArticleEvent
from newsroom.wita import format_wita

Status = Article.Status


def status_badge(article: Article):
    """The status as a coloured badge; scheduled shows its WITA time, returned its reason."""
    if article.in_trash:
        return format_html('<span class="wf-badge wf-trash">{}</span>', _("in the trash"))
    last_action = getattr(article, "last_action", None)
    if article.status == Status.DRAFT and last_action == ArticleEvent.Action.RETURN:
        return format_html(
            '<span class="wf-badge wf-returned">{}</span> <span class="wf-reason">{}</span>',
            _("returned"),
            Truncator(article.last_reason or "").chars(90),
        )
    if workflow.is_scheduled(article):
        return format_html(
            '<span class="wf-badge wf-scheduled">{} · {}</span>',
            _("scheduled"),
            format_wita(article.published_at),
        )
    if article.is_live:
        return format_html('<span class="wf-badge wf-live">{}</span>', _("live"))
    return format_html(
        '<span class="wf-badge wf-{}">{}</span>', article.status, article.get_status_display()
    )
