"""Roles, defined in code: each has a plain-English description and a list of permissions.

Permissions say what kind of thing a role may do. Which records it may do it to (its own
agency's, or another's through a share) is decided by ``onestory.access.policy``.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import models


class Permission(StrEnum):
    SEARCH_PERSONS = "search_persons"
    VIEW_PERSON = "view_person"
    EDIT_PERSON = "edit_person"
    VIEW_LOCATION_SECRET = "view_location_secret"  # noqa: S105 (a permission's name)
    TAKE_REFERRAL = "take_referral"
    ASSESS_RISK = "assess_risk"
    REFER_TO_MARAC = "refer_to_marac"
    TRIAGE = "triage"
    ASSIGN_WORK = "assign_work"
    MERGE_PERSONS = "merge_persons"
    SHARE_RECORDS = "share_records"
    REVOKE_SHARES = "revoke_shares"
    EMERGENCY_ACCESS = "emergency_access"
    REVIEW_EMERGENCY_ACCESS = "review_emergency_access"
    VIEW_AUDIT = "view_audit"
    VIEW_AGGREGATES = "view_aggregates"
    MANAGE_TEAM_ACCOUNTS = "manage_team_accounts"
    MANAGE_ALL_ACCOUNTS = "manage_all_accounts"
    MANAGE_REFERENCE_DATA = "manage_reference_data"
    COORDINATE_MARAC = "coordinate_marac"
    REPRESENT_AT_MARAC = "represent_at_marac"
    USE_API = "use_api"
    WORK_CASES = "work_cases"
    READ_SCHOOL_NOTICES = "read_school_notices"
    RECORD_POLICE_NOTIFICATIONS = "record_police_notifications"
    ANSWER_SUBJECT_ACCESS = "answer_subject_access"
    HANDLE_DISCLOSURES = "handle_disclosures"
    COORDINATE_REVIEWS = "coordinate_reviews"
    PREPARE_RETURN = "prepare_return"
    SUPPORT_PARTNERS = "support_partners"


class RoleName(models.TextChoices):
    CALL_HANDLER = "call_handler", "Call handler"
    CASEWORKER = "caseworker", "Caseworker"
    TEAM_MANAGER = "team_manager", "Team manager"
    MARAC_COORDINATOR = "marac_coordinator", "MARAC coordinator"
    MARAC_REPRESENTATIVE = "marac_representative", "MARAC representative"
    COMMISSIONER = "commissioner", "Commissioner or analyst"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
    SCHOOL_SAFEGUARDING_LEAD = "school_safeguarding_lead", "School safeguarding lead"
    DISCLOSURE_OFFICER = "disclosure_officer", "Police disclosure officer"
    REVIEW_COORDINATOR = "review_coordinator", "Review coordinator"
    PARTNER_SUPPORT = "partner_support_worker", "Partner-support worker"


@dataclass(frozen=True)
class Role:
    name: RoleName
    description: str
    permissions: frozenset[Permission]

    @property
    def label(self) -> str:
        return self.name.label

    @property
    def in_sentence(self) -> str:
        """The role's name inside a sentence: "a call handler", but "a MARAC coordinator"."""
        first, _, rest = self.label.partition(" ")
        if first.isupper():
            return self.label
        return f"{first.lower()} {rest}".strip()


P = Permission
_PERSON_WORK = {P.SEARCH_PERSONS, P.VIEW_PERSON, P.EDIT_PERSON, P.USE_API}
_CASEWORK = _PERSON_WORK | {
    P.WORK_CASES,
    P.VIEW_LOCATION_SECRET,
    P.SHARE_RECORDS,
    P.EMERGENCY_ACCESS,
    P.ASSESS_RISK,
    P.REFER_TO_MARAC,
}

ROLES: dict[str, Role] = {
    role.name.value: role
    for role in [
        Role(
            RoleName.CALL_HANDLER,
            "Answers the front door: takes calls and online referrals, finds the person if "
            "already known, assesses risk, gives advice, refers on or signposts.",
            frozenset(
                _PERSON_WORK
                | {
                    P.TAKE_REFERRAL,
                    P.TRIAGE,
                    P.READ_SCHOOL_NOTICES,
                    P.RECORD_POLICE_NOTIFICATIONS,
                    P.ASSESS_RISK,
                    P.REFER_TO_MARAC,
                    P.SHARE_RECORDS,
                    P.EMERGENCY_ACCESS,
                    # To call back safely they need the safe numbers, times and safe word.
                    P.VIEW_LOCATION_SECRET,
                }
            ),
        ),
        Role(
            RoleName.CASEWORKER,
            "Supports people referred to their agency: plans support and safety, records notes "
            "and outcomes, and refers on when someone else can help.",
            frozenset(_CASEWORK | {P.TAKE_REFERRAL}),
        ),
        Role(
            RoleName.TEAM_MANAGER,
            "Leads a team: everything a caseworker does, plus assigning work, managing the team's "
            "accounts, revoking shares, reviewing emergency access, reading the audit log and "
            "answering subject access requests.",
            frozenset(
                _CASEWORK
                | {
                    P.TAKE_REFERRAL,
                    P.TRIAGE,
                    P.READ_SCHOOL_NOTICES,
                    P.RECORD_POLICE_NOTIFICATIONS,
                    P.ASSIGN_WORK,
                    P.MERGE_PERSONS,
                    P.REVOKE_SHARES,
                    P.REVIEW_EMERGENCY_ACCESS,
                    P.VIEW_AUDIT,
                    P.VIEW_AGGREGATES,
                    P.MANAGE_TEAM_ACCOUNTS,
                    # Answers a person's subject access request for the records the
                    # agency holds: the manager sees location-secret parts and decides
                    # what may be released safely.
                    P.ANSWER_SUBJECT_ACCESS,
                }
            ),
        ),
        Role(
            RoleName.MARAC_COORDINATOR,
            "Runs the MARAC: checks referrals, builds agendas, records discussions and action "
            "plans, and sees the cases referred to the MARAC.",
            frozenset(_PERSON_WORK | {P.COORDINATE_MARAC, P.SHARE_RECORDS, P.VIEW_AGGREGATES}),
        ),
        Role(
            RoleName.MARAC_REPRESENTATIVE,
            "Represents an agency at the MARAC: refers the agency's highest-risk cases, "
            "researches the cases on the agenda and owns the agency's actions. At the police, "
            "also records Operation Encompass notifications and sends the notices to schools.",
            frozenset(
                {
                    P.SEARCH_PERSONS,
                    P.VIEW_PERSON,
                    P.REFER_TO_MARAC,
                    P.REPRESENT_AT_MARAC,
                    P.READ_SCHOOL_NOTICES,
                    P.RECORD_POLICE_NOTIFICATIONS,
                    P.USE_API,
                }
            ),
        ),
        Role(
            RoleName.COMMISSIONER,
            "Plans and pays for services: sees figures for the partnership, never a person, "
            "and prepares the statutory return on safe accommodation.",
            frozenset({P.VIEW_AGGREGATES, P.PREPARE_RETURN}),
        ),
        Role(
            RoleName.SCHOOL_SAFEGUARDING_LEAD,
            "The designated safeguarding lead of a school in the partnership: reads the "
            "Operation Encompass notices for their own school (on the pages or through the "
            "school's own system), and nothing else.",
            frozenset({P.READ_SCHOOL_NOTICES, P.USE_API}),
        ),
        Role(
            RoleName.DISCLOSURE_OFFICER,
            "Works in the police disclosure team: takes Clare's Law applications by either "
            "route, meets the applicant, assesses risk, asks partner agencies what they know, "
            "takes the application to the decision and makes the disclosure. The only role "
            "that ever sees who applied.",
            frozenset(
                {
                    P.HANDLE_DISCLOSURES,
                    P.SEARCH_PERSONS,
                    P.VIEW_PERSON,
                    P.ASSESS_RISK,
                    P.REFER_TO_MARAC,
                }
            ),
        ),
        Role(
            RoleName.REVIEW_COORDINATOR,
            "Runs the partnership's reviews after a death related to domestic abuse: records "
            "the notification and the decision to review, the panel, the agencies asked for "
            "chronologies, the review's stages and its recommendations. Sees people only by "
            "the pseudonyms the review uses; also keeps the partnership's training record.",
            frozenset({P.COORDINATE_REVIEWS}),
        ),
        Role(
            RoleName.PARTNER_SUPPORT,
            "Works at a perpetrator service for the partners and children of the people it "
            "works with, when no IDVA or outreach worker supports them: is linked to an "
            "intervention, hears at once when the risk from him changes, and sees where each "
            "linked intervention stands. Opens no one's record, so nothing the partner says "
            "reaches the service's other workers, and none of theirs reaches her.",
            frozenset({P.SUPPORT_PARTNERS}),
        ),
        Role(
            RoleName.SYSTEM_ADMINISTRATOR,
            "Looks after accounts and reference data (areas, agencies). Has no access to people's "
            "records.",
            frozenset({P.MANAGE_ALL_ACCOUNTS, P.MANAGE_REFERENCE_DATA, P.VIEW_AUDIT}),
        ),
    ]
}


def roles_with(permission: Permission) -> list[str]:
    """The names of the roles that have ``permission``, as the pages write them."""
    return [role.label for role in ROLES.values() if permission in role.permissions]


class RoleCannot(PermissionDenied):
    """Refused because the user's role lacks ``permission``: the page then names the roles
    that have it, so the worker knows whom to ask instead of meeting a bare refusal."""

    def __init__(self, permission: Permission, message: str = "") -> None:
        self.permission = permission
        super().__init__(message or "Your role does not allow this.")

    @property
    def who_can(self) -> list[str]:
        return roles_with(self.permission)
