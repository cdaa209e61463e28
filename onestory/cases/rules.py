"""Rules for case work, as pure functions (no database, no request).

The actions gather the facts, ask these rules, and refuse with the messages they return,
keyed by the argument (and form field) each message belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from onestory.cases.choices import ClosureReason, NoteKind

# Closing -------------------------------------------------------------------------------


def closure_problems(
    *,
    reason: str,
    other_reason: str,
    follow_up_on: dt.date | None,
    today: dt.date,
    already_closed: bool,
) -> dict[str, str]:
    """What is wrong with closing a case this way; empty when it may close."""
    problems: dict[str, str] = {}
    if already_closed:
        problems["reason"] = "This case is already closed"
        return problems
    if reason not in ClosureReason.values:
        problems["reason"] = "Select why the case is closing"
    elif reason == ClosureReason.OTHER and not (other_reason or "").strip():
        problems["other_reason"] = "Say why the case is closing"
    if follow_up_on is not None and follow_up_on < today:
        problems["follow_up_on"] = "The follow-up date must be today or later"
    return problems


# Support plan --------------------------------------------------------------------------


def plan_action_problems(
    *,
    description: str,
    owner_worker_id: int | None,
    owner_other: str,
    owner_is_colleague: bool,
    due_on: dt.date | None,
) -> dict[str, str]:
    """What is wrong with a plan action. Every action needs someone to own it, and a date."""
    problems: dict[str, str] = {}
    if not (description or "").strip():
        problems["description"] = "Say what will be done"
    if owner_worker_id is None and not (owner_other or "").strip():
        problems["owner_worker"] = (
            "Say who will do this: choose a worker, or name someone else, such as the person"
        )
    elif owner_worker_id is not None and owner_other.strip():
        problems["owner_other"] = "Choose a worker or name someone else, not both"
    elif owner_worker_id is not None and not owner_is_colleague:
        problems["owner_worker"] = "Choose a worker from your agency"
    if due_on is None:
        problems["due_on"] = "Enter the date it should be done by"
    return problems


def is_overdue(due_on: dt.date, done: bool, today: dt.date) -> bool:
    return not done and due_on < today


# Contacts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstContact:
    """How long it took to reach the person after the case opened, and how many tries."""

    opened_at: dt.datetime
    first_attempt_at: dt.datetime | None
    first_contact_at: dt.datetime | None
    attempts_before_contact: int

    @property
    def time_to_first_contact(self) -> dt.timedelta | None:
        if self.first_contact_at is None:
            return None
        return max(self.first_contact_at - self.opened_at, dt.timedelta(0))

    @property
    def time_to_first_attempt(self) -> dt.timedelta | None:
        if self.first_attempt_at is None:
            return None
        return max(self.first_attempt_at - self.opened_at, dt.timedelta(0))


def first_contact(
    opened_at: dt.datetime, contacts: Iterable[tuple[str, dt.datetime]]
) -> FirstContact:
    """From (note kind, when) pairs: the first attempt, the first contact made, tries before it.

    Kinds other than contact and attempted contact are ignored. The first attempt counts a
    successful contact too (a call that was answered is also an attempt).
    """
    attempts = sorted(
        (when, kind)
        for kind, when in contacts
        if kind in (NoteKind.CONTACT, NoteKind.ATTEMPTED_CONTACT)
    )
    first_attempt_at = attempts[0][0] if attempts else None
    first_contact_at = None
    tries = 0
    for when, kind in attempts:
        if kind == NoteKind.CONTACT:
            first_contact_at = when
            break
        tries += 1
    return FirstContact(opened_at, first_attempt_at, first_contact_at, tries)


def describe_duration(duration: dt.timedelta | None) -> str:
    """``2 days 3 hours``, ``45 minutes``, ``under a minute``; "" for None."""
    if duration is None:
        return ""
    minutes = int(duration.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


# Documents -----------------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Extension → (content type, the bytes such a file starts with; any of them).
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "txt": ("text/plain", ()),
}
ALLOWED_EXTENSIONS_TEXT = "PDF, Word (.docx), OpenDocument text (.odt), JPEG, PNG or plain text"


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def document_problem(*, name: str, size: int, head: bytes) -> str | None:
    """Why a file may not be attached, or None. ``head`` is the file's first bytes."""
    if size == 0:
        return "The selected file is empty"
    if size > MAX_DOCUMENT_BYTES:
        return f"The selected file must be smaller than {MAX_DOCUMENT_BYTES // (1024 * 1024)}MB"
    kind = DOCUMENT_TYPES.get(extension(name))
    if kind is None:
        return f"The selected file must be a {ALLOWED_EXTENSIONS_TEXT}"
    _, signatures = kind
    if signatures and not any(head.startswith(signature) for signature in signatures):
        return "The selected file is not what its name says it is: check it and try again"
    if not signatures:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # The first bytes may end part-way through a character.
            try:
                head[:-3].decode("utf-8")
            except UnicodeDecodeError:
                return "The selected text file must be plain text"
    return None


def content_type_for(name: str) -> str:
    kind = DOCUMENT_TYPES.get(extension(name))
    return kind[0] if kind else "application/octet-stream"
