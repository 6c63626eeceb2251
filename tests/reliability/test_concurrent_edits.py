"""Two processes saving the same article on PostgreSQL never lose an edit.

Two real processes open the change form of one article, both pass validation
(each sees the version it opened), and only then save, together. PostgreSQL
makes one wait for the other's row lock; the version claim
(``UPDATE … WHERE version = n``) lets exactly one win, and the other is shown
the conflict with its text kept. With that protection taken away (a
read-then-write instead of the claim, no row lock), the same scenario fails
the check, which shows the test can fail.
"""

import json

import pytest

from articles.models import Article

pytestmark = pytest.mark.postgresql


def two_editors_save_at_once(shared_database, article, *, naive: bool) -> list[dict]:
    children = [
        shared_database.child("save-title", who, str(article.pk), title, "1" if naive else "0")
        for who, title in (("editor", "Judul dari editor"), ("admin", "Judul dari admin"))
    ]
    try:
        for stage in ("OPEN", "VALIDATED"):
            for child in children:
                line = child.stdout.readline().strip()
                assert line == stage, line + child.stderr.read()
            for child in children:
                child.stdin.write("go\n")
                child.stdin.flush()
        results = []
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()


def check_nothing_was_lost(results: list[dict], stored: Article) -> None:
    """One save won; the other was refused with the conflict, its text kept."""
    titles = ("Judul dari editor", "Judul dari admin")
    statuses = [result["status"] for result in results]
    assert sorted(statuses) == [200, 302]
    won = titles[statuses.index(302)]
    refused = results[statuses.index(200)]
    assert stored.title == won
    assert refused["conflict"] is True
    assert refused["kept"] == titles[statuses.index(200)]
    assert stored.version == 2
    assert list(stored.revisions.values_list("version", flat=True)) == [2, 1]


def test_one_save_wins_and_the_other_is_shown_the_conflict(shared_database, cast, people):
    article = cast["draft"]
    results = two_editors_save_at_once(shared_database, article, naive=False)
    check_nothing_was_lost(results, Article.objects.get(pk=article.pk))


def test_without_the_protection_the_check_fails(shared_database, cast, people):
    """A canary for the test above: unprotected, one of the two saves is lost."""
    article = cast["draft"]
    results = two_editors_save_at_once(shared_database, article, naive=True)
    with pytest.raises(AssertionError):
        check_nothing_was_lost(results, Article.objects.get(pk=article.pk))
