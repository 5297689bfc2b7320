"""Staff admin of civil-society participation: review, balance, proposed lists, objections."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from meetings.enums import Gender, RegionalGroup, SegmentKind
from meetings.feedback import error_text, report_errors
from meetings.models import Segment
from stakeholders.enums import ApplicationStatus, EntryOutcome
from stakeholders.forms import DeadlineForm, ImportForm, ReasonForm
from stakeholders.models import (
    AccreditedOrganization,
    Application,
    CivilSocietyProcess,
    Objection,
    ProposedEntry,
    ProposedList,
    Representative,
    Review,
)
from stakeholders.selectors import balance_of, possible_duplicates
from stakeholders.services import ecosoc, proposed_lists, review


@admin.register(AccreditedOrganization)
class AccreditedOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "ecosoc_status", "country", "imported_at"]
    list_filter = ["ecosoc_status"]
    search_fields = ["name", "country"]
    change_list_template = "admin/stakeholders/accreditedorganization/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="stakeholders_ecosoc_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise admin.sites.PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                counts = ecosoc.import_ecosoc_list(upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                self.message_user(
                    request,
                    gettext("%(created)d added, %(updated)d updated, %(skipped)d rows skipped.")
                    % counts,
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:stakeholders_accreditedorganization_changelist")
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import the ECOSOC list"),
            "form": form,
        }
        return TemplateResponse(request, "admin/stakeholders/form_page.html", context)


@admin.register(CivilSocietyProcess)
class CivilSocietyProcessAdmin(TranslationAdmin):
    list_display = ["meeting", "opens_at", "closes_at", "application_count", "balance_link"]
    autocomplete_fields = ["meeting"]
    actions = ["build_list"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n=Count(
                    "applications", filter=~Q(applications__status=ApplicationStatus.UNCONFIRMED)
                )
            )
        )

    @admin.display(description=_("applications"), ordering="n")
    def application_count(self, obj):
        return obj.n

    @admin.display(description=_("balance of the shortlist"))
    def balance_link(self, obj):
        url = reverse("admin:stakeholders_balance", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Balance panel"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.balance_view)
        return [path("<int:pk>/balance/", view, name="stakeholders_balance"), *super().get_urls()]

    def balance_view(self, request, pk):
        """Regions, gender, types, Global South and survivors among the shortlisted."""
        process = get_object_or_404(CivilSocietyProcess.objects.select_related("meeting"), pk=pk)
        shortlisted = process.applications.filter(
            status__in=[ApplicationStatus.SHORTLISTED, ApplicationStatus.PROPOSED]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Balance of the shortlist: %s") % process,
            "process": process,
            "balance": balance_of(shortlisted),
        }
        return TemplateResponse(request, "admin/stakeholders/balance.html", context)

    @admin.action(description=_("Build the proposed list from the shortlist"))
    def build_list(self, request, queryset):
        for process in queryset:
            try:
                proposed = proposed_lists.build_proposed_list(process=process)
            except ValidationError as error:
                report_errors(request, error)
            else:
                count = proposed.entries.count()
                self.message_user(
                    request,
                    ngettext("%(list)s: %(count)d name.", "%(list)s: %(count)d names.", count)
                    % {"list": proposed, "count": count},
                )


class RepresentativeInline(admin.StackedInline):
    model = Representative
    extra = 0
    autocomplete_fields = ["nationality"]


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 1
    fields = ["reviewer", "score", "note"]
    readonly_fields = ["reviewer"]


class RegionFilter(admin.SimpleListFilter):
    title = _("region of the country")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return RegionalGroup.choices

    def queryset(self, request, queryset):
        return queryset.filter(country__regional_group=self.value()) if self.value() else queryset


class RepresentativeGenderFilter(admin.SimpleListFilter):
    title = _("gender of a representative")
    parameter_name = "gender"

    def lookups(self, request, model_admin):
        return Gender.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(representatives__gender=self.value()).distinct()


class WishToSpeakFilter(admin.BooleanFieldListFilter):
    """Titled as a noun: “By wish to speak” (“Par souhait de prendre la parole”)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("wish to speak")


class DuplicateFilter(admin.SimpleListFilter):
    title = _("possible duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", _("Possible duplicates"))]

    def queryset(self, request, queryset):
        return queryset.filter(duplicate_of__isnull=False) if self.value() == "yes" else queryset


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference", "name", "country", "ecosoc_status", "status", "wishes_to_speak",
        "language", "mean_score", "duplicate_of",
    ]  # fmt: skip
    list_filter = [
        "process", "status", "ecosoc_status", RegionFilter, "organization_type", "language",
        RepresentativeGenderFilter, ("wishes_to_speak", WishToSpeakFilter),
        ("panel", admin.RelatedOnlyFieldListFilter), DuplicateFilter,
    ]  # fmt: skip
    search_fields = ["reference", "name", "acronym", "focal_point_email", "representatives__name"]
    list_select_related = ["country", "duplicate_of"]
    autocomplete_fields = ["country"]
    inlines = [RepresentativeInline, ReviewInline]
    actions = [
        "confirm_registration", "shortlist", "reject", "request_information", "inscribe_on_panel",
    ]  # fmt: skip
    readonly_fields = [
        "process", "reference", "status", "path", "accredited", "email_confirmed_at",
        "submitted_at", "duplicate_of", "duplicates", "document_link", "basis_requested_at",
        "decision_reason",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["process", "reference", "status", "path", "decision_reason"]}),
        (
            _("The organization"),
            {
                "fields": [
                    "name",
                    "acronym",
                    "country",
                    "website",
                    "organization_type",
                    "ecosoc_status",
                    "accredited",
                    "areas_of_work",
                    "relevance",
                ]
            },
        ),  # fmt: skip
        (
            _("Focal point"),
            {
                "fields": [
                    "focal_point_name",
                    "focal_point_email",
                    "language",
                    "email_confirmed_at",
                ]
            },  # fmt: skip
        ),
        (_("Participation"), {"fields": ["wishes_to_speak", "panel", "document_link"]}),
        (_("Review"), {"fields": ["submitted_at", "duplicate_of", "duplicates", "internal_notes"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        # Staff compare applications side by side: the table takes the width of the
        # navigation sidebar, which the breadcrumbs and the home page replace here.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(score=Avg("reviews__score"))

    def get_form(self, request, obj=None, **kwargs):
        """The panel chosen among the panels of the application's meeting, not every segment."""
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "panel" in form.base_fields:
            form.base_fields["panel"].queryset = Segment.objects.filter(
                meeting_id=obj.process.meeting_id, kind=SegmentKind.PANEL
            )
        return form

    @admin.display(description=_("score"), ordering="score")
    def mean_score(self, obj):
        return f"{obj.score:.1f}" if obj.score is not None else None  # the list's "-"

    @admin.display(description=_("applications that look the same"))
    def duplicates(self, obj):
        found = possible_duplicates(application=obj)
        return ", ".join(f"{a.reference or '–'} {a.name}" for a in found) or "–"

    @admin.display(description=_("supporting document"))
    def document_link(self, obj):
        if not obj.supporting_document:
            return "–"
        url = reverse("stakeholders:document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download"))

    def save_formset(self, request, form, formset, change):
        if formset.model is Review:
            for review in formset.save(commit=False):
                review.reviewer_id = review.reviewer_id or request.user.pk
                review.save()
            for review in formset.deleted_objects:
                review.delete()
            return
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Confirm the ECOSOC registration (checked against the list)"))
    def confirm_registration(self, request, queryset):
        result = ecosoc.confirm_registrations(applications=queryset)
        count = len(result["confirmed"])
        self.message_user(
            request, ngettext("%d registration confirmed.", "%d registrations confirmed.", count)
            % count,
        )  # fmt: skip
        for name in result["not_found"]:
            self.message_user(
                request,
                gettext("%s is not on the ECOSOC list: its registration is not confirmed.") % name,
                messages.WARNING,
            )

    @admin.action(description=_("Shortlist (applications for the PGA's list only)"))
    def shortlist(self, request, queryset):
        count = review.shortlist(applications=queryset)
        self.message_user(request, ngettext("%d shortlisted.", "%d shortlisted.", count) % count)

    def _with_reason(self, request, queryset, action, title, service, done):
        languages = sorted(set(queryset.values_list("language", flat=True)))
        sent = any(name.startswith("reason_") for name in request.POST)
        form = ReasonForm(request.POST if sent else None, languages=languages)
        if form.is_valid():
            count = service(queryset, form.reasons())
            self.message_user(request, done(count) % count, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            "action": action,
            "queryset": queryset,
        }
        return TemplateResponse(request, "admin/stakeholders/reason_action.html", context)

    @admin.action(description=_("Do not retain, with a reason"))
    def reject(self, request, queryset):
        return self._with_reason(
            request, queryset, "reject", gettext("Reason for not retaining"),
            lambda qs, reason: review.reject(applications=qs, reason=reason),
            lambda n: ngettext(
                "%d application not retained; the organization is told why.",
                "%d applications not retained; the organizations are told why.",
                n,
            ),
        )  # fmt: skip

    @admin.action(description=_("Ask for more information"))
    def request_information(self, request, queryset):
        return self._with_reason(
            request, queryset, "request_information", gettext("Information needed"),
            lambda qs, message: review.request_information(applications=qs, message=message),
            lambda n: ngettext(
                "%d organization asked for more information.",
                "%d organizations asked for more information.",
                n,
            ),
        )  # fmt: skip

    @admin.action(description=_("Put on the list of speakers of the panel they asked for"))
    def inscribe_on_panel(self, request, queryset):
        for application in queryset:
            try:
                review.inscribe_on_panel(application=application, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{application.name}: {error_text(error)}", messages.ERROR
                )
            else:
                self.message_user(
                    request, gettext("%s is on the list of speakers.") % application.name
                )


class ObjectionInline(admin.TabularInline):
    """Staff see which State objected, and why."""

    model = Objection
    extra = 0
    fields = ["delegation", "basis", "lodged_at", "withdrawn_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProposedEntry)
class ProposedEntryAdmin(SimpleHistoryAdmin):
    list_display = ["application", "proposed_list", "outcome", "standing_objections"]
    list_filter = ["outcome", "proposed_list"]
    search_fields = ["application__name"]
    list_select_related = ["application", "proposed_list__process__meeting"]
    readonly_fields = ["proposed_list", "application", "outcome", "decided_at"]
    inlines = [ObjectionInline]
    actions = ["assembly_approves", "assembly_does_not_approve"]

    def has_add_permission(self, request):
        return False  # entries come from building the proposed list

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(standing=Count("objections", filter=Q(objections__withdrawn_at__isnull=True)))
        )

    @admin.display(description=_("standing objections"), ordering="standing")
    def standing_objections(self, obj):
        return obj.standing

    def _decide(self, request, queryset, approved):
        for entry in queryset.filter(outcome=EntryOutcome.OBJECTED):
            proposed_lists.record_assembly_decision(entry=entry, approved=approved)
        self.message_user(request, gettext("The Assembly's decision is recorded."))

    @admin.action(description=_("Record: the Assembly approves"))
    def assembly_approves(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Record: the Assembly does not approve"))
    def assembly_does_not_approve(self, request, queryset):
        self._decide(request, queryset, False)


class ProposedEntryInline(admin.TabularInline):
    model = ProposedEntry
    extra = 0
    fields = ["application", "outcome", "decided_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProposedList)
class ProposedListAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "objection_deadline", "submitted_at", "closed_at"]
    list_filter = ["status", "process"]
    readonly_fields = [
        "process",
        "number",
        "status",
        "objection_deadline",
        "submitted_at",
        "closed_at",
    ]
    inlines = [ProposedEntryInline]
    actions = ["submit", "close_now"]

    def has_add_permission(self, request):
        return False  # built from the shortlist, on the process page

    @admin.action(description=_("Submit to Member States (non-objection)"))
    def submit(self, request, queryset):
        form = DeadlineForm(request.POST if "deadline" in request.POST else None)
        if form.is_valid():
            for proposed in queryset:
                try:
                    count = proposed_lists.submit_to_member_states(
                        proposed_list=proposed, deadline=form.cleaned_data["deadline"]
                    )
                except ValidationError as error:
                    report_errors(request, error)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "“%(list)s” is before Member States: %(n)d notification sent.",
                            "“%(list)s” is before Member States: %(n)d notifications sent.",
                            count,
                        )
                        % {"list": proposed, "n": count},
                    )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Deadline for objections"),
            "form": form,
            "action": "submit",
            "queryset": queryset,
        }
        return TemplateResponse(request, "admin/stakeholders/reason_action.html", context)

    @admin.action(description=_("Close now: names without objection become final"))
    def close_now(self, request, queryset):
        for proposed in queryset:
            if proposed.objection_deadline and proposed.objection_deadline > timezone.now():
                self.message_user(
                    request, gettext("%s: the deadline has not passed.") % proposed, messages.ERROR
                )
                continue
            counts = proposed_lists.close_proposed_list(proposed_list=proposed)
            self.message_user(
                request,
                gettext("%(final)d final, %(objected)d with objections for the Assembly.") % counts,
            )
