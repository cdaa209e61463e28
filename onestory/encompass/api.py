"""The Operation Encompass API: school notices, as the pages show them.

- ``GET marac/encompass/notices/``: the notices your agency may see, a page at a time: the
  ones it prepared, or, for a school's safeguarding lead, its school's.
- ``GET marac/encompass/notices/{id}``: one notice.
- ``POST marac/encompass/notices/{id}/received``: the school confirms it has the notice.
- ``POST marac/encompass/notices/{id}/sent``: record that it went to the school's
  designated safeguarding lead; only the agency that prepared it does this.

Who sees what is decided in ``onestory.encompass.access``, as for the pages. A notice
carries what the school is told (``encompass.notice.notice_content``: the police reference,
the date and time, the brief circumstances, and the child's name and date of birth), which
school it is for and where its sending stands: never an address, nor anyone's contact
details, nor the victim.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.api_query import read_query
from onestory.encompass import actions, rules
from onestory.encompass.access import (
    get_notice_for_user,
    may_record_sending,
    reads_as_school,
    visible_notices,
)
from onestory.encompass.models import EncompassNotice, SendMethod
from onestory.encompass.notice import NOTICE_FIELDS, notice_content
from onestory.marac.api.cases import refused

LARGEST_PAGE = 200
TO_SEND = "to_send"
SENT = "sent"

# What the list and the notice say they showed, for the audit log (as the pages do).
LISTED_FIELDS = ["child", "school", "police_reference", "due_at", "sent_at"]
SHOWN_FIELDS = ["school", "dsl_name", "sent_at", *NOTICE_FIELDS]


class EncompassSchoolSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class EncompassNoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    school = EncompassSchoolSerializer()
    due_at = serializers.DateTimeField(
        help_text="The school must have it by then: 08:30 on its next school day after the "
        "incident."
    )
    status = serializers.ChoiceField(choices=list(rules.STATUS_LABELS))
    recorded_late = serializers.BooleanField(
        help_text="The notification was recorded only after the notice was due."
    )
    police_reference = serializers.CharField()
    occurred_at = serializers.DateTimeField(help_text="When the incident happened.")
    circumstances = serializers.CharField(help_text="The brief circumstances, for the school.")
    child_name = serializers.CharField()
    child_date_of_birth = serializers.DateField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    method = serializers.ChoiceField(
        choices=SendMethod.choices, allow_blank=True, help_text="Empty until sent."
    )
    dsl_name = serializers.CharField(
        help_text="The designated safeguarding lead who was told; empty until sent."
    )
    received_at = serializers.DateTimeField(
        allow_null=True, help_text="When the school confirmed it had the notice, if it has."
    )


def _body(notice: EncompassNotice, now) -> dict:
    """A notice as the API gives it: what the school is told, and nothing more."""
    content = notice_content(notice)
    return {
        "id": notice.pk,
        "school": {"id": notice.school_id, "name": notice.school.name},
        "due_at": notice.due_at,
        "status": rules.notice_status(due_at=notice.due_at, sent_at=notice.sent_at, now=now),
        "recorded_late": notice.recorded_late,
        **{name: getattr(content, name) for name in NOTICE_FIELDS},
        "sent_at": notice.sent_at,
        "method": notice.method,
        "dsl_name": notice.dsl_name,
        "received_at": notice.acknowledged_at,
    }


def _answer(notice: EncompassNotice) -> Response:
    return Response(EncompassNoticeSerializer(_body(notice, timezone.now())).data)


class NoticeQuerySerializer(serializers.Serializer):
    show = serializers.ChoiceField(
        choices=[(TO_SEND, "Still to send"), (SENT, "Sent")],
        required=False,
        default=TO_SEND,
        help_text="to_send (soonest due first) or sent (latest first).",
    )
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=100_000)
    per_page = serializers.IntegerField(
        required=False, default=50, min_value=1, max_value=LARGEST_PAGE
    )


class NoticeList(GenericAPIView):
    """The school notices your agency may see: those it prepared, or, at a school's agency,
    the school's own. Still to send (soonest due first) or sent (latest first), a page at a
    time; a page past the last is empty."""

    required_permission = Permission.READ_SCHOOL_NOTICES
    serializer_class = EncompassNoticeSerializer

    @extend_schema(
        parameters=[NoticeQuerySerializer],
        responses={200: EncompassNoticeSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, NoticeQuerySerializer)
        show, size, number = (query[k] for k in ("show", "per_page", "page"))
        found = visible_notices(request.user).select_related("notification", "child", "school")
        if show == SENT:
            found = found.filter(sent_at__isnull=False).order_by("-sent_at", "-id")
        else:
            found = found.filter(sent_at__isnull=True).order_by("due_at", "id")
        chosen = list(found[(number - 1) * size : number * size])
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            fields=LISTED_FIELDS,
            reason=f"school notices ({show.replace('_', ' ')}): {len(chosen)} listed",
        )
        now = timezone.now()
        return Response(EncompassNoticeSerializer([_body(n, now) for n in chosen], many=True).data)


class NoticeDetail(GenericAPIView):
    """One school notice your agency may see."""

    required_permission = Permission.READ_SCHOOL_NOTICES
    serializer_class = EncompassNoticeSerializer

    @extend_schema(
        responses={
            200: EncompassNoticeSerializer,
            404: OpenApiResponse(description="No such notice that you may see."),
        }
    )
    def get(self, request: Request, encompass_notice_id: int) -> Response:
        notice = get_notice_for_user(request, encompass_notice_id)
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=notice,
            person_id=notice.child_id,
            fields=SHOWN_FIELDS,
        )
        return _answer(notice)


class SendingSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=SendMethod.choices)
    dsl_name = serializers.CharField(
        max_length=200, help_text="The name of the designated safeguarding lead you told."
    )
    sent_at = serializers.DateTimeField(
        required=False,
        help_text="When it was sent, with its time zone; now if not given.",
    )


class NoticeSent(GenericAPIView):
    """Record that a notice went to the school's designated safeguarding lead, by secure
    email or by phone. Only the agency that prepared the notice records this, once."""

    required_permission = Permission.RECORD_POLICE_NOTIFICATIONS
    serializer_class = SendingSerializer

    @extend_schema(
        request=SendingSerializer,
        responses={
            200: EncompassNoticeSerializer,
            400: OpenApiResponse(description="A message for each answer that needs changing."),
            403: OpenApiResponse(description="Only the agency that prepared it records this."),
            404: OpenApiResponse(description="No such notice that you may see."),
        },
    )
    def post(self, request: Request, encompass_notice_id: int) -> Response:
        notice = get_notice_for_user(request, encompass_notice_id)
        given = SendingSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if not may_record_sending(request.user, notice):
            audit.record(
                action=AuditAction.REFUSED,
                request=request,
                obj=notice,
                person_id=notice.child_id,
                reason="only the agency that prepared a school notice records its sending",
            )
            return Response(
                {"detail": "Only the agency that prepared this notice records its sending."},
                status=status.HTTP_403_FORBIDDEN,
            )
        data = given.validated_data
        try:
            sent = actions.record_sending(
                notice=notice,
                method=data["method"],
                dsl_name=data["dsl_name"],
                sent_at=data.get("sent_at") or timezone.now(),
                by=request.user,
                request=request,
            )
        except DjangoValidationError as error:
            return refused(error)
        return _answer(
            EncompassNotice.objects.select_related("notification", "child", "school").get(
                pk=sent.pk
            )
        )


class NoticeReceived(GenericAPIView):
    """The school confirms it has a notice (a school's own system may do this for its
    designated safeguarding lead). Only the school the notice is for confirms it; a second
    confirmation keeps the first. The sender sees ``received_at``."""

    required_permission = Permission.READ_SCHOOL_NOTICES

    @extend_schema(
        request=None,
        responses={
            200: EncompassNoticeSerializer,
            403: OpenApiResponse(description="Only the school the notice is for confirms it."),
            404: OpenApiResponse(description="No such notice that you may see."),
        },
    )
    def post(self, request: Request, encompass_notice_id: int) -> Response:
        notice = get_notice_for_user(request, encompass_notice_id)
        if not reads_as_school(request.user, notice):
            audit.record(
                action=AuditAction.REFUSED,
                request=request,
                obj=notice,
                person_id=notice.child_id,
                reason="only the school a notice is for confirms its receipt",
            )
            return Response(
                {"detail": "Only the school the notice is for can confirm it was received."},
                status=status.HTTP_403_FORBIDDEN,
            )
        received = actions.acknowledge_notice(notice=notice, by=request.user, request=request)
        return _answer(
            EncompassNotice.objects.select_related("notification", "child", "school").get(
                pk=received.pk
            )
        )
