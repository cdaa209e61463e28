"""The answers the feedback form offers, and the kinds of contact a link can be for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    SUPPORT = "support", _("Support from a service")
    FRONT_DOOR = "front_door", _("Getting in touch with the front door")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    RATHER_NOT_SAY = "rather_not_say", _("I would rather not say")


class TextCheck(models.TextChoices):
    """Where a response's free text stands: nobody sees it until a worker has checked it."""

    NONE = "none", "No words written"
    WAITING = "waiting", "Waiting to be checked"
    PUBLISHED = "published", "Checked and shown"
    WITHHELD = "withheld", "Withheld and deleted"


class RaisedThrough(models.TextChoices):
    FEEDBACK = "feedback", "Survivors' feedback"
    PANEL = "panel", "The lived-experience panel"
    OTHER = "other", "Another way (a survey, an event, a complaint)"
