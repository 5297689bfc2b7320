import uuid

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from meetings.enums import DelegationKind, SegmentKind
from meetings.inputs import within_years
from meetings.models import Delegation
from stakeholders.enums import ApplicationPath
from stakeholders.models import Application, Representative
from stakeholders.services.applications import RepresentativeDetails

STATES = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE]


class ApplicationForm(forms.ModelForm):
    """The public form. ``homepage`` is a honeypot: people never see it, robots fill it."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Application
        fields = [
            "path", "name", "acronym", "country", "website", "organization_type", "ecosoc_status",
            "areas_of_work", "relevance", "focal_point_name", "focal_point_email",
            "wishes_to_speak", "panel", "supporting_document",
        ]  # fmt: skip
        widgets = {
            "path": forms.RadioSelect,
            "areas_of_work": forms.Textarea(attrs={"rows": 3}),
            "relevance": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "supporting_document": _("Optional. PDF, DOCX, PNG or JPEG, at most 5 MB."),
            "panel": _("If you wish to speak: the panel discussion."),
        }

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Delegation.objects.filter(kind__in=STATES)
        self.fields["path"].choices = ApplicationPath.choices  # required: no blank choice
        self.fields["panel"].queryset = process.meeting.segments.filter(kind=SegmentKind.PANEL)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.fields["homepage"].widget.attrs["class"] = "hp-field"

    def clean_homepage(self):
        if self.cleaned_data["homepage"]:
            raise forms.ValidationError(_("This field must be left empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wishes_to_speak") and not cleaned.get("panel"):
            self.add_error("panel", _("Choose the panel in which you wish to speak."))
        return cleaned


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = [
            "honorific", "name", "title", "gender", "nationality", "biography",
            "lived_experience", "consents_to_publication",
        ]  # fmt: skip
        widgets = {"biography": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, asks_lived_experience=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].queryset = Delegation.objects.filter(kind__in=STATES)
        if not asks_lived_experience:
            del self.fields["lived_experience"]

    def details(self) -> RepresentativeDetails:
        data = {
            k: v for k, v in self.cleaned_data.items() if k in RepresentativeDetails.__annotations__
        }
        return RepresentativeDetails(**data)


class BaseRepresentativeFormSet(forms.BaseFormSet):
    def clean(self):
        """Only a ticked "Delete" removes a representative shown: a form that comes back with
        fewer rows than it showed (cut short or altered on the way) is refused whole."""
        super().clean()
        if self.is_bound and self.total_form_count() < len(self.initial or ()):
            raise forms.ValidationError(
                _(
                    "The form came back without some of the representatives it showed, so "
                    "nothing was changed. Open the form again and send it once more."
                ),
                code="rows_missing",
            )

    def details(self) -> list[RepresentativeDetails]:
        """Every representative the form names, in order: those shown again unchanged too;
        left out are blank extra rows and rows ticked for removal."""
        deleted = set(map(id, self.deleted_forms)) if self.can_delete else set()
        return [f.details() for f in self.forms if f.cleaned_data and id(f) not in deleted]


def representative_formset(process, *args, **kwargs):
    FormSet = forms.formset_factory(
        RepresentativeForm,
        formset=BaseRepresentativeFormSet,
        extra=process.max_representatives,
        max_num=process.max_representatives,
        min_num=0,
        validate_max=True,
        can_delete=True,
        can_delete_extra=False,
    )
    return FormSet(
        *args,
        prefix="rep",
        form_kwargs={"asks_lived_experience": process.asks_lived_experience},
        **kwargs,
    )


class ObjectionForm(forms.Form):
    basis = forms.CharField(
        label=_("General basis of the objection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Made known to the Office of the President and, on request, to the organization; "
            "never with the name of your State."
        ),
    )


#: "in English", "en anglais": a language named within a sentence.
IN_LANGUAGE = {"en": _("in English"), "fr": _("in French")}


class ReasonForm(forms.Form):
    """Staff's message to the organizations selected: one per language they applied in, each
    read by those organizations in their language."""

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages:
            self.fields[f"reason_{code}"] = forms.CharField(
                label=format_lazy(
                    _(
                        "Message to the organizations that applied {in_language}, written "
                        "{in_language}"
                    ),
                    in_language=IN_LANGUAGE.get(code, code),
                ),
                widget=forms.Textarea,
            )

    def reasons(self) -> dict[str, str]:
        """The message in each language: ``{"en": …, "fr": …}``."""
        return {name.removeprefix("reason_"): text for name, text in self.cleaned_data.items()}


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        validators=[within_years],
        label=_("Deadline for objections (New York time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ECOSOC list (CSV or XLSX: name, status, country)"))
