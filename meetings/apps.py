from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings import attachments, cache
        from meetings.services.outbox import ATTACHMENT_PROVIDERS

        for provider in attachments.PROVIDERS:
            if provider not in ATTACHMENT_PROVIDERS:
                ATTACHMENT_PROVIDERS.append(provider)
        cache.connect_signals()
