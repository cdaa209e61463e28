"""The person's timeline: everything OneStory holds about a person that a user may see,
across agencies, most recent first. It is how a worker hears the story without asking the
person to tell it again.

Each source adds entries only as far as the user's grant to the person reaches: a summary
share shows that something happened and when; a full view shows what. What an entry says
is decided by the class of the field it would show (``Grant.sees``, and ``CaseGrant.sees``
for a case's records, which its own agency sees in full). Cases (and their key notes)
follow ``onestory.cases.access``; front-door referrals show their details only to those who
may open them (``onestory.intake.access``). The sources are registered in
``onestory.core.timeline``: this app's three here, and apps above or beside it (onward
referrals, MARAC) their own from their ``AppConfig.ready()``.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from onestory.access.policy import Grant
from onestory.accounts.roles import Permission
from onestory.cases import access
from onestory.cases.models import Case, CaseNote, NeedsAssessment
from onestory.core import timeline as core_timeline
from onestory.core.timeline import Entry, as_datetime
from onestory.intake import access as intake_access
from onestory.people.models import Person
from onestory.risk.models import DashAnswer, Incident

KEY_NOTE_LENGTH = 600


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
                at=as_datetime(incident.occurred_on),
                title=f"Incident: {incident.get_kind_display().lower()}",
                kind="incident",
                byline=str(incident.agency),
                lines=lines,
            )
        )
    return entries


def _cases(user, person: Person, grant: Grant) -> list[Entry]:
    cases = list(access.cases_of_person_for_user(user, person, grant).select_related("agency"))
    shown = {case.pk: access.case_grant(user, case, grant) for case in cases}
    may_open = user.has_permission(Permission.WORK_CASES)
    entries = []
    for case in cases:
        url = _url("cases:case", case.pk) if may_open else ""
        sees = shown[case.pk].sees
        lines = []
        if sees(Case, "person_role"):
            lines.append(f"Supporting them as: {case.get_person_role_display().lower()}")
        entries.append(
            Entry(
                at=case.opened_at,
                title=f"Case opened: {case.agency}",
                kind="case",
                byline=str(case.agency),
                lines=lines,
                url=url,
                link_text=f"Case {case.pk}",
            )
        )
        if case.closed_at is not None:
            lines = []
            if sees(Case, "closure_reason"):
                reason = case.get_closure_reason_display()
                if case.closure_reason_other and sees(Case, "closure_reason_other"):
                    reason = f"{reason}: {case.closure_reason_other}"
                lines.append(reason)
            entries.append(
                Entry(
                    at=case.closed_at,
                    title=f"Case closed: {case.agency}",
                    kind="case",
                    byline=str(case.agency),
                    lines=lines,
                    url=url,
                    link_text=f"Case {case.pk}",
                )
            )
    entries.extend(
        _needs(
            [case for case in cases if shown[case.pk].sees(NeedsAssessment, "reported_needs")],
            may_open,
        )
    )
    notes = (
        CaseNote.objects.filter(case__in=[case.pk for case in cases], is_key=True)
        .filter(access.note_visibility(user))
        .select_related("written_by", "case__agency")
    )
    for note in notes:
        lines = []
        if shown[note.case_id].sees(CaseNote, "text"):
            text = note.text
            lines.append(text if len(text) <= KEY_NOTE_LENGTH else text[:KEY_NOTE_LENGTH] + "…")
        entries.append(
            Entry(
                at=note.occurred_at,
                title=f"Key note: {note.get_kind_display().lower()}",
                kind="note",
                byline=f"{note.written_by}, {note.case.agency}",
                lines=lines,
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


def register() -> None:
    """The cases app's own sources (``CasesConfig.ready``); other apps register theirs."""
    core_timeline.register("front door", _front_door, order=10)
    core_timeline.register("risk", _risk, order=20)
    core_timeline.register("cases", _cases, order=30)


def timeline(user, person: Person, grant: Grant) -> list[Entry]:
    """Every entry the user may see about ``person``, most recent first."""
    entries: list[Entry] = []
    for _name, source in core_timeline.sources():
        entries.extend(source(user, person, grant))
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)
