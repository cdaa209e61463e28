"""The MARAC API for quarterly data: counts only, never a person."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.marac import quarterly, queries
from onestory.marac.models import Marac


class MaracQuarterlySerializer(serializers.Serializer):
    marac = serializers.DictField()
    quarter = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    suppressed_below = serializers.IntegerField(
        allow_null=True, help_text="Counts under this are null; null when nothing is hidden."
    )
    counts = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    referrals_by_agency = serializers.ListField(child=serializers.DictField())
    referrals_by_kind = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Cases by the SafeLives template's kinds of referring agency: police, idva, "
        "childrens_social_care, health, housing, probation, other.",
    )
    police_share_percent = serializers.FloatField(allow_null=True)
    shares_percent = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Each characteristic's count as a percentage of cases discussed.",
    )
    repeat_rate_percent = serializers.FloatField(allow_null=True)
    adult_women = serializers.IntegerField(allow_null=True)
    cases_per_10000_adult_women = serializers.DictField()


class QuarterlyData(GenericAPIView):
    """A MARAC's quarterly data: counts only, never a person. Small counts are hidden
    except from the MARAC's own coordinators."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = MaracQuarterlySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("marac", int, required=True),
            OpenApiParameter(
                "quarter",
                str,
                required=True,
                description="A year from 2000 to 2100 and a quarter, like 2025Q1.",
                pattern=r"^(20[0-9]{2}|2100)Q[1-4]$",
            ),
        ],
        responses={200: MaracQuarterlySerializer},
    )
    def get(self, request: Request) -> Response:
        problems = {}
        marac = None
        try:
            marac_id = int(request.query_params.get("marac", ""))
        except ValueError:
            problems["marac"] = ["Give the id of a MARAC, like ?marac=1."]
        else:
            marac = Marac.objects.select_related("area").filter(pk=marac_id).first()
            if marac is None:
                raise NotFound("No MARAC found.")
        try:
            quarter = quarterly.parse_quarter(request.query_params.get("quarter", ""))
        except ValueError as error:
            problems["quarter"] = [f"{error}."]
        if problems:
            return Response(problems, status=status.HTTP_400_BAD_REQUEST)
        result, published = queries.published_figures(request.user, marac, quarter)
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"MARAC quarterly data: {marac.name}, {quarter.code}",
        )
        body = {
            "marac": {"id": marac.pk, "name": marac.name, "area": marac.area.code},
            "quarter": quarter.code,
            "start": quarter.start,
            "end": quarter.end,
            "suppressed_below": quarterly.SMALLEST_SHOWN if published.suppressed else None,
            "counts": published.counts,
            "referrals_by_agency": [
                {"agency": name, "cases": count}
                for name, count in published.referrals_by_agency.items()
            ],
            "referrals_by_kind": published.referrals_by_group,
            "police_share_percent": _share(
                published.referrals_by_group.get("police"), result, published
            ),
            "shares_percent": {
                key: _share(published.counts[key], result, published)
                for key in quarterly.SHARE_KEYS
            },
            "repeat_rate_percent": published.repeat_rate,
            "adult_women": result.adult_women,
            "cases_per_10000_adult_women": {
                "this_quarter": published.per_10000_this_quarter,
                "over_a_year": published.per_10000_a_year,
                "rolling_12_months": published.per_10000_rolling_year,
                "expected_over_a_year": quarterly.EXPECTED_PER_10000_A_YEAR,
            },
        }
        return Response(MaracQuarterlySerializer(body).data)


def _share(count, result, published) -> float | None:
    if published.counts["cases_discussed"] is None:
        return None
    return quarterly.share(count, result.cases_discussed)
