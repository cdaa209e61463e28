"""The feedback form (public, translated) and the staff forms around it."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from onestory.core.date_input import date_input
from onestory.intake.forms.fields import YesNoField
from onestory.voice.choices import Answer, RaisedThrough

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


class PanelMemberForm(forms.Form):
    """Someone joining the panel: their name and how and when it is safe to reach them."""

    name = forms.CharField(label="The name they would like to be called", max_length=200)
    interests = forms.CharField(
        label="What they would like to take part in (optional)",
        help_text="For example, reading leaflets, interview panels, the board's listening events.",
        max_length=300,
        required=False,
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    safe_to_call = YesNoField(label="Is it safe to call this number?")
    voicemail_allowed = YesNoField(label="Can a voicemail be left?")
    safe_to_text = YesNoField(label="Is it safe to send a text message? (optional)")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    safe_to_email = YesNoField(label="Is it safe to email this address?")
    safe_times = forms.CharField(
        label="When is it safe to make contact? (optional)", max_length=300, required=False
    )
    safe_word = forms.CharField(label="Safe word (optional)", max_length=100, required=False)
    contact_only_through_professional = forms.BooleanField(
        label="Contact only through a named professional", required=False
    )
    professional_contact = forms.CharField(
        label="The professional's name and how to reach them", max_length=300, required=False
    )


class ContributionForm(forms.Form):
    activity = forms.CharField(label="What they took part in", max_length=300)
    took_part_on = date_input("Date they took part", required=True, past_only=True)
    hours = forms.DecimalField(
        label="Hours",
        min_value=Decimal("0.25"),
        max_value=Decimal(24),
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-3"}),
        error_messages={"invalid": "Enter the hours as a number, like 1.5"},
    )
    vouchers = forms.DecimalField(
        label="Vouchers given, in pounds (optional)",
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=2,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the vouchers as an amount, like 20 or 12.50"},
    )


class LogEntryForm(forms.Form):
    raised_through = forms.ChoiceField(
        label="How it was raised", choices=RaisedThrough.choices, widget=forms.RadioSelect
    )
    you_said = forms.CharField(
        label="You said: what survivors or the panel raised",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    response = forms.CharField(
        label="The response", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    owner = forms.CharField(label="Who owns it", max_length=200)
    what_changed = forms.CharField(
        label="We did: what changed (optional until it is published)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    plan_action = forms.CharField(
        label="Delivery plan action (optional)",
        help_text="The action in the partnership's delivery plan this belongs to, like 1.3.",
        max_length=100,
        required=False,
    )
    raised_on = date_input("Date it was raised", required=True, past_only=True)
