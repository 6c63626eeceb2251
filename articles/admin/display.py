"""How the admin shows an article: its status badge, the change list's columns and
the change form's read-only fields."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.models import Article, ArticleEvent
from articles.templatetags.reader import article_body
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


class DisplayMixin:
    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, article: Article):
        # The badge also says whether the article is live, so no separate column.
        return status_badge(article)

    @admin.display(description=gettext_lazy("reporters"))
    def byline(self, article: Article):
        return ", ".join(byline.journalist.name for byline in article.bylines.all())

    @admin.display(description=gettext_lazy("published at"), ordering="published_at")
    def published_wita(self, article: Article):
        return format_wita(article.published_at) if article.published_at else "–"

    # Read-only fields on the change form ---------------------------------------------

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, article: Article):
        return status_badge(article) if article.pk else _("draft (not saved yet)")

    @admin.display(description=gettext_lazy("published at"))
    def published_display(self, article: Article):
        if article.published_at is None:
            return _("not yet")
        return format_wita(article.published_at)

    @admin.display(description=gettext_lazy("body"))
    def body_html(self, article: Article):
        return format_html('<div class="article-body-preview">{}</div>', article_body(article))

    @admin.display(description=gettext_lazy("focal point"))
    def focal_point_picker(self, article: Article):
        """The lead image with a marker; clicking it fills in the two numbers above."""
        click = _(
            "Click the image to set the point crops keep in view, or type the two numbers above."
        )
        return format_html(
            '<div class="focal-field"><div class="focal-picker" data-focal-x="{x}" '
            'data-focal-y="{y}"><img src="{src}" alt="" {hidden}>'
            '<span class="focal-marker" aria-hidden="true"></span></div>'
            '<div class="focal-help" data-with-image="{click}">{help}</div></div>',
            x=article.focal_x,
            y=article.focal_y,
            src=article.lead_image.url if article.lead_image else "",
            hidden="" if article.lead_image else "hidden",
            click=click,
            help=click
            if article.lead_image
            else _("Choose an image above; you can then click it here to set the focal point."),
        )
