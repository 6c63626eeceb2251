"""Login throttling (django-axes): who is knocking, and what they see when locked out.

The policy (settings ``AXES_*``): five failed sign-ins for one username from one
address lock that pair out for 30 minutes; an admin can lift a lock earlier in
the admin (Access attempts). See docs/security.md.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The visitor's address.

    With ``TRUSTED_PROXIES`` reverse proxies in front (nginx: one), each of which
    appends the address it saw to X-Forwarded-For, the visitor is the entry the
    outermost proxy appended. Everything to its left came from the visitor and
    may be forged, so it is never used: otherwise a new made-up address per
    attempt would escape the lockout.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    if not hops:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    return chain[-hops] if len(chain) >= hops else remote


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets, in the admin's own frame."""
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed sign-ins"),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
