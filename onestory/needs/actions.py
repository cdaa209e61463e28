"""Every write of the needs assessment and the delivery plan: keyword arguments, one
transaction, an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import Agency, Area
from onestory.audit.models import AuditAction
from onestory.needs.boundaries import read_boundaries
from onestory.needs.files import Problem, read_population, read_rates
from onestory.needs.models import (
    ActionStatus,
    ActionUpdate,
    Boundary,
    Commentary,
    Indicator,
    Objective,
    PlanAction,
    PopulationCount,
    PrevalenceRate,
    Priority,
)


class FileInvalid(Exception):
    """The file has problems, so nothing was saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was saved.")


def load_population(*, lines: Iterable[str], by=None) -> int:
    """Load ONS mid-year estimates; each (area, year) in the file replaces what was held for
    it. All or nothing. Returns the number of rows saved."""
    codes = dict(Area.objects.values_list("code", "pk"))
    found = read_population(lines, known_codes=set(codes))
    if not found.ok:
        raise FileInvalid(found.problems)
    with transaction.atomic():
        replaced = {(codes[r.code], r.year) for r in found.rows}
        for area_id, year in replaced:
            PopulationCount.objects.filter(area_id=area_id, year=year).delete()
        PopulationCount.objects.bulk_create(
            PopulationCount(
                area_id=codes[r.code],
                year=r.year,
                sex=r.sex,
                age_from=r.band[0],
                age_to=r.band[1],
                count=r.count,
            )
            for r in found.rows
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            reason=f"population loaded: {len(found.rows)} rows for {len(replaced)} area-years",
        )
    return len(found.rows)


def load_rates(*, lines: Iterable[str], by=None) -> int:
    """Load survey prevalence rates; each (series, survey year) in the file replaces what was
    held for it. All or nothing."""
    found = read_rates(lines)
    if not found.ok:
        raise FileInvalid(found.problems)
    with transaction.atomic():
        for series, year in {(r.series, r.survey_year) for r in found.rows}:
            PrevalenceRate.objects.filter(series=series, survey_year=year).delete()
        PrevalenceRate.objects.bulk_create(
            PrevalenceRate(
                series=r.series,
                survey_year=r.survey_year,
                sex=r.sex,
                age_from=r.band[0],
                age_to=r.band[1],
                percent=r.percent,
            )
            for r in found.rows
        )
        audit.record(
            action=AuditAction.CREATE, by=by, reason=f"survey rates loaded: {len(found.rows)}"
        )
    return len(found.rows)


def load_boundaries(*, lines: Iterable[str], by=None) -> int:
    """Load areas' boundaries from a GeoJSON file; each area in the file has its boundary
    replaced. All or nothing. Returns the number of areas."""
    codes = dict(Area.objects.values_list("code", "pk"))
    found = read_boundaries("".join(lines), known_codes=set(codes))
    if not found.ok:
        raise FileInvalid(found.problems)
    with transaction.atomic():
        for code, polygons in found.shapes.items():
            Boundary.objects.update_or_create(
                area_id=codes[code], defaults={"polygons": polygons, "loaded_at": timezone.now()}
            )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            reason=f"boundaries loaded: {len(found.shapes)} areas",
        )
    return len(found.shapes)


@transaction.atomic
def save_commentary(*, area: Area, year: int, texts: dict[str, str], by) -> int:
    """The analyst's commentary on an assessment's sections, for their agency: a section
    given text keeps it, a section left blank loses what it had. Returns how many are kept."""
    for section, text in texts.items():
        text = text.strip()
        if text:
            Commentary.objects.update_or_create(
                agency=by.agency,
                area=area,
                year=year,
                section=section,
                defaults={"text": text, "written_by": by, "written_at": timezone.now()},
            )
        else:
            Commentary.objects.filter(
                agency=by.agency, area=area, year=year, section=section
            ).delete()
    kept = Commentary.objects.filter(agency=by.agency, area=area, year=year).count()
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        reason=f"needs assessment commentary {area.code} {year}: {kept} section(s)",
    )
    return kept


@transaction.atomic
def add_priority(*, title: str, by) -> Priority:
    priority = Priority.objects.create(agency=by.agency, title=title, created_by=by)
    audit.record(action=AuditAction.CREATE, by=by, obj=priority, reason="delivery plan priority")
    return priority


@transaction.atomic
def add_objective(
    *,
    priority: Priority,
    title: str,
    figure: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    baseline_year: int | None = None,
    target_year: int | None = None,
    by,
) -> Objective:
    objective = Objective.objects.create(priority=priority, title=title)
    if figure:
        Indicator.objects.create(
            objective=objective,
            figure=figure,
            baseline=baseline,
            target=target,
            baseline_year=baseline_year,
            target_year=target_year,
        )
    audit.record(action=AuditAction.CREATE, by=by, obj=objective, reason="delivery plan objective")
    return objective


@transaction.atomic
def add_action(
    *, objective: Objective, description: str, owner: Agency, due_on: date, by
) -> PlanAction:
    action = PlanAction.objects.create(
        objective=objective, description=description, owner=owner, due_on=due_on
    )
    audit.record(action=AuditAction.CREATE, by=by, obj=action, reason="delivery plan action")
    return action


@transaction.atomic
def record_update(
    *, action: PlanAction, quarter: str, text: str, status: str, rag: str, by
) -> ActionUpdate:
    """A quarter's update; a second one for the same quarter replaces the first. The action
    takes the update's status and rating."""
    update, _ = ActionUpdate.objects.update_or_create(
        action=action,
        quarter=quarter,
        defaults={"text": text, "status": status, "rag": rag, "written_by": by},
    )
    action.status = ActionStatus(status)
    action.rag = rag
    action.save(update_fields=["status", "rag"])
    audit.record(
        action=AuditAction.UPDATE, by=by, obj=action, reason=f"delivery plan update {quarter}"
    )
    return update
