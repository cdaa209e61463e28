"""The cases API: a person's cases, and one case with the change in its outcomes.

Reads only, through ``onestory.cases.access`` like the pages. Notes, documents and the
safety plan are not served here.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import access
from onestory.cases.models import Case
from onestory.cases.queries import compare_outcomes


class CaseSerializer(serializers.ModelSerializer):
    agency = serializers.StringRelatedField()
    lead_worker = serializers.StringRelatedField()
    time_to_first_contact = serializers.DurationField(read_only=True)
    # Plain strings, documented by the help text, so the schema's enum names stay unique.
    person_role = serializers.CharField(help_text="victim, child or person_using_harm")
    status = serializers.CharField(help_text="open, active or closed")
    closure_reason = serializers.CharField(
        help_text="support_completed, disengaged, moved_away, transferred, declined or other"
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "person",
            "agency",
            "person_role",
            "status",
            "lead_worker",
            "opened_at",
            "first_contact_at",
            "time_to_first_contact",
            "closed_at",
            "closure_reason",
            "follow_up_on",
        ]


class OutcomeChangeSerializer(serializers.Serializer):
    outcome = serializers.CharField(source="key")
    label = serializers.CharField()
    before = serializers.IntegerField(allow_null=True)
    after = serializers.IntegerField(allow_null=True)
    direction = serializers.CharField()


class AbuseChangeSerializer(serializers.Serializer):
    kind = serializers.CharField(source="key")
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()
    stopped = serializers.BooleanField()


class CaseDetailSerializer(CaseSerializer):
    outcome_changes = serializers.SerializerMethodField()
    abuse_changes = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "outcome_changes", "abuse_changes"]

    def _comparison(self, case):
        if not hasattr(self, "_compared"):
            self._compared = compare_outcomes(list(case.outcomes.all()))
        return self._compared

    @extend_schema(responses=OutcomeChangeSerializer(many=True))
    def get_outcome_changes(self, case) -> list[dict]:
        comparison = self._comparison(case)
        return OutcomeChangeSerializer(comparison.changes if comparison else [], many=True).data

    @extend_schema(responses=AbuseChangeSerializer(many=True))
    def get_abuse_changes(self, case) -> list[dict]:
        comparison = self._comparison(case)
        return AbuseChangeSerializer(comparison.abuse if comparison else [], many=True).data


class PersonCases(GenericAPIView):
    """The cases of one person that the caller may see."""

    required_permission = Permission.WORK_CASES
    serializer_class = CaseSerializer

    @extend_schema(responses={200: CaseSerializer(many=True)})
    def get(self, request: Request, person_id: int) -> Response:
        person, grant = get_person_for_user(request, person_id)
        cases = access.cases_of_person_for_user(request.user, person, grant).select_related(
            "agency", "lead_worker"
        )
        audit.record(action=AuditAction.VIEW, request=request, obj=person, fields=["cases"])
        return Response(CaseSerializer(cases, many=True).data)


class CaseDetail(GenericAPIView):
    """One case, with how the person's outcomes changed from intake to exit."""

    required_permission = Permission.WORK_CASES
    serializer_class = CaseDetailSerializer

    def get(self, request: Request, case_id: int) -> Response:
        case, _ = access.get_case_for_user(request, case_id)
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=case,
            person_id=case.person_id,
            fields=["status", "person_role", "first_contact_at", "closure_reason", "outcomes"],
        )
        return Response(CaseDetailSerializer(case).data)
