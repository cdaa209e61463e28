"""The review queue: pairs the linkage model suggested, one person's decision on each, and
the model's parameters for the person responsible for it. Thin: the access module decides
what is shown, the actions write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.linkage import actions, queries, rules
from onestory.linkage.access import (
    current_model,
    get_link_for_user,
    linked_records_for_user,
    queue,
)
from onestory.linkage.forms import CONFIRM, DecisionForm

PAGE_SIZE = 25
_SHOWN = ["given_name", "family_name", "date_of_birth", "match_probability", "evidence"]


@staff_view(Permission.MERGE_PERSONS)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    links = list(page.object_list)
    shown = {p.pk for link in links for p in (link.left_person, link.right_person) if p}
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=_SHOWN,
        reason=f"linkage review queue: {len(links)} pairs",
        shown_person_ids=sorted(shown),
    )
    return render(
        request,
        "linkage/queue.html",
        {"page": page, "links": links, "model": current_model(request.user)},
    )


@staff_view(Permission.MERGE_PERSONS)
@require_http_methods(["GET", "POST"])
def review_link(request: HttpRequest, candidate_link_id: int) -> HttpResponse:
    link, sides = get_link_for_user(request, candidate_link_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decide = (
            actions.confirm_link
            if form.cleaned_data["decision"] == CONFIRM
            else actions.reject_link
        )
        try:
            decide(link=link, by=request.user, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            if link.status != "confirmed":
                said = "Recorded as different people. This pair will not be suggested again."
            elif len(link.persons) == 2:
                said = (
                    "Confirmed as one person. Both are OneStory records: merge them from the "
                    "person's page to make them one record."
                )
            else:
                said = "Linked: the records are now one person."
            messages.success(request, said)
            return redirect("linkage:queue")
    for side in sides:
        fields = ["given_name", "family_name", "date_of_birth", "sex", "nhs_number"]
        if side.location_shown:
            fields += ["postcode", "address", "phone"]
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=link,
            person_id=side.person.pk if side.person else None,
            fields=fields,
            reason=f"linkage pair {side.key}",
        )
    return render(
        request,
        "linkage/link.html",
        {
            "link": link,
            "sides": sides,
            "form": form,
            "decided": link.status != "suggested",
            "evidence": link.evidence,
        },
    )


@staff_view(Permission.MERGE_PERSONS)
@require_GET
def model_parameters(request: HttpRequest) -> HttpResponse:
    model = current_model(request.user)
    comparisons = []
    if model is not None:
        for name, levels in rules.level_weights(model.settings).items():
            comparisons.append(
                {
                    "name": rules.COMPARISON_NAMES.get(name, name),
                    "levels": [
                        {"label": label, "weight": weight, "null": weight is None}
                        for label, weight in levels
                    ],
                }
            )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=model,
        reason="linkage model parameters",
    )
    return render(
        request,
        "linkage/model.html",
        {
            "model": model,
            "comparisons": comparisons,
            "prior": model.settings.get("probability_two_random_records_match") if model else None,
            "blocking": [
                rule["blocking_rule"]
                for rule in (
                    model.settings.get("blocking_rules_to_generate_predictions", [])
                    if model
                    else []
                )
            ],
        },
    )


def _named(cluster: frozenset[str], names: dict[str, str]) -> str:
    shown = sorted({names[key] for key in cluster if key in names})
    return " / ".join(shown) or "A OneStory person"


@staff_view(Permission.MERGE_PERSONS)
@require_GET
def findings(request: HttpRequest) -> HttpResponse:
    """What the confirmed links show across the agency's extracts: the same victim and
    person using harm recorded by several sources, and people harming more than one victim."""
    repeats, serials = [], []
    if request.user.agency_id is not None:
        agency = request.user.agency
        repeats, serials = rules.findings(
            queries.event_parts(agency), queries.confirmed_pairs(agency)
        )
    keys = {
        int(key[1:])
        for found in [*(r.victim | r.harm for r in repeats), *(s.harm for s in serials)]
        + [v for s in serials for v in s.victims]
        for key in found
        if key.startswith("r")
    }
    names = {
        queries.record_key(pk): f"{given} {family} ({source.replace('_', ' ')})"
        for pk, given, family, source in queries.source_records(request.user.agency)
        .filter(pk__in=keys)
        .values_list("pk", "given_name", "family_name", "extract__source")
    }
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["given_name", "family_name", "events"],
        reason=f"linkage findings: {len(repeats)} repeats, {len(serials)} serial",
    )
    return render(
        request,
        "linkage/findings.html",
        {
            "repeats": [
                {
                    "victim": _named(r.victim, names),
                    "harm": _named(r.harm, names),
                    "sources": sorted(s.replace("_", " ").split(":")[0] for s in r.scopes),
                    "events": r.events,
                }
                for r in repeats
            ],
            "serials": [
                {"harm": _named(s.harm, names), "victims": [_named(v, names) for v in s.victims]}
                for s in serials
            ],
        },
    )


@staff_view(Permission.VIEW_PERSON)
@require_GET
def person_links(request: HttpRequest, person_id: int) -> HttpResponse:
    """The agency records confirmed links join to a person, and the decisions on them."""
    found = linked_records_for_user(request, person_id)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=found.person,
        fields=found.fields,
        reason=f"linked agency records: {len(found.records)}",
    )
    return render(
        request,
        "linkage/person.html",
        {"person": found.person, "records": found.records, "decisions": found.decisions},
    )
