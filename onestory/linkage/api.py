"""The linkage API, read only: the agency records linked to a person, and the review
queue's counts. The same access as the pages (``onestory.linkage.access``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import read_query
from onestory.linkage import access
from onestory.linkage.models import LinkStatus
from onestory.linkage.standard import Source


class LinkedRecordsQuery(serializers.Serializer):
    source = serializers.ChoiceField(
        choices=sorted(Source.ALL), required=False, help_text="only this kind of source"
    )


class EventSerializer(serializers.Serializer):
    event_id = serializers.CharField()
    event_date = serializers.DateField()
    event_kind = serializers.CharField()
    role = serializers.CharField(help_text="victim, using_harm, child or other")


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="confirmed or rejected")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()
    match_probability = serializers.FloatField()


class LinkedRecordSerializer(serializers.Serializer):
    source = serializers.CharField(source="record.extract.source")
    supplier = serializers.CharField(source="record.extract.supplier")
    record_id = serializers.CharField(source="record.record_id")
    given_name = serializers.CharField(source="record.given_name")
    family_name = serializers.CharField(source="record.family_name")
    other_names = serializers.CharField(source="record.other_names")
    date_of_birth = serializers.CharField(
        source="record.date_of_birth", help_text="YYYY-MM-DD, YYYY-MM or YYYY; blank if unknown"
    )
    sex = serializers.CharField(source="record.sex")
    nhs_number = serializers.CharField(source="record.nhs_number")
    location_shown = serializers.BooleanField(
        help_text="false: postcode, address and phone are withheld (blank)"
    )
    postcode = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    events = EventSerializer(many=True)
    link = DecisionSerializer(allow_null=True, help_text="the confirmed pair that joined it")


class PersonLinksSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    records = LinkedRecordSerializer(many=True)
    decisions = DecisionSerializer(many=True)


class PersonLinkedRecords(GenericAPIView):
    """The agency records confirmed links join to a person, and the decisions on them."""

    required_permission = Permission.VIEW_PERSON
    serializer_class = PersonLinksSerializer

    @extend_schema(parameters=[LinkedRecordsQuery], responses={200: PersonLinksSerializer})
    def get(self, request: Request, person_id: int) -> Response:
        query = read_query(request, LinkedRecordsQuery)
        found = access.linked_records_for_user(request, person_id, source=query.get("source"))
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=found.person,
            fields=found.fields,
            reason=f"linked agency records: {len(found.records)}",
        )
        return Response(PersonLinksSerializer(found).data)


class QueueCountsSerializer(serializers.Serializer):
    suggested = serializers.IntegerField(help_text="pairs waiting for a decision")
    confirmed = serializers.IntegerField()
    rejected = serializers.IntegerField()
    model_version = serializers.IntegerField(
        allow_null=True, help_text="the agency's latest linkage model"
    )


class QueueCounts(GenericAPIView):
    """How many pairs the agency's review queue holds, by decision."""

    required_permission = Permission.MERGE_PERSONS
    serializer_class = QueueCountsSerializer

    @extend_schema(responses={200: QueueCountsSerializer})
    def get(self, request: Request) -> Response:
        counts = access.queue_counts(request.user)
        model = access.current_model(request.user)
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            reason="linkage review queue counts",
        )
        return Response(
            QueueCountsSerializer(
                {
                    "suggested": counts[LinkStatus.SUGGESTED],
                    "confirmed": counts[LinkStatus.CONFIRMED],
                    "rejected": counts[LinkStatus.REJECTED],
                    "model_version": model.version if model else None,
                }
            ).data
        )
