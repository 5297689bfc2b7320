"""Deployment checks of the portal's own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.security, deploy=True)
def limits_are_shared_between_processes(app_configs, **kwargs):
    """The sign-in lockout and the rate limits count in a cache: with one per process, each
    gunicorn worker counts apart and an attacker gets the limit once per worker."""
    uses = {getattr(settings, "RATELIMIT_USE_CACHE", "default"): "the rate limits"}
    if getattr(settings, "AXES_HANDLER", "").endswith("AxesCacheHandler"):
        uses.setdefault(getattr(settings, "AXES_CACHE", "default"), "the sign-in lockout")
    errors = []
    for alias, what in uses.items():
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if backend in PER_PROCESS_CACHES:
            errors.append(
                checks.Error(
                    f"The cache '{alias}' used by {what} is {backend.rsplit('.', 1)[-1]}, "
                    "which each process keeps apart: the limits would not hold.",
                    hint="Set HLM_CACHE_URL (or HLM_CELERY_BROKER_URL) to a Redis URL.",
                    id="hlm_portal.E001",
                )
            )
    return errors
