from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers lists")

    def ready(self):
        from meetings.programme import ANNEX_PROVIDERS
        from speakers.selectors import programme_annexes

        if programme_annexes not in ANNEX_PROVIDERS:
            ANNEX_PROVIDERS.append(programme_annexes)  # the lists print as programme annexes

        from meetings.services.modalities import AFTER_APPLY
        from speakers.services import lists_from_modalities

        if lists_from_modalities not in AFTER_APPLY:
            AFTER_APPLY.append(lists_from_modalities)  # modalities set the lists' time limits

        from meetings import demo
        from speakers import demo_living

        demo.register(demo_living.load)  # the living demo meeting's lists

        from meetings.selectors import register_due
        from speakers.selectors import due_items

        register_due(due_items)  # what is due on the meeting's admin home
