"""Users signed in before ``meetings.access.SignInBackend`` took the place of Django's
``ModelBackend`` stay signed in: their sessions name the backend that signed them in."""

from django.db import migrations

EARLIER = "django.contrib.auth.backends.ModelBackend"
NOW = "meetings.access.SignInBackend"


def rename_backend(apps, schema_editor, *, old=EARLIER, new=NOW):
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    sessions = Session.objects.using(schema_editor.connection.alias).filter(
        expire_date__gt=timezone.now()
    )
    for session in sessions.iterator():
        data = store.decode(session.session_data)  # {} when it cannot be read
        if data.get(BACKEND_SESSION_KEY) == old:
            data[BACKEND_SESSION_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


def rename_back(apps, schema_editor):
    rename_backend(apps, schema_editor, old=NOW, new=EARLIER)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0023_modalitysegment_when_fixed"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_backend, rename_back, elidable=True)]
