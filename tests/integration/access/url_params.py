"""How the permission-matrix test fills in URL parameters.

Each entry makes an object *owned by the test world's home agency* (``world.agency``) and
returns the value for the URL parameter of that name. When you add a URL with a new
parameter name, add an entry here, or the matrix test fails and says so.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from onestory.accounts.roles import Permission
from onestory.accounts.tokens.actions import issue_token
from tests.factories import PersonFactory, ReferralFactory, UserFactory


def _assessment(world):
    from onestory.risk.actions import assess_dash

    person = PersonFactory(owning_agency=world.agency)
    return assess_dash(person=person, answers={"8": "yes"}, by=world.caseworker)


def _share(world):
    from tests.factories import ShareFactory

    person = PersonFactory(owning_agency=world.agency)
    return ShareFactory(person=person, to_agency=world.other_agency, granted_by=world.caseworker)


def _emergency_access(world):
    from tests.factories import EmergencyAccessFactory

    person = PersonFactory(owning_agency=world.agency)
    return EmergencyAccessFactory(person=person, user=world.other_caseworker)


# MARAC objects sit in a MARAC the world's coordinator coordinates (at the central agency),
# with the home agency a member; the case is the home agency's, about a home-agency person.
def _marac(world):
    from tests.factories import MaracFactory

    return MaracFactory(coordinating_agency=world.central, members=[world.agency])


def _marac_referral(world):
    from tests.factories import MaracReferralFactory

    return MaracReferralFactory(
        marac=_marac(world),
        victim=PersonFactory(owning_agency=world.agency),
        referred_by=world.caseworker,
    )


def _agenda_item(world):
    from onestory.marac.actions import list_case
    from tests.factories import MeetingFactory

    referral = _marac_referral(world)
    meeting = MeetingFactory(marac=referral.marac)
    return list_case(referral=referral, meeting=meeting, by=world.marac_coordinator)


def _marac_action(world):
    from onestory.marac.actions import add_action

    item = _agenda_item(world)
    return add_action(
        referral=item.referral,
        item=item,
        owning_agency=world.agency,
        description="Visit with the police to check the locks.",
        due_on=item.meeting.meets_on,
        by=world.marac_coordinator,
    )


def _repeat_flag(world):
    from datetime import timedelta

    from onestory.marac.models import RepeatFlag
    from onestory.risk.actions import record_incident

    referral = _marac_referral(world)
    referral.referred_on -= timedelta(days=30)
    referral.save(update_fields=["referred_on"])
    incident = record_incident(
        person=referral.victim,
        occurred_on=referral.referred_on + timedelta(days=10),
        kind="police",
        perpetrators=referral.perpetrators.all(),
        by=world.caseworker,
    )
    return RepeatFlag.objects.get(incident=incident)


def _case(world):
    from tests.factories import CaseFactory

    person = PersonFactory(owning_agency=world.agency)
    return CaseFactory(person=person, opened_by=world.caseworker)


def _goal(world):
    from tests.factories import GoalFactory

    return GoalFactory(case=_case(world))


def _plan_action(world):
    from tests.factories import PlanActionFactory

    return PlanActionFactory(goal=_goal(world))


def _hardening(world):
    from tests.factories import TargetHardeningFactory

    return TargetHardeningFactory(case=_case(world))


def _document(world):
    from tests.factories import CaseDocumentFactory

    return CaseDocumentFactory(case=_case(world))


def _service(world):
    from tests.factories import ServiceFactory

    return ServiceFactory(agency=world.agency)


def _onward_referral(world):
    from tests.factories import OnwardReferralFactory, ServiceFactory

    # Sent and received by the home agency, so both its senders and its receivers reach it.
    return OnwardReferralFactory(
        person=PersonFactory(owning_agency=world.agency),
        service=ServiceFactory(agency=world.agency),
        sent_by=world.caseworker,
    )


# Operation Encompass: a police notification recorded by the home agency (ownership decides
# who sees it), with one child whose school notice is not yet sent.
def _encompass_notice(world):
    from tests.factories import EncompassNoticeFactory, EncompassNotificationFactory, SchoolFactory

    notification = EncompassNotificationFactory(
        victim=PersonFactory(owning_agency=world.agency), recorded_by=world.call_handler
    )
    # The school's directory entry is linked to the home agency too, so the home agency's
    # school safeguarding lead reads the notice (as the school's lead), as its call handler
    # does (as the agency that prepared it).
    return EncompassNoticeFactory(
        notification=notification, school=SchoolFactory(agency=world.agency)
    )


# Safe accommodation: a scheme run by the home agency, with one unit.
def _unit(world):
    from tests.factories import SchemeFactory, UnitFactory

    scheme = SchemeFactory(agency=world.agency, created_by=world.caseworker)
    return UnitFactory(scheme=scheme)


def _listed_vacancy(world):
    from django.utils import timezone

    from onestory.accommodation.models import ListedVacancy

    return ListedVacancy.objects.create(
        listed_by_agency=world.agency,
        listed_by=world.call_handler,
        provider="Far Away Refuges",
        scheme_name="Distant House",
        scheme_type="refuge",
        town="Farmouth",
        bed_spaces=3,
        sexes="women",
        how_to_refer="Their referral line",
        reported_at=timezone.now(),
    )


def _placement(world):
    from onestory.accommodation.actions.placements import request_placement

    return request_placement(
        person=PersonFactory(owning_agency=world.agency),
        schemes=[_unit(world).scheme],
        adult_sex="woman",
        adults=1,
        from_area="Westbury",
        by=world.caseworker,
    )


def _stay(world):
    from django.utils import timezone

    from onestory.accommodation.actions.placements import answer_ask, answer_offer
    from onestory.accommodation.actions.stays import record_arrival

    ask = _placement(world).asks.get()
    answer_ask(ask=ask, answer="offered", unit=ask.scheme.units.get(), by=world.caseworker)
    answer_offer(ask=ask, answer="taken", by=world.caseworker)
    ask.refresh_from_db()
    return record_arrival(ask=ask, arrived_on=timezone.localdate(), by=world.caseworker)


def _install(world):
    from django.utils import timezone

    from onestory.accommodation.actions.sanctuary import start_install
    from tests.factories import SchemeFactory

    scheme = SchemeFactory(
        agency=world.agency, scheme_type="sanctuary", created_by=world.caseworker
    )
    return start_install(
        scheme=scheme,
        person=PersonFactory(owning_agency=world.agency),
        surveyed_on=timezone.localdate(),
        landlord_permission="not_needed",
        by=world.caseworker,
    )


def _fund_grant(world):
    from decimal import Decimal

    from onestory.accommodation.actions.fund import apply_for_grant

    return apply_for_grant(
        person=PersonFactory(owning_agency=world.agency),
        amount=Decimal(250),
        purpose="deposit",
        by=world.caseworker,
    )


def _intervention(world):
    from onestory.harm.choices import InterventionType, Source, Status
    from onestory.harm.models import Intervention

    today = timezone.localdate()
    return Intervention.objects.create(
        person=PersonFactory(owning_agency=world.agency),
        agency=world.agency,
        source=Source.POLICE,
        referred_on=today,
        status=Status.ACTIVE,
        suitable=True,
        assessed_on=today,
        started_on=today,
        intervention_type=InterventionType.BEHAVIOUR_CHANGE,
        planned_weeks=26,
        worker=world.caseworker,
        created_by=world.caseworker,
    )


def _order(world):
    from onestory.harm.actions import record_order

    return record_order(
        by=world.caseworker,
        person=PersonFactory(owning_agency=world.agency),
        kind="non_molestation",
        starts_on=timezone.localdate(),
    )


def _application(world):
    from tests.factories import ApplicationFactory

    return ApplicationFactory(agency=world.agency, created_by=world.disclosure_officer)


def _agency_check(world):
    # A check sent to the home agency by a police force elsewhere.
    from onestory.accounts.models import AgencyKind
    from tests.factories import AgencyCheckFactory, AgencyFactory, ApplicationFactory

    police = AgencyFactory(kind=AgencyKind.POLICE)
    officer = UserFactory(agency=police, role="disclosure_officer")
    application = ApplicationFactory(agency=police, created_by=officer)
    return AgencyCheckFactory(application=application, agency=world.agency, asked_by=officer)


def _ahead(days: int) -> date:
    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)


def _review(world):
    # A commissioned review the home agency coordinates, with one recommendation the home
    # agency owns and one chronology asked of it.
    from onestory.reviews import actions

    coordinator = world.review_coordinator
    review = actions.notify_death(
        pseudonym="Adult A",
        death_kind="homicide",
        died_on=date(2026, 5, 1),
        notified_on=date(2026, 5, 4),
        notified_by="Northshire Police",
        by=coordinator,
    )
    actions.decide(
        review=review,
        decision="commission",
        decision_reasons="Criteria met.",
        decision_on=date(2026, 5, 20),
        by=coordinator,
    )
    return review


def _recommendation(world):
    from onestory.reviews import actions

    return actions.add_recommendation(
        review=_review(world),
        text="Ask about abuse at every visit.",
        owner_agency=world.agency,
        actions="Training for all staff.",
        due_on=_ahead(180),
        by=world.review_coordinator,
    )


def _chronology(world):
    from onestory.reviews import actions

    return actions.ask_chronologies(
        review=_review(world),
        agencies=[world.agency],
        due_on=_ahead(21),
        by=world.review_coordinator,
    )[0]


def _feedback_token(world) -> str:
    from onestory.cases.actions.cases import close_case
    from onestory.voice.actions import give_link_for_case

    case = close_case(case=_case(world), reason="support_completed", by=world.caseworker)
    return give_link_for_case(case=case, by=world.caseworker).token


def _feedback_response(world):
    from onestory.voice.choices import TextCheck
    from onestory.voice.models import FeedbackResponse

    return FeedbackResponse.objects.create(
        agency=world.agency,
        contact_kind="support",
        quarter="2026Q2",
        listened="yes",
        safer="partly",
        repeated_story="no",
        what_helped="Being believed.",
        text_check=TextCheck.WAITING,
    )


def _panel_member(world):
    from onestory.voice.actions.panel import add_member

    return add_member(
        agency=world.agency,
        by=world.manager,
        name="Rosa",
        phone="07700 900456",
        safe_to_call=True,
        voicemail_allowed=False,
    )


def _log_entry(world):
    import datetime as dt

    from onestory.voice.actions.panel import add_log_entry

    return add_log_entry(
        agency=world.agency,
        by=world.manager,
        raised_through="feedback",
        you_said="Waiting lists are too long.",
        response="Two more workers from April.",
        owner="Service manager",
        raised_on=dt.date(2026, 5, 1),
    )


def _family(world):
    from onestory.harm.actions import open_family

    person = PersonFactory(owning_agency=world.agency)
    return open_family(by=world.caseworker, person=person, role="adult_victim")


def _training_session(world):
    from onestory.training.models import Course, Session

    course = Course.objects.create(name="Coercive control", topic="coercive_control")
    return Session.objects.create(
        course=course,
        organised_by=world.agency,
        held_on=date(2026, 5, 12),
        trainer="A Trainer",
        created_by=world.review_coordinator,
    )


def _reset_link(world) -> tuple[str, str]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.caseworker
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def _candidate_link(world):
    from tests.integration.linkage.helpers import make_link

    return make_link(world.agency, person=PersonFactory(owning_agency=world.agency))


URL_PARAMS: dict[str, Callable] = {
    "person_id": lambda world: PersonFactory(owning_agency=world.agency).pk,
    # A second home-agency person (merging two records).
    "other_person_id": lambda world: PersonFactory(owning_agency=world.agency).pk,
    # A member of staff at the home agency (staff accounts pages).
    "user_id": lambda world: UserFactory(agency=world.agency).pk,
    # A token of the home agency's caseworker (see PERSONAL_PARAMS).
    "assessment_id": lambda world: _assessment(world).pk,
    "screen": lambda world: "stalking",
    # A share of a home-agency person to the other agency: only the holder manages it.
    "share_id": lambda world: _share(world).pk,
    # The other agency's caseworker opened a home-agency record in an emergency.
    "emergency_id": lambda world: _emergency_access(world).pk,
    "token_id": lambda world: (
        issue_token(user=world.caseworker, name="Matrix", by=world.caseworker)[0].pk
    ),
    # A referral held by the home agency (the front door holds new ones; ownership decides).
    "referral_id": lambda world: ReferralFactory(owning_agency=world.agency).pk,
    # Case work: an open case of a home-agency person, led by the home agency's caseworker.
    "case_id": lambda world: _case(world).pk,
    "goal_id": lambda world: _goal(world).pk,
    "plan_action_id": lambda world: _plan_action(world).pk,
    "hardening_id": lambda world: _hardening(world).pk,
    # A document row without a stored file: the download page answers "410 Gone".
    "document_id": lambda world: _document(world).pk,
    "marac_id": lambda world: _marac(world).pk,
    # A case listed for a meeting, so the home agency's representative sees it too.
    "marac_referral_id": lambda world: _agenda_item(world).referral_id,
    "marac_meeting_id": lambda world: _agenda_item(world).meeting_id,
    "agenda_item_id": lambda world: _agenda_item(world).pk,
    "marac_action_id": lambda world: _marac_action(world).pk,
    "repeat_flag_id": lambda world: _repeat_flag(world).pk,
    # A directory service run by the home agency (directory pages are open to every agency).
    "service_id": lambda world: _service(world).pk,
    "onward_referral_id": lambda world: _onward_referral(world).pk,
    "encompass_notification_id": lambda world: _encompass_notice(world).notification_id,
    "encompass_notice_id": lambda world: _encompass_notice(world).pk,
    "scheme_id": lambda world: _unit(world).scheme_id,
    "unit_id": lambda world: _unit(world).pk,
    "listed_vacancy_id": lambda world: _listed_vacancy(world).pk,
    # A request by the home agency for a home-agency person, to a scheme the home agency runs.
    "placement_request_id": lambda world: _placement(world).pk,
    "placement_ask_id": lambda world: _placement(world).asks.get().pk,
    # A household staying in the home agency's scheme.
    "stay_id": lambda world: _stay(world).pk,
    # A sanctuary install under the home agency's scheme, for a home-agency person.
    "sanctuary_install_id": lambda world: _install(world).pk,
    # A Safe Start grant the home agency's caseworker applied for.
    "fund_grant_id": lambda world: _fund_grant(world).pk,
    # An intervention run by the home agency for a home-agency person using harm (the
    # matrix's home agency stands in for a perpetrator service: ownership decides).
    "intervention_id": lambda world: _intervention(world).pk,
    # An order about a home-agency person using harm, recorded by the home agency.
    "order_id": lambda world: _order(world).pk,
    # A disclosure application held by the home agency's disclosure team.
    "application_id": lambda world: _application(world).pk,
    # A disclosure check sent to the home agency by another force's disclosure team.
    "agency_check_id": lambda world: _agency_check(world).pk,
    # Reviews the home agency's review coordinator keeps; the recommendation is the home
    # agency's to carry out.
    "review_id": lambda world: _review(world).pk,
    "recommendation_id": lambda world: _recommendation(world).pk,
    "chronology_request_id": lambda world: _chronology(world).pk,
    # A pair in the home agency's linkage review queue: one of its extracts' records and a
    # home-agency person.
    "candidate_link_id": lambda world: _candidate_link(world).pk,
    # A feedback link given at the close of a home-agency case (a public page).
    "feedback_token": _feedback_token,
    # Feedback about the home agency, its words waiting to be checked by its managers.
    "response_id": lambda world: _feedback_response(world).pk,
    # A member of the home agency's lived-experience panel, and a line of its log.
    "member_id": lambda world: _panel_member(world).pk,
    "entry_id": lambda world: _log_entry(world).pk,
    # A family case opened by the home agency's caseworker, about a home-agency person.
    "family_id": lambda world: _family(world).pk,
    # A training session the home agency organised.
    "session_id": lambda world: _training_session(world).pk,
    # A password reset link for the home agency's caseworker (public pages).
    "uidb64": lambda world: _reset_link(world)[0],
    "token": lambda world: _reset_link(world)[1],
}


# Parameters naming something that belongs to one member of staff rather than to the
# agency. A home-agency user for whom the entry answers False gets 404, as an outsider does.
PERSONAL_PARAMS: dict[str, Callable] = {
    # API tokens: their owner and the agency's team managers (onestory/accounts/tokens/access.py).
    "token_id": lambda world, user: (
        user == world.caseworker or user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS)
    ),
}
