"""The backup and restore of docs/backup.md round-trip the whole site.

A newsroom with every kind of row (accounts, groups, articles in every state
and in the trash, revisions, workflow events, corrections, preview links, old
slugs, images, sign-in records) is backed up, restored into a fresh database
by another process exactly as the document says, and compared: the same rows,
the same public pages byte for byte, the same feed GUIDs and preview links,
and new rows get new ids.
"""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from articles import preview, workflow
from articles.revisions import record_revision
from tests.site.builders import photo
from tests.support import require

# The arguments docs/backup.md gives dumpdata (a test checks the document says so).
DUMPDATA = [
    "--natural-foreign",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=newsroom.pagepurge",
    "--exclude=articles.articlelisting",
    "--indent=1",
]
DOCUMENT = Path(settings.BASE_DIR) / "docs" / "backup.md"


@pytest.fixture
def newsroom(cast, people):
    """The cast with a history: edits, transitions, a correction, a preview link,
    a renamed slug, an image, an article in the trash and a failed sign-in."""
    editor = people["editor"]
    live = cast["live"]
    live.lead_image_alt = "Nelayan di pantai"
    live.lead_image.save("nelayan.jpg", photo(1200, 800), save=False)
    live.slug = "berita-tayang-baru"
    live.save()
    record_revision(live, by=editor)
    workflow.add_correction(live, by=editor, text="Nama desa diperbaiki.")
    workflow.return_to_draft(cast["in_review"], by=editor, reason="Tambah data.")
    workflow.move_to_trash(cast["unpublished"], by=editor)
    link = preview.create_link(cast["draft"], by=people["reporter_a"])
    AccessAttempt.objects.create(
        username="editor",
        ip_address="203.0.113.9",
        failures_since_start=2,
        get_data="",
        post_data="",
    )
    return {**cast, "link": link}


def public_urls(newsroom) -> list[str]:
    return [
        "/",
        "/arsip/",
        "/wilayah/belu/",
        "/penulis/maria-lado/",
        "/cari/?q=tayang",
        "/feed/",
        "/feed/atom/",
        "/sitemap-articles.xml",
        newsroom["live"].get_absolute_url(),
        newsroom["live"].get_absolute_url().replace("berita-tayang-baru", "berita-tayang"),
        newsroom["unpublished"].get_absolute_url(),
        f"/pratinjau/{preview.token_for(newsroom['link'])}/",
    ]


def pages_here(urls: list[str]) -> dict[str, list]:
    client = Client()
    answers = {}
    for url in urls:
        response = client.get(url)
        answers[url] = [response.status_code, hashlib.sha256(response.content).hexdigest()]
    return answers


def dump_here(path: Path) -> list[dict]:
    call_command("dumpdata", *DUMPDATA, output=str(path), verbosity=0)
    return json.loads(path.read_text())


def check_restored(shared_database, backup_rows, urls, expected_pages, media, tmp_path) -> None:
    """Compare the restored database (at ``shared_database.url``) with the original."""
    shared_database.run("dump", str(tmp_path / "after.json"))
    assert json.loads((tmp_path / "after.json").read_text()) == backup_rows
    assert shared_database.run("pages", str(media), *urls) == expected_pages
    restored_ids = [row["pk"] for row in backup_rows if row["model"] == "articles.article"]
    assert shared_database.run("new-article")["pk"] > max(restored_ids)


def test_the_dumpdata_backup_restores_into_a_fresh_database(newsroom, fresh_database, tmp_path):
    urls = public_urls(newsroom)
    expected_pages = pages_here(urls)
    assert [expected_pages[url][0] for url in urls] == [200] * 9 + [301, 404, 200]
    backup = tmp_path / "backup.json"
    rows = dump_here(backup)
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)

    fresh_database.run("restore", str(backup))
    check_restored(fresh_database, rows, urls, expected_pages, media, tmp_path)


def test_the_document_gives_these_commands():
    text = DOCUMENT.read_text()
    assert "manage.py dumpdata " + " ".join(DUMPDATA) in text
    assert "manage.py loaddata" in text
    assert "pg_dump --format=custom" in text
    assert "pg_restore --no-owner" in text


@pytest.mark.postgresql
def test_a_postgresql_dump_restores_into_a_fresh_database(
    shared_database, newsroom, fresh_database, tmp_path
):
    require(shutil.which("pg_dump") is not None, "pg_dump (postgresql-client)")
    urls = public_urls(newsroom)
    expected_pages = pages_here(urls)
    rows = dump_here(tmp_path / "before.json")
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)
    archive = tmp_path / "newsroom.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={archive}", shared_database.url],
        check=True,
        capture_output=True,
    )

    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={fresh_database.url}", str(archive)],
        check=True,
        capture_output=True,
    )
    check_restored(fresh_database, rows, urls, expected_pages, media, tmp_path)
