"""Django settings, all from the environment.

Defaults give a zero-set-up SQLite install under ``./data``; production sets
``IMMERSE_ENV=production`` plus ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and
``DATABASE_URL`` (PostgreSQL). See docs/deployment.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from immerse.config.email import email_settings
from immerse.config.env import env_bool, env_list
from immerse.config.middleware import trusted_networks

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("IMMERSE_DATA_DIR", Path.cwd() / "data")).resolve()
PRODUCTION = os.environ.get("IMMERSE_ENV", "development") == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production-0123456789abcdef"
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["*"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its Swagger UI assets locally: the API docs work offline
    "immerse.events",
    "immerse.notify",
    "immerse.people",
    "immerse.program",
    "immerse.tables",
    "immerse.backchannel",
    "immerse.learning",
]

MIDDLEWARE = [
    # First, so it also sees the other middleware's errors: a lost database is a 503.
    "immerse.config.db_unavailable.DatabaseUnavailableMiddleware",
    # Next: any error under /api/ that is not already JSON gets the API's error body.
    "immerse.api.errors.JsonErrorBodyMiddleware",
    # A NUL in a path or query is a 400 (no text column can hold it).
    "immerse.api.inputs.NulRefusalMiddleware",
    # Before SecurityMiddleware: X-Forwarded-Proto counts only from IMMERSE_TRUSTED_PROXIES.
    "immerse.config.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "immerse.api.auth.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "immerse.config.middleware.ContentSecurityPolicyMiddleware",
]

if PRODUCTION:
    # Static files from the app server itself, compressed and cached forever by hash;
    # in development Django's own server serves them.
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "immerse.config.urls"
WSGI_APPLICATION = "immerse.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'immerse.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server (not one that refuses) must fail a request in seconds, not
    # after the operating system's TCP timeout; health checks then reconnect once it is back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers run beside the single writer; IMMEDIATE transactions take the write
    # lock up front, so concurrent sign-ups queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, for the test database: live-server tests then hit it from real
    # concurrent threads instead of one shared connection.
    # Per process, so two test runs side by side never share (and corrupt) one file.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-immerse-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("IMMERSE_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("IMMERSE_STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads (sign-up sheets, backchannel exports) are bounded: a sheet of a few thousand
# rows is well under this; anything larger is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMMERSE_MAX_UPLOAD_BYTES = int(os.environ.get("IMMERSE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# `immerse import event`: the demo conference's backup is 8.5 MB; reading one costs ~10x it.
IMMERSE_MAX_BACKUP_BYTES = int(os.environ.get("IMMERSE_MAX_BACKUP_BYTES", 256 * 1024 * 1024))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if PRODUCTION
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "immerse_cache",
    }
}

# Where this site lives: calendar UIDs and links in exported files use it.
IMMERSE_SITE_URL = os.environ.get("IMMERSE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
IMMERSE_SITE_HOST = os.environ.get("IMMERSE_SITE_HOST", "immerse.local")

# How often live pages (the listening dashboard) refresh themselves.
IMMERSE_LIVE_REFRESH_MS = int(os.environ.get("IMMERSE_LIVE_REFRESH_MS", "10000"))

# API: page size and request throttling (429 with Retry-After when exceeded).
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
NINJA_PAGINATION_CLASS = "immerse.api.paging.BoundedLimitOffset"
# The API throttles' client address: behind N reverse proxies, the Nth address from the right
# of X-Forwarded-For; with none (the default) the header is ignored, since anyone can send it.
NINJA_NUM_PROXIES = int(os.environ.get("IMMERSE_NUM_PROXIES", "0"))
# Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-Proto is believed;
# nobody's by default. docs/deployment.md.
IMMERSE_TRUSTED_PROXIES = trusted_networks(env_list("IMMERSE_TRUSTED_PROXIES", default=[]))
API_RATE_ANON = os.environ.get("IMMERSE_API_RATE_ANON", "120/min")
API_RATE_USER = os.environ.get("IMMERSE_API_RATE_USER", "1200/min")
API_RATE_AUTH = os.environ.get("IMMERSE_API_RATE_AUTH", "10/min")

# Web abuse limits (per IP, and per user name for logins), counted in the shared cache.
LOGIN_RATE = os.environ.get("IMMERSE_LOGIN_RATE", "10/m")
SIGNUP_RATE = os.environ.get("IMMERSE_SIGNUP_RATE", "20/m")
RATELIMIT_USE_CACHE = "default"
IMMERSE_CLIENT_IP_HEADER = os.environ.get("IMMERSE_CLIENT_IP_HEADER", "")
if not PRODUCTION:
    # Development uses a per-process memory cache; production's database cache is shared.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Background work: Celery when a broker is configured, inline otherwise (see common.tasks).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
IMMERSE_TASK_BACKEND = os.environ.get("IMMERSE_TASK_BACKEND") or (
    "immerse.config.celery.CeleryBackend" if CELERY_BROKER_URL
    else "immerse.common.tasks.InlineBackend")

# Mail: EMAIL_URL (smtp://, smtp+tls://, smtp+ssl://, console://; docs/deployment.md).
# Without it, development prints mail to the console; every message is in the outbox and the
# recipient's in-app list either way.
globals().update(email_settings(os.environ.get("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "immerse <noreply@immerse.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
IMMERSE_MAIL_RATE_PER_MINUTE = int(os.environ.get("IMMERSE_MAIL_RATE_PER_MINUTE", "600"))
IMMERSE_MAIL_MAX_ATTEMPTS = int(os.environ.get("IMMERSE_MAIL_MAX_ATTEMPTS", "5"))
IMMERSE_MAIL_RETRY_SECONDS = int(os.environ.get("IMMERSE_MAIL_RETRY_SECONDS", "60"))
# A row "sending" for longer than this belongs to a sender that died: it is queued again.
IMMERSE_MAIL_CLAIM_TIMEOUT = int(os.environ.get("IMMERSE_MAIL_CLAIM_TIMEOUT", "300"))

# Database sessions whose save reports a lost database as such (see db_unavailable).
SESSION_ENGINE = "immerse.config.db_unavailable"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Believed only from IMMERSE_TRUSTED_PROXIES (TrustedProxyMiddleware drops it otherwise).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"lost_database": {"()": "immerse.config.db_unavailable.LostDatabaseLogFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["lost_database"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("IMMERSE_LOG_LEVEL", "WARNING")},
}
