"""Feedback pages: the public form a link opens, giving links, checking words, the figures."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accounts.decorators import public_view, staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.throttles import limit_posts
from onestory.voice import actions, queries
from onestory.voice.access import (
    get_case_for_link,
    get_referral_for_link,
    get_response_to_check,
    responses_to_check,
)
from onestory.voice.choices import TextCheck
from onestory.voice.forms import CheckWordsForm, ContactLinkForm, FeedbackForm
from onestory.voice.models import FeedbackInvitation

# --- the public form -------------------------------------------------------------------------


@public_view
@limit_posts("THROTTLE_PUBLIC_FORMS")
@never_cache
@require_http_methods(["GET", "POST"])
def give_feedback(request: HttpRequest, feedback_token: str) -> HttpResponse:
    """The form a link opens. Opening it does not use the link up; sending the answers does."""
    token = feedback_token
    link = actions.usable_link(token)
    if link is None:
        return render(request, "voice/public/link_not_usable.html", status=410)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.give_feedback(token=token, **form.cleaned_data)
        except actions.LinkNotUsable:
            return render(request, "voice/public/link_not_usable.html", status=410)
        return render(request, "voice/public/thank_you.html")
    return render(request, "voice/public/form.html", {"form": form, "token": token})


# --- giving a link ---------------------------------------------------------------------------


def _link_page(request: HttpRequest, given: actions.GivenLink, back: str) -> HttpResponse:
    url = request.build_absolute_uri(reverse("voice:give", args=[given.token]))
    qr = segno.make(url, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")
    return render(
        request,
        "voice/staff/link_given.html",
        {"url": url, "qr": mark_safe(qr), "back": back},  # noqa: S308 (segno's own SVG)
    )


@staff_view(Permission.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def case_link(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_link(request, case_id)
    back = reverse("cases:case", args=[case.pk])
    invitation = FeedbackInvitation.objects.filter(case=case).first()
    problem = ""
    if request.method == "POST":
        try:
            given = actions.give_link_for_case(case=case, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            return _link_page(request, given, back)
    audit.record(action=AuditAction.VIEW, request=request, obj=case)
    return render(
        request,
        "voice/staff/offer.html",
        {
            "what": "case",
            "case": case,
            "invitation": invitation,
            "problem": problem,
            "back": back,
            "form": None,
            "may_give": case.is_closed and invitation is None,
        },
    )


@staff_view(Permission.TRIAGE)
@never_cache
@require_http_methods(["GET", "POST"])
def contact_link(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for_link(request, referral_id)
    back = reverse("intake:referral", args=[referral.pk])
    invitation = FeedbackInvitation.objects.filter(referral=referral).first()
    form = ContactLinkForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            given = actions.give_link_for_contact(
                referral=referral,
                agreed_to_be_asked=form.cleaned_data["agreed_to_be_asked"],
                by=request.user,
            )
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            return _link_page(request, given, back)
    audit.record(action=AuditAction.VIEW, request=request, obj=referral)
    return render(
        request,
        "voice/staff/offer.html",
        {
            "what": "contact",
            "referral": referral,
            "invitation": invitation,
            "problem": problem,
            "back": back,
            "form": form,
            "may_give": invitation is None,
        },
    )


# --- checking the words people wrote ---------------------------------------------------------


@staff_view(Permission.ASSIGN_WORK)
@require_GET
def words_to_check(request: HttpRequest) -> HttpResponse:
    waiting = list(responses_to_check(request.user))
    return render(request, "voice/staff/to_check.html", {"waiting": waiting})


@staff_view(Permission.ASSIGN_WORK)
@never_cache
@require_http_methods(["GET", "POST"])
def check_response(request: HttpRequest, response_id) -> HttpResponse:
    response = get_response_to_check(request, response_id)
    if response.text_check != TextCheck.WAITING:
        messages.info(request, "These words have already been checked.")
        return redirect("voice:to-check")
    initial = {"what_helped": response.what_helped, "could_be_better": response.could_be_better}
    form = CheckWordsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_words(
                response=response,
                publish=form.cleaned_data["decision"] == "publish",
                what_helped=form.cleaned_data["what_helped"],
                could_be_better=form.cleaned_data["could_be_better"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Checked.")
            return redirect("voice:to-check")
    return render(request, "voice/staff/check.html", {"response": response, "form": form})


# --- the figures -----------------------------------------------------------------------------


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    audit.record(action=AuditAction.VIEW, request=request, reason="feedback figures")
    rows = queries.figure_rows()
    return render(
        request,
        "voice/staff/figures.html",
        {"rows": rows, "words": queries.published_words(rows)},
    )
