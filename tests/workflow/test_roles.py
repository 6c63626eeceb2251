"""The Reporter and Editor groups, as the data migration makes them."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

from articles import workflow

editorial_groups = importlib.import_module("articles.migrations.0002_editorial_groups")

REPORTER = {
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_articlereporter",
    "articles.change_articlereporter",
    "articles.delete_articlereporter",
    "articles.view_articlereporter",
    "articles.view_journalist",
    "articles.view_programtag",
    "regions.view_region",
}
EDITOR = {
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "articles.view_article",
    "articles.publish_article",
    "articles.add_articlereporter",
    "articles.change_articlereporter",
    "articles.delete_articlereporter",
    "articles.view_articlereporter",
    "articles.add_journalist",
    "articles.change_journalist",
    "articles.view_journalist",
    "articles.add_programtag",
    "articles.change_programtag",
    "articles.view_programtag",
    "regions.add_region",
    "regions.change_region",
    "regions.view_region",
}


def permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_groups_have_exactly_the_designed_permissions(db):
    assert permissions("Reporter") == REPORTER
    assert permissions("Editor") == EDITOR


def test_only_editors_may_publish(db):
    assert "articles.publish_article" not in permissions("Reporter")
    assert "articles.publish_article" in permissions("Editor")


def test_running_the_migration_again_changes_nothing(db):
    editorial_groups.create_groups(apps, None)
    editorial_groups.create_groups(apps, None)
    assert Group.objects.filter(name__in=["Reporter", "Editor"]).count() == 2
    assert permissions("Reporter") == REPORTER
    assert permissions("Editor") == EDITOR


def test_the_desk_is_editors_and_superusers(people):
    assert workflow.is_desk(people["editor"])
    assert workflow.is_desk(people["admin"])
    assert not workflow.is_desk(people["reporter_a"])
    assert not workflow.is_desk(people["reader"])


def test_an_inactive_editor_is_not_on_the_desk(people):
    people["editor"].is_active = False
    assert not workflow.is_desk(people["editor"])


def test_reporters_see_only_what_they_report_on(cast, people):
    assert set(workflow.articles_for(people["reporter_a"])) == set(cast.values())
    assert list(workflow.articles_for(people["reporter_b"])) == []
    assert list(workflow.articles_for(people["reader"])) == []
    assert set(workflow.articles_for(people["editor"])) == set(cast.values())
