"""``onestory load_demo``: the made-up Northshire partnership, loaded and put back safely."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.access.policy import visible_persons
from onestory.accounts.demo_secret import DEMO_TOTP_KEY_HEX, DEMO_TOTP_SECRET_BASE32
from onestory.accounts.models import Agency, AgencyKind, Area, AreaLevel, User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.demo import partnership
from onestory.demo.partnership import DEMO_PASSWORD, DemoRefused
from onestory.needs.models import Boundary
from onestory.people.models import Person

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Area, Agency, User, TOTPDevice, Person, Share, AuditEvent)
    }


def test_it_loads_the_county_and_its_areas():
    load_demo()
    county = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY)
    assert county.name == "Northshire"
    districts = Area.objects.filter(level=AreaLevel.DISTRICT)
    assert districts.count() == 5
    assert set(districts.values_list("parent", flat=True)) == {county.pk}
    for district in districts:
        wards = Area.objects.filter(parent=district)
        assert 4 <= wards.count() <= 6
        assert wards.aggregate(total=Sum("adult_women"))["total"] == district.adult_women
    assert districts.aggregate(total=Sum("adult_women"))["total"] == county.adult_women
    # about 1.9 million people: roughly 41% of them are women aged 16 and over
    assert 700_000 < county.adult_women < 850_000
    # Every ward has a (made-up) boundary for the needs assessment's map.
    wards = Area.objects.filter(level=AreaLevel.WARD)
    assert Boundary.objects.filter(area__in=wards).count() == wards.count() == 26


def test_it_has_an_agency_of_every_kind_serving_its_areas():
    load_demo()
    kinds = Counter(Agency.objects.values_list("kind", flat=True))
    assert set(kinds) == set(AgencyKind.values)
    for agency in Agency.objects.all():
        assert agency.is_active
        assert agency.areas.exists(), agency
    front_door = Agency.objects.get(kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    assert front_door.name == "Northshire Domestic Abuse Front Door"
    assert list(front_door.areas.values_list("code", flat=True)) == [partnership.COUNTY]


def test_it_makes_one_account_for_every_role():
    load_demo()
    roles = Counter(User.objects.values_list("role", flat=True))
    assert set(roles) == set(RoleName.values)
    # One at the outreach service, one at the IDVA service, one at the perpetrator service,
    # one at the refuge provider.
    assert roles.pop(RoleName.CASEWORKER) == 4
    assert set(roles.values()) == {1}
    kinds = dict(User.objects.values_list("username", "agency__kind"))
    assert kinds == {
        "callhandler": AgencyKind.CENTRAL_POINT_OF_CONTACT,
        "manager": AgencyKind.CENTRAL_POINT_OF_CONTACT,
        "caseworker": AgencyKind.COMMUNITY_OUTREACH,
        "idva": AgencyKind.IDVA_SERVICE,
        "refuge": AgencyKind.SAFE_ACCOMMODATION,
        "perpetrator": AgencyKind.PERPETRATOR_SERVICE,
        "marac": AgencyKind.CENTRAL_POINT_OF_CONTACT,
        "police": AgencyKind.POLICE,
        "disclosure": AgencyKind.POLICE,
        "reviews": AgencyKind.COMMISSIONER,
        "commissioner": AgencyKind.COMMISSIONER,
        "admin": AgencyKind.COMMISSIONER,
        "school": AgencyKind.EDUCATION,
    }


def test_the_schools_lead_reads_the_notices_for_their_own_school():
    from onestory.directory.models import Service
    from onestory.encompass.access import may_read_notices

    load_demo()
    lead = User.objects.get(username="school")
    school = Service.objects.get(kind="school", name="Millbrook Academy")
    assert school.agency == lead.agency
    assert may_read_notices(lead)


def test_every_account_signs_in_with_the_demo_password_and_a_confirmed_demo_device():
    load_demo()
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user
        assert not user.is_superuser
        devices = TOTPDevice.objects.filter(user=user)
        assert [(d.key, d.confirmed) for d in devices] == [(DEMO_TOTP_KEY_HEX, True)], user


def test_the_base32_secret_is_the_devices_key():
    from base64 import b32decode

    assert b32decode(DEMO_TOTP_SECRET_BASE32).hex() == DEMO_TOTP_KEY_HEX


def test_it_makes_people_at_the_outreach_service_and_shares_one_with_the_idva_service():
    load_demo()
    outreach = Agency.objects.get(kind=AgencyKind.COMMUNITY_OUTREACH)
    idva_user = User.objects.get(username="idva")
    assert Person.objects.count() >= 3
    assert set(Person.objects.values_list("owning_agency", flat=True)) == {outreach.pk}
    share = Share.objects.get(lawful_basis=LawfulBasis.CONSENT, to_agency=idva_user.agency)
    assert (share.from_agency, share.to_agency) == (outreach, idva_user.agency)
    assert (share.lawful_basis, share.scope) == (LawfulBasis.CONSENT, ShareScope.FULL)
    assert share.granted_by.username == "caseworker"
    assert share.is_active()
    # The IDVA service sees her through consent, and the demo MARAC case through its shares.
    assert share.person in visible_persons(idva_user)
    assert visible_persons(User.objects.get(username="caseworker")).count() == (
        Person.objects.count()
    )


def test_it_audits_the_people_it_makes_and_the_share():
    load_demo()
    made = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="people.person")
    assert made.count() == Person.objects.count()
    consent = Share.objects.get(lawful_basis=LawfulBasis.CONSENT, to_agency__kind="idva")
    granted = AuditEvent.objects.filter(action=AuditAction.SHARE_GRANTED)
    assert granted.filter(object_id=str(consent.pk)).count() == 1


def test_it_is_safe_to_run_again():
    load_demo()
    before = counts()
    load_demo()
    assert counts() == before


def test_it_puts_changed_demo_accounts_back():
    load_demo()
    user = User.objects.get(username="caseworker")
    user.set_password("something else entirely")
    user.role = RoleName.COMMISSIONER
    user.save()
    TOTPDevice.objects.filter(user=user).update(confirmed=False, throttling_failure_count=9)
    load_demo()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert user.role == RoleName.CASEWORKER
    device = TOTPDevice.objects.get(user=user)
    assert (device.confirmed, device.throttling_failure_count) == (True, 0)


def test_it_prints_every_account_the_password_and_how_to_get_a_code():
    out = load_demo()
    for user in User.objects.select_related("agency"):
        line = next(line for line in out.splitlines() if line.split()[:1] == [user.username])
        assert RoleName(user.role).label in line
        assert user.agency.name in line
    assert DEMO_PASSWORD in out
    assert DEMO_TOTP_SECRET_BASE32 in out
    assert ".venv/bin/onestory demo-code" in out


def test_it_is_refused_in_production(settings):
    settings.PRODUCTION = True
    before = counts()
    with pytest.raises(CommandError, match="cannot be used when ONESTORY_ENV=production"):
        load_demo()
    with pytest.raises(DemoRefused):
        partnership.load()
    assert counts() == before
    assert not User.objects.exists()


def test_each_role_meets_safe_accommodation_in_the_demo(client):
    from onestory.accommodation.models import FundGrant, PlacementRequest, SanctuaryInstall, Stay
    from onestory.demo.bench.measures import signed_in_client

    load_demo()
    load_demo()  # loaded once: running it again makes nothing twice
    assert Stay.objects.filter(departed_on=None).count() == 1
    waiting = PlacementRequest.objects.get(status="open")
    assert waiting.asks.filter(status="asked").count() == 2
    assert SanctuaryInstall.objects.get().measures.count() == 2
    assert FundGrant.objects.filter(status="approved").count() == 1
    refuge = signed_in_client(User.objects.get(username="refuge"))
    page = refuge.get("/accommodation/schemes/").content.decode()
    assert "Willow Lane Refuge" in page
    stay = Stay.objects.get()
    assert "Kayla" in refuge.get(f"/accommodation/stays/{stay.pk}/").content.decode()
    board = signed_in_client(User.objects.get(username="caseworker"))
    free = board.get("/accommodation/vacancies/").content.decode()
    assert "Harbour House" in free
    assert "Demo Close" not in free  # a refuge's address never reaches another agency
    assert "Sandown Refuge" in free
    figures = signed_in_client(User.objects.get(username="commissioner"))
    assert figures.get("/accommodation/figures/").status_code == 200
