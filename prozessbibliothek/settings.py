"""Settings, read from the environment.

The embedded default needs no variable at all: SQLite file, Celery tasks run eagerly in-process,
e-mail to the console, files on local disk. `DATABASE_URL` switches to PostgreSQL, `REDIS_URL` to a
Redis broker and cache with separate worker processes.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_netze, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# Test runs get the relaxed local defaults (dev secret, plain HTTP) without any variable.
TESTING = env_bool("TESTING", default="pytest" in sys.modules)

_DEV_SECRET = "unsicherer-entwicklungsschluessel-nur-lokal"  # noqa: S105 - refused below unless DEBUG
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not (DEBUG or TESTING) and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django's admin, with every write also in our audit log (kommunen/adminprotokoll.py).
    "kommunen.adminprotokoll.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "kommunen",
    "modelle",
    "schulungen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that can refuse a request early (a foreign Host, a body too large),
    # so that those answers carry the same headers as every page.
    "prozessbibliothek.middleware.SicherheitskoepfeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "prozessbibliothek.middleware.AnfragegroesseMiddleware",
    "prozessbibliothek.middleware.NullzeichenMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "prozessbibliothek.fehler.FachfehlerMiddleware",
]

ROOT_URLCONF = "prozessbibliothek.urls"
WSGI_APPLICATION = "prozessbibliothek.wsgi.application"

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
                "kommunen.context_processors.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, Celery --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_TASK_HARD_TIME_LIMIT = env_int("CELERY_TASK_HARD_TIME_LIMIT", 300)
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Eager (in-process) without Redis; CELERY_EAGER=1 forces it for test runs that assert on
# mail.outbox.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = CELERY_TASK_HARD_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# The heavy register tasks (processing a version, finding similar models) have their own, shorter
# limits: past the soft one a version ends as `fehler` with its reason, the hard one kills the
# child. The sweep for versions stuck in `laeuft` waits for the hard one too.
VERARBEITUNG_SOFT_TIME_LIMIT = env_int("VERARBEITUNG_SOFT_TIME_LIMIT", 60)
VERARBEITUNG_HARD_TIME_LIMIT = env_int("VERARBEITUNG_HARD_TIME_LIMIT", 90)
if not 0 < VERARBEITUNG_SOFT_TIME_LIMIT < VERARBEITUNG_HARD_TIME_LIMIT:
    raise ImproperlyConfigured(
        "VERARBEITUNG_SOFT_TIME_LIMIT must be positive and below VERARBEITUNG_HARD_TIME_LIMIT."
    )
# A late-acked task is redelivered after the visibility timeout: keep it above the hard limit
# so a slow but alive task is never run twice at once. It is also how long the messages of a
# killed worker *main* process wait in Redis before another worker gets them; the chaos run
# (bench/chaos.py) shortens it, its tasks take seconds.
CELERY_VISIBILITY_TIMEOUT = env_int(
    "CELERY_VISIBILITY_TIMEOUT",
    max(CELERY_TASK_HARD_TIME_LIMIT, VERARBEITUNG_HARD_TIME_LIMIT) * 2 + 60,
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # How often a worker looks for such overdue messages (kombu's default: every 100 s): a
    # tenth of the timeout, so they are back within 1.1 times the timeout.
    "unacked_restore_interval": max(1, CELERY_VISIBILITY_TIMEOUT // 10),
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BEAT_SCHEDULE: dict = {
    # The day before an event, every participant with a place gets a reminder (07:00 Berlin).
    "schulungen-erinnerungen": {
        "task": "schulungen.tasks.erinnerungen_senden",
        "schedule": crontab(hour=7, minute=0),
    },
    # Versions whose message got lost (broker restart, killed worker) are enqueued again.
    "modelle-haengende-versionen": {
        "task": "modelle.tasks.haengende_versionen_einreihen",
        "schedule": timedelta(seconds=env_int("HAENGENDE_VERSIONEN_TAKT_SEKUNDEN", 300)),
    },
}
# A version still `wartend` this long after its upload has lost its message: the sweep above
# enqueues it again (the claim in the worker makes a second message harmless).
HAENGENDE_VERSIONEN_NACH_SEKUNDEN = env_int("HAENGENDE_VERSIONEN_NACH_SEKUNDEN", 120)
# A worker child that grew past this (KiB) after a task is replaced; the hard cap per process
# is set in prozessbibliothek/celery.py (RLIMIT_AS) so one file cannot take the machine.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_KB", 1_000_000)
WORKER_SPEICHERGRENZE_MB = env_int("WORKER_SPEICHERGRENZE_MB", 3072)

# --- auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "kommunen.Benutzer"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

# Login lockout (django-axes, with our handler in kommunen/anmeldung.py). Two counts, each within
# the cool-off window: wrong passwords for one account from one address (AXES_FAILURE_LIMIT) and
# wrong passwords from one address across all accounts (ANMELDUNG_FEHLVERSUCHE_PRO_IP), which
# stops password spraying; it is higher because one town hall's staff share one address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
ANMELDUNG_FEHLVERSUCHE_PRO_IP = env_int("ANMELDUNG_FEHLVERSUCHE_PRO_IP", 30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_HANDLER = "kommunen.anmeldung.Anmeldesperre"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_CALLABLE = "kommunen.anmeldung.gesperrt_antwort"
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout is not counted again: the lock ends on time, and an attacker
# hammering a locked account does not grow the attempt records.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address: REMOTE_ADDR, or, only for a request that comes from one of these reverse
# proxies (addresses or networks), the nearest address in X-Forwarded-For that is not one of them.
# Without it behind a proxy, every client shares the proxy's address.
TRUSTED_PROXIES = env_netze("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "kommunen.anmeldung.client_ip"
# Password-reset mails: at most this many per address and per client address within an hour.
PASSWORT_RESET_PRO_ADRESSE = env_int("PASSWORT_RESET_PRO_ADRESSE", 3)
PASSWORT_RESET_PRO_IP = env_int("PASSWORT_RESET_PRO_IP", 10)

EINLADUNG_GUELTIG_TAGE = env_int("EINLADUNG_GUELTIG_TAGE", 14)

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- request limits ------------------------------------------------------------------------
# A whole request: 50 MiB ZIP archive or 50 files of a batch upload, plus form fields.
MAX_ANFRAGE_BYTES = env_int("MAX_ANFRAGE_MB", 60) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 60
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))

_S3_BUCKET = env_str("S3_BUCKET")
if _S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "region_name": env_str("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {"default": _default_storage, "staticfiles": {"BACKEND": _static_backend}}

# --- e-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds; Django's default (None) lets a hanging SMTP server hold a web worker for good.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mails"))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Prozessbibliothek BW <noreply@prozessbibliothek.example>"
)

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "prozessbibliothek.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Prozessbibliothek Baden-Württemberg API",
    "DESCRIPTION": "Prozessmodelle, Kommunen und Schulungen des Netzwerks.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from our own static files: no CDN, and the CSP stays 'self'.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request bodies get their own components: an upload field is then `format: binary` (a file),
    # not the URL a response would carry.
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "prozessbibliothek.api.links_ergaenzen",
        "prozessbibliothek.api.fehler_ergaenzen",
    ],
    "ENUM_NAME_OVERRIDES": {
        "VersionStatusEnum": "modelle.models.Modellversion.Status",
        "VerarbeitungEnum": "modelle.models.Modellversion.Verarbeitung",
        "KohorteStatusEnum": "schulungen.models.Kohorte.Status",
        "EinschreibungStatusEnum": "schulungen.models.Einschreibung.Status",
    },
}

# --- security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not (DEBUG or TESTING):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Tasks run in-process without Redis; a line per task would drown the console.
    "loggers": {
        "axes": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},
    },
}
