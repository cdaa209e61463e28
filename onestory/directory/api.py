"""The directory API: ``GET /api/v1/directory/services/``, in Open Referral UK shape.

A page of services as the Open Referral UK API returns them. Where safe accommodation is
never appears here, whoever asks.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.models import Area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import read_query
from onestory.directory.choices import SupportKind
from onestory.directory.models import Service
from onestory.directory.oruk import page_json
from onestory.directory.views import covering

LARGEST_PAGE = 200


class ServiceQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=100_000)
    per_page = serializers.IntegerField(
        required=False, default=50, min_value=1, max_value=LARGEST_PAGE
    )
    kind = serializers.ChoiceField(choices=SupportKind.choices, required=False)
    area = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Area.objects.select_related("parent__parent"),
        required=False,
        error_messages={"does_not_exist": "No area has the code {value}."},
    )
    text = serializers.CharField(required=False, max_length=100)


class ServiceList(GenericAPIView):
    """Services in the directory, a page at a time, as Open Referral UK JSON."""

    required_permission = Permission.USE_API
    serializer_class = ServiceQuerySerializer

    @extend_schema(
        parameters=[ServiceQuerySerializer],
        responses={200: OpenApiTypes.OBJECT},
        description="A page of services: totalElements, totalPages, number, size, first, "
        "last and content (the services in Open Referral UK shape).",
    )
    def get(self, request: Request) -> Response:
        data = read_query(request, ServiceQuerySerializer)
        services = Service.objects.all()
        if "kind" in data:
            services = services.filter(kind=data["kind"])
        if "text" in data:
            services = services.filter(name__icontains=data["text"])
        if "area" in data:
            services = covering(services, data["area"])
        total = services.count()
        size, number = data["per_page"], data["page"]
        chosen = services.with_details().order_by("name", "id")[(number - 1) * size : number * size]
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            reason=f"services directory page {number}: {len(chosen)} services",
        )
        return Response(page_json(chosen, number=number, size=size, total=total))
