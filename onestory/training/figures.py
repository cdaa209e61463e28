"""The year's rows from the database, handed to the pure ``reach`` rules."""

from __future__ import annotations

from onestory.training.models import Attendance, Session, StaffRole, Workforce
from onestory.training.reach import Feedback, Reach, Row, reach, year_span


def reach_for_year(year: int) -> Reach:
    first, last = year_span(year)
    sessions = Session.objects.filter(held_on__range=(first, last))
    roles = dict(StaffRole.choices)
    rows = [
        Row(session_id, course, agency, roles.get(role, role), people)
        for session_id, course, agency, role, people in Attendance.objects.filter(
            session__in=sessions
        ).values_list("session_id", "session__course__name", "agency__name", "role", "people")
    ]
    feedback = [
        Feedback(pk, count, mean)
        for pk, count, mean in sessions.values_list("pk", "feedback_count", "feedback_mean")
    ]
    workforce = dict(Workforce.objects.filter(year=year).values_list("agency__name", "staff"))
    return reach(
        session_ids=list(sessions.values_list("pk", flat=True)),
        rows=rows,
        feedback=feedback,
        workforce=workforce,
    )
