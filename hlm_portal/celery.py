"""The Celery app. Tasks run in a worker when a broker is configured, in process otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlm_portal.settings")

app = Celery("hlm_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
