"""A real Celery worker on the Redis broker runs the meetings' periodic task."""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from django.db import connection

import pytest

from hlm_portal.celery import app as celery_app
from meetings.enums import MeetingStatus
from meetings.tasks import conclude_past_meetings
from tests.conftest import require_env
from tests.factories import MeetingFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_url():
    return require_env("HLM_TEST_REDIS_URL")


@pytest.fixture
def broker(redis_url):
    """Send tasks to the real broker (set in ``settings_test``) for this test, then eager again."""
    assert celery_app.conf.broker_url == redis_url
    celery_app.conf.task_always_eager = False
    yield redis_url
    celery_app.conf.task_always_eager = True


@pytest.fixture
def worker(broker):
    """Start ``celery worker`` against the test database and the Redis broker."""
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        if connection.vendor == "postgresql"
        else f"sqlite:///{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hlm_portal.settings",
        "HLM_DEBUG": "true",
        "HLM_DATABASE_URL": database_url,
        "HLM_CELERY_BROKER_URL": broker,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "hlm_portal", "worker", "--pool=solo",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--hostname=test@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if celery_app.control.ping(timeout=0.5):
            break
        if process.poll() is not None:
            pytest.fail(f"The Celery worker died:\n{process.stdout.read()}")
    else:
        process.kill()
        pytest.fail("The Celery worker did not answer within 60 s")
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_worker_concludes_meetings_that_are_over(worker):
    over = MeetingFactory(
        starts_on=date(2017, 9, 27), ends_on=date(2017, 9, 28), status=MeetingStatus.PUBLISHED
    )
    upcoming = MeetingFactory(
        starts_on=date(2099, 9, 27), ends_on=date(2099, 9, 28), status=MeetingStatus.PUBLISHED
    )

    result = conclude_past_meetings.delay()

    assert result.get(timeout=30) == 1
    over.refresh_from_db()
    upcoming.refresh_from_db()
    assert over.status == MeetingStatus.CONCLUDED
    assert upcoming.status == MeetingStatus.PUBLISHED
