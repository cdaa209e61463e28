"""Writes for stays: arrival, key worker, support given, departure and move-on. Each takes
keyword arguments and ``by=``, runs in one transaction, refuses bad input with a
``ValidationError`` by field (saving nothing), and leaves an audit event. Only the staff of
the agency running the scheme record them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accommodation import rules
from onestory.accommodation.access import may_manage
from onestory.accommodation.choices import EndReason, MoveOn, SupportType
from onestory.accommodation.models import PlacementAsk, Stay, Unit
from onestory.audit.models import AuditAction


def _require_scheme_staff(by, unit: Unit) -> None:
    if not may_manage(by) or unit.scheme.agency_id != by.agency_id:
        raise PermissionDenied("Stays are recorded by the staff of the scheme's agency.")


def _check_key_worker(key_worker, unit: Unit) -> None:
    if key_worker is not None and key_worker.agency_id != unit.scheme.agency_id:
        raise ValidationError({"key_worker": "The key worker must work for the scheme's agency"})


def record_arrival(
    *,
    ask: PlacementAsk,
    arrived_on: date | None,
    adults: int | None = None,
    children: list[dict] | None = None,
    key_worker=None,
    by,
    request: HttpRequest | None = None,
) -> Stay:
    """The household arrived in the unit the survivor accepted. Its members start from the
    request; the worker corrects them if the household that came is not the one expected."""
    unit = ask.unit
    if unit is None:
        raise ValidationError({"ask": "A household arrives only at a place the survivor accepted"})
    _require_scheme_staff(by, unit)
    placement = ask.request
    adults = placement.adults if adults is None else adults
    children = list(placement.children if children is None else children)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().select_related("scheme").get(pk=unit.pk)
        problems = rules.arrival_problems(
            ask_status=ask.status,
            occupied=unit.stays.filter(departed_on=None).exists(),
            out_of_use=unit.is_out_of_use,
            household_size=adults + len(children),
            bed_spaces=unit.bed_spaces,
            arrived_on=arrived_on,
            today=timezone.localdate(),
        )
        if adults < 1:
            problems.setdefault("adults", "A household has at least one adult")
        if Stay.objects.filter(ask=ask).exists():
            problems = {"ask": "Their arrival is already recorded"}
        if problems:
            raise ValidationError(problems)
        _check_key_worker(key_worker, unit)
        try:
            with transaction.atomic():
                stay = Stay.objects.create(
                    ask=ask,
                    person_id=placement.person_id,
                    unit=unit,
                    adults=adults,
                    children=children,
                    key_worker=key_worker,
                    arrived_on=arrived_on,
                    recorded_by=by,
                )
        except IntegrityError as error:
            raise ValidationError({"unit": "The unit already has a household in it"}) from error
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=stay,
            fields=["unit", "adults", "children", "key_worker", "arrived_on"],
            reason="arrived",
        )
    return stay


def change_support(
    *,
    stay: Stay,
    key_worker=None,
    support_given: list[str],
    by,
    request: HttpRequest | None = None,
) -> Stay:
    """Name the key worker and the support types given during the stay."""
    _require_scheme_staff(by, stay.unit)
    unknown = set(support_given) - set(SupportType.values)
    if unknown:
        raise ValidationError({"support_given": "Select support types from the list"})
    _check_key_worker(key_worker, stay.unit)
    with transaction.atomic():
        stay.key_worker = key_worker
        stay.support_given = [value for value in SupportType.values if value in support_given]
        stay.save(update_fields=["key_worker", "support_given"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=stay,
            fields=["key_worker", "support_given"],
        )
    return stay


def record_departure(
    *,
    stay: Stay,
    departed_on: date | None,
    end_reason: str,
    move_on: str,
    by,
    request: HttpRequest | None = None,
) -> Stay:
    """The household left: why support ended, and where they moved on to."""
    _require_scheme_staff(by, stay.unit)
    problems = rules.departure_problems(
        arrived_on=stay.arrived_on,
        departed_on=departed_on,
        already_left=stay.departed_on is not None,
        end_reason=end_reason if end_reason in EndReason.values else "",
        move_on=move_on if move_on in MoveOn.values else "",
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        stay.departed_on = departed_on
        stay.end_reason = end_reason
        stay.move_on = move_on
        stay.save(update_fields=["departed_on", "end_reason", "move_on"])
        stay.unit.scheme.vacancies_checked_at = timezone.now()
        stay.unit.scheme.save(update_fields=["vacancies_checked_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=stay,
            fields=["departed_on", "end_reason", "move_on"],
            reason="left",
        )
    return stay
