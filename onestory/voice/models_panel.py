"""The lived-experience panel and the board's "you said, we did" log.

A panel member is someone who agreed to be contacted about coproduction. How and when it is
safe to reach them follows the front door's safe-contact rules; their contact details are
location-secret. When they withdraw, their row is deleted and what they took part in stays,
with no link to them (``PanelContribution.member`` is set to null).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from onestory.core.registry import LOCATION_SECRET, ORDINARY, PERSONAL, person_level
from onestory.voice.choices import RaisedThrough


@person_level(
    id=ORDINARY,
    agency=ORDINARY,
    name=PERSONAL,
    phone=LOCATION_SECRET,
    safe_to_call=LOCATION_SECRET,
    voicemail_allowed=LOCATION_SECRET,
    safe_to_text=LOCATION_SECRET,
    email=LOCATION_SECRET,
    safe_to_email=LOCATION_SECRET,
    safe_times=LOCATION_SECRET,
    safe_word=LOCATION_SECRET,
    contact_only_through_professional=LOCATION_SECRET,
    professional_contact=LOCATION_SECRET,
    interests=PERSONAL,
    joined_on=ORDINARY,
    added_by=ORDINARY,
)
class PanelMember(models.Model):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=30, blank=True)
    safe_to_call = models.BooleanField(null=True, blank=True)
    voicemail_allowed = models.BooleanField(null=True, blank=True)
    safe_to_text = models.BooleanField(null=True, blank=True)
    email = models.EmailField(blank=True)
    safe_to_email = models.BooleanField(null=True, blank=True)
    safe_times = models.CharField(max_length=300, blank=True)
    safe_word = models.CharField(max_length=100, blank=True)
    contact_only_through_professional = models.BooleanField(default=False)
    professional_contact = models.CharField(max_length=300, blank=True)
    interests = models.CharField(max_length=300, blank=True)
    joined_on = models.DateField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PanelContribution(models.Model):
    """Something the panel took part in, with the hours and the vouchers given."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        PanelMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    activity = models.CharField(max_length=300)
    took_part_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    voucher_pence = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-took_part_on", "id"]

    def __str__(self) -> str:
        return self.activity

    @property
    def vouchers(self) -> str:
        return f"£{self.voucher_pence // 100}.{self.voucher_pence % 100:02d}"


class LogEntry(models.Model):
    """One line of the board's "you said, we did": what was raised, the response, the owner,
    what changed, and the delivery plan's action it belongs to. Published entries are public."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    raised_through = models.CharField(max_length=20, choices=RaisedThrough.choices)
    you_said = models.TextField()
    response = models.TextField()
    owner = models.CharField(max_length=200)
    what_changed = models.TextField(blank=True)
    plan_action = models.CharField(max_length=100, blank=True)
    raised_on = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.you_said[:60]
