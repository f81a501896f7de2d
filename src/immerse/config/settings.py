"""Django settings, all from the environment.

Defaults give a zero-set-up SQLite install under ``./data``; production sets
``IMMERSE_ENV=production`` plus ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and
``DATABASE_URL`` (PostgreSQL). See docs/deployment.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from immerse.common import languages
from immerse.config.email import email_settings
from immerse.config.env import env_bool, env_list
from immerse.config.logs import logging_settings
from immerse.config.middleware import trusted_networks
from immerse.config.services import cache_settings, live_cache_settings, task_backend
from immerse.engine.video_embed import EMBED_HOSTS

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
# Old keys still accepted for signatures (and for reading listening secrets) while rotating.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
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
    "django_tasks",
    "django_tasks_db",  # the embedded task queue's table (common.taskqueue)
    "immerse.common",
    "immerse.events",
    "immerse.notify",
    "immerse.people",
    "immerse.program",
    "immerse.checkin",
    "immerse.tables",
    "immerse.backchannel",
    "immerse.audience",
    "immerse.openspace",
    "immerse.learning",
    "immerse.studio",
]

MIDDLEWARE = [
    # Outermost: every log line of the request, and the tasks it enqueues, carry its id.
    "immerse.common.requestid.RequestIdMiddleware",
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
    # After sessions (a logged-in person's stored language waits there), before anything
    # that renders: the stored choice, the switcher's cookie, Accept-Language, English.
    "immerse.config.language.LanguageMiddleware",
    "immerse.api.auth.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "immerse.config.middleware.ContentSecurityPolicyMiddleware",
    # Each page names who it was made for, so the service worker forgets kept pages when
    # someone else uses the browser (config/webapp.py).
    "immerse.config.webapp.ViewerHeaderMiddleware",
]

if PRODUCTION or not DEBUG:
    # Static files from the app server itself, compressed and cached forever by hash;
    # in development with DEBUG on, Django's own server serves them. Without DEBUG outside
    # production (`immerse serve`, see docs/deployment.md) WhiteNoise finds them in the
    # apps' folders, with no collectstatic.
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")
    WHITENOISE_USE_FINDERS = not PRODUCTION

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
                # The navigation's two badges, read from the cache in one round trip.
                "immerse.notify.context_processors.navigation_badges",
            ],
        },
    },
]

# One renderer draws every form field (`{{ field.as_field_group }}`): immerse.common.forms.
FORM_RENDERER = "immerse.common.forms.FieldRenderer"

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
# The site's page for a form sent without its CSRF token (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "immerse.config.errors.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages (docs/languages.md): the offered ones are the shipped ones, or those named in
# IMMERSE_LANGUAGES (e.g. "nl,de" to try catalogues in progress). One project catalogue,
# src/immerse/locale/<code>/LC_MESSAGES/django.po, compiled by immerse.config.catalogues.
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = [(code, languages.KNOWN[code]) for code in languages.offered(
    env_list("IMMERSE_LANGUAGES", default=list(languages.SHIPPED)))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The switcher's cookie lasts a year (people.language_views sets it).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
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
# Counted while the file streams in: past the limit it is skipped, never read whole.
FILE_UPLOAD_HANDLERS = ["immerse.common.uploads.UploadLimitHandler",
                        "django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "django.core.files.uploadhandler.TemporaryFileUploadHandler"]
# `immerse import event`: the demo conference's backup is 8.5 MB; reading one costs ~10x it.
IMMERSE_MAX_BACKUP_BYTES = int(os.environ.get("IMMERSE_MAX_BACKUP_BYTES", 256 * 1024 * 1024))

# The shared cache (API throttles, abuse limits, cached aggregates): Redis when REDIS_URL
# is set (no database query for a throttle); else the database in production (zero set-up,
# shared by every app server) and process memory in development.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {"default": cache_settings(redis_url=REDIS_URL, production=PRODUCTION),
          # Live regions' versions (common.live): shared by every web process. `immerse
          # serve --workers N` sets IMMERSE_LIVE_CACHE_SHARED for its several processes.
          "live": live_cache_settings(
              redis_url=REDIS_URL, production=PRODUCTION,
              shared=os.environ.get("IMMERSE_LIVE_CACHE_SHARED", "") == "1")}

# Where this site lives: calendar UIDs and links in exported files use it.
IMMERSE_SITE_URL = os.environ.get("IMMERSE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
IMMERSE_SITE_HOST = os.environ.get("IMMERSE_SITE_HOST", "immerse.local")

# How often live pages (the listening dashboard) refresh themselves.
IMMERSE_LIVE_REFRESH_MS = int(os.environ.get("IMMERSE_LIVE_REFRESH_MS", "10000"))

# Live listening (docs/deployment.md, "Listening"): the event window's margins, how often
# sources are polled, how much one response may be, and the keys that encrypt Bluesky app
# passwords at rest (comma-separated Fernet keys, the first encrypts; empty: derived from
# SECRET_KEY, with SECRET_KEY_FALLBACKS still readable).
IMMERSE_LISTEN_MARGIN_BEFORE_HOURS = int(
    os.environ.get("IMMERSE_LISTEN_MARGIN_BEFORE_HOURS", "24"))
IMMERSE_LISTEN_MARGIN_AFTER_HOURS = int(os.environ.get("IMMERSE_LISTEN_MARGIN_AFTER_HOURS", "48"))
IMMERSE_LISTEN_POLL_SECONDS = int(os.environ.get("IMMERSE_LISTEN_POLL_SECONDS", "60"))
IMMERSE_LISTEN_FEED_POLL_SECONDS = int(os.environ.get("IMMERSE_LISTEN_FEED_POLL_SECONDS", "900"))
IMMERSE_LISTEN_MAX_PAGES = int(os.environ.get("IMMERSE_LISTEN_MAX_PAGES", "20"))
IMMERSE_LISTEN_MAX_RESPONSE_BYTES = int(
    os.environ.get("IMMERSE_LISTEN_MAX_RESPONSE_BYTES", 5 * 1024 * 1024))
IMMERSE_LISTEN_TIMEOUT_SECONDS = float(os.environ.get("IMMERSE_LISTEN_TIMEOUT_SECONDS", "20"))
IMMERSE_LISTEN_STOP_AFTER_FAILURES = int(
    os.environ.get("IMMERSE_LISTEN_STOP_AFTER_FAILURES", "8"))
IMMERSE_LISTEN_QUESTION_ALERT_MINUTES = int(
    os.environ.get("IMMERSE_LISTEN_QUESTION_ALERT_MINUTES", "30"))
IMMERSE_LISTEN_KEYS = [k.strip() for k in os.environ.get("IMMERSE_LISTEN_KEYS", "").split(",")
                       if k.strip()]
# Sources on loopback or private addresses are refused (an organizer's URL must not reach
# the server's own network); tests and a closed demo network turn this on.
IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = os.environ.get(
    "IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS", "") == "1"
# How often the wall asks for new posts (the issue asks for new posts within 5 s).
IMMERSE_WALL_REFRESH_MS = int(os.environ.get("IMMERSE_WALL_REFRESH_MS", "2000"))

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
# Questions one person asks in the room (web and API share the counter).
QUESTION_RATE = os.environ.get("IMMERSE_QUESTION_RATE", "5/m")
# Open space proposals per participant (web and API share the counter).
PROPOSE_RATE = os.environ.get("IMMERSE_PROPOSE_RATE", "5/m")
RATELIMIT_USE_CACHE = "default"
IMMERSE_CLIENT_IP_HEADER = os.environ.get("IMMERSE_CLIENT_IP_HEADER", "")
if not PRODUCTION:
    # Development uses a per-process memory cache; production's database cache is shared.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Background work (docs/deployment.md): Celery when a broker is configured, else the
# database queue that `immerse serve` works off beside the web server. Never inline: a
# request must not hold planning, a rotation or an import.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
IMMERSE_TASK_BACKEND = task_backend(os.environ)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A run whose worker sent no heartbeat for this long is taken back (retried, then failed).
IMMERSE_TASK_LEASE_SECONDS = float(os.environ.get("IMMERSE_TASK_LEASE_SECONDS", "60"))
IMMERSE_TASK_MAX_ATTEMPTS = int(os.environ.get("IMMERSE_TASK_MAX_ATTEMPTS", "3"))

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
# "Where are you now?": attendees are invited to re-assess this many days after an event.
IMMERSE_REASSESS_AFTER_DAYS = int(os.environ.get("IMMERSE_REASSESS_AFTER_DAYS", "30"))

# Proof of identity (docs/deployment.md): a sign-up waits for its e-mail's owner to click
# the link mailed there. Meanwhile it holds a seat for IMMERSE_SIGNUP_HOLD_MINUTES (0: no
# hold, the seat is decided on confirmation); its link works for IMMERSE_SIGNUP_LINK_HOURS.
IMMERSE_SIGNUP_HOLD_MINUTES = int(os.environ.get("IMMERSE_SIGNUP_HOLD_MINUTES", "30"))
IMMERSE_SIGNUP_LINK_HOURS = int(os.environ.get("IMMERSE_SIGNUP_LINK_HOURS", "72"))
IMMERSE_LOGIN_LINK_MINUTES = int(os.environ.get("IMMERSE_LOGIN_LINK_MINUTES", "30"))
# Django's password-reset links (single use by construction) work this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("IMMERSE_PASSWORD_RESET_MINUTES", "60")) * 60

# Database sessions whose save reports a lost database as such (see db_unavailable).
SESSION_ENGINE = "immerse.config.db_unavailable"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; "
    # The hub embeds live video from these players only (engine.video_embed's allow-list).
    f"frame-src {' '.join(EMBED_HOSTS)}"
)

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Probes come over plain HTTP from the load balancer or the process manager.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # Believed only from IMMERSE_TRUSTED_PROXIES (TrustedProxyMiddleware drops it otherwise).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs: one line per record on stderr, carrying the request id (IMMERSE_LOG_FORMAT=json for
# a JSON object per line, for a log collector).
LOGGING = logging_settings(level=os.environ.get("IMMERSE_LOG_LEVEL", "WARNING"),
                           fmt=os.environ.get("IMMERSE_LOG_FORMAT", "text"))
