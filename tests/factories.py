"""factory_boy factories for the test world."""

from datetime import timedelta

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.access.models import EmergencyAccess, LawfulBasis, Share, ShareScope
from onestory.accounts.models import Agency, AgencyKind, Area, AreaLevel, User
from onestory.accounts.roles import RoleName
from onestory.people.models import Person

# A known base32 TOTP secret for tests (hex form as django-otp stores it).
TEST_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


def totp_code(key_hex: str = TEST_TOTP_KEY_HEX) -> str:
    """The 6-digit code an authenticator app holding ``key_hex`` shows now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E05{n:06d}")
    name = factory.Sequence(lambda n: f"Ward {n}")
    level = AreaLevel.WARD


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.COMMUNITY_OUTREACH


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    agency = factory.SubFactory(AgencyFactory)
    role = RoleName.CASEWORKER
    password = factory.PostGenerationMethodCall("set_password", "a long test password")

    @factory.post_generation
    def with_totp(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            TOTPDevice.objects.get_or_create(
                user=obj, name="default", defaults={"key": TEST_TOTP_KEY_HEX, "confirmed": True}
            )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    owning_agency = factory.SubFactory(AgencyFactory)
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=16, maximum_age=80)


class ShareFactory(factory.django.DjangoModelFactory):
    """A summary share, on consent, of a person to another agency, granted by the holder."""

    class Meta:
        model = Share

    person = factory.SubFactory(PersonFactory)
    from_agency = factory.SelfAttribute("person.owning_agency")
    to_agency = factory.SubFactory(AgencyFactory)
    scope = ShareScope.SUMMARY
    lawful_basis = LawfulBasis.CONSENT
    granted_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..from_agency"))


class EmergencyAccessFactory(factory.django.DjangoModelFactory):
    """Emergency access, open for an hour, by a worker outside the holding agency."""

    class Meta:
        model = EmergencyAccess

    user = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    owning_agency = factory.SelfAttribute("person.owning_agency")
    reason = "Police brought her to A&E overnight; I need the risk to her children now."
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))


class ReferralFactory(factory.django.DjangoModelFactory):
    """A self-referral made online to the front door, not yet triaged."""

    class Meta:
        model = "intake.Referral"

    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    # The front door already set up, if there is one: a second would leave referrals no owner.
    owning_agency = factory.LazyFunction(
        lambda: (
            Agency.objects.filter(kind=AgencyKind.CENTRAL_POINT_OF_CONTACT).first()
            or AgencyFactory(name="Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
        )
    )
    channel = "online_form"
    source = "self"
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    story = "He checks my phone and will not let me see my sister."
    phone = "07700 900123"
    safe_to_call = True
    safe_times = "Weekdays, 10am to 2pm"
    postcode = "NE1 4AB"
