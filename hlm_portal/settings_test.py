"""Settings for the test suite: the real settings with fast, local test doubles.

The database is PostgreSQL when ``HLM_DATABASE_URL`` is set (``make test`` starts a
throwaway cluster); integration tests start a real Celery worker and SMTP sink
themselves and switch off eager mode where they need it.
"""

import os

os.environ.setdefault("HLM_DEBUG", "false")
os.environ.setdefault("HLM_SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789")

from hlm_portal.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run eagerly; integration tests switch eager mode off and use this broker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = os.environ.get("HLM_TEST_REDIS_URL", "memory://")
CELERY_RESULT_BACKEND = os.environ.get("HLM_TEST_REDIS_URL") or None
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Serve static files from the finders, as runserver does, without a collectstatic step.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
