"""The state machine in articles/workflow.py, called directly."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent, Correction, ImmutableRowError
from newsroom.wita import WITA, format_wita

Status = Article.Status
Action = ArticleEvent.Action
NOW = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)  # 09:00 WITA


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def unchanged(article: Article, *, status: str, version: int) -> None:
    """The refused transition left the row and the history alone."""
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.version) == (status, version)
    assert not stored.events.exists()


def test_a_reporter_submits_their_own_draft(frozen, cast, people):
    draft = cast["draft"]

    event = workflow.submit(draft, by=people["reporter_a"])

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.version == 2
    assert (event.action, event.from_status, event.to_status) == (
        Action.SUBMIT,
        Status.DRAFT,
        Status.IN_REVIEW,
    )
    assert (event.actor, event.created_at, event.version, event.reason) == (
        people["reporter_a"],
        NOW,
        2,
        "",
    )


def test_the_callers_copy_follows_the_transition(cast, people):
    draft = cast["draft"]
    workflow.submit(draft, by=people["reporter_a"])
    assert (draft.status, draft.version) == (Status.IN_REVIEW, 2)


def test_a_reporter_cannot_submit_another_reporters_draft(cast, people):
    with pytest.raises(workflow.NotPermitted, match="only submit articles you report on"):
        workflow.submit(cast["draft"], by=people["reporter_b"])
    unchanged(cast["draft"], status=Status.DRAFT, version=1)


def test_an_anonymous_user_cannot_submit(cast):
    with pytest.raises(workflow.NotPermitted):
        workflow.submit(cast["draft"], by=AnonymousUser())
    unchanged(cast["draft"], status=Status.DRAFT, version=1)


def test_only_a_draft_can_be_submitted(cast, people):
    with pytest.raises(workflow.WrongState, match="Only a draft can be submitted"):
        workflow.submit(cast["in_review"], by=people["reporter_a"])
    unchanged(cast["in_review"], status=Status.IN_REVIEW, version=1)


def test_the_state_is_checked_on_the_stored_row_not_the_callers_copy(cast, people):
    stale_copy = Article.objects.get(pk=cast["draft"].pk)
    workflow.submit(cast["draft"], by=people["reporter_a"])
    with pytest.raises(workflow.WrongState):
        workflow.submit(stale_copy, by=people["reporter_a"])
    assert cast["draft"].events.count() == 1


def test_an_editor_returns_copy_with_a_reason(cast, people):
    event = workflow.return_to_draft(
        cast["in_review"], by=people["editor"], reason="  Tambahkan kutipan narasumber.  "
    )
    cast["in_review"].refresh_from_db()
    assert cast["in_review"].status == Status.DRAFT
    assert (event.action, event.from_status, event.to_status, event.reason) == (
        Action.RETURN,
        Status.IN_REVIEW,
        Status.DRAFT,
        "Tambahkan kutipan narasumber.",
    )


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_returning_needs_a_reason(cast, people, reason):
    with pytest.raises(workflow.WorkflowError, match="Say why"):
        workflow.return_to_draft(cast["in_review"], by=people["editor"], reason=reason)
    unchanged(cast["in_review"], status=Status.IN_REVIEW, version=1)


def test_a_draft_cannot_be_returned(cast, people):
    with pytest.raises(workflow.WrongState):
        workflow.return_to_draft(cast["draft"], by=people["editor"], reason="x")
    unchanged(cast["draft"], status=Status.DRAFT, version=1)


@pytest.mark.parametrize(
    ("call", "article"),
    [
        (lambda a, by: workflow.return_to_draft(a, by=by, reason="Kurang data."), "in_review"),
        (lambda a, by: workflow.publish(a, by=by), "in_review"),
        (
            lambda a, by: workflow.publish(
                a, by=by, at=timezone.now() + datetime.timedelta(days=1)
            ),
            "in_review",
        ),
        (lambda a, by: workflow.unpublish(a, by=by, reason="Salah data."), "live"),
        (lambda a, by: workflow.add_correction(a, by=by, text="Angka diperbaiki."), "live"),
    ],
    ids=["return", "publish", "schedule", "unpublish", "correct"],
)
def test_reporters_cannot_make_desk_decisions_even_on_their_own_articles(
    cast, people, call, article
):
    before = Article.objects.get(pk=cast[article].pk)
    with pytest.raises(workflow.NotPermitted, match="Only an editor"):
        call(cast[article], people["reporter_a"])
    unchanged(cast[article], status=before.status, version=before.version)
    assert not Correction.objects.exists()


def test_publishing_now_makes_the_article_live_at_once(frozen, cast, people):
    event = workflow.publish(cast["in_review"], by=people["editor"])

    article = Article.objects.get(pk=cast["in_review"].pk)
    assert (article.status, article.published_at) == (Status.PUBLISHED, NOW)
    assert article.is_live
    assert Article.objects.live().filter(pk=article.pk).exists()
    assert (event.action, event.publish_at) == (Action.PUBLISH, NOW)


def test_a_scheduled_article_goes_live_on_time_with_nothing_running(cast, people):
    at = datetime.datetime(2026, 3, 3, 6, 30, tzinfo=WITA)
    with time_machine.travel(NOW, tick=False):
        event = workflow.publish(cast["in_review"], by=people["editor"], at=at)
        assert event.action == Action.SCHEDULE
        assert not Article.objects.live().filter(pk=cast["in_review"].pk).exists()
    with time_machine.travel(at - datetime.timedelta(seconds=1), tick=False):
        assert not Article.objects.live().filter(pk=cast["in_review"].pk).exists()
    with time_machine.travel(at, tick=False):
        assert Article.objects.live().filter(pk=cast["in_review"].pk).exists()
    stored = Article.objects.get(pk=cast["in_review"].pk)
    assert stored.published_at == at
    assert format_wita(stored.published_at) == "03/03/2026 06:30 WITA"


def test_a_time_in_the_past_is_refused(frozen, cast, people):
    with pytest.raises(workflow.WorkflowError, match="is in the past"):
        workflow.publish(
            cast["in_review"], by=people["editor"], at=NOW - datetime.timedelta(minutes=1)
        )
    unchanged(cast["in_review"], status=Status.IN_REVIEW, version=1)


def test_a_naive_time_is_refused(cast, people):
    with pytest.raises(workflow.WorkflowError, match="time zone"):
        workflow.publish(cast["in_review"], by=people["editor"], at=datetime.datetime(2030, 1, 1))
    unchanged(cast["in_review"], status=Status.IN_REVIEW, version=1)


def test_the_desk_publishes_a_draft_without_a_review_of_its_own(cast, people):
    """Breaking news: an editor's own copy needs no second editor."""
    workflow.publish(cast["draft"], by=people["editor"])
    assert Article.objects.get(pk=cast["draft"].pk).is_live


def test_a_reporter_still_cannot_publish_their_draft(cast, people):
    with pytest.raises(workflow.NotPermitted):
        workflow.publish(cast["draft"], by=people["reporter_a"])
    unchanged(cast["draft"], status=Status.DRAFT, version=1)


def test_a_live_article_cannot_be_published_again(cast, people):
    with pytest.raises(workflow.WrongState):
        workflow.publish(cast["live"], by=people["editor"])


def test_a_scheduled_article_can_be_rescheduled_or_published_now(frozen, cast, people):
    later = NOW + datetime.timedelta(days=3)
    workflow.publish(cast["scheduled"], by=people["editor"], at=later)
    assert Article.objects.get(pk=cast["scheduled"].pk).published_at == later
    workflow.publish(cast["scheduled"], by=people["editor"])
    assert Article.objects.get(pk=cast["scheduled"].pk).published_at == NOW


def test_an_unpublished_article_can_be_published_again(frozen, cast, people):
    workflow.publish(cast["unpublished"], by=people["editor"])
    assert Article.objects.get(pk=cast["unpublished"].pk).is_live


def test_unpublishing_takes_the_article_from_readers(cast, people):
    event = workflow.unpublish(cast["live"], by=people["editor"], reason="Narasumber menarik izin.")
    assert not Article.objects.live().filter(pk=cast["live"].pk).exists()
    assert (event.from_status, event.to_status, event.reason) == (
        Status.PUBLISHED,
        Status.UNPUBLISHED,
        "Narasumber menarik izin.",
    )


def test_unpublishing_needs_a_reason(cast, people):
    with pytest.raises(workflow.WorkflowError, match="Say why"):
        workflow.unpublish(cast["live"], by=people["editor"], reason="")
    unchanged(cast["live"], status=Status.PUBLISHED, version=1)


def test_a_scheduled_article_can_be_stopped_before_it_goes_live(cast, people):
    workflow.unpublish(cast["scheduled"], by=people["editor"], reason="Embargo diperpanjang.")
    assert Article.objects.get(pk=cast["scheduled"].pk).status == Status.UNPUBLISHED


def test_an_unpublished_article_can_go_back_to_its_reporters(cast, people):
    workflow.return_to_draft(cast["unpublished"], by=people["editor"], reason="Perbaiki data.")
    assert Article.objects.get(pk=cast["unpublished"].pk).status == Status.DRAFT


def test_a_correction_is_dated_and_bumps_the_modification_time(cast, people):
    live = cast["live"]
    later = timezone.now() + datetime.timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        event = workflow.add_correction(
            live, by=people["editor"], text="Jumlah peserta 2.200, bukan 2.000."
        )
    correction = Correction.objects.get(article=live)
    assert (correction.text, correction.created_by, correction.created_at) == (
        "Jumlah peserta 2.200, bukan 2.000.",
        people["editor"],
        later,
    )
    stored = Article.objects.get(pk=live.pk)
    assert (stored.status, stored.updated_at, stored.version) == (Status.PUBLISHED, later, 2)
    assert (event.action, event.from_status, event.to_status) == (
        Action.CORRECT,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )


def test_corrections_go_on_live_articles_only(cast, people):
    with pytest.raises(workflow.WrongState, match="live articles only"):
        workflow.add_correction(cast["scheduled"], by=people["editor"], text="x")
    assert not Correction.objects.exists()


def test_a_correction_needs_text(cast, people):
    with pytest.raises(workflow.WorkflowError, match="Write the correction"):
        workflow.add_correction(cast["live"], by=people["editor"], text=" ")
    assert not Correction.objects.exists()


def test_the_move_and_its_event_are_one_transaction(cast, people, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ArticleEvent.objects, "create", fail)
    with pytest.raises(RuntimeError):
        workflow.submit(cast["draft"], by=people["reporter_a"])
    unchanged(cast["draft"], status=Status.DRAFT, version=1)


def test_events_cannot_be_edited_or_deleted(cast, people):
    event = workflow.submit(cast["draft"], by=people["reporter_a"])
    event.reason = "rewritten history"
    with pytest.raises(ImmutableRowError):
        event.save()
    with pytest.raises(ImmutableRowError):
        event.delete()
    assert ArticleEvent.objects.get(pk=event.pk).reason == ""


def test_superusers_can_do_everything(frozen, cast, people):
    admin = people["admin"]
    workflow.submit(cast["draft"], by=admin)
    workflow.return_to_draft(cast["draft"], by=admin, reason="Kurang foto.")
    workflow.submit(cast["draft"], by=admin)
    workflow.publish(cast["draft"], by=admin)
    workflow.add_correction(cast["draft"], by=admin, text="Ejaan nama diperbaiki.")
    workflow.unpublish(cast["draft"], by=admin, reason="Permintaan hukum.")
    assert list(cast["draft"].events.values_list("action", flat=True)) == [
        "submit",
        "return",
        "submit",
        "publish",
        "correct",
        "unpublish",
    ]


@pytest.mark.parametrize(
    ("who", "article", "expected"),
    [
        ("reporter_a", "draft", ["submit"]),
        ("reporter_b", "draft", []),
        ("reporter_a", "in_review", []),
        ("editor", "draft", ["submit", "publish", "schedule"]),
        ("editor", "in_review", ["publish", "schedule", "return"]),
        ("editor", "scheduled", ["publish", "schedule", "unpublish"]),
        ("editor", "live", ["unpublish", "correct"]),
        ("editor", "unpublished", ["publish", "schedule", "return"]),
        ("admin", "in_review", ["publish", "schedule", "return"]),
    ],
)
def test_the_allowed_transitions_by_role_and_state(cast, people, who, article, expected):
    assert workflow.allowed_transitions(people[who], cast[article]) == expected


def test_publishing_again_keeps_the_first_publication_time(frozen, cast, people):
    article = cast["unpublished"]
    first = article.published_at
    workflow.publish(article, by=people["editor"])
    assert Article.objects.get(pk=article.pk).published_at == first
    assert article.is_live


def test_scheduling_an_unpublished_article_sets_a_new_time(frozen, cast, people):
    article = cast["unpublished"]
    at = NOW + datetime.timedelta(days=1)
    workflow.publish(article, by=people["editor"], at=at)
    assert Article.objects.get(pk=article.pk).published_at == at


def test_the_editor_who_publishes_is_recorded_unless_one_is_named(frozen, cast, people):
    article = cast["in_review"]
    workflow.publish(article, by=people["editor"])
    assert Article.objects.get(pk=article.pk).editor.name == "Apolonia Matilde"

    named = cast["unpublished"]
    named.editor = cast["live"].bylines.get().journalist
    named.save()
    workflow.publish(named, by=people["editor"])
    assert Article.objects.get(pk=named.pk).editor.name == "Maria Lado"


def test_an_editor_without_a_journalist_publishes_without_a_credit(frozen, cast, people):
    workflow.publish(cast["in_review"], by=people["admin"])
    assert Article.objects.get(pk=cast["in_review"].pk).editor is None
