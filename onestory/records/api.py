"""The persons API. Every fetch goes through the access policy; fields are filtered by it."""

from __future__ import annotations

from django.core.exceptions import ValidationError as ModelValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.access.search import find_candidates
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import TextField
from onestory.people.actions import DETAIL_ORDER, create_person
from onestory.people.dates import parse_iso
from onestory.people.models import GenderIdentity, Involvement, Person, Sex
from onestory.people.validators import is_valid_nhs_number, normalise_postcode


class PersonSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    owning_agency = serializers.StringRelatedField()

    class Meta:
        model = Person
        # The person's details as workers set them, plus who holds the record.
        fields = ["id", "display_name", *DETAIL_ORDER, "owning_agency", "merged_into"]


def restrict_to(data: dict, visible: set[str]) -> dict:
    """Drop every field the grant does not allow; derived fields follow their sources."""
    derived = {"display_name": {"given_name", "family_name"}}
    return {
        key: value
        for key, value in data.items()
        if key in visible or (key in derived and derived[key] <= visible)
    }


class PersonDetail(GenericAPIView):
    required_permission = Permission.VIEW_PERSON
    serializer_class = PersonSerializer

    def get(self, request: Request, person_id: int) -> Response:
        person, grant = get_person_for_user(request, person_id)
        visible = grant.visible_fields(Person)
        audit.record(action=AuditAction.VIEW, request=request, obj=person, fields=visible)
        return Response(restrict_to(PersonSerializer(person).data, visible))


class NewPersonSerializer(serializers.Serializer):
    """A new person, held by the sender's agency. Search first: nothing is ever merged."""

    # Lengths are checked before the spaces are trimmed, so that what the schema refuses is
    # refused here too; the validators below trim them.
    given_name = TextField(max_length=100, trim_whitespace=False)
    family_name = TextField(max_length=100, required=False, allow_blank=True, trim_whitespace=False)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    birth_year_estimate = serializers.IntegerField(
        required=False, allow_null=True, min_value=1850, max_value=2200
    )
    involvement = serializers.ChoiceField(choices=Involvement.choices, required=False)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    gender_identity = serializers.ChoiceField(
        choices=GenderIdentity.choices, required=False, allow_blank=True
    )
    first_language = TextField(
        max_length=60, required=False, allow_blank=True, trim_whitespace=False
    )
    interpreter_needed = serializers.BooleanField(required=False)

    def validate_given_name(self, value: str) -> str:
        if not value.strip():
            raise ValidationError("Enter their first name, or the name they use.")
        return value.strip()

    def validate_family_name(self, value: str) -> str:
        return value.strip()

    def validate_first_language(self, value: str) -> str:
        return value.strip()


class PersonCreate(GenericAPIView):
    """Record a new person, held by the sender's agency."""

    required_permission = Permission.EDIT_PERSON
    serializer_class = NewPersonSerializer

    @extend_schema(
        request=NewPersonSerializer,
        responses={
            201: PersonSerializer,
            400: OpenApiResponse(description="A message for each field that needs changing."),
        },
    )
    def post(self, request: Request) -> Response:
        given = NewPersonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        details = dict(given.validated_data)
        try:
            person = create_person(by=request.user, owning_agency=request.user.agency, **details)
        except ModelValidationError as refused:
            return Response(refused.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="person.pk")
    display_name = serializers.CharField(source="person.display_name")
    date_of_birth = serializers.DateField(source="person.date_of_birth", allow_null=True)
    score = serializers.FloatField(help_text="How well the person matches, from 0 to 1.")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Why the person matched, in plain words."
    )


class PersonSearch(GenericAPIView):
    """Persons the caller may see who may be the person described, best match first.

    Short forms of given names, other spellings, hyphenated and previous family names, and a
    day and month given the wrong way round are all found. Location-secret details are never
    returned, and only count towards a match for callers who may see them.
    """

    required_permission = Permission.SEARCH_PERSONS
    serializer_class = CandidateSerializer
    pagination_class = None
    MAX_LIMIT = 50

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True, description="The name as given."),
            OpenApiParameter(
                "date_of_birth",
                str,
                description="YYYY-MM-DD; or YYYY-MM or YYYY when only part is known.",
            ),
            OpenApiParameter("postcode", str, description="A full postcode or its first part."),
            OpenApiParameter("nhs_number", str, description="10 digits."),
            OpenApiParameter("limit", int, description="At most this many (1 to 50; 10)."),
        ],
        responses=CandidateSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        errors: dict[str, str] = {}
        name = params.get("name", "").strip()
        if not name:
            errors["name"] = "Give a name to search for, like ?name=Jane Smith."
        elif len(name) > 200:
            errors["name"] = "The name is too long: use at most 200 characters."
        date_of_birth = None
        if params.get("date_of_birth", "").strip():
            try:
                date_of_birth = parse_iso(params["date_of_birth"])
            except ValueError as error:
                errors["date_of_birth"] = str(error)
        postcode = params.get("postcode", "").strip()
        if postcode and not normalise_postcode(postcode):
            errors["postcode"] = "Give a UK postcode, like NE1 4XY, or its first part, like NE1."
        nhs_number = params.get("nhs_number", "").strip()
        if nhs_number and not is_valid_nhs_number(nhs_number):
            errors["nhs_number"] = "This is not a valid NHS number."
        limit = params.get("limit", "10")
        if not limit.isdigit() or not 1 <= int(limit) <= self.MAX_LIMIT:
            errors["limit"] = f"Give a limit from 1 to {self.MAX_LIMIT}."
        if errors:
            raise ValidationError(errors)
        candidates = find_candidates(
            request.user,
            name=name,
            date_of_birth=date_of_birth,
            postcode=postcode,
            nhs_number=nhs_number,
            limit=int(limit),
            request=request,
        )
        return Response(CandidateSerializer(candidates, many=True).data)
