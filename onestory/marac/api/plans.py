"""The MARAC API for action plans: listing actions and reporting progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import TextField
from onestory.marac import actions
from onestory.marac.access import get_action_for_user, visible_actions
from onestory.marac.api.cases import refused
from onestory.marac.models import OPEN_STATUSES, ActionStatus, MaracAction


class MaracActionSerializer(serializers.ModelSerializer):
    owning_agency = serializers.CharField(source="owning_agency.name")
    referral = serializers.IntegerField(source="referral_id")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = MaracAction
        fields = [
            "id",
            "referral",
            "owning_agency",
            "description",
            "due_on",
            "status",
            "update_note",
            "completed_on",
            "overdue",
        ]

    def get_overdue(self, action: MaracAction) -> bool:
        return action.is_open and action.due_on < timezone.localdate()


class ActionList(GenericAPIView):
    """Open MARAC actions you may see: your agency's own, or, for a coordinator, all of
    their MARACs'. ``?status=all`` lists finished ones too."""

    required_permission = Permission.USE_API
    serializer_class = MaracActionSerializer

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=["open", "all"])],
        responses={200: MaracActionSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        show = request.query_params.get("status", "open")
        if show not in ("open", "all"):
            return Response(
                {"status": ["Ask for status=open or status=all."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        found = visible_actions(request.user)
        if show != "all":
            found = found.filter(status__in=OPEN_STATUSES)
        found = found.select_related("owning_agency").order_by("due_on", "id")[:500]
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            fields=["description", "due_on", "status"],
            reason=f"MARAC actions: {len(found)} listed",
        )
        return Response(MaracActionSerializer(found, many=True).data)


class MaracActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    update_note = TextField(allow_blank=True, max_length=5000, default="")


class ActionDetail(GenericAPIView):
    """One action on a case on your MARAC's agenda; your agency updates its own actions."""

    required_permission = Permission.REPRESENT_AT_MARAC
    serializer_class = MaracActionSerializer

    def get(self, request: Request, marac_action_id: int) -> Response:
        action, _ = get_action_for_user(request, marac_action_id)
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=action,
            person_id=action.referral.victim_id,
            fields=["description", "due_on", "status", "update_note"],
        )
        return Response(MaracActionSerializer(action).data)

    @extend_schema(request=MaracActionUpdateSerializer, responses={200: MaracActionSerializer})
    def patch(self, request: Request, marac_action_id: int) -> Response:
        action, may_update = get_action_for_user(request, marac_action_id)
        given = MaracActionUpdateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if not may_update:
            return Response(
                {"detail": "Only the agency that owns this action may update it."},
                status=status.HTTP_403_FORBIDDEN,
            )
        try:
            action = actions.update_action(
                action=action,
                status=given.validated_data["status"],
                note=given.validated_data["update_note"],
                by=request.user,
                request=request,
            )
        except DjangoValidationError as error:
            return refused(error)
        return Response(MaracActionSerializer(action).data)
