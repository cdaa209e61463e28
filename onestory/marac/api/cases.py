"""The MARAC API for referrals, meetings and agendas."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.access.policy import FULL, get_person_for_user, refuse, visible_persons
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import TextField, read_query
from onestory.marac import actions, queries
from onestory.marac.access import get_meeting_for_user, visible_maracs
from onestory.marac.models import Marac, Meeting


def refused(error: DjangoValidationError) -> Response:
    """An action's refusal as a 400 with a message for each field."""
    return Response(
        {name: [f"{m}." for m in messages] for name, messages in error.message_dict.items()},
        status=status.HTTP_400_BAD_REQUEST,
    )


# --- Referrals -------------------------------------------------------------------------------


class MeetingsQuery(serializers.Serializer):
    since = serializers.DateField(
        required=False, help_text="A date, YYYY-MM-DD; 90 days ago when left out."
    )


class MaracJudgementSerializer(serializers.Serializer):
    refer = serializers.BooleanField(default=False)
    reason = TextField(default="", allow_blank=True, max_length=5000)


class MaracNewReferralSerializer(serializers.Serializer):
    marac = serializers.IntegerField(help_text="The MARAC's id.")
    victim = serializers.IntegerField(help_text="The person referred (a person you may see).")
    perpetrators = serializers.ListField(child=serializers.IntegerField(), default=list)
    children = serializers.ListField(child=serializers.IntegerField(), default=list)
    children_in_household = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=30,
        help_text="How many children live in the household, including any without a record "
        "here; leave out when not known.",
    )
    reason = TextField(allow_blank=True, max_length=20_000, default="")
    professional_judgement = MaracJudgementSerializer(required=False)


class MaracReferralReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    referred_on = serializers.DateField()
    criteria = serializers.ListField(child=serializers.CharField())
    repeat_of = serializers.IntegerField(source="repeat_of_id", allow_null=True)
    risk_assessed_on = serializers.DateField(
        allow_null=True, help_text="The date of the risk assessment the referral relies on."
    )
    assessment_current = serializers.BooleanField(
        help_text="False when that assessment was too old to rely on alone."
    )


class ReferralCreate(GenericAPIView):
    """Refer a victim to a MARAC, with the people using harm and the children."""

    required_permission = Permission.REFER_TO_MARAC
    serializer_class = MaracNewReferralSerializer

    @extend_schema(
        request=MaracNewReferralSerializer,
        responses={
            201: MaracReferralReceiptSerializer,
            400: OpenApiResponse(description="A message for each field that needs changing."),
            404: OpenApiResponse(description="No such person that you may see."),
        },
    )
    def post(self, request: Request) -> Response:
        given = MaracNewReferralSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        victim, _ = get_person_for_user(request, data["victim"], need=FULL)
        seen = visible_persons(request.user)
        people = {}
        for name in ("perpetrators", "children"):
            wanted = set(data[name])
            people[name] = list(seen.filter(pk__in=wanted))
            if len(people[name]) != len(wanted):
                return Response(
                    {name: ["Every person listed must be a person you can see."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        judgement = data.get("professional_judgement") or {"refer": False, "reason": ""}
        marac = Marac.objects.filter(pk=data["marac"]).first()
        try:
            referral = actions.refer_to_marac(
                marac=marac,
                victim=victim,
                perpetrators=people["perpetrators"],
                children=people["children"],
                children_in_household=data["children_in_household"],
                reason=data["reason"],
                judgement=judgement["refer"],
                judgement_reason=judgement["reason"],
                by=request.user,
                request=request,
            )
        except DjangoValidationError as error:
            return refused(error)
        return Response(
            MaracReferralReceiptSerializer(
                {
                    "id": referral.pk,
                    "status": referral.status,
                    "referred_on": referral.referred_on,
                    "criteria": referral.criteria,
                    "repeat_of_id": referral.repeat_of_id,
                    "risk_assessed_on": (
                        timezone.localdate(referral.risk_assessment.assessed_at)
                        if referral.risk_assessment
                        else None
                    ),
                    "assessment_current": referral.assessment_current,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- Meetings and agendas --------------------------------------------------------------------


class MaracMeetingSerializer(serializers.ModelSerializer):
    marac = serializers.SerializerMethodField()
    cases = serializers.IntegerField()

    class Meta:
        model = Meeting
        fields = ["id", "marac", "meets_on", "starts_at", "venue", "status", "cases"]

    def get_marac(self, meeting: Meeting) -> dict:
        return {"id": meeting.marac_id, "name": meeting.marac.name}


class MeetingList(GenericAPIView):
    """Meetings of the MARACs you coordinate or whose member agency you represent, from
    ``since`` (default: 90 days ago). Anyone else is given an empty list."""

    required_permission = Permission.USE_API
    serializer_class = MaracMeetingSerializer

    @extend_schema(parameters=[MeetingsQuery], responses={200: MaracMeetingSerializer(many=True)})
    def get(self, request: Request) -> Response:
        query = read_query(request, MeetingsQuery)
        start = query.get("since") or timezone.localdate() - timedelta(90)
        meetings = (
            Meeting.objects.filter(marac__in=visible_maracs(request.user), meets_on__gte=start)
            .select_related("marac")
            .annotate(cases=Count("items"))
            .order_by("meets_on", "starts_at")[:200]
        )
        return Response(MaracMeetingSerializer(meetings, many=True).data)


class MaracAgendaItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    referral = serializers.IntegerField()
    victim = serializers.DictField()
    perpetrators = serializers.ListField(child=serializers.DictField())
    children = serializers.IntegerField(help_text="How many children are in the household.")
    referring_agency = serializers.CharField()
    criteria = serializers.ListField(child=serializers.CharField())
    repeat = serializers.BooleanField()
    discussed = serializers.BooleanField()
    research_added_by_your_agency = serializers.BooleanField()


def _person(person) -> dict:
    return {"id": person.pk, "display_name": person.display_name}


class MeetingAgenda(GenericAPIView):
    """A meeting's agenda, for a representative of one of the MARAC's member agencies to
    research. Cases closed at MARAC are not shown."""

    required_permission = Permission.REPRESENT_AT_MARAC
    serializer_class = MaracAgendaItemSerializer

    @extend_schema(responses={200: MaracAgendaItemSerializer(many=True)})
    def get(self, request: Request, marac_meeting_id: int) -> Response:
        meeting, role = get_meeting_for_user(request, marac_meeting_id)
        if not role.member:
            refuse(request, obj=meeting, reason="only a member agency reads the agenda")
        items = [i for i in queries.agenda(meeting) if i.referral.status == "listed"]
        agency_id = request.user.agency_id
        body = [
            {
                "position": item.position,
                "referral": item.referral_id,
                "victim": _person(item.referral.victim),
                "perpetrators": [_person(p) for p in item.referral.perpetrators.all()],
                "children": len(item.referral.children.all()),
                "referring_agency": item.referral.referring_agency.name,
                "criteria": item.referral.criteria,
                "repeat": item.referral.repeat,
                "discussed": item.is_discussed,
                "research_added_by_your_agency": any(
                    r.agency_id == agency_id for r in item.research.all()
                ),
            }
            for item in items
        ]
        for item in items:
            audit.record(
                action=AuditAction.VIEW,
                request=request,
                obj=item,
                person_id=item.referral.victim_id,
                fields=["victim", "perpetrators", "children", "criteria"],
            )
        return Response(MaracAgendaItemSerializer(body, many=True).data)
