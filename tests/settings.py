"""Test-only settings: fast hashing, plain static files, a throwaway media folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
# Page caching is switched on by the tests that are about it; a purge number is
# read again on every request, so no change has to wait for other processes.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_RECHECK = float(os.environ.get("PAGE_CACHE_RECHECK", "0"))
# The test servers speak plain HTTP on localhost; production settings are
# checked separately (tests/newsroom/test_settings.py runs check --deploy).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
