"""What a school is told, and the notice as a document to send.

A notice holds five things and nothing else: the police reference, the date and time of the
incident, the brief circumstances, and the child's name and date of birth. It is built
here, in one place, from those fields alone, so no address, no contact details and no one
else's name can reach a school by way of a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from onestory.core.formats import govuk_time
from onestory.encompass.rules import LONDON

# What the notice holds, in the order a school reads it.
NOTICE_FIELDS = (
    "police_reference",
    "occurred_at",
    "circumstances",
    "child_name",
    "child_date_of_birth",
)


@dataclass(frozen=True)
class NoticeContent:
    police_reference: str
    occurred_at: datetime
    circumstances: str
    child_name: str
    child_date_of_birth: date | None

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs, as shown on the page and in the document."""
        local = self.occurred_at.astimezone(LONDON)
        born = self.child_date_of_birth
        return [
            ("Police reference", self.police_reference),
            (
                "Date and time of the incident",
                f"{local:%A} {local.day} {local:%B %Y} at {govuk_time(local)}",
            ),
            ("What happened", self.circumstances),
            ("Child's name", self.child_name),
            (
                "Child's date of birth",
                f"{born.day} {born:%B %Y}" if born is not None else "Not known",
            ),
        ]


def notice_content(notice) -> NoticeContent:
    """The content of one notice, read from its notification and its child only."""
    notification = notice.notification
    child = notice.child
    return NoticeContent(
        police_reference=notification.police_reference,
        occurred_at=notification.occurred_at,
        circumstances=notification.circumstances,
        child_name=child.display_name,
        child_date_of_birth=child.date_of_birth,
    )


def document_html(content: NoticeContent, *, school_name: str) -> str:
    """The notice as a printable page, addressed to the school's safeguarding lead."""
    return render_to_string(
        "encompass/document.html",
        {
            "lines": content.lines(),
            "school_name": school_name,
            "produced_at": timezone.localtime(),
        },
    )


def document_pdf(content: NoticeContent, *, school_name: str) -> bytes:
    # Imported here: WeasyPrint loads its fonts and libraries on first use.
    from weasyprint import HTML

    return HTML(string=document_html(content, school_name=school_name)).write_pdf()
