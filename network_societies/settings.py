"""Settings for the Network Societies site, read from the environment.

Every project setting is documented where it is defined. Apps read their own settings when needed
(``settings.WIKI_…`` at call time), never copied into module globals, so tests can override them.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything the running site writes (SQLite file, search index, collected static) lives here.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: export SECRET_KEY=<50 random characters> "
            "(for development, run with DEBUG=1 instead)."
        )
    # Only ever used with DEBUG on; never valid in production.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    # Two factors and passkeys (TOTP, recovery codes, WebAuthn), sign-in with other accounts,
    # and the list of a person's signed-in sessions: accounts/ README "Identity".
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.discord",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "csp",
    "mptt",
    # The read API under /api/ (django-ninja: its Swagger UI files are served from our static).
    "ninja",
    # The task queue (django-tasks) and its database backend's table.
    "django_tasks",
    "django_tasks_db",
    # Our apps. Default content is loaded in this order (wiki pages before the taxonomy links them).
    "network_societies",
    "accounts",
    "notifications",
    "markup",
    "wiki",
    "taxonomy",
    "forum",
    "proposals",
    "activity",
    "trust",
    "search",
    "files",
    "pictures",
    "api",
]

MIDDLEWARE = [
    # ETag/Last-Modified and 304s, then whole pages for anonymous readers, stored as they left
    # the site (security headers and CSP included): a cached page costs no other middleware, no
    # session, template or SQL work.
    "django.middleware.http.ConditionalGetMiddleware",
    "network_societies.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so even a response made by a later middleware (a 400 for a NUL byte) has the CSP.
    "network_societies.headers.ContentSecurityPolicyMiddleware",
    "network_societies.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Signed-in readers' own pages: served right after the session is read (see the module).
    "network_societies.personalcache.PersonalPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Remembers when each signed-in person was last here, in the cache only (no query).
    "activity.visits.VisitMiddleware",
    # Refreshes each signed-in session's last-seen time, every few minutes (the sessions page).
    "accounts.signins.track_sessions",
    # Editors and Moderators without a second factor are sent to set one up (ACCOUNTS_MFA_REQUIRED).
    "accounts.middleware.require_second_factor",
]

ROOT_URLCONF = "network_societies.urls"
WSGI_APPLICATION = "network_societies.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network_societies.context_processors.site",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# DATABASE_URL in dj-database-url form: sqlite:///abs/path or postgres://user@host:port/name.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
# Persistent connections (10 minutes), checked before reuse so a restarted server is survived.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and keep files open in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# REDIS_URL (optional) gives every worker one shared cache, so rate limits hold across processes.
# The backend fails soft: with Redis down or hanging, reads miss and writes are dropped after a
# short socket timeout, with a logged warning, and Redis is left alone for a few seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "network_societies.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or test runs) can share one Redis under different prefixes.
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX") or "ns",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT") or 0.5),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT") or 0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are read on every signed-in request: from the shared cache first when there is one
# (written through to the database, so a Redis restart signs nobody out). A per-process local
# memory cache would keep a signed-out session alive in the other processes, so without Redis
# sessions stay in the database.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# Seconds an anonymous page stays cached at most (0 turns the page cache off). Changes show at
# once whatever this is: every change moves the cache's content generation.
NS_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or 600)

# --- Background tasks -------------------------------------------------------------------------
# "database" (default): tasks wait in a table until `manage.py db_worker` runs them, on any server
# (production runs one or more beside gunicorn; `make run` starts one beside runserver).
# "immediate": each task runs in the process that queued it, right after the commit (the tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.backend.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    }
}

# --- Auth and accounts ------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Verification is optional while developing and mandatory on a real deployment.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "moderator", "root", "system"]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Our login form only relabels allauth's ("Username or email"); the logic stays allauth's.
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Network Societies] "
# Emails telling people that their password, email addresses or second factors changed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing a password signs every other session out (accounts/signals.py ends them all).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# How long a sign-in counts as "recent" for what needs one (downloading your data, deleting the
# account, changing second factors): older, and the password or a passkey is asked again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# --- Two factors and passkeys (allauth.mfa) ---------------------------------------------------
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# "Sign in with a passkey" on the login page: a passkey alone is enough (it is two factors).
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = os.environ.get("SITE_NAME", "Network Societies")
# Groups whose members must have a second factor: until they add one, every page sends them to
# the two-factor page. Empty list: nobody is required to.
ACCOUNTS_MFA_REQUIRED = env_list("MFA_REQUIRED_FOR", "Editors,Moderators")
# Email people when they sign in from a browser their account has not been used from before.
ACCOUNTS_NEW_DEVICE_EMAIL = env_bool("NEW_DEVICE_EMAIL", True)

# --- Sessions list (allauth.usersessions) -----------------------------------------------------
# Off: allauth's tracking writes on every request; accounts/signins.py refreshes last-seen times
# every few minutes instead.
USERSESSIONS_TRACK_ACTIVITY = False

# --- Sign in with other accounts (allauth.socialaccount) --------------------------------------
# Each provider is offered only when its settings are in the environment (README, "Sign in with
# other accounts"). An existing account is never signed into, nor linked, on the strength of an
# email the provider did not verify; a verified one counts as verified here too.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {}
for _provider, _prefix in (("github", "GITHUB"), ("discord", "DISCORD"), ("google", "GOOGLE")):
    if os.environ.get(f"{_prefix}_CLIENT_ID") and os.environ.get(f"{_prefix}_CLIENT_SECRET"):
        SOCIALACCOUNT_PROVIDERS[_provider] = {
            "APPS": [{
                "client_id": os.environ[f"{_prefix}_CLIENT_ID"],
                "secret": os.environ[f"{_prefix}_CLIENT_SECRET"],
            }],
            "VERIFIED_EMAIL": False,  # trust the provider's own flag, never a blanket yes
        }
if SOCIALACCOUNT_PROVIDERS.get("github"):
    SOCIALACCOUNT_PROVIDERS["github"]["SCOPE"] = ["read:user", "user:email"]
if os.environ.get("OIDC_SERVER_URL") and os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [{
            "provider_id": os.environ.get("OIDC_PROVIDER_ID", "oidc"),
            "name": os.environ.get("OIDC_NAME", "OpenID Connect"),
            "client_id": os.environ["OIDC_CLIENT_ID"],
            "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
            "settings": {"server_url": os.environ["OIDC_SERVER_URL"]},
        }],
    }

# --- Email ------------------------------------------------------------------------------------
# Console backend by default; set EMAIL_HOST to send real mail over SMTP.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Network Societies <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploads (files app): a folder under VAR_DIR, or an S3-compatible bucket (see below).
    "files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "files")},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# FILES_S3_BUCKET puts uploads in an S3-compatible object store (AWS, MinIO, Ceph, R2...), so
# several app servers share them. The site still serves them itself (its own headers, same origin).
FILES_S3_BUCKET = os.environ.get("FILES_S3_BUCKET", "")
if FILES_S3_BUCKET:
    STORAGES["files"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": FILES_S3_BUCKET,
            "endpoint_url": os.environ.get("FILES_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("FILES_S3_REGION") or None,
            "access_key": os.environ.get("FILES_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("FILES_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("FILES_S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }

# --- Security (production) --------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /healthz over plain http on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many proxies in front of the app append to X-Forwarded-For (1 behind one load balancer):
# allauth reads the client's IP for its per-IP login limits from there. 0 trusts no header, so
# behind a proxy every visitor would share the proxy's IP (check --deploy warns).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp, network_societies/headers.py): nothing inline, nothing from
# elsewhere. Every script and style is a static file of ours; images may also come from the hosts
# in MARKUP_IMAGE_HOSTS (added to img-src at request time), and be data: URIs, which is how
# embedded draw.io diagrams and the diagrams mermaid draws are shown (an image cannot run script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Browser features no page of the site uses, switched off for every page (and anything injected).
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Project settings -------------------------------------------------------------------------
# The site's name, shown in the header, titles and emails.
NS_SITE_NAME = os.environ.get("SITE_NAME", "Network Societies")

# First path segments that belong to the apps; a wiki page may never start with one of these, so
# Wiki.js-style page paths (/network-societies/pop-ups) can be served from the site root.
NS_RESERVED_PREFIXES = [
    "accounts", "admin", "api", "examples", "feeds", "files", "forum", "healthz", "markup",
    "activity", "media", "notifications", "proposals", "search", "static", "tags", "taxonomy",
    "taxonomy.json", "u",
    "wiki", "recent",
]

# Outside hosts whose images pages may show ("images.example.org,*.example.net"); an image from any
# other host is shown as a link naming the host, so readers are not tracked by whoever hosts it.
# The CSP's img-src follows this list.
MARKUP_IMAGE_HOSTS = env_list("IMAGE_HOSTS")

# The wiki's default language: its pages have no language segment in their paths; a page in
# another language lives under its code (/ja/product/about), as in Wiki.js's locale namespacing.
WIKI_DEFAULT_LOCALE = os.environ.get("WIKI_DEFAULT_LOCALE", "en").lower()

# Largest page body, in characters, a person may save (wiki) or post (forum).
WIKI_MAX_BODY_CHARS = int(os.environ.get("WIKI_MAX_BODY_CHARS", "200000"))
FORUM_MAX_POST_CHARS = int(os.environ.get("FORUM_MAX_POST_CHARS", "50000"))

# Reactions offered on forum posts, in order: (key, emoji, label, verb for "maya liked your
# post"). One of each per person and post; the first is the "like". Removing a key hides the
# reactions already given with it.
FORUM_REACTIONS = [
    ("like", "❤️", "Like", "liked"),
    ("thanks", "🙏", "Thanks", "thanked you for"),
    ("agree", "👍", "Agree", "agreed with"),
    ("insightful", "💡", "Insightful", "found insight in"),
    ("laugh", "😄", "Funny", "laughed at"),
]
# "Since your last visit" (activity/): a visit ends after this many minutes without a request.
ACTIVITY_VISIT_GAP_MINUTES = 60

# A thread a member never opened is "new" to them when it was started after they joined, or
# within this many days (so a new member sees the current conversations as new too).
FORUM_NEW_THREAD_DAYS = 7

# Rate limits of network_societies.ratelimit, per action: "count/seconds" per person in a sliding
# window; people at the "new" trust level get the stricter pair. Moderators have none.
# Accounts without a recorded trust level (made before levels existed, or by hand) are "new" for
# NS_NEW_ACCOUNT_DAYS days, "member" after; new sign-ups start at "new" and are promoted by the
# scheduled task (trust/promotion.py).
NS_NEW_ACCOUNT_DAYS = 3
NS_RATE_LIMITS = {
    "thread": {"default": "10/3600", "new_account": "3/3600"},
    "post": {"default": "60/3600", "new_account": "10/3600"},
    # The editor's live preview (markup/views.py), one request per pause in typing.
    "preview": {"default": "300/600", "new_account": "120/600"},
    # Classification proposals (proposals/) and votes on them.
    "proposal": {"default": "10/86400", "new_account": "3/86400"},
    "vote": {"default": "60/3600", "new_account": "20/3600"},
    # Requests to the read API (/api/), per signed-in person or, for anonymous clients, per address.
    "api": {"default": "600/600", "new_account": "600/600"},
    # Reactions on posts (a toggle each), the composer's @mention suggestions and draft saves.
    "reaction": {"default": "300/3600", "new_account": "60/3600"},
    "mention_lookup": {"default": "600/600", "new_account": "300/600"},
    "draft": {"default": "600/600", "new_account": "300/600"},
}

# Trust levels (trust/), in the manner of Discourse: new → member → regular, earned by the
# scheduled promotion (`manage.py enqueue_task trust.tasks.promote`); Editors and Moderators count
# as regulars. Thresholds: account age in days, contributions (forum posts and wiki edits still
# standing), distinct weeks with a contribution, and at most this many flags a Moderator upheld.
TRUST_PROMOTION = {
    "member": {"days": NS_NEW_ACCOUNT_DAYS, "contributions": 1, "flagged": 0},
    "regular": {"days": 28, "contributions": 20, "active_weeks": 4, "flagged": 0},
}
# The lowest level allowed each action: "new" (any signed-in person), "member" or "regular".
TRUST_REQUIRED_LEVELS = {
    "create_page": "new",     # start a wiki page
    "vote": "member",         # vote on proposals (PROPOSALS_BLOCK = "regulars": whose block counts)
}
# What a post by someone at the "new" level may contain: links to other sites and images.
TRUST_NEW_MAX_LINKS = 2
TRUST_NEW_MAX_IMAGES = 1

# Search backends, chosen like CACHES. "whoosh" keeps its index under var/ (one server only);
# "postgres" needs a PostgreSQL DATABASE_URL and stores a tsvector with a GIN index, shared by
# every server. The default follows the database.
SEARCH_BACKEND = os.environ.get(
    "SEARCH_BACKEND",
    "postgres" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "whoosh",
)
SEARCH_BACKENDS = {
    "whoosh": {
        "BACKEND": "search.backends.whoosh.WhooshBackend",
        "PATH": os.environ.get("SEARCH_INDEX_PATH", str(VAR_DIR / "search-index")),
    },
    "postgres": {"BACKEND": "search.backends.postgres.PostgresBackend"},
}
# An object that fails to index is retried after SEARCH_RETRY_BACKOFF seconds, doubling each
# time; after SEARCH_MAX_ATTEMPTS it is parked (admin, search_check) and the rest flow on.
SEARCH_RETRY_BACKOFF = 5.0
SEARCH_MAX_ATTEMPTS = 8

# The site's public address, for links in emails (no request is at hand when they are sent).
NS_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
