"""What each role may do, in plain English, for any member of staff to read."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onestory.accounts.decorators import StaffRequest, signed_in_view
from onestory.accounts.roles import ROLES, Permission

# Each permission as the roles page says it. A new permission needs words here too.
PERMISSION_WORDS: dict[Permission, str] = {
    Permission.SEARCH_PERSONS: "Search for people the agency may see",
    Permission.VIEW_PERSON: "Read the records of people the agency may see",
    Permission.EDIT_PERSON: "Change people's records",
    Permission.VIEW_LOCATION_SECRET: (
        "See safe addresses, refuge locations and safe contact numbers held by their agency"
    ),
    Permission.TAKE_REFERRAL: "Take referrals into the service",
    Permission.ASSESS_RISK: "Complete risk assessments",
    Permission.REFER_TO_MARAC: "Refer someone at high risk to the MARAC",
    Permission.TRIAGE: "Triage new referrals at the front door",
    Permission.ASSIGN_WORK: "Give work to members of the team",
    Permission.MERGE_PERSONS: "Join two records that turn out to be the same person",
    Permission.SHARE_RECORDS: "Share a record with another agency for a lawful reason",
    Permission.REVOKE_SHARES: "Stop sharing a record with another agency",
    Permission.EMERGENCY_ACCESS: (
        "Open another agency's record in an emergency, giving a reason that is checked later"
    ),
    Permission.REVIEW_EMERGENCY_ACCESS: "Review emergency access to the agency's records",
    Permission.VIEW_AUDIT: "Read the audit log of who did what",
    Permission.VIEW_AGGREGATES: "See figures for the partnership, never a person",
    Permission.MANAGE_TEAM_ACCOUNTS: "Add and manage staff accounts in their own agency",
    Permission.MANAGE_ALL_ACCOUNTS: "Add and manage staff accounts in any agency",
    Permission.MANAGE_REFERENCE_DATA: "Look after areas, agencies and other reference lists",
    Permission.COORDINATE_MARAC: "Run MARAC meetings, their agendas and action plans",
    Permission.REPRESENT_AT_MARAC: "Research MARAC cases and own the agency's MARAC actions",
    Permission.USE_API: "Use the service from other programs through the API",
    Permission.WORK_CASES: "Open and work on the agency's cases: plans, notes and outcomes",
    Permission.READ_SCHOOL_NOTICES: (
        "Read Operation Encompass notices: those the agency prepared, or those for its school"
    ),
    Permission.RECORD_POLICE_NOTIFICATIONS: (
        "At the police or the front door, record police notifications and send the school "
        "notices (Operation Encompass)"
    ),
    Permission.ANSWER_SUBJECT_ACCESS: (
        "Answer a subject access request: everything the agency holds about a person it holds, "
        "as one document"
    ),
    Permission.PREPARE_RETURN: (
        "Prepare the statutory return on safe accommodation: enter the answers no record "
        "knows, choose the year's mandatory questions and mark the return as checked"
    ),
    Permission.HANDLE_DISCLOSURES: (
        "Handle Clare's Law applications for the agency, and see who applied: the only "
        "permission that ever shows an applicant"
    ),
    Permission.SUPPORT_PARTNERS: (
        "At a perpetrator service, be linked as the partner-support worker: receive the risk "
        "alerts about a person using harm and see where his intervention stands"
    ),
    Permission.COORDINATE_REVIEWS: (
        "Keep the partnership's death reviews and their recommendations, and its training record"
    ),
}


def permission_words(permission: Permission) -> str:
    return PERMISSION_WORDS.get(permission) or permission.value.replace("_", " ").capitalize()


@signed_in_view
@require_GET
def roles(request: StaffRequest) -> HttpResponse:
    order = {permission: index for index, permission in enumerate(Permission)}
    described = [
        {
            "role": role,
            "permissions": [
                permission_words(p) for p in sorted(role.permissions, key=order.__getitem__)
            ],
            "is_yours": role.name == request.user.role,
        }
        for role in ROLES.values()
    ]
    return render(request, "accounts/roles.html", {"roles": described})
