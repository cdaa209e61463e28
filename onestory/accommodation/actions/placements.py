"""Writes for placement requests: asking schemes for a place, the schemes' answers and the
survivor's. Each takes keyword arguments and ``by=``, runs in one transaction, refuses bad
input with a ``ValidationError`` by field (saving nothing), and leaves an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.actions import grant_share, may_manage_shares
from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.access.policy import grant_for
from onestory.accommodation import rules
from onestory.accommodation.access import may_manage, placement_sides
from onestory.accommodation.board import fit_problems, needs_of
from onestory.accommodation.choices import AskStatus, RequestStatus, SchemeType
from onestory.accommodation.models import PlacementAsk, PlacementRequest, Scheme, Unit
from onestory.accommodation.queries import area_codes, partnership_codes
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.people.models import Person

HOUSEHOLD_FIELDS = (
    "adult_sex",
    "adults",
    "children",
    "pets",
    "wheelchair",
    "access_needs",
    "languages",
    "nrpf",
    "risk_to_others",
    "unsafe_areas",
    "from_area",
    "from_district",
)


def request_placement(
    *,
    person: Person,
    schemes: Iterable[Scheme],
    by,
    request: HttpRequest | None = None,
    **household,
) -> PlacementRequest:
    """Ask one or several schemes at once for a place for ``person``'s household."""
    if not by.has_permission(Permission.TAKE_REFERRAL) or grant_for(by, person) is None:
        raise PermissionDenied("You may ask for a place only for someone whose record you see.")
    unknown = set(household) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise TypeError(f"unknown household fields: {sorted(unknown)}")
    schemes = list({scheme.pk: scheme for scheme in schemes}.values())
    data = dict(household)
    data["children"] = list(data.get("children") or [])
    data["languages"] = [str(x).strip() for x in data.get("languages") or [] if str(x).strip()]
    for name in ("access_needs", "risk_to_others", "unsafe_areas", "from_area"):
        data[name] = (data.get(name) or "").strip()
    problems = rules.household_problems(
        adults=data.get("adults") or 0,
        children=data["children"],
        from_area=data["from_area"],
        schemes=len(schemes),
    )
    if data.get("adult_sex") not in ("woman", "man"):
        problems["adult_sex"] = "Select whether the adult is a woman or a man"
    if any(not scheme.is_active for scheme in schemes):
        problems["schemes"] = "Ask only schemes that are open"
    elif any(scheme.scheme_type == SchemeType.SANCTUARY for scheme in schemes):
        problems["schemes"] = (
            "A sanctuary scheme secures the survivor's own home and has no places to ask for"
        )
    if data.get("from_district") is not None and data["from_district"].level != "district":
        problems["from_district"] = "Select one of the partnership's districts"
    if problems:
        raise ValidationError(problems)
    # Where the household comes from decides "in area" by the rule, never by hand.
    data["from_in_area"], _ = rules.placement_areas(
        from_codes=area_codes(data.get("from_district")),
        scheme_codes=None,
        partnership=partnership_codes(),
    )
    with transaction.atomic():
        placement = PlacementRequest.objects.create(
            person=person, agency_id=by.agency_id, requested_by=by, **data
        )
        PlacementAsk.objects.bulk_create(
            PlacementAsk(request=placement, scheme=scheme) for scheme in schemes
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=placement,
            fields=sorted(data),
            reason=f"asked {len(schemes)} scheme{'s' if len(schemes) != 1 else ''}",
        )
    return placement


def _unit_problems(ask: PlacementAsk, unit: Unit | None) -> list[str]:
    if unit is None:
        return ["Select the unit you are offering"]
    if unit.scheme_id != ask.scheme_id:
        return ["Offer a unit of this scheme"]
    if unit.is_out_of_use:
        return [f"{unit.name} is out of use"]
    if unit.stays.filter(departed_on=None).exists():
        return [f"{unit.name} has a household in it"]
    if PlacementAsk.objects.held().filter(unit=unit).exclude(pk=ask.pk).exists():
        return [f"{unit.name} is already offered to another household"]
    # A scheme may offer a place where no one speaks the household's language: it can bring
    # in an interpreter. Everything else the unit must take.
    misfit = fit_problems(unit, replace(needs_of(ask.request), languages=()))
    return [f"{unit.name} {misfit[0]}"] if misfit else []


def answer_ask(
    *,
    ask: PlacementAsk,
    answer: str,
    unit: Unit | None = None,
    reason: str = "",
    details: str = "",
    by,
    request: HttpRequest | None = None,
) -> PlacementAsk:
    """The scheme's answer: accept the household (a unit to follow), offer a unit, or
    decline with a reason from the standard list."""
    if not may_manage(by) or ask.scheme.agency_id != by.agency_id:
        raise PermissionDenied("Only the scheme's own staff answer a request to it.")
    with transaction.atomic():
        ask = PlacementAsk.objects.select_for_update().select_related("request").get(pk=ask.pk)
        problems = rules.scheme_answer_problems(
            current=ask.status,
            answer=answer,
            reason=reason,
            details=details,
            unit_problems=_unit_problems(ask, unit) if answer == AskStatus.OFFERED else [],
        )
        if problems:
            raise ValidationError(problems)
        ask.status = answer
        ask.unit = unit if answer == AskStatus.OFFERED else None
        ask.scheme_reason = reason if answer == AskStatus.DECLINED else ""
        ask.details = details.strip()
        ask.responded_at = timezone.now()
        ask.responded_by = by
        ask.save()
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=ask,
            person_id=ask.request.person_id,
            fields=["status", "unit", "scheme_reason", "details"],
            reason=f"scheme {answer}",
        )
    return ask


def _share_problems(ask: PlacementAsk, by) -> dict:
    person = ask.request.person
    if not may_manage_shares(by, person, Permission.SHARE_RECORDS):
        return {
            "share_record": "Only staff of the agency that holds their record may share it: "
            "leave this unticked and ask them to share it"
        }
    return {}


def share_reason(scheme_name: str) -> str:
    """Why a summary of the record is shared when the survivor takes a place."""
    return (
        f"They took a place at {scheme_name}: its staff need to know who is arriving and how "
        "to contact them safely."
    )


def share_choice(ask: PlacementAsk, by) -> str:
    """What the survivor's answer may say about sharing their record with the scheme's
    agency: ``"ask"`` (``by`` may share it: ask the survivor), ``"not_needed"`` (that agency
    holds the record or already sees it) or ``"holder_only"`` (only the holding agency may
    share it, so ``by`` cannot record the consent as a share)."""
    person, agency = ask.request.person, ask.scheme.agency
    if person.owning_agency_id == agency.pk:
        return "not_needed"
    if Share.objects.active().filter(person=person, to_agency=agency).exists():
        return "not_needed"
    if not may_manage_shares(by, person, Permission.SHARE_RECORDS):
        return "holder_only"
    return "ask"


def _share_with_scheme(ask: PlacementAsk, by, request: HttpRequest | None) -> Share | None:
    """A summary share of the person's record with the agency that runs the scheme, on the
    survivor's consent, unless that agency holds the record or already sees it."""
    person, agency = ask.request.person, ask.scheme.agency
    if person.owning_agency_id == agency.pk:
        return None
    if Share.objects.active().filter(person=person, to_agency=agency).exists():
        return None
    return grant_share(
        person=person,
        to_agency=agency,
        scope=ShareScope.SUMMARY,
        lawful_basis=LawfulBasis.CONSENT,
        reason=share_reason(ask.scheme.name),
        by=by,
        request=request,
    )


def answer_offer(
    *,
    ask: PlacementAsk,
    answer: str,
    reason: str = "",
    details: str = "",
    share_record: bool = False,
    by,
    request: HttpRequest | None = None,
) -> PlacementAsk:
    """The survivor's answer to an offered unit. Taking it withdraws every other open ask
    of the request and records whether the household stays in the area; with the survivor's
    consent (``share_record``), it shares a summary of their record with the scheme's agency
    in the same transaction."""
    if not placement_sides(by, ask.request).may_decide:
        raise PermissionDenied("The survivor's answer is recorded by the agency that asked.")
    with transaction.atomic():
        ask = (
            PlacementAsk.objects.select_for_update()
            .select_related("request__person", "scheme__agency")
            .get(pk=ask.pk)
        )
        problems = rules.survivor_answer_problems(
            current=ask.status, answer=answer, reason=reason, details=details
        )
        if share_record and answer == AskStatus.TAKEN and not problems:
            problems = _share_problems(ask, by)
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        ask.status = answer
        ask.survivor_reason = reason if answer == AskStatus.REFUSED else ""
        ask.details = details.strip() or ask.details
        ask.decided_at = now
        ask.decided_by = by
        ask.save()
        placement = ask.request
        withdrawn = 0
        if answer == AskStatus.TAKEN:
            withdrawn = (
                placement.asks.exclude(pk=ask.pk)
                .filter(status__in=rules.OPEN_ASKS)
                .update(status=AskStatus.WITHDRAWN, decided_at=now, decided_by=by)
            )
            placement.status = RequestStatus.PLACED
            # Where it went, by the same rule as where it came from: the scheme's district.
            _, placement.placed_in_area = rules.placement_areas(
                from_codes=(),
                scheme_codes=area_codes(ask.scheme.area),
                partnership=partnership_codes(),
            )
            placement.closed_at = now
            placement.save(update_fields=["status", "placed_in_area", "closed_at"])
            if share_record:
                _share_with_scheme(ask, by, request)
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=ask,
            person_id=placement.person_id,
            fields=["status", "survivor_reason", "details"],
            reason=f"survivor {answer}"
            + (
                f"; {withdrawn} other request{'s' if withdrawn != 1 else ''} withdrawn"
                if withdrawn
                else ""
            ),
        )
    return ask
