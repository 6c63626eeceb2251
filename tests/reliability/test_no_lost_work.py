"""No saved work is ever lost, and nothing that is not live is public, whatever two
editors do to one imported article in whatever order: open, type, save (conflicts
and all), restore old versions, trash and restore, unpublish and publish again, and
import its source file again, changed at the source.

A model of the article runs beside the real one: each field's expected value is the
last one somebody changed it to and saved. After every step the stored article must
match the model, every value anybody saved must be current or in a revision, and the
public page must answer exactly when the article is live.
"""

import contextlib

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import workflow
from articles.importing.service import Importer
from articles.models import Article
from tests.admin.helpers import change_url, open_form
from tests.importing.test_batch import pos_kupang

FIELDS = ("title", "dek", "body")
TITLE = "Banjir merendam Kota Kupang"
EDITORS = ("editor", "admin")

steps = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.sampled_from(EDITORS)),
        st.tuples(st.just("type"), st.sampled_from(EDITORS), st.sampled_from(FIELDS)),
        st.tuples(st.just("save"), st.sampled_from(EDITORS), st.booleans()),
        st.tuples(st.just("restore"), st.sampled_from(EDITORS), st.integers(0, 5)),
        st.tuples(st.sampled_from(["trash", "untrash", "unpublish", "publish", "reimport"])),
    ),
    min_size=1,
    max_size=14,
)


def typed(field: str, who: str, number: int) -> str:
    word = f"{field}{who}{number}"
    return f"<p>Isi {word}.</p>" if field == "body" else f"Nilai {word}"


class Desk:
    """The two editors, their open forms, and the model of what is stored."""

    def __init__(self, article: Article, people) -> None:
        self.article = article
        self.clients = {}
        for who in EDITORS:
            self.clients[who] = Client()
            self.clients[who].force_login(people[who])
        self.people = people
        self.forms: dict[str, dict] = {}
        stored = Article.objects.get(pk=article.pk)
        self.expected = {field: getattr(stored, field) for field in FIELDS}
        self.saved: set[tuple[str, str]] = set()
        self.typed = 0
        self.imports = 0
        self.edited = False

    def open(self, who: str) -> None:
        data = open_form(self.clients[who], self.article)
        if "title" in data:  # in the trash the article opens read-only, with no form
            self.forms[who] = {"data": data, "opened": dict(data), "conflicting": set()}

    def type(self, who: str, field: str) -> None:
        if who in self.forms:
            self.typed += 1
            self.forms[who]["data"][field] = typed(field, who, self.typed)

    def save(self, who: str, keep_theirs: bool) -> None:
        form = self.forms.get(who)
        if form is None:
            return
        data = dict(form["data"])
        if keep_theirs and form["conflicting"]:
            data["keep_theirs"] = sorted(form["conflicting"])
        before = stored_fields(self.article)
        response = self.clients[who].post(change_url(self.article), data)
        changed = {f for f in FIELDS if form["data"][f] != form["opened"][f]}
        if response.status_code == 302:
            kept = form["conflicting"] if keep_theirs else set()
            for field in changed - kept:
                self.expected[field] = form["data"][field]
                self.saved.add((field, form["data"][field]))
            self.edited = self.edited or bool(changed)
            del self.forms[who]
        elif response.status_code == 200:
            # Refused: nothing was written, the text is still in the form.
            assert stored_fields(self.article) == before
            refused = response.context["adminform"].form
            assert refused.conflict is not None or refused.errors
            for field in changed:
                assert refused[field].value() == form["data"][field]
            if refused.conflict is not None:
                form["data"]["seen_version"] = str(refused["seen_version"].value())
                form["conflicting"] = {diff.name for diff in refused.conflict.choices}
        else:
            # The article is in the trash: read-only for everyone until it is restored.
            assert response.status_code == 403, response.status_code
            assert Article.objects.get(pk=self.article.pk).in_trash
            del self.forms[who]

    def restore(self, who: str, index: int) -> None:
        article = Article.objects.get(pk=self.article.pk)
        revisions = list(article.revisions.order_by("version"))
        if not revisions or article.in_trash:
            return
        revision = revisions[index % len(revisions)]
        url = f"{change_url(article).removesuffix('change/')}history/{revision.version}/restore/"
        response = self.clients[who].post(url, {"base_version": article.version})
        assert response.status_code == 302
        self.edited = True
        for field in FIELDS:
            self.expected[field] = revision.snapshot[field]

    def transition(self, name: str) -> None:
        editor = self.people["editor"]
        article = Article.objects.get(pk=self.article.pk)
        moves = {
            "trash": lambda: workflow.move_to_trash(article, by=editor),
            "untrash": lambda: workflow.restore_from_trash(article, by=editor),
            "unpublish": lambda: workflow.unpublish(article, by=editor, reason="Cek fakta."),
            "publish": lambda: workflow.publish(article, by=editor),
            "reimport": self.reimport,
        }
        with contextlib.suppress(workflow.WorkflowError):
            moves[name]()

    def reimport(self) -> None:
        """The source changed: the newsroom's article is left as it is, by default."""
        self.imports += 1
        before = Article.objects.get(pk=self.article.pk)
        changed = pos_kupang(TITLE, ending=f"versi sumber ke-{self.imports}")
        importer = Importer()
        [outcome] = importer.save_many(
            [importer.preview(changed, name="banjir.txt")], status="draft"
        )
        assert outcome.action in ("changed_at_source", "unchanged", "updated"), outcome.action
        if outcome.action == "updated":  # only a draft nobody touched follows its source
            assert before.status == Article.Status.DRAFT and not self.edited
            stored = Article.objects.get(pk=self.article.pk)
            self.expected = {field: getattr(stored, field) for field in FIELDS}

    def check(self) -> None:
        article = Article.objects.get(pk=self.article.pk)
        assert stored_fields(self.article) == self.expected
        in_revisions = {
            (field, revision.snapshot.get(field))
            for revision in article.revisions.all()
            for field in FIELDS
        }
        current = {(field, getattr(article, field)) for field in FIELDS}
        assert self.saved <= in_revisions | current
        live = (
            article.status == Article.Status.PUBLISHED
            and not article.in_trash
            and article.published_at is not None
        )
        public = Client().get(article.get_absolute_url())
        assert public.status_code == (200 if live else 404)


def stored_fields(article: Article) -> dict[str, str]:
    stored = Article.objects.get(pk=article.pk)
    return {field: getattr(stored, field) for field in FIELDS}


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps)
# An editor's edit, then the wire file again, changed: the edit stays.
@example(
    sequence=[
        ("reimport",),
        ("open", "editor"),
        ("type", "editor", "body"),
        ("save", "editor", False),
        ("reimport",),
        ("unpublish",),
        ("reimport",),
    ]
)
# A restore while another editor's form is open keeps the byline rows that form names.
@example(
    sequence=[
        ("open", "editor"),
        ("type", "editor", "title"),
        ("open", "admin"),
        ("save", "editor", False),
        ("restore", "editor", 0),
        ("save", "admin", False),
    ]
)
# Two editors change different fields of one article, then the same field.
@example(
    sequence=[
        ("open", "editor"),
        ("open", "admin"),
        ("type", "editor", "dek"),
        ("save", "editor", False),
        ("type", "admin", "body"),
        ("save", "admin", False),
        ("type", "admin", "body"),
        ("save", "admin", False),
    ]
)
@example(
    sequence=[
        ("open", "editor"),
        ("open", "admin"),
        ("type", "editor", "title"),
        ("save", "editor", False),
        ("type", "admin", "title"),
        ("type", "admin", "dek"),
        ("save", "admin", True),
        ("save", "admin", True),
        ("restore", "editor", 0),
        ("unpublish",),
        ("open", "editor"),
        ("trash",),
        ("save", "editor", False),
    ]
)
def test_no_saved_work_is_lost_and_nothing_hidden_is_public(cast, people, sequence):
    with transaction.atomic():
        importer = Importer()
        [outcome] = importer.save_many(
            [importer.preview(pos_kupang(TITLE), name="banjir.txt")], status="published"
        )
        desk = Desk(outcome.article, people)
        for step in sequence:
            name, *arguments = step
            if name in ("open", "type", "save", "restore"):
                getattr(desk, name)(*arguments)
            else:
                desk.transition(name)
            desk.check()
        transaction.set_rollback(True)
