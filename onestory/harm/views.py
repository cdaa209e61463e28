"""Pages for work with people who use harm. Thin: the rules are in ``rules``, the writes
in ``actions``, and who may see what in ``access``."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import visible_persons
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal, posted
from onestory.harm import actions, forms
from onestory.harm.access import (
    alerts_for,
    families_for,
    family_members_in_full,
    family_members_seen,
    family_view,
    get_family_for_user,
    get_intervention_for_user,
    get_order_for_user,
    get_person_for_orders,
    interventions_for,
    linked_interventions,
    may_name_protected,
    may_take_referrals,
)
from onestory.harm.choices import (
    OPEN_STATUSES,
    MemberRole,
    RiskLevel,
    SessionStatus,
    Source,
    Status,
)
from onestory.harm.figures import figures
from onestory.harm.models import FamilyGoal, FamilyMember, Intervention, Order, RiskReview
from onestory.referrals.access import get_onward_referral_for_user


def _handled(request: HttpRequest, form, action, *, done: str, **arguments):
    """When a valid form was posted, run ``action`` with its answers and say ``done``.
    Returns what the action made, or None: nothing posted, or the form now carries the
    action's refusal and the page is shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        made = action(by=request.user, request=request, **arguments, **form.cleaned_data)
    except ValidationError as error:
        add_refusal(form, error)
        return None
    messages.success(request, done)
    return made


def _with_tally(interventions):
    """Each intervention with its sessions attended and missed counted in the one query."""
    return interventions.annotate(
        attended=Count("sessions", filter=Q(sessions__status=SessionStatus.ATTENDED)),
        missed=Count("sessions", filter=Q(sessions__status=SessionStatus.MISSED)),
    )


def _connected_to(person_ids) -> Q:
    """People with a connection recorded to any of ``person_ids``, in either direction."""
    return Q(relationships__other_person__in=person_ids) | Q(
        relationships_to__person__in=person_ids
    )


def _form_page(request, form, *, title, submit, intervention=None, back=None, caption=""):
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "intervention": intervention,
        "back": back,
        "caption": caption,
    }
    return render(request, "harm/form.html", context)


@staff_view(Permission.WORK_CASES)
@require_GET
def intervention_list(request: HttpRequest) -> HttpResponse:
    interventions = list(
        _with_tally(interventions_for(request.user).select_related("person")).order_by(
            "-referred_on", "-id"
        )[:200]
    )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"interventions: {len(interventions)}",
        shown_person_ids=[i.person_id for i in interventions],
    )
    context = {
        "open": [i for i in interventions if i.status in OPEN_STATUSES],
        "ended": [i for i in interventions if i.status not in OPEN_STATUSES],
        "may_refer": may_take_referrals(request.user),
    }
    return render(request, "harm/list.html", context)


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def new_referral(request: HttpRequest) -> HttpResponse:
    if not may_take_referrals(request.user):
        return render(request, "harm/not_a_service.html")
    form = forms.ReferralForm(posted(request))
    if intervention := _handled(request, form, actions.record_referral, done="Referral recorded"):
        return redirect("harm:intervention", intervention.pk)
    return _form_page(
        request,
        form,
        title="Record a referral of a person using harm",
        submit="Record the referral",
        back="harm:list",
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def from_onward(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    """A programme referral made from an accepted onward referral: the page shows what it
    will carry, and one button records it."""
    onward, _sides, _grant = get_onward_referral_for_user(request, onward_referral_id)
    made = interventions_for(request.user).filter(onward_referral=onward).first()
    if made is not None:
        return redirect("harm:intervention", made.pk)
    problem = actions.onward_refusal(request.user, onward)
    if request.method == "POST" and problem is None:
        intervention = actions.record_referral_from_onward(
            by=request.user, onward=onward, request=request
        )
        messages.success(request, "Referral to the programme recorded")
        return redirect("harm:intervention", intervention.pk)
    carried = actions.carried_from_onward(onward) if problem is None else None
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=onward,
        reason=f"programme referral from onward referral {onward.pk}",
    )
    context = {
        "onward": onward,
        "problem": problem,
        "carried": carried,
        "source": Source(carried["source"]).label if carried else "",
    }
    return render(request, "harm/from_onward.html", context)


@staff_view(Permission.WORK_CASES)
@require_GET
def intervention_detail(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request, intervention_id)
    sessions = list(intervention.sessions.all())
    reviews = list(intervention.risk_reviews.all())
    events = list(intervention.risk_events.all())
    orders = list(
        Order.objects.filter(person=intervention.person)
        .annotate(protected_count=Count("protected", distinct=True))
        .prefetch_related("breaches")
    )
    audit.record(action=AuditAction.VIEW, request=request, obj=intervention)
    tally = Counter(s.status for s in sessions)
    context = {
        "intervention": intervention,
        "sessions": sessions,
        "tally": {status.label: tally.get(status.value, 0) for status in SessionStatus},
        "reviews": reviews,
        "events": events,
        "orders": orders,
        "active": intervention.status == Status.ACTIVE,
        "referred": intervention.status == Status.REFERRED,
    }
    return render(request, "harm/intervention.html", context)


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request, intervention_id)
    form = forms.AssessmentForm(
        posted(request), workers=actions.partner_workers(intervention.agency)
    )
    done = "Assessment recorded"
    if _handled(request, form, actions.assess, done=done, intervention=intervention):
        return redirect("harm:intervention", intervention.pk)
    return _form_page(
        request,
        form,
        title="Assess suitability and readiness",
        submit="Record the assessment",
        intervention=intervention,
    )


def _intervention_page(form_class, action, *, title: str, submit: str, done: str):
    """A page that records one thing on an intervention: its form, its action, its words.
    Who may open it is decided by ``get_intervention_for_user``, as for every page here."""

    @staff_view(Permission.WORK_CASES)
    @require_http_methods(["GET", "POST"])
    def page(request: HttpRequest, intervention_id: int) -> HttpResponse:
        intervention = get_intervention_for_user(request, intervention_id)
        form = form_class(posted(request))
        if _handled(request, form, action, done=done, intervention=intervention):
            return redirect("harm:intervention", intervention.pk)
        return _form_page(request, form, title=title, submit=submit, intervention=intervention)

    return page


new_session = _intervention_page(
    forms.SessionForm,
    actions.record_session,
    title="Record a session",
    submit="Record the session",
    done="Session recorded",
)
new_review = _intervention_page(
    forms.RiskReviewForm,
    actions.record_risk_review,
    title="Review the risk",
    submit="Record the risk review",
    done="Risk review recorded",
)
new_event = _intervention_page(
    forms.RiskEventForm,
    actions.record_risk_event,
    title="Record a risk event",
    submit="Record the event",
    done="Risk event recorded",
)
end = _intervention_page(
    forms.EndForm,
    actions.end_intervention,
    title="End the intervention",
    submit="Record the ending",
    done="Ending recorded",
)


@staff_view(Permission.WORK_CASES, Permission.SUPPORT_PARTNERS)
@require_http_methods(["GET", "POST"])
def alerts(request: HttpRequest) -> HttpResponse:
    """The partner-support worker's risk alerts, and the interventions she is linked to."""
    if request.method == "POST":
        count = actions.mark_alerts_seen(by=request.user, request=request)
        messages.success(request, f"{count} alert{'s' if count != 1 else ''} marked as seen")
        return redirect("harm:alerts")
    shown = list(alerts_for(request.user).select_related("person", "from_agency")[:200])
    latest = RiskReview.objects.filter(intervention=OuterRef("pk")).order_by("-assessed_on", "-id")
    linked = list(
        _with_tally(linked_interventions(request.user).select_related("person", "agency"))
        .annotate(latest=Subquery(latest.values("level")[:1]))
        .order_by("-referred_on", "-id")[:200]
    )
    for intervention in linked:
        intervention.latest_level = (
            RiskLevel(intervention.latest).label if intervention.latest else ""
        )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"risk alerts: {len(shown)}, linked interventions: {len(linked)}",
        shown_person_ids={a.person_id for a in shown} | {i.person_id for i in linked},
    )
    context = {
        "alerts": shown,
        "unseen": sum(1 for a in shown if a.seen_at is None),
        "linked": linked,
    }
    return render(request, "harm/alerts.html", context)


@staff_view(Permission.WORK_CASES, Permission.RECORD_POLICE_NOTIFICATIONS)
@require_http_methods(["GET", "POST"])
def new_order(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_orders(request, person_id)
    protectable = None
    if may_name_protected(request.user):
        connected = _connected_to([person.pk])
        protectable = visible_persons(request.user).filter(connected).distinct()
    form = forms.OrderForm(posted(request), protectable=protectable)
    if _handled(request, form, actions.record_order, done="Order recorded", person=person):
        intervention = (
            Intervention.objects.filter(person=person, agency_id=request.user.agency_id)
            .order_by("-referred_on")
            .first()
        )
        if intervention is not None:
            return redirect("harm:intervention", intervention.pk)
        return redirect("people:person", person.pk)
    return _form_page(
        request,
        form,
        title="Record a court order or police notice",
        submit="Record the order",
        caption=person.display_name,
    )


@staff_view(Permission.WORK_CASES, Permission.RECORD_POLICE_NOTIFICATIONS)
@require_http_methods(["GET", "POST"])
def new_breach(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_order_for_user(request, order_id)
    form = forms.BreachForm(posted(request))
    done = "Breach recorded; the victim's workers have been told"
    if _handled(request, form, actions.record_breach, done=done, order=order):
        return redirect("people:person", order.person_id)
    return _form_page(
        request,
        form,
        title=f"Record a breach of a {order.get_kind_display().lower()}",
        submit="Record the breach",
        caption=f"{order.person.display_name}, made {order.starts_on:%-d %B %Y}",
    )


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    end = today
    form = forms.PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif not form.is_bound:
        form = forms.PeriodForm(initial={"start": start, "end": end})
    result = figures(start, end) if not form.errors else None
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"figures for people who use harm {start.isoformat()} to {end.isoformat()}",
    )
    return render(request, "harm/figures.html", {"form": form, "figures": result})


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def open_family(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_orders(request, person_id)
    form = forms.OpenFamilyForm(posted(request))
    if family := _handled(
        request, form, actions.open_family, done="Family case opened", person=person
    ):
        return redirect("harm:family", family.pk)
    return _form_page(
        request,
        form,
        title="Open a family case",
        submit="Open the family case",
        caption=person.display_name,
    )


@staff_view(Permission.WORK_CASES)
@require_GET
def family_list(request: HttpRequest) -> HttpResponse:
    """The family cases this worker sees a member of, newest first, with who is in each as
    far as she may see them, and counts a lead practitioner looks for."""
    user = request.user
    form = forms.FamilyFilterForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    seen = family_members_seen(user)
    with_children = Q(pk__in=seen.filter(role=MemberRole.CHILD).values("family_id"))
    families = families_for(user)
    if chosen.get("led") == "me":
        families = families.filter(lead_practitioner=user)
    elif chosen.get("led") == "agency":
        families = families.filter(agency_id=user.agency_id)
    if chosen.get("children") == "yes":
        families = families.filter(with_children)
    elif chosen.get("children") == "no":
        families = families.exclude(with_children)
    totals = families.aggregate(
        cases=Count("pk"),
        yours=Count("pk", filter=Q(lead_practitioner=user)),
        children=Count("pk", filter=with_children),
    )
    shown = list(
        families.select_related("agency", "lead_practitioner").order_by("-opened_on", "-id")[:200]
    )
    members: dict[int, list[FamilyMember]] = {family.pk: [] for family in shown}
    for member in seen.filter(family__in=shown).select_related("person").order_by("role", "id"):
        members[member.family_id].append(member)
    goals = dict(
        FamilyGoal.objects.filter(member__in=family_members_in_full(user), member__family__in=shown)
        .values_list("member__family")
        .annotate(count=Count("id"))
    )
    rows = [
        {
            "family": family,
            "members": members[family.pk],
            "children": sum(1 for m in members[family.pk] if m.role == MemberRole.CHILD),
            "goals": goals.get(family.pk, 0),
        }
        for family in shown
    ]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"family cases: {len(rows)}",
        shown_person_ids={m.person_id for listed in members.values() for m in listed},
    )
    context = {"form": form, "rows": rows, "totals": totals, "filtered": any(chosen.values())}
    return render(request, "harm/families.html", context)


@staff_view(Permission.WORK_CASES)
@require_GET
def family_detail(request: HttpRequest, family_id: int) -> HttpResponse:
    family, members = get_family_for_user(request, family_id)
    detailed = [view.member.pk for view in members if view.details]
    by_member: dict[int, list] = {}
    for goal in FamilyGoal.objects.filter(member_id__in=detailed).order_by("id"):
        by_member.setdefault(goal.member_id, []).append(goal)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=family,
        reason=f"family case {family.pk}",
        shown_person_ids=[view.member.person_id for view in members],
    )
    context = {
        "family": family,
        "members": [(view, by_member.get(view.member.pk, [])) for view in members],
        "hidden": family.members.count() - len(members),
    }
    return render(request, "harm/family.html", context)


def _candidates(user, family):
    people = [view.member.person_id for view in family_view(user, family)]
    return visible_persons(user).filter(_connected_to(people)).exclude(pk__in=people).distinct()


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_member(request: HttpRequest, family_id: int) -> HttpResponse:
    family, _members = get_family_for_user(request, family_id)
    form = forms.MemberForm(posted(request), candidates=_candidates(request.user, family))
    if _handled(request, form, actions.add_member, done="Member added", family=family):
        return redirect("harm:family", family.pk)
    return _form_page(request, form, title="Add a member of the family", submit="Add them")


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_goal(request: HttpRequest, family_id: int) -> HttpResponse:
    family, members = get_family_for_user(request, family_id)
    allowed = FamilyMember.objects.filter(
        pk__in=[view.member.pk for view in members if view.details]
    ).select_related("person")
    form = forms.GoalForm(posted(request), members=allowed)
    done = "Goal added to the family plan"
    if _handled(request, form, actions.add_goal, done=done, family=family):
        return redirect("harm:family", family.pk)
    return _form_page(request, form, title="Add a goal to the family plan", submit="Add the goal")
