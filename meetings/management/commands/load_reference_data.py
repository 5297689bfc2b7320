from django.core.management.base import BaseCommand

from meetings.services.delegations import load_reference_data


class Command(BaseCommand):
    help = "Load the Member States, observers and groups of States shipped with the portal."

    def handle(self, *args, **options):
        counts = load_reference_data()
        delegations, groups = counts["delegations"], counts["groups_of_states"]
        message = f"{delegations} delegations, {groups} groups of States."
        self.stdout.write(self.style.SUCCESS(message))
