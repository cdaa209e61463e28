"""The vacancy board for programs: ``GET /api/v1/accommodation/vacancies``.

The same places as the page, for professionals only, with each scheme's town or district
and never where it is (the query does not read the location columns at all).
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accommodation.access import require_board
from onestory.accommodation.board import Needs
from onestory.accommodation.figures import figures
from onestory.accommodation.queries import board, listed_out_of_area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import read_query


class NeedsQuerySerializer(serializers.Serializer):
    adult_sex = serializers.ChoiceField(choices=["woman", "man"], required=False)
    adults = serializers.IntegerField(required=False, default=1, min_value=1, max_value=10)
    children = serializers.IntegerField(required=False, default=0, min_value=0, max_value=19)
    oldest_boy = serializers.IntegerField(required=False, min_value=0, max_value=17)
    pets = serializers.BooleanField(required=False, default=False)
    wheelchair = serializers.BooleanField(required=False, default=False)
    nrpf = serializers.BooleanField(required=False, default=False)
    languages = serializers.CharField(required=False, max_length=200)


def _takes(place) -> dict:
    return {
        "bed_spaces": place.bed_spaces,
        "sexes": place.sexes,
        "max_children": place.max_children,
        "boys_up_to_age": place.boys_up_to_age,
        "pets": place.pets,
        "wheelchair_access": place.wheelchair_access,
        "no_recourse_to_public_funds": place.no_recourse_to_public_funds,
        "languages": list(place.languages or []),
        "specialist_group": place.specialist_group,
    }


class VacancyBoard(GenericAPIView):
    """Places free now across the partnership, and listed out of area, that fit a household."""

    required_permission = Permission.VIEW_PERSON
    serializer_class = NeedsQuerySerializer

    @extend_schema(
        parameters=[NeedsQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="schemes (each with its town, type, running agency, when its figure was "
        "checked and its free units that fit) and out_of_area (places listed by hand).",
    )
    def get(self, request: Request) -> Response:
        require_board(request)
        data = read_query(request, NeedsQuerySerializer)
        needs = Needs(
            adult_sex=data.get("adult_sex", ""),
            adults=data["adults"],
            children=data["children"],
            oldest_boy=data.get("oldest_boy"),
            pets=data["pets"],
            wheelchair=data["wheelchair"],
            nrpf=data["nrpf"],
            languages=tuple(
                part.strip() for part in data.get("languages", "").split(",") if part.strip()
            ),
        )
        rows = board(needs)
        listed = listed_out_of_area(needs)
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"vacancy board: {len(rows)} schemes, {len(listed)} places out of area",
        )
        return Response(
            {
                "schemes": [
                    {
                        "id": row.scheme.pk,
                        "name": row.scheme.name,
                        "scheme_type": row.scheme.scheme_type,
                        "town": row.scheme.town,
                        "agency": row.scheme.agency.name,
                        "checked_at": row.checked_at.isoformat(),
                        "units": [{"id": u.pk, "name": u.name, **_takes(u)} for u in row.units],
                    }
                    for row in rows
                ],
                "out_of_area": [
                    {
                        "id": place.pk,
                        "provider": place.provider,
                        "scheme_name": place.scheme_name,
                        "scheme_type": place.scheme_type,
                        "town": place.town,
                        "places": place.places,
                        "how_to_refer": place.how_to_refer,
                        "reported_at": place.reported_at.isoformat(),
                        **_takes(place),
                    }
                    for place in listed
                ],
            }
        )


class PeriodQuerySerializer(serializers.Serializer):
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


def _rows(rows) -> list[dict]:
    return [{"label": row.label, "count": row.shown, "share": row.share} for row in rows]


class AccommodationFigures(GenericAPIView):
    """Safe accommodation figures for a period, small counts hidden as on the page."""

    required_permission = Permission.VIEW_AGGREGATES
    serializer_class = PeriodQuerySerializer

    @extend_schema(
        parameters=[PeriodQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="occupancy (per scheme: nights occupied and vacant), asks by outcome, "
        "scheme and survivor decline reasons, every failed ask by why it failed (the scheme's "
        "reason or the survivor declining), move-on (each as label, count and share; counts "
        "from 1 to 4 as 'fewer than 5'), median days to arrival and nights stayed (null under "
        "5), sanctuary installs and cost, and fund spend.",
    )
    def get(self, request: Request) -> Response:
        period = read_query(request, PeriodQuerySerializer)
        start, end = period["start"], period["end"]
        result = figures(start, end)
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"safe accommodation figures {start.isoformat()} to {end.isoformat()}",
        )
        return Response(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "occupancy": [
                    {"scheme": name, "nights_occupied": used, "nights_vacant": vacant}
                    for name, used, vacant in result.schemes
                ],
                "asks": _rows(result.asks),
                "scheme_reasons": _rows(result.scheme_reasons),
                "survivor_reasons": _rows(result.survivor_reasons),
                "failed_asks": _rows(result.failures),
                "move_on": _rows(result.move_on),
                "median_days_to_arrival": result.median_days_to_arrival,
                "median_nights_stayed": result.median_nights_stayed,
                "sanctuary_installs": result.installs_shown,
                "sanctuary_cost": str(result.install_cost),
                "fund_spend": str(result.fund_spend),
            }
        )
