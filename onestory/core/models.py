"""Counters for rate limits, in the database every server process shares (core/throttles.py)."""

from django.db import models


class ThrottleCount(models.Model):
    """How many requests one client (``bucket``) made in one fixed window (``period``)."""

    bucket = models.CharField(max_length=200)
    period = models.BigIntegerField(help_text="the window's number: seconds since 1970 // length")
    hits = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(help_text="when the window ends, in seconds since 1970")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "period"], name="core_throttle_one_window")
        ]
        indexes = [models.Index(fields=["expires"], name="core_throttle_expires")]

    def __str__(self) -> str:
        return f"{self.bucket} #{self.period}: {self.hits}"
