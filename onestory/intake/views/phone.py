"""The call handler's phone intake screen, and the people-already-known search it shows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.intake import tokens
from onestory.intake.access import visible_referrals
from onestory.intake.actions import NoFrontDoor, central_point_of_contact, submit_referral
from onestory.intake.choices import Channel
from onestory.intake.forms.phone import NEW_PERSON, CandidateSearchForm, PhoneReferralForm

TOKEN_FIELD = "submission"  # noqa: S105 (a form field's name)


def at_front_door(user) -> bool:
    """Only the front door's own staff link a referral to a person record as they take it."""
    try:
        return central_point_of_contact().pk == user.agency_id
    except NoFrontDoor:
        return False


def candidates_for(request: HttpRequest) -> tuple[list, bool]:
    """People already known who may be the one described so far, and whether a search ran."""
    terms = CandidateSearchForm(request.POST).search_terms()
    if terms is None:
        return [], False
    # The search audits itself, naming which details were given.
    return find_candidates(request.user, **terms, limit=10), True


def _as_typed(request: HttpRequest, *, may_link: bool) -> PhoneReferralForm:
    """The form as typed so far, unchecked: a search must not show errors for unfinished answers."""
    blank = PhoneReferralForm(user=request.user, may_link=may_link)
    typed = {
        name: field.widget.value_from_datadict(request.POST, request.FILES, name)
        for name, field in blank.fields.items()
    }
    return PhoneReferralForm(initial=typed, user=request.user, may_link=may_link)


def _page(request: HttpRequest, form, *, token: str, may_link: bool, found=(), searched=False):
    context = {
        "form": form,
        "token": token,
        "may_link": may_link,
        "candidates": found,
        "searched": searched,
        "chosen": request.POST.get("link", ""),
    }
    return render(request, "intake/staff/take_referral.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def take_referral(request: HttpRequest) -> HttpResponse:
    may_link = at_front_door(request.user)
    if request.method == "GET":
        form = PhoneReferralForm(user=request.user, may_link=may_link)
        return _page(request, form, token=tokens.issue("phone"), may_link=may_link)

    saving = request.POST.get("action") == "save"
    if saving:
        form = PhoneReferralForm(request.POST, user=request.user, may_link=may_link)
    else:
        form = _as_typed(request, may_link=may_link)
    signed = request.POST.get(TOKEN_FIELD, "")
    redeemed = tokens.redeem(signed, "phone")
    found, searched = candidates_for(request) if may_link else ([], False)
    if saving and form.is_valid():
        if redeemed is None:
            form.add_error(None, "This form was open too long to send. Check it and save again.")
        else:
            link = form.cleaned_data["link"]
            try:
                referral = submit_referral(
                    by=request.user,
                    channel=Channel.PHONE,
                    request=request,
                    submission_token=redeemed["token"],
                    person=link if link not in ("", NEW_PERSON) else None,
                    new_person=link == NEW_PERSON,
                    **form.answers(),
                )
            except NoFrontDoor as refused:
                form.add_error(None, str(refused))
            except ValidationError as problems:
                for field, messages_for_field in problems.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_for_field)
            else:
                messages.success(request, f"Referral {referral.reference} saved.")
                if referral.person is not None and link != NEW_PERSON:
                    # Linked to someone known: offer the new details for their record.
                    return redirect(
                        "intake:link-compare",
                        referral_id=referral.pk,
                        person_id=referral.person_id,
                    )
                if visible_referrals(request.user).filter(pk=referral.pk).exists():
                    return redirect("intake:referral", referral_id=referral.pk)
                return redirect("intake:take-referral")
    token = signed if redeemed is not None else tokens.issue("phone")
    return _page(request, form, token=token, may_link=may_link, found=found, searched=searched)


@staff_view(Permission.TAKE_REFERRAL)
@require_POST
def candidates(request: HttpRequest) -> HttpResponse:
    """The candidates list alone, for the page to refresh as the call handler types."""
    may_link = at_front_door(request.user)
    found, searched = candidates_for(request) if may_link else ([], False)
    context = {
        "candidates": found,
        "searched": searched,
        "chosen": request.POST.get("link", ""),
        "allow_later": True,
        "may_link": may_link,
    }
    return render(request, "intake/includes/candidates.html", context)
