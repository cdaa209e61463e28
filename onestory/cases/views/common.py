"""Helpers shared by the case-work views."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases.models import Case


def case_form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    intro: str = "",
    back: str = "",
    shown=("person",),
    template: str = "cases/case_form.html",
    extra: dict | None = None,
) -> HttpResponse:
    """A form about one case. Showing it reads what it shows, so a GET is audited."""
    if request.method == "GET":
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=case,
            person_id=case.person_id,
            fields=set(shown),
        )
    context = {
        "case": case,
        "person": case.person,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "back": back,
        **(extra or {}),
    }
    return render(request, template, context)
