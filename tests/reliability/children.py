"""The other processes of the reliability tests: ``python -m tests.reliability.children``.

Each command prints progress lines the test waits for, and its result as one
JSON line at the end. The database is the one ``DATABASE_URL`` names.
"""

import json
import sys
import time

import django


def say(*words) -> None:
    print(*words, flush=True)


def wait_for_the_test() -> None:
    sys.stdin.readline()


def import_and_hang(path: str) -> None:
    """Import one file with the command, and stop dead half way through saving it."""
    from django.core.management import call_command

    from articles.importing import service
    from articles.models import Article, Journalist

    def hang(*args, **kwargs):
        # Inside the import's transaction: the article row and its editor are written.
        say(f"HALFWAY articles={Article.objects.count()} journalists={Journalist.objects.count()}")
        time.sleep(600)

    service.ArticleReporter.objects.bulk_create = hang
    call_command("import_articles", path)


def import_file(path: str) -> None:
    from django.core.management import call_command

    from articles.models import Article, Journalist

    call_command("import_articles", path, verbosity=0)
    say(
        json.dumps({"articles": Article.objects.count(), "journalists": Journalist.objects.count()})
    )


def save_title(username: str, article_id: str, title: str, naive: str) -> None:
    """Open the change form, then, when the test says so, save it with a new title.

    The process stops twice for the test: with the form open, and again once
    the form has passed validation, just before saving. ``naive=1`` takes the
    protection away (the baseline's row lock, and the atomic version claim,
    replaced by a read-then-write), to show what it prevents.
    """
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from articles import revisions
    from articles.admin import article as article_admin
    from articles.models import Article
    from tests.admin.helpers import change_form_data

    if naive == "1":

        def claim_without_a_condition(article, *, expected):
            if Article.objects.get(pk=article.pk).version != expected:
                raise revisions.StaleVersion
            Article.objects.filter(pk=article.pk).update(version=expected + 1)
            article.version = expected + 1
            return article.version

        article_admin.claim_version = claim_without_a_condition
        article_admin.record_baseline = lambda article: None

    save_model = article_admin.ArticleAdmin.save_model

    def save_when_told(self, request, obj, form, change):
        say("VALIDATED")
        wait_for_the_test()
        return save_model(self, request, obj, form, change)

    article_admin.ArticleAdmin.save_model = save_when_told

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    url = reverse("admin:articles_article_change", args=[article_id])
    data = change_form_data(client.get(url))
    data["title"] = title
    say("OPEN")
    wait_for_the_test()
    response = client.post(url, data)
    form = response.context["adminform"].form if response.status_code == 200 else None
    say(
        json.dumps(
            {
                "status": response.status_code,
                "conflict": bool(form and form.conflict),
                "kept": form["title"].value() if form else None,
            }
        )
    )


def restore(backup: str) -> None:
    """A fresh database, as docs/backup.md restores one: migrate, then loaddata."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", backup, verbosity=0)
    say(json.dumps({"restored": backup}))


def dump(output: str) -> None:
    from django.core.management import call_command

    from tests.reliability.test_backup_restore import DUMPDATA

    call_command("dumpdata", *DUMPDATA, output=output, verbosity=0)
    say(json.dumps({"dumped": output}))


def pages(media_root: str, *urls: str) -> None:
    """Each URL's status and body, as a reader (logged out) gets them."""
    import hashlib

    from django.test import Client, override_settings

    client = Client()
    with override_settings(MEDIA_ROOT=media_root):
        answers = {}
        for url in urls:
            response = client.get(url)
            answers[url] = [response.status_code, hashlib.sha256(response.content).hexdigest()]
    say(json.dumps(answers))


def new_article() -> None:
    """An article written after the restore: its id must not collide with a restored one."""
    from articles.models import Article

    article = Article.objects.create(title="Setelah pemulihan", slug="setelah-pemulihan")
    say(json.dumps({"pk": article.pk}))


def page_cache(cache_dir: str):
    """Whole-page caching on, in a cache every child shares (a folder)."""
    from django.test import override_settings

    return override_settings(
        PAGE_CACHE_SECONDS=300,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": cache_dir,
            }
        },
    )


def publish_and_wait(cache_dir: str, article_id: str) -> None:
    """Publish inside a transaction and hold it open until the test says commit."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from articles import workflow
    from articles.models import Article

    with page_cache(cache_dir), transaction.atomic():
        workflow.publish(Article.objects.get(pk=article_id), by=User.objects.get(username="admin"))
        say("CHANGED")
        wait_for_the_test()
    say(json.dumps({"committed": True}))


def page(cache_dir: str, url: str, needle: str) -> None:
    """What an anonymous reader gets at ``url`` now: does it show ``needle``?"""
    from django.test import Client

    with page_cache(cache_dir):
        response = Client().get(url)
    say(json.dumps({"status": response.status_code, "shows": needle in response.content.decode()}))


def change(what: str, article_id: str, *args: str) -> None:
    """An editor's change through ``articles.workflow`` (or a plain save), in
    its own transaction; the JSON line comes once it has committed and its
    pages are purged."""
    import datetime

    from django.contrib.auth.models import User

    from articles import workflow
    from articles.models import Article

    article = Article.objects.get(pk=article_id)
    editor = User.objects.get(username="admin")
    if what == "unpublish":
        workflow.unpublish(article, by=editor, reason="Perintah pengadilan")
    elif what == "trash":
        workflow.move_to_trash(article, by=editor)
    elif what == "publish-at":
        workflow.publish(article, by=editor, at=datetime.datetime.fromisoformat(args[0]))
    elif what == "retitle":
        article.title = args[0]
        article.save()
    say(json.dumps({"committed": time.time()}))


COMMANDS = {
    "change": change,
    "publish-and-wait": publish_and_wait,
    "page": page,
    "import-and-hang": import_and_hang,
    "import": import_file,
    "save-title": save_title,
    "restore": restore,
    "dump": dump,
    "pages": pages,
    "new-article": new_article,
}

if __name__ == "__main__":
    django.setup()
    # Lets the test client record each response's context, as in the test process.
    from django.test.utils import setup_test_environment

    setup_test_environment()
    COMMANDS[sys.argv[1]](*sys.argv[2:])
