import os

from django.core.management.base import BaseCommand, CommandError

from meetings.demo import DEMO_STAFF_USERNAME, load_demo
from speakers.demo import DEMO_FOCAL_POINT_EMAIL, load_demo_lists
from stakeholders.demo import load_demo_civil_society


class Command(BaseCommand):
    help = (
        "Load the demo meetings (the 2017 HLM on trafficking in persons, with speakers lists, and "
        "the 2021 HLM in preparation). Idempotent. With --staff-password, also create the demo "
        "staff user and a demo focal point for Belgium with that password."
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
        meetings = load_demo(staff_password=staff_password or None)
        lists = load_demo_lists(focal_point_password=staff_password or None)
        process = load_demo_civil_society()
        for meeting in meetings:
            self.stdout.write(f"{meeting.short_title}: {meeting.segments.count()} segments")
        for speakers_list in lists:
            count = speakers_list.inscriptions.count()
            self.stdout.write(f"{speakers_list}: {count} speakers")
        self.stdout.write(f"{process}: {process.applications.count()} civil-society applications")
        if staff_password:
            self.stdout.write(self.style.SUCCESS(f"Demo staff user: {DEMO_STAFF_USERNAME}"))
            self.stdout.write(self.style.SUCCESS(f"Demo focal point: {DEMO_FOCAL_POINT_EMAIL}"))
