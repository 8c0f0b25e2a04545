"""Settings for the test suite: the real settings, plus what only tests want.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-never-used-anywhere-else-0123456789")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ns-tests-"))

from network_societies.settings import *  # noqa: E402,F403

# Argon2 is deliberately slow; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Redirecting to https would hide every response behind a 301, and the browser tests' live
# server speaks plain http, so secure-only cookies would not come back.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ACCOUNT_EMAIL_VERIFICATION = "optional"

# WhiteNoise warns when STATIC_ROOT does not exist; tests never collect static files.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# Tasks run right after the commit that queued them, in the test's own process (no worker); the
# queue's tests switch to the database backend where they need it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Editors and Moderators must have a second factor on a real site; the suite's other tests sign
# them in with force_login, so only tests/accounts/test_mfa.py turns the requirement on.
ACCOUNTS_MFA_REQUIRED = []
