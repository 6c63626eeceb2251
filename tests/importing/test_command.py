import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.importing import MAX_SOURCE_BYTES
from articles.importing.service import read_source
from articles.models import Article, ProgramTag

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return error.returncode, stdout.getvalue(), stderr.getvalue() + str(error)
    return 0, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def batch(tmp_path):
    """The two real sources plus one bad file, in a folder."""
    for source in SOURCES.glob("*.txt"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "rusak.txt").write_bytes(b"Kupang - ber\xe9ita")
    return tmp_path


def test_a_dry_run_writes_nothing_and_prints_one_json_object_per_file(places, batch):
    code, out, _ = run(str(batch), "--dry-run", "--format", "json")
    assert code == 1
    assert not Article.objects.exists()
    report = {Path(item["file"]).name: item for item in json.loads(out)}
    assert set(report) == {"000_e04379150e9b95c5.txt", "004_983a433936bb54d8.txt", "rusak.txt"}
    antara = report["000_e04379150e9b95c5.txt"]
    assert antara["ok"] is True
    assert antara["error"] is None
    assert antara["style"] == "antara"
    assert antara["title_derived"] is True
    assert antara["published_at"] == "2018-08-24T00:00:00+08:00"
    assert antara["regions"][0] == "kupang"
    assert antara["reporters"] == ["Benediktus Sridin Sulu Jahang"]
    assert antara["body_paragraphs"] == 8
    pos = report["004_983a433936bb54d8.txt"]
    assert pos["regions"][0] == "belu"
    assert pos["published_at"] == "2025-11-17T00:00:00+08:00"
    assert pos["outlet"] == "Pos-Kupang"
    bad = report["rusak.txt"]
    assert bad["ok"] is False
    assert bad["error"]["code"] == "not_utf8"
    assert "rusak.txt" in bad["error"]["message"]
    assert "byte 12" in bad["error"]["message"]
    assert "title" not in bad


def test_a_bad_file_in_a_batch_writes_nothing_for_itself_and_the_rest_import(places, batch):
    code, out, err = run(str(batch), "--status", "published")
    assert code == 1
    assert Article.objects.count() == 2
    assert Article.objects.live().count() == 2
    assert "rejected  " in err and "rusak.txt" in err and "[not_utf8]" in err
    assert "3 file(s): 2 created, 1 rejected" in out
    assert "Traceback" not in out + err


def test_importing_again_is_idempotent_and_exits_zero(places):
    assert run(str(SOURCES))[0] == 0
    code, out, _ = run(str(SOURCES))
    assert code == 0
    assert "2 file(s): 2 unchanged" in out
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}


def test_a_missing_path_is_reported_not_raised(places, tmp_path):
    code, _, err = run(str(tmp_path / "tidak-ada.txt"))
    assert code == 1
    assert "[unreadable]" in err


def test_an_oversized_file_is_refused_reading_no_more_than_the_limit(places, tmp_path):
    big = tmp_path / "besar.txt"
    with big.open("wb") as file:
        file.truncate(64 * MAX_SOURCE_BYTES)
    assert len(read_source(big)) == MAX_SOURCE_BYTES + 1
    code, _, err = run(str(big))
    assert code == 1
    assert "[too_large]" in err


def test_files_are_saved_in_batches_and_reported_in_their_order(places, tmp_path, monkeypatch):
    from articles.management.commands import import_articles

    monkeypatch.setattr(import_articles, "BATCH_SIZE", 2)
    antara, pos_kupang = (path.read_bytes() for path in sorted(SOURCES.glob("*.txt")))
    for name, content in [
        ("1.txt", antara),
        ("2.txt", pos_kupang),
        ("3.txt", b"Kupang - ber\xe9ita"),
        ("4.txt", antara),
        ("5.txt", antara.replace(b"17 perusahan", b"18 perusahaan")),
    ]:
        (tmp_path / name).write_bytes(content)

    code, out, err = run(str(tmp_path), "--status", "published")

    assert code == 1
    assert [line.split(" ", 1)[0] for line in out.splitlines()[:-1]] == [
        "created",
        "created",
        "unchanged",
        "changed_at_source",
    ]
    assert [Path(line.split(": ", 1)[0].split()[-1]).name for line in out.splitlines()[:-1]] == [
        "1.txt",
        "2.txt",
        "4.txt",
        "5.txt",
    ]
    assert "rejected  " in err and "3.txt" in err
    assert "5 file(s): 2 created, 1 unchanged, 1 changed_at_source, 1 rejected" in out
    assert Article.objects.live().count() == 2


def test_the_command_survives_a_program_alias_that_is_not_a_string(places, tmp_path):
    ProgramTag.objects.filter(slug="jht").update(aliases=["JHT lama", 1])
    path = tmp_path / "a.txt"
    path.write_bytes((SOURCES / "004_983a433936bb54d8.txt").read_bytes())
    code, out, _err = run(str(path))
    assert (code, out.split(" ", 1)[0]) == (0, "created")
