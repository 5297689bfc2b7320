"""Staff admin for the meetings domain. Status changes go through services, as on the site."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from simple_history.admin import SimpleHistoryAdmin

from meetings import letters, services
from meetings.enums import MeetingStatus, MessageStatus, ProgrammeKind
from meetings.models import (
    CoFacilitator,
    ConceptNote,
    Delegation,
    Document,
    GroupOfStates,
    LetterTemplate,
    Mailing,
    Meeting,
    OutgoingMessage,
    Participant,
    ProgrammeRun,
    ProgrammeVersion,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
)
from meetings.programme import request_programme


def queued_message(count: int) -> str:
    return ngettext("%d message queued.", "%d messages queued.", count) % count


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "regional_group"]
    list_filter = ["kind", "regional_group"]
    search_fields = ["name", "code"]
    readonly_fields = ["sort_key"]


@admin.register(GroupOfStates)
class GroupOfStatesAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    search_fields = ["name", "short_name"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "building", "capacity"]
    search_fields = ["name", "short_name"]


# --- Resolutions ------------------------------------------------------------------------------


class ResolutionDraftInline(admin.TabularInline):
    model = ResolutionDraft
    extra = 0
    fields = ["stage", "revision", "symbol", "circulated_on", "silence_deadline", "file", "url"]


class CoFacilitatorInline(admin.TabularInline):
    model = CoFacilitator
    extra = 0
    autocomplete_fields = ["delegation"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "meeting", "adopted_on"]
    list_filter = ["kind", "meeting"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["meeting"]
    inlines = [CoFacilitatorInline, ResolutionDraftInline]


@admin.register(ResolutionDraft)
class ResolutionDraftAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resolution", "stage", "symbol", "circulated_on", "silence_deadline"]
    list_filter = ["stage"]
    search_fields = ["resolution__title", "resolution__symbol", "symbol"]
    date_hierarchy = "circulated_on"
    autocomplete_fields = ["resolution"]
    list_select_related = ["resolution"]


# --- Meetings and segments --------------------------------------------------------------------


class SegmentInline(admin.TabularInline):
    model = Segment
    extra = 0
    fields = ["position", "kind", "title", "starts_at", "ends_at", "room"]
    autocomplete_fields = ["room"]
    show_change_link = True
    ordering = ["starts_at", "position"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["kind", "title", "published_on", "file", "url", "is_public"]


class ProgrammeRunInline(admin.TabularInline):
    """Generations requested from this page: their progress and result."""

    model = ProgrammeRun
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["requested_at", "kind", "status", "version", "new_version", "error", "requested_by"]
    readonly_fields = fields
    ordering = ["-requested_at"]
    verbose_name_plural = _("programme generations (reload the page to follow progress)")


class ProgrammeVersionInline(admin.TabularInline):
    model = ProgrammeVersion
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["number", "kind", "generated_at", "changes", "download", "is_published"]
    readonly_fields = ["number", "kind", "generated_at", "changes", "download"]
    ordering = ["-number"]

    @admin.display(description=_("files"))
    def download(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">HTML</a>', obj.get_absolute_url(), obj.html.url
        )


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["short_title", "ga_session", "starts_on", "ends_on", "format", "status"]
    list_filter = ["status", "format", "ga_session"]
    search_fields = ["title", "short_title", "slug"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["short_title"]}
    autocomplete_fields = ["mandate_resolutions"]
    readonly_fields = ["status"]
    inlines = [SegmentInline, DocumentInline, ProgrammeVersionInline, ProgrammeRunInline]
    actions = ["mark_scheduled", "publish_programme", "mark_concluded", "mark_cancelled"]
    change_form_template = "admin/meetings/meeting/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/generate-programme/",
                self.admin_site.admin_view(require_POST(self.generate_programme_view)),
                name="meetings_meeting_generate_programme",
            ),
            *super().get_urls(),
        ]

    def generate_programme_view(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_change_permission(request, meeting):
            raise admin.sites.PermissionDenied
        kind = request.POST.get("kind", ProgrammeKind.PROVISIONAL)
        if kind not in ProgrammeKind.values:
            kind = ProgrammeKind.PROVISIONAL
        request_programme(meeting=meeting, kind=kind, actor=request.user)
        self.message_user(
            request,
            gettext("The programme is being generated; its version appears below when done."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[pk]))

    fieldsets = [
        (None, {"fields": ["title", "short_title", "slug", "ga_session", "mandate_resolutions"]}),
        (_("When and how"), {"fields": ["starts_on", "ends_on", "format", "status"]}),
        (_("Public information"), {"fields": ["summary", "webcast_url"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email"]}),
    ]

    def _set_status(self, request, queryset, status: MeetingStatus):
        changed = 0
        for meeting in queryset:
            try:
                services.set_meeting_status(meeting=meeting, status=status)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                changed += 1
        if changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d meeting is now “%(status)s”.",
                    "%(count)d meetings are now “%(status)s”.",
                    changed,
                )
                % {"count": changed, "status": status.label},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark as scheduled"))
    def mark_scheduled(self, request, queryset):
        self._set_status(request, queryset, MeetingStatus.SCHEDULED)

    @admin.action(description=_("Publish the programme"))
    def publish_programme(self, request, queryset):
        self._set_status(request, queryset, MeetingStatus.PUBLISHED)

    @admin.action(description=_("Mark as concluded"))
    def mark_concluded(self, request, queryset):
        self._set_status(request, queryset, MeetingStatus.CONCLUDED)

    @admin.action(description=_("Cancel"))
    def mark_cancelled(self, request, queryset):
        self._set_status(request, queryset, MeetingStatus.CANCELLED)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = [
        "position",
        "role",
        "honorific",
        "name",
        "function",
        "organization",
        "delegation",
        "gender",
        "email",
        "confirmed",
    ]
    autocomplete_fields = ["delegation"]


class ConceptNoteInline(admin.StackedInline):
    model = ConceptNote
    extra = 0
    max_num = 1


@admin.register(Segment)
class SegmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "kind", "starts_at", "ends_at", "room", "position"]
    list_filter = ["kind", "meeting", "room"]
    search_fields = ["title", "theme", "meeting__short_title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["meeting", "room"]
    list_select_related = ["meeting", "room"]
    inlines = [ParticipantInline, ConceptNoteInline]
    fieldsets = [
        (None, {"fields": ["meeting", "kind", "position", "title", "theme", "description"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "until_list_exhausted", "room"]}),
        (
            _("Time limits for statements"),
            {"fields": ["individual_time_limit", "group_time_limit"]},
        ),
    ]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "function", "role", "segment", "confirmed"]
    list_filter = ["role", "confirmed", "gender", "segment__meeting"]
    search_fields = ["name", "function", "organization", "delegation__name"]
    autocomplete_fields = ["segment", "delegation"]
    list_select_related = ["segment__meeting"]


@admin.register(ConceptNote)
class ConceptNoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "segment"]
    search_fields = ["segment__title", "background"]
    autocomplete_fields = ["segment"]
    list_select_related = ["segment__meeting"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "kind", "published_on", "is_public"]
    list_filter = ["kind", "is_public", "meeting"]
    search_fields = ["title"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]


@admin.register(CoFacilitator)
class CoFacilitatorAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resolution", "appointed_on"]
    search_fields = ["name", "delegation__name", "resolution__title"]
    autocomplete_fields = ["resolution", "delegation"]
    list_select_related = ["resolution", "delegation"]


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    """The outbox: every automatic e-mail, its state and its attempts."""

    list_display = ["to", "recipient_name", "subject", "mailing", "status", "attempts", "sent_at"]
    list_filter = ["status", "mailing"]
    search_fields = ["to", "recipient_name", "subject", "message_id"]
    date_hierarchy = "created_at"
    list_select_related = ["mailing"]
    actions = ["send_selected", "discard"]
    SYSTEM_FIELDS = [
        "mailing", "status", "dedupe_key", "message_id", "attempts", "last_error",
        "queued_at", "claimed_at", "sent_at",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        return ["to", "recipient_name", "subject", "body", *self.SYSTEM_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == MessageStatus.DRAFT:
            return self.SYSTEM_FIELDS  # a draft can still be edited
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected messages (drafts and failed ones)"))
    def send_selected(self, request, queryset):
        self.message_user(request, queued_message(letters.send_messages(messages=queryset)))

    @admin.action(description=_("Discard the selected drafts"))
    def discard(self, request, queryset):
        count, _deleted = queryset.filter(status=MessageStatus.DRAFT).delete()
        message = ngettext("%d draft discarded.", "%d drafts discarded.", count) % count
        self.message_user(request, message)


def letter_preview_html(subject: str, text: str):
    paragraphs = format_html_join(
        "", "<p>{}</p>", ((p.replace("\n", " / "),) for p in text.split("\n\n"))
    )
    return format_html('<div class="letter-preview"><p><b>{}</b></p>{}</div>', subject, paragraphs)


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "signatory_name"]
    list_filter = ["kind"]
    search_fields = ["name", "subject", "body"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview (with the latest meeting)"))
    def preview(self, obj):
        if not obj.pk:
            return gettext("Save the template to see it filled in.")
        try:
            subject, text, _html = letters.preview_template(obj)
        except ValidationError as error:
            return " ".join(error.messages)
        return letter_preview_html(subject, text)


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    """Pick the recipients, preview the letter, generate the drafts, then send them."""

    list_display = ["title", "meeting", "audience", "status", "message_counts", "created_at"]
    list_filter = ["status", "audience", "meeting"]
    search_fields = ["title"]
    autocomplete_fields = ["meeting", "segment", "documents"]
    readonly_fields = ["status", "preview", "message_counts"]
    actions = ["generate", "send"]
    fieldsets = [
        (None, {"fields": ["meeting", "title", "template", "letter_date", "deadline"]}),
        (
            _("Recipients"),
            {
                "fields": [
                    "audience",
                    "regional_group",
                    "segment",
                    "applicant_status",
                    "manual_recipients",
                ]
            },
        ),
        (_("Attachments"), {"fields": ["attach_letter", "documents"]}),
        (_("Result"), {"fields": ["status", "message_counts", "preview"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("messages"))
    def message_counts(self, obj):
        if not obj.pk:
            return "–"
        counts = {}
        for status in obj.messages.values_list("status", flat=True):
            counts[status] = counts.get(status, 0) + 1
        url = reverse("admin:meetings_outgoingmessage_changelist") + f"?mailing__id__exact={obj.pk}"
        summary = ", ".join(f"{MessageStatus(k).label}: {v}" for k, v in sorted(counts.items()))
        return format_html('<a href="{}">{}</a>', url, summary or gettext("none yet"))

    @admin.display(description=_("preview (first recipient)"))
    def preview(self, obj):
        if not obj.pk:
            return gettext("Save the mailing to see its letter.")
        try:
            subject, text, _html = letters.preview_mailing(obj)
        except ValidationError as error:
            return " ".join(error.messages)
        return letter_preview_html(subject, text)

    @admin.action(description=_("Generate the draft messages"))
    def generate(self, request, queryset):
        for mailing in queryset:
            try:
                count = letters.generate_mailing(mailing=mailing)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                ngettext(
                    "%(count)d draft for “%(title)s”.", "%(count)d drafts for “%(title)s”.", count
                )
                % {"count": count, "title": mailing.title},
            )

    @admin.action(description=_("Send all its drafts"))
    def send(self, request, queryset):
        total = sum(letters.send_mailing(mailing=mailing) for mailing in queryset)
        self.message_user(
            request, ngettext("%d message queued.", "%d messages queued.", total) % total
        )


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "generated_at", "is_published"]
    list_filter = ["kind", "is_published", "meeting"]
    readonly_fields = [
        "meeting", "number", "kind", "checksum", "content", "changes", "html", "pdf",
        "generated_at", "generated_by",
    ]  # fmt: skip
    list_editable = ["is_published"]

    def has_add_permission(self, request):
        return False
