"""Any change readers could see makes the cached public pages stale.

Once the change is committed, not before: a page another process renders in
between still shows the rows as they were, and would otherwise be cached
under the new generation and served until it expires.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.models import (
    Article,
    ArticleReporter,
    Correction,
    Journalist,
    PreviousSlug,
    ProgramTag,
    ProgramTaggedArticle,
)
from articles.search_index import forget_names, index_articles
from newsroom.cache import invalidate_pages
from regions.models import Region

# A draft or an article in review is invisible to readers: editing it all day
# must not empty the cache. Scheduled and unpublished articles count, since
# they are (or were) public.
PUBLIC_STATES = {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}


def _article_of(instance) -> Article | None:
    if isinstance(instance, Article):
        return instance
    if isinstance(instance, ProgramTaggedArticle):
        return instance.content_object
    return getattr(instance, "article", None)


def article_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("action", "post").startswith("pre"):
        return
    article = _article_of(instance)
    if article is None or article.status in PUBLIC_STATES:
        transaction.on_commit(invalidate_pages)


def listing_changed(sender, instance, **kwargs) -> None:
    transaction.on_commit(invalidate_pages)


def index_article(sender, instance, **kwargs) -> None:
    """Keep the article's search entry in step, in the same transaction."""
    if kwargs.get("action", "post").startswith("pre"):
        return
    article = _article_of(instance)
    if article is not None and article.pk is not None:
        index_articles([article.pk])


def names_changed(sender, instance, **kwargs) -> None:
    forget_names()


def connect() -> None:
    post_save.connect(index_article, sender=Article, dispatch_uid="search-Article")
    for model in (ProgramTaggedArticle,):
        post_save.connect(index_article, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            index_article, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
    for through in (Article.regions.through, ProgramTaggedArticle):
        m2m_changed.connect(
            index_article, sender=through, dispatch_uid=f"search-m2m-{through.__name__}"
        )
    for model in (Region, ProgramTag, Journalist):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            names_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
    for model in (Article, ArticleReporter, ProgramTaggedArticle, Correction, PreviousSlug):
        post_save.connect(article_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(
            article_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
        )
    for through in (Article.regions.through, Article.related.through, ProgramTaggedArticle):
        m2m_changed.connect(
            article_changed, sender=through, dispatch_uid=f"pages-m2m-{through.__name__}"
        )
    for model in (Region, ProgramTag, Journalist):
        post_save.connect(listing_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(
            listing_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
        )
