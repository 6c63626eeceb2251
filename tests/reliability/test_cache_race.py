"""A page rendered while a change is being committed is never served afterwards.

Three processes share the page cache: an editor publishes an article in a
transaction and holds it open; a reader asks for the home page meanwhile and
gets (and caches) the page as it was; the editor commits; the next reader
must see the article. Invalidating before the commit would let the reader's
old page be cached under the new generation and served for the whole cache
lifetime.
"""


def test_a_page_rendered_before_the_commit_is_not_served_after_it(
    shared_database, cast, people, tmp_path
):
    cache_dir = str(tmp_path / "cache")
    article = cast["in_review"]
    editor = shared_database.child("publish-and-wait", cache_dir, str(article.pk))
    try:
        assert editor.stdout.readline().strip() == "CHANGED", editor.stderr.read()
        before = shared_database.run("page", cache_dir, "/", article.title)
        assert before == {"status": 200, "shows": False}
        editor.stdin.write("commit\n")
        editor.stdin.flush()
        _out, err = editor.communicate(timeout=60)
        assert editor.returncode == 0, err
    finally:
        if editor.poll() is None:
            editor.kill()

    after = shared_database.run("page", cache_dir, "/", article.title)
    assert after == {"status": 200, "shows": True}
