from django import forms
from django.forms.models import model_to_dict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit

from meetings.inputs import within_years
from speakers.models import Inscription
from speakers.services import SpeakerDetails

#: The speaker's fields as the model defines them, with the hints a delegation needs.
_SPEAKER_FIELDS = forms.fields_for_model(
    Inscription,
    fields=["honorific", "speaker_name", "function", "level", "on_behalf_of", "gender"],
    help_texts={
        "honorific": _("For example “H.E. Mr.”, “H.E. Ms.”, “Mr.”, “Ms.”, “Dr.”"),
        "function": _("For example “Minister for Foreign Affairs”."),
        "on_behalf_of": _(
            "Leave empty for a statement in the name of your delegation. The groups listed are "
            "those your delegation chairs or coordinates on the day, as the Secretariat records "
            "it: only they speak through you."
        ),
    },
)
_SPEAKER_FIELDS["on_behalf_of"].empty_label = _("— in the name of the delegation —")
_SPEAKER_FIELDS["level"].choices = [
    ("", _("— choose the level —")),
    *_SPEAKER_FIELDS["level"].choices[1:],
]
_SPEAKER_FIELDS["gender"].choices = [
    ("", _("— not given —")),
    *_SPEAKER_FIELDS["gender"].choices[1:],
]


class InscriptionForm(forms.Form):
    """The speaker a delegation inscribes: who speaks, at what level, for whom.

    The fields are the model's. The inscription itself is validated once, by the service that
    saves it (``services.inscribe``, ``change_speaker``), and the views add its errors to the
    form: a ``ModelForm`` would validate the model a second time, on the path of the
    opening-minute rush. A change starts from ``initial_of(inscription)``.
    """

    honorific = _SPEAKER_FIELDS["honorific"]
    speaker_name = _SPEAKER_FIELDS["speaker_name"]
    function = _SPEAKER_FIELDS["function"]
    level = _SPEAKER_FIELDS["level"]
    on_behalf_of = _SPEAKER_FIELDS["on_behalf_of"]
    gender = _SPEAKER_FIELDS["gender"]

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit_label = submit_label or _("Inscribe the speaker")

    @cached_property
    def helper(self) -> FormHelper:
        """How the page shows the form (read only when it is shown)."""
        helper = FormHelper()
        helper.attrs = {"data-submit-once": ""}
        helper.add_input(Submit("submit", self.submit_label))
        return helper

    @classmethod
    def initial_of(cls, inscription: Inscription) -> dict:
        """The form's values for the speaker ``inscription`` names now."""
        return model_to_dict(inscription, fields=cls.base_fields)

    def details(self) -> SpeakerDetails:
        return SpeakerDetails(**{name: self.cleaned_data[name] for name in self.base_fields})


class OpenListForm(forms.Form):
    """Staff reopen a list that has closed: until when inscription runs."""

    closes_at = forms.DateTimeField(
        label=_("Inscription closes (New York time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[within_years],
    )
