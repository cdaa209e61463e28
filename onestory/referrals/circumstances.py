"""Turning records into the plain facts routing works on (see ``directory.eligibility``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from onestory.accounts.models import Area
from onestory.directory.choices import ServedGender, ServedSide
from onestory.directory.eligibility import Circumstances, Eligibility
from onestory.directory.models import Service
from onestory.intake.choices import Gender, Source
from onestory.intake.models import Referral
from onestory.intake.rules import age_on
from onestory.people.models import GenderIdentity, Involvement, Person, Sex
from onestory.referrals.routing import ServiceOption

GENDER_FROM_IDENTITY = {
    GenderIdentity.WOMAN: ServedGender.WOMEN,
    GenderIdentity.MAN: ServedGender.MEN,
    GenderIdentity.NON_BINARY: ServedGender.NON_BINARY,
}
GENDER_FROM_SEX = {Sex.FEMALE: ServedGender.WOMEN, Sex.MALE: ServedGender.MEN}
GENDER_FROM_REFERRAL = {
    Gender.WOMAN: ServedGender.WOMEN,
    Gender.MAN: ServedGender.MEN,
    Gender.NON_BINARY: ServedGender.NON_BINARY,
}
SIDE_FROM_INVOLVEMENT = {
    Involvement.VICTIM: ServedSide.VICTIMS,
    Involvement.CHILD_VICTIM: ServedSide.VICTIMS,
    Involvement.PERSON_USING_HARM: ServedSide.PEOPLE_USING_HARM,
}
SIDE_FROM_SOURCE = {
    Source.SELF: ServedSide.VICTIMS,
    Source.OWN_BEHAVIOUR: ServedSide.PEOPLE_USING_HARM,
}


def area_chain(area: Area | None) -> tuple[str, ...]:
    """The area's code and the codes of the areas it lies in, most local first."""
    codes = []
    seen = 0
    while area is not None and seen < 5:
        codes.append(area.code)
        area = area.parent
        seen += 1
    return tuple(codes)


def area_with_parents(area_id: int | None) -> Area | None:
    if area_id is None:
        return None
    return Area.objects.select_related("parent__parent").filter(pk=area_id).first()


def latest_area(person: Person) -> Area | None:
    """Where the person lives, as the latest front-door referral about them said."""
    referral = (
        Referral.objects.filter(person=person, area__isnull=False)
        .order_by("-received_at", "-id")
        .values_list("area_id", flat=True)
        .first()
    )
    return area_with_parents(referral)


def person_gender(person: Person) -> str | None:
    return GENDER_FROM_IDENTITY.get(person.gender_identity) or GENDER_FROM_SEX.get(person.sex)


def referral_age(referral: Referral) -> int | None:
    if referral.date_of_birth is not None:
        return age_on(referral.date_of_birth, timezone.localdate())
    return referral.approximate_age


def for_person(
    person: Person,
    *,
    referral: Referral | None = None,
    needs: Iterable[str] = (),
    area: Area | None = None,
) -> Circumstances:
    """What routing needs to know about a person; ``area`` overrides where they live."""
    if area is None:
        area = area_with_parents(referral.area_id) if referral is not None else None
        area = area or latest_area(person)
    latest = person.risk_assessments.scored().order_by("-assessed_at", "-id").first()
    gender = person_gender(person)
    if gender is None and referral is not None:
        gender = GENDER_FROM_REFERRAL.get(referral.gender)
    side = SIDE_FROM_INVOLVEMENT.get(person.involvement)
    if side is None and referral is not None:
        side = SIDE_FROM_SOURCE.get(referral.source)
    age = person.age()
    if age is None and referral is not None:
        age = referral_age(referral)
    return Circumstances(
        area_codes=area_chain(area),
        area_name=area.name if area is not None else "",
        age=age,
        gender=gender,
        risk_level=latest.risk_level if latest is not None else None,
        side=side,
        needs=frozenset(needs),
        marac_eligible=bool(latest and latest.marac_eligible),
    )


def for_referral(
    referral: Referral, *, needs: Iterable[str] = (), area: Area | None = None
) -> Circumstances:
    """What routing needs from a front-door referral not yet linked to a person."""
    area = area or area_with_parents(referral.area_id)
    return Circumstances(
        area_codes=area_chain(area),
        area_name=area.name if area is not None else "",
        age=referral_age(referral),
        gender=GENDER_FROM_REFERRAL.get(referral.gender),
        risk_level=None,
        side=SIDE_FROM_SOURCE.get(referral.source),
        needs=frozenset(needs),
    )


def eligibility_of(service: Service) -> Eligibility:
    """Who a service takes. Expects its areas prefetched."""
    areas = list(service.areas.all())
    return Eligibility(
        kind=service.kind,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        genders=frozenset(service.genders or ()),
        risk_levels=frozenset(service.risk_levels or ()),
        serves=service.serves,
        area_codes=frozenset(area.code for area in areas),
        area_names=tuple(sorted(area.name for area in areas)),
    )


def options(services: Iterable[Service]) -> list[ServiceOption]:
    return [
        ServiceOption(
            service_id=service.pk,
            name=service.name,
            takes_referrals=service.takes_referrals,
            eligibility=eligibility_of(service),
        )
        for service in services
    ]
