from django import forms
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit

from meetings.models import GroupOfStates
from speakers.models import Inscription
from speakers.services import SpeakerDetails


class InscriptionForm(forms.ModelForm):
    """The speaker a delegation inscribes: who speaks, at what level, for whom."""

    class Meta:
        model = Inscription
        fields = ["honorific", "speaker_name", "function", "level", "on_behalf_of", "gender"]
        help_texts = {
            "honorific": _("For example “H.E. Mr.”, “H.E. Ms.”, “Mr.”, “Ms.”, “Dr.”"),
            "function": _("For example “Minister for Foreign Affairs”."),
            "on_behalf_of": _(
                "Leave empty for a statement in the name of your delegation. Only the group's "
                "chair or coordinator for the period, as the Secretariat records it, speaks on "
                "its behalf."
            ),
        }

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of"].queryset = GroupOfStates.objects.all()
        self.fields["on_behalf_of"].empty_label = _("— in the name of the delegation —")
        self.fields["level"].choices = [
            ("", _("— choose the level —")),
            *self.fields["level"].choices[1:],
        ]
        self.helper = FormHelper()
        self.helper.attrs = {"data-submit-once": ""}
        self.helper.add_input(Submit("submit", submit_label or _("Inscribe the speaker")))

    def details(self) -> SpeakerDetails:
        return SpeakerDetails(**{name: self.cleaned_data[name] for name in self.Meta.fields})


class OpenListForm(forms.Form):
    """Staff reopen a list that has closed: until when inscription runs."""

    closes_at = forms.DateTimeField(
        label=_("Inscription closes (New York time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
