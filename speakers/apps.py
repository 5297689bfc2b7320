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
