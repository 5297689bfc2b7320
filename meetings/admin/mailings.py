"""Staff admin of letters, mailings and the outbox."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

import meetings.inputs  # noqa: F401  (registers the <id:...> path converter)
from meetings import letters
from meetings.admin import home
from meetings.admin.helpers import letter_preview_html, queued_message
from meetings.enums import MessageStatus
from meetings.feedback import error_text, report_errors
from meetings.models import (
    LetterTemplate,
    Mailing,
    OutgoingMessage,
)
from meetings.services import mailings


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    """The outbox: every automatic e-mail, its state and its attempts."""

    list_display = ["to", "recipient_name", "subject", "mailing", "status", "attempts", "sent_at"]
    list_filter = ["status", "mailing__meeting", "mailing"]
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
        self.message_user(request, queued_message(mailings.send_messages(messages=queryset)))

    @admin.action(description=_("Discard the selected drafts"))
    def discard(self, request, queryset):
        count, _deleted = queryset.filter(status=MessageStatus.DRAFT).delete()
        message = ngettext("%d draft discarded.", "%d drafts discarded.", count) % count
        self.message_user(request, message)


class LetterTemplateForm(forms.ModelForm):
    """A template is saved only if it can be filled in."""

    def clean_subject(self):
        return letters.checked_template_text(self.cleaned_data["subject"])

    def clean_body(self):
        return letters.checked_template_text(self.cleaned_data["body"])


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["name", "kind", "form", "signatory_name"]
    list_filter = ["kind", "form"]
    search_fields = ["name", "subject", "body"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview (with its meeting, else the latest)"))
    def preview(self, obj):
        if not obj.pk:
            return gettext("Save the template to see it filled in.")
        try:
            subject, text, _html = letters.preview_template(obj)
        except ValidationError as error:
            return error_text(error)
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
    change_form_template = "admin/meetings/mailing/change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["meeting", "title", "template", "letter_date", "reference", "deadline"]},
        ),
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

    def get_urls(self):
        view = self.admin_site.admin_view(
            lambda request, pk: home.mailing_progress(self, request, pk)
        )
        return [
            path("<id:pk>/progress.json", view, name="meetings_mailing_progress"),
            *super().get_urls(),
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
            return error_text(error)
        return letter_preview_html(subject, text)

    @admin.action(description=_("Generate the draft messages"))
    def generate(self, request, queryset):
        for mailing in queryset:
            try:
                count = mailings.generate_mailing(mailing=mailing)
            except ValidationError as error:
                report_errors(request, error)
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
        total = sum(mailings.send_mailing(mailing=mailing) for mailing in queryset)
        self.message_user(
            request, ngettext("%d message queued.", "%d messages queued.", total) % total
        )
