"""Footnote settings: one module, driven by the environment (twelve-factor).

The embedded default (no variables set) runs on SQLite in WAL mode with Celery in eager
mode, so `make run` needs no other process. FOOTNOTE_ENV=production turns on the
production posture and refuses to start with an insecure value.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

FOOTNOTE_ENV = env.str("FOOTNOTE_ENV", default="development")
if FOOTNOTE_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("FOOTNOTE_ENV must be 'development' or 'production'.")
PRODUCTION = FOOTNOTE_ENV == "production"

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-3f9a1c7e"  # noqa: S105

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Reminders (Web Push): the server's VAPID key (journal/push_keys.py). Development makes
# one under var/ the first time it is needed; production must be given one.
FOOTNOTE_REMINDERS = env.bool("FOOTNOTE_REMINDERS", default=True)
FOOTNOTE_VAPID_PRIVATE_KEY = env.str("FOOTNOTE_VAPID_PRIVATE_KEY", default="")
FOOTNOTE_VAPID_KEY_FILE = env.str(
    "FOOTNOTE_VAPID_KEY_FILE", default="" if PRODUCTION else str(VAR_DIR / "vapid_private_key")
)
FOOTNOTE_VAPID_SUBJECT = env.str(
    "FOOTNOTE_VAPID_SUBJECT", default="" if PRODUCTION else "mailto:footnote@localhost"
)
# Push endpoints are https; development and tests may allow a local http push service.
FOOTNOTE_PUSH_ALLOW_HTTP = not PRODUCTION and env.bool("FOOTNOTE_PUSH_ALLOW_HTTP", default=True)

if PRODUCTION:
    problems = []
    if FOOTNOTE_REMINDERS:
        from journal.push_keys import vapid_problems

        problems += vapid_problems(
            private_key=FOOTNOTE_VAPID_PRIVATE_KEY,
            key_file=FOOTNOTE_VAPID_KEY_FILE,
            public_key=env.str("FOOTNOTE_VAPID_PUBLIC_KEY", default=""),
            subject=FOOTNOTE_VAPID_SUBJECT,
        )
    if DEBUG:
        problems.append("DEBUG must be off")
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must be set")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))
elif (
    SECRET_KEY == _DEV_SECRET_KEY
    and not env.bool("FOOTNOTE_QUIET", default=False)
    # runserver's autoreloader runs the server in a child process (RUN_MAIN=true) that
    # loads the settings again: the parent has warned already.
    and os.environ.get("RUN_MAIN") != "true"
):
    warnings.warn(
        "Footnote is running with development settings (default SECRET_KEY, DEBUG on). "
        "Set FOOTNOTE_ENV=production and the variables in README.md for a real deployment.",
        stacklevel=1,
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
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, so /api/docs/ works offline
    "csp",
    "journal",
    "reports",
    "pwa",
]

MIDDLEWARE = [
    # Outermost, so it compresses the answer every other middleware has finished.
    "config.compression.TextGZipMiddleware",
    "journal.middleware.ApiAnswersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "journal.middleware.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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

# --- Database -------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'footnote.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while a worker writes; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Opening a PostgreSQL connection costs more than a whole small request (budgets.md).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters bound by the server, and statements a connection runs often prepared
    # once: parsing and planning were most of PostgreSQL's work for a small request
    # (an entry create's statements are the same text every time).
    # PG_PREPARE_THRESHOLD=off turns preparing off (a pooler in transaction mode that
    # cannot keep prepared statements, such as PgBouncer before 1.21).
    prepare_threshold = env.str("PG_PREPARE_THRESHOLD", default="5")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=None if prepare_threshold == "off" else int(prepare_threshold),
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login throttling must be shared between processes in production) ----------

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://footnote")}
if PRODUCTION and CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise ImproperlyConfigured(
        "Refusing to start in production: CACHE_URL must name a shared cache (redis://...), "
        "or login throttling would be per process."
    )

# --- Auth -----------------------------------------------------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "journal.password_validation.NotOnlyWhitespaceValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    # Report PDFs go through this storage; production can point it at object storage
    # (django-storages) without touching the code.
    "default": {
        "BACKEND": env.str(
            "DEFAULT_FILE_STORAGE_BACKEND",
            default="django.core.files.storage.FileSystemStorage",
        )
    },
    # Production: hashed names, gzip and brotli beside each file, imports rewritten to
    # the hashed names (config/static_storage.py). FOOTNOTE_STATIC_MANIFEST=1 asks for
    # the same outside production (the static-serving test, `make lighthouse`).
    "staticfiles": {
        "BACKEND": "config.static_storage.AppStaticFilesStorage"
        if PRODUCTION or env.bool("FOOTNOTE_STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Request limits -------------------------------------------------------------------

# A sync of 500 full entries fits comfortably; anything larger is refused with 413
# before the body is read.
FOOTNOTE_MAX_BODY_BYTES = env.int("FOOTNOTE_MAX_BODY_BYTES", default=16 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = FOOTNOTE_MAX_BODY_BYTES
FOOTNOTE_SYNC_MAX_CHANGES = 500

# --- REST framework and OpenAPI -------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "journal.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + ([] if PRODUCTION else ["rest_framework.renderers.BrowsableAPIRenderer"]),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "journal.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    # ?format= belongs to the export endpoint, not to content negotiation.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_RATES": {"registration": "10/hour"},
    # Throttles count by the client's address: REMOTE_ADDR, or behind NUM_PROXIES proxies
    # the address the nearest one appended to X-Forwarded-For. DRF's default (None) takes
    # the whole header, which any client can forge to dodge the registration throttle.
    # Production sits behind a TLS-terminating proxy (SECURE_PROXY_SSL_HEADER), hence 1.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=1 if PRODUCTION else 0),
}
# ... and only when the connection comes from one of these proxies (journal.client_address).
# gunicorn reads the same variable to trust X-Forwarded-Proto; its default too.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"])

SPECTACULAR_SETTINGS = {
    "TITLE": "Footnote API",
    "DESCRIPTION": (
        "A symptom journal for foot and leg pain that may start in the spine. "
        "Version 1 of the contract in shared/spec/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags (and operation ids) from the path after /api/v1/: entries, events, flags...
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # /api/docs/ loads Swagger UI from the app's own static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",  # the default
        "journal.api.schema.complete_the_schema",  # 406s, /healthz, /share/{token}
    ],
}

# Password tries allowed per username and per address in a minute (sign-in, password
# change, account deletion); the next is a 429.
FOOTNOTE_LOGIN_FAILURES_PER_MINUTE = 5
# A device token unused for this many days no longer works.
TOKEN_IDLE_DAYS = env.int("TOKEN_IDLE_DAYS", default=30)

# --- Celery ---------------------------------------------------------------------------

# Unset means the embedded default: tasks run eagerly, and the in-memory transport keeps
# anything from reaching for a broker on localhost (a RabbitMQ there would take messages).
CELERY_TASK_ALWAYS_EAGER = not env.str("CELERY_BROKER_URL", default="")
# Without a broker, tasks run eagerly in the request. The memory transport is named with
# a host only so that kombu does not log "No hostname was supplied" on every enqueue.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A hung task (a render stuck on a pathological year) must not hold a worker for ever.
# The soft limit raises inside the task, which records a failure; the hard limit kills
# the process. A 366-day report renders in seconds: minutes are a wide margin.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)

# Work whose worker died (kill -9, a lost machine) is taken back by the database, not by
# the broker. A claim (a report being drawn, an analysis running) is a lease that the
# working task renews every FOOTNOTE_CLAIM_HEARTBEAT_SECONDS from a thread of its own; a
# lease not renewed for FOOTNOTE_CLAIM_LEASE_SECONDS belongs to a dead worker, and the
# sweeps (celery beat, every FOOTNOTE_SWEEP_SECONDS) queue that work again: taken back
# within lease + sweep interval (45 s). Work never claimed (its message lost before any
# worker took it, or waiting behind a backlog) is queued again after
# FOOTNOTE_UNCLAIMED_STALE_SECONDS.
FOOTNOTE_CLAIM_LEASE_SECONDS = env.float("FOOTNOTE_CLAIM_LEASE_SECONDS", default=30)
FOOTNOTE_CLAIM_HEARTBEAT_SECONDS = env.float("FOOTNOTE_CLAIM_HEARTBEAT_SECONDS", default=5)
FOOTNOTE_SWEEP_SECONDS = env.float("FOOTNOTE_SWEEP_SECONDS", default=15)
FOOTNOTE_UNCLAIMED_STALE_SECONDS = env.float("FOOTNOTE_UNCLAIMED_STALE_SECONDS", default=180)
if FOOTNOTE_CLAIM_HEARTBEAT_SECONDS * 3 > FOOTNOTE_CLAIM_LEASE_SECONDS:
    raise ImproperlyConfigured(
        "FOOTNOTE_CLAIM_HEARTBEAT_SECONDS must be a third of FOOTNOTE_CLAIM_LEASE_SECONDS or "
        "less: a live worker that misses one beat (a slow query) must keep its claim"
    )
# The longest a live worker holds a message before running it: a retry's countdown (the
# database retries back off to 5 minutes, a push service's to 15: journal/tasks.py).
LONGEST_RETRY_COUNTDOWN_SECONDS = 15 * 60
# Redis hands a message that was not acknowledged to another worker after this long. It
# only has to cover what a LIVE worker may hold (the longest countdown, then the hard
# time limit): shorter, and Redis would deliver a waiting retry again and again to other
# workers (Celery's documented caveat for countdowns beyond it). A dead worker's work
# does not wait for it: the leases above take it back within a minute; its message, when
# it comes back, finds nothing to claim.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": LONGEST_RETRY_COUNTDOWN_SECONDS + CELERY_TASK_TIME_LIMIT + 60
}

# --- Production posture (manage.py check --deploy is clean with these) ----------------

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the app's own files, no inline script (the
# shell's data travels as <script type="application/json">, which is not executed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:", "blob:"],
        "connect-src": [CSP_SELF],
        "font-src": [CSP_SELF],
        "manifest-src": [CSP_SELF],
        "worker-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        # Off only where production settings are served over plain http on this
        # machine (make lighthouse): there is no https to upgrade to.
        "upgrade-insecure-requests": PRODUCTION
        and env.bool("FOOTNOTE_UPGRADE_INSECURE_REQUESTS", default=True),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"share_tokens": {"()": "config.access_log.RedactShareTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["share_tokens"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # On the loggers that name request paths too: a logger's filter changes the record
    # before any handler sees it, Django's own handlers included.
    "loggers": {
        name: {"filters": ["share_tokens"]} for name in ("django.request", "django.server")
    },
}

# --- Periodic work (celery beat) -------------------------------------------------------

CELERY_BEAT_SCHEDULE = {
    # Often, and cheap (an indexed read that finds nothing, nearly always): the sweep's
    # interval is part of how soon a dead worker's work is taken back.
    "sweep-pending-analyses": {
        "task": "journal.tasks.sweep_pending_analyses",
        "schedule": FOOTNOTE_SWEEP_SECONDS,
        "options": {"expires": FOOTNOTE_SWEEP_SECONDS},
    },
    "sweep-stale-reports": {
        "task": "reports.tasks.sweep_stale_reports",
        "schedule": FOOTNOTE_SWEEP_SECONDS,
        "options": {"expires": FOOTNOTE_SWEEP_SECONDS},
    },
    "remove-orphan-report-files": {
        "task": "reports.tasks.remove_orphan_report_files",
        "schedule": crontab(hour=4, minute=5),
    },
    "nightly-analysis": {
        "task": "journal.tasks.nightly_analysis",
        "schedule": crontab(hour=3, minute=15),
    },
}
if FOOTNOTE_REMINDERS:
    # At the start of every minute: the task reads the minute from its own clock.
    CELERY_BEAT_SCHEDULE["send-due-reminders"] = {
        "task": "journal.tasks.send_due_reminders",
        "schedule": crontab(),
        # A tick that waited a minute in the queue would look at the wrong minute.
        "options": {"expires": 50},
    }
