"""Referrals from partner systems: ``POST /api/v1/referrals/``.

The same rules as the forms apply; a refusal is a 400 with a message for each field. A
partner may send its own ``submission_token`` so that sending the same referral twice
(after a lost answer, say) makes one referral: the second answer is 200 with the first's
reference.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory.access.policy import get_person_for_user, refuse, visible_persons
from onestory.accounts.models import Area
from onestory.accounts.roles import Permission
from onestory.core.api_query import TextField
from onestory.intake import actions, carry_over, rules
from onestory.intake.access import get_referral_for_user
from onestory.intake.actions import NoFrontDoor, consent_answers, submit_referral
from onestory.intake.choices import (
    Channel,
    Gender,
    ProfessionalKind,
    Service,
    Source,
    Urgency,
    YesNoUnknown,
)
from onestory.intake.models import Referral

YES_NO_FIELDS = ("safe_to_call", "safe_to_email")


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return TextField(max_length=max_length, required=False, allow_blank=True, **kwargs)


class ChildSerializer(serializers.Serializer):
    name = TextField(max_length=100)
    age = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=rules.OLDEST_CHILD
    )

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Enter the child's name.")
        return value.strip()


class ReferralSubmissionSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=Source.choices)
    given_name = serializers.CharField(
        max_length=100,
        error_messages={
            "required": "Enter the person's first name, or the name they use.",
            "blank": "Enter the person's first name, or the name they use.",
        },
    )
    family_name = _text(100)
    other_names = _text(200)
    date_of_birth = serializers.DateField(
        required=False,
        allow_null=True,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD, like 1985-03-27."},
    )
    approximate_age = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=rules.OLDEST_AGE
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    area = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Area.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "No area has the code {value}."},
    )
    postcode = _text(10)
    children_in_household = serializers.ChoiceField(
        choices=YesNoUnknown.choices, required=False, default=YesNoUnknown.NOT_KNOWN
    )
    children_count = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=30
    )
    children = serializers.ListField(
        child=ChildSerializer(),
        required=False,
        default=list,
        max_length=rules.MOST_CHILDREN_NAMED,
        help_text="The children who live with them, by name, with their age when known.",
    )
    interpreter_needed = serializers.BooleanField(required=False, default=False)
    interpreter_language = _text(100)
    story = _text(10_000)
    phone = _text(30)
    safe_to_call = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Required when phone is given."
    )
    safe_times = _text(300)
    voicemail_allowed = serializers.BooleanField(required=False, default=False)
    safe_to_text = serializers.BooleanField(required=False, default=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    safe_to_email = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Required when email is given."
    )
    safe_word = _text(100)
    contact_only_through_professional = serializers.BooleanField(required=False, default=False)
    professional_contact = _text(300)
    consent = serializers.ListField(
        child=serializers.ChoiceField(choices=Service.choices),
        required=False,
        default=list,
        help_text="The kinds of service the person agreed their details may be shared with.",
    )
    referrer_name = _text(200)
    referrer_relationship = _text(100)
    referrer_agency = _text(200)
    referrer_agency_kind = serializers.ChoiceField(
        choices=ProfessionalKind.choices, required=False, allow_blank=True
    )
    referrer_role = _text(200)
    referrer_phone = _text(30)
    referrer_email = serializers.EmailField(required=False, allow_blank=True)
    urgency = serializers.ChoiceField(
        choices=Urgency.choices, required=False, default=Urgency.STANDARD
    )
    submission_token = serializers.RegexField(
        r"^[A-Za-z0-9_-]{8,40}$",
        required=False,
        error_messages={"invalid": "Use 8 to 40 letters, digits, hyphens or underscores."},
        help_text="Your own id for this referral; sending it again makes no second referral.",
    )

    def validate_postcode(self, value: str) -> str:
        if not value.strip():
            return ""
        postcode = rules.normalise_postcode(value)
        if postcode is None:
            raise serializers.ValidationError("Enter a real UK postcode, like NE1 4AB.")
        return postcode

    def validate_date_of_birth(self, value):
        if value is not None:
            problem = rules.date_of_birth_problem(value, timezone.localdate())
            if problem:
                raise serializers.ValidationError(f"{problem}.")
        return value

    def validate(self, attrs: dict) -> dict:
        values = {**attrs, **consent_answers(attrs.get("consent", []))}
        problems = rules.referral_problems(values, today=timezone.localdate())
        if problems:
            raise serializers.ValidationError({key: [f"{text}."] for key, text in problems.items()})
        return attrs


class ReferralReceiptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = ["id", "reference", "received_at", "status"]


class ReferralCreate(GenericAPIView):
    """Send a referral to the partnership's front door."""

    required_permission = Permission.TAKE_REFERRAL
    serializer_class = ReferralSubmissionSerializer

    @extend_schema(
        request=ReferralSubmissionSerializer,
        responses={
            201: ReferralReceiptSerializer,
            200: OpenApiResponse(ReferralReceiptSerializer, "Already received with this token."),
            400: OpenApiResponse(description="A message for each field that needs changing."),
            503: OpenApiResponse(description="The partnership has no front door set up."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        token = data.pop("submission_token", "")
        # Each sender's tokens are kept apart, so no one can find another's referral by guessing.
        stored = f"api:{request.user.pk}:{token}" if token else None
        if stored:
            existing = Referral.objects.filter(submission_token=stored).first()
            if existing is not None:
                return Response(ReferralReceiptSerializer(existing).data, status=status.HTTP_200_OK)
        consent = consent_answers(data.pop("consent", []))
        answers = {**data, **consent}
        answers["children"] = [dict(child) for child in answers.get("children", [])]
        for name in YES_NO_FIELDS:
            answers[name] = bool(answers.get(name))
        try:
            referral = submit_referral(
                by=request.user,
                channel=Channel.PARTNER_SYSTEM,
                request=request,
                submission_token=stored,
                **answers,
            )
        except NoFrontDoor as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(ReferralReceiptSerializer(referral).data, status=status.HTTP_201_CREATED)


class DifferenceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Name it in ``take`` to take the detail.")
    label = serializers.CharField()
    referral = serializers.CharField(help_text="What the referral says.")
    record = serializers.CharField(help_text="What the record holds; empty when nothing.")
    state = serializers.ChoiceField(choices=[state.value for state in carry_over.State])


class LinkPersonSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The person already known; leave out (or null) to create a new person "
        "from everything the referral holds.",
    )
    take = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text="For a person already known: the details to take onto their record, "
        "by key (see GET). Details the record already holds are left as they are.",
    )


class LinkedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    person = serializers.IntegerField()
    created = serializers.BooleanField()


def _differences(request, referral, referral_grant, person) -> list[dict]:
    person_grant = get_person_for_user(request, person.pk)[1]
    location = referral_grant.location and person_grant.location
    found = carry_over.offers(referral, today=timezone.localdate())
    return [
        {
            "key": d.key,
            "label": d.offer.label,
            "referral": d.offer.text,
            "record": d.held,
            "state": d.state.value,
        }
        for d in carry_over.compare(found, carry_over.held_by(person))
        if location or not d.offer.location_secret
    ]


class ReferralPerson(GenericAPIView):
    """The person a front-door referral is about: compare with a known person, or link one.

    ``GET ?person=ID`` sets each detail the referral holds beside that person's record.
    ``POST`` links the referral: to a new person made from everything it holds, or to a
    person already known, taking the details named in ``take``.
    """

    required_permission = Permission.TRIAGE
    serializer_class = LinkPersonSerializer

    @extend_schema(
        parameters=[OpenApiParameter("person", int, required=True)],
        responses={200: DifferenceSerializer(many=True)},
    )
    def get(self, request: Request, referral_id: int) -> Response:
        referral, referral_grant = get_referral_for_user(request, referral_id)
        chosen = request.query_params.get("person", "")
        if not chosen.isdigit() or len(chosen) > 18:
            return Response(
                {"person": ["Give the person to compare with, by number."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        person, _ = get_person_for_user(request, int(chosen))
        return Response(_differences(request, referral, referral_grant, person))

    @extend_schema(
        request=LinkPersonSerializer,
        responses={
            200: LinkedSerializer,
            201: LinkedSerializer,
            400: OpenApiResponse(description="A message for each field that needs changing."),
        },
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, _ = get_referral_for_user(request, referral_id)
        given = LinkPersonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        chosen = given.validated_data.get("person")
        take = given.validated_data.get("take") or []
        if chosen is None:
            if take:
                return Response(
                    {"take": ["A new person takes everything: leave take out."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            person = actions.create_person_for_referral(
                referral=referral, by=request.user, request=request
            )
            body = {"reference": referral.reference, "person": person.pk, "created": True}
            return Response(body, status=status.HTTP_201_CREATED)
        person = visible_persons(request.user).filter(pk=chosen).first()
        if person is None:
            refuse(request, reason=f"person {chosen} not visible")
        try:
            actions.link_person_taking(
                referral=referral, person=person, take=take, by=request.user, request=request
            )
        except ValidationError as refused:
            return Response(refused.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except PermissionDenied:
            refuse(request, person_id=person.pk, reason=f"person {person.pk} not open to this link")
        return Response({"reference": referral.reference, "person": person.pk, "created": False})
