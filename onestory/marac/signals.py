"""Repeat detection: whenever any agency records an incident, or names the people using
harm in one, the victim's MARAC file is checked for a repeat.

An incident is saved first and its people using harm are added after, so both moments
are heard; ``flag_repeats_for_incident`` gives the same answer however often it is asked.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save

from onestory.risk.history import marac_referrals_asked
from onestory.risk.models import Incident

_CHANGES = {"post_add", "post_remove", "post_clear"}


def _incident_saved(sender, instance: Incident, created: bool, raw: bool = False, **kwargs):
    if raw:
        return  # loading fixtures
    from onestory.marac.actions.repeats import flag_repeats_for_incident

    flag_repeats_for_incident(incident=instance)


def _perpetrators_changed(sender, instance, action: str, reverse: bool, **kwargs):
    if action not in _CHANGES:
        return
    from onestory.marac.actions.repeats import flag_repeats_for_incident

    if reverse:
        # A person's incidents changed from the person's side: check each of them.
        for incident in Incident.objects.filter(perpetrators=instance):
            flag_repeats_for_incident(incident=incident)
        return
    flag_repeats_for_incident(incident=instance)


def _referrals(sender, person, **kwargs):
    from onestory.marac.actions.referrals import past_referrals

    return past_referrals(person)


def connect() -> None:
    marac_referrals_asked.connect(_referrals, dispatch_uid="marac_referrals")
    post_save.connect(_incident_saved, sender=Incident, dispatch_uid="marac_incident_saved")
    m2m_changed.connect(
        _perpetrators_changed,
        sender=Incident.perpetrators.through,
        dispatch_uid="marac_incident_perpetrators",
    )
