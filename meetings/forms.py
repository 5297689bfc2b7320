"""Forms of the meetings domain: the admin's import, deadline and adoption forms; side events."""

import uuid

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from meetings.inputs import KeyedModelMultipleChoiceField, within_years
from meetings.models import CoSponsor, Delegation, SideEvent
from meetings.services.outbox import queue_rendered


class TextImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the draft"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=_("Paste the text from “The General Assembly,” onwards; footnotes at the end."),
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        validators=[within_years],
        label=_("Deadline (New York time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class AdoptionForm(forms.Form):
    l_symbol = forms.CharField(label=_("L-document"), max_length=40, help_text="A/71/L.65")
    symbol = forms.CharField(label=_("Resolution"), max_length=40, help_text="A/RES/71/287")
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[within_years],
    )
    vote = forms.CharField(label=_("Vote"), max_length=200, initial="without a vote")


class RegistrationForm(forms.Form):
    attendee_name = forms.CharField(label=gettext_lazy("Who attends"), max_length=150)
    attendee_function = forms.CharField(label=gettext_lazy("Function"), max_length=200)
    wishes_to_speak = forms.BooleanField(
        label=gettext_lazy("Wishes to take the floor"), required=False
    )


class SideEventForm(forms.ModelForm):
    #: One per form shown (a new event): the same form sent twice makes one event.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    co_sponsoring_delegations = KeyedModelMultipleChoiceField(
        label=gettext_lazy("Co-sponsoring delegations"),
        queryset=Delegation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    other_co_sponsors = forms.CharField(
        label=gettext_lazy("Other co-sponsors (UN entities, NGOs), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = SideEvent
        fields = [
            "title", "kind_label", "background", "objectives", "questions", "starts_at", "ends_at",
            "room", "seats", "registration_closes_at", "observers_may_register", "contact_name",
            "contact_function", "contact_email", "ngos_may_register", "is_published",
        ]  # fmt: skip
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("starts_at", "ends_at", "registration_closes_at")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].required = True  # organizers state their room's seats
        if self.instance.pk is None:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_other_co_sponsors(self) -> list[str]:
        """One co-sponsor per line, each no longer than a co-sponsor's name may be."""
        names = [line.strip() for line in self.cleaned_data["other_co_sponsors"].splitlines()]
        limit = CoSponsor._meta.get_field("name").max_length
        for name in names:
            if len(name) > limit:
                raise forms.ValidationError(
                    gettext_lazy("Name each co-sponsor in at most %(limit)d characters."),
                    params={"limit": limit},
                )
        return [name for name in names if name]


class OrganizationForm(RegistrationForm):
    organization = forms.CharField(label=gettext_lazy("Organization"), max_length=200)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail sent through the outbox (a Celery worker)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        queue_rendered(
            to=to_email,
            subject=loader.render_to_string(subject_template_name, context),
            body=loader.render_to_string(email_template_name, context),
        )
