"""Which benchmark questions the records could answer at all.

The county's records carry their own slips, independently of the slips in a question, so
some questions share nothing with any record of the person the searcher may see beyond a
given name and a year of birth: "Rebecca Brown, born 1980" when the only record is
"Rebecca Cook, born 2 October 1980", or "Anne Cole, born 11 July 2000" when the only record
is "Anne Fox" with no date of birth. Nobody could pick that person out from the hundreds
who share a given name and a year. Such questions are counted apart, so the benchmark
reports recall both over every question and over those the records could answer.

A question is answerable when one of the right records agrees with it on a family name (any
of the record's names, in any form the scorer recognises: the same, one part, the same
sound, a slip) or on a date of birth to at least the month.
"""

from __future__ import annotations

from onestory.people.dates import compare_birth_dates, parse_iso
from onestory.people.matching import as_record
from onestory.people.models import Person
from onestory.people.scoring import Query, Record, compare_family

# compare_birth_dates' figure for agreeing on year and month (or better).
MONTH_AGREES = 0.5


def could_answer(query: Query, record: Record) -> bool:
    """Whether ``record`` shares with ``query`` more than a given name and a year."""
    if any(compare_family(query.family, name.family).score > 0 for name in record.names):
        return True
    asked = query.date_of_birth
    if record.date_of_birth is None or asked is None or asked.month is None:
        return False
    agreement = compare_birth_dates(asked, record.date_of_birth)
    return agreement is not None and agreement.score >= MONTH_AGREES


def answerable(questions) -> list[bool]:
    """For each question, whether one of its (visible) right records could answer it."""
    wanted = {pk for question in questions for pk in question.records}
    records: dict[int, Record] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), 1000):
        batch = Person.objects.filter(pk__in=ids[start : start + 1000])
        for person in batch.prefetch_related("other_names"):
            records[person.pk] = as_record(person)
    flags = []
    for question in questions:
        born = parse_iso(question.date_of_birth) if question.date_of_birth else None
        query = Query.build(question.name, born)
        flags.append(
            any(could_answer(query, records[pk]) for pk in question.records if pk in records)
        )
    return flags
