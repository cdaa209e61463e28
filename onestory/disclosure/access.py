"""Who may see a disclosure application, and what of it: the one place views fetch them from.

- An application is seen only by its police force's disclosure team: staff of the agency
  that holds it whose role handles disclosures. Anyone else asking for it gets 404, audited,
  so an application's existence does not leak.
- The applicant's identity (``models.APPLICANT_FIELDS``, who asked, whom the disclosure was
  made to) appears on the team's pages only. Nothing else in OneStory reads those fields.
- A partner agency asked for what it holds sees the check addressed to it (staff whose role
  may view persons): the subject and the person at risk, the force asking and the date a
  reply is due. Never the applicant, the route, the concern, or another agency's reply.
- A link from an application to a person's record is shown only while the viewer's grant
  (``access.policy.grant_for``) lets them see that person; a disclosure officer links a
  record only through ``get_person_for_user``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from onestory.access.policy import grant_for, refuse
from onestory.accounts.roles import Permission
from onestory.disclosure.models import AgencyCheck, Application
from onestory.people.models import Person


def may_handle(user) -> bool:
    """Whether ``user`` is in a police disclosure team."""
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.HANDLE_DISCLOSURES)
    )


def team_applications(user) -> QuerySet[Application]:
    if not may_handle(user):
        return Application.objects.none()
    return Application.objects.filter(agency_id=user.agency_id)


def get_application_for_team(request: HttpRequest, application_id: int) -> Application:
    application = (
        team_applications(request.user)
        .filter(pk=application_id)
        .select_related("agency", "subject_person", "at_risk_person", "disclosed_by")
        .prefetch_related("checks__agency")
        .first()
    )
    if application is None:
        refuse(request, reason=f"disclosure application {application_id} not visible")
    return application


def may_answer_checks(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.VIEW_PERSON)
    )


def checks_for(user) -> QuerySet[AgencyCheck]:
    """The checks addressed to ``user``'s agency."""
    if not may_answer_checks(user):
        return AgencyCheck.objects.none()
    return AgencyCheck.objects.filter(agency_id=user.agency_id)


def get_check_for_agency(request: HttpRequest, agency_check_id: int) -> AgencyCheck:
    check = (
        checks_for(request.user)
        .filter(pk=agency_check_id)
        # Only what the partner needs; the application's other columns stay in the database.
        .select_related("application__agency")
        .only(*CHECK_COLUMNS)
        .first()
    )
    if check is None:
        refuse(request, reason=f"disclosure check {agency_check_id} not visible")
    return check


# What a partner agency's page reads of a check and its application: the columns listed
# here are the only ones fetched, so a template cannot print the applicant by mistake.
CHECK_COLUMNS = (
    "agency_id",
    "asked_on",
    "due_on",
    "replied_on",
    "reply",
    "information",
    "application__reference",
    "application__subject_name",
    "application__subject_date_of_birth",
    "application__at_risk_name",
    "application__at_risk_date_of_birth",
    "application__agency__name",
)


def linked(user, person: Person | None) -> Person | None:
    """``person`` if ``user`` may see them through the policy, else None."""
    if person is None or grant_for(user, person) is None:
        return None
    return person
