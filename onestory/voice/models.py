"""Feedback links and the answers they bring, kept so that no answer leads back to a person.

Three tables, with nothing joining the second and third to the first
(docs/decisions/0065-feedback-that-cannot-be-tied-to-a-person.md):

- ``FeedbackInvitation``: that a case or a front-door contact was given a link, and on which
  day. It is person-level (it names the case or referral) and holds no token.
- ``FeedbackLink``: a link still waiting to be used: a hash of its token, the service, the
  kind of contact and the last day it works (the end of a quarter, shared by every link
  given that quarter). No key to a case, referral, person or invitation; no time of issue;
  a random primary key, so its order says nothing either. Used once, it is deleted.
- ``FeedbackResponse``: the answers, with the service, the kind of contact and the quarter
  they came in. Random primary key, no time, no link to the link that brought them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from onestory.core.registry import ORDINARY, person_level
from onestory.voice.choices import Answer, ContactKind, TextCheck


@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    case=ORDINARY,
    referral=ORDINARY,
    contact_kind=ORDINARY,
    agreed_to_be_asked=ORDINARY,
    issued_on=ORDINARY,
    issued_by=ORDINARY,
)
class FeedbackInvitation(models.Model):
    """A case or front-door contact was offered a feedback link (never which link)."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    referral = models.OneToOneField(
        "intake.Referral", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contact_kind = models.CharField(max_length=20, choices=ContactKind.choices)
    agreed_to_be_asked = models.BooleanField(default=False)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(case__isnull=False) & models.Q(referral__isnull=True))
                | (models.Q(case__isnull=True) & models.Q(referral__isnull=False)),
                name="voice_invitation_for_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Feedback link given on {self.issued_on:%d %B %Y}"


class FeedbackLink(models.Model):
    """One unused link: only the hash of its token, the service and the kind of contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(max_length=64, unique=True)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    contact_kind = models.CharField(max_length=20, choices=ContactKind.choices)
    valid_until = models.DateField()

    def __str__(self) -> str:
        return "An unused feedback link"


class FeedbackResponse(models.Model):
    """One person's answers: the service, the kind of contact and the quarter, nothing more."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    contact_kind = models.CharField(max_length=20, choices=ContactKind.choices)
    quarter = models.CharField(max_length=6)  # "2026Q2"
    listened = models.CharField(max_length=20, choices=Answer.choices)
    safer = models.CharField(max_length=20, choices=Answer.choices)
    repeated_story = models.CharField(max_length=20, choices=Answer.choices)
    what_helped = models.TextField(blank=True)
    could_be_better = models.TextField(blank=True)
    text_check = models.CharField(max_length=10, choices=TextCheck.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["quarter", "id"]

    def __str__(self) -> str:
        return f"Feedback for {self.quarter}"


from onestory.voice.models_panel import LogEntry, PanelContribution, PanelMember  # noqa: E402

__all__ = [
    "FeedbackInvitation",
    "FeedbackLink",
    "FeedbackResponse",
    "LogEntry",
    "PanelContribution",
    "PanelMember",
]
