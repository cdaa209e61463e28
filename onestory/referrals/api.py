"""Onward referrals through the API.

- ``POST /api/v1/onward-referrals/``: send one. The same rules as the page apply; a refusal
  is a 400 with a message for each field. Sending the same ``submission_token`` again
  returns the first referral (200) and makes no second one.
- ``POST /api/v1/onward-referrals/{id}/accept|decline|withdraw|complete``: change its
  status. The receiving agency accepts, declines and completes; the sending agency withdraws.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory.access.policy import get_person_for_user
from onestory.accounts.models import User
from onestory.accounts.roles import Permission
from onestory.core.api_query import TextField
from onestory.directory.choices import NEED_CHOICES
from onestory.directory.models import Service
from onestory.intake.access import visible_referrals
from onestory.referrals import actions, transitions
from onestory.referrals.access import get_onward_referral_for_user
from onestory.referrals.choices import Basis, Consent, DeclineReason
from onestory.referrals.models import OnwardReferral


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return TextField(max_length=max_length, required=False, allow_blank=True, default="", **kwargs)


class SendSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    service = TextField(
        max_length=100, help_text="The service's id, as the directory API gives it."
    )
    reason = TextField(max_length=5000)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=NEED_CHOICES), required=False, default=list
    )
    work_done = _text(5000)
    basis = serializers.ChoiceField(choices=Basis.choices)
    basis_reason = _text(5000)
    consent = serializers.ChoiceField(
        choices=Consent.choices, required=False, default=Consent.NOT_ASKED
    )
    consent_note = _text(500)
    front_door_referral = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2**63 - 1
    )
    keep_location_secret = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Text that looks as if it holds an address is refused with 400 unless this "
        "is true; it is then shown only to staff who may know where the person is.",
    )
    submission_token = serializers.RegexField(
        r"^[A-Za-z0-9_-]{8,40}$",
        required=False,
        error_messages={"invalid": "Use 8 to 40 letters, digits, hyphens or underscores."},
        help_text="Your own id for this referral; sending it again makes no second referral.",
    )


class OnwardReferralSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id")
    service = serializers.CharField(source="service.uid")
    service_name = serializers.CharField(source="service.name")
    from_agency = serializers.CharField(source="from_agency.name")
    to_agency = serializers.CharField(source="to_agency.name")
    waiting_seconds = serializers.SerializerMethodField()

    class Meta:
        model = OnwardReferral
        fields = [
            "id",
            "person",
            "service",
            "service_name",
            "from_agency",
            "to_agency",
            "status",
            "basis",
            "consent",
            "needs",
            "location_secret",
            "sent_at",
            "accepted_at",
            "waiting_seconds",
            "decline_reason",
            "closed_at",
        ]

    def get_waiting_seconds(self, referral: OnwardReferral) -> int | None:
        if referral.waiting_time is None:
            return None
        return int(referral.waiting_time.total_seconds())


def _answer(referral: OnwardReferral, code: int = status.HTTP_200_OK) -> Response:
    referral = OnwardReferral.objects.select_related("service", "from_agency", "to_agency").get(
        pk=referral.pk
    )
    return Response(OnwardReferralSerializer(referral).data, status=code)


class OnwardReferralCreate(GenericAPIView):
    """Refer a person your agency holds to a service in the directory."""

    required_permission = Permission.SHARE_RECORDS
    serializer_class = SendSerializer

    @extend_schema(
        request=SendSerializer,
        responses={
            201: OnwardReferralSerializer,
            200: OpenApiResponse(OnwardReferralSerializer, "Already sent with this token."),
            400: OpenApiResponse(description="A message for each field that needs changing."),
        },
    )
    def post(self, request: Request) -> Response:
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        token = data.pop("submission_token", "")
        stored = f"api:{request.user.pk}:{token}" if token else None
        if stored:
            existing = OnwardReferral.objects.filter(submission_token=stored).first()
            if existing is not None:
                return _answer(existing)
        person, _ = get_person_for_user(request, data.pop("person"))
        service = Service.objects.filter(uid=data.pop("service")).first()
        if service is None:
            return Response(
                {"service": ["No service in the directory has this id."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        front_door = data.pop("front_door_referral")
        referral = None
        if front_door is not None:
            referral = visible_referrals(request.user).filter(pk=front_door).first()
            if referral is None:
                return Response(
                    {"front_door_referral": ["No front-door referral of yours has this id."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        sent = actions.send_onward_referral(
            person=person,
            service=service,
            from_referral=referral,
            submission_token=stored,
            by=request.user,
            request=request,
            **data,
        )
        return _answer(sent, status.HTTP_201_CREATED)


class NoteSerializer(serializers.Serializer):
    note = _text(2000)


class AcceptSerializer(NoteSerializer):
    lead_worker = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2**63 - 1
    )


class DeclineSerializer(NoteSerializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)


class _Change(GenericAPIView):
    serializer_class = NoteSerializer

    def change(self, referral: OnwardReferral, data: dict, request: Request) -> None:
        raise NotImplementedError

    def post(self, request: Request, onward_referral_id: int) -> Response:
        referral, _, _ = get_onward_referral_for_user(request, onward_referral_id)
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        self.change(referral, dict(given.validated_data), request)
        return _answer(referral)


def _schema(serializer):
    return extend_schema(
        request=serializer,
        responses={
            200: OnwardReferralSerializer,
            400: OpenApiResponse(description="Why the change cannot be made now."),
            403: OpenApiResponse(description="The change is for the other agency to make."),
        },
    )


class OnwardReferralAccept(_Change):
    """The receiving agency takes the person on; the waiting time is recorded."""

    required_permission = Permission.TAKE_REFERRAL
    serializer_class = AcceptSerializer

    def change(self, referral, data, request) -> None:
        lead = None
        if data["lead_worker"] is not None:
            lead = User.objects.filter(
                pk=data["lead_worker"], agency_id=request.user.agency_id
            ).first()
            if lead is None:
                raise serializers.ValidationError(
                    {"lead_worker": ["Choose a worker from your own agency."]}
                )
        transitions.accept_onward_referral(
            onward_referral=referral,
            lead_worker=lead,
            note=data["note"],
            by=request.user,
            request=request,
        )

    @_schema(AcceptSerializer)
    def post(self, request: Request, onward_referral_id: int) -> Response:
        return super().post(request, onward_referral_id)


class OnwardReferralDecline(_Change):
    """The receiving agency cannot take the person on; the share ends."""

    required_permission = Permission.TAKE_REFERRAL
    serializer_class = DeclineSerializer

    def change(self, referral, data, request) -> None:
        transitions.decline_onward_referral(
            onward_referral=referral,
            reason=data["reason"],
            note=data["note"],
            by=request.user,
            request=request,
        )

    @_schema(DeclineSerializer)
    def post(self, request: Request, onward_referral_id: int) -> Response:
        return super().post(request, onward_referral_id)


class OnwardReferralWithdraw(_Change):
    """The sending agency takes the referral back; the share ends. A note is required."""

    required_permission = Permission.SHARE_RECORDS

    def change(self, referral, data, request) -> None:
        transitions.withdraw_onward_referral(
            onward_referral=referral, note=data["note"], by=request.user, request=request
        )

    @_schema(NoteSerializer)
    def post(self, request: Request, onward_referral_id: int) -> Response:
        return super().post(request, onward_referral_id)


class OnwardReferralComplete(_Change):
    """The receiving agency has finished the work the referral asked for."""

    required_permission = Permission.TAKE_REFERRAL

    def change(self, referral, data, request) -> None:
        transitions.complete_onward_referral(
            onward_referral=referral, note=data["note"], by=request.user, request=request
        )

    @_schema(NoteSerializer)
    def post(self, request: Request, onward_referral_id: int) -> Response:
        return super().post(request, onward_referral_id)
