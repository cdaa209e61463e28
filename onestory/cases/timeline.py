"""The person's timeline: everything OneStory holds about a person that a user may see,
across agencies, most recent first. It is how a worker hears the story without asking the
person to tell it again.

Each source adds entries only as far as the user's grant to the person reaches: a summary
share shows that something happened and when; a full view shows what. Cases (and their key
notes) follow ``onestory.cases.access``; front-door referrals show their details only to
those who may open them (``onestory.intake.access``). Sources from apps that may not be
installed (onward referrals, MARAC, safe accommodation) are looked up by app label and
skipped when absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from onestory.access.policy import Grant
from onestory.accounts.roles import Permission
from onestory.cases import access
from onestory.cases.models import CaseNote, NeedsAssessment
from onestory.intake import access as intake_access
from onestory.people.models import Person
from onestory.risk.models import DashAnswer, Incident

KEY_NOTE_LENGTH = 600


@dataclass
class Entry:
    at: dt.datetime
    title: str
    kind: str
    byline: str = ""
    lines: list[str] = field(default_factory=list)
    url: str = ""
    link_text: str = ""
    tag: str = ""

    @property
    def sort_key(self) -> dt.datetime:
        return self.at


def _as_datetime(day: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(day, dt.datetime):
        return day
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# Sources -------------------------------------------------------------------------------


def _front_door(user, person: Person, grant: Grant) -> list[Entry]:
    referrals = person.referrals.select_related("owning_agency")
    visible = set(
        intake_access.visible_referrals(user).filter(person=person).values_list("pk", flat=True)
    )
    entries = []
    for referral in referrals:
        may_open = referral.pk in visible
        lines = [f"{referral.get_channel_display()}, from {referral.get_source_display().lower()}"]
        if may_open and referral.outcome:
            lines.append(f"Outcome: {referral.get_outcome_display()}")
        entries.append(
            Entry(
                at=referral.received_at,
                title="Referral to the front door",
                kind="referral",
                byline=str(referral.owning_agency),
                lines=lines,
                url=_url("intake:referral", referral.pk) if may_open else "",
                link_text=f"Referral {referral.reference}",
            )
        )
    return entries


def _risk(user, person: Person, grant: Grant) -> list[Entry]:
    # The assessment's page shows its answers; the incident's summary is special-category.
    answers = grant.sees(DashAnswer, "answer")
    summaries = grant.sees(Incident, "summary")
    entries = []
    for assessment in person.risk_assessments.select_related("agency", "assessed_by"):
        if assessment.declined:
            entries.append(
                Entry(
                    at=assessment.assessed_at,
                    title="Risk assessment: declined the checklist",
                    kind="risk",
                    byline=f"{assessment.assessed_by}, {assessment.agency}",
                    lines=["No questions asked and no score: the person chose not to answer"],
                    url=_url("risk:assessment", assessment.pk) if answers else "",
                    link_text="Assessment",
                    tag="declined",
                )
            )
            continue
        lines = [f"{assessment.yes_count} of 24 questions answered yes"]
        if assessment.questions_not_asked:
            lines.append(f"{assessment.questions_not_asked} of 24 questions not asked")
        if assessment.marac_eligible:
            lines.append("Meets the criteria for MARAC")
        entries.append(
            Entry(
                at=assessment.assessed_at,
                title=f"Risk assessment: {assessment.get_risk_level_display().lower()} risk",
                kind="risk",
                byline=f"{assessment.assessed_by}, {assessment.agency}",
                lines=lines,
                url=_url("risk:assessment", assessment.pk) if answers else "",
                link_text="Assessment",
                tag=assessment.risk_level,
            )
        )
    for incident in person.incidents.select_related("agency"):
        lines = [incident.summary] if summaries and incident.summary else []
        entries.append(
            Entry(
                at=_as_datetime(incident.occurred_on),
                title=f"Incident: {incident.get_kind_display().lower()}",
                kind="incident",
                byline=str(incident.agency),
                lines=lines,
            )
        )
    return entries


def _cases(user, person: Person, grant: Grant) -> list[Entry]:
    cases = list(access.cases_of_person_for_user(user, person, grant).select_related("agency"))
    may_open = user.has_permission(Permission.WORK_CASES)
    entries = []
    for case in cases:
        url = _url("cases:case", case.pk) if may_open else ""
        entries.append(
            Entry(
                at=case.opened_at,
                title=f"Case opened: {case.agency}",
                kind="case",
                byline=str(case.agency),
                lines=[f"Supporting them as: {case.get_person_role_display().lower()}"],
                url=url,
                link_text=f"Case {case.pk}",
            )
        )
        if case.closed_at is not None:
            reason = case.get_closure_reason_display()
            if case.closure_reason_other:
                reason = f"{reason}: {case.closure_reason_other}"
            entries.append(
                Entry(
                    at=case.closed_at,
                    title=f"Case closed: {case.agency}",
                    kind="case",
                    byline=str(case.agency),
                    lines=[reason],
                    url=url,
                    link_text=f"Case {case.pk}",
                )
            )
    if grant.full:
        entries.extend(_needs(cases, may_open))
    notes = (
        CaseNote.objects.filter(case__in=[case.pk for case in cases], is_key=True)
        .filter(access.note_visibility(user))
        .select_related("written_by", "case__agency")
    )
    for note in notes:
        text = note.text if len(note.text) <= KEY_NOTE_LENGTH else note.text[:KEY_NOTE_LENGTH] + "…"
        entries.append(
            Entry(
                at=note.occurred_at,
                title=f"Key note: {note.get_kind_display().lower()}",
                kind="note",
                byline=f"{note.written_by}, {note.case.agency}",
                lines=[text],
                url=_url("cases:case", note.case_id) if may_open else "",
                link_text=f"Case {note.case_id}",
                tag="restricted" if note.is_restricted else "",
            )
        )
    return entries


def _needs(cases, may_open: bool) -> list[Entry]:
    """Needs records of the cases shown: those reported at referral, and each assessment."""
    records = NeedsAssessment.objects.filter(case__in=[case.pk for case in cases]).select_related(
        "case__agency", "assessed_by"
    )
    entries = []
    for needs in records:
        if needs.reported_at_referral:
            title = "Needs reported at referral"
            lines = [", ".join(needs.reported_labels())]
        else:
            title = "Needs assessed"
            levels = [f"{label}: {level}" for _area, label, level in needs.levels() if level]
            lines = ["; ".join(levels)] if levels else []
        entries.append(
            Entry(
                at=needs.recorded_at,
                title=title,
                kind="needs",
                byline=f"{needs.assessed_by}, {needs.case.agency}",
                lines=lines,
                url=_url("cases:case", needs.case_id) if may_open else "",
                link_text=f"Case {needs.case_id}",
            )
        )
    return entries


def _model(label: str, name: str):
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def _onward_referrals(user, person: Person, grant: Grant) -> list[Entry]:
    model = _model("referrals", "OnwardReferral")
    if model is None:
        return []
    services = grant.sees(model, "service")
    referrals = model.objects.filter(person=person).select_related(
        "from_agency", "to_agency", "service"
    )
    entries = []
    for referral in referrals:
        title = f"Referred on to {referral.to_agency}"
        lines = [f"Status: {referral.get_status_display().lower()}"]
        if services:
            lines.insert(0, f"Service: {referral.service}")
        entries.append(
            Entry(
                at=referral.sent_at,
                title=title,
                kind="onward",
                byline=str(referral.from_agency),
                lines=lines,
            )
        )
    return entries


def _marac(user, person: Person, grant: Grant) -> list[Entry]:
    model = _model("marac", "MaracReferral")
    if model is None:
        return []
    entries = []
    for referral in model.objects.filter(victim=person).select_related("marac", "referring_agency"):
        entries.append(
            Entry(
                at=referral.referred_at,
                title="Referred to MARAC",
                kind="marac",
                byline=str(referral.referring_agency),
                lines=[f"{referral.marac}: {referral.get_status_display().lower()}"],
            )
        )
    return entries


def _placements(user, person: Person, grant: Grant) -> list[Entry]:
    """Safe-accommodation placements; where is never shown here, only that and when."""
    model = _model("accommodation", "Placement")
    if model is None:
        return []
    fields = {f.name for f in model._meta.get_fields()}
    person_field = next((n for n in ("person", "victim", "resident") if n in fields), None)
    when_field = next(
        (n for n in ("started_on", "start_date", "arrived_on", "created_at") if n in fields), None
    )
    if person_field is None or when_field is None:
        return []
    entries = []
    for placement in model.objects.filter(**{person_field: person}):
        entries.append(
            Entry(
                at=_as_datetime(getattr(placement, when_field)),
                title="Placed in safe accommodation",
                kind="placement",
            )
        )
    return entries


SOURCES: list[Callable[[object, Person, Grant], list[Entry]]] = [
    _front_door,
    _risk,
    _cases,
    _onward_referrals,
    _marac,
    _placements,
]


def timeline(user, person: Person, grant: Grant) -> list[Entry]:
    """Every entry the user may see about ``person``, most recent first."""
    entries: list[Entry] = []
    for source in SOURCES:
        entries.extend(source(user, person, grant))
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)
