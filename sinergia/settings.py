"""Sinergia's settings, read from the environment in this one place.

With no environment at all, Sinergia runs for development: DEBUG on, a SQLite file under
`var/`, a throwaway secret key. `DEBUG=0` is production: then `SECRET_KEY` must be set and
cookies, HSTS and redirects are secure.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from sinergia.i18n import LANGUAGE_CHOICES
from sinergia.i18n import LANGUAGE_CODES as LANGUAGE_CODE_LIST

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SINERGIA_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - never used with DEBUG off

ALLOWED_HOSTS = _env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "sinergia.core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "ninja",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "sinergia.core",
    "sinergia.data_version",
    "sinergia.reference",
    "sinergia.accounts",
    "sinergia.notifications",
    "sinergia.registry",
    "sinergia.profiles",
    "sinergia.vocabulary",
    "sinergia.synergy",
    "sinergia.practices",
    "sinergia.statistics",
    "sinergia.dialogue",
    "sinergia.search",
    "sinergia.workspace",
    "sinergia.jobs",
]

MIDDLEWARE = [
    "sinergia.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "sinergia.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sinergia.accounts.two_factor.TwoFactorRequiredMiddleware",
    "sinergia.middleware.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sinergia.middleware.DataVersionMiddleware",
    "sinergia.middleware.PublicPageCacheMiddleware",
    "sinergia.middleware.ApiLastModifiedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sinergia.urls"
WSGI_APPLICATION = "sinergia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sinergia.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sinergia.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a write (an import, a form) is in progress.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if "DATABASE_URL" not in os.environ:
        VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

# Languages: Spanish is the default; all four official languages of the OAS are complete.
LANGUAGE_CODE = "es"
LANGUAGES = LANGUAGE_CHOICES
LANGUAGE_CODES = list(LANGUAGE_CODE_LIST)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/New_York"  # the OAS headquarters, Washington D.C.
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even when empty

# Production hardening: on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
BEHIND_PROXY = _env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of Sinergia append to X-Forwarded-For: the client's address is the
# entry that many places from the right (sinergia.client). One when BEHIND_PROXY is on.
SINERGIA_TRUSTED_PROXIES = int(
    os.environ.get("SINERGIA_TRUSTED_PROXIES", "1" if BEHIND_PROXY else "0")
)

# Mail: sent over SMTP in production, so that a password-reset link never lands in a server
# log, and in development too once EMAIL_HOST names a server; else printed to the console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if not DEBUG or os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sinergia@localhost")
# The address people reach Sinergia at: links in mail (password reset) are built on it, never
# on the Host header of the request that asked for them.
# Without SITE_URL: the first of ALLOWED_HOSTS, over HTTPS in production.
SITE_URL = os.environ.get(
    "SITE_URL",
    "http://127.0.0.1:8000"
    if DEBUG
    else (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and ALLOWED_HOSTS[0] != "*" else ""),
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint's font subsetting reports every table it prunes.
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# Content Security Policy: scripts and styles from Sinergia's own files only, no inline code
# and no eval (the charts run vega's expression interpreter instead).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): five failed attempts for one user name from one address
# lock that pair out for fifteen minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sinergia.client.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Two-factor codes (TOTP) are issued under this name in authenticator apps.
OTP_TOTP_ISSUER = "Sinergia"

# Shared state. With REDIS_URL set, the cache (rate limits, report build locks) and the public
# page cache live in Redis and hold across every process and host; without it each process
# keeps its own, bounded in bytes. The public page cache is off in development, so that a
# changed template shows at once.
REDIS_URL = os.environ.get("REDIS_URL", "")
SINERGIA_PUBLIC_CACHE_SECONDS = int(
    os.environ.get("SINERGIA_PUBLIC_CACHE_SECONDS", "0" if DEBUG else "600")
)
SINERGIA_PAGE_CACHE_BYTES = int(os.environ.get("SINERGIA_PAGE_CACHE_BYTES", str(64 * 1024 * 1024)))
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sinergia",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sinergia-pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "pages": {
            "BACKEND": "sinergia.caching.ByteBoundedLocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5_000, "MAX_BYTES": SINERGIA_PAGE_CACHE_BYTES},
        },
    }

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The largest request body accepted at all (an upload is 10 MB at most, plus the form): larger
# ones are refused with 413 before anything reads them.
SINERGIA_MAX_REQUEST_BYTES = int(
    os.environ.get("SINERGIA_MAX_REQUEST_BYTES", str(12 * 1024 * 1024))
)

# Where `sinergia init` reads the bundled reference data from.
SINERGIA_DATA_DIR = Path(os.environ.get("SINERGIA_DATA_DIR", PACKAGE_DIR / "data"))
# The base of the stable identifiers (URIs) of mechanisms, countries and concepts.
SINERGIA_URI_BASE = os.environ.get("SINERGIA_URI_BASE", "https://sinergia.oas.org/id/")
# Calls a minute one API token may make; writes a minute one account may make (pages, API,
# any token of its own); requests a minute one address may make without signing in; failed
# sign-ins from one address, whatever the user names, in fifteen minutes; password-reset
# requests an hour from one address. 0 turns a limit off.
SINERGIA_API_RATE_PER_MINUTE = int(os.environ.get("SINERGIA_API_RATE_PER_MINUTE", "120"))
SINERGIA_WRITES_PER_MINUTE = int(os.environ.get("SINERGIA_WRITES_PER_MINUTE", "30"))
SINERGIA_READS_PER_MINUTE = int(os.environ.get("SINERGIA_READS_PER_MINUTE", "600"))
SINERGIA_SIGNIN_FAILURES_PER_ADDRESS = int(
    os.environ.get("SINERGIA_SIGNIN_FAILURES_PER_ADDRESS", "20")
)
SINERGIA_PASSWORD_RESETS_PER_HOUR = int(os.environ.get("SINERGIA_PASSWORD_RESETS_PER_HOUR", "5"))

# Consolidated reports built at once, on the whole machine (the web workers and commands
# share the slots); a page that needs one more answers 503 with Retry-After.
SINERGIA_REPORT_BUILDS = int(os.environ.get("SINERGIA_REPORT_BUILDS", "1"))

# Background jobs: a Celery task queue (docs/decisions/0003-task-queue.md). With a broker
# (CELERY_BROKER_URL, or else REDIS_URL), `sinergia worker` runs the jobs; with none, each job
# runs at once in the process that asks for it, so that development and tests need no server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# A job that fails is marked failed on its page (and logged), not raised at whoever asked.
CELERY_TASK_EAGER_PROPAGATES = False
# Jobs keep their state and progress in the database (sinergia.jobs), which every page reads:
# no result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
# A job is acknowledged when it has finished, not when it starts: a worker killed mid-job
# leaves its job on the queue, and another worker (or the same one, restarted) runs it again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How long a job taken by a worker that died waits before another worker is given it (Redis
# brokers; RabbitMQ gives it back as soon as the worker's connection drops). A job still
# running past this is given out again and the second delivery finds it under way.
SINERGIA_JOB_REDELIVERY_SECONDS = int(os.environ.get("SINERGIA_JOB_REDELIVERY_SECONDS", "600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": SINERGIA_JOB_REDELIVERY_SECONDS,
    # Look for such jobs this often (seconds), rather than every hundred seconds.
    "unacked_restore_interval": max(1, min(10, SINERGIA_JOB_REDELIVERY_SECONDS // 4)),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_DEFAULT_QUEUE = "sinergia"
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# What `sinergia worker --beat` starts on schedule: every night, the synergy analysis and the
# open-data package for the day's data, so that the first visitor of the morning waits for
# neither; every morning, the reminders of follow-up actions.
CELERY_BEAT_SCHEDULE = {
    "nightly-refresh": {
        "task": "sinergia.jobs.nightly_refresh",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every morning, the reminders of follow-up actions due soon or overdue (`sinergia remind`).
    "action-reminders": {
        "task": "sinergia.jobs.action_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
