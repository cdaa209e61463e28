"""Helpers shared by the case-work views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases.models import Case


def show_refusal(form: forms.Form, error: ValidationError, rename: dict | None = None) -> None:
    """Show an action's refusal next to the fields it names, or above the form."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = rename.get(name, name)
            target = name if name in form.fields else None
            for message in errors:
                for text in message.messages:
                    form.add_error(target, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


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


def posted(request: HttpRequest):
    """The form data on a POST, even when every box was left empty; None on a GET."""
    return request.POST if request.method == "POST" else None
