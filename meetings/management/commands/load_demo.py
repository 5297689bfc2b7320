import os

from django.core.management.base import BaseCommand, CommandError

from meetings.demo import DEMO_STAFF_USERNAME, load_everything


class Command(BaseCommand):
    help = (
        "Load the demo meetings (the 2017 HLM on trafficking in persons, with speakers lists, and "
        "the 2021 HLM in preparation) and what each app adds to them. Idempotent. With "
        "--staff-password, also create the demo staff user and demo focal points with that "
        "password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff-password",
            default=os.environ.get("HLM_DEMO_STAFF_PASSWORD", ""),
            help="Create or reset the demo staff user 'staff' with this password.",
        )

    def handle(self, *args, staff_password, **options):
        if staff_password and len(staff_password) < 8:
            raise CommandError("The demo staff password needs at least 8 characters.")
        for line in load_everything(password=staff_password or None):
            self.stdout.write(line)
        if staff_password:
            self.stdout.write(self.style.SUCCESS(f"Demo staff user: {DEMO_STAFF_USERNAME}"))
