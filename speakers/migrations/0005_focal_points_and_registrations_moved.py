"""FocalPoint and Registration now live in the meetings app (``meetings.0009`` renamed their
tables and carried their rows): only the models' state is removed here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0004_side_event_ngos"),
        ("meetings", "0009_focal_points_and_registrations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="registration", name="delegation"),
                migrations.RemoveField(model_name="registration", name="registered_by"),
                migrations.RemoveField(model_name="registration", name="side_event"),
                migrations.DeleteModel(name="FocalPoint"),
                migrations.DeleteModel(name="Registration"),
            ],
            database_operations=[],
        ),
    ]
