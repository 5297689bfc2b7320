"""The staff admin's site: every model admin and inline registered on it reads what the browser
sends through the same checks, so no hostile value in a form, a list or an address gives a
server error on any of Django's, the apps' or the libraries' admin pages.

- the ids ticked on a list (``_selected_action``), the ids in an address of a change's
  history and the values of search-as-you-type fields are kept only when they can be keys;
- a choice of several objects refuses a value that cannot be a key (SQLite compares none past
  64 bits);
- a service's refusal when a change is saved is shown on the page, and nothing is saved;
- the sign-in form refuses a name longer than an account's name.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

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


class KeyedInputAdmin(KeyedFieldsMixin):
    """For model admins: ids in lists and addresses, and the services' refusals on saving."""

    def _is_key(self, value) -> bool:
        return is_key(self.model._meta.pk, value)

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


class PortalAdminSite(admin.AdminSite):
    login_form = SignInForm

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
