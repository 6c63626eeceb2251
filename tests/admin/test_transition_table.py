"""The admin offers whatever ``workflow.TRANSITIONS`` holds: a transition added to
the table is a button and an action with no admin file touched."""

import pytest
from django.contrib.admin import helpers

from articles import workflow
from articles.models import ArticleEvent
from tests.admin.helpers import change_url, open_form

LIST = "/admin/articles/article/"


@pytest.fixture
def flag(monkeypatch):
    """A made-up transition that asks for a reason and records what it was given."""
    calls = []

    def flag_for_lawyers(article, *, by, reason):
        calls.append((article.pk, by.username, reason))
        return ArticleEvent(article=article, action="flag", reason=reason)

    transition = workflow.Transition(
        "flag",
        flag_for_lawyers,
        event="flag",
        label="Flag for the lawyers",
        message="Flagged for the lawyers.",
        action_label="Flag selected for the lawyers",
        permission="change",
        needs="reason",
        offered=lambda user, article: workflow.is_desk(user),
    )
    monkeypatch.setattr(workflow, "TRANSITIONS", [*workflow.TRANSITIONS, transition])
    return calls


def test_a_new_transition_is_a_button_on_the_change_form(client, people, cast, flag):
    client.force_login(people["editor"])
    response = client.get(change_url(cast["in_review"]))
    assert b'name="_workflow" value="flag"' in response.content
    assert b"Flag for the lawyers" in response.content

    data = open_form(client, cast["in_review"])
    data.update({"_workflow": "flag", "workflow-reason": "Nama anak disebut."})
    response = client.post(change_url(cast["in_review"]), data, follow=True)
    assert flag == [(cast["in_review"].pk, "editor", "Nama anak disebut.")]
    assert "Flagged for the lawyers." in [str(m) for m in response.context["messages"]]


def test_a_new_transition_is_offered_only_to_whom_the_table_says(client, people, cast, flag):
    client.force_login(people["reporter_a"])
    response = client.get(change_url(cast["draft"]))
    assert b'value="flag"' not in response.content


def test_a_new_transition_is_a_bulk_action_that_asks_for_its_input(client, people, cast, flag):
    client.force_login(people["editor"])
    response = client.get(LIST)
    assert b'<option value="flag_selected">Flag selected for the lawyers</option>' in (
        response.content
    )
    chosen = {
        "action": "flag_selected",
        helpers.ACTION_CHECKBOX_NAME: [cast["draft"].pk, cast["live"].pk],
    }
    asked = client.post(LIST, chosen)
    assert asked.status_code == 200
    assert b'name="workflow-reason"' in asked.content
    assert flag == []

    client.post(LIST, {**chosen, "apply": "1", "workflow-reason": "Cek hukum."})
    assert sorted(flag) == sorted(
        [
            (cast["draft"].pk, "editor", "Cek hukum."),
            (cast["live"].pk, "editor", "Cek hukum."),
        ]
    )
