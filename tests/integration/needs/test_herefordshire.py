"""The estimate against figures a partnership published, through the files an operator
loads: ONS's mid-year layout for the population and the survey's rates.

Herefordshire's strategy (seeds/004) publishes "an estimated 4,900 women and 2,400 men in
Herefordshire who were victim-survivors of domestic abuse in 2019/20", from the Crime
Survey's rates for adults aged 16 to 74 in the year ending March 2020: 7.3% of women and
3.6% of men. The strategy does not print the population it multiplied, so the file below
carries the county's mid-2019 residents aged 16 to 74 as the published estimate implies them
(67,000 women and 66,500 men, spread over the single years), in ONS's columns."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from onestory.accounts.models import Area
from onestory.needs.estimate import rounded_to
from onestory.needs.queries import estimate_for
from tests.integration.needs.world import write

pytestmark = pytest.mark.django_db

SERIES = "CSEW 16-74, questions before 2024"
PUBLISHED = {"women": 4_900, "men": 2_400}
RESIDENTS = {"2": 67_000, "1": 66_500}  # ONS's sex: 2 female, 1 male


def ons_file() -> str:
    lines = ["ladcode19,laname19,country,sex,age,population_2019"]
    for sex, total in RESIDENTS.items():
        each, rest = divmod(total, 59)
        for age in range(16, 75):
            count = each + (1 if age - 16 < rest else 0)
            lines.append(f'E06000019,"Herefordshire, County of",E,{sex},{age},{count}')
    return "\n".join(lines) + "\n"


def test_the_estimate_reproduces_herefordshires_published_figures(tmp_path):
    call_command(
        "load-areas",
        write(
            tmp_path,
            "areas.csv",
            "code,name,level,parent_code\nE06000019,Herefordshire,local_authority,\n",
        ),
        verbosity=0,
    )
    call_command("load-population", write(tmp_path, "mye.csv", ons_file()))
    rates = (
        "series,survey_year,sex,age_band,rate\n"
        f'"{SERIES}",2020,F,16-74,7.3\n"{SERIES}",2020,M,16-74,3.6\n'
    )
    call_command("load-prevalence", write(tmp_path, "csew.csv", rates))
    county = Area.objects.get(code="E06000019")
    result = estimate_for(county, 2019, SERIES, 2020)
    assert result.population() == 133_500
    assert result.total() == Decimal("4891.0") + Decimal("2394.0")
    assert rounded_to(result.women, 100) == PUBLISHED["women"]
    assert rounded_to(result.men, 100) == PUBLISHED["men"]
    assert result.age_range_label == "aged 16 to 74"
