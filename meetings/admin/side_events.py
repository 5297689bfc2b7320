"""Staff admin of side events, their co-sponsors and registrations of attendance."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import CoSponsor, Registration, SideEvent
from meetings.services import side_events


class CoSponsorInline(admin.TabularInline):
    model = CoSponsor
    extra = 0
    fields = ["delegation", "name"]
    autocomplete_fields = ["delegation"]


@admin.register(SideEvent)
class SideEventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organizer",
        "starts_at",
        "room",
        "seats",
        "is_published",
        "registrations_link",
    ]
    list_filter = ["is_published", "room"]
    search_fields = ["title", "organizer__name"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organizer", "room", "meeting"]
    list_select_related = ["organizer", "room"]
    inlines = [CoSponsorInline]

    @admin.display(description=_("registrations"))
    def registrations_link(self, obj):
        url = reverse("meetings:side_event_manage", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, gettext("Registrations and nameplates"))


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["delegation", "side_event", "status", "seat", "attendee_name", "registered_at"]
    list_filter = ["status", "side_event"]
    search_fields = ["delegation__name", "attendee_name"]
    list_select_related = ["delegation", "side_event"]
    readonly_fields = [
        "side_event",
        "delegation",
        "status",
        "seat",
        "registered_at",
        "registered_by",
    ]
    actions = ["withdraw"]

    def has_add_permission(self, request):
        return False  # delegations register on their page; the seat count stays exact

    @admin.action(description=_("Withdraw (the first delegation waiting moves up)"))
    def withdraw(self, request, queryset):
        for registration in queryset:
            side_events.withdraw(registration=registration)
        self.message_user(request, gettext("Withdrawn."))
