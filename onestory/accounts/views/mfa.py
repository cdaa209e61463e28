"""Two-step verification: every member of staff proves they hold their authenticator app.

After the password, ``two_step`` sends someone with no set-up app to ``enrol`` (a QR code
and the secret to type in) and everyone else to ``verify`` (a 6-digit code).
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.accounts import actions
from onestory.accounts.actions import CodeCheck, CodeOutcome
from onestory.accounts.decorators import StaffRequest, is_verified, signed_in_view
from onestory.accounts.forms import TwoStepCodeForm

DEMO_DEVICE_REFUSED = (
    "This account's two-step verification uses the demonstration secret, which anyone can "
    "find, so it cannot be used on this live service. Ask your team manager or a system "
    "administrator to reset your two-step verification, then set it up again."
)
WRONG_CODE = (
    "That code is not right. Enter the 6-digit code your authenticator app shows now. "
    "If it keeps failing, check the time on your phone is set automatically."
)


def safe_next(request: StaffRequest) -> str:
    """Where to go afterwards: the ``next`` asked for if it stays on this site, else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home:home")


def _to(url_name: str, destination: str) -> HttpResponseRedirect:
    return redirect(f"{reverse(url_name)}?{urlencode({'next': destination})}")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _check_message(check: CodeCheck) -> str:
    if check.outcome == CodeOutcome.WAIT:
        unit = "second" if check.wait_seconds == 1 else "seconds"
        return (
            f"You have entered too many wrong codes. Wait {check.wait_seconds} {unit}, "
            "then enter the newest code from your app."
        )
    if check.outcome == CodeOutcome.DEMO_SECRET:
        return DEMO_DEVICE_REFUSED
    return WRONG_CODE


def _complete(request: StaffRequest, device: TOTPDevice, destination: str) -> HttpResponse:
    """Mark this session as verified by ``device``; a new session key marks the new trust."""
    request.session.cycle_key()
    django_otp.login(request, device)
    return redirect(destination)


def _page(request: StaffRequest, template: str, context: dict) -> HttpResponse:
    # Until the second step is done, the service's menu leads nowhere: leave it out.
    return render(request, template, {"navigation": [], **context})


@signed_in_view(needs_mfa=False)
@require_GET
def two_step(request: StaffRequest) -> HttpResponse:
    destination = safe_next(request)
    if is_verified(request):
        return redirect(destination)
    if confirmed_device(request.user) is None:
        return _to("accounts:mfa-enrol", destination)
    return _to("accounts:mfa-verify", destination)


@signed_in_view(needs_mfa=False)
@require_http_methods(["GET", "POST"])
def verify(request: StaffRequest) -> HttpResponse:
    destination = safe_next(request)
    if is_verified(request):
        return redirect(destination)
    device = confirmed_device(request.user)
    if device is None:
        return _to("accounts:mfa-enrol", destination)
    form = TwoStepCodeForm(request.POST or None)
    refusal = DEMO_DEVICE_REFUSED if actions.uses_demo_secret(device) else ""
    if request.method == "POST" and (refusal or form.is_valid()):
        code = "" if refusal else form.cleaned_data["code"]
        check = actions.check_two_step_code(
            by=request.user, device=device, code=code, request=request
        )
        if check.accepted:
            return _complete(request, device, destination)
        if not refusal:
            form.add_error("code", _check_message(check))
    context = {"form": form, "next": destination, "refusal": refusal}
    return _page(request, "accounts/mfa_verify.html", context)


def grouped_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as people type it into an app."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The app set-up link (``otpauth://``, named by ``OTP_TOTP_ISSUER`` and the username) as
    an inline SVG QR code: no script, no style, nothing fetched from elsewhere."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(
        scale=5,
        border=4,
        dark="#0b0c0c",
        light="#ffffff",
        svgclass="onestory-qr-code",
        lineclass=None,
    )
    label = escape("QR code to scan with your authenticator app")
    return mark_safe(  # noqa: S308 (segno's own SVG markup, with an escaped label)
        svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    )


@signed_in_view(needs_mfa=False)
@require_http_methods(["GET", "POST"])
def enrol(request: StaffRequest) -> HttpResponse:
    destination = safe_next(request)
    if is_verified(request):
        return redirect(destination)
    if confirmed_device(request.user) is not None:
        return _to("accounts:mfa-verify", destination)
    device = actions.start_enrolment(by=request.user)
    form = TwoStepCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = actions.check_two_step_code(
            by=request.user, device=device, code=form.cleaned_data["code"], request=request
        )
        if check.accepted:
            messages.success(request, "Two-step verification is set up.")
            return _complete(request, device, destination)
        form.add_error("code", _check_message(check))
    context = {
        "form": form,
        "next": destination,
        "qr_code": qr_code_svg(device),
        "secret": grouped_secret(device),
    }
    return _page(request, "accounts/mfa_enrol.html", context)
