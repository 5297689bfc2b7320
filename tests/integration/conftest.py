"""Real services for integration tests: the Redis broker, Celery workers, an SMTP sink."""

import asyncio
import email
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.core.cache import cache
from django.db import connection

import pytest
from aiosmtpd.controller import Controller
from celery.result import allow_join_result

from hlm_portal.celery import app as celery_app
from tests.conftest import require_env

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_cache_url(broker: str) -> str:
    """The cache the test and its workers share, as the web and the workers share one in
    production: the broker's Redis server, database 1."""
    return f"{broker.rsplit('/', 1)[0]}/1"


@pytest.fixture
def broker(settings):
    """Send tasks to the real Redis broker (set in ``settings_test``) for this test, and share
    the workers' cache."""
    redis_url = require_env("HLM_TEST_REDIS_URL")
    assert celery_app.conf.broker_url == redis_url
    settings.CACHES = {
        "default": {
            "BACKEND": "hlm_portal.redis_cache.RedisCache",
            "LOCATION": shared_cache_url(redis_url),
        }
    }
    cache.clear()
    celery_app.conf.task_always_eager = False
    # Eager tasks run at once in several threads (the rush tests) can leave Celery's global
    # "inside a task" flag set behind them; this test waits for results as a client does.
    with allow_join_result():
        yield redis_url
    celery_app.conf.task_always_eager = True


class SmtpSink:
    """Records every message accepted; can hold the n-th recipient until released."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []
        self.recipients_seen = 0
        self.hold_at: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.recipients_seen += 1
        if self.hold_at is not None and self.recipients_seen == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        for rcpt in envelope.rcpt_tos:
            self.received.append((rcpt, message["Message-ID"]))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.url = f"smtp://127.0.0.1:{controller.port}"
    yield sink
    sink.release.set()
    controller.stop()


@pytest.fixture
def start_worker(broker):
    """Start ``celery worker`` processes on the test database and the Redis broker."""
    processes = []

    def start(*, name: str, email_url: str = "") -> subprocess.Popen:
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
            "HLM_CACHE_URL": shared_cache_url(broker),
            "HLM_EMAIL_URL": email_url,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "hlm_portal", "worker", "--pool=solo",
             "--loglevel=WARNING", "--without-gossip", "--without-mingle",
             f"--hostname={name}@%h"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = celery_app.control.ping(timeout=0.5) or []
            if any(name in key for reply in replies for key in reply):
                return process
            if process.poll() is not None:
                pytest.fail(f"The Celery worker {name} died at start")
        pytest.fail(f"The Celery worker {name} did not answer within 60 s")

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
