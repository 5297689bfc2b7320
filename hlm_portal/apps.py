from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project's own app: its deployment checks."""

    name = "hlm_portal"
    verbose_name = "HLM Portal"

    def ready(self):
        from hlm_portal import checks  # noqa: F401  (registers the checks)
