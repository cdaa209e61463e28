"""The SQL and the Python forms of the access rules agree, on random worlds.

Lists ask the database (``visible_persons``, ``full_view``, ``persons_with_visible_location``);
a single record asks ``grant_for``. If the two ever drifted apart, a list could show a person
that the person's own page refuses, or the other way round, which is how a leak would
happen. Hypothesis builds small partnerships with random agencies, roles, records, shares
(summary or full, with or without location, active, expired or revoked), emergency access,
cases (at the holding agency or another) and notes (of each sensitivity, some marked
location-secret), and checks every user against every person, case and note both ways:

- ``visible_persons``, ``full_view`` and ``persons_with_visible_location`` against
  ``grant_for``;
- ``location_visible`` (the SQL form) against ``may_see_location`` (the Python form);
- ``visible_cases`` against ``may_see_case``, and ``note_visibility`` against
  ``may_read_note``.

The example count is kept small (the worlds are built in the database); it runs on SQLite
and on PostgreSQL with the rest of the integration tests.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onestory.access.models import EmergencyAccess, LawfulBasis, Share, ShareScope
from onestory.access.policy import (
    full_view,
    grant_for,
    location_visible,
    may_see_location,
    persons_with_visible_location,
    visible_persons,
)
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.cases.access import may_read_note, may_see_case, note_visibility, visible_cases
from onestory.cases.choices import Sensitivity
from onestory.cases.models import Case, CaseNote
from onestory.people.models import Person
from tests.factories import (
    AgencyFactory,
    CaseFactory,
    CaseNoteFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KINDS = [AgencyKind.COMMUNITY_OUTREACH, AgencyKind.IDVA_SERVICE, AgencyKind.PERPETRATOR_SERVICE]
ROLES = [
    RoleName.CASEWORKER,
    RoleName.TEAM_MANAGER,
    RoleName.CALL_HANDLER,
    RoleName.MARAC_REPRESENTATIVE,
    RoleName.COMMISSIONER,
    RoleName.SCHOOL_SAFEGUARDING_LEAD,
]
STATES = ["active", "expired", "revoked", "open-ended"]

worlds = st.fixed_dictionaries(
    {
        "agencies": st.lists(st.sampled_from(KINDS), min_size=2, max_size=3),
        "users": st.lists(
            st.tuples(st.integers(0, 2), st.sampled_from(ROLES)), min_size=1, max_size=4
        ),
        "persons": st.lists(st.integers(0, 2), min_size=1, max_size=4),
        # (person, to agency, scope, carries location, state); one share per pair, as the
        # share actions keep it.
        "shares": st.lists(
            st.tuples(
                st.integers(0, 3),
                st.integers(0, 2),
                st.sampled_from([ShareScope.SUMMARY, ShareScope.FULL]),
                st.booleans(),
                st.sampled_from(STATES),
            ),
            max_size=5,
            unique_by=lambda share: (share[0], share[1]),
        ),
        # (user, person, still open)
        "emergencies": st.lists(
            st.tuples(st.integers(0, 3), st.integers(0, 3), st.booleans()), max_size=3
        ),
        # (person, at agency): a case at the holding agency or another
        "cases": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=3),
        # (case, sensitivity, location-secret, written by user, names user)
        "notes": st.lists(
            st.tuples(
                st.integers(0, 2),
                st.sampled_from(list(Sensitivity)),
                st.booleans(),
                st.integers(0, 3),
                st.integers(0, 3),
            ),
            max_size=4,
        ),
    }
)


class _RolledBack(Exception):
    pass


def _build(world: dict):
    now = timezone.now()
    agencies = [AgencyFactory(kind=kind) for kind in world["agencies"]]

    def agency(index: int):
        return agencies[index % len(agencies)]

    users = [UserFactory(agency=agency(a), role=role) for a, role in world["users"]]
    persons = [PersonFactory(owning_agency=agency(a)) for a in world["persons"]]
    for p, to, scope, location, state in world["shares"]:
        person = persons[p % len(persons)]
        if agency(to) == person.owning_agency:
            continue
        Share.objects.create(
            person=person,
            from_agency=person.owning_agency,
            to_agency=agency(to),
            scope=scope,
            lawful_basis=LawfulBasis.CONSENT,
            includes_location=location,
            granted_by=UserFactory(agency=person.owning_agency),
            expires_at={
                "expired": now - timedelta(days=1),
                "open-ended": None,
            }.get(state, now + timedelta(days=30)),
            revoked_at=now - timedelta(hours=1) if state == "revoked" else None,
        )
    for u, p, still_open in world["emergencies"]:
        user, person = users[u % len(users)], persons[p % len(persons)]
        EmergencyAccess.objects.create(
            user=user,
            person=person,
            owning_agency=person.owning_agency,
            reason="Seen at A&E overnight; the children's risk is needed now.",
            expires_at=now + timedelta(hours=1 if still_open else -1),
        )
    cases, opened = [], set()
    for p, at in world["cases"]:
        person = persons[p % len(persons)]
        if (person, agency(at)) in opened:
            continue  # one open case per person and agency
        opened.add((person, agency(at)))
        cases.append(CaseFactory(person=person, agency=agency(at)))
    for c, sensitivity, secret, writer, named in world["notes"] if cases else []:
        case = cases[c % len(cases)]
        note = CaseNoteFactory(
            case=case,
            sensitivity=sensitivity,
            location_secret=secret,
            written_by=users[writer % len(users)],
        )
        if sensitivity == Sensitivity.RESTRICTED:
            note.named_readers.add(users[named % len(users)])
    return users, persons


def _location_in_python(user, person) -> bool:
    """``may_see_location`` for ``person``, with the share (if any) to the user's agency."""
    share = (
        Share.objects.active(timezone.now())
        .filter(person=person, to_agency_id=user.agency_id)
        .order_by("scope")
        .first()
    )
    owner = user.agency_id is not None and person.owning_agency_id == user.agency_id
    return may_see_location(user, owner=owner, share=share)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds)
def test_lists_and_single_records_agree(world):
    try:
        with transaction.atomic():
            users, persons = _build(world)
            ids = {p.pk for p in persons}
            for user in users:
                seen = set(visible_persons(user).filter(pk__in=ids).values_list("pk", flat=True))
                in_full = set(
                    Person.objects.filter(full_view(user), pk__in=ids).values_list("pk", flat=True)
                )
                located = persons_with_visible_location(user, ids)
                for person in persons:
                    grant = grant_for(user, person)
                    who = (
                        f"{user.role} at {user.agency.kind}, person of {person.owning_agency.kind}"
                    )
                    assert (person.pk in seen) == (grant is not None), f"may see: {who}"
                    assert (person.pk in in_full) == (grant is not None and grant.full), (
                        f"may see in full: {who}"
                    )
                    assert (person.pk in located) == (grant is not None and grant.location), (
                        f"may see location: {who}"
                    )
                    in_sql = Person.objects.filter(location_visible(user), pk=person.pk).exists()
                    assert in_sql == _location_in_python(user, person), f"location: {who}"
                _cases_and_notes_agree(user)
            raise _RolledBack
    except _RolledBack:
        pass


def _cases_and_notes_agree(user) -> None:
    seen_cases = set(visible_cases(user).values_list("pk", flat=True))
    for case in Case.objects.select_related("person"):
        grant = grant_for(user, case.person)
        who = f"{user.role} at {user.agency.kind}, case {case.pk}"
        assert (case.pk in seen_cases) == may_see_case(user, case, grant), f"case: {who}"
        if case.pk not in seen_cases:
            continue
        readable = set(
            CaseNote.objects.filter(case=case)
            .filter(note_visibility(user))
            .values_list("pk", flat=True)
        )
        for note in CaseNote.objects.filter(case=case):
            assert (note.pk in readable) == may_read_note(user, note, case), (
                f"note ({note.sensitivity}, location-secret {note.location_secret}): {who}"
            )
