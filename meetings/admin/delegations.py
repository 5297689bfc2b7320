"""Staff admin of delegations, groups of States, rooms and focal points."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from meetings.feedback import report_errors
from meetings.models import Delegation, FocalPoint, GroupChair, GroupOfStates, Room
from meetings.services import delegations


@admin.register(Delegation)
class DelegationAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "regional_group"]
    list_filter = ["kind", "regional_group"]
    search_fields = ["name", "code"]
    readonly_fields = ["sort_key"]


class GroupChairFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        periods = sorted(
            (form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
            for form in self.forms
            if form.cleaned_data.get("starts_on")
            and form.cleaned_data.get("ends_on")
            and not form.cleaned_data.get("DELETE")
        )
        for (_start, end), (next_start, _end) in zip(periods, periods[1:], strict=False):
            if next_start <= end:
                raise ValidationError(_("Two chairs are recorded for the same days."))


class GroupChairInline(admin.TabularInline):
    """Who chairs or coordinates the group, period by period: only they inscribe for it."""

    model = GroupChair
    formset = GroupChairFormSet
    extra = 1
    autocomplete_fields = ["delegation"]


@admin.register(GroupOfStates)
class GroupOfStatesAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "kind", "current_chair"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["members"]
    inlines = [GroupChairInline]

    @admin.display(description=_("chair today"))
    def current_chair(self, obj):
        today = timezone.localdate()
        chair = obj.chairs.filter(starts_on__lte=today, ends_on__gte=today).first()
        return chair.delegation if chair else "—"


@admin.register(GroupChair)
class GroupChairAdmin(SimpleHistoryAdmin):
    """Every chair recorded, with the history of each change."""

    list_display = ["group", "delegation", "starts_on", "ends_on"]
    list_filter = ["group"]
    search_fields = ["group__name", "delegation__name"]
    autocomplete_fields = ["group", "delegation"]
    list_select_related = ["group", "delegation"]


@admin.register(Room)
class RoomAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "building", "capacity"]
    search_fields = ["name", "short_name"]


class FocalPointCreationForm(forms.ModelForm):
    email = forms.EmailField(label=_("e-mail"))
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)

    class Meta:
        model = FocalPoint
        fields = ["delegation", "function", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ["__str__", "delegation", "user_email", "invited_at", "has_password"]
    list_filter = ["delegation__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "delegation__name"]
    autocomplete_fields = ["delegation"]
    list_select_related = ["user", "delegation"]
    readonly_fields = ["user", "invited_at"]
    actions = ["resend_setup"]

    @admin.display(description=_("e-mail"))
    def user_email(self, obj):
        return obj.user.email

    @admin.display(description=_("password set"), boolean=True)
    def has_password(self, obj):
        return obj.user.has_usable_password()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = FocalPointCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["delegation", "email", "first_name", "last_name", "function", "language"]
        return ["user", "delegation", "function", "language", "invited_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        try:
            created = delegations.create_focal_point(
                delegation=form.cleaned_data["delegation"],
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                function=form.cleaned_data["function"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:  # a race with another staff member
            report_errors(request, error)
            return
        obj.pk = created.pk
        obj.user = created.user
        messages.info(
            request, gettext("The set-up e-mail is on its way to %s.") % created.user.email
        )

    @admin.action(description=_("Send the set-up e-mail again"))
    def resend_setup(self, request, queryset):
        for focal_point in queryset.select_related("user", "delegation"):
            delegations.send_account_setup(focal_point=focal_point)
        self.message_user(request, gettext("Set-up e-mails queued."), messages.SUCCESS)
