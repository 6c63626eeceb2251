"""The admin site: Django's own, with "view on site" held to the same rules as the rest.

Django's ``view_on_site`` URL (``/admin/r/<content type>/<id>/``) redirects any
staff member to any object's public address, whatever the object's ModelAdmin
says: for an article, the address names the slug, and so usually the headline,
of a draft or an embargoed story the user may not even see. Here the object is
fetched through its ModelAdmin (its queryset, its view permission and its own
``view_on_site``), so the shortcut answers 404 wherever the change page would.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy


class NewsroomAdminSite(admin.AdminSite):
    site_header = settings.SITE_NAME
    site_title = settings.SITE_NAME
    index_title = gettext_lazy("Newsroom")

    def get_urls(self):
        checked = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            checked if getattr(pattern, "name", None) == "view_on_site" else pattern
            for pattern in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id: str, object_id: str):
        try:
            model = ContentType.objects.get(pk=content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        if not model_admin.get_view_on_site_url(obj):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)
