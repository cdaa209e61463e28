"""What each step of a disclosure application must say, as pure functions returning
problems by field (empty when all is well). The actions refuse with them; the forms show
them next to the fields."""

from __future__ import annotations

from datetime import date

NAME_LENGTH = 200


def _happened(problems: dict, field: str, day: date | None, label: str, today: date) -> None:
    if day is None:
        problems[field] = f"Enter the date of the {label}"
    elif day > today:
        problems[field] = f"The date of the {label} must be today or in the past"


def _not_before(problems: dict, field: str, day, earlier, what: str) -> None:
    if field not in problems and day is not None and earlier is not None and day < earlier:
        problems[field] = f"The date cannot be before the {what}"


def application_problems(
    *,
    route: str,
    asker: str,
    applicant_name: str,
    applicant_contact: str,
    subject_name: str,
    at_risk_name: str,
    concern: str,
    first_contact_on: date | None,
    today: date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if route not in ("ask", "know"):
        problems["route"] = "Choose the route the application came by"
    if route == "ask":
        if asker not in ("at_risk", "third_party"):
            problems["asker"] = "Choose who asked"
        if not applicant_name.strip():
            problems["applicant_name"] = "Enter the applicant's name"
        if not applicant_contact.strip():
            problems["applicant_contact"] = "Enter how to contact the applicant safely"
    if route == "know" and (asker or applicant_name.strip() or applicant_contact.strip()):
        problems["route"] = "A right to know application has no applicant: leave them out"
    if not subject_name.strip():
        problems["subject_name"] = "Enter the name of the person asked about"
    if not at_risk_name.strip():
        problems["at_risk_name"] = "Enter the name of the person at risk"
    if not concern.strip():
        problems["concern"] = "Say what prompted the application"
    _happened(problems, "first_contact_on", first_contact_on, "first contact", today)
    return problems


def meeting_problems(
    *,
    route: str,
    meeting_on: date | None,
    identity_checked: bool,
    first_contact_on: date,
    today: date,
) -> dict[str, str]:
    if route != "ask":
        return {"meeting_on": "A right to know application has no applicant to meet"}
    problems: dict[str, str] = {}
    _happened(problems, "meeting_on", meeting_on, "meeting", today)
    _not_before(problems, "meeting_on", meeting_on, first_contact_on, "first contact")
    if not identity_checked:
        problems["identity_checked"] = (
            "Confirm the applicant's identity was checked: an application goes no further "
            "without it"
        )
    return problems


def risk_problems(
    *, risk_assessed_on: date | None, risk_level: str, first_contact_on: date, today: date
) -> dict[str, str]:
    problems: dict[str, str] = {}
    _happened(problems, "risk_assessed_on", risk_assessed_on, "risk assessment", today)
    _not_before(problems, "risk_assessed_on", risk_assessed_on, first_contact_on, "first contact")
    if risk_level not in ("standard", "medium", "high"):
        problems["risk_level"] = "Choose the level of risk"
    return problems


def check_problems(*, agency_ids: list[int], already_asked: set[int], closed: bool) -> dict:
    if closed:
        return {"agencies": "The application is closed: no more checks can be asked"}
    if not agency_ids:
        return {"agencies": "Choose at least one agency to ask"}
    again = set(agency_ids) & already_asked
    if again:
        return {"agencies": "An agency you chose has already been asked"}
    return {}


def reply_problems(*, reply: str, information: str, replied: bool) -> dict[str, str]:
    if replied:
        return {"reply": "Your agency has already replied to this check"}
    if reply not in ("holds", "nothing"):
        return {"reply": "Say whether your agency holds relevant information"}
    if reply == "holds" and not information.strip():
        return {"information": "Say what your agency holds"}
    return {}


def decision_problems(
    *,
    route: str,
    meeting_done: bool,
    risk_done: bool,
    checks_asked: int,
    decided: bool,
    decision: str,
    reasons: str,
    decided_by: str,
    decision_on: date | None,
    first_contact_on: date,
    today: date,
) -> dict[str, str]:
    if decided:
        return {"decision": "The decision is already recorded"}
    problems: dict[str, str] = {}
    if route == "ask" and not meeting_done:
        problems["decision"] = "Meet the applicant and check their identity before the decision"
    elif not risk_done:
        problems["decision"] = "Record the risk assessment before the decision"
    elif checks_asked == 0:
        problems["decision"] = "Ask at least one partner agency what it holds before the decision"
    if "decision" not in problems and decision not in ("disclose", "no_disclosure"):
        problems["decision"] = "Choose whether to disclose"
    if not reasons.strip():
        problems["decision_reasons"] = "Give the reasons for the decision"
    if not decided_by.strip():
        problems["decided_by"] = "Say who took the decision: the agencies and their roles"
    _happened(problems, "decision_on", decision_on, "decision", today)
    _not_before(problems, "decision_on", decision_on, first_contact_on, "first contact")
    return problems


def disclosure_problems(
    *,
    decision: str,
    disclosed: bool,
    disclosed_on: date | None,
    disclosed_to: str,
    disclosed_to_name: str,
    safety_plan: str,
    service_offered: bool,
    service_offered_name: str,
    decision_on: date | None,
    today: date,
) -> dict[str, str]:
    if disclosed:
        return {"disclosed_on": "The disclosure is already recorded"}
    if decision != "disclose":
        return {"disclosed_on": "Only a decision to disclose leads to a disclosure"}
    problems: dict[str, str] = {}
    _happened(problems, "disclosed_on", disclosed_on, "disclosure", today)
    _not_before(problems, "disclosed_on", disclosed_on, decision_on, "decision")
    if disclosed_to not in ("at_risk", "applicant", "other"):
        problems["disclosed_to"] = "Choose who was told"
    elif disclosed_to == "other" and not disclosed_to_name.strip():
        problems["disclosed_to_name"] = "Enter the name of the person told"
    if not safety_plan.strip():
        problems["safety_plan"] = "Record the safety plan made with the person told"
    if service_offered and not service_offered_name.strip():
        problems["service_offered_name"] = "Name the specialist service offered"
    return problems
