"""The versions of the public pages: every write of a meeting's data gives its pages a new one.

A public page is kept in the cache under a key that holds the versions it depends on
(``meetings.public_cache``): the meeting's own, the home page's and a global one. A write
calls ``bump(meeting_id)``, which sets new versions *when the transaction commits* (at once
for a write outside one): a page another request renders before the commit is stored under
the version it read first, which the commit replaces. So no page is ever served older than
the last commit, and a transaction publishes once, however many writes it makes (one Redis
write per inscription in the opening-minute rush). A test that reads a page after a write
runs the write's commit callbacks, as the server's commit would
(``django_capture_on_commit_callbacks(execute=True)``).

Services call ``bump`` for their writes; ``connect_signals`` adds a safety net for every
model saved or deleted outside them (the admin, the shell, factories in tests). A missing
version (the cache was flushed or evicted it) is created anew: a miss, never a stale page.
"""

import hashlib
import itertools
import logging
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)
GLOBAL = "global"  # reference data every page may show (delegations, rooms, groups)
HOME = "home"  # the list of meetings, and side events of no meeting
VERSION_TIMEOUT = None  # versions never expire by time (evicted ones are recreated)

#: What the pages are made with, below the project's folder: a deploy that changes any of
#: these files gives every page a new key (``release``).
RELEASE_SOURCES = ("hlm_portal", "meetings", "speakers", "stakeholders", "templates", "locale")
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".json"}

#: Models whose writes no public page shows (logs, the outbox, history).
UNSHOWN = {"meetings.outgoingmessage", "speakers.listchange", "meetings.programmerun"}
WATCHED_APPS = {"meetings", "speakers", "stakeholders"}

_counter = itertools.count()


def _new_version() -> tuple[str, float]:
    """A version unique across processes: (token, the time it was made, for Last-Modified)."""
    now = time.time()
    return f"{time.time_ns():x}.{os.getpid():x}.{next(_counter):x}", now


class Release(NamedTuple):
    token: str  # of the files' contents: the same in every process of a release
    at: float  # the newest file's modification time, for Last-Modified


@lru_cache(maxsize=1)
def release() -> Release:
    """The code, templates and translations the pages are made with, and the static files'
    manifest (pages name the files by their hashed names), read once per process. Pages are
    kept under its token, so after a deploy that changes any of them no page of the previous
    release is served, though no data changed."""
    digest, newest = hashlib.sha256(), 0.0
    files = [
        path
        for folder in RELEASE_SOURCES
        for path in (Path(settings.BASE_DIR) / folder).rglob("*")
        if path.suffix in RELEASE_SUFFIXES and path.is_file()
    ]
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in sorted(files):
        if path.is_file():
            digest.update(f"{path.name}\0".encode() + path.read_bytes())
            newest = max(newest, path.stat().st_mtime)
    return Release(digest.hexdigest()[:16], newest)


def scope_of(meeting_id: int | None) -> str:
    return f"meeting:{meeting_id}" if meeting_id else HOME


def slug_key(slug: str) -> str:
    """The cache key of the id of the public meeting ``slug``, dropped when a meeting changes."""
    return f"hlm:meeting-id:{hashlib.sha256(slug.encode()).hexdigest()}"


def _key(scope: str) -> str:
    return f"hlm:version:{scope}"


def _publish(scopes: set[str]) -> None:
    version = _new_version()
    try:
        cache.set_many({_key(scope): version for scope in scopes | {HOME}}, VERSION_TIMEOUT)
    except Exception:  # the cache unreachable must not undo nor fail the write itself
        logger.exception("Could not publish new versions of the public pages %s", scopes)


class _AfterCommit:
    """Publishes the scopes a transaction wrote when it commits. Every write of the
    transaction registers one and all share its set of scopes: the first to run publishes
    them all at once, the others find nothing left."""

    def __init__(self, scopes: set[str]):
        self.scopes = scopes

    def __call__(self):
        if self.scopes:
            _publish(set(self.scopes))
            self.scopes.clear()


def bump(meeting_id: int | None = None, *, scope: str | None = None, using=None) -> None:
    """Give the pages of ``meeting_id`` (and the home page) a new version when the
    transaction commits, at once outside a transaction."""
    scope = scope or scope_of(meeting_id)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _publish({scope})
        return
    pending = next(
        (
            func.scopes
            for _sids, func, _robust in connection.run_on_commit
            if isinstance(func, _AfterCommit)
        ),
        set(),
    )
    pending.add(scope)
    transaction.on_commit(_AfterCommit(pending), using=using)


def versions(scopes: list[str]) -> dict[str, tuple[str, float]]:
    """The current version of each scope, creating those the cache does not hold."""
    found = cache.get_many([_key(scope) for scope in scopes])
    result = {}
    for scope in scopes:
        value = found.get(_key(scope))
        if value is None:
            value = _new_version()
            if not cache.add(_key(scope), value, VERSION_TIMEOUT):
                value = cache.get(_key(scope)) or value
        result[scope] = value
    return result


# --- The safety net: any save or delete of a shown model bumps what it belongs to --------------


def _meeting_of(instance) -> tuple[bool, int | None]:
    """Return (known, meeting id) for ``instance``: known False means "could be anywhere"."""
    opts = instance._meta
    if opts.label_lower == "meetings.meeting":
        return True, instance.pk
    if any(f.name == "meeting" for f in opts.concrete_fields):
        return True, getattr(instance, "meeting_id", None)
    for field in opts.concrete_fields:
        if not field.many_to_one or not field.related_model:
            continue
        related_opts = field.related_model._meta
        if not any(f.name == "meeting" for f in related_opts.concrete_fields):
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        if field.is_cached(instance):
            return True, getattr(field.get_cached_value(instance), "meeting_id", None)
        meeting_id = (
            field.related_model._base_manager.filter(pk=value)
            .values_list("meeting_id", flat=True)
            .first()
        )
        return meeting_id is not None, meeting_id
    return False, None


def _watched(sender) -> bool:
    opts = sender._meta
    return (
        opts.app_label in WATCHED_APPS
        and opts.label_lower not in UNSHOWN
        and not opts.model_name.startswith("historical")
    )


def _on_write(sender, instance, raw=False, **kwargs):
    if raw or not _watched(sender):
        return
    if sender._meta.label_lower == "meetings.meeting":
        cache.delete(slug_key(instance.slug))
    known, meeting_id = _meeting_of(instance)
    bump(meeting_id, scope=None if known else GLOBAL, using=kwargs.get("using"))


def _on_m2m(sender, instance, action, **kwargs):
    if not action.startswith("post_") or not _watched(type(instance)):
        return
    known, meeting_id = _meeting_of(instance)
    bump(meeting_id, scope=None if known else GLOBAL, using=kwargs.get("using"))


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="hlm-public-cache-save")
    post_delete.connect(_on_write, dispatch_uid="hlm-public-cache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="hlm-public-cache-m2m")
