"""A database other processes can open, for tests that run the site in several
processes or kill one half way."""

import importlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

CHILD = [sys.executable, "-m", "tests.reliability.children"]


@dataclass
class SharedDatabase:
    url: str
    sqlite_path: Path | None
    # For SQLite, the test's in-memory database still to be copied to ``sqlite_path``.
    source: object = None

    def share(self) -> None:
        """Copy what the test wrote so far, once, before another process looks."""
        if self.source is not None:
            self.source.ensure_connection()
            with sqlite3.connect(self.sqlite_path) as target:
                self.source.connection.backup(target)
            self.source = None

    def count(self, table: str) -> int:
        """Rows in ``table`` as another process sees them now."""
        self.share()
        if self.sqlite_path is None:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                return cursor.fetchone()[0]
        with sqlite3.connect(self.sqlite_path) as other:
            return other.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]

    def child(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """A Python process running ``tests.reliability.children`` on this database."""
        self.share()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": self.url,
            **(env or {}),
        }
        return subprocess.Popen(
            [*CHILD, *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, timeout: float = 60, env: dict[str, str] | None = None) -> dict:
        child = self.child(*args, env=env)
        out, err = child.communicate(timeout=timeout)
        assert child.returncode == 0, err
        return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def editorial_groups(transactional_db):
    """The groups migration 0002 makes: an earlier transactional test (a browser
    test, say) leaves the database flushed."""
    from django.apps import apps

    importlib.import_module("articles.migrations.0002_editorial_groups").create_groups(apps, None)


@pytest.fixture
def shared_database(transactional_db, editorial_groups, places, tmp_path) -> SharedDatabase:
    """The test database with regions and programs loaded, committed.

    On PostgreSQL other processes open the test database itself. The SQLite
    test database lives in this process's memory, so it is copied to a file
    when another process first needs it (after the test's own setup), and the
    other processes and ``count`` then use that file.
    """
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return SharedDatabase(url=url, sqlite_path=None)
    path = tmp_path / "shared.sqlite3"
    return SharedDatabase(url=f"sqlite:///{path}", sqlite_path=path, source=connection)


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the same kind as the test database, for restores;
    dropped afterwards."""
    if connection.vendor != "postgresql":
        path = tmp_path / "fresh.sqlite3"
        yield SharedDatabase(url=f"sqlite:///{path}", sqlite_path=path)
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    server = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
    with psycopg.connect(f"{server}/{db['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SharedDatabase(url=f"{server}/{name}", sqlite_path=None)
    finally:
        with psycopg.connect(f"{server}/{db['NAME']}", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
