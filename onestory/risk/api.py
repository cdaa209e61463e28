"""The risk assessments API: ``/api/v1/persons/{id}/risk-assessments/``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.access.policy import FULL, get_person_for_user, visible_persons
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.risk import actions
from onestory.risk.criteria import JudgementError
from onestory.risk.dash import AnswerError, NothingAnswered
from onestory.risk.models import RiskAssessment


class ProfessionalJudgementSerializer(serializers.Serializer):
    marac = serializers.BooleanField(default=False)
    reason = serializers.CharField(default="", allow_blank=True, max_length=5000)

    def validate(self, data):
        if data["marac"] and not data["reason"].strip():
            raise serializers.ValidationError(
                {"reason": "Give the reason for referring to MARAC on professional judgement."}
            )
        return data


class AnswersField(serializers.DictField):
    """``{"1": "yes", ..., "24": "not_known"}``; missing questions are not known."""

    def __init__(self, **kwargs) -> None:
        super().__init__(child=serializers.CharField(allow_blank=True), **kwargs)


class NewAssessmentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["dash"])
    declined = serializers.BooleanField(
        default=False,
        help_text="True when the person declined the checklist: no answers are sent and no "
        "score is made. Any note goes in narrative.",
    )
    answers = AnswersField(required=False, default=dict)
    details = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    incident_on = serializers.DateField(required=False, allow_null=True, default=None)
    incidents_known_elsewhere_12m = serializers.IntegerField(min_value=0, max_value=500, default=0)
    professional_judgement = ProfessionalJudgementSerializer(required=False)
    children = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    perpetrators = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The people using harm, for the repeat criterion. Left out: those named on "
        "the person's incidents of the incident date.",
    )

    def validate(self, data):
        answered = any(value not in (None, "") for value in data["answers"].values())
        if data["declined"] and answered:
            raise serializers.ValidationError(
                {"declined": "A declined checklist has no answers: send one or the other."}
            )
        return data


class AssessmentSerializer(serializers.ModelSerializer):
    marac_criteria = serializers.ListField(source="criteria", child=serializers.CharField())
    assessed_by = serializers.StringRelatedField()
    agency = serializers.StringRelatedField()

    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "kind",
            "assessed_at",
            "assessed_by",
            "agency",
            "incident_on",
            "yes_count",
            "risk_level",
            "marac_criteria",
            "marac_eligible",
            "declined",
            "questions_not_asked",
        ]


class PersonRiskAssessments(GenericAPIView):
    """List a person's risk assessments, or record a new one."""

    permission_by_method = {"GET": Permission.VIEW_PERSON, "POST": Permission.ASSESS_RISK}
    serializer_class = AssessmentSerializer

    @property
    def required_permission(self) -> Permission:
        return self.permission_by_method.get(self.request.method, Permission.ASSESS_RISK)

    @extend_schema(responses={200: AssessmentSerializer(many=True)})
    def get(self, request: Request, person_id: int) -> Response:
        person, _ = get_person_for_user(request, person_id)
        assessments = person.risk_assessments.select_related("assessed_by", "agency")
        audit.record(
            action=AuditAction.VIEW, request=request, obj=person, fields=["risk_assessments"]
        )
        return Response(AssessmentSerializer(assessments, many=True).data)

    @extend_schema(request=NewAssessmentSerializer, responses={201: AssessmentSerializer})
    def post(self, request: Request, person_id: int) -> Response:
        person, _ = get_person_for_user(request, person_id, need=FULL)
        given = NewAssessmentSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        judgement = data.get("professional_judgement") or {"marac": False, "reason": ""}
        children = list(visible_persons(request.user).filter(pk__in=data["children"]))
        if len(children) != len(set(data["children"])):
            return Response(
                {"children": ["Every child must be a person you can see."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        perpetrators = None
        if data["perpetrators"] is not None:
            perpetrators = list(visible_persons(request.user).filter(pk__in=data["perpetrators"]))
            if len(perpetrators) != len(set(data["perpetrators"])):
                return Response(
                    {"perpetrators": ["Every person using harm must be a person you can see."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        try:
            details = {int(k): v for k, v in data["details"].items()}
        except ValueError:
            return Response(
                {"details": ["Question numbers are whole numbers from 1 to 24."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if data["declined"]:
            assessment = actions.record_declined_dash(
                person=person, note=data["narrative"], by=request.user, request=request
            )
            return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)
        try:
            assessment = actions.assess_dash(
                person=person,
                answers=data["answers"],
                details=details,
                narrative=data["narrative"],
                incident_on=data["incident_on"],
                incidents_known_elsewhere_12m=data["incidents_known_elsewhere_12m"],
                judgement_refer=judgement["marac"],
                judgement_reason=judgement["reason"],
                children=children,
                perpetrators=perpetrators,
                by=request.user,
                request=request,
            )
        except AnswerError as error:
            return Response({"answers": error.problems}, status=status.HTTP_400_BAD_REQUEST)
        except NothingAnswered as error:
            return Response({"answers": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        except JudgementError as error:
            return Response(
                {"professional_judgement": {"reason": [str(error)]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except ValueError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)
