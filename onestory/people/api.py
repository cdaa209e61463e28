"""The persons API. Every fetch goes through the access policy; fields are filtered by it."""

from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory.access import audit
from onestory.access.models import AuditAction
from onestory.access.policy import get_person_for_user
from onestory.accounts.roles import Permission
from onestory.people.models import Person


class PersonSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    owning_agency = serializers.StringRelatedField()

    class Meta:
        model = Person
        fields = [
            "id",
            "display_name",
            "given_name",
            "family_name",
            "date_of_birth",
            "owning_agency",
        ]


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
