"""A change readers could see purges the surrogate keys of the pages showing it.

- An edit of a live article that leaves it in the same lists (a new title, a
  correction, a new slug) purges its own key, the sitemaps and the search
  pages: every page that links it carries its key.
- A change to which lists show it (published, scheduled, unpublished,
  trashed, restored, dated anew, moved to another region, other programs or
  reporters) also purges those lists, as they were and as they are: the
  latest-articles lists, its regions' (and the places above them), its
  programs' and its reporters' pages and feeds.
- Renaming a region, program or reporter purges the pages that link it and
  those whose filters name it.

Keys are worked out once the change has committed, from the rows as they
then are, together with those read before it for what it takes away, and
purged once per article per transaction.

A stored image that no row uses any more is deleted, with its renditions, once
the change that released it commits: a save that rolls back still needs it.
"""

import threading
from functools import partial

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles import images, uploads
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
from newsroom import surrogate
from newsroom.cache import purge, purge_on_commit
from regions.models import Region


def _states(article_ids) -> dict[int, tuple]:
    """What decides the lists each article is in, for those readers can see."""
    rows = Article.objects.filter(
        pk__in=article_ids, status=Article.Status.PUBLISHED, deleted_at=None
    ).values_list("pk", "published_at", "region_id")
    return {pk: (published_at, region_id) for pk, published_at, region_id in rows}


def _list_keys(article_ids) -> set[str]:
    """The keys of every list the articles are in now: four queries, however many."""
    if not article_ids:
        return set()
    # Two id lookups as subqueries: a join with an OR across both relations
    # made the database scan every article.
    primary = Article.objects.filter(pk__in=article_ids).values("region_id")
    linked = Article.regions.through.objects.filter(article_id__in=article_ids).values("region_id")
    regions = Region.objects.filter(Q(pk__in=primary) | Q(pk__in=linked)).values_list(
        "path", flat=True
    )
    places = {slug for path in regions for slug in path.rstrip("/").split("/")}
    subjects = [
        *Region.objects.filter(slug__in=places),
        *ProgramTag.objects.filter(tagged_articles__content_object_id__in=article_ids),
        *Journalist.objects.filter(bylines__article_id__in=article_ids),
    ]
    return {surrogate.ARTICLES, *(surrogate.list_key(subject) for subject in subjects)}


def _content_keys(article_id: int) -> set[str]:
    return {f"article-{article_id}", surrogate.SITEMAP, surrogate.SEARCH}


class _Pending:
    """Articles changed in the current transaction, purged once it commits."""

    def __init__(self):
        # For each article: what decided its lists before, and the keys of those lists.
        self.before: dict[int, tuple[tuple | None, set[str]]] = {}
        self.moved: set[int] = set()
        self.settled = False

    def note(self, article_id: int, *, moved: bool) -> None:
        if article_id not in self.before:
            state = _states([article_id]).get(article_id)
            self.before[article_id] = (state, _list_keys([article_id]) if state else set())
        if moved:
            self.moved.add(article_id)

    def note_new(self, article_ids) -> None:
        for article_id in article_ids:
            self.before.setdefault(article_id, (None, set()))
            self.moved.add(article_id)

    def settle(self) -> None:
        if self.settled:
            return
        self.settled = True
        after = _states(self.before)
        keys: set[str] = set()
        listed_now = set()
        for article_id, (before, listed) in self.before.items():
            now = after.get(article_id)
            if before is None and now is None:
                continue
            keys |= _content_keys(article_id)
            if before != now or article_id in self.moved:
                keys |= listed
                if now is not None:
                    listed_now.add(article_id)
        purge(keys | _list_keys(listed_now))


# Per thread, as database connections are.
_local = threading.local()


def _current() -> _Pending:
    """The purges pending in this thread's transaction. A transaction with no
    commit callbacks yet is a new one: what an earlier one noted was either
    purged when it committed or rolled back with it."""
    pending = getattr(_local, "pending", None)
    if pending is None or pending.settled or not connection.run_on_commit:
        pending = _local.pending = _Pending()
    return pending


def _note(article_id: int | None, *, moved: bool) -> None:
    if article_id is None:
        return
    pending = _current()
    pending.note(article_id, moved=moved)
    # Once per change, so that the first to run (when the outermost block
    # commits, or now in autocommit) purges them all.
    transaction.on_commit(pending.settle)


def articles_added(article_ids) -> None:
    """Articles written without save signals (an import batch's ``bulk_create``)."""
    pending = _current()
    pending.note_new(article_ids)
    transaction.on_commit(pending.settle)


def article_saving(sender, instance: Article, **kwargs) -> None:
    _note(instance.pk, moved=False)


def article_saved(sender, instance: Article, created: bool, **kwargs) -> None:
    _note(instance.pk, moved=created)


def article_deleting(sender, instance: Article, **kwargs) -> None:
    _note(instance.pk, moved=True)


def link_changed(sender, instance, **kwargs) -> None:
    """A byline or a program link: the article's lists change."""
    if isinstance(instance, ProgramTaggedArticle):
        _note(instance.content_object_id, moved=True)
    else:
        _note(instance.article_id, moved=True)


def text_changed(sender, instance, **kwargs) -> None:
    """A correction or an old slug: the article's own page and its links."""
    _note(instance.article_id, moved=False)


def relation_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Regions, programs or "Baca juga" picks added or taken away."""
    if action not in ("pre_remove", "pre_clear", "post_add"):
        return
    moved = sender is not Article.related.through
    if isinstance(instance, Article):
        _note(instance.pk, moved=moved)
        if not moved:
            for article_id in pk_set or ():
                _note(article_id, moved=False)
    else:
        for article_id in pk_set or ():
            _note(article_id, moved=moved)


def subject_changed(sender, instance, **kwargs) -> None:
    """A region, program or reporter renamed, added or deleted."""
    keys = {
        surrogate.key_of(instance),
        surrogate.list_key(instance),
        surrogate.FILTERS,
        surrogate.SITEMAP,
    }
    purge_on_commit(keys)


def index_article(sender, instance, **kwargs) -> None:
    """Keep the article's search entry in step, in the same transaction."""
    if kwargs.get("action", "post").startswith("pre"):
        return
    if isinstance(instance, Article):
        article_id = instance.pk
    elif isinstance(instance, ProgramTaggedArticle):
        article_id = instance.content_object_id
    else:
        return
    if article_id is not None:
        index_articles([article_id])


def names_changed(sender, instance, **kwargs) -> None:
    forget_names()


def files_saved(sender, instance, update_fields=None, **kwargs) -> None:
    for name in uploads.released_names(instance, update_fields=update_fields):
        transaction.on_commit(partial(release_file, name))
    if isinstance(instance, Article):
        focal = (instance.focal_x, instance.focal_y)
        moved = getattr(instance, "_saved_focal", focal) != focal
        instance._saved_focal = focal
        if moved and instance.lead_image:
            keep = images.planned_names(instance)
            transaction.on_commit(
                partial(images.delete_renditions, instance.lead_image.name, keep=keep)
            )


def files_deleted(sender, instance, **kwargs) -> None:
    for name in uploads.released_names(instance, deleted=True):
        transaction.on_commit(partial(release_file, name))


def release_file(name: str) -> None:
    if uploads.delete_if_unused(name):
        images.delete_renditions(name)


def connect() -> None:
    for model in (Article, Journalist):
        post_save.connect(files_saved, sender=model, dispatch_uid=f"files-{model.__name__}")
        post_delete.connect(files_deleted, sender=model, dispatch_uid=f"files-del-{model.__name__}")
    pre_save.connect(article_saving, sender=Article, dispatch_uid="pages-article-saving")
    post_save.connect(article_saved, sender=Article, dispatch_uid="pages-article-saved")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="pages-article-deleting")
    for model in (ArticleReporter, ProgramTaggedArticle):
        post_save.connect(link_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(link_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}")
    for model in (Correction, PreviousSlug):
        post_save.connect(text_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(text_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}")
    for through in (Article.regions.through, Article.related.through, ProgramTaggedArticle):
        m2m_changed.connect(
            relation_changed, sender=through, dispatch_uid=f"pages-m2m-{through.__name__}"
        )
    for model in (Region, ProgramTag, Journalist):
        post_save.connect(subject_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(
            subject_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
        )
    post_save.connect(index_article, sender=Article, dispatch_uid="search-Article")
    post_save.connect(index_article, sender=ProgramTaggedArticle, dispatch_uid="search-tag")
    post_delete.connect(index_article, sender=ProgramTaggedArticle, dispatch_uid="search-del-tag")
    for through in (Article.regions.through, ProgramTaggedArticle):
        m2m_changed.connect(
            index_article, sender=through, dispatch_uid=f"search-m2m-{through.__name__}"
        )
    for model in (Region, ProgramTag, Journalist):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            names_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
