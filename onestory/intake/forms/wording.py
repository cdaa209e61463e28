"""How each question is put, to staff, to the person themselves, or to someone else."""

from django.utils.translation import gettext_lazy as _

from onestory.intake.choices import Source

# How each question is put: to a staff member about the person ("staff"), to the person
# themselves ("self"), or to someone telling us about another person ("other").
LABELS: dict[str, dict[str, str]] = {
    "given_name": {
        "staff": "First name, or the name they use",
        "self": _("Your first name, or a name you would like us to use"),
        "other": "Their first name, or the name they use",
    },
    "family_name": {
        "staff": "Last name (optional)",
        "self": _("Your last name (optional)"),
        "other": "Their last name (optional)",
    },
    "other_names": {
        "staff": "Other names they have used (optional)",
        "self": _("Other names you have used (optional)"),
        "other": "Other names they have used (optional)",
    },
    "date_of_birth": {
        "staff": "Date of birth",
        "self": _("Date of birth"),
        "other": "Date of birth",
    },
    "approximate_age": {
        "staff": "Age, if the date of birth is not known (optional)",
        "self": _("Your age, if you would rather not give your date of birth (optional)"),
        "other": "Their age, if you do not know their date of birth (optional)",
    },
    "gender": {
        "staff": "Gender",
        "self": _("How do you describe your gender?"),
        "other": "Their gender",
    },
    "postcode": {
        "staff": "Postcode (optional)",
        "self": _("Your postcode (optional)"),
        "other": "Their postcode (optional)",
    },
    "area": {
        "staff": "Area they live in (optional)",
        "self": _("Which area do you live in? (optional)"),
        "other": "Which area do they live in? (optional)",
    },
    "children_in_household": {
        "staff": "Are there children in the household?",
        "self": _("Do any children live with you?"),
        "other": "Do any children live with them?",
    },
    "children": {
        "staff": "Their names and ages (optional)",
        "self": _("Their names and ages (optional)"),
        "other": "Their names and ages, if you know them (optional)",
    },
    "children_count": {
        "staff": "How many children? (optional)",
        "self": _("How many children? (optional)"),
        "other": "How many children? (optional)",
    },
    "story": {
        "staff": "What is happening, in their words where you can",
        "self": _("Tell us what is happening (optional)"),
        "other": "Tell us what is happening and why you are worried (optional)",
    },
    "phone": {
        "staff": "Phone number (optional)",
        "self": _("Phone number (optional)"),
        "other": "Their phone number (optional)",
    },
    "safe_to_call": {
        "staff": "Is it safe to call this number?",
        "self": _("Is it safe for us to call this number?"),
        "other": "Is it safe for us to call them on this number?",
    },
    "safe_times": {
        "staff": "When is it safe to make contact? (optional)",
        "self": _("When is it safe for us to contact you? (optional)"),
        "other": "When is it safe for us to contact them? (optional)",
    },
    "voicemail_allowed": {
        "staff": "Can a voicemail be left?",
        "self": _("Can we leave a voicemail?"),
        "other": "Can we leave them a voicemail?",
    },
    "safe_to_text": {
        "staff": "Is it safe to send a text message? (optional)",
        "self": _("Can we send you a text message? (optional)"),
        "other": "Can we send them a text message? (optional)",
    },
    "email": {
        "staff": "Email address (optional)",
        "self": _("Email address (optional)"),
        "other": "Their email address (optional)",
    },
    "safe_to_email": {
        "staff": "Is it safe to email this address?",
        "self": _("Is it safe for us to email this address?"),
        "other": "Is it safe for us to email them at this address?",
    },
    "safe_word": {
        "staff": "Safe word (optional)",
        "self": _("A word we can say so you know it is us (optional)"),
        "other": "A word we can say so they know it is us (optional)",
    },
    "contact_only_through_professional": {
        "staff": "Contact only through a named professional",
        "self": _("Only contact me through a professional I trust"),
        "other": "Only contact them through a professional they trust",
    },
    "professional_contact": {
        "staff": "The professional's name and how to reach them",
        "self": _("The professional's name and how to reach them"),
        "other": "The professional's name and how to reach them",
    },
    "consent": {
        "staff": "Which services have they agreed their details can be shared with?",
        "self": _("Which services can we share what you have told us with?"),
        "other": "Which services have they agreed we can share their details with?",
    },
    "interpreter_needed": {
        "staff": "Is an interpreter needed?",
        "self": _("Would you like an interpreter?"),
        "other": "Do they need an interpreter?",
    },
    "interpreter_language": {
        "staff": "Which language? (optional unless an interpreter is needed)",
        "self": _("Which language? (optional unless you would like an interpreter)"),
        "other": "Which language? (optional unless they need an interpreter)",
    },
}

HINTS = {
    "children": _("One child on each line, with their age if you know it. For example, Amy, 7."),
    "date_of_birth": _("For example, 27 3 1985. Leave it empty if it is not known."),
    "postcode": _("Only if it is safe to share. For example, NE1 4AB."),
    "safe_times": _("For example, weekdays between 9am and 3pm."),
    "safe_word": _("We will say it at the start of a call, so you know it is us."),
    "professional_contact": _("For example, their GP, social worker or support worker."),
    "consent": _(
        "We only share what is needed to get the right help. Leave them all unticked "
        "if sharing has not been agreed yet."
    ),
    "story": _("Say as much or as little as you want."),
}

SOURCE_LABELS = {
    Source.SELF: "The person themselves (victim or survivor)",
    Source.FAMILY_OR_FRIEND: "A family member or friend",
    Source.PROFESSIONAL: "A professional",
    Source.OWN_BEHAVIOUR: "Someone worried about their own behaviour",
}
