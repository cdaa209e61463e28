"""Reading the vacancy board: the units free now and the places listed out of area that
fit a household. Nothing here reads where a scheme is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Value

from onestory.accommodation.board import Needs, fit_problems
from onestory.accommodation.models import ListedVacancy, PlacementAsk, Stay, Unit
from onestory.people.connections import RelationshipKind


def free_units():
    """Units free now across the partnership: in use, in an active scheme, with no household
    in them, offered them or on their way. Never reads a scheme's location (``only`` leaves
    those columns unread)."""
    return (
        Unit.objects.filter(scheme__is_active=True, out_of_use_reason="")
        # Not occupied, and not offered to a household that has yet to answer.
        .exclude(pk__in=Stay.objects.filter(departed_on=None).values("unit_id"))
        .exclude(pk__in=PlacementAsk.objects.held().values("unit_id"))
        .select_related("scheme__agency")
        .only(
            *UNIT_BOARD_FIELDS,
            "scheme__id",
            "scheme__name",
            "scheme__scheme_type",
            "scheme__town",
            "scheme__by_and_for",
            "scheme__specialist_group",
            "scheme__vacancies_checked_at",
            "scheme__created_at",
            "scheme__agency__id",
            "scheme__agency__name",
        )
        .order_by("scheme__name", "scheme_id", "name")
    )


UNIT_BOARD_FIELDS = (
    "id",
    "name",
    "scheme_id",
    "bed_spaces",
    "sexes",
    "max_children",
    "boys_up_to_age",
    "pets",
    "wheelchair_access",
    "no_recourse_to_public_funds",
    "languages",
    "specialist_group",
)


@dataclass
class SchemeRow:
    """One scheme on the board: its free units that fit, and when its figure was checked."""

    scheme: object
    units: list = field(default_factory=list)

    @property
    def checked_at(self):
        return self.scheme.vacancies_checked_at or self.scheme.created_at


def board(needs: Needs) -> list[SchemeRow]:
    rows: dict[int, SchemeRow] = {}
    for unit in free_units():
        if fit_problems(unit, needs):
            continue
        rows.setdefault(unit.scheme_id, SchemeRow(unit.scheme)).units.append(unit)
    return list(rows.values())


def listed_out_of_area(needs: Needs) -> list:
    listed = ListedVacancy.objects.filter(removed_at=None).select_related("listed_by_agency")
    return [place for place in listed if not fit_problems(place, needs)]


def area_codes(area) -> list[str]:
    """An area's code and those of the areas above it (its district, its local authority);
    nothing for no area."""
    codes = []
    while area is not None:
        codes.append(area.code)
        area = area.parent
    return codes


def partnership_codes() -> set[str]:
    """The areas the partnership covers: the local authorities OneStory holds (with their
    districts and wards under them)."""
    from onestory.accounts.models import Area

    return set(Area.objects.filter(parent=None).values_list("code", flat=True))


def household_from_record(person, today) -> dict:
    """What the person's record already says of the household, to start a placement
    request from: nothing is typed twice. Children are those the record links as theirs."""
    children = []
    links = person.relationships.filter(kind=RelationshipKind.PARENT_OF).select_related(
        "other_person"
    )
    for link in links:
        child = link.other_person
        age = child.age(today)
        if age is not None and age < 18:
            sex = {"female": "girl", "male": "boy"}.get(child.sex, "")
            children.append({"age": age, "sex": sex})
    languages = [person.first_language] if person.first_language else []
    return {
        "adult_sex": {"female": "woman", "male": "man"}.get(person.sex, ""),
        "adults": 1,
        "children": children,
        "languages": languages,
        "nrpf": person.no_recourse_to_public_funds == "yes",
    }


def waiting_for(agency_id: int) -> dict[str, int]:
    """Placement work waiting for an agency, counted in one query: asks to its schemes not
    yet answered, offers to the households it asked for not yet answered by the survivor,
    households that took a place in its schemes and have yet to arrive, and whether it runs
    a scheme at all."""
    from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from onestory.accommodation.choices import AskStatus
    from onestory.accommodation.models import Scheme
    from onestory.accounts.models import Agency

    def counted(**where) -> Coalesce:
        asks = PlacementAsk.objects.filter(**where).order_by().values(group=Value(1))
        return Coalesce(
            Subquery(asks.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
            0,
        )

    ours = OuterRef("pk")
    found = (
        Agency.objects.filter(pk=agency_id)
        .annotate(
            runs_schemes=Exists(Scheme.objects.filter(agency_id=ours)),
            to_answer=counted(
                scheme__agency_id=ours, status__in=[AskStatus.ASKED, AskStatus.ACCEPTED]
            ),
            offers=counted(request__agency_id=ours, status=AskStatus.OFFERED),
            to_arrive=counted(scheme__agency_id=ours, status=AskStatus.TAKEN, stay=None),
        )
        .values("runs_schemes", "to_answer", "offers", "to_arrive")
        .first()
    )
    return found or {"runs_schemes": False, "to_answer": 0, "offers": 0, "to_arrive": 0}


def waiting_on(placement, agency_id: int) -> str:
    """What the placement request waits for from ``agency_id``, in a few words, or nothing.
    Reads the request's asks with their schemes (prefetch them)."""
    from onestory.accommodation.choices import AskStatus

    for ask in placement.asks.all():
        ours = ask.scheme.agency_id == agency_id
        if ours and ask.status in (AskStatus.ASKED, AskStatus.ACCEPTED):
            return "Your answer"
        if ours and ask.status == AskStatus.TAKEN and not hasattr(ask, "stay"):
            return "Their arrival"
        if placement.agency_id == agency_id and ask.status == AskStatus.OFFERED:
            return "Their answer to an offer"
    return ""
