"""Shared previews: signed, expiring, revocable links to an unpublished article.

The token is the link's id, signed (``Signer.sign_object``): it cannot be
forged without the secret key, and it is the same every time it is computed,
so the admin can show a link again without storing the token. The expiry and
the revocation live in the ``PreviewLink`` row, read on every use.
"""

import datetime

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles import workflow
from articles.models import Article, PreviewLink
from articles.views import render_article

SALT = "articles.preview-link"
DEFAULT_LIFETIME = datetime.timedelta(hours=48)
MAX_LIFETIME = datetime.timedelta(days=14)


class PreviewUnavailable(Exception):
    """The token is forged, unknown, expired or revoked; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def previewable(article: Article) -> bool:
    """Copy still on its way to readers: a draft, in review or scheduled (a live
    article's link leads to its page). Never what was taken away from them."""
    return not article.in_trash and article.status != Article.Status.UNPUBLISHED


def can_share(user, article: Article) -> bool:
    """The desk shares any article on its way to readers; a reporter, only a draft of
    their own that they may still edit."""
    if not previewable(article) or article.is_live:
        return False
    return workflow.is_desk(user) or workflow.can_edit(user, article)


def can_revoke(user, link: PreviewLink) -> bool:
    """The desk revokes any link; a reporter, only the links they made."""
    return workflow.is_desk(user) or (user.is_authenticated and link.created_by_id == user.pk)


def create_link(
    article: Article, *, by, lifetime: datetime.timedelta = DEFAULT_LIFETIME
) -> PreviewLink:
    lifetime = min(lifetime, MAX_LIFETIME)
    now = timezone.now().replace(microsecond=0)
    return PreviewLink.objects.create(
        article=article, created_by=by, created_at=now, expires_at=now + lifetime
    )


def revoke(link: PreviewLink, *, by) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])


def token_for(link: PreviewLink) -> str:
    return signing.Signer(salt=SALT).sign_object(link.pk)


def url_for(request: HttpRequest, link: PreviewLink) -> str:
    return request.build_absolute_uri(reverse("articles:preview", args=[token_for(link)]))


def resolve(token: str) -> PreviewLink:
    """The live link a token names, or ``PreviewUnavailable``."""
    try:
        link_id = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise PreviewUnavailable("forged") from None
    if not isinstance(link_id, int):
        raise PreviewUnavailable("forged")
    link = PreviewLink.objects.select_related("article").filter(pk=link_id).first()
    if link is None:
        raise PreviewUnavailable("forged")
    # A link follows its article: taken from readers (unpublished) or moved to the
    # trash, it is withdrawn too, until the article is restored or published again.
    if link.revoked_at is not None or not previewable(link.article):
        raise PreviewUnavailable("revoked")
    if link.expires_at <= timezone.now():
        raise PreviewUnavailable("expired")
    return link


def private(response: HttpResponse) -> HttpResponse:
    """Headers for any page that shows unpublished copy: never cached, never indexed."""
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the URL: do not hand it to sites the article links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The public face of a preview link; works logged out."""
    try:
        link = resolve(token)
    except PreviewUnavailable as error:
        status = 404 if error.reason == "forged" else 410
        response = render(
            request,
            "articles/preview_unavailable.html",
            {"reason": error.reason},
            status=status,
        )
        return private(response)
    article = link.article
    if article.is_live:
        return private(redirect(article.get_absolute_url()))
    return private(render_article(request, article, preview=True))
