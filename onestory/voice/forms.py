"""The feedback form (public, translated) and the staff forms around it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onestory.voice.choices import Answer

ANSWER_CHOICES = Answer.choices
NO_NAMES = _(
    "Please do not write names, addresses or anything else that could identify you or anyone else."
)


def _question(label, hint=""):
    message = _("Select an answer")
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class FeedbackForm(forms.Form):
    listened = _question(_("Did you feel listened to?"))
    safer = _question(_("Do you feel safer than before you got in touch?"))
    repeated_story = _question(
        _("Did you have to tell your story again to different people?"),
    )
    what_helped = forms.CharField(
        label=_("What helped? (optional)"),
        help_text=NO_NAMES,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Write 2,000 characters or fewer")},
    )
    could_be_better = forms.CharField(
        label=_("What could be better? (optional)"),
        help_text=NO_NAMES,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Write 2,000 characters or fewer")},
    )


class ContactLinkForm(forms.Form):
    agreed_to_be_asked = forms.BooleanField(
        label="The person agreed to be asked for feedback",
        required=False,
    )


class CheckWordsForm(forms.Form):
    decision = forms.ChoiceField(
        label="What should happen to these words?",
        choices=[
            ("publish", "Show them as edited below"),
            ("withhold", "Withhold them: they could identify someone (they are deleted)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to show or withhold the words"},
    )
    what_helped = forms.CharField(
        label="What helped",
        help_text="Take out names, places and anything else that could identify someone.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    could_be_better = forms.CharField(
        label="What could be better",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
