from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    """What spans the whole site; its one model records when pages went stale."""

    name = "newsroom"
    default_auto_field = "django.db.models.BigAutoField"


class NewsroomAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the newsroom's site as ``admin.site``."""

    default_site = "newsroom.admin.NewsroomAdminSite"
