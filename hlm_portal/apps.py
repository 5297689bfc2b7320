from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project's own app: its account tasks."""

    name = "hlm_portal"
    verbose_name = "HLM Portal"
