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
    # Adults by default: a 16- or 17-year-old is treated as a child in places, which would make
    # tests that do not say an age pass or fail by chance.
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)


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


# --- MARAC ------------------------------------------------------------------------------------


class MaracFactory(factory.django.DjangoModelFactory):
    """A MARAC for a district of 250,000 women aged 16 and over; pass ``members=[...]``."""

    class Meta:
        model = "marac.Marac"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test MARAC {n}")
    area = factory.SubFactory(
        AreaFactory,
        code=factory.Sequence(lambda n: f"E07{n:06d}"),
        name=factory.Sequence(lambda n: f"District {n}"),
        level=AreaLevel.DISTRICT,
        adult_women=250_000,
    )
    coordinating_agency = factory.SubFactory(
        AgencyFactory, name="MARAC Coordination", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting two weeks from today."""

    class Meta:
        model = "marac.Meeting"

    marac = factory.SubFactory(MaracFactory)
    meets_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class MaracReferralFactory(factory.django.DjangoModelFactory):
    """A visible-high-risk referral made today by the agency holding the victim's record,
    with one person using harm (held by the same agency) unless ``perpetrators=[...]``."""

    class Meta:
        model = "marac.MaracReferral"
        skip_postgeneration_save = True

    marac = factory.SubFactory(MaracFactory)
    victim = factory.SubFactory(PersonFactory)
    referring_agency = factory.SelfAttribute("victim.owning_agency")
    referred_by = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..referring_agency")
    )
    referred_on = factory.LazyFunction(timezone.localdate)
    visible_high_risk = True
    reason = "Threatened to kill her last night; she believed him."

    @factory.post_generation
    def perpetrators(obj, create, extracted, **kwargs):
        if create:
            obj.perpetrators.set(
                extracted or [PersonFactory(owning_agency_id=obj.victim.owning_agency_id)]
            )

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.children.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A case listed for a meeting (without the shares listing makes: see marac.actions)."""

    class Meta:
        model = "marac.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    referral = factory.SubFactory(
        MaracReferralFactory, marac=factory.SelfAttribute("..meeting.marac"), status="listed"
    )
    position = factory.Sequence(lambda n: n + 1)
    listed_by = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..meeting.marac.coordinating_agency")
    )


class MaracActionFactory(factory.django.DjangoModelFactory):
    """An open action on a listed case, due in a week."""

    class Meta:
        model = "marac.MaracAction"

    item = factory.SubFactory(AgendaItemFactory)
    referral = factory.SelfAttribute("item.referral")
    owning_agency = factory.SubFactory(AgencyFactory)
    description = "Check the injunction is in place and tell the IDVA."
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    created_by = factory.SelfAttribute("item.listed_by")


# --- Case work --------------------------------------------------------------------------------


class CaseFactory(factory.django.DjangoModelFactory):
    """An open case at the agency holding the person's record, led by the one who opened it."""

    class Meta:
        model = "cases.Case"

    person = factory.SubFactory(PersonFactory)
    agency = factory.SelfAttribute("person.owning_agency")
    opened_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..agency"))
    lead_worker = factory.SelfAttribute("opened_by")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Goal"

    case = factory.SubFactory(CaseFactory)
    description = "Feel safe enough to sleep at home again."
    agreed_on = factory.LazyFunction(timezone.localdate)
    created_by = factory.SelfAttribute("case.opened_by")


class PlanActionFactory(factory.django.DjangoModelFactory):
    """An action owned by the case's lead worker, due in a week."""

    class Meta:
        model = "cases.PlanAction"

    goal = factory.SubFactory(GoalFactory)
    description = "Ask the council about new locks."
    owner_worker = factory.SelfAttribute("goal.case.lead_worker")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    created_by = factory.SelfAttribute("goal.case.opened_by")


class TargetHardeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.TargetHardening"

    case = factory.SubFactory(CaseFactory)
    measure = "locks"
    requested_by = factory.SelfAttribute("case.opened_by")


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.CaseNote"

    case = factory.SubFactory(CaseFactory)
    kind = "meeting"
    text = "Met at the children's centre to talk about what she wants next."
    written_by = factory.SelfAttribute("case.opened_by")


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    """A document row whose file was never stored (the download page says it is missing).

    Tests that need a real file attach one with ``onestory.cases.actions.attach_document``.
    """

    class Meta:
        model = "cases.CaseDocument"

    case = factory.SubFactory(CaseFactory)
    title = "Non-molestation order"
    file = "cases/missing/never-stored"
    original_name = "order.pdf"
    content_type = "application/pdf"
    size = 1024
    uploaded_by = factory.SelfAttribute("case.opened_by")


# --- Services directory and onward referrals -------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    """An outreach service for anyone, anywhere, whose referrals go through OneStory."""

    class Meta:
        model = "directory.Service"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = "outreach"
    referral_route = "onestory"
    agency = factory.SubFactory(AgencyFactory)


class OnwardReferralFactory(factory.django.DjangoModelFactory):
    """A referral sent on consent, without the share the action would make."""

    class Meta:
        model = "referrals.OnwardReferral"

    person = factory.SubFactory(PersonFactory)
    from_agency = factory.SelfAttribute("person.owning_agency")
    service = factory.SubFactory(ServiceFactory)
    to_agency = factory.SelfAttribute("service.agency")
    reason = "She would like help to stay safe at home."
    basis = "consent"
    consent = "given"
    consent_note = "On the phone with me today."
    sent_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..from_agency"))


# --- Operation Encompass ----------------------------------------------------------------------


class SchoolFactory(factory.django.DjangoModelFactory):
    """A school in the directory, signposted (not an agency), with a designated safeguarding
    lead unless ``lead=False``."""

    class Meta:
        model = "directory.Service"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    kind = "school"
    referral_route = "signpost"
    agency = None
    phone = "01632 960000"

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.contacts.create(
                name="Ms Priya Shah",
                title="Designated safeguarding lead",
                email="dsl@school.example.org",
                phone="01632 960001",
                designated_safeguarding_lead=True,
            )


class IncidentFactory(factory.django.DjangoModelFactory):
    """A police call-out yesterday, recorded by the agency holding the victim's record."""

    class Meta:
        model = "risk.Incident"

    person = factory.SubFactory(PersonFactory)
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    kind = "police"
    agency = factory.SelfAttribute("person.owning_agency")
    recorded_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..agency"))


def _notice_due_at(occurred_at):
    from onestory.encompass.rules import notice_due_at

    return notice_due_at(occurred_at)


class EncompassNotificationFactory(factory.django.DjangoModelFactory):
    """A police notification recorded now about last night's incident, by the agency holding
    the victim's record, with its incident; pass ``children=[...]``."""

    class Meta:
        model = "encompass.EncompassNotification"
        skip_postgeneration_save = True

    victim = factory.SubFactory(PersonFactory)
    agency = factory.SelfAttribute("victim.owning_agency")
    recorded_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..agency"))
    police_reference = factory.Sequence(lambda n: f"NP/{n:06d}/26")
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=10))
    circumstances = "Police were called to a domestic incident at home last night."
    notified_at = factory.LazyFunction(timezone.now)
    notices_due_at = factory.LazyAttribute(lambda o: _notice_due_at(o.occurred_at))
    incident = factory.SubFactory(
        IncidentFactory,
        person=factory.SelfAttribute("..victim"),
        recorded_by=factory.SelfAttribute("..recorded_by"),
    )

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.children.set(extracted)


class EncompassNoticeFactory(factory.django.DjangoModelFactory):
    """A notice, not yet sent, for a child on the notification (added to it)."""

    class Meta:
        model = "encompass.EncompassNotice"

    notification = factory.SubFactory(EncompassNotificationFactory)
    child = factory.SubFactory(
        PersonFactory,
        owning_agency=factory.SelfAttribute("..notification.agency"),
        given_name="Lily",
        date_of_birth=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=8 * 365)),
    )
    school = factory.SubFactory(SchoolFactory)
    prepared_by = factory.SelfAttribute("notification.recorded_by")
    due_at = factory.SelfAttribute("notification.notices_due_at")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        notice = super()._create(model_class, *args, **kwargs)
        notice.notification.children.add(notice.child)
        return notice


class SchemeFactory(factory.django.DjangoModelFactory):
    """A refuge run by ``agency``; its address is made up and recognisable in a page."""

    class Meta:
        model = "accommodation.Scheme"

    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.SAFE_ACCOMMODATION)
    name = factory.Sequence(lambda n: f"Harbour House {n}")
    scheme_type = "refuge"
    town = "Eastmouth"
    address = factory.Sequence(lambda n: f"{n} Secret Lane, Eastmouth")
    postcode = "EM1 9ZZ"
    created_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..agency"))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accommodation.Unit"

    scheme = factory.SubFactory(SchemeFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    bed_spaces = 3
    sexes = "women"
    max_children = 2


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A right-to-ask application by a friend, at first contact, held by ``agency``."""

    class Meta:
        model = "disclosure.Application"

    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.POLICE)
    reference = factory.Sequence(lambda n: f"DVDS-TEST-{n:05d}")
    route = "ask"
    asker = "third_party"
    first_contact_on = factory.LazyFunction(timezone.localdate)
    applicant_name = "Bernadette Quill"
    applicant_relationship = "Her friend"
    applicant_contact = "07700 900456, evenings"
    subject_name = "Gavin Rook"
    at_risk_name = "Mina Rook"
    concern = "He has kept her from seeing her friends since they moved in together."
    created_by = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..agency"), role=RoleName.DISCLOSURE_OFFICER
    )


class AgencyCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "disclosure.AgencyCheck"

    application = factory.SubFactory(ApplicationFactory)
    agency = factory.SubFactory(AgencyFactory)
    asked_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    asked_by = factory.SelfAttribute("application.created_by")
