from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from articles import search_index, signals

        signals.connect()
        post_migrate.connect(search_index.forget_orphans, sender=self)
