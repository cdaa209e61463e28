"""Writes to a year's return: the commissioner's answers, the mandatory questions of the
year, and marking the return as checked. Each is one transaction with an audit event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import Area, AreaLevel
from onestory.accounts.roles import Permission, RoleCannot
from onestory.audit.models import AuditAction
from onestory.returns import answers as rules
from onestory.returns import questions as q
from onestory.returns.models import EnteredAnswer, QuestionSetting, StatutoryReturn
from onestory.returns.periods import FinancialYear


def _require(by) -> None:
    if not by.has_permission(Permission.PREPARE_RETURN):
        raise RoleCannot(Permission.PREPARE_RETURN)


def council_area() -> Area | None:
    """The partnership's local authority: the area the return is for."""
    return Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY).order_by("code").first()


def _return_for(year: FinancialYear, by) -> StatutoryReturn:
    found = StatutoryReturn.objects.select_for_update().filter(first_year=year.first).first()
    if found is None:
        found = StatutoryReturn.objects.create(
            first_year=year.first, area=council_area(), created_by=by
        )
    return found


def enter_answers(
    *, year: FinancialYear, answers: dict[str, str], by, request: HttpRequest | None = None
) -> StatutoryReturn:
    """Save the commissioner's answers (all of them checked first, all or nothing). A change
    takes back the mark that the return was checked."""
    _require(by)
    unknown = set(answers) - set(q.ENTERED_KEYS)
    if unknown:
        raise ValidationError(
            {key: "This question is not one the commissioner answers" for key in unknown}
        )
    cleaned, errors = {}, {}
    for key, text in answers.items():
        cleaned[key], error = rules.clean_answer(
            q.QUESTION_BY_KEY[key].kind, text, year_end=year.end
        )
        if error:
            errors[key] = error
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        statutory_return = _return_for(year, by)
        stored = {a.key: a for a in statutory_return.answers.all()}
        changed = []
        for key, value in cleaned.items():
            before = stored.get(key)
            if before is not None and before.value == value:
                continue
            if before is not None and not value:
                before.delete()
            elif before is not None:
                before.value, before.entered_by, before.entered_at = value, by, now
                before.save(update_fields=["value", "entered_by", "entered_at"])
            elif value:
                EnteredAnswer.objects.create(
                    statutory_return=statutory_return,
                    key=key,
                    value=value,
                    entered_by=by,
                    entered_at=now,
                )
            else:
                continue
            changed.append(key)
        if changed and statutory_return.checked_at is not None:
            statutory_return.checked_at = statutory_return.checked_by = None
            statutory_return.save(update_fields=["checked_at", "checked_by"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=statutory_return,
            fields=changed,
            reason=f"answers to the return for {year.code}",
        )
    return statutory_return


def set_mandatory(
    *, year: FinancialYear, mandatory: set[str], by, request: HttpRequest | None = None
) -> list[str]:
    """Mark which questions are mandatory in ``year`` (the rest voluntary). Returns the keys
    whose setting changed."""
    _require(by)
    unknown = mandatory - set(q.QUESTION_BY_KEY)
    if unknown:
        raise ValidationError({"mandatory": "Select questions from the list"})
    now = timezone.now()
    with transaction.atomic():
        stored = {
            s.key: s
            for s in QuestionSetting.objects.select_for_update().filter(first_year=year.first)
        }
        changed = []
        for question in q.QUESTIONS:
            wanted = question.key in mandatory
            setting = stored.get(question.key)
            current = setting.mandatory if setting is not None else question.mandatory
            if current == wanted:
                continue
            if setting is None:
                QuestionSetting.objects.create(
                    first_year=year.first, key=question.key, mandatory=wanted, set_by=by, set_at=now
                )
            else:
                setting.mandatory, setting.set_by, setting.set_at = wanted, by, now
                setting.save(update_fields=["mandatory", "set_by", "set_at"])
            changed.append(question.key)
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            fields=changed,
            reason=f"mandatory questions of the return for {year.code}",
        )
    return changed


def mark_checked(*, year: FinancialYear, by, request: HttpRequest | None = None) -> StatutoryReturn:
    """The commissioner says the return is checked: refused while a mandatory answer is missing."""
    _require(by)
    with transaction.atomic():
        statutory_return = _return_for(year, by)
        entered = dict(statutory_return.answers.values_list("key", "value"))
        missing = rules.missing_mandatory(settings_for(year), entered)
        if missing:
            labels = ", ".join(q.QUESTION_BY_KEY[key].label.lower() for key in missing)
            raise ValidationError({"checked": f"Answer the mandatory questions first: {labels}"})
        statutory_return.checked_by, statutory_return.checked_at = by, timezone.now()
        statutory_return.save(update_fields=["checked_by", "checked_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=statutory_return,
            fields=["checked_by", "checked_at"],
            reason=f"return for {year.code} marked as checked",
        )
    return statutory_return


def settings_for(year: FinancialYear) -> dict[str, bool]:
    return dict(
        QuestionSetting.objects.filter(first_year=year.first).values_list("key", "mandatory")
    )
