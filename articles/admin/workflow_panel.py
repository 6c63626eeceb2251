"""The workflow panel on the change form: where the article stands, the buttons of
the transitions the user may make, preview links, and the latest events."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from js_asset import Media

from articles import preview, workflow
from articles.admin.display import status_badge
from articles.admin.editor import EDITOR_WORDS
from articles.admin.forms import ShareLinkForm, TransitionForm
from articles.admin.pages import article_url
from articles.models import Article, ArticleEvent, Journalist
from newsroom.wita import format_wita

Status = Article.Status
Action = ArticleEvent.Action

# The inputs buttons gather around, in the panel's order: none first.
INPUT_ORDER = (None, "at", "reason", "text")


@dataclass
class ButtonGroup:
    """Buttons that need the same input sit next to it."""

    field: object
    buttons: list[workflow.Transition]


def button_groups(transitions: list[workflow.Transition], form: TransitionForm) -> list:
    groups = []
    for needs in INPUT_ORDER:
        members = [transition for transition in transitions if transition.needs == needs]
        if members:
            groups.append(ButtonGroup(form[needs] if needs else None, members))
    return groups


class WorkflowPanelMixin:
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow"] = self.workflow_panel(request, obj)
        context["editor_words"] = {english: str(word) for english, word in EDITOR_WORDS.items()}
        # The rich-text editor's import map is an inline script: it runs under the
        # Content-Security-Policy only with this request's nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_workflow" in request.POST:
            return self._run_button(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_workflow" in request.POST:
            return self._run_button(request, obj)
        return super().response_change(request, obj)

    def _run_button(self, request, article: Article):
        """A workflow button in the change form: the edits are saved; now the transition."""
        form = TransitionForm(request.POST, prefix="workflow")
        try:
            transition = workflow.transition(request.POST["_workflow"])
            event = form.apply(transition, article, by=request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, transition.success_message(event), messages.SUCCESS)
        return HttpResponseRedirect(article_url("change", article))

    def workflow_panel(self, request, article: Article | None) -> dict:
        user = request.user
        form = TransitionForm(prefix="workflow")
        desk = workflow.is_desk(user)
        if article is None:
            buttons = workflow.offered(user, Article())
            return {
                "add": True,
                "next_step": _("Write, then publish it now or schedule it; or save it as a draft.")
                if desk
                else _(
                    "Write and save as often as you like: nothing is public until an editor "
                    "publishes it. Submit it for review when it is ready."
                ),
                "buttons": buttons,
                "groups": button_groups(buttons, form),
                "problems": new_article_problems(user) if desk else [],
            }
        can_change = self.has_change_permission(request, article)
        buttons = workflow.offered(user, article) if can_change else []
        events = list(
            article.events.select_related("actor__journalist").order_by("-created_at", "-id")[:6]
        )
        returned = None
        if article.status == Status.DRAFT and events and events[0].action == Action.RETURN:
            returned = events[0]
        return {
            "add": False,
            "article": article,
            "badge": status_badge(article),
            "next_step": next_step(article, desk=desk, returned=returned),
            "returned": returned,
            "buttons": buttons,
            "groups": button_groups(buttons, form),
            "problems": workflow.publish_problems(article) if desk else [],
            "events": events,
            "corrections": list(article.corrections.all()),
            "links": self.preview_links(request, article),
            "notes": self.notes_of(article),
            "note_url": article_url("note", article),
            "share_form": (
                ShareLinkForm(prefix="share") if preview.can_share(user, article) else None
            ),
            "history_url": article_url("history", article),
            "preview_url": article_url("preview", article),
            "share_url": article_url("share", article),
            "untrash_url": article_url("untrash", article) if article.in_trash and desk else None,
        }


def new_article_problems(user) -> list[str]:
    """What a new article needs before it can be published, said before the first save;
    its author is on the byline already when they have a journalist profile."""
    problems = workflow.publish_problems(Article())
    if Journalist.objects.for_user(user) is not None:
        problems.remove(str(workflow.BYLINE_PROBLEM))
    return problems


def next_step(article: Article, *, desk: bool, returned: ArticleEvent | None) -> str:
    """One sentence on where the article stands and what happens next."""
    if article.in_trash:
        return _(
            "In the trash since %(time)s: nobody sees it, readers included. An editor can "
            "restore it as it was."
        ) % {"time": format_wita(article.deleted_at)}
    if returned is not None:
        return _("An editor returned this article: “%(reason)s”. Fix it, then submit it again.") % {
            "reason": returned.reason
        }
    if article.status == Status.DRAFT:
        return _("Draft: save as often as you like. When it is ready, submit it for review.")
    if article.status == Status.IN_REVIEW:
        if desk:
            return _(
                "Waiting for review: publish it now, schedule it, or return it to the "
                "reporters with a reason."
            )
        return _("An editor is reviewing it. You can edit it again if it is returned to you.")
    if workflow.is_scheduled(article):
        return _(
            "Scheduled: it goes live by itself on %(time)s; nothing else has to run. "
            "Publish it now, choose another time, or unpublish it."
        ) % {"time": format_wita(article.published_at)}
    if article.status == Status.PUBLISHED:
        return _(
            "Live since %(time)s. Add a correction for any change of fact readers should know "
            "about, or unpublish it."
        ) % {"time": format_wita(article.published_at)}
    return _("Unpublished: readers do not see it. Publish it again or return it to draft.")
