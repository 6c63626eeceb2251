"""Previews and sharing: the article in the public template for staff, and signed
links that work logged out until they expire or are revoked."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import preview
from articles.admin.forms import ShareLinkForm
from articles.admin.pages import ArticlePages, article_url
from articles.models import PreviewLink
from articles.views import render_article
from newsroom.wita import format_wita


class PreviewMixin(ArticlePages):
    def get_urls(self):
        return [
            self.article_path("preview/", self.preview_view, "preview"),
            self.article_path("share/", require_POST(self.share_view), "share"),
            self.article_path(
                "share/<int:link_id>/revoke/",
                require_POST(self.revoke_view),
                "revoke",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id: str):
        """ "Pratinjau": the article in the public template, whatever its state, for staff."""
        article = self.article_for(request, object_id)
        return preview.private(render_article(request, article, preview=True))

    def share_view(self, request, object_id: str):
        """ "Bagikan pratinjau": a signed link that works logged out until it expires."""
        article = self.article_for(request, object_id)
        if not preview.can_share(request.user, article):
            raise PermissionDenied
        form = ShareLinkForm(request.POST, prefix="share")
        lifetime = (
            datetime.timedelta(hours=form.cleaned_data["hours"])
            if form.is_valid()
            else preview.DEFAULT_LIFETIME
        )
        link = preview.create_link(article, by=request.user, lifetime=lifetime)
        messages.success(
            request,
            _("Preview link made; it works until %(time)s: %(url)s")
            % {"time": format_wita(link.expires_at), "url": preview.url_for(request, link)},
        )
        return HttpResponseRedirect(article_url("change", article) + "#preview-links")

    def revoke_view(self, request, object_id: str, link_id: int):
        article = self.article_for(request, object_id)
        link = PreviewLink.objects.filter(pk=link_id, article=article).first()
        if link is None:
            raise Http404(_("No such preview link."))
        if not preview.can_revoke(request.user, link):
            raise PermissionDenied
        preview.revoke(link, by=request.user)
        messages.success(request, _("The preview link no longer works."))
        return HttpResponseRedirect(article_url("change", article) + "#preview-links")

    def preview_links(self, request, article) -> list[dict]:
        """The article's links that still work, for its change form."""
        return [
            {
                "link": link,
                "url": preview.url_for(request, link),
                "expires": format_wita(link.expires_at),
                "revoke_url": (
                    reverse("admin:articles_article_revoke", args=[article.pk, link.pk])
                    if preview.can_revoke(request.user, link)
                    else None
                ),
            }
            for link in article.preview_links.filter(revoked_at=None).order_by("-created_at")
            if link.is_active
        ]
