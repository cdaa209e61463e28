"""Who may see which cases, notes and documents: the one place views fetch them from.

A case belongs to the agency doing the work. Anyone who may see a case must first be
able to see its person (``onestory.access.policy``). Then:

- staff of the case's agency see the case;
- staff of any other agency see it only with a full view of the person (a full share,
  or the holding agency's own full view, or emergency access); a summary share is not enough.

Within a case, a note is read by everyone who may see the case ("standard"), by the case
agency's staff only ("agency"), or only by its writer and the workers it names
("restricted"). Changes are made only by the case agency's staff whose role may work on
cases. What of a case's records is shown is decided by each field's class
(``CaseGrant.sees``): the case agency sees its own work; another agency sees as far as its
grant reaches. Safety plans are location-secret: only the case agency's staff who may see
location-secret details (never a perpetrator service), or another agency through a share
that carries location.

Anyone else gets 404 and the refusal is audited, so a case's existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from onestory import audit
from onestory.access.policy import (
    FULL,
    Grant,
    full_view,
    get_person_for_user,
    location_visible,
    may_see_location,
    refuse,
    visible_persons,
)
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases.choices import Sensitivity
from onestory.cases.models import Case, CaseDocument, CaseNote, SafetyPlan
from onestory.core.registry import FieldClass, field_class
from onestory.people.models import Person


@dataclass(frozen=True)
class CaseGrant:
    """What one user may do with one case, and see of its records."""

    person_grant: Grant
    own_agency: bool
    may_work: bool
    location: bool  # location-secret fields, for the case's own agency

    def sees(self, model, field_name: str) -> bool:
        """Whether a field of the case's records is shown: the field's class decides.

        The case's own agency sees all of its own work, location-secret fields only with
        the right to see them; another agency sees as far as its grant to the person reaches
        (its share's scope and whether the share carries location, or emergency access).
        """
        if not self.own_agency:
            return self.person_grant.sees(model, field_name)
        return field_class(model, field_name) != FieldClass.LOCATION_SECRET or self.location

    @property
    def may_see_safety_plan(self) -> bool:
        return self.sees(SafetyPlan, "escape_plan")

    @property
    def may_see_location(self) -> bool:
        return self.may_see_safety_plan


def may_see_case(user, case: Case, grant: Grant | None) -> bool:
    if grant is None:
        return False
    return case.agency_id == user.agency_id or grant.meets(FULL)


def case_grant(user, case: Case, grant: Grant) -> CaseGrant:
    own = case.agency_id == user.agency_id
    return CaseGrant(
        person_grant=grant,
        own_agency=own,
        may_work=own and user.has_permission(Permission.WORK_CASES),
        location=own and may_see_location(user, owner=True),
    )


def get_case_for_user(request: HttpRequest, case_id: int) -> tuple[Case, CaseGrant]:
    """Fetch a case the signed-in user may see, or raise 404 (and audit the refusal)."""
    case = (
        Case.objects.filter(pk=case_id)
        .select_related("agency", "lead_worker", "opened_by", "closed_by")
        .first()
    )
    if case is None:
        refuse(request, reason=f"case {case_id} not visible")
    person, grant = get_person_for_user(request, case.person_id)
    if not may_see_case(request.user, case, grant):
        refuse(request, reason=f"case {case_id} not visible", person_id=person.pk)
    case.person = person
    return case, case_grant(request.user, case, grant)


def get_case_to_change(
    request: HttpRequest, case_id: int, *, while_closed: bool = False, location: bool = False
) -> tuple[Case, CaseGrant]:
    """A case the user may change: their agency's, their role may work cases; else 403."""
    case, grant = get_case_for_user(request, case_id)
    problem = None
    if not grant.may_work:
        problem = "only the case's agency may change a case"
    elif case.is_closed and not while_closed:
        problem = "case is closed"
    elif location and not grant.may_see_safety_plan:
        problem = "may not see location-secret details"
    if problem:
        audit.record(action=AuditAction.REFUSED, request=request, obj=case, reason=problem)
        raise PermissionDenied
    return case, grant


def cases_of_person_for_user(user, person: Person, grant: Grant) -> QuerySet[Case]:
    """A person's cases that the user may see (their grant to the person already checked)."""
    cases = Case.objects.filter(person=person)
    if not grant.full:
        cases = cases.filter(agency_id=user.agency_id)
    return cases


def visible_cases(user) -> QuerySet[Case]:
    """Every case the user may see: the base of lists across persons."""
    if not user.is_authenticated or user.agency_id is None:
        return Case.objects.none()
    return Case.objects.filter(person__in=visible_persons(user)).filter(
        Q(agency_id=user.agency_id) | full_view(user, "person")
    )


def location_secret_visibility(user, person_path: str) -> Q:
    """Rows marked ``location_secret`` that ``user`` may read, with every row not so marked.

    ``person_path`` leads from the row to its person ("case__person"). Only staff who may
    see location-secret fields at all, of the person's owning agency or of an agency with an
    active share that includes location, may read them.
    """
    return Q(location_secret=False) | location_visible(user, person_path)


def note_visibility(user) -> Q:
    """The notes ``user`` may read, among the notes of cases they may see."""
    return _note_sensitivity(user) & location_secret_visibility(user, "case__person")


def _note_sensitivity(user) -> Q:
    condition = Q(sensitivity=Sensitivity.STANDARD)
    if user.agency_id is not None:
        own = Q(case__agency_id=user.agency_id)
        condition |= own & Q(sensitivity=Sensitivity.AGENCY)
        condition |= (
            own
            & Q(sensitivity=Sensitivity.RESTRICTED)
            & (Q(written_by=user) | Q(pk__in=_named_for(user)))
        )
    return condition


def _named_for(user):
    return CaseNote.named_readers.through.objects.filter(user=user).values("casenote_id")


def visible_notes(user, case: Case) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(case=case).filter(note_visibility(user))


def may_read_note(user, note: CaseNote, case: Case) -> bool:
    if (
        note.location_secret
        and not CaseNote.objects.filter(
            location_secret_visibility(user, "case__person"), pk=note.pk
        ).exists()
    ):
        return False
    if note.sensitivity == Sensitivity.STANDARD:
        return True
    if user.agency_id != case.agency_id:
        return False
    if note.sensitivity == Sensitivity.AGENCY:
        return True
    return note.written_by_id == user.pk or note.named_readers.filter(pk=user.pk).exists()


def visible_documents(user, case: Case) -> QuerySet[CaseDocument]:
    documents = CaseDocument.objects.filter(case=case)
    if user.agency_id != case.agency_id:
        documents = documents.filter(sensitivity=Sensitivity.STANDARD)
    return documents


def get_document_for_user(
    request: HttpRequest, document_id: int
) -> tuple[CaseDocument, Case, CaseGrant]:
    """A document the user may download, or 404 (and the refusal audited)."""
    case_id = CaseDocument.objects.filter(pk=document_id).values_list("case_id", flat=True).first()
    if case_id is None:
        refuse(request, reason=f"document {document_id} not visible")
    case, grant = get_case_for_user(request, case_id)
    document = visible_documents(request.user, case).filter(pk=document_id).first()
    if document is None:
        refuse(request, reason=f"document {document_id} not visible", person_id=case.person_id)
    return document, case, grant
