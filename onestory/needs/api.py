"""The needs assessment's read-only API: the estimate and reach for an area and year, as
the page shows them. Aggregates only: counts from 0 to 4 (and any count that would give
one away) are null, as the page shows "fewer than 5"."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.models import Area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import TextField, read_query
from onestory.intake.figures import SMALLEST_SHOWN, Cell
from onestory.needs.estimate import EstimateRefused
from onestory.needs.reach import Reach, assess


class AssessmentQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=1990, max_value=2100, help_text="The financial year starting in April of."
    )
    area = TextField(max_length=20, help_text="The area's code, like E05901001.")
    series = TextField(max_length=80, help_text="The survey rates' series, as loaded.")
    survey_year = serializers.IntegerField(
        min_value=1990, max_value=2100, help_text="The year the survey year ends in March."
    )

    def validate_area(self, code: str) -> Area:
        area = Area.objects.filter(code=code.strip().upper()).first()
        if area is None:
            raise serializers.ValidationError(f"No area has the code {code}.")
        return area


def _count(cell: Cell) -> int | None:
    return None if cell.hidden else cell.count


def _number(value: Decimal | None, places: int = 1) -> float | None:
    return None if value is None else float(round(value, places))


def as_dict(result: Reach) -> dict:
    est = result.estimate
    return {
        "area": {"code": result.area.code, "name": result.area.name, "level": result.area.level},
        "year": result.year,
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "suppressed_below": SMALLEST_SHOWN,
        "estimate": {
            "series": est.series,
            "survey_year": est.survey_year,
            "ages": est.age_range_label,
            "population": est.population(),
            "people_affected": _number(est.total()),
            "women": _number(est.women),
            "men": _number(est.men),
            "lines": [
                {
                    "sex": line.sex,
                    "age_band": line.label,
                    "population": line.population,
                    "rate_percent": float(line.percent),
                    "people_affected": _number(line.estimate),
                }
                for line in est.lines
            ],
        },
        "seen": {key: _count(result.totals[key]) for key, _ in result.services},
        "seen_by_any_service_for_victims": _count(result.everyone),
        "reach_percent": _number(
            Decimal(result.everyone.count) * 100 / est.total()
            if result.reach and est.total()
            else None
        ),
        "groups": {
            table.key: [
                {
                    "group": row.label,
                    "seen": {key: _count(row.cells[key]) for key, _ in result.services},
                    "seen_by_any_service_for_victims": _count(row.everyone),
                    "reach_percent": _number(row.reach_value),
                    "index": _number(row.index_value, 2),
                }
                for row in table.rows
            ]
            for table in result.tables
        },
    }


class Assessment(GenericAPIView):
    """The needs assessment for an area and financial year: the estimate, the people each
    service saw, and reach and the under-representation index by group."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = AssessmentQuerySerializer

    @extend_schema(
        parameters=[AssessmentQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="The estimate (rate × population by sex and age band, with the ages the "
        "rates cover), the people each service saw in the year, reach, and by sex, age band, "
        "ethnic group, disability, sexual orientation and ward: counts, reach and the "
        "under-representation index. Counts under 5, and any that would give one away, are "
        "null. 400 when no population or no rates are loaded for the area and year.",
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, AssessmentQuerySerializer)
        try:
            result = assess(
                area=query["area"],
                year=query["year"],
                series=query["series"],
                survey_year=query["survey_year"],
            )
        except EstimateRefused as refused:
            raise ValidationError({"area": [str(refused)]}) from refused
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"needs assessment (API) {result.area.code} {result.year}",
        )
        return Response(as_dict(result))
