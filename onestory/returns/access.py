"""Who sees what of the return and the board report.

- The figures (the return, the board report, their workbooks and CSV files) are for staff
  whose role may see aggregates: commissioners and analysts, team managers, MARAC
  coordinators. Everyone else gets 403 from the view's decorator.
- Entering answers, marking questions mandatory and marking the return as checked need the
  commissioner's ``PREPARE_RETURN``.
- A figure drills down to the records it counted only through the person access policy:
  a record about a person is listed only if the user may see that person
  (``access.policy.visible_persons``); the rest are counted, never named. A commissioner,
  who may see no person, sees the count alone. Units and schemes name nobody and are listed
  by name (never where they are).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from onestory import audit
from onestory.access.policy import visible_persons
from onestory.accommodation.models import (
    PlacementAsk,
    PlacementRequest,
    SanctuaryInstall,
    Scheme,
    Stay,
    Unit,
)
from onestory.audit.models import AuditAction
from onestory.returns.rules import Counted, Figure

KIND_LABELS = {
    "unit": "Unit",
    "scheme": "Scheme",
    "stay": "Stay",
    "request": "Placement request",
    "ask": "Scheme asked",
    "install": "Sanctuary install",
}


@dataclass(frozen=True)
class RecordLine:
    kind: str
    record_id: int
    what: str  # the scheme, unit or dates: never where anything is
    person_id: int | None = None
    person_name: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class DrillDown:
    total: int  # records counted
    lines: list[RecordLine]  # those the user may see
    withheld: int  # records about persons the user may not see


def _describe(records: list[Counted]) -> dict[tuple[str, int], str]:
    ids: dict[str, set[int]] = {}
    for kind, pk, _ in records:
        ids.setdefault(kind, set()).add(pk)
    found: dict[tuple[str, int], str] = {}
    for pk, unit, scheme in Unit.objects.filter(pk__in=ids.get("unit", ())).values_list(
        "pk", "name", "scheme__name"
    ):
        found["unit", pk] = f"{scheme}, {unit}"
    for pk, name in Scheme.objects.filter(pk__in=ids.get("scheme", ())).values_list("pk", "name"):
        found["scheme", pk] = name
    for pk, scheme, arrived, departed in Stay.objects.filter(
        pk__in=ids.get("stay", ())
    ).values_list("pk", "unit__scheme__name", "arrived_on", "departed_on"):
        left = f" to {departed:%d/%m/%Y}" if departed else ", still there"
        found["stay", pk] = f"{scheme}: from {arrived:%d/%m/%Y}{left}"
    for pk, made in PlacementRequest.objects.filter(pk__in=ids.get("request", ())).values_list(
        "pk", "created_at"
    ):
        found["request", pk] = f"Made on {made:%d/%m/%Y}"
    for pk, scheme, status in PlacementAsk.objects.filter(pk__in=ids.get("ask", ())).values_list(
        "pk", "scheme__name", "status"
    ):
        found["ask", pk] = f"{scheme} ({status})"
    for pk, scheme, surveyed in SanctuaryInstall.objects.filter(
        pk__in=ids.get("install", ())
    ).values_list("pk", "scheme__name", "surveyed_on"):
        found["install", pk] = f"{scheme}: surveyed {surveyed:%d/%m/%Y}"
    return found


def drill_down(request: HttpRequest, figure: Figure, *, what: str) -> DrillDown:
    """The records ``figure`` counted that the user may see, audited as a read of each
    person shown."""
    user = request.user
    person_ids = {person_id for _, _, person_id in figure.records if person_id is not None}
    names = {
        pk: f"{given} {family}".strip()
        for pk, given, family in visible_persons(user)
        .filter(pk__in=person_ids)
        .values_list("pk", "given_name", "family_name")
    }
    shown = [r for r in figure.records if r[2] is None or r[2] in names]
    described = _describe(shown)
    lines = [
        RecordLine(kind, pk, described.get((kind, pk), ""), person_id, names.get(person_id, ""))
        for kind, pk, person_id in shown
    ]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"records counted by {what}",
        shown_person_ids=sorted({line.person_id for line in lines if line.person_id}),
    )
    return DrillDown(
        total=len(figure.records), lines=lines, withheld=len(figure.records) - len(shown)
    )
