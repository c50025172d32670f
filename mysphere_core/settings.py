"""MY SPHERE settings: one module, driven by the environment.

`.env` in the project root is read when present; variables already set in the real
environment win over it. With no `DATABASE_URL` the project runs on SQLite, with no
`REDIS_URL` on a cache table in the database (shared by every worker process), and with
no broker Celery runs tasks eagerly.
"""

import os
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from mysphere_core import webapp_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VERSION = "1.0.0"

DEBUG = env.bool("DEBUG", default=False)
INSECURE_DEV_SECRET_KEY = "django-insecure-dev-only-change-me"
SECRET_KEY = env("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else []
)

if not DEBUG:
    if (
        len(SECRET_KEY) < 32
        or SECRET_KEY.startswith("django-insecure")
        or SECRET_KEY == "change-me"
    ):
        raise ImproperlyConfigured(
            "DEBUG is off but SECRET_KEY is missing, a placeholder or shorter than 32 "
            "characters: set SECRET_KEY in the environment or .env to a long random "
            "value, e.g. the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG is off and ALLOWED_HOSTS is empty: set ALLOWED_HOSTS to the host "
            "names this server answers to, e.g. ALLOWED_HOSTS=api.example.com."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "corsheaders",
    "axes",
    # before drf_spectacular: its templates override the ReDoc page (no font CDN)
    "mysphere_core",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "users",
    "expenses",
    "subscriptions",
    "budgets",
    "lending",
    "lists",
    "todos",
    "integrations",
]

MIDDLEWARE = [
    "mysphere_core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A retried write with the same Idempotency-Key gets the first answer.
    "mysphere_core.idempotency.IdempotencyMiddleware",
    # Last: locks out repeated failed admin logins (settings_security.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mysphere_core.urls"
CSRF_FAILURE_VIEW = "mysphere_core.exceptions.json_csrf_failure"
# Request bodies above this are refused with 413 (JSON) before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
WSGI_APPLICATION = "mysphere_core.wsgi.application"
ASGI_APPLICATION = "mysphere_core.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

# Database: SQLite by default, PostgreSQL with DATABASE_URL=postgres://...
DATABASES = {
    "default": env.db_url_config(
        env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked".
    # WAL: readers never wait for a writer (several workers); synchronous=NORMAL:
    # a commit does not wait for the disk (durable at each WAL checkpoint; a power
    # cut may lose the last commits, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # SQLITE_MAX_PAGES caps the file (SQLite keeps it at least at its current size):
    # `make chaos` sets it to 1 to make the disk full for every connection.
    if env("SQLITE_MAX_PAGES", default=""):
        DATABASES["default"]["OPTIONS"][
            "init_command"
        ] += f" PRAGMA max_page_count={env.int('SQLITE_MAX_PAGES')};"
    # Tests use a file, not shared-cache memory, so concurrent writers wait for the
    # lock as in production instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"mysphere_test_{os.getpid()}.db")
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: on PostgreSQL a new one costs a few ms of TCP, auth and
# backend start per request; on SQLite in WAL mode closing the last connection to the
# file checkpoints the WAL into it (an fsync) and the next opening sets the WAL up
# again (bench/load_profile.py: 1-3 ms a request). A kept connection is checked before
# each request reuses it, so a restarted server costs no error.
POSTGRESQL = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis with REDIS_URL=redis://...; otherwise CACHE_URL, by default a table in
# the database, so that every worker process (gunicorn, Celery) shares one cache: the
# analytics caches, their versions, AI caches and throttle counters are never stale in
# another process. The table is created by migrations (`createcachetable`).
REDIS_URL = env("REDIS_URL", default="")
CACHE_TIMEOUT = env.int("CACHE_TIMEOUT", default=3600)
# A user's cache versions (one per feature) live this long after their last change:
# every cache entry has a timeout, so the cache holds the users of the last 30 days.
CACHE_VERSION_TIMEOUT = env.int("CACHE_VERSION_TIMEOUT", default=30 * 24 * 3600)
# A cache that is down, paused or slow is a miss after at most CACHE_SOCKET_TIMEOUT
# seconds, then skipped by the process for CACHE_RETRY_SECONDS
# (mysphere_core/resilient_cache.py); writes it cannot forget raise the user's cache
# generation in the database instead, so nothing stale is served once it is back.
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "mysphere_core.resilient_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://mysphere_cache")}
    CACHES["default"]["TIMEOUT"] = CACHE_TIMEOUT
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 50000)
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
        # The same table, with a write that is one statement (mysphere_core/dbcache.py).
        CACHES["default"]["BACKEND"] = "mysphere_core.dbcache.DatabaseCache"
# Deployments (or test servers) sharing one Redis keep apart by a prefix.
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="")

# Celery: Redis (or any broker) when configured, eager in-process execution otherwise.
# `make run` / `make serve` without Redis set `filesystem://` (manage.py run_with_jobs):
# kombu's filesystem transport, message files in CELERY_BROKER_DIR shared by the
# server, the worker and beat on this machine.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL
CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(BASE_DIR / "var/celery")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "messages"),
        "data_folder_out": str(CELERY_BROKER_DIR / "messages"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL
)
# An eager task's failure stays in the task (logged, retried), as with a real worker;
# tests turn this on to see errors (pyproject.toml).
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_TIMEZONE = "UTC"
# Periodic jobs of the feature apps (run by `celery -A mysphere_core beat`).
# The periodic jobs are each app's own (`<app>/jobs.py`, `JOBS`); the kit assembles
# Celery's beat schedule from them (`mysphere_core/schedule.py`).
# Each job is sent once per period even when several schedulers run
# (mysphere_core/beat.py).
CELERY_BEAT_SCHEDULER = "mysphere_core.beat:OncePerSlotScheduler"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when collectstatic has not run (dev, tests);
# gunicorn deployments run collectstatic and get compressed files.
WHITENOISE_USE_FINDERS = DEBUG or not STATIC_ROOT.exists()
# The web app's build (`make web`), served at the root on this origin (webapp.py):
# hashed assets cached for good, everything else revalidated. whitenoise lists the
# folder when the process starts (restart after a rebuild), or on every request with
# WHITENOISE_AUTOREFRESH (default: DEBUG).
WEB_APP_DIR = Path(env("WEB_APP_DIR", default=str(BASE_DIR / "frontend" / "dist")))
WHITENOISE_ROOT = WEB_APP_DIR
WHITENOISE_IMMUTABLE_FILE_TEST = webapp_headers.IMMUTABLE_ASSET
WHITENOISE_ADD_HEADERS_FUNCTION = webapp_headers.add_headers
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# Email: console by default.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="MY SPHERE <no-reply@localhost>")
# Where the file email backend writes (EMAIL_BACKEND=...filebased.EmailBackend).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent_emails"))
# Base URL of the password-reset link; empty: the origin the request came to (the web
# app served by this server).
FRONTEND_URL = env("FRONTEND_URL", default="")
# Integrations: webhooks may target private/loopback addresses only when this is on
# (tests reach a receiver on 127.0.0.1); the digest goes out at this local hour.
WEBHOOK_ALLOW_PRIVATE = env.bool("WEBHOOK_ALLOW_PRIVATE", default=False)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
NOTIFICATION_DIGEST_HOUR = env.int("NOTIFICATION_DIGEST_HOUR", default=7)

# AI (Gemini) — see mysphere_core/ai.py.
GEMINI_API_KEY = env("GEMINI_API_KEY", default="")
GEMINI_BASE_URL = env("GEMINI_BASE_URL", default="")
AI_MODEL = env("AI_MODEL", default="gemini-2.5-flash")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=10.0)
# A failing call (timeout, 5xx, 429) is tried again: up to AI_MAX_ATTEMPTS requests,
# an exponential back-off between them, all within AI_TIME_BUDGET_SECONDS.
AI_MAX_ATTEMPTS = env.int("AI_MAX_ATTEMPTS", default=3)
AI_RETRY_BACKOFF_SECONDS = env.float("AI_RETRY_BACKOFF_SECONDS", default=0.5)
AI_TIME_BUDGET_SECONDS = env.float("AI_TIME_BUDGET_SECONDS", default=25.0)
AI_INSIGHTS_ENABLED = env.bool("AI_INSIGHTS_ENABLED", default=True)
AI_CACHE_TIMEOUT = env.int("AI_CACHE_TIMEOUT", default=86400)
AI_PARSE_CACHE_TIMEOUT = env.int("AI_PARSE_CACHE_TIMEOUT", default=7 * 86400)
AI_MAX_CALLS_PER_DAY = env.int("AI_MAX_CALLS_PER_DAY", default=3)
AI_MAX_PARSE_CALLS_PER_DAY = env.int("AI_MAX_PARSE_CALLS_PER_DAY", default=50)

# Feature flags of the rule book: each feature declares its own in its AppConfig
# (`feature_flag`, `ai_flag`); the kit reads each from the environment variable of
# that name (default on) when the app is ready and keeps the value here.
FEATURE_FLAGS: dict[str, bool] = {}


# Domain limits.
# Money ceilings, read through `mysphere_core.money.ceiling(kind)`: one expense (the
# rule book's), one loan or repayment, and everything else (plans, subscription prices:
# what a money column holds). MAX_EXPENSE_AMOUNT, the old name, still sets the first.
def _money_limit(name: str, default: str) -> Decimal:
    """A positive decimal from the environment variable `name`."""
    raw = env(name, default=default)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal(0)
    if not value.is_finite() or value <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive amount, not {raw!r}.")
    return value


MONEY_LIMITS = {
    "expense": _money_limit(
        "MONEY_LIMIT_EXPENSE", env("MAX_EXPENSE_AMOUNT", default="10000.00")
    ),
    "loan": _money_limit("MONEY_LIMIT_LOAN", "1000000.00"),
    "default": _money_limit("MONEY_LIMIT_DEFAULT", "9999999999.99"),
}
MAX_SUBSCRIPTIONS_PER_USER = env.int("MAX_SUBSCRIPTIONS_PER_USER", default=100)
MAX_SUBSCRIPTION_CATEGORIES_PER_USER = env.int(
    "MAX_SUBSCRIPTION_CATEGORIES_PER_USER", default=50
)
SUBSCRIPTION_ANALYTICS_CACHE_TIMEOUT = env.int(
    "SUBSCRIPTION_ANALYTICS_CACHE_TIMEOUT", default=15 * 60
)
# A subscription portfolio costing more than this a month (in any one currency)
# draws a "high total" insight.
SUBSCRIPTION_HIGH_MONTHLY_COST = env("SUBSCRIPTION_HIGH_MONTHLY_COST", default="200")
EXPENSE_ANALYTICS_CACHE_TIMEOUT = env.int(
    "EXPENSE_ANALYTICS_CACHE_TIMEOUT", default=3600
)
# How long after a delete its owner may restore an expense (the web app's Undo).
EXPENSE_RESTORE_WINDOW_SECONDS = env.int("EXPENSE_RESTORE_WINDOW_SECONDS", default=600)
PAGINATION_PAGE_SIZE = env.int("PAGINATION_PAGE_SIZE", default=20)
PAGINATION_MAX_PAGE_SIZE = 100

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
# json: one JSON object per line (production); plain: readable text (development).
LOG_FORMAT = env("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "mysphere_core.logs.JSONFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The access line of every request is ours (mysphere.access).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        "google_genai": {"level": "WARNING"},
    },
}

# Errors to Sentry when SENTRY_DSN is set (no personal data is sent).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

from mysphere_core.openapi import SPECTACULAR_SETTINGS  # noqa: E402,F401
from mysphere_core.settings_security import *  # noqa: E402,F401,F403
