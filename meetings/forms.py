from django import forms
from django.utils.translation import gettext_lazy as _


class TextImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the draft"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=_("Paste the text from “The General Assembly,” onwards; footnotes at the end."),
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline (New York time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class AdoptionForm(forms.Form):
    l_symbol = forms.CharField(label=_("L-document"), max_length=40, help_text="A/71/L.65")
    symbol = forms.CharField(label=_("Resolution"), max_length=40, help_text="A/RES/71/287")
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    vote = forms.CharField(label=_("Vote"), max_length=200, initial="without a vote")
