"""Reading referrals in bulk: the triage queue, repeat counts, and the figures' counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from onestory.intake.choices import Channel, Outcome, Source, Status, Urgency
from onestory.intake.models import Referral

REPEAT_WINDOW = timedelta(days=365)


def with_repeat_counts(referrals: QuerySet[Referral], *, now: datetime) -> QuerySet[Referral]:
    """Add ``repeat_count``: referrals about the same person in the last 12 months (0: unlinked)."""
    same_person = (
        Referral.objects.filter(
            person_id=OuterRef("person_id"), received_at__gte=now - REPEAT_WINDOW
        )
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return referrals.annotate(
        repeat_count=Coalesce(Subquery(same_person, output_field=IntegerField()), Value(0))
    )


def repeat_count(referral: Referral, *, now: datetime) -> int:
    if referral.person_id is None:
        return 0
    return Referral.objects.filter(
        person_id=referral.person_id, received_at__gte=now - REPEAT_WINDOW
    ).count()


URGENCY_RANK = Case(
    When(urgency=Urgency.URGENT, then=Value(0)),
    When(urgency=Urgency.HIGH, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def queue(referrals: QuerySet[Referral], *, show: str, user, now: datetime) -> QuerySet[Referral]:
    """The front-door queue: most urgent first, then newest first."""
    if show == "closed":
        referrals = referrals.filter(status=Status.CLOSED)
    elif show != "all":
        referrals = referrals.exclude(status=Status.CLOSED)
    if show == "mine":
        referrals = referrals.filter(assigned_to=user)
    elif show == "unassigned":
        referrals = referrals.filter(assigned_to__isnull=True)
    return (
        with_repeat_counts(referrals, now=now)
        .select_related("assigned_to")
        .annotate(urgency_rank=URGENCY_RANK)
        .order_by("urgency_rank", "-received_at", "-id")
    )


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the end of ``end``, in the partnership's time zone."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


@dataclass(frozen=True)
class Counts:
    """Raw counts for a date range; suppression is applied when they are shown."""

    total: int
    referred_on: int
    by_source: dict[str, int]
    referred_on_by_source: dict[str, int]
    by_professional_kind: dict[str, int]
    by_channel: dict[str, int]
    by_outcome: dict[str, int]
    by_gender: dict[str, int]
    first_contacts: list[tuple[datetime, datetime, str]]


def _grouped(referrals: QuerySet[Referral], field: str) -> dict[str, int]:
    return {
        row[field]: row["n"] for row in referrals.order_by().values(field).annotate(n=Count("pk"))
    }


def counts(start: date, end: date) -> Counts:
    """Every figure the front-door page shows, for referrals received from ``start`` to ``end``."""
    since, until = day_bounds(start, end)
    received = Referral.objects.filter(received_at__gte=since, received_at__lt=until)
    onward = Q(outcome__in=[Outcome.REFERRED_ON, Outcome.MARAC])
    by_source = _grouped(received, "source")
    referred_on_by_source = _grouped(received.filter(onward), "source")
    by_channel = _grouped(received, "channel")
    return Counts(
        total=sum(by_source.values()),
        referred_on=sum(referred_on_by_source.values()),
        by_source={source.value: by_source.get(source.value, 0) for source in Source},
        referred_on_by_source={
            source.value: referred_on_by_source.get(source.value, 0) for source in Source
        },
        by_professional_kind=_grouped(
            received.filter(source=Source.PROFESSIONAL), "referrer_agency_kind"
        ),
        by_channel={channel.value: by_channel.get(channel.value, 0) for channel in Channel},
        by_outcome=_grouped(received, "outcome"),
        by_gender=_grouped(received, "gender"),
        first_contacts=list(
            received.filter(first_contact_at__isnull=False).values_list(
                "received_at", "first_contact_at", "urgency"
            )
        ),
    )
