from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from meetings import accounts, attachments, cache
        from meetings.services.outbox import ATTACHMENT_PROVIDERS

        user_logged_in.connect(accounts.signed_in, dispatch_uid="meetings.signed_in")
        for provider in attachments.PROVIDERS:
            if provider not in ATTACHMENT_PROVIDERS:
                ATTACHMENT_PROVIDERS.append(provider)
        cache.connect_signals()
