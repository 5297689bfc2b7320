"""Idempotent upserts for data loaders."""

from django.db import models


def sync_object(model: type[models.Model], lookup: dict, **values) -> models.Model:
    """Get the row matching ``lookup`` and set ``values`` on it, creating it if missing.

    Unlike ``update_or_create`` nothing is written when every value is already in
    place, so reloading the same data adds no rows to the change history.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
    return obj
