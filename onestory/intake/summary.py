"""What a referral page shows, section by section, limited to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language_info

from onestory.intake import rules
from onestory.intake.access import ReferralGrant
from onestory.intake.choices import ProfessionalKind, Source
from onestory.intake.models import Referral

HIDDEN = "Hidden: your role cannot see safe-contact details"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    hidden: bool = False


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _or_not_given(value) -> str:
    return str(value) if value not in (None, "") else "Not given"


def _date_of_birth(referral: Referral) -> str:
    if referral.date_of_birth:
        return date_format(referral.date_of_birth, "j F Y")
    if referral.approximate_age is not None:
        return f"Not given (about {referral.approximate_age} years old)"
    return "Not given"


def _children(referral: Referral) -> str:
    answer = referral.get_children_in_household_display()
    if referral.children_count:
        return f"{answer} ({referral.children_count})"
    return answer


def sections(referral: Referral, grant: ReferralGrant) -> list[tuple[str, list[Row]]]:
    visible = grant.visible_fields()

    def row(label: str, field: str, value) -> Row:
        if field not in visible:
            return Row(label, HIDDEN, hidden=True)
        return Row(label, value)

    who = [
        Row("Source", referral.get_source_display()),
        Row("Channel", referral.get_channel_display()),
    ]
    if referral.submitted_by is not None:
        taker = referral.submitted_by
        who.append(Row("Taken by", taker.get_full_name() or taker.username))
    if referral.source == Source.PROFESSIONAL:
        kind = (
            ProfessionalKind(referral.referrer_agency_kind).label
            if referral.referrer_agency_kind
            else ""
        )
        who += [
            Row("Professional", _or_not_given(referral.referrer_name)),
            Row("Role", _or_not_given(referral.referrer_role)),
            Row("Organisation", _or_not_given(referral.referrer_agency)),
            Row("Kind of organisation", _or_not_given(kind)),
        ]
    elif referral.source == Source.FAMILY_OR_FRIEND:
        who += [
            Row("Family member or friend", _or_not_given(referral.referrer_name)),
            Row("Relationship", _or_not_given(referral.referrer_relationship)),
        ]
    if referral.referrer_phone or referral.referrer_email:
        who += [
            Row("Their phone", _or_not_given(referral.referrer_phone)),
            Row("Their email", _or_not_given(referral.referrer_email)),
        ]

    person = [
        Row("Name", referral.display_name),
        Row("Other names", _or_not_given(referral.other_names)),
        Row("Date of birth", _date_of_birth(referral)),
        Row("Gender", _or_not_given(referral.get_gender_display())),
        Row("Area", _or_not_given(referral.area.name if referral.area else "")),
        row("Postcode", "postcode", _or_not_given(referral.postcode)),
        Row("Children in the household", _children(referral)),
        Row("Children named", _or_not_given(rules.children_text(referral.children))),
    ]
    if referral.source == Source.OWN_BEHAVIOUR:
        person += [
            Row(
                "Where the children live",
                _or_not_given(referral.get_children_live_with_display()),
            ),
            Row(
                "In touch with a service",
                _or_not_given(referral.get_in_touch_with_services_display())
                + (f": {referral.services_in_touch}" if referral.services_in_touch else ""),
            ),
        ]
    person += [
        Row(
            "Interpreter",
            f"Needed: {referral.interpreter_language}"
            if referral.interpreter_needed
            else "Not needed",
        ),
    ]
    if referral.form_language:
        person.append(Row("Form filled in", _language_name(referral.form_language)))

    contact = [
        row("Phone", "phone", _or_not_given(referral.phone)),
        row("Safe to call", "safe_to_call", _yes_no(referral.safe_to_call)),
        row("Voicemail allowed", "voicemail_allowed", _yes_no(referral.voicemail_allowed)),
        row("Safe to text", "safe_to_text", _yes_no(referral.safe_to_text)),
        row("Safe times", "safe_times", _or_not_given(referral.safe_times)),
        row("Email", "email", _or_not_given(referral.email)),
        row("Safe to email", "safe_to_email", _yes_no(referral.safe_to_email)),
        row("Safe word", "safe_word", _or_not_given(referral.safe_word)),
        row(
            "Only through a professional",
            "contact_only_through_professional",
            f"Yes: {referral.professional_contact}"
            if referral.contact_only_through_professional
            else "No",
        ),
    ]
    if not grant.location:
        contact = [Row("Safe-contact details", HIDDEN, hidden=True)]

    services = referral.consented_services()
    consent = [
        Row(
            "Agreed to sharing with",
            ", ".join(service.label for service in services) if services else "No services yet",
        )
    ]
    return [
        ("Who got in touch", who),
        ("The person", person),
        ("Contacting them safely", contact),
        ("Consent to share", consent),
    ]


def _language_name(code: str) -> str:
    """ "Arabic (العربية)": the language's English name, then its own."""
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    local = dict(settings.LANGUAGES).get(code, info["name_local"])
    return f"{info['name']} ({local})"
