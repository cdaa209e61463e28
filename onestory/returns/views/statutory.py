"""The statutory return's pages: the return itself, its workbook and CSV, the records behind a
figure, and the commissioner's answers, mandatory questions and check."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.returns import actions, exports, report, rules
from onestory.returns import questions as q
from onestory.returns.access import drill_down
from onestory.returns.forms import AnswersForm, MandatoryForm, year_from
from onestory.returns.models import StatutoryReturn
from onestory.returns.periods import FinancialYear

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_year(form) -> HttpResponse:
    problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return HttpResponse(
        f"Choose a financial year. {problems}", status=400, content_type="text/plain; charset=utf-8"
    )


def _back(year: FinancialYear) -> str:
    return f"{reverse('returns:index')}?year={year.code}"


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form, year = year_from(request)
    context = {"form": form, "year": year}
    if year is not None:
        context["report"] = report.build(year)
        context["may_prepare"] = request.user.has_permission(Permission.PREPARE_RETURN)
        audit.record(
            action=AuditAction.VIEW, request=request, reason=f"statutory return {year.code}"
        )
    return render(request, "returns/return.html", context)


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    form, year = year_from(request)
    if year is None:
        return _bad_year(form)
    built = report.build(year)
    audit.record(
        action=AuditAction.EXPORT, request=request, reason=f"statutory return {year.code} ({kind})"
    )
    if kind == "csv":
        response = HttpResponse(exports.csv_text(built), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.workbook_bytes(built), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="safe-accommodation-return-{year.code}.{kind}"'
    )
    return response


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def workbook(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def csv_file(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def records(request: HttpRequest) -> HttpResponse:
    """The records one figure (or one data-quality check) counted, as far as the user may
    see them."""
    form, year = year_from(request)
    if year is None:
        return _bad_year(form)
    key, check = request.GET.get("figure", ""), request.GET.get("check", "")
    checks = dict(rules.QUALITY_CHECKS)
    question = q.QUESTION_BY_KEY.get(key)
    if check in checks:
        built = report.build(year)
        figure = next(f for k, _, f in built.quality if k == check)
        title, published = checks[check], str(figure.count)
    elif question is not None and question.source == q.RECORDS and question.kind == q.COUNT:
        built = report.build(year)
        figure = built.figures.get(key, rules.Figure(key))
        line = next(line for line in built.lines if line.question.key == key)
        title, published = f"{question.ref} {question.label}", line.shown
    else:
        return HttpResponse(
            "Choose a figure of the return.", status=400, content_type="text/plain; charset=utf-8"
        )
    found = drill_down(request, figure, what=f"{year.code} {key or check}")
    return render(
        request,
        "returns/records.html",
        {
            "year": year,
            "title": title,
            "published": published,
            "found": found,
            "sees_persons": request.user.has_permission(Permission.VIEW_PERSON),
            "back": _back(year),
        },
    )


@staff_view(Permission.PREPARE_RETURN)
@require_http_methods(["GET", "POST"])
def answers(request: HttpRequest) -> HttpResponse:
    form_year, year = year_from(request)
    if year is None:
        return _bad_year(form_year)
    stored = StatutoryReturn.objects.filter(first_year=year.first).first()
    initial = dict(stored.answers.values_list("key", "value")) if stored else {}
    if request.method == "POST":
        form = AnswersForm(request.POST, initial_answers=initial)
        if form.is_valid():
            try:
                actions.enter_answers(
                    year=year,
                    answers={key: form.cleaned_data.get(key) or "" for key in q.ENTERED_KEYS},
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, "The answers are saved.")
                return redirect(_back(year))
    else:
        form = AnswersForm(initial_answers=initial)
    sections = [
        (
            section,
            [form[key] for key in q.ENTERED_KEYS if q.QUESTION_BY_KEY[key].section == section.key],
        )
        for section in q.SECTIONS
        if section.key in ("quality", "strategy", "finance")
    ]
    return render(
        request,
        "returns/answers.html",
        {"form": form, "sections": sections, "year": year, "back": _back(year)},
    )


@staff_view(Permission.PREPARE_RETURN)
@require_http_methods(["GET", "POST"])
def mandatory(request: HttpRequest) -> HttpResponse:
    form_year, year = year_from(request)
    if year is None:
        return _bad_year(form_year)
    settings = actions.settings_for(year)
    current = [
        question.key for question in q.QUESTIONS if settings.get(question.key, question.mandatory)
    ]
    if request.method == "POST":
        form = MandatoryForm(request.POST)
        if form.is_valid():
            changed = actions.set_mandatory(
                year=year,
                mandatory=set(form.cleaned_data["mandatory"]),
                by=request.user,
                request=request,
            )
            messages.success(
                request,
                f"Saved: {len(changed)} question{'s' if len(changed) != 1 else ''} changed.",
            )
            return redirect(_back(year))
    else:
        form = MandatoryForm(initial={"mandatory": current})
    return render(
        request, "returns/mandatory.html", {"form": form, "year": year, "back": _back(year)}
    )


@staff_view(Permission.PREPARE_RETURN)
@require_POST
def check(request: HttpRequest) -> HttpResponse:
    form_year, year = year_from(request)
    if year is None:
        return _bad_year(form_year)
    try:
        actions.mark_checked(year=year, by=request.user, request=request)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, f"The return for {year.code} is marked as checked.")
    return redirect(_back(year))
