"""Settings for the page benchmarks: production settings (DEBUG off, cached templates), on a
scratch database, without what would hide the page behind a redirect or a missing manifest.

The benchmark scripts set DATABASE_URL and VAR_DIR before Django starts.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-anywhere-else-0123456789")
os.environ["DEBUG"] = "0"

from network_societies.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# No collectstatic in a benchmark: plain static storage needs no manifest.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
