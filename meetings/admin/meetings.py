"""Staff admin of meetings: segments, participants, concept notes, documents, programmes."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
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

import meetings.inputs  # noqa: F401  (registers the <id:...> path converter)
from meetings.admin import home
from meetings.admin.journal import journal_urls
from meetings.enums import MeetingStatus, ProgrammeKind
from meetings.feedback import report_errors
from meetings.models import (
    ConceptNote,
    Document,
    Meeting,
    Participant,
    ProgrammeRun,
    ProgrammeVersion,
    Segment,
)
from meetings.services import meetings as meeting_services
from meetings.services.programme import request_programme

# --- Resolutions ------------------------------------------------------------------------------


# --- Meetings and segments --------------------------------------------------------------------


class SegmentInline(TranslationTabularInline):
    """The meeting's segments at a glance; each one's details (theme, when in words, time
    limits) on its own page, so the meeting's page fits the screen."""

    model = Segment
    extra = 0
    fields = ["position", "kind", "title", "starts_at", "ends_at", "room"]
    autocomplete_fields = ["room"]
    show_change_link = True
    ordering = ["starts_at", "position"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    classes = ["collapse"]
    fields = ["position", "kind", "title", "published_on", "symbol", "file", "url", "is_public"]


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
    classes = ["collapse"]
    verbose_name_plural = _("programme generations")


class ProgrammeVersionInline(admin.TabularInline):
    model = ProgrammeVersion
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["number", "kind", "language", "generated_at", "changelog", "files", "is_published"]
    readonly_fields = ["number", "kind", "language", "generated_at", "changelog", "files"]
    ordering = ["-number"]

    @admin.display(description=_("changes since the previous version"))
    def changelog(self, obj):
        return changelog_html(obj)

    @admin.display(description=_("files"))
    def files(self, obj):
        return files_html(obj)


def changelog_html(version):
    """The changes of a version as a list, one line a change."""
    lines = [line for line in version.changes.splitlines() if line.strip()]
    if not lines:
        return "–"
    return format_html(
        '<ul class="changelog">{}</ul>',
        format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
    )


def files_html(version):
    if not version.pk:
        return ""
    return format_html(
        '<a href="{}">PDF</a> · <a href="{}">HTML</a>',
        version.get_absolute_url(),
        version.get_html_url(),
    )


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["short_title", "ga_session", "starts_on", "ends_on", "format", "status"]
    list_filter = ["status", "format", "ga_session"]
    search_fields = ["title", "short_title", "slug"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["short_title"]}
    autocomplete_fields = ["mandate_resolutions", "background_resolutions"]
    readonly_fields = ["status"]
    inlines = [SegmentInline, DocumentInline, ProgrammeVersionInline, ProgrammeRunInline]
    actions = ["mark_scheduled", "publish_programme", "mark_concluded", "mark_cancelled"]
    change_form_template = "admin/meetings/meeting/change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<id:pk>/home/",
                view(lambda request, pk: home.home_view(self, request, pk)),
                name="meetings_meeting_home",
            ),
            path(
                "<id:pk>/progress.json",
                view(lambda request, pk: home.programme_progress(self, request, pk)),
                name="meetings_meeting_progress",
            ),
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
        (None, {"fields": ["title", "short_title", "slug", "ga_session"]}),
        (_("Resolutions"), {"fields": ["mandate_resolutions", "background_resolutions"]}),
        (_("When and how"), {"fields": ["starts_on", "ends_on", "format", "status"]}),
        (
            _("Public information"),
            {"fields": ["summary", "arrangements", "webcast_url"], "classes": ["collapse"]},
        ),
        (_("Contact"), {"fields": ["contact_name", "contact_email"], "classes": ["collapse"]}),
    ]

    def _set_status(self, request, queryset, status: MeetingStatus):
        changed = 0
        for meeting in queryset:
            try:
                meeting_services.set_meeting_status(meeting=meeting, status=status)
            except ValidationError as error:
                report_errors(request, error)
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
        (
            _("When and where"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "when_fixed",
                    "when_note",
                    "until_list_exhausted",
                    "room",
                ]
            },
        ),
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
    list_display = ["title", "meeting", "kind", "symbol", "published_on", "position", "is_public"]
    list_filter = ["kind", "is_public", "meeting"]
    search_fields = ["title", "symbol"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "generated_at", "is_published"]
    list_filter = ["kind", "is_published", "meeting"]
    fields = [
        "meeting", "number", "kind", "language", "generated_at", "generated_by", "changelog",
        "files", "is_published",
    ]  # fmt: skip
    readonly_fields = [
        "meeting", "number", "kind", "language", "generated_at", "generated_by", "changelog",
        "files",
    ]  # fmt: skip
    list_editable = ["is_published"]

    @admin.display(description=_("changes since the previous version"))
    def changelog(self, obj):
        return changelog_html(obj)

    @admin.display(description=_("files"))
    def files(self, obj):
        return files_html(obj)

    def has_add_permission(self, request):
        return False


# --- Negotiation ------------------------------------------------------------------------------
