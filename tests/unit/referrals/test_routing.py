"""Routing: which services are suggested for a person, in what order, and why."""

import pytest

from onestory.directory.eligibility import Circumstances, Eligibility
from onestory.referrals.routing import ServiceOption, suggest

WARD, DISTRICT, COUNTY = "E05901001", "E07000901", "E10000900"
HERE = {"area_codes": (WARD, DISTRICT, COUNTY), "area_name": "Harrowmere Castle"}


def option(number, name, kind, takes=True, **eligibility):
    return ServiceOption(number, name, takes, Eligibility(kind=kind, **eligibility))


DIRECTORY = [
    option(1, "IDVA Service", "idva", risk_levels=frozenset({"high"}), minimum_age=16),
    option(2, "Outreach", "outreach", minimum_age=16),
    option(3, "Refuge", "safe_accommodation", genders=frozenset({"women"})),
    option(4, "Men's Service", "outreach", takes=False, genders=frozenset({"men"})),
    option(5, "Programme", "perpetrator", serves="people_using_harm", minimum_age=18),
    option(6, "Children's Service", "children", minimum_age=4, maximum_age=17),
    option(
        7,
        "Elsewhere Outreach",
        "outreach",
        area_codes=frozenset({"E07000999"}),
        area_names=("Elsewhere",),
    ),
    option(
        8, "Castle Primary School", "school", area_codes=frozenset({WARD}), area_names=("Castle",)
    ),
    option(
        9,
        "Housing Options",
        "housing",
        area_codes=frozenset({DISTRICT}),
        area_names=("Harrowmere",),
    ),
]

VICTIM = dict(HERE, age=34, gender="women", side="victims")


def names(suggestions):
    return [s.name for s in suggestions]


@pytest.mark.parametrize(
    ("person", "recommended", "fitting", "not_fitting"),
    [
        # High risk: the IDVA service is recommended, and everything else that fits follows.
        (
            dict(VICTIM, risk_level="high"),
            ["IDVA Service"],
            ["Housing Options", "Outreach", "Refuge"],
            ["Children's Service", "Elsewhere Outreach", "Men's Service", "Programme"],
        ),
        # Medium risk: the IDVA service does not fit, and says why.
        (
            dict(VICTIM, risk_level="medium"),
            [],
            ["Housing Options", "Outreach", "Refuge"],
            [
                "Children's Service",
                "Elsewhere Outreach",
                "IDVA Service",
                "Men's Service",
                "Programme",
            ],
        ),
        # A man using harm: only the programme fits (and services open to everyone who
        # do not say whom they work with are for victims).
        (
            dict(HERE, age=40, gender="men", side="people_using_harm"),
            [],
            ["Programme"],
            [
                "Children's Service",
                "Elsewhere Outreach",
                "Housing Options",
                "IDVA Service",
                "Men's Service",
                "Outreach",
                "Refuge",
            ],
        ),
        # A child of 9: the children's service.
        (
            dict(HERE, age=9, side="victims"),
            [],
            # Their gender is not known yet: a service for men is one to check.
            ["Children's Service", "Housing Options", "Men's Service", "Refuge"],
            ["Elsewhere Outreach", "IDVA Service", "Outreach", "Programme"],
        ),
    ],
)
def test_it_sorts_services_into_recommended_fitting_and_not(
    person, recommended, fitting, not_fitting
):
    routing = suggest(Circumstances(**person), DIRECTORY)
    assert names(routing.recommended) == recommended
    assert sorted(names(routing.fitting) + names(routing.other)) == fitting
    assert sorted(names(routing.not_fitting)) == not_fitting


def test_schools_are_never_suggested():
    routing = suggest(Circumstances(**VICTIM), DIRECTORY)
    everything = routing.recommended + routing.fitting + routing.other + routing.not_fitting
    assert "Castle Primary School" not in names(everything)


def test_needs_put_the_services_that_meet_them_first():
    routing = suggest(Circumstances(**VICTIM, needs=frozenset({"housing"})), DIRECTORY)
    assert names(routing.fitting) == ["Housing Options"]
    assert routing.fitting[0].meets_need
    # No risk assessment yet: the IDVA service is one to check, not one ruled out.
    assert sorted(names(routing.other)) == ["IDVA Service", "Outreach", "Refuge"]


def test_certain_fits_come_before_ones_to_check():
    person = Circumstances(area_codes=HERE["area_codes"], area_name="X", side="victims", age=30)
    routing = suggest(
        person,
        [
            option(1, "A women's service", "outreach", genders=frozenset({"women"})),
            option(2, "Z anyone", "outreach"),
        ],
    )
    assert names(routing.fitting) == ["Z anyone", "A women's service"]
    assert not routing.fitting[1].certain


@pytest.mark.parametrize(
    ("risk_level", "eligible", "advice"),
    [
        ("high", True, "high: refer them to MARAC"),
        ("high", False, "high: refer them to MARAC"),
        ("medium", True, "meets the MARAC criteria"),
        ("medium", False, ""),
        (None, False, ""),
    ],
)
def test_high_risk_suggests_marac(risk_level, eligible, advice):
    routing = suggest(Circumstances(risk_level=risk_level, marac_eligible=eligible), [])
    assert (advice in routing.marac) if advice else routing.marac == ""


def test_every_suggestion_explains_itself():
    routing = suggest(Circumstances(**dict(VICTIM, risk_level="medium")), DIRECTORY)
    idva = next(s for s in routing.not_fitting if s.name == "IDVA Service")
    assert not idva.fits
    assert "Takes people at high risk only; their latest assessment is medium" in [
        c.text for c in idva.checks
    ]
