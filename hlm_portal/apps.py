from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    """The project's own app: its deployment checks, and the bounds of every date it stores."""

    name = "hlm_portal"
    verbose_name = "HLM Portal"

    def ready(self):
        from django.apps import apps

        from hlm_portal import checks  # noqa: F401  (registers the checks)
        from meetings.inputs import bound_model_dates

        bound_model_dates(apps.get_app_config(name) for name in PROJECT_APPS)


PROJECT_APPS = ("meetings", "speakers", "stakeholders")


class PortalAdminConfig(AdminConfig):
    """Django's admin on the portal's site (hlm_portal/admin_site.py)."""

    default_site = "hlm_portal.admin_site.PortalAdminSite"
