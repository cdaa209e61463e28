"""The public forms: for a survivor, a worried friend or relative, someone worried about their
own behaviour, and a professional.

No session is kept: the one answer carried from the first step (who is getting in touch)
and the form's one-time submission token travel in a signed hidden field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onestory.intake import tokens
from onestory.intake.choices import ChildrenLiveWith, Gender, Service, Source, YesNoUnknown
from onestory.intake.forms.referral import (
    CONTACT_FIELDS,
    PERSON_FIELDS,
    SUPPORT_FIELDS,
    ReferralQuestions,
    referrer_fields,
    urgency_field,
)

PUBLIC_SOURCES = {
    Source.SELF: _("I need help for myself: someone is hurting, frightening or controlling me"),
    Source.FAMILY_OR_FRIEND: _("I am worried about a friend or someone in my family"),
    Source.OWN_BEHAVIOUR: _("I am worried about how I behave towards a partner or family member"),
}


# The choices' labels as the public read them, in their language (the choices themselves
# stay English for staff pages, exports and the API).
PUBLIC_CHOICE_LABELS = {
    "gender": {
        Gender.WOMAN: _("Woman"),
        Gender.MAN: _("Man"),
        Gender.NON_BINARY: _("Non-binary"),
        Gender.OTHER: _("In another way"),
        Gender.NOT_SAID: _("Prefer not to say or not known"),
    },
    "children_in_household": {
        YesNoUnknown.YES: _("Yes"),
        YesNoUnknown.NO: _("No"),
        YesNoUnknown.NOT_KNOWN: _("Not known"),
    },
    "consent": {
        Service.OUTREACH: _("Community outreach support"),
        Service.IDVA: _("An independent domestic violence advisor (IDVA)"),
        Service.REFUGE: _("Refuge or other safe accommodation"),
        Service.CHILDREN: _("Children's services"),
        Service.PERPETRATOR: _("Services that help people change harmful behaviour"),
        Service.POLICE: _("The police"),
        Service.HOUSING: _("Housing"),
        Service.HEALTH: _("Health services"),
    },
}


def _public_choices(form: forms.Form) -> None:
    for name, labels in PUBLIC_CHOICE_LABELS.items():
        if name in form.fields:
            field = form.fields[name]
            field.choices = [(value, labels.get(value, label)) for value, label in field.choices]


class FormState:
    """Who the form is for and its one-time token, carried signed in a hidden field."""

    def __init__(self, source: Source, token: str, signed: str) -> None:
        self.source, self.token, self.signed = source, token, signed

    @classmethod
    def start(cls, source: str) -> FormState:
        signed = tokens.issue("public", source=Source(source).value)
        return cls.read(signed, allowed={Source(source)})

    @classmethod
    def read(cls, signed: str, *, allowed: set[Source]) -> FormState | None:
        """The state from the hidden field; None if it was changed, is too old, or is not ours."""
        data = tokens.redeem(signed, "public")
        if data is None or data.get("source") not in allowed:
            return None
        return cls(Source(data["source"]), data["token"], signed)


class WhoForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Who are you getting in touch about?"),
        choices=list(PUBLIC_SOURCES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who you are getting in touch about"),
            "invalid_choice": _("Select who you are getting in touch about"),
        },
    )


class PublicReferralForm(ReferralQuestions):
    """The online form for the public; its wording follows who is getting in touch."""

    def __init__(self, *args, state: FormState, **kwargs) -> None:
        self.state = state
        self.voice = "other" if state.source == Source.FAMILY_OR_FRIEND else "self"
        self.sections = self._sections(state.source)
        super().__init__(*args, **kwargs)
        if state.source == Source.FAMILY_OR_FRIEND:
            for name, field in referrer_fields().items():
                if name in (
                    "referrer_name",
                    "referrer_relationship",
                    "referrer_phone",
                    "referrer_email",
                ):
                    self.fields[name] = field
            self.fields["referrer_name"].label = "Your name"
            self.fields["referrer_name"].required = True
            self.fields["referrer_name"].error_messages["required"] = "Enter your name"
            self.fields["referrer_relationship"].label = "How do you know them? (optional)"
            self.fields[
                "referrer_relationship"
            ].help_text = "For example, sister, neighbour, friend."
            self.fields["referrer_phone"].label = "Your phone number (optional)"
            self.fields["referrer_email"].label = "Your email address (optional)"
            self.order_fields([name for _heading, names in self.sections for name in names])
        _public_choices(self)

    @staticmethod
    def _sections(source: Source) -> list[tuple[str, list[str]]]:
        if source == Source.FAMILY_OR_FRIEND:
            return [
                (
                    "About you",
                    ["referrer_name", "referrer_relationship", "referrer_phone", "referrer_email"],
                ),
                ("About the person you are worried about", PERSON_FIELDS),
                ("What is happening", ["story"]),
                ("Contacting them safely", CONTACT_FIELDS),
                ("Sharing and support", SUPPORT_FIELDS),
            ]
        return [
            (_("About you"), PERSON_FIELDS),
            (_("What is happening"), ["story"]),
            (_("Contacting you safely"), CONTACT_FIELDS),
            (_("Sharing and support"), SUPPORT_FIELDS),
        ]

    def fixed_answers(self) -> dict:
        return {"source": self.state.source}


# Someone worried about their own behaviour may agree to these services hearing from us;
# never to a refuge or a victim's service, whose work and whereabouts are not theirs to know.
OWN_BEHAVIOUR_SERVICES = [Service.PERPETRATOR, Service.HEALTH, Service.HOUSING, Service.CHILDREN]


class OwnBehaviourForm(ReferralQuestions):
    """The form for someone worried about their own behaviour: what worries them, where any
    children live, whether a service already knows them, and how and when to reach them.
    It asks for no safe word (that protects a victim from the person using harm) and offers
    no sharing with refuges."""

    voice = "self"
    sections = [
        (
            "About you",
            [
                "given_name",
                "family_name",
                "date_of_birth",
                "approximate_age",
                "gender",
                "postcode",
                "area",
            ],
        ),
        ("What you are worried about", ["story"]),
        ("Children", ["children_live_with"]),
        ("Services you are in touch with", ["in_touch_with_services", "services_in_touch"]),
        (
            "How and when to contact you",
            ["phone", "safe_to_call", "voicemail_allowed", "email", "safe_to_email", "safe_times"],
        ),
        ("Sharing and support", ["consent", "interpreter_needed", "interpreter_language"]),
    ]
    LEFT_OUT = (
        "other_names",
        "children_in_household",
        "children_count",
        "safe_word",
        "contact_only_through_professional",
        "professional_contact",
    )

    def __init__(self, *args, state: FormState, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)
        for name in self.LEFT_OUT:
            del self.fields[name]
        story = self.fields["story"]
        story.label = "What are you worried about in how you behave?"
        story.help_text = (
            "For example, what happens, who it affects and how often. Write as much or as "
            "little as you like."
        )
        story.required = True
        story.error_messages["required"] = "Tell us what you are worried about"
        self.fields["children_live_with"] = forms.ChoiceField(
            label="Do any children live with you, or with the other person?",
            choices=ChildrenLiveWith.choices,
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["in_touch_with_services"] = forms.ChoiceField(
            label="Are you in touch with any service about this, or about anything else?",
            help_text="For example, a GP, mental health or drug and alcohol services, "
            "probation, or a course about behaviour.",
            choices=[
                (YesNoUnknown.YES, "Yes"),
                (YesNoUnknown.NO, "No"),
                (YesNoUnknown.NOT_KNOWN, "I would rather not say"),
            ],
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["services_in_touch"] = forms.CharField(
            label="Which services? (optional)", max_length=300, required=False
        )
        self.fields["safe_times"].label = "When is a good time to contact you? (optional)"
        self.fields["safe_times"].help_text = "For example, weekday evenings after 6pm."
        self.fields["safe_to_call"].label = "Can we call you on this number?"
        self.fields["safe_to_email"].label = "Can we email you at this address?"
        consent = self.fields["consent"]
        consent.choices = [(service.value, service.label) for service in OWN_BEHAVIOUR_SERVICES]
        consent.label = "Who may we share your details with, to get you help? (optional)"
        self.order_fields([name for _heading, names in self.sections for name in names])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("services_in_touch") and cleaned.get("in_touch_with_services") in (
            YesNoUnknown.NO,
        ):
            self.add_error(
                "services_in_touch", "Leave this empty, or say you are in touch with a service"
            )
        return cleaned

    def fixed_answers(self) -> dict:
        return {"source": Source.OWN_BEHAVIOUR}


def public_form(state: FormState, *args, **kwargs) -> ReferralQuestions:
    """The form that fits who is getting in touch."""
    if state.source == Source.OWN_BEHAVIOUR:
        return OwnBehaviourForm(*args, state=state, **kwargs)
    return PublicReferralForm(*args, state=state, **kwargs)


class ProfessionalReferralForm(ReferralQuestions):
    """A professional's referral: their organisation and contact, then the person."""

    voice = "other"
    sections = [
        (
            "About you",
            [
                "referrer_name",
                "referrer_role",
                "referrer_agency",
                "referrer_agency_kind",
                "referrer_phone",
                "referrer_email",
            ],
        ),
        ("About the person you are referring", PERSON_FIELDS),
        ("Why you are referring them", ["story", "urgency"]),
        ("Contacting them safely", CONTACT_FIELDS),
        ("Sharing and support", SUPPORT_FIELDS),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "referrer_name": ("Your name", "Enter your name"),
            "referrer_role": ("Your role", "Enter your role"),
            "referrer_agency": ("Your organisation", "Enter the name of your organisation"),
            "referrer_agency_kind": ("Kind of organisation", "Select the kind of organisation"),
            "referrer_phone": ("Your phone number (optional)", ""),
            "referrer_email": ("Your work email address (optional)", ""),
        }
        fields = referrer_fields()
        for name, (label, required_message) in labels.items():
            field = fields[name]
            field.label = label
            if required_message:
                field.required = True
                field.error_messages["required"] = required_message
            self.fields[name] = field
        self.fields["urgency"] = urgency_field()
        self.fields["story"].label = "Why are you referring them, and what is happening?"
        self.fields["story"].required = True
        self.fields["story"].error_messages["required"] = "Tell us why you are referring them"
        self.fields["story"].help_text = ""
        self.order_fields([name for _heading, names in self.sections for name in names])

    def fixed_answers(self) -> dict:
        return {"source": Source.PROFESSIONAL}
