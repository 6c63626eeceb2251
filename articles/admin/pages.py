"""What every extra page of the article admin shares: the article, fetched with the
user's own scope, and the context of an admin page about one article."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse

from articles.models import Article


def article_url(name: str, article: Article) -> str:
    """The admin URL ``name`` (``change``, ``history``, ``preview``…) of ``article``."""
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


class ArticlePages:
    """Mixed into ``ArticleAdmin``: an article the user may not see is a 404."""

    def article_path(self, route: str, view, name: str, *, of_article: bool = True):
        """An extra page, ``admin:articles_article_<name>``, behind the admin's login;
        under the article's own address unless not ``of_article``."""
        route = f"<path:object_id>/{route}" if of_article else route
        return path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")

    def article_for(self, request, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def article_page_context(self, request, article: Article, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            "change_url": article_url("change", article),
            "history_url": article_url("history", article),
            "has_change_permission": self.has_change_permission(request, article),
        }
