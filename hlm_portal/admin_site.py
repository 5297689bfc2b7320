"""The staff admin's index, grouped by the Office's work rather than by app and model name.

``PortalAdminSite`` is the default admin site (through ``PortalAdminConfig`` in
``INSTALLED_APPS``): every ``admin.register`` of the apps lands on it. Its index shows the
groups below, in this order and with their models in the order of the work; what is not in a
group (login throttling, and any model not placed yet) is under "System", for superusers only.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

#: (key, heading, models as "app_label.model_name", in the order the Office works with them).
GROUPS = [
    (
        "programme",
        _("Meetings and programme"),
        [
            "meetings.meeting", "meetings.segment", "meetings.participant",
            "meetings.conceptnote", "meetings.document", "meetings.programmeversion",
            "meetings.room",
        ],
    ),
    (
        "negotiation",
        _("Resolutions and negotiation"),
        [
            "meetings.resolution", "meetings.resolutiondraft", "meetings.cofacilitator",
            "meetings.proposal", "meetings.silencebreak", "meetings.paragraph",
            "meetings.modalities",
        ],
    ),
    (
        "speakers",
        _("Lists of speakers"),
        [
            "speakers.speakerslist", "speakers.inscription", "speakers.swaprequest",
            "speakers.listchange",
        ],
    ),
    (
        "civil_society",
        _("Civil society"),
        [
            "stakeholders.civilsocietyprocess", "stakeholders.application",
            "stakeholders.proposedlist", "stakeholders.proposedentry",
            "stakeholders.accreditedorganization",
        ],
    ),
    ("side_events", _("Side events"), ["meetings.sideevent", "meetings.registration"]),
    (
        "letters",
        _("Letters and e-mail"),
        ["meetings.mailing", "meetings.lettertemplate", "meetings.outgoingmessage"],
    ),
    (
        "accounts",
        _("Delegations and accounts"),
        [
            "meetings.delegation", "meetings.focalpoint", "meetings.groupofstates",
            "meetings.groupchair",
            "auth.user", "auth.group",
        ],
    ),
]  # fmt: skip
SYSTEM = ("system", _("System"))


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        if app_label:  # an app's own index page lists its models as Django does
            return super().get_app_list(request, app_label)
        models = {}
        for app in self._build_app_dict(request).values():
            for model in app["models"]:
                models[f"{app['app_label']}.{model['object_name'].lower()}"] = model
        groups = []
        for key, name, labels in GROUPS:
            placed = [models.pop(label) for label in labels if label in models]
            if placed:
                groups.append(self._group(key, name, placed))
        if models and request.user.is_superuser:
            rest = sorted(models.values(), key=lambda model: str(model["name"]))
            groups.append(self._group(*SYSTEM, rest))
        return groups

    @staticmethod
    def _group(key, name, models):
        return {
            "name": name,
            "app_label": key,
            "app_url": models[0]["admin_url"] or "",
            "has_module_perms": True,
            "models": models,
        }


class PortalAdminConfig(AdminConfig):
    default_site = "hlm_portal.admin_site.PortalAdminSite"
