"""An import killed half way through a file leaves nothing of it behind.

A real process runs ``import_articles`` and is killed with SIGKILL while its
transaction holds the new article and its editor; the database is then
checked from outside, and the same file imports cleanly afterwards.
"""

import signal
from pathlib import Path

from django.conf import settings

SOURCE = Path(settings.BASE_DIR) / "fixtures/sources/004_983a433936bb54d8.txt"
TABLES = [
    "articles_article",
    "articles_journalist",
    "articles_articlereporter",
    "articles_programtaggedarticle",
    "articles_article_regions",
    "articles_revision",
]


def test_a_killed_import_leaves_nothing_and_the_file_imports_again(shared_database):
    before = {table: shared_database.count(table) for table in TABLES}
    child = shared_database.child("import-and-hang", str(SOURCE))
    try:
        line = child.stdout.readline()
        # The process had written the article and its editor when it was killed.
        assert line.strip() == "HALFWAY articles=1 journalists=1", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    assert {table: shared_database.count(table) for table in TABLES} == before

    result = shared_database.run("import", str(SOURCE))
    assert result == {"articles": 1, "journalists": 2}
    assert shared_database.count("articles_revision") == 1
