"""Reading the records a return counts, as plain rows for ``rules.compute``: a handful of
queries that read only the columns they need, whatever the size of the county."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from onestory.accommodation.models import (
    FundGrant,
    PlacementAsk,
    PlacementRequest,
    SanctuaryInstall,
    SanctuaryMeasure,
    Stay,
    Unit,
)
from onestory.accommodation.queries import partnership_codes
from onestory.accommodation.rules import in_partnership_area
from onestory.cases.choices import CaseStatus, OutcomeStage, PersonRole
from onestory.cases.models import Case, NeedsAssessment, OutcomeRecord
from onestory.cases.models.outcomes import ABUSE_FIELDS, SCORE_FIELDS
from onestory.intake.models import Referral
from onestory.intake.queries import day_bounds
from onestory.people.models import Person
from onestory.returns import outcomes, rules
from onestory.returns.periods import FinancialYear
from onestory.risk.models import RiskAssessment


def _area_path(area: str) -> list[str]:
    """The codes of a scheme's district and the two areas above it (the deepest the
    partnership's areas go), for ``in_partnership_area``."""
    return [f"{area}__code", f"{area}__parent__code", f"{area}__parent__parent__code"]


def rows_for(year: FinancialYear) -> rules.Rows:
    """The year's rows. A unit or stay is in the area (in accommodation the council
    commissions) when its scheme's district is one of the partnership's areas (decision
    0041's rule)."""
    start, end = year.start, year.end
    partnership = partnership_codes()
    since, until = day_bounds(start, end)
    rows = rules.Rows()
    rows.units = [
        rules.UnitRow(
            unit_id=unit_id,
            scheme_id=scheme_id,
            scheme_type=scheme_type,
            bed_spaces=bed_spaces,
            by_and_for=by_and_for,
            specialist_group=specialist_group,
            sexes=sexes,
            wheelchair_access=wheelchair,
            no_recourse_to_public_funds=nrpf,
            pets=pets,
            in_area=in_partnership_area(codes, partnership),
        )
        for (
            unit_id,
            scheme_id,
            scheme_type,
            bed_spaces,
            by_and_for,
            specialist_group,
            sexes,
            wheelchair,
            nrpf,
            pets,
            *codes,
        ) in Unit.objects.filter(
            # Recorded by the year's end, or shown to exist then by a household staying in it
            # (units loaded into OneStory later than they opened).
            Q(created_at__lt=until)
            | Q(stays__arrived_on__lte=end, stays__departed_on__isnull=True)
            | Q(stays__arrived_on__lte=end, stays__departed_on__gte=start)
        )
        .distinct()
        .order_by("pk")
        .values_list(
            "pk",
            "scheme_id",
            "scheme__scheme_type",
            "bed_spaces",
            "scheme__by_and_for",
            "specialist_group",
            "sexes",
            "wheelchair_access",
            "no_recourse_to_public_funds",
            "pets",
            *_area_path("scheme__area"),
        )
    ]
    rows.stays = [
        rules.StayRow(
            stay_id=stay_id,
            person_id=person_id,
            request_id=request_id,
            arrived_on=arrived_on,
            departed_on=departed_on,
            adults=adults,
            children=len(children or []),
            support_given=tuple(support_given or ()),
            end_reason=end_reason,
            move_on=move_on,
            from_in_area=from_in_area,
            request_nrpf=request_nrpf,
            in_area=in_partnership_area(codes, partnership),
        )
        for (
            stay_id,
            person_id,
            request_id,
            arrived_on,
            departed_on,
            adults,
            children,
            support_given,
            end_reason,
            move_on,
            from_in_area,
            request_nrpf,
            *codes,
        ) in Stay.objects.filter(arrived_on__lte=end)
        .exclude(departed_on__lt=start)
        .exclude(unit__scheme__scheme_type="sanctuary")
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "ask__request_id",
            "arrived_on",
            "departed_on",
            "adults",
            "children",
            "support_given",
            "end_reason",
            "move_on",
            "ask__request__from_in_area",
            "ask__request__nrpf",
            *_area_path("unit__scheme__area"),
        )
    ]
    made = PlacementRequest.objects.filter(created_at__gte=since, created_at__lt=until)
    rows.requests = [
        rules.RequestRow(
            request_id=pk,
            person_id=person_id,
            made_on=timezone.localtime(made_on).date(),
            status=status,
            from_in_area=from_in_area,
            placed_in_area=placed_in_area,
        )
        for pk, person_id, made_on, status, from_in_area, placed_in_area in made.order_by(
            "pk"
        ).values_list("pk", "person_id", "created_at", "status", "from_in_area", "placed_in_area")
    ]
    rows.asks = [
        rules.AskRow(
            ask_id=pk,
            request_id=request_id,
            person_id=person_id,
            status=status,
            scheme_reason=scheme_reason,
            survivor_reason=survivor_reason,
        )
        for pk, request_id, person_id, status, scheme_reason, survivor_reason in (
            PlacementAsk.objects.filter(request__in=made)
            .order_by("pk")
            .values_list(
                "pk",
                "request_id",
                "request__person_id",
                "status",
                "scheme_reason",
                "survivor_reason",
            )
        )
    ]
    rows.installs = [
        rules.InstallRow(install_id=pk, person_id=person_id, surveyed_on=surveyed_on)
        for pk, person_id, surveyed_on in SanctuaryInstall.objects.filter(
            surveyed_on__gte=start, surveyed_on__lte=end
        )
        .order_by("pk")
        .values_list("pk", "person_id", "surveyed_on")
    ]
    person_ids = {stay.person_id for stay in rows.stays} | {i.person_id for i in rows.installs}
    rows.persons = _persons(person_ids, year)
    rows.fund_spend = FundGrant.objects.filter(
        status__in=("approved", "paid"), applied_on__gte=start, applied_on__lte=end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    rows.measures_cost = SanctuaryMeasure.objects.filter(
        fitted_on__gte=start, fitted_on__lte=end
    ).aggregate(total=Sum("cost"))["total"] or Decimal(0)
    return rows


def _persons(person_ids: set[int], year: FinancialYear) -> dict[int, rules.PersonFacts]:
    needs: dict[int, tuple[bool, bool]] = {}
    # The latest assessment on or before the year's end is what was known of their needs.
    for person_id, mental_health, substance_use in (
        NeedsAssessment.objects.filter(case__person_id__in=person_ids, assessed_on__lte=year.end)
        .order_by("case__person_id", "assessed_on", "recorded_at", "pk")
        .values_list("case__person_id", "mental_health", "substance_use")
    ):
        needs[person_id] = (
            mental_health in rules.NEED_LEVELS,
            substance_use in rules.NEED_LEVELS,
        )
    found = {}
    for values in Person.objects.filter(pk__in=person_ids).values_list(
        "pk",
        "sex",
        "gender_identity",
        "gender_same_as_sex_at_birth",
        "ethnicity",
        "sexual_orientation",
        "disability",
        "disability_kinds",
        "no_recourse_to_public_funds",
        "immigration_status",
        "interpreter_needed",
        "date_of_birth",
        "birth_year",
    ):
        pk = values[0]
        mental, substance = needs.get(pk, (False, False))
        found[pk] = rules.PersonFacts(
            person_id=pk,
            sex=values[1],
            gender_identity=values[2],
            same_as_at_birth=values[3],
            ethnicity=values[4],
            sexual_orientation=values[5],
            disability=values[6],
            disability_kinds=tuple(values[7] or ()),
            nrpf=values[8],
            immigration_status=values[9],
            interpreter_needed=values[10],
            date_of_birth=values[11],
            birth_year=values[12],
            mental_health_need=mental,
            substance_use_need=substance,
        )
    return found


def case_outcomes_for(start, end) -> outcomes.CaseOutcomes:
    """Victims' cases closed from ``start`` to ``end`` (days), with their risk assessments and
    their ratings at intake and exit: four queries of plain rows."""
    since, until = day_bounds(start, end)
    cases = [
        outcomes.ClosedCase(pk, person_id, opened_at, closed_at, reason)
        for pk, person_id, opened_at, closed_at, reason in Case.objects.filter(
            person_role=PersonRole.VICTIM,
            status=CaseStatus.CLOSED,
            closed_at__gte=since,
            closed_at__lt=until,
        )
        .order_by("pk")
        .values_list("pk", "person_id", "opened_at", "closed_at", "closure_reason")
    ]
    person_ids = {case.person_id for case in cases}
    assessments: dict[int, list[outcomes.Assessment]] = {}
    for person_id, assessed_at, pk, level in (
        RiskAssessment.objects.scored()
        .filter(person_id__in=person_ids, assessed_at__lt=until)
        .values_list("person_id", "assessed_at", "pk", "risk_level")
    ):
        assessments.setdefault(person_id, []).append((assessed_at, pk, level))
    scores, abuse = list(SCORE_FIELDS.items()), list(ABUSE_FIELDS.items())
    latest: dict[int, dict[str, outcomes.Ratings]] = {}
    for row in (
        OutcomeRecord.objects.filter(
            case_id__in=[case.case_id for case in cases],
            stage__in=[OutcomeStage.INTAKE, OutcomeStage.EXIT],
        )
        .order_by("case_id", "recorded_at", "pk")
        .values_list("case_id", "stage", *(f for _, f in scores), *(f for _, f in abuse))
    ):
        values = row[2:]
        latest.setdefault(row[0], {})[row[1]] = outcomes.Ratings(
            scores={key: value for (key, _), value in zip(scores, values, strict=False)},
            abuse={
                key: value for (key, _), value in zip(abuse, values[len(scores) :], strict=True)
            },
        )
    ratings = {
        case_id: (stages.get(OutcomeStage.INTAKE), stages.get(OutcomeStage.EXIT))
        for case_id, stages in latest.items()
    }
    return outcomes.case_outcomes(cases, assessments, ratings)


def repeat_referrals_for(start, end) -> tuple[int, int]:
    """(front-door referrals received from ``start`` to ``end`` linked to a person, of which
    the person had another referral in the twelve months before)."""
    since, until = day_bounds(start, end)
    in_period = list(
        Referral.objects.filter(
            received_at__gte=since, received_at__lt=until, person__isnull=False
        ).values_list("pk", "person_id", "received_at")
    )
    earlier: dict[int, list] = {}
    for person_id, received_at in Referral.objects.filter(
        person_id__in={person_id for _, person_id, _ in in_period},
        received_at__gte=since - outcomes.REPEAT_WITHIN,
        received_at__lt=until,
    ).values_list("person_id", "received_at"):
        earlier.setdefault(person_id, []).append(received_at)
    return outcomes.repeat_referrals(in_period, earlier)
