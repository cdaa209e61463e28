"""The API for the statutory return and the board's quarterly report: read-only, for the
same staff as the pages (roles that see aggregates: commissioners, managers, MARAC
coordinators). The figures are the published ones, small counts hidden as on the page and in
the workbook; no record or person is named. Every answer is audited as an export."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import read_query
from onestory.marac.quarterly import parse_quarter
from onestory.returns import board, report
from onestory.returns.periods import parse_year


class YearQuerySerializer(serializers.Serializer):
    year = serializers.RegexField(
        r"^20[0-9]{2}-[0-9]{2}$",
        max_length=7,
        help_text="A financial year, 1 April to 31 March: 2025-26.",
    )

    def validate_year(self, value: str):
        try:
            return parse_year(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


class QuarterQuerySerializer(serializers.Serializer):
    quarter = serializers.RegexField(
        r"^(20[0-9]{2}|2100)Q[1-4]$",
        max_length=6,
        help_text="A calendar quarter: 2026Q1 is January to March 2026.",
    )

    def validate_quarter(self, value: str):
        try:
            return parse_quarter(value)
        except ValueError as error:  # pragma: no cover - the pattern lets none through
            raise serializers.ValidationError(str(error)) from error


class StatutoryReturnFigures(GenericAPIView):
    """The year's statutory return on support in safe accommodation, as published."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = YearQuerySerializer

    @extend_schema(
        parameters=[YearQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="year, area (code and name), who marked it checked and when, the "
        "mandatory questions still unanswered, every question (ref, key, section, label, "
        "source: records or entered, mandatory, answer as published: counts from 1 to 4 as "
        "'fewer than 5'), and the data-quality checks with their counts.",
    )
    def get(self, request: Request) -> Response:
        year = read_query(request, YearQuerySerializer)["year"]
        built = report.build(year)
        audit.record(
            action=AuditAction.EXPORT, request=request, reason=f"statutory return {year.code} (api)"
        )
        return Response(
            {
                "year": year.code,
                "start": year.start.isoformat(),
                "end": year.end.isoformat(),
                "area": {"code": built.area_code, "name": built.area_name},
                "checked_by": built.checked_by,
                "checked_at": built.checked_at.isoformat() if built.checked_at else None,
                "missing_mandatory": built.missing,
                "questions": [
                    {
                        "ref": line.question.ref,
                        "key": line.question.key,
                        "section": section.title,
                        "label": line.question.label,
                        "source": line.question.source,
                        "mandatory": line.mandatory,
                        "answer": line.shown,
                    }
                    for section, lines in built.sections()
                    for line in lines
                ],
                "quality": [
                    {"key": key, "label": label, "count": figure.count}
                    for key, label, figure in built.quality
                ],
            }
        )


class BoardReportFigures(GenericAPIView):
    """The partnership board's report for a quarter, as published."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = QuarterQuerySerializer

    @extend_schema(
        parameters=[QuarterQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="quarter, its first and last days, and its tables (key, caption, rows of "
        "label and value as published: counts from 1 to 4 as 'fewer than 5'): the front door, "
        "MARAC against the benchmark, safe accommodation, case outcomes from intake to exit, "
        "repeat referrals, and, for the agency that keeps it, the delivery plan.",
    )
    def get(self, request: Request) -> Response:
        quarter = read_query(request, QuarterQuerySerializer)["quarter"]
        built = board.build(quarter, agency_id=request.user.agency_id)
        audit.record(
            action=AuditAction.EXPORT, request=request, reason=f"board report {quarter.code} (api)"
        )
        return Response(
            {
                "quarter": quarter.code,
                "start": quarter.start.isoformat(),
                "end": quarter.end.isoformat(),
                "tables": [
                    {
                        "key": table.key,
                        "caption": table.caption,
                        "rows": [{"label": row.label, "value": row.shown} for row in table.rows],
                    }
                    for table in built.tables
                ],
            }
        )
