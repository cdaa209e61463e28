"""A small county for the needs assessment, built with the product's own commands and
actions: two districts, three wards, populations, the survey's rates, and people seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.management import call_command
from django.utils import timezone

from onestory.accounts.models import AgencyKind, Area
from onestory.accounts.roles import RoleName
from onestory.cases.actions import open_case
from onestory.harm.actions import record_referral
from onestory.intake.actions import submit_referral
from onestory.intake.choices import Channel
from onestory.needs.rules import financial_year
from onestory.people.actions import create_person
from tests.factories import AgencyFactory, UserFactory

SERIES = "CSEW 16-74, questions before 2024"
AREAS = """code,name,level,parent_code
E10000900,Northshire,local_authority,
E07000901,Harrowmere,district,E10000900
E07000902,Fenbridge,district,E10000900
E05901001,Harrowmere Castle,ward,E07000901
E05901002,Harrowmere Abbey,ward,E07000901
E05902001,Fenbridge Marsh,ward,E07000902
"""
# Women and men 16-24 and 25-74 in each ward in the middle of the year the tests run in
# (ONS layout, sex 2 female, 1 male).
POPULATION = {
    "E05901001": (1000, 4000, 1000, 4000),
    "E05901002": (500, 2000, 500, 2000),
    "E05902001": (800, 3000, 800, 3000),
}
RATES = """series,survey_year,sex,age_band,rate
"{series}",{year},F,16-24,10.0
"{series}",{year},F,25-74,5.0
"{series}",{year},M,16-24,4.0
"{series}",{year},M,25-74,2.5
"""


@dataclass
class County:
    year: int  # the financial year the tests' clock is in; the survey's year stands at it too
    county: Area
    harrowmere: Area
    fenbridge: Area
    castle: Area
    abbey: Area
    marsh: Area


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def build_county(tmp_path) -> County:
    call_command("load-areas", write(tmp_path, "areas.csv", AREAS), verbosity=0)
    year = financial_year(timezone.localdate())
    lines = [f"code,name,sex,age,population_{year}"]
    for code, (f_young, f_old, m_young, m_old) in POPULATION.items():
        lines += [
            f"{code},,2,16-24,{f_young}",
            f"{code},,2,25-74,{f_old}",
            f"{code},,1,16-24,{m_young}",
            f"{code},,1,25-74,{m_old}",
        ]
    call_command("load-population", write(tmp_path, "pop.csv", "\n".join(lines)), stdout=None)
    rates = RATES.format(series=SERIES, year=year)
    call_command("load-prevalence", write(tmp_path, "rates.csv", rates))
    by_code = {a.code: a for a in Area.objects.all()}
    return County(
        year=year,
        county=by_code["E10000900"],
        harrowmere=by_code["E07000901"],
        fenbridge=by_code["E07000902"],
        castle=by_code["E05901001"],
        abbey=by_code["E05901002"],
        marsh=by_code["E05902001"],
    )


def seen_at_front_door(world, *, area, sex, age, **details):
    """A person referred to the front door today, ``age`` in the year's terms."""
    person = create_person(
        by=world.call_handler,
        owning_agency=world.call_handler.agency,
        given_name="Sam",
        date_of_birth=date(financial_year(timezone.localdate()) - age, 1, 1),
        sex=sex,
        **details,
    )
    submit_referral(
        by=world.call_handler,
        channel=Channel.PHONE,
        person=person,
        source="self",
        given_name="Sam",
        phone="07700 900123",
        safe_to_call=True,
        area=area,
    )
    return person


def populate(world, county: County) -> dict:
    """In Harrowmere Castle: 10 women (6 aged 30, 4 aged 20) and 5 men aged 40, six of the
    women also with the IDVA service; one woman in Fenbridge Marsh; one woman whose ward is
    not known; one man at the perpetrator service, who is not counted among victims."""
    idva = AgencyFactory(name="Northshire IDVA", kind=AgencyKind.IDVA_SERVICE)
    perpetrator_service = AgencyFactory(
        name="Change Northshire", kind=AgencyKind.PERPETRATOR_SERVICE
    )
    castle = []
    for age in [30] * 6 + [20] * 4:
        castle.append(
            seen_at_front_door(
                world, area=county.castle, sex="female", age=age, ethnicity="white_british"
            )
        )
    for _ in range(5):
        castle.append(
            seen_at_front_door(
                world, area=county.castle, sex="male", age=40, ethnicity="asian_indian"
            )
        )
    for person in castle[:6]:
        open_case(person=person, agency=idva, by=world.manager, person_role="victim")
    marsh = seen_at_front_door(world, area=county.marsh, sex="female", age=50)
    nowhere = seen_at_front_door(world, area=None, sex="female", age=50)
    harm = create_person(
        by=world.manager,
        owning_agency=world.agency,
        given_name="Lee",
        sex="male",
        involvement="person_using_harm",
    )
    open_case(
        person=harm, agency=perpetrator_service, by=world.manager, person_role="person_using_harm"
    )
    # And one referred to the perpetrator service's programme, recorded by its own worker.
    worker = UserFactory(
        username="change_worker", agency=perpetrator_service, role=RoleName.CASEWORKER
    )
    programme = record_referral(
        by=worker, source="police", referred_on=timezone.localdate(), given_name="Rob"
    )
    return {
        "castle": castle,
        "marsh": marsh,
        "nowhere": nowhere,
        "harm": harm,
        "programme": programme.person,
    }
