"""Staff admin of resolutions and their negotiation: drafts, paragraphs, input, silence,
adoption, and the modalities that set up a meeting."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.admin import TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin.helpers import form_page
from meetings.feedback import report_errors
from meetings.forms import AdoptionForm, DeadlineForm, TextImportForm
from meetings.inputs import parse_id
from meetings.models import (
    CoFacilitator,
    Modalities,
    ModalitySegment,
    Paragraph,
    Proposal,
    Resolution,
    ResolutionDraft,
    SilenceBreak,
)
from meetings.services import resolutions
from meetings.services.modalities import apply_modalities
from meetings.services.modalities import plan as modality_plan
from meetings.services.resolutions import import_paragraphs


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
                resolutions.record_adoption(resolution=resolution, **form.cleaned_data)
            except ValidationError as error:
                report_errors(request, error)
            else:
                self.message_user(request, gettext("The adoption of %s is recorded.") % resolution)
        return None


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
            reverse("meetings:compilation", args=[obj.pk]), gettext("compilation"),
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
            try:
                count = import_paragraphs(draft=draft, text=form.cleaned_data["text"])
            except ValidationError as refusal:  # the text stays on the form
                form.add_error(None, refusal)
            else:
                self.message_user(
                    request,
                    ngettext("%d paragraph read.", "%d paragraphs read.", count) % count,
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:meetings_resolutiondraft_change", args=[pk])
                )
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
                resolutions.put_under_silence(draft=draft, deadline=form.cleaned_data["deadline"])
            except ValidationError as error:
                report_errors(request, error)
            else:
                self.message_user(request, gettext("%s is under silence.") % draft)
        return None


@admin.register(CoFacilitator)
class CoFacilitatorAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resolution", "appointed_on"]
    search_fields = ["name", "delegation__name", "resolution__title"]
    autocomplete_fields = ["resolution", "delegation"]
    list_select_related = ["resolution", "delegation"]


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

    list_display = [
        "draft", "paragraph", "delegation", "on_behalf_of", "kind", "text", "created_at",
        "taken_into",
    ]  # fmt: skip
    list_filter = ["kind", "draft", "delegation", "on_behalf_of"]
    search_fields = ["text", "delegation__name"]
    list_select_related = [
        "draft__resolution",
        "paragraph__parent",
        "delegation",
        "on_behalf_of",
        "taken_into",
    ]
    actions = ["take_into_revision"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Take into a new revised draft"))
    def take_into_revision(self, request, queryset):
        drafts = {p.draft for p in queryset}
        if len(drafts) != 1:
            self.message_user(request, gettext("Choose proposals on one draft."), messages.ERROR)
            return
        new = resolutions.revise(
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


class ModalitySegmentInline(TranslationTabularInline):
    model = ModalitySegment
    extra = 0
    fields = [
        "position", "kind", "title", "theme", "day", "start", "end", "when_fixed", "when_note",
        "room", "paragraph",
    ]  # fmt: skip
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
            overwrite = {parse_id(v) for v in request.POST.getlist("overwrite")} - {None}
            try:
                meeting = apply_modalities(modalities=modalities, overwrite=overwrite)
            except ValidationError as error:
                report_errors(request, error)
                return HttpResponseRedirect(request.path)
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
