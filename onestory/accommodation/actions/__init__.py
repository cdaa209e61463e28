"""Writes for schemes and units: each takes keyword arguments and ``by=``, runs in one
transaction, refuses bad input with a ``ValidationError`` by field (saving nothing), and
leaves an audit event."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accommodation import rules
from onestory.accommodation.access import may_list_vacancies, may_manage
from onestory.accommodation.models import ListedVacancy, Scheme, Unit
from onestory.audit.models import AuditAction

SCHEME_FIELDS = (
    "name",
    "scheme_type",
    "by_and_for",
    "specialist_group",
    "town",
    "area",
    "address",
    "postcode",
    "directions",
)
UNIT_FIELDS = (
    "name",
    "bed_spaces",
    "sexes",
    "max_children",
    "boys_up_to_age",
    "pets",
    "wheelchair_access",
    "no_recourse_to_public_funds",
    "languages",
    "specialist_group",
)


def _require_manager(by, scheme: Scheme | None = None) -> None:
    if not may_manage(by):
        raise PermissionDenied("Schemes are managed by the staff of the agency that runs them.")
    if scheme is not None and scheme.agency_id != by.agency_id:
        raise PermissionDenied("Only the agency that runs a scheme may change it.")


def _check_scheme(data: dict) -> dict:
    for name in ("name", "town", "address", "postcode"):
        data[name] = (data.get(name) or "").strip()
    data["specialist_group"] = (data.get("specialist_group") or "").strip()
    data["directions"] = (data.get("directions") or "").strip()
    data["postcode"] = data["postcode"].upper()
    problems = rules.scheme_problems(
        scheme_type=data.get("scheme_type", ""),
        by_and_for=bool(data.get("by_and_for")),
        specialist_group=data["specialist_group"],
    )
    for name, message in (
        ("name", "Enter the scheme's name"),
        ("town", "Enter the town or district it is in"),
        ("address", "Enter the scheme's address"),
        ("postcode", "Enter the scheme's postcode"),
    ):
        if not data[name]:
            problems.setdefault(name, message)
    data["area"] = data.get("area")
    if data["area"] is not None and data["area"].level != "district":
        problems["area"] = "Select one of the partnership's districts"
    if problems:
        raise ValidationError(problems)
    return data


def create_scheme(*, by, request: HttpRequest | None = None, **details) -> Scheme:
    """Add a scheme run by ``by``'s agency."""
    _require_manager(by)
    unknown = set(details) - set(SCHEME_FIELDS)
    if unknown:
        raise TypeError(f"unknown scheme fields: {sorted(unknown)}")
    data = _check_scheme(dict(details))
    with transaction.atomic():
        scheme = Scheme.objects.create(agency_id=by.agency_id, created_by=by, **data)
        audit.record(
            action=AuditAction.CREATE, by=by, request=request, obj=scheme, fields=sorted(data)
        )
    return scheme


def change_scheme(*, scheme: Scheme, by, request: HttpRequest | None = None, **details) -> Scheme:
    """Change a scheme's details; only the fields given change."""
    _require_manager(by, scheme)
    unknown = set(details) - set(SCHEME_FIELDS)
    if unknown:
        raise TypeError(f"unknown scheme fields: {sorted(unknown)}")
    data = {name: getattr(scheme, name) for name in SCHEME_FIELDS} | details
    data = _check_scheme(data)
    changed = [name for name in SCHEME_FIELDS if getattr(scheme, name) != data[name]]
    if not changed:
        return scheme
    with transaction.atomic():
        for name in changed:
            setattr(scheme, name, data[name])
        scheme.save(update_fields=[*changed, "updated_at"])
        audit.record(action=AuditAction.UPDATE, by=by, request=request, obj=scheme, fields=changed)
    return scheme


def _check_unit(data: dict) -> dict:
    data["name"] = (data.get("name") or "").strip()
    data["specialist_group"] = (data.get("specialist_group") or "").strip()
    data["languages"] = [str(x).strip() for x in data.get("languages") or [] if str(x).strip()]
    data["max_children"] = data.get("max_children") or 0
    data["bed_spaces"] = data.get("bed_spaces") or 0
    problems = rules.unit_problems(
        bed_spaces=data["bed_spaces"],
        sexes=data.get("sexes", ""),
        max_children=data["max_children"],
        boys_up_to_age=data.get("boys_up_to_age"),
    )
    if not data["name"]:
        problems.setdefault("name", "Enter the unit's name")
    if problems:
        raise ValidationError(problems)
    return data


def _save_unit(unit: Unit, fields: list[str]) -> None:
    try:
        with transaction.atomic():
            unit.save(update_fields=fields) if unit.pk else unit.save()
    except IntegrityError as error:
        raise ValidationError({"name": "The scheme already has a unit with this name"}) from error
    _checked(unit.scheme)


def _checked(scheme: Scheme) -> None:
    """The scheme's staff have just said which units are free: the board's figure is new."""
    scheme.vacancies_checked_at = timezone.now()
    scheme.save(update_fields=["vacancies_checked_at"])


def confirm_vacancies(*, scheme: Scheme, by, request: HttpRequest | None = None) -> Scheme:
    """The units shown free are right as they stand: the board's figure starts again."""
    _require_manager(by, scheme)
    with transaction.atomic():
        _checked(scheme)
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=scheme,
            fields=["vacancies_checked_at"],
            reason="free places confirmed",
        )
    return scheme


def add_unit(*, scheme: Scheme, by, request: HttpRequest | None = None, **details) -> Unit:
    """Add a unit or bed space to a scheme."""
    _require_manager(by, scheme)
    unknown = set(details) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    data = _check_unit(dict(details))
    with transaction.atomic():
        unit = Unit(scheme=scheme, **data)
        _save_unit(unit, [])
        audit.record(
            action=AuditAction.CREATE, by=by, request=request, obj=unit, fields=sorted(data)
        )
    return unit


def change_unit(*, unit: Unit, by, request: HttpRequest | None = None, **details) -> Unit:
    """Change what a unit can take; only the fields given change."""
    _require_manager(by, unit.scheme)
    unknown = set(details) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    data = _check_unit({name: getattr(unit, name) for name in UNIT_FIELDS} | details)
    changed = [name for name in UNIT_FIELDS if getattr(unit, name) != data[name]]
    if not changed:
        return unit
    with transaction.atomic():
        for name in changed:
            setattr(unit, name, data[name])
        _save_unit(unit, [*changed, "updated_at"])
        audit.record(action=AuditAction.UPDATE, by=by, request=request, obj=unit, fields=changed)
    return unit


def take_out_of_use(
    *,
    unit: Unit,
    reason: str,
    details: str = "",
    expected_back_on: date | None = None,
    by,
    request: HttpRequest | None = None,
) -> Unit:
    """Mark a unit out of use, with why and when it is expected back."""
    _require_manager(by, unit.scheme)
    today = timezone.localdate()
    details = details.strip()
    problems = rules.out_of_use_problems(
        reason=reason, details=details, expected_back_on=expected_back_on, today=today
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        unit.out_of_use_reason = reason
        unit.out_of_use_details = details
        unit.expected_back_on = expected_back_on
        if unit.out_of_use_since is None:
            unit.out_of_use_since = today
        fields = ["out_of_use_reason", "out_of_use_details", "expected_back_on", "out_of_use_since"]
        unit.save(update_fields=[*fields, "updated_at"])
        _checked(unit.scheme)
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=unit,
            fields=fields,
            reason="taken out of use",
        )
    return unit


def bring_back_into_use(*, unit: Unit, by, request: HttpRequest | None = None) -> Unit:
    """The unit can take a household again."""
    _require_manager(by, unit.scheme)
    if not unit.is_out_of_use:
        raise ValidationError("The unit is already in use")
    fields = ["out_of_use_reason", "out_of_use_details", "expected_back_on", "out_of_use_since"]
    with transaction.atomic():
        unit.out_of_use_reason = ""
        unit.out_of_use_details = ""
        unit.expected_back_on = None
        unit.out_of_use_since = None
        unit.save(update_fields=[*fields, "updated_at"])
        _checked(unit.scheme)
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=unit,
            fields=fields,
            reason="back in use",
        )
    return unit


LISTED_FIELDS = (
    "provider",
    "scheme_name",
    "scheme_type",
    "town",
    "places",
    *UNIT_FIELDS[1:],
    "how_to_refer",
    "reported_at",
)


def list_vacancy(*, by, request: HttpRequest | None = None, **details) -> ListedVacancy:
    """List a place free in a scheme outside the partnership, as its provider reported it."""
    if not may_list_vacancies(by):
        raise PermissionDenied("Places out of area are listed by staff who take referrals.")
    unknown = set(details) - set(LISTED_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    data = _check_unit({"name": "listed"} | details)
    data.pop("name")
    for name in ("provider", "scheme_name", "town", "how_to_refer"):
        data[name] = (data.get(name) or "").strip()
    problems = {}
    for name, message in (
        ("provider", "Enter who runs it"),
        ("scheme_name", "Enter the scheme's name"),
        ("town", "Enter the town or district it is in"),
        ("how_to_refer", "Enter how to refer"),
    ):
        if not data[name]:
            problems[name] = message
    type_problem = rules.scheme_problems(
        scheme_type=data.get("scheme_type", ""), by_and_for=False, specialist_group=""
    ).get("scheme_type")
    if type_problem:
        problems["scheme_type"] = type_problem
    if (data.get("places") or 0) < 1:
        problems["places"] = "Enter how many places are free, 1 or more"
    reported_at = data.get("reported_at")
    if reported_at is None:
        problems["reported_at"] = "Enter when the provider said it was free"
    elif reported_at > timezone.now():
        problems["reported_at"] = "When the provider said it was free must be in the past"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        listed = ListedVacancy.objects.create(
            listed_by=by, listed_by_agency_id=by.agency_id, **data
        )
        audit.record(
            action=AuditAction.CREATE, by=by, request=request, obj=listed, fields=sorted(data)
        )
    return listed


def remove_listed_vacancy(
    *, listed: ListedVacancy, by, request: HttpRequest | None = None
) -> ListedVacancy:
    """The place is no longer free (or was never there): take it off the board."""
    if not may_list_vacancies(by) or listed.listed_by_agency_id != by.agency_id:
        raise PermissionDenied("Only the agency that listed a place removes it.")
    if listed.removed_at is not None:
        raise ValidationError("The place is already off the board")
    with transaction.atomic():
        listed.removed_at = timezone.now()
        listed.removed_by = by
        listed.save(update_fields=["removed_at", "removed_by"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=listed,
            fields=["removed_at"],
            reason="listed place removed",
        )
    return listed
