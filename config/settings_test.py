"""Test overrides: fast hashing, tasks run immediately, mail kept in memory."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
HTTPS = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The public pages' cache is tested on its own (teilhabe/core/tests/test_pagecache.py);
# elsewhere a test reads what it has just written.
PAGE_CACHE_ENABLED = False
# The demo's population at a twentieth (about 5,000 residents): the tests that load the
# demo stay fast; `teilhabe/monitoring/tests/test_demo.py` checks the full size too.
DEMO_POPULATION_SCALE = 0.05
