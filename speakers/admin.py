"""Staff admin of the speakers lists: the list in order, move and swap, close, exports."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from meetings.exports import csv_response
from meetings.feedback import error_text, report_errors
from meetings.formatting import moment
from meetings.pdf import render_pdf
from speakers import services
from speakers.enums import SwapStatus
from speakers.forms import OpenListForm
from speakers.models import (
    Inscription,
    ListChange,
    SpeakersList,
    SwapRequest,
)
from speakers.selectors import ordered_list


class InscriptionAdminForm(forms.ModelForm):
    class Meta:
        model = Inscription
        fields = [
            "speakers_list", "delegation", "organization", "honorific", "speaker_name",
            "function", "level", "on_behalf_of", "gender",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        speakers_list = cleaned.get("speakers_list")
        if self.instance.speakers_list_id:
            speakers_list = self.instance.speakers_list
        if speakers_list and speakers_list.finalized_at:
            raise ValidationError(_("This list is final and can no longer be changed."))
        if not self.instance.pk and not cleaned.get("delegation"):
            if not cleaned.get("organization"):
                raise ValidationError(_("Name the delegation or the organization."))
            if speakers_list and not speakers_list.civil_society_allowed:
                raise ValidationError(_("Civil society does not take the floor on this list."))
        return cleaned


@admin.register(Inscription)
class InscriptionAdmin(admin.ModelAdmin):
    """Staff add and change statements at any time before the list is final."""

    form = InscriptionAdminForm
    list_display = [
        "entity_name", "speaker_display", "level", "on_behalf_of", "speakers_list",
        "inscribed_at", "status", "pinned_position",
    ]  # fmt: skip
    list_filter = ["status", "level", "speakers_list__meeting", "category"]
    search_fields = ["delegation__name", "organization", "speaker_name"]
    autocomplete_fields = ["delegation", "on_behalf_of"]
    list_select_related = ["delegation", "on_behalf_of", "speakers_list__meeting"]
    date_hierarchy = "inscribed_at"

    def get_readonly_fields(self, request, obj=None):
        return ["speakers_list", "delegation", "organization"] if obj else []

    def save_model(self, request, obj, form, change):
        details = services.SpeakerDetails(
            **{name: form.cleaned_data[name] for name in services.SPEAKER_FIELDS}
        )
        if change:
            services.change_speaker(
                inscription=obj, details=details, actor=request.user, by_staff=True
            )
            return
        created = services.inscribe(
            speakers_list=obj.speakers_list,
            delegation=obj.delegation,
            organization=obj.organization,
            details=details,
            actor=request.user,
            by_staff=True,
        )
        obj.pk = created.pk


@admin.register(SpeakersList)
class SpeakersListAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "opens_at", "closes_at", "state_display", "order_link"]
    list_filter = ["kind", "meeting"]
    search_fields = ["meeting__title", "meeting__short_title", "segment__title"]
    autocomplete_fields = ["meeting", "segment", "current_segment"]
    list_select_related = ["meeting", "segment"]
    readonly_fields = ["finalized_at"]
    actions = ["open_now", "close_now", "finalize"]

    @admin.display(description=_("state"))
    def state_display(self, obj):
        return obj.state.label

    @admin.display(description=_("list"))
    def order_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:speakers_speakerslist_order", args=[obj.pk]),
            gettext("Speakers in order"),
        )  # fmt: skip

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/order/", view(self.order_view), name="speakers_speakerslist_order"),
            path("<int:pk>/export.csv", view(self.export_csv), name="speakers_speakerslist_csv"),
            path("<int:pk>/print/", view(self.print_view), name="speakers_speakerslist_print"),
            path("<int:pk>/print.pdf", view(self.print_pdf), name="speakers_speakerslist_pdf"),
            *super().get_urls(),
        ]

    def _get(self, request, pk) -> SpeakersList:
        if not self.has_view_permission(request):
            raise admin.sites.PermissionDenied
        return get_object_or_404(SpeakersList.objects.select_related("meeting", "segment"), pk=pk)

    def order_view(self, request, pk):
        """The list in order: move, swap, mark heard or absent, carry over, exports."""
        speakers_list = self._get(request, pk)
        if request.method == "POST":
            if not self.has_change_permission(request, speakers_list):
                raise admin.sites.PermissionDenied
            self._handle_order_post(request, speakers_list)
            return HttpResponseRedirect(request.path)
        ordered = ordered_list(speakers_list=speakers_list)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(speakers_list),
            "ordered": ordered,
            "speakers_list": speakers_list,
            "changes": speakers_list.changes.select_related("inscription__delegation", "actor")[
                :30
            ],
            "accepted_swaps": speakers_list.swap_requests.filter(
                status=SwapStatus.ACCEPTED
            ).select_related("requester__delegation", "counterpart__delegation"),
        }
        return TemplateResponse(request, "admin/speakers/speakerslist/order.html", context)

    def _handle_order_post(self, request, speakers_list):
        action = request.POST.get("action")
        inscriptions = speakers_list.inscriptions.all()
        try:
            if action == "move":
                inscription = get_object_or_404(inscriptions, pk=request.POST.get("inscription"))
                services.move(
                    inscription=inscription,
                    to_position=int(request.POST.get("to_position") or 0),
                    actor=request.user,
                )
            elif action == "swap":
                first = get_object_or_404(inscriptions, pk=request.POST.get("first"))
                second = get_object_or_404(inscriptions, pk=request.POST.get("second"))
                services.swap(first=first, second=second, actor=request.user)
            elif action in ("heard", "absent"):
                inscription = get_object_or_404(inscriptions, pk=request.POST.get("inscription"))
                services.mark_heard(
                    inscription=inscription, actor=request.user, heard=action == "heard"
                )
            elif action == "approve_swap":
                swap_request = get_object_or_404(
                    speakers_list.swap_requests, pk=request.POST.get("swap")
                )
                services.approve_swap(swap_request=swap_request, actor=request.user)
            elif action == "advance":
                carried = services.advance_meeting(speakers_list=speakers_list, actor=request.user)
                messages.info(
                    request,
                    ngettext(
                        "%d speaker carries over to the next meeting.",
                        "%d speakers carry over to the next meeting.",
                        carried,
                    )
                    % carried,
                )
            else:
                messages.error(request, gettext("Unknown action."))
                return
        except (ValueError, ValidationError) as error:
            text = error_text(error) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
        else:
            messages.success(request, gettext("The list is updated."))

    def export_csv(self, request, pk):
        speakers_list = self._get(request, pk)
        ordered = ordered_list(speakers_list=speakers_list)
        header = [
            gettext("Place"), gettext("Delegation"), gettext("On behalf of"),
            gettext("Honorific"), gettext("Speaker"), gettext("Function"), gettext("Level"),
            gettext("Inscribed at"), gettext("Projected start"), gettext("Status"),
        ]  # fmt: skip
        return csv_response(
            f"speakers-list-{pk}.csv",
            header,
            (
                [
                    row.place, i.entity_name, i.on_behalf_of or "", i.honorific, i.speaker_name,
                    i.function, i.level_label,
                    timezone.localtime(i.inscribed_at).isoformat(timespec="seconds"),
                    timezone.localtime(row.projection.starts_at).strftime("%Y-%m-%d %H:%M")
                    if row.projection else "",
                    i.get_status_display(),
                ]
                for row in ordered.rows
                for i in [row.inscription]
            ),
        )  # fmt: skip

    def _print_html(self, request, speakers_list) -> str:
        return render_to_string(
            "speakers/print_list.html",
            {"ordered": ordered_list(speakers_list=speakers_list), "printed_at": timezone.now()},
            request=request,
        )

    def print_view(self, request, pk):
        return HttpResponse(self._print_html(request, self._get(request, pk)))

    def print_pdf(self, request, pk):
        speakers_list = self._get(request, pk)
        pdf = render_pdf(self._print_html(request, speakers_list))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="speakers-list-{pk}.pdf"'
        return response

    @admin.action(description=_("Open the list for inscription now"))
    def open_now(self, request, queryset):
        """Open inscription at once; a list that has closed first asks until when."""
        now = timezone.now()
        closed = {s.pk for s in queryset if not s.finalized_at and s.closes_at <= now}
        form = OpenListForm(request.POST if "closes_at" in request.POST else None)
        if closed and not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Open the list for inscription now"),
                "form": form,
                "queryset": queryset,
            }
            return TemplateResponse(request, "admin/speakers/speakerslist/open.html", context)
        for speakers_list in queryset:
            closes_at = form.cleaned_data["closes_at"] if speakers_list.pk in closed else None
            try:
                opened = services.open_list_now(speakers_list=speakers_list, closes_at=closes_at)
            except ValidationError as error:
                report_errors(request, error)
                continue
            closes = moment(opened.closes_at)
            self.message_user(
                request,
                gettext("Inscription is open on %(list)s until %(closes)s (New York time).")
                % {"list": opened, "closes": closes},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Close inscription now"))
    def close_now(self, request, queryset):
        for speakers_list in queryset:
            services.close_list_now(speakers_list=speakers_list)
        self.message_user(request, gettext("Inscription closed."), messages.SUCCESS)

    @admin.action(description=_("Make the list final"))
    def finalize(self, request, queryset):
        for speakers_list in queryset:
            services.finalize_list(speakers_list=speakers_list)
        self.message_user(request, gettext("The lists are final."), messages.SUCCESS)


@admin.register(SwapRequest)
class SwapRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speakers_list", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["requester__delegation", "counterpart__delegation", "speakers_list"]
    readonly_fields = ["speakers_list", "requester", "counterpart", "status", "decided_by"]
    actions = ["approve"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve the swap"))
    def approve(self, request, queryset):
        for swap_request in queryset:
            try:
                services.approve_swap(swap_request=swap_request, actor=request.user)
            except ValidationError as error:
                report_errors(request, error)


@admin.register(ListChange)
class ListChangeAdmin(admin.ModelAdmin):
    list_display = [
        "at", "kind", "inscription", "from_position", "to_position", "actor", "told_at",
    ]  # fmt: skip
    list_filter = ["kind", "speakers_list"]
    list_select_related = ["inscription__delegation", "actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
