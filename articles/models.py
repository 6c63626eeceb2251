import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from articles.sanitize import clean_html
from articles.uploads import CleanImageField, RemembersStoredFiles
from newsroom import surrogate
from newsroom.validators import clean_text_list
from regions.models import Region


def user_reference(verbose_name, **options) -> models.ForeignKey:
    """Who did something: kept when the account is deleted, as "someone"."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


class ProgramTag(TagBase):
    """A social-security (or other public) program an article is about, e.g. JKK.

    ``name`` is the short name readers know: "JKK", "OVOP".
    """

    # taggit's own fields, with labels in the newsroom's languages.
    name = models.CharField(_("short name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=True)
    full_name = models.CharField(_("full name"), max_length=200)
    explainer = models.TextField(
        _("explainer"), blank=True, help_text=_("A few plain sentences on what the program covers.")
    )
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names and spellings, e.g. BPJAMSOSTEK."),
    )

    natural_key_fields = ["slug"]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        surrogate.shown(surrogate.key_of(self))
        return reverse("articles:program", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        try:
            self.aliases = clean_text_list(self.aliases)
        except ValidationError as error:
            raise ValidationError({"aliases": error}) from None


class JournalistQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> "Journalist":
        return self.get(slug=slug)

    def for_user(self, user) -> "Journalist | None":
        """The journalist profile of a signed-in ``user``, if they have one."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user).first()

    def with_live_bylines(self) -> "JournalistQuerySet":
        """Journalists who sign at least one live article: a correlated EXISTS
        on the reporter's lines of the listing index, one index step each
        (from the bylines, it read a reporter's articles until a live one)."""
        lines = ArticleListing.objects.filter(
            kind=ArticleListing.Kind.REPORTER,
            target=OuterRef("pk"),
            published_at__lte=timezone.now(),
        )
        return self.filter(Exists(lines[:1]))


class Journalist(RemembersStoredFiles, models.Model):
    """A reporter or an editor. Bylines point here; a login account is optional."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journalist",
    )
    bio = models.TextField(_("bio"), blank=True)
    photo = CleanImageField(_("photo"), folder="journalists/", blank=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        surrogate.shown(surrogate.key_of(self))
        return reverse("articles:journalist", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> "Article":
        return self.get(slug=slug)

    def live(self) -> "ArticleQuerySet":
        """What readers may see: published, published_at has come, not in the trash.

        The one place this rule lives; every public surface starts here.
        Scheduling is only a future ``published_at``.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now(), deleted_at=None
        )

    def cards(self) -> "ArticleQuerySet":
        """For lists of article cards: the region joined, the body left behind.

        A body is kilobytes of HTML that no card shows; a page of cards would
        otherwise read and decode all of them.
        """
        return self.select_related("region").defer("body", "summary_points")

    def in_trash(self) -> "ArticleQuerySet":
        return self.filter(deleted_at__isnull=False)

    def not_in_trash(self) -> "ArticleQuerySet":
        return self.filter(deleted_at=None)

    def next_scheduled(self) -> "datetime.datetime | None":
        """When the next scheduled article goes live, if one is waiting. One query."""
        return (
            self.not_in_trash()
            .filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def in_region(self, region: Region) -> "ArticleQuerySet":
        """Articles about ``region`` or any place under it, as primary or other region.

        One query: the subtree is a path prefix, the other regions a subquery.
        """
        # Both halves are id lookups (the region index, the link table), so a
        # count or a page reads the region's articles, not the whole archive.
        subtree = Region.objects.subtree(region).values("pk")
        primary = Article.objects.filter(region__in=subtree).order_by().values("pk")
        links = Article.regions.through.objects.filter(region__in=subtree)
        return self.filter(pk__in=primary.union(links.order_by().values("article_id")))

    def with_last_correction(self) -> "ArticleQuerySet":
        """Annotate ``last_correction`` for ``Article.date_modified``: no query per article.

        A correlated subquery, not an aggregate: it runs only for the rows a
        page or feed returns, where a GROUP BY would read every live article.
        """
        newest = Correction.objects.filter(article=OuterRef("pk")).order_by("-created_at")
        return self.annotate(last_correction=Subquery(newest.values("created_at")[:1]))


class Article(RemembersStoredFiles, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    title = models.CharField(_("title"), max_length=300)
    title_derived = models.BooleanField(
        _("title derived from the lead"),
        default=False,
        help_text=_("The source had no headline; an editor should write one."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    dek = models.TextField(
        _("dek"), blank=True, help_text=_("One or two sentences under the title.")
    )
    summary_points = models.JSONField(_("summary points"), default=list, blank=True)
    body = models.TextField(_("body"), blank=True)
    dateline_city = models.CharField(_("dateline city"), max_length=100, blank=True)

    region = models.ForeignKey(
        Region,
        verbose_name=_("primary region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_articles",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="articles"
    )
    programs = TaggableManager(
        verbose_name=_("programs"),
        through="articles.ProgramTaggedArticle",
        blank=True,
        help_text=_("Programs the article is about."),
    )
    reporters = models.ManyToManyField(
        Journalist,
        verbose_name=_("reporters"),
        through="articles.ArticleReporter",
        blank=True,
        related_name="reported_articles",
    )
    editor = models.ForeignKey(
        Journalist,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_articles",
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    lead_image = CleanImageField(
        _("lead image"),
        folder="articles/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(_("alt text"), max_length=250, blank=True)
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=150, blank=True)
    focal_x = models.FloatField(
        _("focal point x"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right edge."),
    )
    focal_y = models.FloatField(
        _("focal point y"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom edge."),
    )

    related = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )

    outlet = models.CharField(_("outlet"), max_length=100, blank=True)
    original_url = models.URLField(_("original URL"), max_length=500, blank=True)
    original_byline = models.CharField(_("original byline"), max_length=300, blank=True)
    rights_line = models.CharField(_("rights line"), max_length=200, blank=True)
    source_title = models.CharField(
        _("source title"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_("The title as first imported; re-imports find the article by it."),
    )
    source_checksum = models.CharField(
        _("source checksum"), max_length=64, blank=True, db_index=True, editable=False
    )
    source_key = models.CharField(
        _("source story key"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Outlet, dateline, date and headline as the source gave them, hashed."),
    )
    imported_version = models.PositiveIntegerField(
        _("version the last import left"), null=True, blank=True, editable=False
    )

    # Deleting in the admin moves an article to the trash; an editor can restore it.
    deleted_at = models.DateTimeField(
        _("moved to the trash at"), null=True, blank=True, editable=False
    )
    deleted_by = user_reference(_("moved to the trash by"), editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        indexes = [
            # live() filters on status and published_at; every list sorts by published_at.
            models.Index(fields=["status", "-published_at", "-id"], name="article_live_idx"),
            models.Index(fields=["region", "status", "-published_at"], name="article_region_idx"),
            # The admin's change list: newest work first, alone or by status or
            # primary region, and sorted by publication (also its year filter).
            models.Index(fields=["-updated_at", "-id"], name="article_updated_idx"),
            models.Index(fields=["status", "-updated_at", "-id"], name="article_status_upd_idx"),
            models.Index(fields=["region", "-updated_at", "-id"], name="article_region_upd_idx"),
            models.Index(fields=["-published_at", "-id"], name="article_published_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "original_url"],
                condition=~Q(original_url=""),
                name="article_original_url_unique",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="article_focal_point_in_image",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        update_fields = kwargs.get("update_fields")
        renamed_from = getattr(self, "_saved_slug", None)
        if renamed_from == self.slug or (update_fields is not None and "slug" not in update_fields):
            renamed_from = None
        with transaction.atomic():
            super().save(*args, **kwargs)
            if renamed_from:
                # The old address keeps working: it redirects to the new one. Going
                # back to one of its own old slugs drops that redirect; another
                # article's old slug stays bound to it (``clean`` refuses it).
                PreviousSlug.objects.filter(slug=self.slug, article=self).delete()
                PreviousSlug.objects.update_or_create(slug=renamed_from, defaults={"article": self})
        self._saved_slug = self.slug

    def get_absolute_url(self) -> str:
        """The public URL, dated in WITA; an article never published uses its creation date."""
        surrogate.shown(surrogate.key_of(self))
        moment = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={
                "year": moment.year,
                "month": f"{moment.month:02d}",
                "day": f"{moment.day:02d}",
                "slug": self.slug,
            },
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._saved_slug = article.__dict__.get("slug")
        article._saved_focal = (article.__dict__.get("focal_x"), article.__dict__.get("focal_y"))
        return article

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        # Alt text, like the rest of what publishing needs, is required to publish
        # (``workflow.publish_problems``), not to save a draft.
        errors = {}
        try:
            self.summary_points = clean_text_list(self.summary_points)
        except ValidationError as error:
            errors["summary_points"] = error
        taken = PreviousSlug.objects.filter(slug=self.slug).exclude(article_id=self.pk)
        if self.slug and (moved := taken.select_related("article").first()):
            errors["slug"] = _(
                "“%(slug)s” was the address of “%(title)s” and still leads readers there. "
                "Choose another slug."
            ) % {"slug": self.slug, "title": moved.article.title}
        if errors:
            raise ValidationError(errors)

    @property
    def date_modified(self) -> "datetime.datetime | None":
        """When readers last saw a real change: publication, or the latest correction.

        Saving again changes nothing here. Uses the ``last_correction``
        annotation of ``with_last_correction()`` when present; otherwise reads
        ``corrections`` (a query unless prefetched).
        """
        if hasattr(self, "last_correction"):
            corrected = self.last_correction
        else:
            corrected = max((c.created_at for c in self.corrections.all()), default=None)
        return max((m for m in (self.published_at, corrected) if m), default=None)

    @property
    def is_live(self) -> bool:
        """The same rule as ``Article.objects.live()``, for one article in hand."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.deleted_at is None
        )

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


class ArticleReporterQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug: str, journalist_slug: str) -> "ArticleReporter":
        return self.get(article__slug=article_slug, journalist__slug=journalist_slug)


class ArticleReporter(models.Model):
    """A byline entry; ``position`` keeps the order the byline prints."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    journalist = models.ForeignKey(
        Journalist, verbose_name=_("reporter"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ArticleReporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporter")
        verbose_name_plural = _("reporters")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "journalist"], name="article_reporter_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.journalist)

    def natural_key(self) -> tuple[str, str]:
        return (*self.article.natural_key(), *self.journalist.natural_key())

    natural_key.dependencies = ["articles.article", "articles.journalist"]


class ProgramTaggedArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug: str, tag_slug: str) -> "ProgramTaggedArticle":
        return self.get(content_object__slug=article_slug, tag__slug=tag_slug)


class ProgramTaggedArticle(TaggedItemBase):
    """taggit's through model, so program tags get real foreign keys and indexes."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="program_links"
    )
    tag = models.ForeignKey(ProgramTag, on_delete=models.CASCADE, related_name="tagged_articles")

    objects = ProgramTaggedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("program tag")
        verbose_name_plural = _("program tags")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="article_program_unique"
            ),
        ]

    def natural_key(self) -> tuple[str, str]:
        return (*self.content_object.natural_key(), *self.tag.natural_key())

    natural_key.dependencies = ["articles.article", "articles.programtag"]


class ArticleListing(models.Model):
    """One line of a public list: a live article under one key, in publication order.

    Every public article has a line under the whole archive (``ALL``), under
    each region it is about and every region above those (so a province lists
    everything in its regencies, districts and villages), under each of its
    programs and under each of its reporters. A list page then reads its own
    key's lines newest first off one index, however large the archive: no
    union, no sort, no count of the whole archive. Only published articles
    outside the trash have lines; ``published_at`` is copied, and a scheduled
    article's line waits in the index until its time comes.

    Database triggers (migration 0012) keep the lines in step with every
    insert, update and delete of articles, their region, program and byline
    links and regions, bulk writes included; nothing in Python writes here.
    """

    class Kind(models.TextChoices):
        ALL = "a", _("archive")
        REGION = "r", _("region")
        PROGRAM = "p", _("program")
        REPORTER = "j", _("reporter")

    # No foreign-key constraint: the triggers remove an article's lines after
    # the article itself is gone, and Django never deletes lines.
    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # article_listing_unique starts with it
        related_name="listings",
    )
    kind = models.CharField(max_length=1, choices=Kind.choices)
    # The region, program or journalist id; 0 for the archive.
    target = models.PositiveIntegerField()
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "target"], name="article_listing_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["kind", "target", "-published_at", "-article"], name="article_listing_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target}: {self.article_id}"


class Correction(models.Model):
    """A dated note on a published article, shown to readers; it bumps dateModified."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "id"]
        indexes = [
            # Lists and feeds date each article by its latest correction.
            models.Index(fields=["article", "-created_at"], name="correction_latest_idx"),
        ]

    def __str__(self) -> str:
        return self.text


class ImmutableRowError(Exception):
    """Raised when code tries to change or delete a history row."""


class ImmutableModel(models.Model):
    """A row written once: history is never edited, only appended to.

    Deleting the article still removes its history through the database cascade.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableRowError(f"{self._meta.verbose_name} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError(f"{self._meta.verbose_name} rows cannot be deleted.")


class Revision(ImmutableModel):
    """The content of an article as one save left it (see ``articles.revisions``)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = user_reference(_("saved by"))

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="revision_article_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return _("version %(version)s") % {"version": self.version}


class ArticleEvent(ImmutableModel):
    """One workflow transition: who moved the article from which status to which, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("submitted for review")
        RETURN = "return", _("returned to draft")
        PUBLISH = "publish", _("published")
        SCHEDULE = "schedule", _("scheduled")
        UNPUBLISH = "unpublish", _("unpublished")
        CORRECT = "correct", _("corrected")
        TRASH = "trash", _("moved to the trash")
        RESTORE = "restore", _("restored from the trash")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"))
    actor = user_reference(_("by"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["created_at", "id"]
        indexes = [
            # The change list annotates each article with its latest event.
            models.Index(fields=["article", "-created_at"], name="article_event_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.from_status} → {self.to_status})"


class PreviewLink(models.Model):
    """A shareable, expiring preview of an unpublished article; revoking it is a row update."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = user_reference(_("created by"))
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = user_reference(_("revoked by"))

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return _("preview of %(article)s") % {"article": self.article}

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class PreviousSlug(models.Model):
    """An address an article had before its slug changed; it redirects permanently."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="previous_slugs")
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        verbose_name = _("previous slug")
        verbose_name_plural = _("previous slugs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.slug


class Autosave(models.Model):
    """What one user last typed into one article's change form, kept every few seconds
    so that nothing typed is lost; not a revision, and never public. One row per user
    and article (``article`` is empty for a new article not saved yet)."""

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(_("form data"))
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_user_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article=None), name="autosave_user_new_article"
            ),
        ]

    def __str__(self) -> str:
        return _("autosave of %(article)s") % {"article": self.article or _("a new article")}


class Note(ImmutableModel):
    """An internal note on an article, from one journalist of the desk to the others.

    Never public: no reader page, feed or preview reads this table."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    author = user_reference(_("by"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Assignment(models.Model):
    """A story the desk plans: a slug line, where and what it is about, who writes it
    and by when. The reporter starts the draft from it; from then on its stage is the
    article's."""

    slug_line = models.CharField(
        _("slug line"), max_length=120, help_text=_("A few words the desk knows it by.")
    )
    brief = models.TextField(_("brief"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    program = models.ForeignKey(
        ProgramTag, verbose_name=_("program"), null=True, blank=True, on_delete=models.SET_NULL
    )
    reporter = models.ForeignKey(
        Journalist, verbose_name=_("reporter"), on_delete=models.PROTECT, related_name="assignments"
    )
    due_at = models.DateTimeField(_("due"))
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignment",
    )
    created_by = user_reference(_("assigned by"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["due_at"], name="assignment_due_idx")]

    def __str__(self) -> str:
        return self.slug_line


class SearchWord(models.Model):
    """A word the search index has seen, and in how many documents (counted
    as articles are indexed; never lowered). Suggestions for a misspelt word
    are drawn from here (``articles.search``)."""

    word = models.CharField(max_length=30, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
