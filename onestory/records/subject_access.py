"""A subject access request: everything OneStory holds about one person, as one document.

What is held is found from the field registry rather than from a list kept by hand: every
person-level model, every row that reaches the person through its foreign keys (directly,
or through a case, a referral or an assessment), and every classified field of that row.
A model added later is therefore in the document the day it is registered.

Location-secret parts are marked, field by field and row by row (a note or referral saved
as location-secret), so that whoever answers the request can decide, before release, what
may safely be sent to the address the person gave. Staff whose grant does not carry
location see the marking and "withheld" instead of the value.

Other people recorded as connected to the person (on the rows copied in: a partner, the
person using harm, the children) are shown as ``[third party]``, and their names are replaced
in the free text too (``redaction``); the document says how many mentions were replaced.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from onestory.access.policy import Grant
from onestory.core.registry import FieldClass, classification, person_level_models
from onestory.people.models import Person, PersonName
from onestory.records.redaction import MARK, name_pattern, redact

MAX_DEPTH = 3
# The foreign keys that make a row *about* the person (its subject). A row that only names
# the person on someone else's record (the person using harm on a victim's MARAC referral,
# a child on a parent's assessment, the other side of a connection) holds other people's
# information: it is listed by kind and number for review, never copied into the document.
SUBJECT_FIELDS = {"pk", "merged_into", "person", "victim", "child"}


@dataclass(frozen=True)
class Item:
    label: str
    value: str
    secret: bool  # location-secret: marked in the document
    withheld: bool = False
    free_text: bool = False  # words someone typed, where other people may be named
    redacted: int = 0  # mentions of third parties replaced


@dataclass
class Entry:
    pk: int
    title: str
    secret: bool
    items: list[Item] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)
    # Rows on other people's records that name this person: numbers only.
    named_on: list[int] = field(default_factory=list)

    @property
    def secret_count(self) -> int:
        return sum(1 for e in self.entries if e.secret or any(i.secret for i in e.items))


@dataclass
class Document:
    person: Person
    sections: list[Section]
    third_parties: int = 0

    @property
    def redacted(self) -> int:
        return sum(i.redacted for s in self.sections for e in s.entries for i in e.items)

    @property
    def row_count(self) -> int:
        return sum(len(s.entries) for s in self.sections)

    @property
    def counts(self) -> dict[str, int]:
        return {s.title: len(s.entries) for s in self.sections if s.entries}

    @property
    def named_on(self) -> list[Section]:
        return [s for s in self.sections if s.named_on]


def paths_to_person(model: type[models.Model], depth: int = MAX_DEPTH) -> list[str]:
    """The lookups from ``model`` to a person, through person-level models only, up to
    ``depth`` foreign keys long (``["person"]``, ``["case__person"]``, ...)."""
    if model is Person:
        return ["pk", "merged_into"]
    registered = set(person_level_models())
    found: list[str] = []
    frontier: list[tuple[type[models.Model], str]] = [(model, "")]
    for _ in range(depth):
        nxt = []
        for current, prefix in frontier:
            for f in current._meta.get_fields():
                forward = f.many_to_one or f.one_to_one or f.many_to_many
                if not (f.is_relation and f.concrete and forward):
                    continue
                target = f.related_model
                lookup = f"{prefix}{f.name}"
                if target is Person:
                    found.append(lookup)
                elif target in registered and target is not current:
                    nxt.append((target, f"{lookup}__"))
        frontier = nxt
    return found


def _person(related: Person, subject: set[int], others: set[int]) -> str:
    if related.pk in subject:
        return f"{related.display_name} (person {related.pk})"
    others.add(related.pk)
    return MARK


def _display(obj: models.Model, name: str, subject: set[int], others: set[int]) -> str:
    f = obj._meta.get_field(name)
    if f.many_to_many:
        return "; ".join(
            _person(o, subject, others) if isinstance(o, Person) else str(o)
            for o in getattr(obj, name).all()
        )
    if f.is_relation:
        related = getattr(obj, name)
        if related is None:
            return ""
        if isinstance(related, Person):
            return _person(related, subject, others)
        full_name = getattr(related, "get_full_name", None)
        return (full_name() if full_name else "") or str(related)
    value = getattr(obj, name)
    if value is None or value == "":
        return ""
    if getattr(f, "choices", None) and not isinstance(value, list):
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    verbose = str(model._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def _is_free_text(f) -> bool:
    return isinstance(f, models.CharField | models.TextField) and not f.choices


def _entry(obj: models.Model, grant: Grant, subject: set[int], others: set[int]) -> Entry:
    model = type(obj)
    try:
        flag = model._meta.get_field("location_secret")
    except FieldDoesNotExist:
        flag = None
    row_secret = isinstance(flag, models.BooleanField) and bool(obj.location_secret)
    title = str(model._meta.verbose_name)
    entry = Entry(obj.pk, f"{title[:1].upper()}{title[1:]} {obj.pk}", secret=row_secret)
    for name, cls in classification(model).items():
        if name == "id":
            continue
        secret = row_secret or cls == FieldClass.LOCATION_SECRET
        value = _display(obj, name, subject, others)
        if value == "":
            continue
        if secret and not grant.location:
            entry.items.append(Item(_label(model, name), "", secret=True, withheld=True))
        else:
            free = _is_free_text(model._meta.get_field(name)) and model is not Person
            entry.items.append(Item(_label(model, name), value, secret=secret, free_text=free))
    return entry


def _rows(model: type[models.Model], paths: list[str], person: Person) -> models.QuerySet:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{path: person.pk})
    rows = model._default_manager.filter(condition).distinct().order_by("pk")
    shown = [model._meta.get_field(name) for name in classification(model)]
    joined = [f.name for f in shown if f.is_relation and (f.many_to_one or f.one_to_one)]
    many = [f.name for f in shown if f.many_to_many]
    return rows.select_related(*joined).prefetch_related(*many)


def gather(person: Person, grant: Grant) -> Document:
    """Every registered row that reaches ``person``, one section per kind of record."""
    sections = []
    subject_ids = {person.pk, *person.merged_records.values_list("pk", flat=True)}
    others: set[int] = set()
    for model in sorted(person_level_models(), key=lambda m: (m is not Person, m._meta.label)):
        paths = paths_to_person(model)
        subject = [p for p in paths if p.rsplit("__", 1)[-1] in SUBJECT_FIELDS]
        named = [p for p in paths if p not in subject]
        entries = (
            [_entry(obj, grant, subject_ids, others) for obj in _rows(model, subject, person)]
            if subject
            else []
        )
        held = {e.pk for e in entries}
        named_rows = _rows(model, named, person).values_list("pk", flat=True) if named else []
        named_on = [pk for pk in named_rows if pk not in held]
        if entries or named_on:
            title = str(model._meta.verbose_name_plural)
            sections.append(Section(title[:1].upper() + title[1:], entries, named_on))
    _redact_third_parties(sections, person, subject_ids, others)
    return Document(person, sections, third_parties=len(others))


def _redact_third_parties(
    sections: list[Section], person: Person, subject: set[int], others: set[int]
) -> None:
    """Replace the names of ``others`` in every free-text item, keeping the subject's own."""
    own = [
        name
        for row in Person.objects.filter(pk__in=subject).values_list("given_name", "family_name")
        for name in row
    ]
    own += [
        name
        for row in PersonName.objects.filter(person__in=subject).values_list(
            "given_name", "family_name"
        )
        for name in row
    ]
    names = list(Person.objects.filter(pk__in=others).values_list("given_name", "family_name"))
    names += PersonName.objects.filter(person__in=others).values_list("given_name", "family_name")
    pattern = name_pattern(names, own)
    if pattern is None:
        return
    for section in sections:
        for entry in section.entries:
            for index, item in enumerate(entry.items):
                if item.free_text and not item.withheld:
                    value, count = redact(item.value, pattern)
                    if count:
                        entry.items[index] = replace(item, value=value, redacted=count)


def html(document: Document, *, produced_by, reference: str) -> str:
    return render_to_string(
        "people/subject_access_document.html",
        {
            "document": document,
            "person": document.person,
            "produced_by": produced_by,
            "produced_at": timezone.localtime(),
            "reference": reference,
        },
    )


def pdf(document: Document, *, produced_by, reference: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(document, produced_by=produced_by, reference=reference)).write_pdf()
