from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Civil society")

    def ready(self):
        from meetings.enums import Audience
        from meetings.letters import AUDIENCE_PROVIDERS
        from stakeholders.selectors import applicants_as_recipients

        AUDIENCE_PROVIDERS[Audience.APPLICANTS] = applicants_as_recipients

        from meetings import demo
        from stakeholders import demo_living

        demo.register(demo_living.load)  # the living demo meeting's call

        from meetings.selectors import register_due
        from stakeholders.selectors import due_items

        register_due(due_items)  # what is due on the meeting's admin home
