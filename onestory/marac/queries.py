"""Reads for MARAC pages: candidates for a referral, dashboards, and the quarterly counts.

Everything that reaches a person goes through ``onestory.access.policy`` or
``onestory.marac.access`` first; the quarterly counts leave this module as numbers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from onestory.access.policy import visible_persons
from onestory.marac import quarterly, rules
from onestory.marac.access import role_in
from onestory.marac.models import (
    OPEN_STATUSES,
    AgendaItem,
    Marac,
    MaracAction,
    MaracReferral,
    Meeting,
    MeetingStatus,
    ReferralStatus,
    RepeatFlag,
    Research,
)
from onestory.people.models import Person
from onestory.risk import queries as risk_queries
from onestory.risk.criteria import add_months

CHILD_AGE = 18


# --- Referral form ---------------------------------------------------------------------------


def connected_people(user, victim: Person) -> QuerySet[Person]:
    """People connected to the victim on her record whom the user may see."""
    return risk_queries.connected_people(user, victim)


def child_candidates(user, victim: Person, connected: QuerySet[Person], today: date):
    """Connected people under 18, and the children named on her latest risk assessment."""
    from onestory.marac.actions.referrals import latest_assessment

    assessment = latest_assessment(victim)
    on_assessment = set(assessment.children.values_list("pk", flat=True)) if assessment else set()
    cutoff = add_months(today, -12 * CHILD_AGE)
    young = Q(date_of_birth__gt=cutoff) | Q(
        date_of_birth__isnull=True, birth_year__gt=today.year - CHILD_AGE
    )
    return (
        visible_persons(user)
        .filter(Q(pk__in=connected.values("pk")) & young | Q(pk__in=on_assessment))
        .order_by("family_name", "given_name", "id")
    )


# --- Dashboards and lists -----------------------------------------------------------------------


def upcoming_meetings(maracs: QuerySet[Marac], today: date, limit: int = 6) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            marac__in=maracs, meets_on__gte=today, status=MeetingStatus.SCHEDULED
        )
        .select_related("marac")
        .annotate(cases=Count("items"))
        .order_by("meets_on", "starts_at")[:limit]
    )


def with_case_details(referrals: QuerySet[MaracReferral]) -> QuerySet[MaracReferral]:
    return referrals.select_related("marac", "victim", "referring_agency").annotate(
        open_flags=Count("repeat_flags", filter=Q(repeat_flags__dealt_with_at__isnull=True))
    )


def open_flags(referrals: QuerySet[MaracReferral]) -> QuerySet[RepeatFlag]:
    return (
        RepeatFlag.objects.filter(referral__in=referrals, dealt_with_at__isnull=True)
        .select_related("referral", "referral__victim", "referral__marac", "incident__agency")
        .order_by("-flagged_at")
    )


def actions_with_details(actions: QuerySet[MaracAction]) -> QuerySet[MaracAction]:
    return actions.select_related(
        "owning_agency", "referral", "referral__victim", "referral__marac"
    ).prefetch_related("reminders")


def due_soon(actions: QuerySet[MaracAction], today: date, days: int) -> QuerySet[MaracAction]:
    """Open actions due within the reminder window, and those already overdue."""
    return actions_with_details(
        actions.filter(status__in=OPEN_STATUSES, due_on__lte=today + timedelta(days=days))
    ).order_by("due_on", "id")


@dataclass(frozen=True)
class ActionRow:
    action: MaracAction
    overdue: bool
    days_left: int
    reminded_on: date | None


def action_rows(actions, today: date) -> list[ActionRow]:
    rows = []
    for action in actions:
        reminders = [r for r in action.reminders.all() if r.due_on == action.due_on]
        rows.append(
            ActionRow(
                action=action,
                overdue=rules.is_overdue(action.due_on, today, is_open=action.is_open),
                days_left=(action.due_on - today).days,
                reminded_on=reminders[0].sent_at.date() if reminders else None,
            )
        )
    return rows


# --- A meeting's agenda -----------------------------------------------------------------------


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """A meeting's items with everything the agenda and the minutes show, in few queries."""
    return list(
        meeting.items.select_related(
            "referral", "referral__victim", "referral__referring_agency"
        ).prefetch_related(
            "referral__perpetrators",
            "referral__children",
            Prefetch("research", queryset=Research.objects.select_related("agency", "written_by")),
            Prefetch(
                "actions",
                queryset=MaracAction.objects.select_related("owning_agency").order_by(
                    "due_on", "id"
                ),
            ),
        )
    )


# --- Quarterly data ---------------------------------------------------------------------------


# Quarters looked back over to fill a missing one for the rolling 12 months.
_QUARTERS_LOOKED_BACK = 8


def quarterly_figures(marac: Marac, quarter: quarterly.Quarter) -> quarterly.Figures:
    """The quarter's figures for one MARAC, from the cases discussed at its meetings.

    A meeting counts as held when it was marked held or a case was discussed at it, and a
    case counts only when discussed at a meeting in the quarter, so the two never disagree.
    Three queries, whatever the number of cases: the quarters' discussions and meetings for
    the rolling 12 months, and the cases discussed in the quarter with what is counted.
    """
    first = quarter
    for _ in range(_QUARTERS_LOOKED_BACK - 1):
        first = first.previous()
    discussions = list(
        AgendaItem.objects.filter(
            meeting__marac=marac,
            meeting__meets_on__gte=first.start,
            meeting__meets_on__lte=quarter.end,
            discussed_at__isnull=False,
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .values_list("meeting_id", "meeting__meets_on", "referral_id")
    )
    held = {
        (meeting_id, meets_on)
        for meeting_id, meets_on in Meeting.objects.filter(
            marac=marac,
            status=MeetingStatus.HELD,
            meets_on__gte=first.start,
            meets_on__lte=quarter.end,
        ).values_list("pk", "meets_on")
    } | {(meeting_id, meets_on) for meeting_id, meets_on, _ in discussions}
    quarters = [first]
    while quarters[-1] != quarter:
        quarters.append(quarters[-1].following())
    meetings_in = {q: sum(1 for _, day in held if q.start <= day <= q.end) for q in quarters}
    cases_in = {
        q: len({referral for _, day, referral in discussions if q.start <= day <= q.end})
        for q in quarters
    }
    by_quarter = [cases_in[q] if meetings_in[q] else None for q in quarters]
    discussed_ids = {
        referral for _, day, referral in discussions if quarter.start <= day <= quarter.end
    }
    discussed = (
        MaracReferral.objects.filter(pk__in=discussed_ids)
        .select_related("victim", "referring_agency")
        .prefetch_related("perpetrators")
        .annotate(child_count=Count("children", distinct=True))
    )
    cases = [_facts(referral) for referral in discussed]
    return quarterly.figures(
        cases,
        meetings_held=meetings_in[quarter],
        adult_women=marac.area.adult_women,
        cases_rolling_year=quarterly.rolling_year(by_quarter),
    )


def published_figures(
    user, marac: Marac, quarter: quarterly.Quarter
) -> tuple[quarterly.Figures, quarterly.Published]:
    """The figures, and the figures as ``user`` may see them: small counts are hidden from
    everyone but the MARAC's own coordinators."""
    result = quarterly_figures(marac, quarter)
    return result, quarterly.publish(result, suppressed=not role_in(user, marac).coordinator)


def _facts(referral: MaracReferral) -> quarterly.CaseFacts:
    victim, on = referral.victim, referral.referred_on
    return quarterly.CaseFacts(
        referring_agency=referral.referring_agency.name,
        referrer_group=quarterly.referrer_group(referral.referring_agency.kind),
        repeat=referral.repeat,
        children=quarterly.household_children(referral.children_in_household, referral.child_count),
        racially_minoritised=quarterly.racially_minoritised(victim.ethnicity),
        lgbt_plus=quarterly.lgbt_plus(
            sexual_orientation=victim.sexual_orientation,
            gender_identity=victim.gender_identity,
            same_as_at_birth=victim.gender_same_as_sex_at_birth,
        ),
        disabled=quarterly.disabled(victim.disability),
        male=quarterly.male(sex=victim.sex, gender_identity=victim.gender_identity),
        aged_16_or_17=quarterly.aged_16_or_17(victim.age(on)),
        perpetrator_under_18=any(
            quarterly.under_18(p.age(on)) for p in referral.perpetrators.all()
        ),
    )


def open_case_count(maracs: QuerySet[Marac]) -> int:
    return MaracReferral.objects.filter(marac__in=maracs, status=ReferralStatus.LISTED).count()
