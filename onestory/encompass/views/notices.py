"""Operation Encompass pages for one school notice: the notice itself (to print or
download), and recording that it was sent. A school's safeguarding lead reads its notices
here too (see ``encompass.access``); only the agency that prepared one records its sending."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.directory.models import Contact
from onestory.encompass import actions, rules
from onestory.encompass.access import (
    get_notice_for_user,
    holds,
    may_record_sending,
    reads_as_school,
)
from onestory.encompass.forms import SendingForm
from onestory.encompass.models import EncompassNotice
from onestory.encompass.notice import NOTICE_FIELDS, document_pdf, notice_content
from onestory.encompass.views.notifications import encompass_view, not_here, notice_view
from onestory.marac.forms import show_errors


def _lead(notice: EncompassNotice) -> Contact | None:
    return notice.school.contacts.filter(designated_safeguarding_lead=True).first()


@notice_view
@require_GET
def notice_detail(request: HttpRequest, encompass_notice_id: int) -> HttpResponse:
    notice = get_notice_for_user(request, encompass_notice_id)
    notification = notice.notification
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=notice,
        person_id=notice.child_id,
        fields=["school", "dsl_name", "sent_at", *NOTICE_FIELDS],
    )
    return render(
        request,
        "encompass/notice.html",
        {
            "notice": notice,
            "notification": notification,
            "lines": notice_content(notice).lines(),
            "lead": _lead(notice),
            "status": rules.notice_status(
                due_at=notice.due_at, sent_at=notice.sent_at, now=timezone.now()
            ),
            "may_send": may_record_sending(request.user, notice) and not notice.is_sent,
            # A school's lead sees its notice, never the notification behind it.
            "holds_notification": holds(request.user, notification),
            "for_school": reads_as_school(request.user, notice),
        },
    )


@notice_view
@require_POST
def acknowledge(request: HttpRequest, encompass_notice_id: int) -> HttpResponse:
    """The school confirms it has the notice; the agency that sent it sees that."""
    notice = get_notice_for_user(request, encompass_notice_id)
    actions.acknowledge_notice(notice=notice, by=request.user, request=request)
    messages.success(request, "Thank you. The sender can now see that you have the notice.")
    return redirect("encompass:notice", notice.pk)


@notice_view
@require_GET
def notice_pdf(request: HttpRequest, encompass_notice_id: int) -> HttpResponse:
    notice = get_notice_for_user(request, encompass_notice_id)
    document = document_pdf(notice_content(notice), school_name=notice.school.name)
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        obj=notice,
        person_id=notice.child_id,
        fields=list(NOTICE_FIELDS),
        reason="school notice downloaded to send",
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="school-notice-{notice.pk}.pdf"'
    return response


@encompass_view
@require_http_methods(["GET", "POST"])
def record_sent(request: HttpRequest, encompass_notice_id: int) -> HttpResponse:
    notice = get_notice_for_user(request, encompass_notice_id)
    if not may_record_sending(request.user, notice):
        return not_here(request)
    if notice.is_sent:
        messages.info(request, "This notice's sending is already recorded.")
        return redirect("encompass:notice", notice.pk)
    lead = _lead(notice)
    now = timezone.localtime()
    form = SendingForm(
        posted(request),
        occurred_at=notice.notification.occurred_at,
        initial={
            "dsl_name": lead.name if lead else "",
            "sent_on": now.date(),
            "sent_time": now.strftime("%H:%M"),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_sending(
                notice=notice,
                method=data["method"],
                dsl_name=data["dsl_name"],
                sent_at=form.sent_at(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Sending recorded.")
            return redirect("encompass:notice", notice.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=notice,
        person_id=notice.child_id,
        fields=["school", "dsl_name"],
        reason="recording a school notice's sending",
    )
    return render(
        request,
        "encompass/sent.html",
        {"notice": notice, "form": form, "lead": lead},
    )
