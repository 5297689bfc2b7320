"""Settings for the HLM portal.

One module for every environment: production differs only in its environment
variables, all prefixed ``HLM_`` (see ``.env.example``). With no variables set
and ``HLM_DEBUG=true`` the portal runs on the embedded default: SQLite, Celery
tasks in process, e-mail written to files.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

from hlm_portal.network import meta_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("HLM_DEBUG", default=False)
# Production refuses to start without a real key from the environment.
SECRET_KEY = (
    env("HLM_SECRET_KEY")
    if not DEBUG
    else env("HLM_SECRET_KEY", default="django-insecure-dev-only-key-never-used-in-production")
)
ALLOWED_HOSTS = env.list("HLM_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("HLM_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("HLM_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: staff enter content in English and French
    "hlm_portal.apps.PortalAdminConfig",  # the admin: input read safely, index grouped by work
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_ratelimit",
    "ninja",  # the read-only API (/api/v1/); its docs page uses the bundled Swagger UI
    "meetings",
    "speakers",
    "stakeholders",
    "hlm_portal.apps.PortalConfig",  # the project's own checks and account tasks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hlm_portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hlm_portal.open_data.OpenDataMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # throttles repeated failed sign-ins
    "meetings.access.SignInBackend",  # Django's, reading a focal point with its user
]
AXES_FAILURE_LIMIT = env.int("HLM_SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "meetings.inputs.client_address"

# Behind a reverse proxy, the header it sets with the client's address (X-Forwarded-For), and
# how many proxies append to it. Unset: the address the connection comes from (REMOTE_ADDR).
# Set it only when every request goes through the proxy, or clients choose their address.
TRUSTED_PROXY_HEADER = meta_key(env("HLM_TRUSTED_PROXY_HEADER", default=""))
TRUSTED_PROXY_COUNT = env.int("HLM_TRUSTED_PROXY_COUNT", default=1)
RATELIMIT_IP_META_KEY = "meetings.inputs.client_address"
# Requests for a link to choose a new password.
RESET_LINK_RATE_PER_ADDRESS = "3/h"
RESET_LINK_RATE_PER_CLIENT = "10/h"

ROOT_URLCONF = "hlm_portal.urls"
WSGI_APPLICATION = "hlm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("HLM_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections open between requests (a new one costs ~20 ms of PostgreSQL CPU).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("HLM_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["hlm_portal.formats"]  # a moment reads "10.39 a.m.", "10 h 39"
# Content staff enter (titles, themes, concept notes, functions) can be given per language;
# where a translation is missing the English text is shown. Another official language is one
# line in LANGUAGES, a migration and a catalogue: no code changes (Arabic pages turn right to
# left through Bootstrap's RTL stylesheet).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# High-level meetings take place at Headquarters: times are New York times.
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("HLM_STATIC_ROOT", default=str(BASE_DIR / "var" / "staticfiles")))
# Uploaded documents are never served directly: views check who may read them.
MEDIA_ROOT = Path(env("HLM_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6.0 behaviour, opted into now

# A cache shared by all processes (Redis in production) keeps rate limits across workers.
CACHE_URL = env("HLM_CACHE_URL", default=env("HLM_CELERY_BROKER_URL", default=""))
# django-ratelimit lists only third-party Redis backends as supported; Django's own
# RedisCache (here keeping its Redis clients: hlm_portal/redis_cache.py) is shared by all
# processes and supports the atomic increments it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "hlm_portal.redis_cache.RedisCache", "LOCATION": CACHE_URL}}
else:  # the embedded default runs one process: a local cache is shared enough
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")
RATELIMIT_VIEW = "stakeholders.views.rate_limited"
# Sessions live in the database; every signed-in request reads its own from the cache, and
# an outage of the cache falls back on the database (hlm_portal/sessions.py).
SESSION_ENGINE = "hlm_portal.sessions"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "speakers:dashboard"
LOGOUT_REDIRECT_URL = "meetings:list"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # the set-up link of a new focal point lasts 3 days

# E-mail: SMTP from HLM_EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production;
# files under var/mail in the embedded default. The sender's name is translated into the
# language of each message where the catalogue has it (meetings.services.outbox.sender).
DEFAULT_FROM_EMAIL = env(
    "HLM_DEFAULT_FROM_EMAIL",
    default="Office of the President of the General Assembly <pga-hlm@example.org>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The editors of the Journal of the United Nations, who receive the portal's announcements.
HLM_JOURNAL_EMAIL = env("HLM_JOURNAL_EMAIL", default="journal@example.org")
if env("HLM_EMAIL_URL", default=""):
    vars().update(env.email_url("HLM_EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

# Celery: a Redis broker in production; without one, tasks run eagerly in process.
CELERY_BROKER_URL = env("HLM_CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("HLM_CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "conclude-past-meetings": {
        "task": "meetings.conclude_past_meetings",
        "schedule": crontab(minute=5, hour=0),
    },
    "speakers-list-closing-reminders": {
        "task": "speakers.send_closing_reminders",
        "schedule": crontab(minute=0),
    },
    "close-proposed-lists-at-deadline": {
        "task": "stakeholders.close_due_lists",
        "schedule": crontab(minute="*/5"),
    },
    "conclude-silence-procedures": {
        "task": "meetings.conclude_silence_procedures",
        "schedule": crontab(minute="*/5"),
    },
    "side-event-reminders": {
        "task": "meetings.send_side_event_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
    "application-deadline-reminders": {
        "task": "stakeholders.send_deadline_reminders",
        "schedule": crontab(minute=30, hour=9),
    },
    "recover-stuck-messages": {
        "task": "meetings.recover_stuck_messages",
        "schedule": crontab(minute="*/5"),
    },
    "recover-unacknowledged-list-changes": {
        "task": "speakers.recover_unacknowledged",
        "schedule": crontab(minute="*/5"),
    },
}

# Security: secure by default whenever DEBUG is off (``check --deploy`` is clean).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("HLM_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("HLM_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# Scripts and styles only from the portal's own files: no inline script (behaviour hangs on
# data-* attributes in static/js), no style attribute (classes in static/css); the printable
# pages, also rendered as PDF, carry their <style> with the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("HLM_LOG_LEVEL", default="INFO")},
}
