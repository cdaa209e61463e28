"""A meeting's minutes as a PDF document, from an HTML template (WeasyPrint).

The minutes hold what was shared at the meeting, so they are marked OFFICIAL-SENSITIVE,
go only to the MARAC's coordinators, and every download is audited for each case.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from onestory.marac.models import AgendaItem, Meeting


def html(meeting: Meeting, items: list[AgendaItem], *, produced_by) -> str:
    members = list(meeting.marac.members.order_by("name"))
    researched = sorted({r.agency.name for item in items for r in item.research.all()})
    return render_to_string(
        "marac/minutes.html",
        {
            "meeting": meeting,
            "items": items,
            "members": members,
            "researched": researched,
            "produced_by": produced_by,
            "produced_at": timezone.localtime(),
        },
    )


def pdf(meeting: Meeting, items: list[AgendaItem], *, produced_by) -> bytes:
    # Imported here: WeasyPrint loads its fonts and libraries on first use, which only
    # the minutes need.
    from weasyprint import HTML

    return HTML(string=html(meeting, items, produced_by=produced_by)).write_pdf()
