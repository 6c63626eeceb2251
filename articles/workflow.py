"""The editorial state machine: one function per transition, and ``TRANSITIONS``,
the one table that tells the admin how to offer each (button, action, input,
message).

States: draft → in_review → published (now or scheduled) → unpublished, and
in_review → draft when an editor returns the copy with a reason. Every
function checks the actor's permission first and the article's current state
second, raises a ``WorkflowError`` and changes nothing when either is wrong,
and otherwise moves the article and writes an ``ArticleEvent`` in the same
transaction. The admin's buttons and actions call these functions through the
table; nothing else writes ``status``.

Who may do what:

- ``submit``: anyone who may change articles and can see this one (a reporter
  on its byline, or an editor).
- ``return_to_draft``, ``publish``, ``unpublish``, ``add_correction``: the
  desk, i.e. users with ``articles.publish_article`` (the Editor group and
  superusers). The desk also sees and edits every article.
- ``move_to_trash`` and ``restore_from_trash``: the desk. An article in the
  trash keeps its status but is hidden from readers and from every editorial
  list except the trash; no other transition applies to it until it is restored.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleEvent, ArticleReporter, Correction, Journalist
from newsroom.wita import format_wita

PUBLISH_PERMISSION = "articles.publish_article"
CHANGE_PERMISSION = "articles.change_article"

Status = Article.Status
Action = ArticleEvent.Action
User = AbstractBaseUser | AnonymousUser


class WorkflowError(Exception):
    """A transition was refused; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotPermitted(WorkflowError, PermissionDenied):
    """The actor may not make this transition on this article."""


class WrongState(WorkflowError):
    """The article is not in a state the transition starts from."""


class NotReady(WorkflowError):
    """The article lacks something publishing needs; ``missing`` lists all of it."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            _("This article cannot be published yet: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )


# Access ------------------------------------------------------------------


def is_desk(user: User) -> bool:
    """Editors and superusers: they see, edit and decide on every article."""
    return bool(user.is_active and user.has_perm(PUBLISH_PERMISSION))


def articles_for(user: User, *, with_trash: bool = False):
    """The articles ``user`` may see in the admin: all for the desk, else their own bylines.

    The trash is left out unless ``with_trash``, and only the desk ever sees it.
    """
    if is_desk(user):
        return Article.objects.all() if with_trash else Article.objects.not_in_trash()
    if not user.is_authenticated or not user.is_active:
        return Article.objects.none()
    own = ArticleReporter.objects.filter(article=OuterRef("pk"), journalist__user=user)
    return Article.objects.not_in_trash().filter(Exists(own))


def can_see(user: User, article: Article) -> bool:
    """One query for a reporter; none for the desk."""
    if is_desk(user):
        return True
    return articles_for(user).filter(pk=article.pk).exists()


def can_edit(user: User, article: Article) -> bool:
    """Reporters edit their own drafts; once submitted, the copy is the desk's.
    Nobody edits an article in the trash: it is restored first."""
    if not user.has_perm(CHANGE_PERMISSION) or article.in_trash:
        return False
    if is_desk(user):
        return True
    return article.status == Status.DRAFT and can_see(user, article)


def with_history(articles):
    """Annotate the latest event (action, reason, time) and the last submission time.

    Subqueries: no extra query per article.
    """
    latest = ArticleEvent.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-id")
    submitted = latest.filter(action=Action.SUBMIT)
    return articles.annotate(
        last_action=Subquery(latest.values("action")[:1]),
        last_reason=Subquery(latest.values("reason")[:1]),
        last_event_at=Subquery(latest.values("created_at")[:1]),
        submitted_at=Subquery(submitted.values("created_at")[:1]),
    )


def returned_drafts(articles):
    """Drafts whose latest event is a return: the reporters have work to do."""
    return with_history(articles).filter(status=Status.DRAFT, last_action=Action.RETURN)


def review_queue(articles):
    """Articles waiting for the desk, the longest-waiting first."""
    return with_history(articles).filter(status=Status.IN_REVIEW).order_by("submitted_at", "pk")


def is_scheduled(article: Article) -> bool:
    return (
        article.status == Status.PUBLISHED
        and article.published_at is not None
        and article.published_at > timezone.now()
    )


BYLINE_PROBLEM = gettext_lazy("at least one reporter")


def publish_problems(article: Article) -> list[str]:
    """Everything that stops ``article`` from being published, all at once (one query)."""
    missing = []
    if not article.title.strip():
        missing.append(_("a title"))
    if not strip_tags(article.body).strip():
        missing.append(_("body text"))
    if article.region_id is None:
        missing.append(_("a primary region"))
    if article.pk is None or not article.bylines.exists():
        missing.append(str(BYLINE_PROBLEM))
    if article.lead_image and not article.lead_image_alt.strip():
        missing.append(_("alt text for the lead image"))
    return missing


# Transitions ---------------------------------------------------------------


def submit(article: Article, *, by: User) -> ArticleEvent:
    """A reporter (or editor) hands a draft to the desk."""
    with transaction.atomic():
        current = _lock(article)
        _require_change(by, current)
        _require_state(current, {Status.DRAFT}, _("Only a draft can be submitted for review."))
        return _move(article, current, to=Status.IN_REVIEW, action=Action.SUBMIT, by=by)


def return_to_draft(article: Article, *, by: User, reason: str) -> ArticleEvent:
    """The desk sends copy back to its reporters; they see the reason."""
    with transaction.atomic():
        current = _lock(article)
        _require_desk(by)
        _require_state(
            current,
            {Status.IN_REVIEW, Status.UNPUBLISHED},
            _("Only an article in review or unpublished can be returned to draft."),
        )
        reason = _require_text(reason, _("Say why the article goes back to draft."))
        return _move(article, current, to=Status.DRAFT, action=Action.RETURN, by=by, reason=reason)


def publish(article: Article, *, by: User, at: datetime.datetime | None = None) -> ArticleEvent:
    """Publish now, or at ``at`` when it is in the future (a scheduled article
    is only a future ``published_at``: nothing has to run at that time).

    An article published before and unpublished since keeps its first
    publication time when it is published again now; scheduling it sets a new
    one. The editor who publishes is recorded as its editor unless one is named.
    """
    with transaction.atomic():
        current = _lock(article)
        _require_desk(by)
        if current.status == Status.PUBLISHED and not is_scheduled(current):
            raise WrongState(_("This article is live already."))
        now = timezone.now()
        if at is not None:
            if timezone.is_naive(at):
                raise WorkflowError(_("The publication time needs a time zone."))
            if at <= now:
                raise WorkflowError(
                    _("%(time)s is in the past; choose a time in the future or publish now.")
                    % {"time": format_wita(at)}
                )
        missing = publish_problems(current)
        if missing:
            raise NotReady(missing)
        republished = current.status == Status.UNPUBLISHED and current.published_at is not None
        if at is not None:
            moment = at
        elif republished and current.published_at <= now:
            moment = current.published_at
        else:
            moment = now.replace(microsecond=0)
        if current.editor_id is None:
            current.editor = Journalist.objects.for_user(by)
        return _move(
            article,
            current,
            to=Status.PUBLISHED,
            action=Action.SCHEDULE if at else Action.PUBLISH,
            by=by,
            publish_at=moment,
        )


def unpublish(article: Article, *, by: User, reason: str) -> ArticleEvent:
    """Take a live (or scheduled) article away from readers."""
    with transaction.atomic():
        current = _lock(article)
        _require_desk(by)
        _require_state(
            current, {Status.PUBLISHED}, _("Only a published article can be unpublished.")
        )
        reason = _require_text(reason, _("Say why the article is unpublished."))
        return _move(
            article, current, to=Status.UNPUBLISHED, action=Action.UNPUBLISH, by=by, reason=reason
        )


def add_correction(article: Article, *, by: User, text: str) -> ArticleEvent:
    """Append a dated correction note that readers see on the live article."""
    with transaction.atomic():
        current = _lock(article)
        _require_desk(by)
        if not current.is_live:
            raise WrongState(_("Corrections are added to live articles only."))
        text = _require_text(text, _("Write the correction readers will see."))
        Correction.objects.create(article=current, text=text, created_by=_user_or_none(by))
        return _move(
            article, current, to=Status.PUBLISHED, action=Action.CORRECT, by=by, reason=text
        )


def move_to_trash(article: Article, *, by: User) -> ArticleEvent:
    """What deleting does: the article leaves every list, public and editorial,
    and keeps its status, history and preview links for a restore."""
    with transaction.atomic():
        current = _lock(article, in_trash=False)
        _require_desk(by)
        current.deleted_at = timezone.now()
        current.deleted_by = _user_or_none(by)
        return _move(article, current, to=current.status, action=Action.TRASH, by=by)


def restore_from_trash(article: Article, *, by: User) -> ArticleEvent:
    """Bring an article back as it was: a live one is live again at once."""
    with transaction.atomic():
        current = _lock(article, in_trash=True)
        _require_desk(by)
        current.deleted_at = None
        current.deleted_by = None
        return _move(article, current, to=current.status, action=Action.RESTORE, by=by)


# The table of transitions ---------------------------------------------------------


def schedule(article: Article, *, by: User, at: datetime.datetime | None) -> ArticleEvent:
    """``publish`` at a time the desk chose; a time is required."""
    if at is None:
        raise WorkflowError(_("Choose the publication time (WITA)."))
    return publish(article, by=by, at=at)


@dataclass(frozen=True)
class Transition:
    """One move of the state machine and everything the admin needs to offer it.

    The change form's buttons, the change list's actions, the input each asks
    for and the message after it are all read from ``TRANSITIONS``.
    """

    name: str
    run: Callable[..., ArticleEvent]
    # The event it records; the history words it with ``ArticleEvent.Action``'s label.
    event: str
    # The button, and the title of the page that asks for the input.
    label: Promise
    # What the user is told afterwards; ``%(time)s`` is the event's publication time.
    message: Promise
    # The change list action; ``None``: the transition is not offered for many at once.
    action_label: Promise | None = None
    # The ModelAdmin permission (``has_<permission>_permission``) the action needs.
    permission: str = "publish"
    # The ``TransitionForm`` input it takes: "reason", "at" or "text".
    needs: str | None = None
    # Whether the change form offers it as a button to ``user`` for ``article``.
    offered: Callable[[User, Article], bool] | None = None
    # It applies to articles in the trash, and only to them.
    from_trash: bool = False

    def apply(self, article: Article, *, by: User, inputs: dict) -> ArticleEvent:
        if self.needs is None:
            return self.run(article, by=by)
        return self.run(article, by=by, **{self.needs: inputs.get(self.needs)})

    def success_message(self, event: ArticleEvent) -> str:
        if event.publish_at is None:
            return str(self.message)
        return str(self.message) % {"time": format_wita(event.publish_at)}


def _desk_deciding(user: User, article: Article) -> bool:
    """The desk publishes or schedules anything not live yet, a draft of its own included."""
    return is_desk(user) and (article.status != Status.PUBLISHED or is_scheduled(article))


TRANSITIONS = [
    Transition(
        "submit",
        submit,
        event=Action.SUBMIT,
        label=gettext_lazy("Submit for review"),
        message=gettext_lazy("Submitted for review: it waits in the review queue."),
        action_label=gettext_lazy("Submit selected for review"),
        permission="change",
        offered=lambda user, article: (
            article.status == Status.DRAFT and user.has_perm(CHANGE_PERMISSION)
        ),
    ),
    Transition(
        "publish",
        publish,
        event=Action.PUBLISH,
        label=gettext_lazy("Publish"),
        message=gettext_lazy("Published: readers see it now."),
        action_label=gettext_lazy("Publish selected now"),
        offered=_desk_deciding,
    ),
    Transition(
        "schedule",
        schedule,
        event=Action.SCHEDULE,
        label=gettext_lazy("Schedule"),
        message=gettext_lazy("Scheduled: it goes live on %(time)s."),
        action_label=gettext_lazy("Schedule selected…"),
        needs="at",
        offered=_desk_deciding,
    ),
    Transition(
        "return",
        return_to_draft,
        event=Action.RETURN,
        label=gettext_lazy("Return to draft"),
        message=gettext_lazy("Returned to draft. The reporters see your reason."),
        action_label=gettext_lazy("Return selected to draft…"),
        needs="reason",
        offered=lambda user, article: (
            is_desk(user) and article.status in (Status.IN_REVIEW, Status.UNPUBLISHED)
        ),
    ),
    Transition(
        "unpublish",
        unpublish,
        event=Action.UNPUBLISH,
        label=gettext_lazy("Unpublish"),
        message=gettext_lazy("Unpublished: readers no longer see it."),
        action_label=gettext_lazy("Unpublish selected…"),
        needs="reason",
        offered=lambda user, article: is_desk(user) and article.status == Status.PUBLISHED,
    ),
    Transition(
        "correct",
        add_correction,
        event=Action.CORRECT,
        label=gettext_lazy("Add correction"),
        message=gettext_lazy("Correction added; readers see it under the article."),
        needs="text",
        offered=lambda user, article: is_desk(user) and article.is_live,
    ),
    # Trashing is the admin's delete; restoring has its own button on a trashed article.
    Transition(
        "trash",
        move_to_trash,
        event=Action.TRASH,
        label=gettext_lazy("Move to the trash"),
        message=gettext_lazy("Moved to the trash. An editor can restore it from there."),
        action_label=gettext_lazy("Move selected to the trash"),
        permission="delete",
    ),
    Transition(
        "restore",
        restore_from_trash,
        event=Action.RESTORE,
        label=gettext_lazy("Restore from the trash"),
        message=gettext_lazy("Restored from the trash, as it was before."),
        action_label=gettext_lazy("Restore selected from the trash"),
        from_trash=True,
    ),
]


def transition(name: str) -> Transition:
    """The transition called ``name``; ``WorkflowError`` for an unknown name."""
    for candidate in TRANSITIONS:
        if candidate.name == name:
            return candidate
    raise WorkflowError(_("Unknown action."))


def transition_of(event: ArticleEvent) -> Transition:
    """The transition that recorded ``event``."""
    return next(candidate for candidate in TRANSITIONS if candidate.event == event.action)


def offered(user: User, article: Article) -> list[Transition]:
    """The transitions ``user`` may try on ``article`` now, in button order.

    ``publish`` and ``schedule`` are offered even when something is missing:
    trying them lists what is missing. An article not saved yet is offered
    what a new draft is.
    """
    if article.in_trash or (article.pk is not None and not can_see(user, article)):
        return []
    return [t for t in TRANSITIONS if t.offered is not None and t.offered(user, article)]


def allowed_transitions(user: User, article: Article) -> list[str]:
    """The names of ``offered``'s transitions for a saved article."""
    if article.pk is None:
        return []
    return [t.name for t in offered(user, article)]


# Internals ---------------------------------------------------------------

# What a transition writes; ``_id`` so that copying them back costs no query.
MOVED_FIELDS = (
    "status",
    "published_at",
    "editor_id",
    "deleted_at",
    "deleted_by_id",
    "version",
    "updated_at",
)


def _lock(article: Article, *, in_trash: bool = False) -> Article:
    """The article's row, locked; by default it must not be in the trash."""
    if article.pk is None:
        raise WrongState(_("Save the article first."))
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.in_trash and not in_trash:
        raise WrongState(_("This article is in the trash; restore it first."))
    if in_trash and not current.in_trash:
        raise WrongState(_("This article is not in the trash."))
    return current


def _user_or_none(user: User):
    return user if user.is_authenticated else None


def _require_change(user: User, article: Article) -> None:
    if not user.is_authenticated or not user.has_perm(CHANGE_PERMISSION):
        raise NotPermitted(_("You may not change articles."))
    if not can_see(user, article):
        raise NotPermitted(_("You may only submit articles you report on."))


def _require_desk(user: User) -> None:
    if not is_desk(user):
        raise NotPermitted(_("Only an editor may do this."))


def _require_state(article: Article, states: Iterable[str], message: str) -> None:
    if article.status not in states:
        raise WrongState(message)


def _require_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise WorkflowError(message)
    return text


def _move(
    article: Article,
    current: Article,
    *,
    to: str,
    action: str,
    by: User,
    reason: str = "",
    publish_at: datetime.datetime | None = None,
) -> ArticleEvent:
    """Write the new state over the locked row, log the event, and update the caller's copy."""
    from_status = current.status
    current.status = to
    if publish_at is not None:
        current.published_at = publish_at
    current.version += 1
    current.save(update_fields=[field.removesuffix("_id") for field in MOVED_FIELDS])
    for field in MOVED_FIELDS:
        setattr(article, field, getattr(current, field))
    return ArticleEvent.objects.create(
        article=current,
        action=action,
        from_status=from_status,
        to_status=to,
        reason=reason,
        publish_at=publish_at,
        version=current.version,
        actor=_user_or_none(by),
    )
