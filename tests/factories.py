"""factory_boy factories for the test world."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.accounts.models import Agency, AgencyKind, Area, AreaLevel, User
from onestory.accounts.roles import RoleName
from onestory.people.models import Person

# A known base32 TOTP secret for tests (hex form as django-otp stores it).
TEST_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


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
