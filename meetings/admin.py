"""Staff admin for the meetings domain. Status changes go through services, as on the site."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from meetings import letters, negotiation, services
from meetings.admin_journal import journal_urls
from meetings.enums import MeetingStatus, MessageStatus, ProgrammeKind
from meetings.forms import AdoptionForm, DeadlineForm, TextImportForm
from meetings.modalities import apply_modalities
from meetings.modalities import plan as modality_plan
from meetings.models import (
    CoFacilitator,
    ConceptNote,
    CoSponsor,
    Delegation,
    Document,
    GroupOfStates,
    LetterTemplate,
    Mailing,
    Meeting,
    Modalities,
    ModalitySegment,
    OutgoingMessage,
    Paragraph,
    Participant,
    ProgrammeRun,
    ProgrammeVersion,
    Proposal,
    Resolution,
    ResolutionDraft,
    Room,
    Segment,
    SideEvent,
    SilenceBreak,
)
from meetings.paragraphs import import_paragraphs
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
    actions = ["record_adoption"]

    @admin.action(description=_("Record the adoption"))
    def record_adoption(self, request, queryset):
        form = AdoptionForm(request.POST if "symbol" in request.POST else None)
        if not form.is_valid():
            return form_page(
                self, request, title=gettext("Adoption"), form=form, action="record_adoption",
                queryset=queryset,
            )  # fmt: skip
        for resolution in queryset:
            try:
                negotiation.record_adoption(resolution=resolution, **form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, gettext("The adoption of %s is recorded.") % resolution)
        return None


def form_page(model_admin, request, *, title, form, action="", queryset=None, template=None):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "form": form,
        "action": action,
        "queryset": queryset or [],
    }
    return TemplateResponse(request, template or "admin/meetings/form_page.html", context)


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0
    fields = ["position", "kind", "number", "action_verb", "text"]
    ordering = ["position"]


@admin.register(ResolutionDraft)
class ResolutionDraftAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__", "resolution", "stage", "symbol", "circulated_on", "input_deadline",
        "silence_outcome", "links",
    ]  # fmt: skip
    list_filter = ["stage", "silence_outcome"]
    search_fields = ["resolution__title", "resolution__symbol", "symbol"]
    date_hierarchy = "circulated_on"
    autocomplete_fields = ["resolution"]
    list_select_related = ["resolution"]
    readonly_fields = ["silence_outcome"]
    inlines = [ParagraphInline]
    actions = ["put_under_silence"]

    @admin.display(description=_("text"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:meetings_resolutiondraft_import", args=[obj.pk]), gettext("import text"),
            reverse("speakers:compilation", args=[obj.pk]), gettext("compilation"),
        )  # fmt: skip

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("<int:pk>/import/", view, name="meetings_resolutiondraft_import"),
            *super().get_urls(),
        ]

    def import_view(self, request, pk):
        draft = get_object_or_404(ResolutionDraft, pk=pk)
        if not self.has_change_permission(request, draft):
            raise admin.sites.PermissionDenied
        form = TextImportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = import_paragraphs(draft=draft, text=form.cleaned_data["text"])
            self.message_user(request, gettext("%d paragraphs read.") % count, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:meetings_resolutiondraft_change", args=[pk]))
        return form_page(self, request, title=gettext("Import the text of %s") % draft, form=form)

    @admin.action(description=_("Put under silence procedure"))
    def put_under_silence(self, request, queryset):
        form = DeadlineForm(request.POST if "deadline" in request.POST else None)
        if not form.is_valid():
            return form_page(
                self, request, title=gettext("Silence until"), form=form,
                action="put_under_silence", queryset=queryset,
            )  # fmt: skip
        for draft in queryset:
            try:
                negotiation.put_under_silence(draft=draft, deadline=form.cleaned_data["deadline"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, gettext("%s is under silence.") % draft)
        return None


# --- Meetings and segments --------------------------------------------------------------------


class SegmentInline(TranslationTabularInline):
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
    fields = [
        "requested_at", "kind", "language", "status", "version", "new_version", "error",
        "requested_by",
    ]  # fmt: skip
    readonly_fields = fields
    ordering = ["-requested_at"]
    verbose_name_plural = _("programme generations (reload the page to follow progress)")


class ProgrammeVersionInline(admin.TabularInline):
    model = ProgrammeVersion
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["number", "kind", "language", "generated_at", "changes", "download", "is_published"]
    readonly_fields = ["number", "kind", "language", "generated_at", "changes", "download"]
    ordering = ["-number"]

    @admin.display(description=_("files"))
    def download(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">HTML</a>', obj.get_absolute_url(), obj.html.url
        )


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin, SimpleHistoryAdmin):
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
            *journal_urls(self),
            *super().get_urls(),
        ]

    def generate_programme_view(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_change_permission(request, meeting):
            raise admin.sites.PermissionDenied
        kind = request.POST.get("kind", ProgrammeKind.PROVISIONAL)
        if kind not in ProgrammeKind.values:
            kind = ProgrammeKind.PROVISIONAL
        language = request.POST.get("language", "en")
        if language not in dict(settings.LANGUAGES):
            language = "en"
        request_programme(meeting=meeting, kind=kind, language=language, actor=request.user)
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


class ParticipantInline(TranslationTabularInline):
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


class ConceptNoteInline(TranslationStackedInline):
    model = ConceptNote
    extra = 0
    max_num = 1


@admin.register(Segment)
class SegmentAdmin(TranslationAdmin, SimpleHistoryAdmin):
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
class ParticipantAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["display_name", "function", "role", "segment", "confirmed"]
    list_filter = ["role", "confirmed", "gender", "segment__meeting"]
    search_fields = ["name", "function", "organization", "delegation__name"]
    autocomplete_fields = ["segment", "delegation"]
    list_select_related = ["segment__meeting"]


@admin.register(ConceptNote)
class ConceptNoteAdmin(TranslationAdmin, SimpleHistoryAdmin):
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
    autocomplete_fields = ["meeting", "segment", "documents", "side_event"]
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
        (_("Attachments"), {"fields": ["attach_letter", "documents", "side_event"]}),
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


# --- Negotiation ------------------------------------------------------------------------------


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "draft", "kind"]
    list_filter = ["kind"]
    search_fields = ["text", "draft__resolution__title"]
    list_select_related = ["draft__resolution", "parent"]

    def has_add_permission(self, request):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Member States' input: staff take proposals into the next revision."""

    list_display = ["paragraph", "delegation", "kind", "text", "created_at", "taken_into"]
    list_filter = ["kind", "paragraph__draft", "delegation"]
    search_fields = ["text", "delegation__name"]
    list_select_related = [
        "paragraph__draft__resolution",
        "paragraph__parent",
        "delegation",
        "taken_into",
    ]
    actions = ["take_into_revision"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Take into a new revised draft"))
    def take_into_revision(self, request, queryset):
        drafts = {p.paragraph.draft for p in queryset}
        if len(drafts) != 1:
            self.message_user(request, gettext("Choose proposals on one draft."), messages.ERROR)
            return
        new = negotiation.revise(
            draft=drafts.pop(), circulated_on=timezone.localdate(), take=list(queryset)
        )
        self.message_user(request, gettext("%s circulated with the proposals taken in.") % new)


@admin.register(SilenceBreak)
class SilenceBreakAdmin(admin.ModelAdmin):
    list_display = ["draft", "delegation", "broken_at", "explanation"]
    list_select_related = ["draft__resolution", "delegation"]
    readonly_fields = ["draft", "delegation", "paragraphs", "explanation", "broken_by", "broken_at"]

    def has_add_permission(self, request):
        return False


class ModalitySegmentInline(admin.TabularInline):
    model = ModalitySegment
    extra = 0
    fields = ["position", "kind", "title", "theme", "day", "start", "end", "room", "paragraph"]
    autocomplete_fields = ["room"]


@admin.register(Modalities)
class ModalitiesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "format", "setup_link"]
    autocomplete_fields = ["resolution"]
    inlines = [ModalitySegmentInline]

    @admin.display(description=_("meeting"))
    def setup_link(self, obj):
        url = reverse("admin:meetings_modalities_apply", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Set up the meeting"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.apply_view)
        return [
            path("<int:pk>/apply/", view, name="meetings_modalities_apply"),
            *super().get_urls(),
        ]

    def apply_view(self, request, pk):
        """Show what applying the modalities changes; apply on confirmation."""
        modalities = get_object_or_404(Modalities.objects.select_related("resolution"), pk=pk)
        if not self.has_change_permission(request, modalities):
            raise admin.sites.PermissionDenied
        if request.method == "POST":
            overwrite = {int(v) for v in request.POST.getlist("overwrite") if v.isdigit()}
            meeting = apply_modalities(modalities=modalities, overwrite=overwrite)
            self.message_user(request, gettext("%s is set up from the modalities.") % meeting)
            return HttpResponseRedirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Set up the meeting from the modalities"),
            "modalities": modalities,
            "changes": modality_plan(modalities=modalities),
        }
        return TemplateResponse(request, "admin/meetings/modalities_apply.html", context)


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
        url = reverse("speakers:side_event_manage", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, gettext("Registrations and nameplates"))
