"""The API for work with people who use harm: figures for a period, for the board's report
and the needs assessment. Aggregates only, small counts hidden as on the page."""

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
from onestory.harm.figures import figures


class HarmPeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, data):
        if data["end"] < data["start"]:
            raise serializers.ValidationError(
                {"end": "The last day must be on or after the first."}
            )
        if (data["end"] - data["start"]).days > 3660:
            raise serializers.ValidationError({"end": "A period is at most ten years."})
        return data


class HarmFigures(GenericAPIView):
    """Figures for work with people who use harm for a period."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = HarmPeriodSerializer

    @extend_schema(
        parameters=[HarmPeriodSerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="referrals (in all and by source), starts, endings, drop-out and removal "
        "reasons, the service's risk level from intake to exit, breaches, the share of starts "
        "with a linked partner-support worker and the alerts sent to them; counts from 1 to 4 "
        "as 'fewer than 5'.",
    )
    def get(self, request: Request) -> Response:
        period = read_query(request, HarmPeriodSerializer)
        start, end = period["start"], period["end"]
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"figures for people who use harm {start.isoformat()} to {end.isoformat()}",
        )
        return Response(figures(start, end).as_dict())
