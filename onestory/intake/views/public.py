"""The public ways in: a page before the form, the online form, and the professionals' form.

These pages keep no session and set no cookie but the CSRF one; their titles say nothing
about abuse; and no page, including the confirmation, repeats what a person told us. The
forms' POSTs are limited per client address (``ONESTORY_THROTTLE_PUBLIC_FORMS``), so one
sender cannot flood the front-door queue.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from onestory.accounts.decorators import public_view
from onestory.core.throttles import limit_posts
from onestory.intake.actions import NoFrontDoor, central_point_of_contact, submit_referral
from onestory.intake.choices import Channel, Source
from onestory.intake.forms.public import (
    PUBLIC_SOURCES,
    FormState,
    ProfessionalReferralForm,
    WhoForm,
    public_form,
)
from onestory.intake.models import Referral

STATE_FIELD = "form_state"
STARTED_AGAIN = _(
    "This form was open for too long, or could not be read, so nothing was sent. "
    "Please start again."
)


def _front_door_open() -> bool:
    try:
        central_point_of_contact()
    except NoFrontDoor:
        return False
    return True


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/public/unavailable.html", status=503)


def _confirmation(request: HttpRequest, referral: Referral) -> HttpResponse:
    template = (
        "intake/public/sent_own_behaviour.html"
        if referral.source == Source.OWN_BEHAVIOUR
        else "intake/public/sent.html"
    )
    return render(request, template, {"reference": referral.reference})


def _form_language() -> str:
    """The language the form was shown in, for the staff who read it; blank for English."""
    language = get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else language


def _submit(
    request: HttpRequest, form, *, channel: Channel, state: FormState
) -> HttpResponse | None:
    """Send the referral; the confirmation, or None with the form's errors filled in."""
    try:
        referral = submit_referral(
            channel=channel,
            request=request,
            submission_token=state.token,
            form_language=_form_language(),
            **form.answers(),
        )
    except NoFrontDoor:
        return _unavailable(request)
    except ValidationError as problems:
        for field, messages in problems.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return None
    return _confirmation(request, referral)


@public_view
@require_GET
def before_you_start(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/public/before_you_start.html")


@public_view
@limit_posts("THROTTLE_PUBLIC_FORMS")
@never_cache
@require_http_methods(["GET", "POST"])
def contact_form(request: HttpRequest) -> HttpResponse:
    """Step one asks who is getting in touch; step two asks the questions that fit them."""
    if not _front_door_open():
        return _unavailable(request)
    if request.method == "GET":
        return render(request, "intake/public/who.html", {"form": WhoForm()})

    if STATE_FIELD not in request.POST:
        who = WhoForm(request.POST)
        if not who.is_valid():
            return render(request, "intake/public/who.html", {"form": who})
        state = FormState.start(who.cleaned_data["source"])
        form = public_form(state)
        return render(request, _details_template(state), {"form": form, "state": state})

    state = FormState.read(request.POST[STATE_FIELD], allowed=set(PUBLIC_SOURCES))
    if state is None:
        return render(
            request, "intake/public/who.html", {"form": WhoForm(), "notice": STARTED_AGAIN}
        )
    form = public_form(state, request.POST)
    if form.is_valid():
        response = _submit(request, form, channel=Channel.ONLINE_FORM, state=state)
        if response is not None:
            return response
    return render(request, _details_template(state), {"form": form, "state": state})


def _details_template(state: FormState) -> str:
    if state.source == Source.OWN_BEHAVIOUR:
        return "intake/public/own_behaviour.html"
    return "intake/public/details.html"


@public_view
@limit_posts("THROTTLE_PUBLIC_FORMS")
@never_cache
@require_http_methods(["GET", "POST"])
def professional_form(request: HttpRequest) -> HttpResponse:
    if not _front_door_open():
        return _unavailable(request)
    state = None
    if request.method == "POST":
        state = FormState.read(request.POST.get(STATE_FIELD, ""), allowed={Source.PROFESSIONAL})
    if state is None:
        fresh = FormState.start(Source.PROFESSIONAL)
        notice = STARTED_AGAIN if request.method == "POST" else ""
        context = {"form": ProfessionalReferralForm(), "state": fresh, "notice": notice}
        return render(request, "intake/public/professional.html", context)
    form = ProfessionalReferralForm(request.POST)
    if form.is_valid():
        response = _submit(request, form, channel=Channel.PROFESSIONAL_FORM, state=state)
        if response is not None:
            return response
    return render(request, "intake/public/professional.html", {"form": form, "state": state})
