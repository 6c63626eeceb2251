import os
import subprocess
import sys

from django.conf import settings

CHECK = [sys.executable, "-c", "import django; django.setup()"]


def start(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    return subprocess.run(
        CHECK, env={**clean, **env}, cwd=settings.BASE_DIR, capture_output=True, text=True
    )


def test_without_debug_a_missing_secret_key_stops_startup_with_a_clear_message():
    result = start(ALLOWED_HOSTS="berita.example.id")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_debug_missing_allowed_hosts_stop_startup():
    result = start(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = start(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_development_defaults_start_with_debug_on():
    assert start(DEBUG="1").returncode == 0


def test_the_site_speaks_indonesian_in_wita():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.USE_TZ is True


def test_the_production_configuration_passes_the_deployment_checks():
    skip = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="berita.example.id",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_manage_py_defaults_to_development_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
