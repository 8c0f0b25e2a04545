"""Settings come from the environment: each case imports the real settings in a fresh process."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
# Variables the settings read; each case starts from none of them, so the developer's shell and
# CI's exports (DATABASE_URL, ...) cannot leak into what is being tested.
SETTINGS_ENV = [
    "DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "REDIS_URL",
    "EMAIL_HOST", "EMAIL_BACKEND", "ACCOUNT_EMAIL_VERIFICATION", "SITE_URL", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "DJANGO_SETTINGS_MODULE",
    "TRUSTED_PROXY_COUNT", "TASKS_BACKEND", "SEARCH_BACKEND", "SEARCH_INDEX_PATH", "REDIS_TIMEOUT",
    # Set by the browser tests' conftest for Playwright; check --deploy rightly warns about it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def clean_env(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV}
    base["VAR_DIR"] = str(tmp_path)
    base.update(env)
    return base


def run(tmp_path, code, **env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean_env(tmp_path, **env),
        capture_output=True, text=True, timeout=60,
    )


def settings_of(tmp_path, *names, **env):
    """Import network_societies.settings with ``env`` and return the named settings."""
    code = (
        "import json; from network_societies import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run(tmp_path, code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_secret_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def test_sqlite_url_with_an_absolute_path(tmp_path):
    db = settings_of(tmp_path, "DATABASES", DEBUG="1", DATABASE_URL="sqlite:////srv/ns/db.sqlite3")
    default = db["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == "/srv/ns/db.sqlite3"


def test_without_database_url_the_database_is_a_sqlite_file_under_var(tmp_path):
    default = settings_of(tmp_path, "DATABASES", DEBUG="1")["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(tmp_path / "db.sqlite3")


def test_postgres_url_uses_psycopg_3_with_persistent_connections(tmp_path):
    default = settings_of(
        tmp_path, "DATABASES", DEBUG="1", DATABASE_URL="postgres://wiki@db.internal:5433/ns"
    )["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["NAME"], default["USER"], default["HOST"], default["PORT"]) == (
        "ns", "wiki", "db.internal", 5433)
    assert default["CONN_MAX_AGE"] > 0
    assert default["CONN_HEALTH_CHECKS"] is True
    # Django picks psycopg 3 when it is installed; psycopg2 must not be what it found.
    result = run(tmp_path, "from django.db.backends.postgresql.psycopg_any import is_psycopg3;"
                 "print(is_psycopg3)")
    assert result.stdout.strip() == "True"


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run(tmp_path, "import network_societies.settings", DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_development_key_only_with_debug_on(tmp_path):
    values = settings_of(tmp_path, "SECRET_KEY", "DEBUG", DEBUG="1")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("django-insecure-")


def test_debug_is_off_unless_asked_for(tmp_path):
    assert settings_of(tmp_path, "DEBUG", SECRET_KEY=production_secret_key())["DEBUG"] is False


def test_allowed_hosts_and_csrf_origins_are_comma_separated_lists(tmp_path):
    values = settings_of(
        tmp_path, "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", SECRET_KEY=production_secret_key(),
        ALLOWED_HOSTS="wiki.example.org, www.example.org",
        CSRF_TRUSTED_ORIGINS="https://wiki.example.org",
    )
    assert values["ALLOWED_HOSTS"] == ["wiki.example.org", "www.example.org"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://wiki.example.org"]


# What the README's production section sets (no database or Redis is contacted by the checks).
PRODUCTION = {
    "DEBUG": "0", "ALLOWED_HOSTS": "wiki.example.org",
    "DATABASE_URL": "postgres://app@db.internal:5432/network_societies",
    "REDIS_URL": "redis://cache.internal:6379/0", "TRUSTED_PROXY_COUNT": "1",
    "DJANGO_SETTINGS_MODULE": "network_societies.settings",
}


def check_deploy(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=BASE_DIR,
        env=clean_env(tmp_path, SECRET_KEY=production_secret_key(), **{**PRODUCTION, **env}),
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_prints_no_warning_at_all_in_production(tmp_path):
    from markup.vendor import mermaid_present

    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr
    if not mermaid_present():  # a machine without npm: make install could not fetch mermaid
        output = result.stdout + result.stderr
        assert "markup.W001" in output and output.count(".W0") == 1, output
        return
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout
    assert result.stderr.strip() == "", result.stderr


@pytest.mark.parametrize("change,warning", [
    ({"REDIS_URL": ""}, "network_societies.W001"),  # a local-memory cache
    ({"DATABASE_URL": ""}, "network_societies.W002"),  # SQLite
    ({"SEARCH_BACKEND": "whoosh"}, "network_societies.W003"),
    ({"TRUSTED_PROXY_COUNT": ""}, "network_societies.W004"),
    ({"TASKS_BACKEND": "immediate"}, "network_societies.W005"),
])
def test_check_deploy_warns_about_each_single_server_setting(tmp_path, change, warning):
    result = check_deploy(tmp_path, **change)
    output = result.stdout + result.stderr
    assert warning in output, output
    assert "HINT" in output


def test_production_serves_compressed_hashed_static_files(tmp_path):
    storages = settings_of(tmp_path, "STORAGES", SECRET_KEY=production_secret_key())["STORAGES"]
    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage")


def test_passwords_are_hashed_with_argon2(tmp_path):
    hashers = settings_of(tmp_path, "PASSWORD_HASHERS", DEBUG="1")["PASSWORD_HASHERS"]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_email_verification_is_optional_in_development_and_mandatory_in_production(tmp_path):
    dev = settings_of(tmp_path, "ACCOUNT_EMAIL_VERIFICATION", DEBUG="1")
    prod = settings_of(tmp_path, "ACCOUNT_EMAIL_VERIFICATION", SECRET_KEY=production_secret_key())
    assert dev["ACCOUNT_EMAIL_VERIFICATION"] == "optional"
    assert prod["ACCOUNT_EMAIL_VERIFICATION"] == "mandatory"


def test_email_goes_to_the_console_unless_an_smtp_host_is_set(tmp_path):
    dev = settings_of(tmp_path, "EMAIL_BACKEND", DEBUG="1")
    smtp = settings_of(
        tmp_path, "EMAIL_BACKEND", "EMAIL_HOST", DEBUG="1", EMAIL_HOST="smtp.example.org")
    assert dev["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp["EMAIL_HOST"] == "smtp.example.org"


def test_rate_limits_use_local_memory_without_redis(tmp_path):
    values = settings_of(tmp_path, "CACHES", "ACCOUNT_RATE_LIMITS", DEBUG="1")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    # allauth rate limits are on (False would switch them all off).
    assert values["ACCOUNT_RATE_LIMITS"]["login_failed"]
    assert values["ACCOUNT_RATE_LIMITS"]["signup"]
    assert values["ACCOUNT_RATE_LIMITS"]["reset_password"]


def test_rate_limits_share_the_redis_cache_when_redis_url_is_set(tmp_path):
    values = settings_of(tmp_path, "CACHES", DEBUG="1", REDIS_URL="redis://cache.internal:6379/2")
    default = values["CACHES"]["default"]
    assert default["BACKEND"] == "network_societies.cache.FailSoftRedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/2"


REDIS_RATE_LIMIT_CHECK = """
import uuid, django, redis
django.setup()
from django.core.cache import cache
from django.test import RequestFactory
from allauth.core import ratelimit
request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
key = "someone-" + uuid.uuid4().hex
# login_failed allows 5 attempts per key in 5 minutes; the 6th is refused.
results = [ratelimit.consume(request, action="login_failed", key=key) for _ in range(6)]
stored = redis.Redis.from_url(cache._cache._servers[0]).keys("ns:*")
print(results, bool(stored))
cache.clear()
"""


@pytest.mark.skipif(not os.environ.get("REDIS_TEST_URL"), reason="set REDIS_TEST_URL to a Redis db")
def test_rate_limits_are_counted_in_a_real_redis(tmp_path):
    result = run(
        tmp_path, REDIS_RATE_LIMIT_CHECK, DEBUG="1", REDIS_URL=os.environ["REDIS_TEST_URL"],
        DJANGO_SETTINGS_MODULE="network_societies.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[True, True, True, True, True, False] True"
