"""The staff admin's site: every model admin and inline registered on it reads what the browser
sends through the same checks, so no hostile value in a form, a list or an address gives a
server error on any of Django's, the apps' or the libraries' admin pages.

- the ids ticked on a list (``_selected_action``), the ids in an address of a change's
  history and the values of search-as-you-type fields are kept only when they can be keys;
- a list by date refuses a day beyond the calendar in its address, as an impossible one;
- a choice of several objects refuses a value that cannot be a key (SQLite compares none past
  64 bits);
- a service's refusal when a change is saved is shown on the page, and nothing is saved;
- the sign-in form refuses a name longer than an account's name.
"""

from functools import lru_cache

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from meetings.accounts import BoundedUsernameMixin
from meetings.feedback import error_text
from meetings.inputs import KeyedModelMultipleChoiceField, is_key


def _target(db_field):
    remote = db_field.remote_field
    opts = remote.model._meta
    return opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)


class _KeyedAutocomplete:
    """Show again only the chosen values that can be keys (Django looks the others up)."""

    def optgroups(self, name, value, attr=None):
        target = _target(self.field)
        return super().optgroups(name, [v for v in value if is_key(target, v)], attr)


class KeyedAutocompleteSelect(_KeyedAutocomplete, AutocompleteSelect):
    pass


class KeyedAutocompleteSelectMultiple(_KeyedAutocomplete, AutocompleteSelectMultiple):
    pass


class KeyedFieldsMixin:
    """For model admins and inlines: relation fields that look up only what can be a key."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", KeyedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class _CalendarDates:
    """A list by date whose address names a day no calendar holds (year 9999's last day, a
    25-digit year) says the filter is wrong, as Django does for an impossible date: Django's
    ``ChangeList`` turns the ``ValueError`` of the one into that page, not the
    ``OverflowError`` of the other."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


@lru_cache
def _with_calendar_dates(changelist: type) -> type:
    """``changelist`` (Django's ``ChangeList`` or an admin's own) with ``_CalendarDates``, made
    once per class."""
    return type(changelist.__name__, (_CalendarDates, changelist), {})


class KeyedInputAdmin(KeyedFieldsMixin):
    """For model admins: ids in lists and addresses, dates in lists' addresses, and the
    services' refusals on saving."""

    def _is_key(self, value) -> bool:
        return is_key(self.model._meta.pk, value)

    def get_changelist(self, request, **kwargs):
        return _with_calendar_dates(super().get_changelist(request, **kwargs))

    def changelist_view(self, request, extra_context=None):
        name = helpers.ACTION_CHECKBOX_NAME
        if request.method == "POST" and name in request.POST:
            data = request.POST.copy()
            data.setlist(name, [v for v in data.getlist(name) if self._is_key(v)])
            request.POST = data
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:  # a service refused the change: nothing is saved
            self.message_user(request, error_text(refusal), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        if not self._is_key(unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple_history's view of one past version."""
        history = self.model.history.model._meta.pk
        if not (self._is_key(unquote(object_id)) and is_key(history, unquote(version_id))):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class SignInForm(BoundedUsernameMixin, AdminAuthenticationForm):
    pass


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
    """The staff admin: every model admin reads input through the checks, and the index is
    grouped by the Office's work (internals under \"System\", for superusers only)."""

    login_form = SignInForm

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

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register with the admin class (and its inlines) reading input through the checks."""
        admin_class = admin_class or admin.ModelAdmin
        attrs = {"__module__": admin_class.__module__}
        attrs["inlines"] = [_keyed(inline, KeyedFieldsMixin) for inline in admin_class.inlines]
        keyed = type(admin_class.__name__, (KeyedInputAdmin, admin_class), attrs)
        super().register(model_or_iterable, keyed, **options)


def _keyed(cls, mixin):
    if issubclass(cls, mixin):
        return cls
    return type(cls.__name__, (mixin, cls), {"__module__": cls.__module__})
